//===- Builders.cpp - IR building blocks of the ONNX importer -------------===//

#include "Builders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace fpx::onnx_import;

std::optional<SmallVector<int64_t>>
fpx::onnx_import::broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes) {
  size_t rank = 0;
  for (ArrayRef<int64_t> shape : shapes)
    rank = std::max(rank, shape.size());
  SmallVector<int64_t> result(rank, 1);
  for (ArrayRef<int64_t> shape : shapes) {
    size_t lead = rank - shape.size();
    for (auto [i, dim] : llvm::enumerate(shape)) {
      int64_t &out = result[lead + i];
      if (dim == out || dim == 1)
        continue;
      if (out != 1)
        return std::nullopt;
      out = dim;
    }
  }
  return result;
}

Value fpx::onnx_import::createScalar(OpBuilder &b, Location loc, Type type,
                                     double value) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(floatType, value));
  if (type.isInteger(1))
    return arith::ConstantOp::create(b, loc, b.getBoolAttr(value != 0));
  return arith::ConstantOp::create(b, loc,
                                   b.getIntegerAttr(type, int64_t(value)));
}

Value fpx::onnx_import::createEmpty(OpBuilder &b, Location loc,
                                    ArrayRef<int64_t> shape, Type elementType) {
  return tensor::EmptyOp::create(b, loc, shape, elementType);
}

Value fpx::onnx_import::createFilled(OpBuilder &b, Location loc,
                                     ArrayRef<int64_t> shape, Value scalar) {
  Value empty = createEmpty(b, loc, shape, scalar.getType());
  return linalg::FillOp::create(b, loc, scalar, empty).getResult(0);
}

/// The indexing map that reads an operand of `operandShape` broadcast to
/// `shape`: trailing dimensions align, and size-1 dimensions stretch.
static AffineMap broadcastMap(ArrayRef<int64_t> operandShape,
                              ArrayRef<int64_t> shape, MLIRContext *context) {
  size_t lead = shape.size() - operandShape.size();
  SmallVector<AffineExpr> exprs;
  for (auto [i, dim] : llvm::enumerate(operandShape))
    exprs.push_back(dim == 1 && shape[lead + i] != 1
                        ? getAffineConstantExpr(0, context)
                        : getAffineDimExpr(lead + i, context));
  return AffineMap::get(shape.size(), 0, exprs, context);
}

Value fpx::onnx_import::createElementwise(OpBuilder &b, Location loc,
                                          ArrayRef<Value> operands,
                                          ArrayRef<int64_t> shape,
                                          Type resultElementType,
                                          ScalarBodyFn body) {
  MLIRContext *context = b.getContext();
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (Value operand : operands) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    if (!type)
      continue;
    inputs.push_back(operand);
    maps.push_back(broadcastMap(type.getShape(), shape, context));
  }
  maps.push_back(AffineMap::getMultiDimIdentityMap(shape.size(), context));
  Value init = createEmpty(b, loc, shape, resultElementType);
  SmallVector<utils::IteratorType> iterators(shape.size(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, init, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        SmallVector<Value> scalars;
        unsigned next = 0;
        for (Value operand : operands)
          scalars.push_back(isa<RankedTensorType>(operand.getType())
                                ? args[next++]
                                : operand);
        linalg::YieldOp::create(nested, nestedLoc,
                                body(nested, nestedLoc, scalars));
      });
  return generic.getResult(0);
}

Value fpx::onnx_import::createReshape(OpBuilder &b, Location loc, Value value,
                                      ArrayRef<int64_t> shape) {
  auto sourceType = cast<RankedTensorType>(value.getType());
  if (sourceType.getShape() == shape)
    return value;
  auto targetType = RankedTensorType::get(shape, sourceType.getElementType());
  if (std::optional<SmallVector<ReassociationIndices>> reassociation =
          getReassociationIndicesForReshape(sourceType, targetType)) {
    if (sourceType.getRank() > targetType.getRank())
      return tensor::CollapseShapeOp::create(b, loc, targetType, value,
                                             *reassociation);
    return tensor::ExpandShapeOp::create(b, loc, targetType, value,
                                         *reassociation);
  }
  // Neither shape refines the other (e.g. 2x3 -> 3x2): go through 1-D.
  // Both ranks are at least 1 here (a rank-0 tensor refines any all-ones
  // shape), so each step is one reassociation group.
  auto flatType = RankedTensorType::get({sourceType.getNumElements()},
                                        sourceType.getElementType());
  ReassociationIndices sourceDims =
      llvm::to_vector(llvm::seq<int64_t>(0, sourceType.getRank()));
  ReassociationIndices targetDims =
      llvm::to_vector(llvm::seq<int64_t>(0, targetType.getRank()));
  Value flat =
      tensor::CollapseShapeOp::create(b, loc, flatType, value, {sourceDims});
  return tensor::ExpandShapeOp::create(b, loc, targetType, flat, {targetDims});
}

Value fpx::onnx_import::createSlice(OpBuilder &b, Location loc, Value value,
                                    ArrayRef<int64_t> offsets,
                                    ArrayRef<int64_t> sizes,
                                    ArrayRef<int64_t> strides,
                                    ArrayRef<int64_t> shape) {
  Type elementType = cast<RankedTensorType>(value.getType()).getElementType();
  // tensor.extract_slice wants in-bounds offsets, which a dimension of size
  // 0 does not have; an empty result needs no data anyway.
  if (llvm::is_contained(shape, 0))
    return createEmpty(b, loc, shape, elementType);
  MLIRContext *context = b.getContext();
  return tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get(shape, elementType), value,
      getAsIndexOpFoldResult(context, offsets),
      getAsIndexOpFoldResult(context, sizes),
      getAsIndexOpFoldResult(context, strides));
}

Value fpx::onnx_import::createTranspose(OpBuilder &b, Location loc, Value value,
                                        ArrayRef<int64_t> perm) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(type.getDimSize(p));
  Value init = createEmpty(b, loc, shape, type.getElementType());
  return linalg::TransposeOp::create(b, loc, value, init, perm)->getResult(0);
}

Value fpx::onnx_import::createReduction(OpBuilder &b, Location loc, Value value,
                                        ArrayRef<int64_t> axes,
                                        ReductionKind kind, bool keepDims) {
  MLIRContext *context = b.getContext();
  auto type = cast<RankedTensorType>(value.getType());
  Type elementType = type.getElementType();
  bool isFloat = isa<FloatType>(elementType);
  SmallVector<int64_t> reducedShape, keptShape;
  SmallVector<AffineExpr> outputExprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    bool reduced = llvm::is_contained(axes, d);
    keptShape.push_back(reduced ? 1 : type.getDimSize(d));
    iterators.push_back(reduced ? utils::IteratorType::reduction
                                : utils::IteratorType::parallel);
    if (!reduced) {
      reducedShape.push_back(type.getDimSize(d));
      outputExprs.push_back(getAffineDimExpr(d, context));
    }
  }

  Value identity;
  if (kind == ReductionKind::Sum)
    identity = createScalar(b, loc, elementType, 0.0);
  else if (isFloat)
    identity = createScalar(b, loc, elementType,
                            -std::numeric_limits<double>::infinity());
  else
    identity = arith::ConstantOp::create(
        b, loc,
        b.getIntegerAttr(
            elementType,
            APInt::getSignedMinValue(elementType.getIntOrFloatBitWidth())));
  Value init = createFilled(b, loc, reducedShape, identity);
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(type.getRank(), context),
      AffineMap::get(type.getRank(), 0, outputExprs, context)};
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), value, init, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value combined;
        if (kind == ReductionKind::Sum)
          combined = isFloat ? Value(arith::AddFOp::create(nested, nestedLoc,
                                                           args[0], args[1]))
                             : Value(arith::AddIOp::create(nested, nestedLoc,
                                                           args[0], args[1]));
        else
          combined = isFloat ? Value(arith::MaximumFOp::create(
                                   nested, nestedLoc, args[0], args[1]))
                             : Value(arith::MaxSIOp::create(nested, nestedLoc,
                                                            args[0], args[1]));
        linalg::YieldOp::create(nested, nestedLoc, combined);
      });
  Value result = generic.getResult(0);
  return keepDims ? createReshape(b, loc, result, keptShape) : result;
}

Value fpx::onnx_import::convertScalar(OpBuilder &b, Location loc, Value scalar,
                                      Type to) {
  Type from = scalar.getType();
  if (from == to)
    return scalar;
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(to);
  if (fromFloat && toFloat) {
    if (fromFloat.getWidth() == toFloat.getWidth()) {
      // f16 <-> bf16: no direct cast; f32 holds both exactly.
      Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), scalar);
      return arith::TruncFOp::create(b, loc, to, wide);
    }
    if (fromFloat.getWidth() < toFloat.getWidth())
      return arith::ExtFOp::create(b, loc, to, scalar);
    return arith::TruncFOp::create(b, loc, to, scalar);
  }
  if (to.isInteger(1)) {
    Value zero = createScalar(b, loc, from, 0.0);
    if (fromFloat)
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, scalar,
                                   zero);
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, scalar,
                                 zero);
  }
  bool fromBool = from.isInteger(1);
  if (toFloat)
    return fromBool ? Value(arith::UIToFPOp::create(b, loc, to, scalar))
                    : Value(arith::SIToFPOp::create(b, loc, to, scalar));
  if (fromFloat)
    return arith::FPToSIOp::create(b, loc, to, scalar);
  if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
    return fromBool ? Value(arith::ExtUIOp::create(b, loc, to, scalar))
                    : Value(arith::ExtSIOp::create(b, loc, to, scalar));
  return arith::TruncIOp::create(b, loc, to, scalar);
}
