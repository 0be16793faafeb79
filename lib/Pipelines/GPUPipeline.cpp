//===- GPUPipeline.cpp - Lower gpu.modules to PTX / cubin ------------------===//

#include "fpx/Pipelines/Pipelines.h"

#include "fpx/Conversion/Passes.h"
#include "fpx/Conversion/Utils/DeviceDescription.h"
#include "fpx/Dialect/Fusion/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

#include <cstdlib>

using namespace mlir;

/// Where libdevice (for math functions) and ptxas are: MLIR only looks at
/// the environment, and without a toolkit kernels calling math functions
/// fail in ptxas with unresolved `__nv_*` symbols.
static std::string cudaToolkitPath(StringRef requested) {
  if (!requested.empty())
    return requested.str();
  for (const char *name : {"CUDA_ROOT", "CUDA_HOME", "CUDA_PATH"})
    if (const char *value = std::getenv(name))
      return value;
#ifdef FPX_CUDA_TOOLKIT_ROOT
  return FPX_CUDA_TOOLKIT_ROOT;
#else
  return "";
#endif
}

void fpx::buildGPUKernelPipeline(OpPassManager &pm,
                                 const GPUKernelPipelineOptions &options) {
  GpuNVVMAttachTargetOptions target;
  target.chip = options.chip;
  target.features = options.features;
  target.optLevel = 3;
  pm.addPass(createGpuNVVMAttachTarget(target));

  OpPassManager &kernels = pm.nest<gpu::GPUModuleOp>();
  kernels.addPass(createConvertNVGPUToNVVMPass());
  kernels.addPass(createLowerAffinePass());
  kernels.addPass(createSCFToControlFlowPass());
  kernels.addPass(memref::createExpandStridedMetadataPass());
  kernels.addPass(createLowerAffinePass());
  kernels.addPass(createConvertGpuOpsToNVVMOps());
  kernels.addPass(createConvertNVVMToLLVMPass());
  kernels.addPass(createReconcileUnrealizedCastsPass());
  kernels.addPass(createCanonicalizerPass());
  kernels.addPass(createCSEPass());

  GpuModuleToBinaryPassOptions binary;
  binary.compilationTarget = options.format;
  binary.toolkitPath = cudaToolkitPath(options.toolkit);
  pm.addPass(createGpuModuleToBinaryPass(binary));
}

void fpx::buildGPUModelPipeline(OpPassManager &pm,
                                const GPUModelPipelineOptions &options) {
  if (options.fusion)
    pm.addNestedPass<func::FuncOp>(fusion::createFusionPlan());
  FPxGPUFusionKernelsOptions fusionOptions;
  fusionOptions.fastMath = options.fastMath;
  // The plan only forms groups that its legality analysis (RowSpace) says
  // compile; should the generator still refuse one, its ops run unfused.
  fusionOptions.fallback = true;
  pm.addPass(createFPxGPUFusionKernels(fusionOptions));
  FPxGPUGemmKernelsOptions gemmOptions;
  gemmOptions.fallback = true;
  gemmOptions.tuningTable = options.gemmTuningTable;
  // sm_90a lets the cost model use the wgmma GEMM.
  gemmOptions.chip = options.chip;
  // (The model's weights are constants: they are fetched before the wait.)
  gemmOptions.dependentLaunch =
      options.dependentLaunch && supportsDependentLaunch(options.chip);
  pm.addPass(createFPxGPUGemmKernels(gemmOptions));
  pm.addPass(createFPxGPUDispatchKernels());
  // What has no generated kernel goes the generic way: groups inline (the
  // plan only makes groups that compile, so none is expected), qmatmuls
  // the GEMM generator does not take become dequantize + matmul.
  pm.addPass(fusion::createInlineFusionGroups());
  pm.addPass(createConvertFPxToLinalg());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createConvertElementwiseToLinalgPass());

  addModelBufferization(pm);
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createFPxGPULoopKernels());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(createFPxGPUMergeKernelModules());
  if (gemmOptions.dependentLaunch)
    pm.addPass(createFPxGPUDependentLaunch());

  GPUKernelPipelineOptions kernelOptions;
  kernelOptions.chip = options.chip;
  kernelOptions.features = options.features;
  kernelOptions.format = options.format;
  kernelOptions.toolkit = options.toolkit;
  buildGPUKernelPipeline(pm, kernelOptions);
}
