//===- KernelModule.h - The gpu.module that holds FPX's kernels ---*- C++ -*-===//

#ifndef FPX_CONVERSION_UTILS_KERNELMODULE_H
#define FPX_CONVERSION_UTILS_KERNELMODULE_H

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/JSON.h"

namespace fpx {

/// `@fpx_kernels`, created (and the module marked as a GPU container) on
/// first use, so that every kernel generator appends to one binary.
mlir::gpu::GPUModuleOp getOrCreateKernelModule(mlir::ModuleOp module);

/// `base_<n>` for the smallest n such that neither it nor any of the
/// `suffixes` appended to it names a symbol in `kernels`.
std::string uniqueKernelName(mlir::gpu::GPUModuleOp kernels,
                             llvm::StringRef base,
                             llvm::ArrayRef<llvm::StringRef> suffixes = {});

/// The file extension of a kernel binary object: ".ptx", ".fatbin" or
/// ".cubin".
llvm::StringRef getObjectFileExtension(mlir::gpu::ObjectAttr object);

/// A launch-fact attribute (`fpx.launch` entries) as JSON: booleans,
/// integers, floats and strings as themselves, anything else printed.
llvm::json::Value attributeToJSON(mlir::Attribute attr);

/// The module attribute (unit) fpx-gpu-dependent-launch sets: every kernel
/// waits for the previous one, so all may be launched as dependents.
constexpr llvm::StringLiteral kDependentLaunchAttrName = "fpx.dependent_launch";

/// The start of a kernel launched as a dependent that has nothing to do
/// before the previous kernel's results are visible (`griddepcontrol`,
/// sm_90): `launch_dependents` lets the stream's next kernel launch once
/// every CTA of this one has issued it; `wait` blocks until the previous
/// kernel has finished and its memory is visible.
void emitDependentLaunchStart(mlir::OpBuilder &builder, mlir::Location loc);

/// `type` as MLIR prints it ("f16", "tensor<4xf32>").
std::string printType(mlir::Type type);

} // namespace fpx

#endif // FPX_CONVERSION_UTILS_KERNELMODULE_H
