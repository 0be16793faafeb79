//===- StableHLO.h - StableHLO op subset ------------------------*- C++ -*-===//

#ifndef FPX_FRONTEND_STABLEHLO_IR_STABLEHLO_H
#define FPX_FRONTEND_STABLEHLO_IR_STABLEHLO_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "fpx/Frontend/StableHLO/IR/StableHLOEnums.h.inc"
#include "fpx/Frontend/StableHLO/IR/StableHLOOpsDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "fpx/Frontend/StableHLO/IR/StableHLOAttributes.h.inc"

#define GET_OP_CLASSES
#include "fpx/Frontend/StableHLO/IR/StableHLOOps.h.inc"

#endif // FPX_FRONTEND_STABLEHLO_IR_STABLEHLO_H
