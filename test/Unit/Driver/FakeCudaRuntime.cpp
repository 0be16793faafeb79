//===- FakeCudaRuntime.cpp - A host stand-in for the GPU model executor ---===//
//
// Implements the runtime calls fpx::driver::GPUModel makes, in host memory,
// so that GPURunnerTest checks fpx-run's GPU path (copies in and out,
// signature checks, error propagation) on machines without a GPU. The
// "model" doubles every f32 of its one input; `plan.json` in the artifact
// folder holds the byte sizes of the input and the output ("24 24"), or is
// absent, which fails the load like a real missing plan. The executor
// itself is tested on the GPU (test/Integration/GPU/plan-errors.mlir).
//
//===----------------------------------------------------------------------===//

#include "fpx/Runtime/Runtime.h"

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {
thread_local std::string lastError;

int fail(std::string message) {
  lastError = std::move(message);
  return 1;
}
} // namespace

struct FpxModel {
  std::vector<float> input, output;
  int runs = 0, graphRuns = 0;
};

extern "C" {

const char *fpxGetLastError(void) { return lastError.c_str(); }

int fpxModelLoad(const char *directory, FpxModel **model) {
  std::ifstream plan(std::string(directory) + "/plan.json");
  size_t inputBytes = 0, outputBytes = 0;
  if (!(plan >> inputBytes >> outputBytes))
    return fail(std::string("cannot read ") + directory + "/plan.json");
  *model = new FpxModel();
  (*model)->input.resize(inputBytes / sizeof(float));
  (*model)->output.resize(outputBytes / sizeof(float));
  return 0;
}

int fpxModelDestroy(FpxModel *model) {
  delete model;
  return 0;
}

int64_t fpxModelNumInputs(const FpxModel *) { return 1; }
int64_t fpxModelNumOutputs(const FpxModel *) { return 1; }
void *fpxModelStream(const FpxModel *model) {
  return const_cast<FpxModel *>(model);
}

int fpxModelInput(FpxModel *model, int64_t index, void **pointer,
                  size_t *bytes) {
  if (index != 0)
    return fail("no input #" + std::to_string(index));
  *pointer = model->input.data();
  *bytes = model->input.size() * sizeof(float);
  return 0;
}

int fpxModelOutput(FpxModel *model, int64_t index, void **pointer,
                   size_t *bytes) {
  if (index != 0)
    return fail("no output #" + std::to_string(index));
  *pointer = model->output.data();
  *bytes = model->output.size() * sizeof(float);
  return 0;
}

int fpxModelRun(FpxModel *model, int useGraph) {
  if (model->input.size() != model->output.size())
    return fail("fake_kernel (loc(\"fake\")): shapes differ");
  for (size_t i = 0; i < model->input.size(); ++i)
    model->output[i] = 2 * model->input[i];
  ++model->runs;
  model->graphRuns += useGraph != 0;
  return 0;
}

int fpxMemcpyAsync(void *destination, const void *source, size_t bytes,
                   void *) {
  std::memcpy(destination, source, bytes);
  return 0;
}

int fpxStreamSynchronize(void *) { return 0; }

} // extern "C"
