//===- GPURunner.h - Running a model compiled for the GPU -------*- C++ -*-===//
//
// fpx-run's side of a `cuda:sm_NN` artifact: the plan (GPUPlan.h) runs in
// the runtime's executor (fpxModelLoad/fpxModelRun, Runtime.h); this class
// copies host arrays in and out. libfpx_cuda_runtime.so is opened when the
// first GPU model loads, not linked, so fpx-run starts (and runs CPU
// models) on machines without a GPU driver.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_DRIVER_GPURUNNER_H
#define FPX_DRIVER_GPURUNNER_H

#include "fpx/Driver/Runner.h"

struct FpxModel;

namespace fpx::driver {

struct CudaRuntimeAPI;

class GPUModel : public LoadedModel {
public:
  /// Opens options.cudaRuntimeLibrary and loads the artifact's plan into
  /// the executor (kernels, weights, device buffers). `signature` is the
  /// artifact's, already read; it must agree with the plan.
  static llvm::Expected<std::unique_ptr<LoadedModel>>
  load(llvm::StringRef artifactDirectory, ModelSignature signature,
       const RunnerOptions &options);
  ~GPUModel() override;

private:
  GPUModel() = default;

  /// Copies the inputs in, runs the plan (a CUDA graph after the first
  /// call, unless options.useCudaGraph is off) and copies the outputs out.
  /// `callTime` covers the copies in, the run and its completion.
  llvm::Expected<std::vector<HostArray>>
  runBound(llvm::ArrayRef<const HostArray *> inputs,
           std::chrono::nanoseconds *callTime) override;

  const CudaRuntimeAPI *api = nullptr;
  FpxModel *model = nullptr;
  bool useGraph = true;
};

} // namespace fpx::driver

#endif // FPX_DRIVER_GPURUNNER_H
