//===- TensorOps.cpp - Constants, shapes and data movement ----------------===//
//
// Ops that create constants or move data without arithmetic: Constant,
// Shape, Reshape, Transpose, Concat, Slice, Split, Gather, GatherND,
// (Un)Squeeze, Expand, Range, ConstantOfShape, Trilu, Identity, Dropout.
// Shape-carrying inputs (Reshape's shape, Slice's starts...) must be known at
// import time; on small integer constants the op is evaluated at import time.
//
//===----------------------------------------------------------------------===//

#include "Builders.h"
#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace fpx::onnx_import;

namespace {

/// Range results are constants built at import time; this bounds them.
constexpr int64_t kMaxRangeElements = int64_t(1) << 24;

LogicalResult checkInputs(NodeContext &ctx, unsigned required,
                          unsigned maximum) {
  for (unsigned i = 0; i < required; ++i)
    if (!ctx.hasInput(i))
      return ctx.emitError() << "input " << i << " is missing";
  if (ctx.numInputs() > maximum)
    return ctx.emitError() << "expects at most " << maximum << " inputs, got "
                           << ctx.numInputs();
  return success();
}

/// Normalizes `axes` for `rank` and checks that none repeats.
FailureOr<SmallVector<int64_t>>
normalizeAxes(NodeContext &ctx, ArrayRef<int64_t> axes, int64_t rank) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes) {
    FailureOr<int64_t> normalized = ctx.normalizeAxis(axis, rank);
    if (failed(normalized))
      return failure();
    if (llvm::is_contained(result, *normalized))
      return ctx.emitError() << "axis " << axis << " is given twice";
    result.push_back(*normalized);
  }
  return result;
}

/// Output 0 has input 0's contents in `shape`: folded, or a reshape.
void setReshaped(NodeContext &ctx, ArrayRef<int64_t> shape) {
  if (std::optional<SmallVector<IntTensor>> inputs =
          ctx.foldableInputs(shape)) {
    IntTensor folded = (*inputs)[0];
    folded.shape.assign(shape.begin(), shape.end());
    ctx.setOutput(0, folded, ctx.inputElementType(0));
    return;
  }
  ctx.setOutput(0, createReshape(ctx.builder, ctx.loc, ctx.operand(0), shape));
}

LogicalResult convertConstant(NodeContext &ctx) {
  if (ctx.node.attribute_size() != 1)
    return ctx.emitError() << "needs exactly one attribute, got "
                           << ctx.node.attribute_size();
  const onnx::AttributeProto &attr = ctx.node.attribute(0);
  MLIRContext *context = ctx.getContext();
  Builder b(context);
  DenseElementsAttr value;
  if (attr.name() == "value" && attr.type() == onnx::AttributeProto::TENSOR) {
    FailureOr<DenseElementsAttr> tensor = ctx.tensorAttr(attr);
    if (failed(tensor))
      return failure();
    value = *tensor;
  } else if (attr.name() == "value_float" &&
             attr.type() == onnx::AttributeProto::FLOAT) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getF32Type()),
                                   attr.f());
  } else if (attr.name() == "value_floats" &&
             attr.type() == onnx::AttributeProto::FLOATS) {
    SmallVector<float> floats(attr.floats().begin(), attr.floats().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({int64_t(floats.size())}, b.getF32Type()),
        ArrayRef<float>(floats));
  } else if (attr.name() == "value_int" &&
             attr.type() == onnx::AttributeProto::INT) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                   int64_t(attr.i()));
  } else if (attr.name() == "value_ints" &&
             attr.type() == onnx::AttributeProto::INTS) {
    SmallVector<int64_t> ints(attr.ints().begin(), attr.ints().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({int64_t(ints.size())}, b.getI64Type()),
        ArrayRef<int64_t>(ints));
  } else {
    return ctx.emitError() << "attribute '" << attr.name()
                           << "' is not supported (value, value_float(s) and "
                              "value_int(s) are)";
  }
  ctx.setOutput(0, value);
  return success();
}

LogicalResult convertIdentity(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 1, 1)))
    return failure();
  ctx.forwardOutput(0, ctx.input(0));
  return success();
}

/// Inference: the data passes through; the mask, if asked for, is all true.
LogicalResult convertDropout(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 1, 3)))
    return failure();
  if (ctx.hasInput(2)) {
    FailureOr<SmallVector<int64_t>> training =
        ctx.constantInts(2, "training_mode");
    if (failed(training))
      return failure();
    if (training->size() != 1 || (*training)[0] != 0)
      return ctx.emitError() << "training mode is not supported";
  }
  ctx.forwardOutput(0, ctx.input(0));
  auto maskType =
      RankedTensorType::get(ctx.inputShape(0), ctx.builder.getI1Type());
  ctx.setOutput(1, DenseElementsAttr::get(maskType, true));
  return success();
}

LogicalResult convertShape(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 1, 1)))
    return failure();
  ArrayRef<int64_t> shape = ctx.inputShape(0);
  auto rank = int64_t(shape.size());
  // start/end (opset 15) select a range of dimensions, clamped like Slice.
  auto clampDim = [&](int64_t d) {
    return std::clamp<int64_t>(d < 0 ? d + rank : d, 0, rank);
  };
  int64_t start = clampDim(ctx.intAttr("start", 0));
  int64_t end = clampDim(ctx.intAttr("end", rank));
  IntTensor dims;
  dims.values.assign(shape.begin() + start,
                     shape.begin() + std::max(start, end));
  dims.shape = {int64_t(dims.values.size())};
  ctx.setOutput(0, dims, ctx.builder.getI64Type());
  return success();
}

LogicalResult convertReshape(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 2, 2)))
    return failure();
  FailureOr<SmallVector<int64_t>> requested = ctx.constantInts(1, "shape");
  if (failed(requested))
    return failure();
  ArrayRef<int64_t> inputShape = ctx.inputShape(0);
  bool allowZero = ctx.intAttr("allowzero", 0) != 0;
  SmallVector<int64_t> shape;
  std::optional<size_t> inferred;
  for (auto [i, dim] : llvm::enumerate(*requested)) {
    if (dim == 0 && !allowZero) {
      if (i >= inputShape.size())
        return ctx.emitError() << "shape entry " << i
                               << " is 0 (copy the input's dimension), but "
                                  "the input has rank "
                               << inputShape.size();
      dim = inputShape[i];
    } else if (dim == -1) {
      if (inferred)
        return ctx.emitError() << "shape has more than one -1";
      inferred = i;
      dim = 1;
    } else if (dim < 0) {
      return ctx.emitError() << "shape entry " << i << " is " << dim;
    }
    shape.push_back(dim);
  }
  int64_t count = numElements(inputShape);
  int64_t known = numElements(shape);
  if (known > kMaxTensorElements)
    return ctx.emitError() << "shape [" << *requested
                           << "] has more than 2^60 elements";
  if (inferred) {
    if (known == 0 || count % known != 0)
      return ctx.emitError()
             << "cannot reshape " << count
             << " elements: the known dimensions hold " << known;
    shape[*inferred] = count / known;
  } else if (known != count) {
    return ctx.emitError() << "cannot reshape " << count << " elements to "
                           << known << " ([" << *requested << "])";
  }
  setReshaped(ctx, shape);
  return success();
}

LogicalResult convertTranspose(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 1, 1)))
    return failure();
  int64_t rank = ctx.inputType(0).getRank();
  SmallVector<int64_t> perm;
  if (std::optional<SmallVector<int64_t>> given = ctx.intsAttr("perm"))
    perm = *given;
  else
    for (int64_t d = rank - 1; d >= 0; --d)
      perm.push_back(d);
  SmallVector<int64_t> sorted(perm);
  llvm::sort(sorted);
  if (int64_t(perm.size()) != rank ||
      sorted != llvm::to_vector(llvm::seq<int64_t>(0, rank)))
    return ctx.emitError() << "perm [" << perm
                           << "] is not a permutation of the input's " << rank
                           << " dimensions";
  if (llvm::equal(perm, llvm::seq<int64_t>(0, rank))) {
    ctx.forwardOutput(0, ctx.input(0));
    return success();
  }
  if (std::optional<SmallVector<IntTensor>> inputs =
          ctx.foldableInputs(ctx.inputShape(0))) {
    ctx.setOutput(0, transpose((*inputs)[0], perm), ctx.inputElementType(0));
    return success();
  }
  TensorValue &input = ctx.input(0);
  if (input.constant && rank == 2 && perm[0] == 1) {
    ctx.setTransposedConstantOutput(0, input);
    return success();
  }
  ctx.setOutput(0, createTranspose(ctx.builder, ctx.loc, ctx.operand(0), perm));
  return success();
}

LogicalResult convertConcat(NodeContext &ctx) {
  if (ctx.numInputs() == 0)
    return ctx.emitError() << "needs at least one input";
  if (failed(checkInputs(ctx, ctx.numInputs(), ctx.numInputs())))
    return failure();
  RankedTensorType first = ctx.inputType(0);
  int64_t rank = first.getRank();
  const onnx::AttributeProto *axisAttr = ctx.attribute("axis");
  if (!axisAttr)
    return ctx.emitError() << "needs an 'axis' attribute";
  FailureOr<int64_t> axis = ctx.normalizeAxis(ctx.intAttr("axis", 0), rank);
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(first.getShape());
  shape[*axis] = 0;
  SmallVector<Value> operands;
  for (unsigned i = 0; i < ctx.numInputs(); ++i) {
    RankedTensorType type = ctx.inputType(i);
    if (type.getElementType() != first.getElementType() ||
        type.getRank() != rank)
      return ctx.emitError() << "input " << i << " (" << type
                             << ") does not match input 0 (" << first << ")";
    for (int64_t d = 0; d < rank; ++d)
      if (d != *axis && type.getDimSize(d) != first.getDimSize(d))
        return ctx.emitError()
               << "input " << i << " (" << type << ") differs from input 0 ("
               << first << ") in dimension " << d;
    shape[*axis] += type.getDimSize(*axis);
  }
  if (std::optional<SmallVector<IntTensor>> inputs =
          ctx.foldableInputs(shape)) {
    ctx.setOutput(0, concat(*inputs, *axis), first.getElementType());
    return success();
  }
  for (unsigned i = 0; i < ctx.numInputs(); ++i)
    if (ctx.inputType(i).getDimSize(*axis) != 0)
      operands.push_back(ctx.operand(i));
  if (operands.empty())
    ctx.setOutput(
        0, createEmpty(ctx.builder, ctx.loc, shape, first.getElementType()));
  else if (operands.size() == 1)
    ctx.setOutput(0, operands.front());
  else
    ctx.setOutput(
        0, tensor::ConcatOp::create(ctx.builder, ctx.loc, *axis, operands)
               .getResult());
  return success();
}

/// Output `output` is input 0 at `offsets + i * strides` for i in `shape`.
LogicalResult setStrided(NodeContext &ctx, unsigned output,
                         ArrayRef<int64_t> shape, ArrayRef<int64_t> offsets,
                         ArrayRef<int64_t> strides) {
  if (std::optional<SmallVector<IntTensor>> inputs =
          ctx.foldableInputs(shape)) {
    ctx.setOutput(output, strided((*inputs)[0], shape, offsets, strides),
                  ctx.inputElementType(0));
    return success();
  }
  if (llvm::any_of(strides, [](int64_t s) { return s < 0; }))
    return ctx.emitError() << "negative steps are supported only on integer "
                              "constants";
  ctx.setOutput(output, createSlice(ctx.builder, ctx.loc, ctx.operand(0),
                                    offsets, shape, strides, shape));
  return success();
}

LogicalResult convertSlice(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 3, 5)))
    return failure();
  ArrayRef<int64_t> inputShape = ctx.inputShape(0);
  auto rank = int64_t(inputShape.size());
  FailureOr<SmallVector<int64_t>> starts = ctx.constantInts(1, "starts");
  FailureOr<SmallVector<int64_t>> ends = ctx.constantInts(2, "ends");
  if (failed(starts) || failed(ends))
    return failure();
  SmallVector<int64_t> axes =
      llvm::to_vector(llvm::seq<int64_t>(0, int64_t(starts->size())));
  SmallVector<int64_t> steps(starts->size(), 1);
  if (ctx.hasInput(3)) {
    FailureOr<SmallVector<int64_t>> given = ctx.constantInts(3, "axes");
    if (failed(given))
      return failure();
    axes = *given;
  }
  if (ctx.hasInput(4)) {
    FailureOr<SmallVector<int64_t>> given = ctx.constantInts(4, "steps");
    if (failed(given))
      return failure();
    steps = *given;
  }
  if (ends->size() != starts->size() || axes.size() != starts->size() ||
      steps.size() != starts->size())
    return ctx.emitError() << "starts, ends, axes and steps differ in length";
  FailureOr<SmallVector<int64_t>> normalized = normalizeAxes(ctx, axes, rank);
  if (failed(normalized))
    return failure();

  SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
  SmallVector<int64_t> shape(inputShape);
  for (auto [i, axis] : llvm::enumerate(*normalized)) {
    int64_t dim = inputShape[axis], step = steps[i];
    int64_t start = (*starts)[i], end = (*ends)[i];
    if (step == 0)
      return ctx.emitError() << "step " << i << " is 0";
    // ONNX clamps out-of-range bounds (ends of INT64_MAX mean "to the end").
    if (start < 0)
      start += dim;
    if (end < 0)
      end += dim;
    int64_t size = 0;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
      size = end > start ? (end - start - 1) / step + 1 : 0;
    } else if (dim > 0) {
      start = std::clamp<int64_t>(start, 0, dim - 1);
      end = std::clamp<int64_t>(end, -1, dim - 1);
      // -INT64_MIN overflows; any step beyond -dim takes one element.
      step = std::max(step, -dim);
      size = start > end ? (start - end - 1) / -step + 1 : 0;
    }
    offsets[axis] = start;
    strides[axis] = step;
    shape[axis] = size;
  }
  return setStrided(ctx, 0, shape, offsets, strides);
}

LogicalResult convertSplit(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 1, 2)))
    return failure();
  ArrayRef<int64_t> inputShape = ctx.inputShape(0);
  auto rank = int64_t(inputShape.size());
  FailureOr<int64_t> axis = ctx.normalizeAxis(ctx.intAttr("axis", 0), rank);
  if (failed(axis))
    return failure();
  int64_t dim = inputShape[*axis];
  auto outputs = int64_t(ctx.numOutputs());
  if (outputs == 0)
    return ctx.emitError() << "has no outputs";
  // Sizes: input 1 (opset 13+), attribute 'split' (before 13), or equal parts
  // (the last one smaller when num_outputs does not divide, opset 18).
  SmallVector<int64_t> sizes;
  if (ctx.opset() >= 13 && ctx.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> given = ctx.constantInts(1, "split");
    if (failed(given))
      return failure();
    sizes = *given;
  } else if (ctx.opset() < 13 && ctx.hasInput(1)) {
    return ctx.emitError() << "takes 'split' as an attribute before opset 13";
  } else if (std::optional<SmallVector<int64_t>> given =
                 ctx.intsAttr("split")) {
    if (ctx.opset() >= 13)
      return ctx.emitError() << "'split' is an input since opset 13, not an "
                                "attribute";
    sizes = *given;
  } else {
    if (ctx.opset() >= 18) {
      int64_t numOutputs = ctx.intAttr("num_outputs", outputs);
      if (numOutputs != outputs)
        return ctx.emitError()
               << "num_outputs is " << numOutputs << ", but the node has "
               << outputs << " outputs";
    } else if (dim % outputs != 0) {
      return ctx.emitError()
             << "cannot split dimension " << *axis << " of size " << dim
             << " into " << outputs << " equal parts";
    }
    int64_t chunk = (dim + outputs - 1) / outputs;
    for (int64_t i = 0; i < outputs; ++i)
      sizes.push_back(std::clamp<int64_t>(dim - i * chunk, 0, chunk));
  }
  if (int64_t(sizes.size()) != outputs)
    return ctx.emitError() << "has " << sizes.size() << " split sizes for "
                           << outputs << " outputs";
  int64_t total = 0;
  for (int64_t size : sizes) {
    if (size < 0 || size > dim - total)
      return ctx.emitError()
             << "split sizes [" << sizes << "] do not add up to dimension "
             << *axis << " of size " << dim;
    total += size;
  }
  if (total != dim)
    return ctx.emitError() << "split sizes [" << sizes
                           << "] do not add up to dimension " << *axis
                           << " of size " << dim;
  SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
  SmallVector<int64_t> shape(inputShape);
  for (auto [i, size] : llvm::enumerate(sizes)) {
    shape[*axis] = size;
    if (failed(setStrided(ctx, i, shape, offsets, strides)))
      return failure();
    offsets[*axis] += size;
  }
  return success();
}

LogicalResult convertGather(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 2, 2)))
    return failure();
  RankedTensorType dataType = ctx.inputType(0);
  RankedTensorType indicesType = ctx.inputType(1);
  Type indexElement = indicesType.getElementType();
  if (!indexElement.isInteger(32) && !indexElement.isInteger(64))
    return ctx.emitError() << "needs int32 or int64 indices, got "
                           << indexElement;
  int64_t rank = dataType.getRank();
  if (rank == 0)
    return ctx.emitError() << "cannot gather from a scalar";
  FailureOr<int64_t> axis = ctx.normalizeAxis(ctx.intAttr("axis", 0), rank);
  if (failed(axis))
    return failure();
  int64_t dim = dataType.getDimSize(*axis);

  // Constant indices are checked here, dynamic ones wrap at run time.
  if (DenseElementsAttr constant = ctx.input(1).constant)
    for (const APInt &index : constant.getValues<APInt>())
      if (index.getSExtValue() < -dim || index.getSExtValue() >= dim)
        return ctx.emitError() << "index " << index.getSExtValue()
                               << " is out of range for dimension " << *axis
                               << " of size " << dim;
  int64_t indexRank = indicesType.getRank();
  SmallVector<int64_t> shape(dataType.getShape().take_front(*axis));
  llvm::append_range(shape, indicesType.getShape());
  llvm::append_range(shape, dataType.getShape().drop_front(*axis + 1));
  if (std::optional<SmallVector<IntTensor>> inputs =
          ctx.foldableInputs(shape)) {
    IntTensor indices = (*inputs)[1];
    for (int64_t &index : indices.values)
      index = index < 0 ? index + dim : index;
    ctx.setOutput(0, gather((*inputs)[0], indices, *axis),
                  dataType.getElementType());
    return success();
  }

  // One constant index (x[:, -1]): a rank-reducing slice.
  if (DenseElementsAttr constant = ctx.input(1).constant;
      constant && indexRank == 0) {
    int64_t index = (*constant.getValues<APInt>().begin()).getSExtValue();
    SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
    offsets[*axis] = index < 0 ? index + dim : index;
    SmallVector<int64_t> sizes(dataType.getShape());
    sizes[*axis] = 1;
    ctx.setOutput(0, createSlice(ctx.builder, ctx.loc, ctx.operand(0), offsets,
                                 sizes, strides, shape));
    return success();
  }
  MLIRContext *context = ctx.getContext();
  SmallVector<AffineExpr> indexExprs;
  for (int64_t d = 0; d < indexRank; ++d)
    indexExprs.push_back(getAffineDimExpr(*axis + d, context));
  SmallVector<AffineMap> maps = {
      AffineMap::get(shape.size(), 0, indexExprs, context),
      AffineMap::getMultiDimIdentityMap(shape.size(), context)};
  SmallVector<utils::IteratorType> iterators(shape.size(),
                                             utils::IteratorType::parallel);
  Value data = ctx.operand(0);
  Value init =
      createEmpty(ctx.builder, ctx.loc, shape, dataType.getElementType());
  auto generic = linalg::GenericOp::create(
      ctx.builder, ctx.loc, init.getType(), ctx.operand(1), init, maps,
      iterators, [&](OpBuilder &b, Location loc, ValueRange args) {
        // Negative indices count from the end.
        Value index =
            arith::IndexCastOp::create(b, loc, b.getIndexType(), args[0]);
        Value zero = arith::ConstantIndexOp::create(b, loc, 0);
        Value size = arith::ConstantIndexOp::create(b, loc, dim);
        Value isNegative = arith::CmpIOp::create(
            b, loc, arith::CmpIPredicate::slt, index, zero);
        Value wrapped = arith::AddIOp::create(b, loc, index, size);
        index = arith::SelectOp::create(b, loc, isNegative, wrapped, index);
        SmallVector<Value> position;
        for (int64_t d = 0; d < rank; ++d) {
          if (d == *axis)
            position.push_back(index);
          else
            position.push_back(linalg::IndexOp::create(
                b, loc, d < *axis ? d : d - 1 + indexRank));
        }
        linalg::YieldOp::create(
            b, loc,
            tensor::ExtractOp::create(b, loc, data, position).getResult());
      });
  ctx.setOutput(0, generic.getResult(0));
  return success();
}

/// GatherND: each row of `indices` (its last dimension, of size m) indexes
/// the m dimensions of `data` after the `batch_dims` leading ones, which
/// `indices` shares; the result is indices.shape[:-1] + data.shape[b+m:].
LogicalResult convertGatherND(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 2, 2)))
    return failure();
  RankedTensorType dataType = ctx.inputType(0);
  RankedTensorType indicesType = ctx.inputType(1);
  if (!indicesType.getElementType().isInteger(64))
    return ctx.emitError() << "needs int64 indices, got "
                           << indicesType.getElementType();
  int64_t rank = dataType.getRank();
  int64_t indexRank = indicesType.getRank();
  int64_t batchDims = ctx.intAttr("batch_dims", 0);
  if (rank == 0 || indexRank == 0)
    return ctx.emitError() << "needs data and indices of rank 1 or more";
  if (batchDims < 0 || batchDims >= std::min(rank, indexRank))
    return ctx.emitError() << "attribute 'batch_dims' must be in [0, "
                           << std::min(rank, indexRank) << "), got "
                           << batchDims;
  if (dataType.getShape().take_front(batchDims) !=
      indicesType.getShape().take_front(batchDims))
    return ctx.emitError() << "data " << dataType << " and indices "
                           << indicesType << " differ in the "
                           << batchDims << " batch dimensions";
  int64_t depth = indicesType.getShape().back();
  if (depth < 1 || depth > rank - batchDims)
    return ctx.emitError() << "the last dimension of the indices (" << depth
                           << ") must be in [1, " << rank - batchDims << "]";

  // Constant indices are checked here, dynamic ones wrap at run time.
  if (DenseElementsAttr constant = ctx.input(1).constant) {
    int64_t position = 0;
    for (const APInt &value : constant.getValues<APInt>()) {
      int64_t d = batchDims + position++ % depth;
      int64_t index = value.getSExtValue(), dim = dataType.getDimSize(d);
      if (index < -dim || index >= dim)
        return ctx.emitError() << "index " << index
                               << " is out of range for dimension " << d
                               << " of size " << dim;
    }
  }
  SmallVector<int64_t> shape(indicesType.getShape().drop_back());
  llvm::append_range(shape, dataType.getShape().drop_front(batchDims + depth));
  Type elementType = dataType.getElementType();
  if (std::optional<SmallVector<IntTensor>> inputs =
          ctx.foldableInputs(shape)) {
    IntTensor indices = (*inputs)[1];
    for (size_t i = 0; i < indices.values.size(); ++i)
      if (indices.values[i] < 0)
        indices.values[i] += dataType.getDimSize(batchDims + i % depth);
    ctx.setOutput(0, gatherND((*inputs)[0], indices, batchDims), elementType);
    return success();
  }

  int64_t resultRank = shape.size();
  Value data = ctx.operand(0);
  Value indices = ctx.operand(1);
  Value init = createEmpty(ctx.builder, ctx.loc, shape, elementType);
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(resultRank, ctx.getContext())};
  SmallVector<utils::IteratorType> iterators(resultRank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      ctx.builder, ctx.loc, init.getType(), ValueRange(), init, maps,
      iterators, [&](OpBuilder &b, Location loc, ValueRange) {
        SmallVector<Value> row;
        for (int64_t d = 0; d < indexRank - 1; ++d)
          row.push_back(linalg::IndexOp::create(b, loc, d));
        SmallVector<Value> position(row.begin(), row.begin() + batchDims);
        Value zero = arith::ConstantIndexOp::create(b, loc, 0);
        for (int64_t k = 0; k < depth; ++k) {
          SmallVector<Value> at(row);
          at.push_back(arith::ConstantIndexOp::create(b, loc, k));
          Value index = arith::IndexCastOp::create(
              b, loc, b.getIndexType(),
              tensor::ExtractOp::create(b, loc, indices, at));
          // Negative indices count from the end.
          Value size = arith::ConstantIndexOp::create(
              b, loc, dataType.getDimSize(batchDims + k));
          Value isNegative = arith::CmpIOp::create(
              b, loc, arith::CmpIPredicate::slt, index, zero);
          Value wrapped = arith::AddIOp::create(b, loc, index, size);
          position.push_back(
              arith::SelectOp::create(b, loc, isNegative, wrapped, index));
        }
        for (int64_t d = indexRank - 1; d < resultRank; ++d)
          position.push_back(linalg::IndexOp::create(b, loc, d));
        linalg::YieldOp::create(
            b, loc,
            tensor::ExtractOp::create(b, loc, data, position).getResult());
      });
  ctx.setOutput(0, generic.getResult(0));
  return success();
}

/// Axes of (Un)Squeeze: input 1 from opset 13, attribute 'axes' before.
FailureOr<std::optional<SmallVector<int64_t>>> squeezeAxes(NodeContext &ctx) {
  if (ctx.opset() >= 13) {
    if (!ctx.hasInput(1))
      return std::optional<SmallVector<int64_t>>();
    FailureOr<SmallVector<int64_t>> axes = ctx.constantInts(1, "axes");
    if (failed(axes))
      return failure();
    return std::optional<SmallVector<int64_t>>(*axes);
  }
  if (ctx.hasInput(1))
    return ctx.emitError() << "takes 'axes' as an attribute before opset 13";
  return ctx.intsAttr("axes");
}

LogicalResult convertUnsqueeze(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 1, 2)))
    return failure();
  FailureOr<std::optional<SmallVector<int64_t>>> axes = squeezeAxes(ctx);
  if (failed(axes))
    return failure();
  if (!*axes)
    return ctx.emitError() << "needs axes";
  ArrayRef<int64_t> inputShape = ctx.inputShape(0);
  auto rank = int64_t(inputShape.size() + (*axes)->size());
  FailureOr<SmallVector<int64_t>> normalized = normalizeAxes(ctx, **axes, rank);
  if (failed(normalized))
    return failure();
  SmallVector<int64_t> shape;
  auto next = inputShape.begin();
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(llvm::is_contained(*normalized, d) ? 1 : *next++);
  setReshaped(ctx, shape);
  return success();
}

LogicalResult convertSqueeze(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 1, 2)))
    return failure();
  FailureOr<std::optional<SmallVector<int64_t>>> axes = squeezeAxes(ctx);
  if (failed(axes))
    return failure();
  ArrayRef<int64_t> inputShape = ctx.inputShape(0);
  auto rank = int64_t(inputShape.size());
  SmallVector<int64_t> squeezed;
  if (*axes) {
    FailureOr<SmallVector<int64_t>> normalized =
        normalizeAxes(ctx, **axes, rank);
    if (failed(normalized))
      return failure();
    squeezed = *normalized;
    for (int64_t axis : squeezed)
      if (inputShape[axis] != 1)
        return ctx.emitError() << "cannot squeeze dimension " << axis
                               << " of size " << inputShape[axis];
  } else {
    for (int64_t d = 0; d < rank; ++d)
      if (inputShape[d] == 1)
        squeezed.push_back(d);
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(squeezed, d))
      shape.push_back(inputShape[d]);
  setReshaped(ctx, shape);
  return success();
}

LogicalResult convertExpand(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 2, 2)))
    return failure();
  FailureOr<SmallVector<int64_t>> requested = ctx.constantInts(1, "shape");
  if (failed(requested))
    return failure();
  if (llvm::any_of(*requested, [](int64_t dim) { return dim < 0; }))
    return ctx.emitError() << "shape [" << *requested
                           << "] has a negative dimension";
  std::optional<SmallVector<int64_t>> shape =
      broadcastShapes({ctx.inputShape(0), *requested});
  if (!shape)
    return ctx.emitError() << "cannot expand shape [" << ctx.inputShape(0)
                           << "] to [" << *requested << "]";
  Type elementType = ctx.inputElementType(0);
  if (std::optional<SmallVector<IntTensor>> inputs =
          ctx.foldableInputs(*shape)) {
    ctx.setOutput(0,
                  mapBroadcast({&(*inputs)[0]}, *shape,
                               [](ArrayRef<int64_t> v) { return v[0]; }),
                  elementType);
    return success();
  }
  if (ArrayRef<int64_t>(*shape) == ctx.inputShape(0)) {
    ctx.forwardOutput(0, ctx.input(0));
    return success();
  }
  ctx.setOutput(0, createElementwise(
                       ctx.builder, ctx.loc, {ctx.operandOrScalar(0)}, *shape,
                       elementType, [](OpBuilder &, Location, ValueRange args) {
                         return args[0];
                       }));
  return success();
}

/// Range's start, limit and delta: scalars known at import time.
LogicalResult convertRange(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 3, 3)))
    return failure();
  Type elementType = ctx.inputElementType(0);
  SmallVector<double> scalars;
  SmallVector<int64_t> intScalars;
  const char *roles[] = {"start", "limit", "delta"};
  for (auto [i, role] : llvm::enumerate(roles)) {
    FailureOr<DenseElementsAttr> attr = ctx.constantInput(i, role);
    if (failed(attr))
      return failure();
    if (attr->getNumElements() != 1 || attr->getElementType() != elementType)
      return ctx.emitError() << "input '" << role << "' must be a scalar of "
                             << elementType << ", got " << attr->getType();
    if (isa<FloatType>(elementType)) {
      scalars.push_back((*attr->value_begin<APFloat>()).convertToDouble());
    } else {
      intScalars.push_back((*attr->value_begin<APInt>()).getSExtValue());
      scalars.push_back(double(intScalars.back()));
    }
  }
  if (scalars[2] == 0)
    return ctx.emitError() << "delta is 0";
  double count =
      std::max(0.0, std::ceil((scalars[1] - scalars[0]) / scalars[2]));
  if (count > double(kMaxRangeElements))
    return ctx.emitError() << "would have " << count << " elements; at most "
                           << kMaxRangeElements << " are supported";
  if (!isa<FloatType>(elementType)) {
    IntTensor values;
    values.shape = {int64_t(count)};
    for (int64_t i = 0; i < int64_t(count); ++i)
      values.values.push_back(intScalars[0] + i * intScalars[2]);
    ctx.setOutput(0, values, elementType);
    return success();
  }
  SmallVector<APFloat> values;
  const llvm::fltSemantics &semantics =
      cast<FloatType>(elementType).getFloatSemantics();
  for (int64_t i = 0; i < int64_t(count); ++i) {
    APFloat value(scalars[0] + double(i) * scalars[2]);
    bool losesInfo;
    value.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
    values.push_back(value);
  }
  ctx.setOutput(
      0, DenseElementsAttr::get(
             RankedTensorType::get({int64_t(count)}, elementType), values));
  return success();
}

LogicalResult convertConstantOfShape(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 1, 1)))
    return failure();
  FailureOr<SmallVector<int64_t>> shape = ctx.constantInts(0, "shape");
  if (failed(shape))
    return failure();
  for (int64_t dim : *shape)
    if (dim < 0)
      return ctx.emitError()
             << "shape [" << *shape << "] has a negative dimension";
  Attribute element = FloatAttr::get(ctx.builder.getF32Type(), 0.0);
  if (const onnx::AttributeProto *attr = ctx.attribute("value")) {
    if (attr->type() != onnx::AttributeProto::TENSOR)
      return ctx.emitError() << "attribute 'value' must be a tensor";
    FailureOr<DenseElementsAttr> value = ctx.tensorAttr(*attr);
    if (failed(value))
      return failure();
    if (value->getNumElements() != 1)
      return ctx.emitError() << "attribute 'value' must have one element, "
                                "got "
                             << value->getType();
    element = *value->value_begin<Attribute>();
  }
  auto type = RankedTensorType::get(*shape, cast<TypedAttr>(element).getType());
  ctx.setOutput(0, DenseElementsAttr::get(type, element));
  return success();
}

/// Keeps the upper (or lower) triangle of the last two dimensions: element
/// (i, j) stays where j - i >= k (upper) or j - i <= k (lower).
LogicalResult convertTrilu(NodeContext &ctx) {
  if (failed(checkInputs(ctx, 1, 2)))
    return failure();
  RankedTensorType type = ctx.inputType(0);
  if (type.getRank() < 2)
    return ctx.emitError() << "needs a tensor of rank 2 or more, got " << type;
  int64_t k = 0;
  if (ctx.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> given = ctx.constantInts(1, "k");
    if (failed(given))
      return failure();
    if (given->size() != 1)
      return ctx.emitError() << "input 'k' must have one element";
    k = given->front();
  }
  bool upper = ctx.intAttr("upper", 1) != 0;
  int64_t rank = type.getRank();
  Type elementType = type.getElementType();
  Value result = createElementwise(
      ctx.builder, ctx.loc, {ctx.operand(0)}, type.getShape(), elementType,
      [&](OpBuilder &b, Location loc, ValueRange args) {
        Value row = linalg::IndexOp::create(b, loc, rank - 2);
        Value column = linalg::IndexOp::create(b, loc, rank - 1);
        Value diagonal = arith::SubIOp::create(b, loc, column, row);
        Value kValue = arith::ConstantIndexOp::create(b, loc, k);
        Value keep = arith::CmpIOp::create(b, loc,
                                           upper ? arith::CmpIPredicate::sge
                                                 : arith::CmpIPredicate::sle,
                                           diagonal, kValue);
        Value zero = createScalar(b, loc, elementType, 0.0);
        return arith::SelectOp::create(b, loc, keep, args[0], zero);
      });
  ctx.setOutput(0, result);
  return success();
}

} // namespace

void fpx::onnx_import::addTensorOps(OpTable &table) {
  table["Constant"] = {convertConstant, 1};
  table["Identity"] = {convertIdentity, 1};
  table["Dropout"] = {convertDropout, 1};
  table["Shape"] = {convertShape, 1};
  table["Reshape"] = {convertReshape, 5};
  table["Transpose"] = {convertTranspose, 1};
  table["Concat"] = {convertConcat, 4};
  table["Slice"] = {convertSlice, 10};
  table["Split"] = {convertSplit, 2};
  table["Gather"] = {convertGather, 1};
  table["GatherND"] = {convertGatherND, 12};
  table["Unsqueeze"] = {convertUnsqueeze, 1};
  table["Squeeze"] = {convertSqueeze, 1};
  table["Expand"] = {convertExpand, 8};
  table["Range"] = {convertRange, 11};
  table["ConstantOfShape"] = {convertConstantOfShape, 9};
  table["Trilu"] = {convertTrilu, 14};
}
