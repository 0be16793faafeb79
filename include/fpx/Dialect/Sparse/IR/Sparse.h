//===- Sparse.h - Tiled-CSL sparse weight dialect -----------------*- C++ -*-===//

#ifndef FPX_DIALECT_SPARSE_IR_SPARSE_H
#define FPX_DIALECT_SPARSE_IR_SPARSE_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "fpx/Dialect/Sparse/IR/SparseOpsDialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "fpx/Dialect/Sparse/IR/SparseOpsTypes.h.inc"

#define GET_OP_CLASSES
#include "fpx/Dialect/Sparse/IR/SparseOps.h.inc"

#endif // FPX_DIALECT_SPARSE_IR_SPARSE_H
