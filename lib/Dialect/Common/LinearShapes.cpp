//===- LinearShapes.cpp - Shape checks shared by linear-layer ops -----------===//

#include "fpx/Dialect/Common/LinearShapes.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;

LogicalResult fpx::verifyLinearShapes(Operation *op, RankedTensorType input,
                                      RankedTensorType result,
                                      int64_t weightRows, int64_t weightCols) {
  int64_t rank = input.getRank();
  if (rank < 2)
    return op->emitOpError()
           << "expects an input of rank >= 2 ([batch..., M, K]), got " << input;
  int64_t k = input.getDimSize(rank - 1);
  if (!ShapedType::isDynamic(k) && k != weightCols)
    return op->emitOpError() << "input reduction size K = " << k
                             << " does not match the weight's K = "
                             << weightCols;
  if (result.getRank() != rank)
    return op->emitOpError() << "expects a result of rank " << rank
                             << " like the input, got " << result;
  for (int64_t i = 0; i < rank - 1; ++i) {
    int64_t in = input.getDimSize(i), out = result.getDimSize(i);
    if (!ShapedType::isDynamic(in) && !ShapedType::isDynamic(out) && in != out)
      return op->emitOpError() << "result dimension " << i << " is " << out
                               << " but the input's is " << in;
  }
  int64_t n = result.getDimSize(rank - 1);
  if (!ShapedType::isDynamic(n) && n != weightRows)
    return op->emitOpError() << "result's last dimension N = " << n
                             << " does not match the weight's N = "
                             << weightRows;
  return success();
}
