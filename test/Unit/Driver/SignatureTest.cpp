//===- SignatureTest.cpp - signature.json reading and writing -------------===//

#include "fpx/Driver/Signature.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace fpx::driver;

namespace {

class SignatureTest : public testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("fpx", "json", path));
  }
  void TearDown() override { llvm::sys::fs::remove(path); }

  /// The error readSignature gives for a file holding `text`, without the
  /// path in front.
  std::string errorFor(llvm::StringRef text) {
    std::error_code error;
    {
      llvm::raw_fd_ostream out(path, error);
      out << text;
    }
    llvm::Expected<ModelSignature> signature = readSignature(path);
    if (signature)
      return "no error";
    std::string message = toString(signature.takeError());
    return message.substr(path.size() + 2);
  }

  llvm::SmallString<128> path;
};

ModelSignature makeSignature() {
  ModelSignature signature;
  signature.entry = "forward";
  signature.inputs = {{"input_ids", ElementType::I64, {1, kDynamicSize}, false},
                      {"lm_head", ElementType::BF16, {64, 32}, true}};
  signature.outputs = {{"logits", ElementType::F32, {1, kDynamicSize, 64}}};
  signature.quantization.format = "e3m2";
  signature.quantization.groupSize = 128;
  signature.quantization.skip = {"lm_head"};
  signature.quantization.weightArguments = true;
  signature.quantization.runtimeWeights = 7;
  signature.weights = {{"fpx_weight.w", "w", "F16", {4, 8}}};
  return signature;
}

TEST_F(SignatureTest, RoundTrips) {
  ModelSignature written = makeSignature();
  ASSERT_FALSE(bool(writeSignature(path, written)));
  llvm::Expected<ModelSignature> read = readSignature(path);
  ASSERT_TRUE(bool(read)) << toString(read.takeError());
  EXPECT_EQ(read->entry, "forward");
  EXPECT_EQ(read->target, "cpu");
  ASSERT_EQ(read->inputs.size(), 2u);
  EXPECT_EQ(read->inputs[0].name, "input_ids");
  EXPECT_EQ(read->inputs[0].type, ElementType::I64);
  EXPECT_EQ(read->inputs[0].shape,
            (llvm::SmallVector<int64_t>{1, kDynamicSize}));
  EXPECT_FALSE(read->inputs[0].isWeight);
  EXPECT_EQ(read->inputs[1].type, ElementType::BF16);
  EXPECT_TRUE(read->inputs[1].isWeight);
  ASSERT_EQ(read->outputs.size(), 1u);
  EXPECT_EQ(read->outputs[0].shape,
            (llvm::SmallVector<int64_t>{1, kDynamicSize, 64}));
  EXPECT_EQ(read->quantization.format, "e3m2");
  EXPECT_EQ(read->quantization.groupSize, 128);
  EXPECT_EQ(read->quantization.skip, std::vector<std::string>{"lm_head"});
  EXPECT_TRUE(read->quantization.weightArguments);
  EXPECT_EQ(read->quantization.runtimeWeights, 7);
  EXPECT_EQ(read->version, kArtifactVersion);
  ASSERT_EQ(read->weights.size(), 1u);
  EXPECT_EQ(read->weights[0].symbol, "fpx_weight.w");
  EXPECT_EQ(read->weights[0].tensor, "w");
  EXPECT_EQ(read->weights[0].dtype, "F16");
  EXPECT_EQ(read->weights[0].shape, (llvm::SmallVector<int64_t>{4, 8}));
}

TEST_F(SignatureTest, WritesNullForDynamicSizes) {
  std::string text;
  llvm::raw_string_ostream(text) << toJSON(makeSignature());
  EXPECT_NE(text.find(R"("shape":[1,null])"), std::string::npos) << text;
}

TEST(TensorSignatureTest, AcceptsShapes) {
  TensorSignature tensor{"x", ElementType::F32, {2, kDynamicSize}, false};
  EXPECT_TRUE(tensor.acceptsShape({2, 7}));
  EXPECT_TRUE(tensor.acceptsShape({2, 0}));
  EXPECT_FALSE(tensor.acceptsShape({3, 7}));
  EXPECT_FALSE(tensor.acceptsShape({2}));
  EXPECT_FALSE(tensor.acceptsShape({2, 7, 1}));
  TensorSignature scalar{"s", ElementType::I32, {}, false};
  EXPECT_TRUE(scalar.acceptsShape({}));
  EXPECT_FALSE(scalar.acceptsShape({1}));
}

TEST_F(SignatureTest, ReportsWhatIsWrong) {
  const char *valid = R"({"fpx_artifact_version": 1, "entry": "main",
      "target": "cpu", "inputs": [{"name": "x", "dtype": "f32",
      "shape": [2, null]}], "outputs": []})";
  EXPECT_EQ(errorFor(valid), "no error");
  EXPECT_EQ(errorFor("{"), "invalid JSON: [1:1, byte=1]: Expected object key");
  EXPECT_EQ(errorFor("[]"),
            "not an FPX signature (no integer \"fpx_artifact_version\")");
  EXPECT_EQ(errorFor(R"({"fpx_artifact_version": 3})"),
            "artifact version 3 is not supported; this build reads versions 1 "
            "to 2");
  EXPECT_EQ(errorFor(R"({"fpx_artifact_version": 0})"),
            "artifact version 0 is not supported; this build reads versions 1 "
            "to 2");
  EXPECT_EQ(errorFor(R"({"fpx_artifact_version": 1, "entry": "main",
                         "target": "cpu", "outputs": []})"),
            "missing value at signature.json.inputs");
  EXPECT_EQ(errorFor(R"({"fpx_artifact_version": 1, "entry": "main",
      "target": "cpu", "inputs": [{"name": "x", "dtype": "f32",
      "shape": [2, -1]}], "outputs": []})"),
            "expected a non-negative size or null at "
            "signature.json.inputs[0].shape[1]");
  EXPECT_EQ(errorFor(R"({"fpx_artifact_version": 1, "entry": "main",
      "target": "cpu", "inputs": [{"name": "x", "dtype": "f64",
      "shape": []}], "outputs": []})"),
            "expected one of \"f32\", \"f16\", \"bf16\", \"i32\", \"i64\" at "
            "signature.json.inputs[0].dtype");
  EXPECT_EQ(errorFor(R"({"fpx_artifact_version": 1, "entry": "main",
      "target": "cpu", "inputs": [{"name": "x", "dtype": "f32"}],
      "outputs": []})"),
            "missing value at signature.json.inputs[0].shape");
  EXPECT_EQ(errorFor(R"({"fpx_artifact_version": 1, "entry": "main",
      "target": "cpu", "inputs": [], "outputs": [
      {"name": "y", "dtype": "f32", "shape": []},
      {"name": "y", "dtype": "f32", "shape": []}]})"),
            "empty or repeated output name 'y'");
}

TEST_F(SignatureTest, ReadsWeightBindings) {
  // Version 1 had no bindings: its weights are in module.mlir.
  const char *version1 = R"({"fpx_artifact_version": 1, "entry": "main",
      "target": "cpu", "inputs": [], "outputs": [],
      "weights": {"file": "weights.safetensors", "embedded_in_module": true}})";
  EXPECT_EQ(errorFor(version1), "no error");
  const char *head = R"({"fpx_artifact_version": 2, "entry": "main",
      "target": "cpu", "inputs": [], "outputs": [], )";
  auto withWeights = [&](llvm::StringRef weights) {
    return errorFor((head + weights + "}").str());
  };
  EXPECT_EQ(withWeights(R"("weights": {"file": "weights.safetensors",
      "tensors": [{"symbol": "fpx_weight.w", "tensor": "w", "dtype": "F16",
                   "shape": [4, 8]}]})"),
            "no error");
  EXPECT_EQ(errorFor(std::string(head) + R"("x": 0})"),
            "missing value at signature.json.weights");
  EXPECT_EQ(withWeights(R"("weights": {"file": "other.safetensors",
      "tensors": []})"),
            "expected \"weights.safetensors\" at signature.json.weights.file");
  EXPECT_EQ(withWeights(R"("weights": {"file": "weights.safetensors",
      "tensors": [{"symbol": "", "tensor": "w", "dtype": "F16",
                   "shape": [4]}]})"),
            "expected a non-empty symbol and tensor name at "
            "signature.json.weights.tensors[0]");
  EXPECT_EQ(withWeights(R"("weights": {"file": "weights.safetensors",
      "tensors": [{"symbol": "s", "tensor": "w", "dtype": "f16",
                   "shape": [4]}]})"),
            "expected a safetensors dtype (F64, F32, F16, BF16, I64, I32, "
            "I16, I8, U64, U32, U16, U8, BOOL) at "
            "signature.json.weights.tensors[0].dtype");
  EXPECT_EQ(withWeights(R"("weights": {"file": "weights.safetensors",
      "tensors": [{"symbol": "s", "tensor": "w", "dtype": "F16",
                   "shape": [null]}]})"),
            "a weight's sizes must all be given at "
            "signature.json.weights.tensors[0].shape");
  EXPECT_EQ(withWeights(R"("weights": {"file": "weights.safetensors",
      "tensors": [{"symbol": "s", "tensor": "w", "dtype": "F16", "shape": []},
                  {"symbol": "s", "tensor": "v", "dtype": "F16",
                   "shape": []}]})"),
            "weight symbol 's' is bound twice");
}

} // namespace
