//===- CHLO.h - The chlo ops JAX emits --------------------------*- C++ -*-===//

#ifndef FPX_FRONTEND_STABLEHLO_IR_CHLO_H
#define FPX_FRONTEND_STABLEHLO_IR_CHLO_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "fpx/Frontend/StableHLO/IR/CHLOOpsDialect.h.inc"

#define GET_OP_CLASSES
#include "fpx/Frontend/StableHLO/IR/CHLOOps.h.inc"

#endif // FPX_FRONTEND_STABLEHLO_IR_CHLO_H
