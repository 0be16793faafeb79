//===- IntTensor.cpp - Import-time evaluation of integer tensors ----------===//

#include "IntTensor.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <limits>

using namespace mlir;
using namespace fpx::onnx_import;

std::optional<IntTensor> IntTensor::fromAttr(DenseElementsAttr attr) {
  auto type = cast<RankedTensorType>(attr.getType());
  if (!type.getElementType().isInteger())
    return std::nullopt;
  IntTensor result;
  result.shape.assign(type.getShape().begin(), type.getShape().end());
  bool isBool = type.getElementType().isInteger(1);
  for (const APInt &value : attr.getValues<APInt>())
    result.values.push_back(isBool ? int64_t(value.getBoolValue())
                                   : value.getSExtValue());
  return result;
}

DenseElementsAttr IntTensor::toAttr(Type elementType) const {
  auto type = RankedTensorType::get(shape, elementType);
  unsigned width = elementType.getIntOrFloatBitWidth();
  SmallVector<APInt> apValues;
  apValues.reserve(values.size());
  for (int64_t value : values)
    apValues.push_back(width == 1
                           ? APInt(1, value != 0)
                           : APInt(64, value, /*isSigned=*/true).trunc(width));
  return DenseElementsAttr::get(type, apValues);
}

int64_t fpx::onnx_import::numElements(ArrayRef<int64_t> shape) {
  if (llvm::is_contained(shape, 0))
    return 0;
  int64_t count = 1;
  for (int64_t dim : shape)
    if (llvm::MulOverflow(count, dim, count))
      return std::numeric_limits<int64_t>::max();
  return count;
}

/// Row-major strides of a shape.
static SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = int64_t(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// Calls `fn` with every index of `shape` in row-major order.
static void forEachIndex(ArrayRef<int64_t> shape,
                         function_ref<void(ArrayRef<int64_t>)> fn) {
  if (numElements(shape) == 0)
    return;
  SmallVector<int64_t> index(shape.size(), 0);
  while (true) {
    fn(index);
    int64_t dim = int64_t(shape.size()) - 1;
    for (; dim >= 0; --dim) {
      if (++index[dim] < shape[dim])
        break;
      index[dim] = 0;
    }
    if (dim < 0)
      return;
  }
}

/// Offset in `operand` of result index `index` under numpy broadcasting.
static int64_t broadcastOffset(const IntTensor &operand,
                               ArrayRef<int64_t> strides,
                               ArrayRef<int64_t> index) {
  size_t lead = index.size() - operand.shape.size();
  int64_t offset = 0;
  for (size_t d = 0; d < operand.shape.size(); ++d)
    if (operand.shape[d] != 1)
      offset += index[lead + d] * strides[d];
  return offset;
}

IntTensor
fpx::onnx_import::mapBroadcast(ArrayRef<const IntTensor *> operands,
                               ArrayRef<int64_t> shape,
                               function_ref<int64_t(ArrayRef<int64_t>)> fn) {
  IntTensor result;
  result.shape.assign(shape.begin(), shape.end());
  SmallVector<SmallVector<int64_t>> strides;
  for (const IntTensor *operand : operands)
    strides.push_back(stridesOf(operand->shape));
  SmallVector<int64_t> scalars(operands.size());
  forEachIndex(shape, [&](ArrayRef<int64_t> index) {
    for (auto [i, operand] : llvm::enumerate(operands))
      scalars[i] =
          operand->values[broadcastOffset(*operand, strides[i], index)];
    result.values.push_back(fn(scalars));
  });
  return result;
}

IntTensor fpx::onnx_import::strided(const IntTensor &input,
                                    ArrayRef<int64_t> shape,
                                    ArrayRef<int64_t> offsets,
                                    ArrayRef<int64_t> strides) {
  IntTensor result;
  result.shape.assign(shape.begin(), shape.end());
  SmallVector<int64_t> inputStrides = stridesOf(input.shape);
  forEachIndex(shape, [&](ArrayRef<int64_t> index) {
    int64_t offset = 0;
    for (size_t d = 0; d < index.size(); ++d)
      offset += (offsets[d] + index[d] * strides[d]) * inputStrides[d];
    result.values.push_back(input.values[offset]);
  });
  return result;
}

IntTensor fpx::onnx_import::transpose(const IntTensor &input,
                                      ArrayRef<int64_t> perm) {
  IntTensor result;
  for (int64_t p : perm)
    result.shape.push_back(input.shape[p]);
  SmallVector<int64_t> inputStrides = stridesOf(input.shape);
  forEachIndex(result.shape, [&](ArrayRef<int64_t> index) {
    int64_t offset = 0;
    for (size_t d = 0; d < index.size(); ++d)
      offset += index[d] * inputStrides[perm[d]];
    result.values.push_back(input.values[offset]);
  });
  return result;
}

IntTensor fpx::onnx_import::gather(const IntTensor &data,
                                   const IntTensor &indices, int64_t axis) {
  IntTensor result;
  ArrayRef<int64_t> dataShape = data.shape;
  result.shape.append(dataShape.begin(), dataShape.begin() + axis);
  result.shape.append(indices.shape.begin(), indices.shape.end());
  result.shape.append(dataShape.begin() + axis + 1, dataShape.end());
  SmallVector<int64_t> dataStrides = stridesOf(dataShape);
  size_t indexRank = indices.shape.size();
  SmallVector<int64_t> indexStrides = stridesOf(indices.shape);
  forEachIndex(result.shape, [&](ArrayRef<int64_t> index) {
    int64_t position = 0;
    for (size_t d = 0; d < indexRank; ++d)
      position += index[axis + d] * indexStrides[d];
    int64_t offset = indices.values[position] * dataStrides[axis];
    for (int64_t d = 0; d < axis; ++d)
      offset += index[d] * dataStrides[d];
    for (size_t d = axis + 1; d < dataShape.size(); ++d)
      offset += index[d - 1 + indexRank] * dataStrides[d];
    result.values.push_back(data.values[offset]);
  });
  return result;
}

IntTensor fpx::onnx_import::concat(ArrayRef<IntTensor> inputs, int64_t axis) {
  IntTensor result;
  result.shape = inputs.front().shape;
  result.shape[axis] = 0;
  for (const IntTensor &input : inputs)
    result.shape[axis] += input.shape[axis];
  // Row-major: each input contributes a run of (its axis dim * inner)
  // values per outer index.
  int64_t outer = numElements(ArrayRef<int64_t>(result.shape).take_front(axis));
  int64_t inner =
      numElements(ArrayRef<int64_t>(result.shape).drop_front(axis + 1));
  for (int64_t o = 0; o < outer; ++o)
    for (const IntTensor &input : inputs) {
      int64_t run = input.shape[axis] * inner;
      result.values.append(input.values.begin() + o * run,
                           input.values.begin() + (o + 1) * run);
    }
  return result;
}

IntTensor fpx::onnx_import::cumSum(const IntTensor &input, int64_t axis,
                                   bool exclusive, bool reverse) {
  IntTensor result;
  result.shape = input.shape;
  result.values.assign(input.values.size(), 0);
  int64_t dim = input.shape[axis];
  int64_t inner = 1;
  for (size_t d = axis + 1; d < input.shape.size(); ++d)
    inner *= input.shape[d];
  int64_t outer = numElements(input.shape) / std::max<int64_t>(dim * inner, 1);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      uint64_t sum = 0;
      for (int64_t step = 0; step < dim; ++step) {
        int64_t k = reverse ? dim - 1 - step : step;
        int64_t offset = (o * dim + k) * inner + i;
        if (!exclusive)
          sum += uint64_t(input.values[offset]);
        result.values[offset] = static_cast<int64_t>(sum);
        if (exclusive)
          sum += uint64_t(input.values[offset]);
      }
    }
  }
  return result;
}

IntTensor fpx::onnx_import::gatherND(const IntTensor &data,
                                     const IntTensor &indices,
                                     int64_t batchDims) {
  int64_t depth = indices.shape.back();
  IntTensor result;
  result.shape.assign(indices.shape.begin(), indices.shape.end() - 1);
  result.shape.append(data.shape.begin() + batchDims + depth, data.shape.end());
  SmallVector<int64_t> dataStrides = stridesOf(data.shape);
  int64_t slice = 1;
  for (size_t d = batchDims + depth; d < data.shape.size(); ++d)
    slice *= data.shape[d];
  // Each row of `indices` (all but its last dimension) selects one slice.
  int64_t rows = numElements(indices.shape) / std::max<int64_t>(depth, 1);
  if (depth == 0)
    rows = numElements(ArrayRef<int64_t>(indices.shape).drop_back());
  int64_t rowsPerBatch = rows;
  for (int64_t d = 0; d < batchDims; ++d)
    rowsPerBatch /= std::max<int64_t>(indices.shape[d], 1);
  for (int64_t row = 0; row < rows; ++row) {
    // The batch position, from the row's leading batchDims coordinates.
    int64_t offset = 0;
    int64_t batch = rowsPerBatch ? row / rowsPerBatch : 0;
    for (int64_t d = batchDims - 1; d >= 0; --d) {
      offset += (batch % indices.shape[d]) * dataStrides[d];
      batch /= indices.shape[d];
    }
    for (int64_t k = 0; k < depth; ++k)
      offset += indices.values[row * depth + k] * dataStrides[batchDims + k];
    for (int64_t e = 0; e < slice; ++e)
      result.values.push_back(data.values[offset + e]);
  }
  return result;
}
