//===- LinearShapes.h - Shape checks shared by linear-layer ops ---*- C++ -*-===//

#ifndef FPX_DIALECT_COMMON_LINEARSHAPES_H
#define FPX_DIALECT_COMMON_LINEARSHAPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

namespace fpx {

/// Verifies `input` [batch..., M, K] times a weight N x K giving `result`
/// [batch..., M, N]; dynamic activation dims are accepted.
mlir::LogicalResult verifyLinearShapes(mlir::Operation *op,
                                       mlir::RankedTensorType input,
                                       mlir::RankedTensorType result,
                                       int64_t weightRows, int64_t weightCols);

} // namespace fpx

#endif // FPX_DIALECT_COMMON_LINEARSHAPES_H
