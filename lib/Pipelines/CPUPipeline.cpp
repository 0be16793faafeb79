//===- CPUPipeline.cpp - Lower to LLVM for the CPU reference path ----------===//

#include "fpx/Pipelines/Pipelines.h"

#include "fpx/Conversion/Passes.h"
#include "fpx/Dialect/Fusion/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void fpx::addModelBufferization(OpPassManager &pm) {
  bufferization::OneShotBufferizePassOptions options;
  options.bufferizeFunctionBoundaries = true;
  // Identity layouts at the boundary: callers pass and get dense buffers.
  options.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(options));
}

void fpx::buildCPUPipeline(OpPassManager &pm) {
  // The CPU path has no kernel generator for fusion groups: run their ops
  // in place.
  pm.addPass(fusion::createInlineFusionGroups());
  pm.addPass(createConvertFPxToLinalg());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createConvertElementwiseToLinalgPass());

  addModelBufferization(pm);
  bufferization::BufferDeallocationPipelineOptions deallocOptions;
  bufferization::buildBufferDeallocationPipeline(pm, deallocOptions);
  // The deallocation pipeline returns copies of arguments and globals
  // (bufferization.clone), so that every returned buffer is the caller's to
  // free; clones become memref.alloc + memref.copy here.
  pm.addPass(createConvertBufferizationToMemRefPass());

  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}

void fpx::registerPipelines() {
  PassPipelineRegistration<>(
      "fpx-cpu-pipeline",
      "Lower fpx/linalg/tensor programs to the LLVM dialect for the CPU",
      buildCPUPipeline);
  PassPipelineRegistration<GPUKernelPipelineOptions>(
      "fpx-gpu-kernel-pipeline",
      "Lower gpu.modules to NVVM and serialize them to PTX or cubin",
      buildGPUKernelPipeline);
  PassPipelineRegistration<GPUModelPipelineOptions>(
      "fpx-gpu-model-pipeline",
      "Lower a whole model on tensors to GPU kernels and host launches",
      buildGPUModelPipeline);
}
