//===- ReductionOps.cpp - Reductions, Softmax, LayerNormalization ---------===//

#include "Builders.h"
#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace fpx::onnx_import;

namespace {

/// Sorted, distinct, normalized axes; failure after an error.
FailureOr<SmallVector<int64_t>>
sortedAxes(NodeContext &ctx, ArrayRef<int64_t> axes, int64_t rank) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes) {
    FailureOr<int64_t> normalized = ctx.normalizeAxis(axis, rank);
    if (failed(normalized))
      return failure();
    result.push_back(*normalized);
  }
  llvm::sort(result);
  result.erase(std::unique(result.begin(), result.end()), result.end());
  return result;
}

/// `value` divided elementwise by the scalar `divisor`.
Value divideBy(OpBuilder &b, Location loc, Value value, double divisor) {
  auto type = cast<RankedTensorType>(value.getType());
  Value scalar = createScalar(b, loc, type.getElementType(), divisor);
  return createElementwise(
      b, loc, {value, scalar}, type.getShape(), type.getElementType(),
      [](OpBuilder &nb, Location nl, ValueRange args) {
        return arith::DivFOp::create(nb, nl, args[0], args[1]);
      });
}

/// Mean over `axes`.
Value createMean(OpBuilder &b, Location loc, Value value,
                 ArrayRef<int64_t> axes, bool keepDims) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t count = 1;
  for (int64_t axis : axes)
    count *= type.getDimSize(axis);
  Value sum =
      createReduction(b, loc, value, axes, ReductionKind::Sum, keepDims);
  return divideBy(b, loc, sum, double(count));
}

/// A binary float op of two tensors with broadcasting.
template <typename ArithOp>
Value createBinary(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  SmallVector<ArrayRef<int64_t>> shapes = {lhsType.getShape()};
  if (auto rhsType = dyn_cast<RankedTensorType>(rhs.getType()))
    shapes.push_back(rhsType.getShape());
  SmallVector<int64_t> shape = *broadcastShapes(shapes);
  return createElementwise(b, loc, {lhs, rhs}, shape, lhsType.getElementType(),
                           [](OpBuilder &nb, Location nl, ValueRange args) {
                             return ArithOp::create(nb, nl, args[0], args[1]);
                           });
}

/// ReduceSum, ReduceMean, ReduceMax. Axes moved from an attribute to an
/// input in opset 13 (ReduceSum) and 18 (the others).
LogicalResult convertReduce(NodeContext &ctx) {
  StringRef opType = ctx.node.op_type();
  if (!ctx.hasInput(0) || ctx.numInputs() > 2)
    return ctx.emitError() << "expects the data and optional axes";
  RankedTensorType type = ctx.inputType(0);
  Type elementType = type.getElementType();
  if (elementType.isInteger(1) ||
      (opType == "ReduceMean" && !isa<FloatType>(elementType)))
    return ctx.emitError() << "does not support element type " << elementType;

  int64_t axesInputSince = opType == "ReduceSum" ? 13 : 18;
  std::optional<SmallVector<int64_t>> axes;
  bool noopWithEmptyAxes = false;
  if (ctx.opset() >= axesInputSince) {
    if (ctx.hasInput(1)) {
      FailureOr<SmallVector<int64_t>> given = ctx.constantInts(1, "axes");
      if (failed(given))
        return failure();
      axes = *given;
    }
    noopWithEmptyAxes = ctx.intAttr("noop_with_empty_axes", 0) != 0;
  } else {
    if (ctx.hasInput(1))
      return ctx.emitError()
             << "takes axes as an attribute before opset " << axesInputSince;
    axes = ctx.intsAttr("axes");
  }
  if (!axes || axes->empty()) {
    if (noopWithEmptyAxes) {
      ctx.forwardOutput(0, ctx.input(0));
      return success();
    }
    axes = llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
  }
  FailureOr<SmallVector<int64_t>> sorted =
      sortedAxes(ctx, *axes, type.getRank());
  if (failed(sorted))
    return failure();
  bool keepDims = ctx.intAttr("keepdims", 1) != 0;

  Value input = ctx.operand(0);
  Value result;
  if (opType == "ReduceMean")
    result = createMean(ctx.builder, ctx.loc, input, *sorted, keepDims);
  else
    result = createReduction(ctx.builder, ctx.loc, input, *sorted,
                             opType == "ReduceSum" ? ReductionKind::Sum
                                                   : ReductionKind::Max,
                             keepDims);
  ctx.setOutput(0, result);
  return success();
}

/// exp(x - max) / sum over one axis (opset 13+), or over all axes from
/// `axis` on (before 13, the input is seen as 2-D).
LogicalResult convertSoftmax(NodeContext &ctx) {
  if (!ctx.hasInput(0) || ctx.numInputs() != 1)
    return ctx.emitError() << "expects one input";
  RankedTensorType type = ctx.inputType(0);
  if (!isa<FloatType>(type.getElementType()))
    return ctx.emitError() << "needs a floating-point input, got "
                           << type.getElementType();
  bool singleAxis = ctx.opset() >= 13;
  FailureOr<int64_t> axis = ctx.normalizeAxis(
      ctx.intAttr("axis", singleAxis ? -1 : 1), type.getRank());
  if (failed(axis))
    return failure();
  SmallVector<int64_t> axes = {*axis};
  if (!singleAxis)
    axes = llvm::to_vector(llvm::seq<int64_t>(*axis, type.getRank()));

  OpBuilder &b = ctx.builder;
  Location loc = ctx.loc;
  Value input = ctx.operand(0);
  Value max = createReduction(b, loc, input, axes, ReductionKind::Max, true);
  Value exp = createElementwise(
      b, loc, {input, max}, type.getShape(), type.getElementType(),
      [](OpBuilder &nb, Location nl, ValueRange args) {
        Value shifted = arith::SubFOp::create(nb, nl, args[0], args[1]);
        return math::ExpOp::create(nb, nl, shifted);
      });
  Value sum = createReduction(b, loc, exp, axes, ReductionKind::Sum, true);
  ctx.setOutput(0, createBinary<arith::DivFOp>(b, loc, exp, sum));
  return success();
}

/// Normalizes over the axes from `axis` on, in the stash type (f32 by
/// default), then scales and shifts. Outputs Mean and InvStdDev too.
LogicalResult convertLayerNormalization(NodeContext &ctx) {
  if (!ctx.hasInput(0) || !ctx.hasInput(1) || ctx.numInputs() > 3)
    return ctx.emitError() << "expects X, Scale and an optional B";
  RankedTensorType type = ctx.inputType(0);
  Type elementType = type.getElementType();
  if (!isa<FloatType>(elementType))
    return ctx.emitError() << "needs a floating-point input, got "
                           << elementType;
  for (unsigned i = 1; i < ctx.numInputs(); ++i)
    if (ctx.hasInput(i) && ctx.inputElementType(i) != elementType)
      return ctx.emitError()
             << "input " << i << " has element type " << ctx.inputElementType(i)
             << ", X has " << elementType;
  FailureOr<int64_t> axis =
      ctx.normalizeAxis(ctx.intAttr("axis", -1), type.getRank());
  if (failed(axis))
    return failure();
  SmallVector<int64_t> axes =
      llvm::to_vector(llvm::seq<int64_t>(*axis, type.getRank()));
  ArrayRef<int64_t> normalizedShape = type.getShape().drop_front(*axis);
  for (unsigned i = 1; i < ctx.numInputs(); ++i)
    if (ctx.hasInput(i) &&
        broadcastShapes({normalizedShape, ctx.inputShape(i)}) !=
            std::optional(SmallVector<int64_t>(normalizedShape)))
      return ctx.emitError()
             << "input " << i << " of shape [" << ctx.inputShape(i)
             << "] does not broadcast to the normalized shape ["
             << normalizedShape << "]";
  float epsilon = ctx.floatAttr("epsilon", 1e-5f);
  Type stashType =
      getElementType(ctx.getContext(), int32_t(ctx.intAttr("stash_type", 1)));
  if (!isa_and_nonnull<FloatType>(stashType))
    return ctx.emitError() << "stash_type must be a floating-point type";

  OpBuilder &b = ctx.builder;
  Location loc = ctx.loc;
  auto convert = [&](Value value, Type to) {
    auto valueType = cast<RankedTensorType>(value.getType());
    if (valueType.getElementType() == to)
      return value;
    return createElementwise(b, loc, {value}, valueType.getShape(), to,
                             [&](OpBuilder &nb, Location nl, ValueRange args) {
                               return convertScalar(nb, nl, args[0], to);
                             });
  };
  Value x = convert(ctx.operand(0), stashType);
  Value mean = createMean(b, loc, x, axes, /*keepDims=*/true);
  Value centered = createBinary<arith::SubFOp>(b, loc, x, mean);
  Value squared = createBinary<arith::MulFOp>(b, loc, centered, centered);
  Value variance = createMean(b, loc, squared, axes, /*keepDims=*/true);
  auto varianceType = cast<RankedTensorType>(variance.getType());
  Value epsilonValue = createScalar(b, loc, stashType, epsilon);
  Value invStdDev = createElementwise(
      b, loc, {variance, epsilonValue}, varianceType.getShape(), stashType,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value sum = arith::AddFOp::create(nb, nl, args[0], args[1]);
        return math::RsqrtOp::create(nb, nl, sum);
      });
  Value normalized = createBinary<arith::MulFOp>(b, loc, centered, invStdDev);
  Value y = convert(normalized, elementType);
  y = createBinary<arith::MulFOp>(b, loc, y, ctx.operandOrScalar(1));
  if (ctx.hasInput(2))
    y = createBinary<arith::AddFOp>(b, loc, y, ctx.operandOrScalar(2));
  ctx.setOutput(0, y);
  ctx.setOutput(1, mean);
  ctx.setOutput(2, invStdDev);
  return success();
}

/// CumSum: running sums along the axis given by input 1 (a constant),
/// optionally exclusive and/or from the end. Small integer constants are
/// evaluated at import time; otherwise one linalg.generic over (..., i, ...,
/// k) sums x[..., k, ...] into y[..., i, ...] where k <= i (k < i exclusive;
/// k >= i, k > i reversed). That is quadratic in the axis length, which is
/// fine for the sequence-length scans (position ids) exporters emit.
LogicalResult convertCumSum(NodeContext &ctx) {
  if (!ctx.hasInput(0) || !ctx.hasInput(1) || ctx.numInputs() != 2)
    return ctx.emitError() << "expects the data and the axis";
  RankedTensorType type = ctx.inputType(0);
  Type elementType = type.getElementType();
  if (elementType.isInteger(1))
    return ctx.emitError() << "does not support element type " << elementType;
  int64_t rank = type.getRank();
  if (rank == 0)
    return ctx.emitError() << "needs a tensor of rank 1 or more, got " << type;
  FailureOr<SmallVector<int64_t>> axisValues = ctx.constantInts(1, "axis");
  if (failed(axisValues))
    return failure();
  if (axisValues->size() != 1)
    return ctx.emitError() << "input 'axis' must have one element";
  FailureOr<int64_t> axis = ctx.normalizeAxis(axisValues->front(), rank);
  if (failed(axis))
    return failure();
  int64_t exclusive = ctx.intAttr("exclusive", 0);
  int64_t reverse = ctx.intAttr("reverse", 0);
  if (exclusive != 0 && exclusive != 1)
    return ctx.emitError() << "attribute 'exclusive' must be 0 or 1, got "
                           << exclusive;
  if (reverse != 0 && reverse != 1)
    return ctx.emitError() << "attribute 'reverse' must be 0 or 1, got "
                           << reverse;

  if (std::optional<SmallVector<IntTensor>> inputs =
          ctx.foldableInputs(type.getShape())) {
    ctx.setOutput(0, cumSum((*inputs)[0], *axis, exclusive, reverse),
                  elementType);
    return success();
  }

  OpBuilder &b = ctx.builder;
  MLIRContext *context = ctx.getContext();
  // Dimensions 0..rank-1 are the result's, dimension `rank` is k.
  SmallVector<AffineExpr> inputExprs;
  for (int64_t d = 0; d < rank; ++d)
    inputExprs.push_back(getAffineDimExpr(d == *axis ? rank : d, context));
  SmallVector<AffineMap> maps = {
      AffineMap::get(rank + 1, 0, inputExprs, context),
      AffineMap::getMultiDimIdentityMap(rank + 1, context).getMajorSubMap(
          rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  Value init = createFilled(b, ctx.loc, type.getShape(),
                            createScalar(b, ctx.loc, elementType, 0.0));
  arith::CmpIPredicate predicate =
      reverse ? (exclusive ? arith::CmpIPredicate::sgt
                           : arith::CmpIPredicate::sge)
              : (exclusive ? arith::CmpIPredicate::slt
                           : arith::CmpIPredicate::sle);
  auto generic = linalg::GenericOp::create(
      b, ctx.loc, init.getType(), ctx.operand(0), init, maps, iterators,
      [&](OpBuilder &nb, Location loc, ValueRange args) {
        Value i = linalg::IndexOp::create(nb, loc, *axis);
        Value k = linalg::IndexOp::create(nb, loc, rank);
        Value inRange = arith::CmpIOp::create(nb, loc, predicate, k, i);
        Value sum = isa<FloatType>(elementType)
                        ? Value(arith::AddFOp::create(nb, loc, args[1],
                                                      args[0]))
                        : Value(arith::AddIOp::create(nb, loc, args[1],
                                                      args[0]));
        linalg::YieldOp::create(
            nb, loc,
            arith::SelectOp::create(nb, loc, inRange, sum, args[1])
                .getResult());
      });
  ctx.setOutput(0, generic.getResult(0));
  return success();
}

} // namespace

void fpx::onnx_import::addReductionOps(OpTable &table) {
  table["ReduceSum"] = {convertReduce, 1};
  table["ReduceMean"] = {convertReduce, 1};
  table["ReduceMax"] = {convertReduce, 1};
  table["Softmax"] = {convertSoftmax, 1};
  table["CumSum"] = {convertCumSum, 11};
  table["LayerNormalization"] = {convertLayerNormalization, 17};
}
