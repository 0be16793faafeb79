//===- NpyTest.cpp - .npy and .npz reading and writing --------------------===//

#include "fpx/Driver/Npy.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

#include <zip.h>

#include <cstring>

using namespace fpx::driver;

namespace {

/// An array whose bytes count up, so that any reordering shows.
HostArray makeArray(ElementType type, llvm::ArrayRef<int64_t> shape) {
  HostArray array(type, shape);
  for (size_t i = 0; i < array.data.size(); ++i)
    array.data[i] = char(i * 7 + 1);
  return array;
}

/// A .npy file with the given header dictionary, version and data.
std::string makeNpy(const std::string &dict, const std::string &data,
                    int version = 1) {
  std::string header = dict;
  size_t prefix = version == 1 ? 10 : 12;
  header.append((64 - (prefix + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string file = "\x93NUMPY";
  file += char(version);
  file += char(0);
  uint32_t length = header.size();
  file.append(reinterpret_cast<const char *>(&length), prefix - 8);
  return file + header + data;
}

std::string errorOf(llvm::Expected<HostArray> result) {
  if (result)
    return "no error";
  return toString(result.takeError());
}

const ElementType kAllTypes[] = {ElementType::F32, ElementType::F16,
                                 ElementType::BF16, ElementType::I32,
                                 ElementType::I64};

TEST(NpyTest, RoundTripsEveryTypeAndRank) {
  const llvm::SmallVector<int64_t> shapes[] = {
      {}, {3}, {2, 3}, {2, 1, 2}, {0, 4}};
  for (ElementType type : kAllTypes) {
    for (const auto &shape : shapes) {
      HostArray array = makeArray(type, shape);
      llvm::Expected<HostArray> parsed = parseNpy(encodeNpy(array), "t.npy");
      ASSERT_TRUE(bool(parsed)) << toString(parsed.takeError());
      EXPECT_EQ(parsed->type, type);
      EXPECT_EQ(parsed->shape, array.shape);
      EXPECT_EQ(parsed->data, array.data);
    }
  }
}

TEST(NpyTest, WritesNumPysHeader) {
  std::string file = encodeNpy(makeArray(ElementType::F32, {2, 3}));
  ASSERT_EQ(file.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  uint16_t headerSize;
  std::memcpy(&headerSize, file.data() + 8, 2);
  EXPECT_EQ((10 + headerSize) % 64, 0u);
  std::string header = file.substr(10, headerSize);
  EXPECT_EQ(header.back(), '\n');
  EXPECT_EQ(header.substr(0, header.find('}') + 1),
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
  EXPECT_EQ(file.size(), 10u + headerSize + 24);

  // Python's tuple syntax for one and zero dimensions, and the bf16 descr.
  EXPECT_NE(encodeNpy(makeArray(ElementType::I64, {5})).find("'shape': (5,)"),
            std::string::npos);
  EXPECT_NE(
      encodeNpy(makeArray(ElementType::BF16, {}))
          .find("{'descr': '<V2', 'fortran_order': False, 'shape': (), }"),
      std::string::npos);
}

TEST(NpyTest, ReadsOtherWritersHeaders) {
  std::string data(8, '\x01');
  // Keys in another order, double quotes, no trailing comma.
  llvm::Expected<HostArray> reordered = parseNpy(
      makeNpy("{\"shape\": (2,), 'fortran_order': False, 'descr': '<i4'}",
              data),
      "t.npy");
  ASSERT_TRUE(bool(reordered)) << toString(reordered.takeError());
  EXPECT_EQ(reordered->type, ElementType::I32);
  EXPECT_EQ(reordered->shape, llvm::SmallVector<int64_t>{2});

  // Version 2 (4-byte header length).
  llvm::Expected<HostArray> version2 = parseNpy(
      makeNpy("{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2), }",
              data, 2),
      "t.npy");
  ASSERT_TRUE(bool(version2)) << toString(version2.takeError());
  EXPECT_EQ(version2->type, ElementType::F16);

  // The spellings of bf16.
  for (const char *descr : {"bfloat16", "|V2", "<V2"}) {
    llvm::Expected<HostArray> bf16 =
        parseNpy(makeNpy(std::string("{'descr': '") + descr +
                             "', 'fortran_order': False, 'shape': (4,), }",
                         data),
                 "t.npy");
    ASSERT_TRUE(bool(bf16)) << toString(bf16.takeError());
    EXPECT_EQ(bf16->type, ElementType::BF16);
  }
}

TEST(NpyTest, RejectsWhatItDoesNotSupport) {
  auto header = [](const std::string &descr, const std::string &order,
                   const std::string &shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + order +
           ", 'shape': " + shape + ", }";
  };
  std::string data(24, '\0');
  EXPECT_EQ(errorOf(parseNpy("PK\x03\x04 not npy", "t.npy")),
            "t.npy: not a .npy file (no \\x93NUMPY magic)");
  EXPECT_EQ(errorOf(parseNpy(makeNpy(header("<f4", "False", "(2, 3)"), data, 4),
                             "t.npy")),
            "t.npy: unsupported .npy version 4; expected 1, 2 or 3");
  EXPECT_EQ(
      errorOf(parseNpy(std::string("\x93NUMPY\x01\x00\xff\x00{", 11), "t.npy")),
      "t.npy: truncated .npy header");
  EXPECT_EQ(errorOf(parseNpy(makeNpy(header(">f4", "False", "(2, 3)"), data),
                             "t.npy")),
            "t.npy: big-endian data ('>f4') is not supported; save the array "
            "little-endian");
  EXPECT_EQ(
      errorOf(parseNpy(makeNpy(header("<f8", "False", "(3,)"), data), "t.npy")),
      "t.npy: unsupported dtype '<f8'; supported: '<f4' (f32), '<f2' (f16), "
      "'<V2' or 'bfloat16' (bf16), '<i4' (i32), '<i8' (i64)");
  EXPECT_EQ(errorOf(parseNpy(makeNpy(header("<f4", "True", "(2, 3)"), data),
                             "t.npy")),
            "t.npy: Fortran-ordered arrays are not supported; save "
            "np.ascontiguousarray(a)");
  EXPECT_EQ(errorOf(parseNpy(
                makeNpy(header("<f4", "False", "(2, 3)"), data.substr(0, 20)),
                "t.npy")),
            "t.npy: has 20 bytes of data, but shape [2, 3] of f32 needs 24");
  EXPECT_EQ(
      errorOf(parseNpy(makeNpy(header("<f4", "False", "(2, 3)"), data + "xx"),
                       "t.npy")),
      "t.npy: has 26 bytes of data, but shape [2, 3] of f32 needs 24");
  EXPECT_EQ(
      errorOf(parseNpy(
          makeNpy(header("<f4", "False", "(4294967296, 4294967296)"), data),
          "t.npy")),
      "t.npy: the shape [4294967296, 4294967296] is too large");
  EXPECT_EQ(errorOf(parseNpy(makeNpy(header("<f4", "False", "(-1,)"), data),
                             "t.npy")),
            "t.npy: malformed .npy header: expected a non-negative size in the "
            "shape");
  EXPECT_EQ(errorOf(parseNpy(makeNpy("{'descr': '<f4', 'shape': (6,), }", data),
                             "t.npy")),
            "t.npy: malformed .npy header: the header needs 'descr', "
            "'fortran_order' and 'shape'");
  EXPECT_EQ(errorOf(parseNpy(makeNpy("{'descr': '<f4', 'descr': '<f4', "
                                     "'fortran_order': False, 'shape': (6,), }",
                                     data),
                             "t.npy")),
            "t.npy: malformed .npy header: unexpected or repeated key 'descr'");
  EXPECT_EQ(errorOf(parseNpy(makeNpy("{'descr': '<f4' 'fortran_order': "
                                     "False, 'shape': (6,)}",
                                     data),
                             "t.npy")),
            "t.npy: malformed .npy header: expected ',' or '}'");
}

TEST(NpyTest, FileRoundTrip) {
  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("fpx-npy", "npy", path));
  HostArray array = makeArray(ElementType::I64, {3, 2});
  ASSERT_FALSE(bool(writeNpy(path, array)));
  llvm::Expected<HostArray> read = readNpy(path);
  ASSERT_TRUE(bool(read)) << toString(read.takeError());
  EXPECT_EQ(read->data, array.data);
  llvm::sys::fs::remove(path);
  EXPECT_NE(errorOf(readNpy(path)).find("No such file or directory"),
            std::string::npos);
}

TEST(NpyTest, WritesUncompressedNpz) {
  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("fpx-npz", "npz", path));
  HostArray logits = makeArray(ElementType::F32, {2, 4});
  HostArray tokens = makeArray(ElementType::I32, {2});
  ASSERT_FALSE(
      bool(writeNpz(path, {{"logits", &logits}, {"tokens", &tokens}})));

  // Read it back with libzip: two stored members holding the .npy bytes.
  int error = 0;
  zip_t *archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  ASSERT_NE(archive, nullptr);
  ASSERT_EQ(zip_get_num_entries(archive, 0), 2);
  for (auto [index, name, array] :
       {std::tuple<int, const char *, HostArray *>{0, "logits.npy", &logits},
        {1, "tokens.npy", &tokens}}) {
    zip_stat_t stat;
    ASSERT_EQ(zip_stat_index(archive, index, 0, &stat), 0);
    EXPECT_STREQ(stat.name, name);
    EXPECT_EQ(stat.comp_method, ZIP_CM_STORE);
    std::string expected = encodeNpy(*array);
    ASSERT_EQ(stat.size, expected.size());
    std::string contents(stat.size, '\0');
    zip_file_t *file = zip_fopen_index(archive, index, 0);
    ASSERT_NE(file, nullptr);
    EXPECT_EQ(zip_fread(file, contents.data(), contents.size()),
              zip_int64_t(contents.size()));
    zip_fclose(file);
    EXPECT_EQ(contents, expected);
  }
  zip_close(archive);

  llvm::Error duplicate = writeNpz(path, {{"a", &tokens}, {"a", &tokens}});
  EXPECT_EQ(toString(std::move(duplicate)),
            std::string(path) + ": two arrays are named 'a'");
  EXPECT_EQ(toString(writeNpz(path, {})),
            std::string(path) + ": an .npz file needs at least one array");
  llvm::sys::fs::remove(path);
}

} // namespace
