//===- IntTensor.h - Import-time evaluation of integer tensors --*- C++ -*-===//
//
// Exporters compute shapes inside the graph (Shape -> Gather -> Concat ->
// Reshape). Once the graph inputs have concrete shapes, these subgraphs have
// constant inputs; the importer evaluates them with this small integer tensor
// type, so the ops that consume shapes see constants and every result type is
// static. Only integer and bool tensors are evaluated (exact in int64);
// floating-point ops on constants stay in the IR.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_LIB_FRONTEND_ONNX_INTTENSOR_H
#define FPX_LIB_FRONTEND_ONNX_INTTENSOR_H

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace fpx::onnx_import {

/// A row-major integer tensor; bools are 0 and 1.
struct IntTensor {
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<int64_t> values;

  /// The values of an integer or bool attribute (sign-extended; bools 0/1).
  static std::optional<IntTensor> fromAttr(mlir::DenseElementsAttr attr);
  /// An attribute of `elementType` (an integer type) holding these values,
  /// truncated to its width; for i1, any non-zero value is true.
  mlir::DenseElementsAttr toAttr(mlir::Type elementType) const;
};

/// Number of elements of a static shape; INT64_MAX when the product
/// overflows, so that a huge shape fails every size limit instead of
/// wrapping around below it.
int64_t numElements(llvm::ArrayRef<int64_t> shape);

/// Evaluates `fn` elementwise over operands broadcast (numpy rules) to
/// `shape`.
IntTensor mapBroadcast(llvm::ArrayRef<const IntTensor *> operands,
                       llvm::ArrayRef<int64_t> shape,
                       llvm::function_ref<int64_t(llvm::ArrayRef<int64_t>)> fn);

/// result[i] = input[offsets + i * strides] for every index i of `shape`
/// (Slice, Split and Expand's broadcast copy are all of this form).
IntTensor strided(const IntTensor &input, llvm::ArrayRef<int64_t> shape,
                  llvm::ArrayRef<int64_t> offsets,
                  llvm::ArrayRef<int64_t> strides);

IntTensor transpose(const IntTensor &input, llvm::ArrayRef<int64_t> perm);

/// ONNX Gather: indices along `axis` (already normalized to [0, dim)).
IntTensor gather(const IntTensor &data, const IntTensor &indices, int64_t axis);

IntTensor concat(llvm::ArrayRef<IntTensor> inputs, int64_t axis);

/// ONNX CumSum along `axis` (normalized); sums wrap around as arith's do.
IntTensor cumSum(const IntTensor &input, int64_t axis, bool exclusive,
                 bool reverse);

/// ONNX GatherND; the indices are already checked and normalized to
/// [0, dim) by the caller.
IntTensor gatherND(const IntTensor &data, const IntTensor &indices,
                   int64_t batchDims);

} // namespace fpx::onnx_import

#endif // FPX_LIB_FRONTEND_ONNX_INTTENSOR_H
