//===- GPURunnerTest.cpp - fpx-run's GPU path over a fake runtime ---------===//

#include "fpx/Driver/GPURunner.h"

#include "fpx/Driver/Artifact.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cstring>
#include <random>

using namespace fpx::driver;

namespace {

class GPURunnerTest : public testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("fpx-gpu", directory));
    options.cudaRuntimeLibrary = FPX_FAKE_CUDA_RUNTIME;
  }
  void TearDown() override { llvm::sys::fs::remove_directories(directory); }

  void write(llvm::StringRef file, llvm::StringRef text) {
    llvm::SmallString<128> path(directory);
    llvm::sys::path::append(path, file);
    std::error_code error;
    llvm::raw_fd_ostream out(path, error);
    ASSERT_FALSE(error);
    out << text;
  }

  /// An artifact whose entry takes x: f32[2, 3] and returns y: f32[2, 3];
  /// `plan` is what the fake executor reads (input and output bytes).
  void writeArtifact(llvm::StringRef plan, llvm::StringRef target = "cuda:sm_90") {
    ModelSignature signature;
    signature.entry = "main";
    signature.target = target.str();
    signature.inputs.push_back({"x", ElementType::F32, {2, 3}});
    signature.outputs.push_back({"y", ElementType::F32, {2, 3}});
    llvm::SmallString<128> path(directory);
    llvm::sys::path::append(path, kSignatureFileName);
    ASSERT_FALSE(writeSignature(path, signature));
    write("plan.json", plan);
  }

  std::string errorOf(llvm::Error error) {
    std::string message = toString(std::move(error));
    size_t at = message.find(directory.str());
    if (at != std::string::npos)
      message.replace(at, directory.size(), "<dir>");
    return message;
  }

  llvm::SmallString<128> directory;
  RunnerOptions options;
};

TEST_F(GPURunnerTest, CopiesInRunsAndCopiesOut) {
  writeArtifact("24 24");
  llvm::Expected<std::unique_ptr<LoadedModel>> model =
      loadModel(directory, options);
  ASSERT_TRUE(bool(model)) << toString(model.takeError());

  std::mt19937 random(7);
  std::uniform_real_distribution<float> values(-4, 4);
  for (int call = 0; call < 3; ++call) {
    NamedInput input{"x", HostArray(ElementType::F32, {2, 3}), "test"};
    float *x = reinterpret_cast<float *>(input.array.data.data());
    for (int i = 0; i < 6; ++i)
      x[i] = values(random);
    auto bound = (*model)->bindInputs(input);
    ASSERT_TRUE(bool(bound)) << toString(bound.takeError());
    std::chrono::nanoseconds time{-1};
    auto outputs = (*model)->run(*bound, &time);
    ASSERT_TRUE(bool(outputs)) << toString(outputs.takeError());
    ASSERT_EQ(outputs->size(), 1u);
    const HostArray &y = outputs->front();
    EXPECT_EQ(y.type, ElementType::F32);
    EXPECT_EQ(llvm::ArrayRef<int64_t>(y.shape), llvm::ArrayRef<int64_t>({2, 3}));
    const float *result = reinterpret_cast<const float *>(y.data.data());
    for (int i = 0; i < 6; ++i)
      EXPECT_EQ(result[i], 2 * x[i]) << "element " << i << ", call " << call;
    EXPECT_GE(time.count(), 0);
  }
}

TEST_F(GPURunnerTest, ChecksThePlanAgainstTheSignature) {
  writeArtifact("24 16");
  EXPECT_EQ(errorOf(loadModel(directory, options).takeError()),
            "<dir>: plan.json gives 'y' 16 bytes, signature.json 24");
}

TEST_F(GPURunnerTest, ReportsExecutorErrors) {
  writeArtifact("not a plan");
  EXPECT_EQ(errorOf(loadModel(directory, options).takeError()),
            "cannot read <dir>/plan.json");
}

TEST_F(GPURunnerTest, RefusesAnotherDevice) {
  writeArtifact("24 24");
  options.device = "cpu";
  EXPECT_EQ(errorOf(loadModel(directory, options).takeError()),
            "<dir> was compiled for 'cuda:sm_90' and cannot run on device "
            "'cpu'; compile it with --target=cpu for that");
  writeArtifact("24 24", "cpu");
  options.device = "cuda";
  EXPECT_EQ(errorOf(loadModel(directory, options).takeError()),
            "<dir> was compiled for 'cpu' and cannot run on device 'cuda'; "
            "compile it with --target=cuda for that");
}

TEST_F(GPURunnerTest, ReportsAMissingRuntime) {
  writeArtifact("24 24");
  options.cudaRuntimeLibrary = (directory + "/libnone.so").str();
  std::string message = errorOf(loadModel(directory, options).takeError());
  EXPECT_EQ(message.rfind("cannot load the CUDA runtime <dir>/libnone.so: ", 0),
            0u)
      << message;
  EXPECT_NE(message.find("libcuda.so.1"), std::string::npos) << message;
}

} // namespace
