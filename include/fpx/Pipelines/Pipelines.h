//===- Pipelines.h - FPX pass pipelines ---------------------------*- C++ -*-===//

#ifndef FPX_PIPELINES_PIPELINES_H
#define FPX_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace fpx {

/// One-shot bufferization of a whole model: across function boundaries,
/// with identity layouts for arguments and results.
void addModelBufferization(mlir::OpPassManager &pm);

/// Lowers a module of func/linalg/tensor (+ fpx ops) on tensors all the way
/// to the LLVM dialect for the CPU reference path: fpx ops to linalg,
/// one-shot bufferization, buffer deallocation, loops, LLVM.
void buildCPUPipeline(mlir::OpPassManager &pm);

struct GPUKernelPipelineOptions
    : public mlir::PassPipelineOptions<GPUKernelPipelineOptions> {
  Option<std::string> chip{*this, "chip", llvm::cl::desc("Target SM"),
                           llvm::cl::init("sm_90")};
  Option<std::string> features{*this, "features",
                               llvm::cl::desc("PTX features"),
                               llvm::cl::init("+ptx80")};
  Option<std::string> format{
      *this, "format",
      llvm::cl::desc("gpu-module-to-binary format: isa (PTX), bin (cubin), "
                     "fatbin"),
      llvm::cl::init("bin")};
  Option<std::string> toolkit{
      *this, "toolkit",
      llvm::cl::desc("CUDA toolkit folder for libdevice and ptxas (default: "
                     "$CUDA_ROOT, $CUDA_HOME or $CUDA_PATH, else the toolkit "
                     "FPX was built with)"),
      llvm::cl::init("")};
};

/// Lowers every gpu.module (FPX's generated kernels) through NVGPU/NVVM to
/// LLVM and serializes it with gpu-module-to-binary (ptxas from CUDA for
/// cubins). Host code is left untouched.
void buildGPUKernelPipeline(mlir::OpPassManager &pm,
                            const GPUKernelPipelineOptions &options);

struct GPUModelPipelineOptions
    : public mlir::PassPipelineOptions<GPUModelPipelineOptions> {
  Option<std::string> chip{*this, "chip", llvm::cl::desc("Target SM"),
                           llvm::cl::init("sm_90")};
  Option<std::string> features{*this, "features",
                               llvm::cl::desc("PTX features"),
                               llvm::cl::init("+ptx80")};
  Option<std::string> format{
      *this, "format",
      llvm::cl::desc("Kernel binaries: isa (PTX), bin (cubin), fatbin"),
      llvm::cl::init("bin")};
  Option<std::string> toolkit{
      *this, "toolkit",
      llvm::cl::desc("CUDA toolkit folder (as fpx-gpu-kernel-pipeline's)"),
      llvm::cl::init("")};
  Option<bool> fusion{*this, "fusion",
                      llvm::cl::desc("Plan fusion groups and generate their "
                                     "kernels (off: every op runs as its own "
                                     "simple kernel)"),
                      llvm::cl::init(true)};
  Option<bool> fastMath{*this, "fast-math",
                        llvm::cl::desc("Approximate math in fusion kernels "
                                       "(fpx-gpu-fusion-kernels' fast-math)"),
                        llvm::cl::init(false)};
  Option<std::string> gemmTuningTable{
      *this, "gemm-tuning-table",
      llvm::cl::desc("fpx-gpu-gemm-kernels' tuning-table"),
      llvm::cl::init("")};
  Option<bool> dependentLaunch{
      *this, "dependent-launch",
      llvm::cl::desc("Every kernel a programmatic dependent launch where "
                     "the chip has it (sm_90 and later): GEMMs built with "
                     "fpx-gpu-gemm-kernels' dependent-launch, the others "
                     "through fpx-gpu-dependent-launch"),
      llvm::cl::init(true)};
};

/// Lowers a whole model on tensors (func/linalg/tensor + fpx ops, weights
/// already externalized) for the GPU: fusion plan and fusion kernels,
/// Tensor Core GEMMs for the qmatmuls that fit them, fpx.dispatch for both,
/// the rest to linalg, one-shot bufferization (no deallocation: the GPU
/// artifact writer plans memory statically), a simple kernel per remaining
/// linalg op (fpx-gpu-loop-kernels), kernel outlining and
/// fpx-gpu-kernel-pipeline. What is left on the host is allocations, views
/// and launches.
void buildGPUModelPipeline(mlir::OpPassManager &pm,
                           const GPUModelPipelineOptions &options);

/// Registers `fpx-cpu-pipeline`, `fpx-gpu-kernel-pipeline` and
/// `fpx-gpu-model-pipeline`.
void registerPipelines();

} // namespace fpx

#endif // FPX_PIPELINES_PIPELINES_H
