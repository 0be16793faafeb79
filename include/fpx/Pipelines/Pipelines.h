//===- Pipelines.h - FPX pass pipelines ---------------------------*- C++ -*-===//

#ifndef FPX_PIPELINES_PIPELINES_H
#define FPX_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"

namespace fpx {

/// Lowers a module of func/linalg/tensor (+ fpx ops) on tensors all the way
/// to the LLVM dialect for the CPU reference path: fpx ops to linalg,
/// one-shot bufferization, buffer deallocation, loops, LLVM.
void buildCPUPipeline(mlir::OpPassManager &pm);

/// Registers `fpx-cpu-pipeline`.
void registerPipelines();

} // namespace fpx

#endif // FPX_PIPELINES_PIPELINES_H
