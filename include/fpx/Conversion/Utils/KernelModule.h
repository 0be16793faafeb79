//===- KernelModule.h - The gpu.module that holds FPX's kernels ---*- C++ -*-===//

#ifndef FPX_CONVERSION_UTILS_KERNELMODULE_H
#define FPX_CONVERSION_UTILS_KERNELMODULE_H

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace fpx {

/// `@fpx_kernels`, created (and the module marked as a GPU container) on
/// first use, so that every kernel generator appends to one binary.
mlir::gpu::GPUModuleOp getOrCreateKernelModule(mlir::ModuleOp module);

/// `base_<n>` for the smallest n such that neither it nor any of the
/// `suffixes` appended to it names a symbol in `kernels`.
std::string uniqueKernelName(mlir::gpu::GPUModuleOp kernels,
                             llvm::StringRef base,
                             llvm::ArrayRef<llvm::StringRef> suffixes = {});

} // namespace fpx

#endif // FPX_CONVERSION_UTILS_KERNELMODULE_H
