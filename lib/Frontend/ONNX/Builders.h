//===- Builders.h - IR building blocks of the ONNX importer -----*- C++ -*-===//
//
// Helpers that build linalg/tensor/arith IR on statically shaped tensors:
// broadcasting elementwise generics, reductions, reshapes, scalar casts.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_LIB_FRONTEND_ONNX_BUILDERS_H
#define FPX_LIB_FRONTEND_ONNX_BUILDERS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <optional>

namespace fpx::onnx_import {

/// Builds the scalar body of an elementwise op from one scalar per operand.
using ScalarBodyFn = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// The numpy (multidirectional) broadcast of `shapes`, or nullopt when two
/// dimensions differ and neither is 1.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<llvm::ArrayRef<int64_t>> shapes);

/// A scalar constant of `type` (float or integer) with value `value`.
mlir::Value createScalar(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Type type, double value);

mlir::Value createEmpty(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<int64_t> shape, mlir::Type elementType);

/// A tensor of `shape` filled with `scalar` (linalg.fill).
mlir::Value createFilled(mlir::OpBuilder &b, mlir::Location loc,
                         llvm::ArrayRef<int64_t> shape, mlir::Value scalar);

/// One linalg.generic computing `body` elementwise over `operands`
/// broadcast to `shape`. Operands are ranked tensors, broadcast by numpy
/// rules, or scalars (used directly in the body, e.g. splat constants).
mlir::Value createElementwise(mlir::OpBuilder &b, mlir::Location loc,
                              llvm::ArrayRef<mlir::Value> operands,
                              llvm::ArrayRef<int64_t> shape,
                              mlir::Type resultElementType, ScalarBodyFn body);

/// `value` with a new static shape of the same number of elements
/// (collapse_shape / expand_shape; both when neither alone fits).
mlir::Value createReshape(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value value, llvm::ArrayRef<int64_t> shape);

/// tensor.extract_slice of `value` with static offsets, sizes and strides;
/// `shape` is the result's (`sizes`, or fewer dimensions to drop unit ones).
mlir::Value createSlice(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value value, llvm::ArrayRef<int64_t> offsets,
                        llvm::ArrayRef<int64_t> sizes,
                        llvm::ArrayRef<int64_t> strides,
                        llvm::ArrayRef<int64_t> shape);

mlir::Value createTranspose(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value value, llvm::ArrayRef<int64_t> perm);

enum class ReductionKind { Sum, Max };

/// Reduces `value` over the sorted, distinct `axes`; with `keepDims` the
/// reduced dimensions stay as 1s.
mlir::Value createReduction(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value value, llvm::ArrayRef<int64_t> axes,
                            ReductionKind kind, bool keepDims);

/// Converts a scalar between ONNX element types with ONNX Cast semantics
/// (float -> int truncates; to bool is `!= 0`; from bool is 0/1).
mlir::Value convertScalar(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value scalar, mlir::Type to);

} // namespace fpx::onnx_import

#endif // FPX_LIB_FRONTEND_ONNX_BUILDERS_H
