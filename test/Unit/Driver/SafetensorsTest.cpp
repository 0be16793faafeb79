//===- SafetensorsTest.cpp - Writing .safetensors files -------------------===//

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

} // namespace
