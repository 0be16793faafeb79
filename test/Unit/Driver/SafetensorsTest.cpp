//===- SafetensorsTest.cpp - Reading and writing .safetensors files -------===//

#include "fpx/Driver/Safetensors.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

#include <cstring>

using namespace fpx::driver;

namespace {

class SafetensorsTest : public testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(
        llvm::sys::fs::createTemporaryFile("fpx", "safetensors", path));
  }
  void TearDown() override { llvm::sys::fs::remove(path); }

  std::string readFile() {
    auto buffer = llvm::MemoryBuffer::getFile(path);
    return buffer ? (*buffer)->getBuffer().str() : "";
  }

  llvm::SmallString<128> path;
};

TEST_F(SafetensorsTest, WritesAlignedContiguousTensors) {
  std::vector<char> halves(6, 'h'), longs(16, 'l'), floats(16, 'f'),
      flags = {1, 0, 1};
  std::vector<SafetensorsTensor> tensors = {{"b.halves", "F16", {3}, halves},
                                            {"flags", "BOOL", {3}, flags},
                                            {"a.longs", "I64", {2}, longs},
                                            {"matrix", "F32", {2, 2}, floats}};
  ASSERT_FALSE(bool(writeSafetensors(path, tensors, {{"source", "test"}})));

  std::string file = readFile();
  uint64_t headerSize;
  ASSERT_GE(file.size(), 8u);
  std::memcpy(&headerSize, file.data(), 8);
  EXPECT_EQ(headerSize % 8, 0u);
  ASSERT_LE(8 + headerSize, file.size());
  llvm::Expected<llvm::json::Value> header =
      llvm::json::parse(llvm::StringRef(file).substr(8, headerSize).rtrim(' '));
  ASSERT_TRUE(bool(header)) << toString(header.takeError());
  const llvm::json::Object &object = *header->getAsObject();
  EXPECT_EQ(*object.getObject("__metadata__")->getString("source"), "test");

  // Largest elements first, then by name: every tensor starts aligned.
  std::string data = file.substr(8 + headerSize);
  EXPECT_EQ(data, std::string(16, 'l') + std::string(16, 'f') +
                      std::string(6, 'h') + std::string("\1\0\1", 3));
  auto offsets = [&](llvm::StringRef name) {
    const llvm::json::Array &range =
        *object.getObject(name)->getArray("data_offsets");
    return std::make_pair(*range[0].getAsInteger(), *range[1].getAsInteger());
  };
  EXPECT_EQ(offsets("a.longs"), std::make_pair(int64_t(0), int64_t(16)));
  EXPECT_EQ(offsets("matrix"), std::make_pair(int64_t(16), int64_t(32)));
  EXPECT_EQ(offsets("b.halves"), std::make_pair(int64_t(32), int64_t(38)));
  EXPECT_EQ(offsets("flags"), std::make_pair(int64_t(38), int64_t(41)));
  const llvm::json::Object &matrix = *object.getObject("matrix");
  EXPECT_EQ(*matrix.getString("dtype"), "F32");
  EXPECT_EQ(*matrix.getArray("shape"), (llvm::json::Array{2, 2}));
}

TEST_F(SafetensorsTest, WritesAnEmptyFile) {
  ASSERT_FALSE(bool(writeSafetensors(path, {}, {})));
  std::string file = readFile();
  ASSERT_EQ(file.size(), 16u);
  EXPECT_EQ(file.substr(8), "{}      ");
}

TEST_F(SafetensorsTest, RejectsInconsistentTensors) {
  std::vector<char> four(4);
  auto errorOf = [&](std::vector<SafetensorsTensor> tensors) {
    return toString(writeSafetensors(path, tensors, {}));
  };
  std::string prefix = std::string(path) + ": ";
  EXPECT_EQ(errorOf({{"w", "F32", {2}, four}}),
            prefix + "tensor 'w' has 4 bytes, its dtype and shape need 8");
  EXPECT_EQ(errorOf({{"w", "F8", {4}, four}}),
            prefix + "tensor 'w' has unknown dtype 'F8'");
  EXPECT_EQ(errorOf({{"w", "F32", {1}, four}, {"w", "I32", {1}, four}}),
            prefix + "duplicate or reserved tensor name 'w'");
  EXPECT_EQ(errorOf({{"__metadata__", "F32", {1}, four}}),
            prefix + "duplicate or reserved tensor name '__metadata__'");
}

/// The error of reading `header` followed by `dataSize` bytes, or
/// "no error".
std::string readError(llvm::StringRef header, size_t dataSize = 16) {
  std::string file(8, '\0');
  uint64_t size = header.size();
  std::memcpy(file.data(), &size, 8);
  file += header.str() + std::string(dataSize, '\0');
  llvm::Expected<SafetensorsFile> read = SafetensorsFile::read(
      llvm::MemoryBuffer::getMemBufferCopy(file), "w.safetensors");
  return read ? "no error" : toString(read.takeError());
}

TEST_F(SafetensorsTest, ReadsWhatItWrites) {
  std::vector<char> halves = {1, 2, 3, 4, 5, 6}, flags = {1, 0, 1};
  std::vector<SafetensorsTensor> tensors = {{"halves", "F16", {3}, halves},
                                            {"flags", "BOOL", {1, 3}, flags}};
  ASSERT_FALSE(bool(writeSafetensors(path, tensors, {{"source", "test"}})));
  llvm::Expected<SafetensorsFile> file = SafetensorsFile::open(path);
  ASSERT_TRUE(bool(file)) << toString(file.takeError());
  const SafetensorsEntry *read = file->lookup("halves");
  ASSERT_NE(read, nullptr);
  EXPECT_EQ(read->dtype, "F16");
  EXPECT_EQ(read->shape, (llvm::SmallVector<int64_t>{3}));
  EXPECT_EQ(std::vector<char>(read->data.begin(), read->data.end()), halves);
  read = file->lookup("flags");
  ASSERT_NE(read, nullptr);
  EXPECT_EQ(read->shape, (llvm::SmallVector<int64_t>{1, 3}));
  EXPECT_EQ(std::vector<char>(read->data.begin(), read->data.end()), flags);
  EXPECT_EQ(file->lookup("absent"), nullptr);
  EXPECT_EQ(file->getMetadata().at("source"), "test");
}

TEST_F(SafetensorsTest, ReportsWhatIsWrongWithAFile) {
  EXPECT_EQ(readError(R"({"t": {"dtype": "F32", "shape": [2, 2],
                              "data_offsets": [0, 16]}})"),
            "no error");
  // Gaps and unused bytes are allowed, as the format does not forbid them.
  EXPECT_EQ(readError(R"({"t": {"dtype": "I8", "shape": [], "data_offsets":
                              [3, 4]}, "__metadata__": {"k": "v"}})"),
            "no error");
  EXPECT_EQ(readError("{}", 0), "no error");

  llvm::Expected<SafetensorsFile> tiny = SafetensorsFile::read(
      llvm::MemoryBuffer::getMemBufferCopy("abc"), "w.safetensors");
  ASSERT_FALSE(bool(tiny));
  EXPECT_EQ(toString(tiny.takeError()),
            "w.safetensors: truncated: 3 bytes, not even the 8-byte header "
            "size");
  std::string huge(8, '\xff');
  llvm::Expected<SafetensorsFile> wrapped = SafetensorsFile::read(
      llvm::MemoryBuffer::getMemBufferCopy(huge), "w.safetensors");
  ASSERT_FALSE(bool(wrapped));
  EXPECT_EQ(toString(wrapped.takeError()),
            "w.safetensors: truncated or not safetensors: the header size "
            "18446744073709551615 exceeds the 0 bytes after it");
  EXPECT_EQ(readError("[1, 2]"),
            "w.safetensors: the header is not a JSON object");
  EXPECT_EQ(readError(R"({"__metadata__": []})"),
            "w.safetensors: __metadata__ is not an object");
  EXPECT_EQ(readError(R"({"__metadata__": {"k": 1}})"),
            "w.safetensors: __metadata__ value 'k' is not a string");
  EXPECT_EQ(readError(R"({"t": 3})"),
            "w.safetensors: tensor 't': expected an object");
  EXPECT_EQ(readError(R"({"t": {"shape": [], "data_offsets": [0, 4]}})"),
            "w.safetensors: tensor 't': missing or unknown dtype");
  EXPECT_EQ(readError(R"({"t": {"dtype": "F32", "data_offsets": [0, 4]}})"),
            "w.safetensors: tensor 't': missing shape");
  EXPECT_EQ(readError(R"({"t": {"dtype": "F32", "shape": [1.5],
                              "data_offsets": [0, 4]}})"),
            "w.safetensors: tensor 't': sizes must be non-negative integers");
  EXPECT_EQ(readError(R"({"t": {"dtype": "F64", "shape": [4294967296,
                              1073741824], "data_offsets": [0, 8]}})"),
            "w.safetensors: tensor 't': the shape's byte size overflows 64 "
            "bits");
  EXPECT_EQ(readError(R"({"t": {"dtype": "F32", "shape": [1],
                              "data_offsets": [4]}})"),
            "w.safetensors: tensor 't': data_offsets must be [begin, end] "
            "with 0 <= begin <= end");
  EXPECT_EQ(readError(R"({"t": {"dtype": "F32", "shape": [1],
                              "data_offsets": [-4, 0]}})"),
            "w.safetensors: tensor 't': data_offsets must be [begin, end] "
            "with 0 <= begin <= end");
  EXPECT_EQ(readError(R"({"t": {"dtype": "F32", "shape": [1],
                              "data_offsets": [16, 20]}})"),
            "w.safetensors: tensor 't': data_offsets [16, 20] exceed the 16 "
            "bytes of data (the file is truncated or corrupt)");
  EXPECT_EQ(readError(R"({"t": {"dtype": "F32", "shape": [2],
                              "data_offsets": [0, 4]}})"),
            "w.safetensors: tensor 't': data_offsets span 4 bytes, but dtype "
            "F32 and its shape need 8");
}

} // namespace
