//===- Fusion.h - Fusion group dialect ----------------------------*- C++ -*-===//

#ifndef FPX_DIALECT_FUSION_IR_FUSION_H
#define FPX_DIALECT_FUSION_IR_FUSION_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "fpx/Dialect/Fusion/IR/FusionOpsDialect.h.inc"
#include "fpx/Dialect/Fusion/IR/FusionEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "fpx/Dialect/Fusion/IR/FusionAttributes.h.inc"

#define GET_OP_CLASSES
#include "fpx/Dialect/Fusion/IR/FusionOps.h.inc"

namespace fpx::fusion {
/// Name of the discardable attribute giving an op's stitch scheme.
inline constexpr llvm::StringLiteral kStitchAttrName = "fpx_fusion.stitch";
} // namespace fpx::fusion

#endif // FPX_DIALECT_FUSION_IR_FUSION_H
