//===- FPx.h - FPx quantization dialect ---------------------------*- C++ -*-===//

#ifndef FPX_DIALECT_FPX_IR_FPX_H
#define FPX_DIALECT_FPX_IR_FPX_H

#include "fpx/Numerics/FloatFormat.h"
#include "fpx/Numerics/Packing.h"
#include "fpx/Numerics/Quantize.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "fpx/Dialect/FPx/IR/FPxOpsDialect.h.inc"
#include "fpx/Dialect/FPx/IR/FPxEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "fpx/Dialect/FPx/IR/FPxAttributes.h.inc"

#define GET_OP_CLASSES
#include "fpx/Dialect/FPx/IR/FPxOps.h.inc"

namespace fpx {
numerics::Format toNumericsFormat(FloatFormatKind kind);
FloatFormatKind fromNumericsFormat(numerics::Format format);
numerics::PackedLayoutKind toNumericsLayout(PackedLayoutKind kind);

/// Quantizes a row-major N x K weight as `packing` says, with scales chosen
/// by `rule`, returning the packed words and fp16 scales as constants of the
/// given types. Fails with a message in `error` on NaN/Inf weights.
mlir::FailureOr<std::pair<mlir::DenseElementsAttr, mlir::DenseElementsAttr>>
quantizeToAttributes(
    PackingAttr packing, llvm::ArrayRef<float> weights,
    mlir::RankedTensorType wordsType, mlir::RankedTensorType scalesType,
    std::string *error,
    numerics::ScaleRule rule = numerics::ScaleRule::SearchMinSquaredError);

/// Registers the bufferization model of fpx.dispatch (destination style:
/// each output becomes the buffer its result is written to).
void registerBufferizableOpInterfaceExternalModels(
    mlir::DialectRegistry &registry);

/// The values of a float elements attribute, converted to f32.
std::vector<float> getValuesAsFloats(mlir::DenseElementsAttr elements);
} // namespace fpx

#endif // FPX_DIALECT_FPX_IR_FPX_H
