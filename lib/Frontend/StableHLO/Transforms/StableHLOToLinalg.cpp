//===- StableHLOToLinalg.cpp - Lower stablehlo/chlo to linalg on tensors --===//
//
// One conversion pattern per op. Everything stays on tensors with the
// shapes of the input; the only layout decisions are in dot_general, which
// groups dimensions so that every contraction is a named (batch_)matmul.
//
//===----------------------------------------------------------------------===//

#include "fpx/Frontend/StableHLO/Transforms/Passes.h"

#include "fpx/Frontend/StableHLO/IR/CHLO.h"
#include "fpx/Frontend/StableHLO/IR/StableHLO.h"

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/TypeSwitch.h"

namespace fpx {
#define GEN_PASS_DEF_CONVERTSTABLEHLOTOLINALG
#include "fpx/Frontend/StableHLO/Transforms/Passes.h.inc"
} // namespace fpx

using namespace mlir;
namespace shlo = fpx::stablehlo;

//===----------------------------------------------------------------------===//
// Scalar semantics of the elementwise ops
//===----------------------------------------------------------------------===//

static Value constantOf(OpBuilder &b, Location loc, Type type, int64_t value) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(floatType, value));
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, value));
}

/// StableHLO's `convert`: round to nearest for floats, truncate toward zero
/// for float to int, sign-extend ints (i1 is unsigned), compare with zero
/// for any conversion to i1.
static Value convertScalar(OpBuilder &b, Location loc, Value value, Type to) {
  Type from = value.getType();
  if (from == to)
    return value;
  if (to.isInteger(1)) {
    Value zero = constantOf(b, loc, from, 0);
    if (isa<FloatType>(from))
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, value,
                                   zero);
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, value, zero);
  }
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(to);
  if (fromFloat && toFloat) {
    if (fromFloat.getWidth() < toFloat.getWidth())
      return arith::ExtFOp::create(b, loc, to, value);
    if (fromFloat.getWidth() > toFloat.getWidth())
      return arith::TruncFOp::create(b, loc, to, value);
    // Same width, different format (f16 and bf16): go through f32.
    Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), value);
    return arith::TruncFOp::create(b, loc, to, wide);
  }
  if (toFloat)
    return from.isInteger(1)
               ? arith::UIToFPOp::create(b, loc, to, value).getResult()
               : arith::SIToFPOp::create(b, loc, to, value).getResult();
  if (fromFloat)
    return arith::FPToSIOp::create(b, loc, to, value);
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth > toWidth)
    return arith::TruncIOp::create(b, loc, to, value);
  return from.isInteger(1)
             ? arith::ExtUIOp::create(b, loc, to, value).getResult()
             : arith::ExtSIOp::create(b, loc, to, value).getResult();
}

/// IEEE semantics: every comparison with NaN is false except NE.
static arith::CmpFPredicate
floatPredicate(shlo::ComparisonDirection direction) {
  switch (direction) {
  case shlo::ComparisonDirection::EQ:
    return arith::CmpFPredicate::OEQ;
  case shlo::ComparisonDirection::NE:
    return arith::CmpFPredicate::UNE;
  case shlo::ComparisonDirection::GE:
    return arith::CmpFPredicate::OGE;
  case shlo::ComparisonDirection::GT:
    return arith::CmpFPredicate::OGT;
  case shlo::ComparisonDirection::LE:
    return arith::CmpFPredicate::OLE;
  case shlo::ComparisonDirection::LT:
    return arith::CmpFPredicate::OLT;
  }
  llvm_unreachable("unknown comparison direction");
}

static arith::CmpIPredicate intPredicate(shlo::ComparisonDirection direction,
                                         bool isUnsigned) {
  using arith::CmpIPredicate;
  switch (direction) {
  case shlo::ComparisonDirection::EQ:
    return CmpIPredicate::eq;
  case shlo::ComparisonDirection::NE:
    return CmpIPredicate::ne;
  case shlo::ComparisonDirection::GE:
    return isUnsigned ? CmpIPredicate::uge : CmpIPredicate::sge;
  case shlo::ComparisonDirection::GT:
    return isUnsigned ? CmpIPredicate::ugt : CmpIPredicate::sgt;
  case shlo::ComparisonDirection::LE:
    return isUnsigned ? CmpIPredicate::ule : CmpIPredicate::sle;
  case shlo::ComparisonDirection::LT:
    return isUnsigned ? CmpIPredicate::ult : CmpIPredicate::slt;
  }
  llvm_unreachable("unknown comparison direction");
}

static Value compareScalars(OpBuilder &b, Location loc, shlo::CompareOp op,
                            Value lhs, Value rhs) {
  shlo::ComparisonDirection direction = op.getComparisonDirection();
  if (isa<FloatType>(lhs.getType()))
    return arith::CmpFOp::create(b, loc, floatPredicate(direction), lhs, rhs);
  // Without an explicit type, i1 compares unsigned (false < true) and other
  // integers signed, as StableHLO defines.
  bool isUnsigned = lhs.getType().isInteger(1);
  if (std::optional<shlo::ComparisonType> type = op.getCompareType();
      type && *type != shlo::ComparisonType::NOTYPE)
    isUnsigned = *type == shlo::ComparisonType::UNSIGNED;
  return arith::CmpIOp::create(b, loc, intPredicate(direction, isUnsigned), lhs,
                               rhs);
}

/// StableHLO defines integer division fully: x / 0 = -1 and
/// INT_MIN / -1 = INT_MIN, where arith.divsi is undefined.
static Value divideIntegers(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  Type type = lhs.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  Value zero = constantOf(b, loc, type, 0);
  Value one = constantOf(b, loc, type, 1);
  Value minusOne = constantOf(b, loc, type, -1);
  Value intMin = arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type, APInt::getSignedMinValue(width)));
  Value byZero =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rhs, zero);
  Value overflows = arith::AndIOp::create(
      b, loc,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, lhs, intMin),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rhs, minusOne));
  Value special = arith::OrIOp::create(b, loc, byZero, overflows);
  Value safeRhs = arith::SelectOp::create(b, loc, special, one, rhs);
  Value quotient = arith::DivSIOp::create(b, loc, lhs, safeRhs);
  quotient = arith::SelectOp::create(b, loc, overflows, intMin, quotient);
  return arith::SelectOp::create(b, loc, byZero, minusOne, quotient);
}

/// The scalar computation of elementwise op `op` on `args`, one element of
/// each operand. Only called on ops checkLowerable accepted.
static Value buildScalarOp(OpBuilder &b, Location loc, Operation *op,
                           ValueRange args) {
  Type resultType = getElementTypeOrSelf(op->getResult(0).getType());
  bool isFloat = isa<FloatType>(resultType);
  bool isBool = resultType.isInteger(1);
  return llvm::TypeSwitch<Operation *, Value>(op)
      .Case([&](shlo::AddOp) -> Value {
        if (isFloat)
          return arith::AddFOp::create(b, loc, args[0], args[1]);
        // On i1, StableHLO's add is logical or.
        if (isBool)
          return arith::OrIOp::create(b, loc, args[0], args[1]);
        return arith::AddIOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](shlo::SubtractOp) -> Value {
        if (isFloat)
          return arith::SubFOp::create(b, loc, args[0], args[1]);
        return arith::SubIOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](shlo::MultiplyOp) -> Value {
        if (isFloat)
          return arith::MulFOp::create(b, loc, args[0], args[1]);
        return arith::MulIOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](shlo::DivideOp) -> Value {
        if (isFloat)
          return arith::DivFOp::create(b, loc, args[0], args[1]);
        return divideIntegers(b, loc, args[0], args[1]);
      })
      .Case([&](shlo::MaximumOp) -> Value {
        // maximumf propagates NaN, as StableHLO's maximum does. On i1
        // (true = -1 as a signed integer) maximum is logical or.
        if (isFloat)
          return arith::MaximumFOp::create(b, loc, args[0], args[1]);
        if (isBool)
          return arith::OrIOp::create(b, loc, args[0], args[1]);
        return arith::MaxSIOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](shlo::MinimumOp) -> Value {
        if (isFloat)
          return arith::MinimumFOp::create(b, loc, args[0], args[1]);
        if (isBool)
          return arith::AndIOp::create(b, loc, args[0], args[1]);
        return arith::MinSIOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](shlo::PowerOp) -> Value {
        return math::PowFOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](shlo::AndOp) -> Value {
        return arith::AndIOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](shlo::OrOp) -> Value {
        return arith::OrIOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](shlo::NotOp) -> Value {
        Value allOnes = constantOf(b, loc, resultType, -1);
        return arith::XOrIOp::create(b, loc, args[0], allOnes);
      })
      .Case([&](shlo::NegateOp) -> Value {
        if (isFloat)
          return arith::NegFOp::create(b, loc, args[0]);
        return arith::SubIOp::create(b, loc, constantOf(b, loc, resultType, 0),
                                     args[0]);
      })
      .Case([&](shlo::ExpOp) -> Value {
        return math::ExpOp::create(b, loc, args[0]);
      })
      .Case([&](shlo::LogOp) -> Value {
        return math::LogOp::create(b, loc, args[0]);
      })
      .Case([&](shlo::RsqrtOp) -> Value {
        return math::RsqrtOp::create(b, loc, args[0]);
      })
      .Case([&](shlo::SqrtOp) -> Value {
        return math::SqrtOp::create(b, loc, args[0]);
      })
      .Case([&](shlo::TanhOp) -> Value {
        return math::TanhOp::create(b, loc, args[0]);
      })
      .Case([&](shlo::CosineOp) -> Value {
        return math::CosOp::create(b, loc, args[0]);
      })
      .Case([&](shlo::SineOp) -> Value {
        return math::SinOp::create(b, loc, args[0]);
      })
      .Case([&](shlo::LogisticOp) -> Value {
        // 1 / (1 + e^-x): e^-x overflows to inf for very negative x, which
        // still gives the right limit 0.
        Value one = constantOf(b, loc, resultType, 1);
        Value negated = arith::NegFOp::create(b, loc, args[0]);
        Value denominator = arith::AddFOp::create(
            b, loc, one, math::ExpOp::create(b, loc, negated));
        return arith::DivFOp::create(b, loc, one, denominator);
      })
      .Case([&](shlo::ConvertOp) -> Value {
        return convertScalar(b, loc, args[0], resultType);
      })
      .Case([&](shlo::CompareOp compare) -> Value {
        return compareScalars(b, loc, compare, args[0], args[1]);
      })
      .Case([&](shlo::SelectOp) -> Value {
        return arith::SelectOp::create(b, loc, args[0], args[1], args[2]);
      })
      .Case([&](fpx::chlo::ErfOp) -> Value {
        return math::ErfOp::create(b, loc, args[0]);
      })
      .Case([&](fpx::chlo::ErfcOp) -> Value {
        return math::ErfcOp::create(b, loc, args[0]);
      });
}

namespace {
/// The ops lowered through buildScalarOp, listed once for the reducer check
/// and for the patterns.
template <typename... OpTys> struct OpList {
  static bool contains(Operation *op) { return isa<OpTys...>(op); }
  template <template <typename> class Pattern>
  static void addPatterns(RewritePatternSet &patterns) {
    patterns.add<Pattern<OpTys>...>(patterns.getContext());
  }
};
using ElementwiseOps =
    OpList<shlo::AddOp, shlo::SubtractOp, shlo::MultiplyOp, shlo::DivideOp,
           shlo::MaximumOp, shlo::MinimumOp, shlo::PowerOp, shlo::AndOp,
           shlo::OrOp, shlo::NotOp, shlo::NegateOp, shlo::ExpOp, shlo::LogOp,
           shlo::RsqrtOp, shlo::SqrtOp, shlo::TanhOp, shlo::CosineOp,
           shlo::SineOp, shlo::LogisticOp, shlo::ConvertOp, shlo::CompareOp,
           shlo::SelectOp, fpx::chlo::ErfOp, fpx::chlo::ErfcOp>;
} // namespace

//===----------------------------------------------------------------------===//
// What the conversion accepts
//===----------------------------------------------------------------------===//

/// Reports, on `op`, why it cannot be lowered. Runs on the whole input
/// before anything changes, so that every problem shows at once.
static LogicalResult checkLowerable(Operation *op) {
  auto fail = [&]() {
    return op->emitOpError() << "cannot be lowered to linalg: ";
  };
  SmallVector<Type> types(op->getOperandTypes());
  llvm::append_range(types, op->getResultTypes());
  for (Type type : types) {
    auto tensorType = cast<RankedTensorType>(type);
    if (!tensorType.hasStaticShape())
      return fail() << tensorType
                    << " has a dynamic shape; the frontend handles static "
                       "shapes only (lower the JAX function with concrete "
                       "shapes)";
    if (tensorType.getElementType().isUnsignedInteger())
      return fail() << tensorType
                    << " has an unsigned element type, which linalg and arith "
                       "do not have; convert to a signless type first";
  }
  if (auto power = dyn_cast<shlo::PowerOp>(op);
      power && !isa<FloatType>(power.getType().getElementType()))
    return fail() << "integer power is not supported; compute it in a float "
                     "type";
  if (auto compare = dyn_cast<shlo::CompareOp>(op);
      compare && compare.getCompareType() == shlo::ComparisonType::TOTALORDER)
    return fail() << "TOTALORDER comparisons are not supported; use FLOAT";
  if (auto reduce = dyn_cast<shlo::ReduceOp>(op)) {
    if (reduce.getDimensions().empty())
      return fail() << "a reduce over no dimensions is not supported; it is "
                       "the reducer applied elementwise to the init value";
    for (Operation &inner : reduce.getBody().front().without_terminator()) {
      auto constant = dyn_cast<shlo::ConstantOp>(inner);
      if (constant && !isa<DenseElementsAttr>(constant.getValue()))
        return inner.emitOpError()
               << "cannot be lowered to linalg inside a reducer: the value "
                  "must be a dense<...> literal";
      if (!constant && !ElementwiseOps::contains(&inner))
        return inner.emitOpError()
               << "cannot be lowered to linalg inside a reducer: reducer "
                  "bodies may hold elementwise ops and constants only";
      // The body is rebuilt on scalars from its own arguments and results.
      for (Value operand : inner.getOperands())
        if (operand.getParentRegion() != &reduce.getBody())
          return inner.emitOpError()
                 << "cannot be lowered to linalg inside a reducer: it uses a "
                    "value defined outside the reducer; define it inside";
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                         Type elementType) {
  return tensor::EmptyOp::create(b, loc, shape, elementType);
}

static Value filledTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                          Value scalar) {
  Value empty = emptyTensor(b, loc, shape, scalar.getType());
  return linalg::FillOp::create(b, loc, ValueRange{scalar}, ValueRange{empty})
      .getResult(0);
}

static SmallVector<utils::IteratorType> parallelLoops(int64_t rank) {
  return SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel);
}

/// Reshapes a static tensor in row-major order: one collapse_shape or
/// expand_shape where one exists, otherwise through a 1-D tensor.
static Value reshapeTo(OpBuilder &b, Location loc, Value value,
                       ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  auto target = RankedTensorType::get(shape, type.getElementType());
  std::optional<SmallVector<ReassociationIndices>> reassociation;
  // A rank-0 side has only unit dimensions on the other: no groups.
  if (type.getRank() == 0 || target.getRank() == 0)
    reassociation.emplace();
  else if (type.getRank() != target.getRank())
    reassociation = getReassociationIndicesForReshape(type, target);
  if (!reassociation) {
    Value flat = reshapeTo(b, loc, value, {type.getNumElements()});
    return reshapeTo(b, loc, flat, shape);
  }
  if (target.getRank() < type.getRank())
    return tensor::CollapseShapeOp::create(b, loc, target, value,
                                           *reassociation);
  return tensor::ExpandShapeOp::create(b, loc, target, value, *reassociation);
}

static bool isIdentityPermutation(ArrayRef<int64_t> permutation) {
  for (auto [index, dim] : llvm::enumerate(permutation))
    if (static_cast<int64_t>(index) != dim)
      return false;
  return true;
}

static Value transposeTo(OpBuilder &b, Location loc, Value value,
                         ArrayRef<int64_t> permutation) {
  if (isIdentityPermutation(permutation))
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  for (int64_t dim : permutation)
    shape.push_back(type.getDimSize(dim));
  Value init = emptyTensor(b, loc, shape, type.getElementType());
  return linalg::TransposeOp::create(b, loc, value, init, permutation)
      .getResult()[0];
}

/// Reads a rank-0 integer tensor as an index clamped to [0, upper], the
/// start-index rule of dynamic_slice, dynamic_update_slice and gather.
static Value clampedIndex(OpBuilder &b, Location loc, Value scalar,
                          int64_t upper) {
  Value index = arith::IndexCastOp::create(b, loc, b.getIndexType(), scalar);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value max = arith::ConstantIndexOp::create(b, loc, upper);
  return arith::MaxSIOp::create(b, loc, zero,
                                arith::MinSIOp::create(b, loc, index, max));
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// Elementwise ops (and chlo.erf) as one linalg.generic over the result; a
/// rank-0 `select` predicate is read at every point.
template <typename OpTy>
struct ElementwiseLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = resultType.getRank();
    MLIRContext *ctx = op.getContext();
    SmallVector<AffineMap> maps;
    for (Value operand : adaptor.getOperands())
      maps.push_back(cast<RankedTensorType>(operand.getType()).getRank() == rank
                         ? AffineMap::getMultiDimIdentityMap(rank, ctx)
                         : AffineMap::get(rank, 0, {}, ctx));
    maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
    Value init = emptyTensor(rewriter, loc, resultType.getShape(),
                             resultType.getElementType());
    Operation *source = op.getOperation();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, adaptor.getOperands(),
        ValueRange{init}, maps, parallelLoops(rank),
        [&](OpBuilder &b, Location nested, ValueRange args) {
          Value result = buildScalarOp(b, nested, source, args.drop_back());
          linalg::YieldOp::create(b, nested, result);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct ConstantLowering : public OpConversionPattern<shlo::ConstantOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

struct IotaLowering : public OpConversionPattern<shlo::IotaOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::IotaOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    Type elementType = type.getElementType();
    Value init = emptyTensor(rewriter, loc, type.getShape(), elementType);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{}, ValueRange{init},
        AffineMap::getMultiDimIdentityMap(type.getRank(), op.getContext()),
        parallelLoops(type.getRank()),
        [&](OpBuilder &b, Location nested, ValueRange) {
          Value index =
              linalg::IndexOp::create(b, nested, op.getIotaDimension());
          Value value;
          if (isa<FloatType>(elementType))
            value = arith::SIToFPOp::create(
                b, nested, elementType,
                arith::IndexCastOp::create(b, nested, b.getI64Type(), index));
          else
            value = arith::IndexCastOp::create(b, nested, elementType, index);
          linalg::YieldOp::create(b, nested, value);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct BroadcastInDimLowering
    : public OpConversionPattern<shlo::BroadcastInDimOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::BroadcastInDimOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getType();
    RankedTensorType operandType = op.getOperand().getType();
    MLIRContext *ctx = op.getContext();
    // Operand dimension i reads result dimension dims[i], or index 0 where
    // a size-1 dimension is stretched.
    SmallVector<AffineExpr> operandExprs;
    for (auto [operandDim, resultDim] :
         llvm::enumerate(op.getBroadcastDimensions()))
      operandExprs.push_back(operandType.getDimSize(operandDim) == 1 &&
                                     resultType.getDimSize(resultDim) != 1
                                 ? getAffineConstantExpr(0, ctx)
                                 : getAffineDimExpr(resultDim, ctx));
    int64_t rank = resultType.getRank();
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, operandExprs, ctx),
        AffineMap::getMultiDimIdentityMap(rank, ctx)};
    Value init = emptyTensor(rewriter, loc, resultType.getShape(),
                             resultType.getElementType());
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{adaptor.getOperand()},
        ValueRange{init}, maps, parallelLoops(rank),
        [](OpBuilder &b, Location nested, ValueRange args) {
          linalg::YieldOp::create(b, nested, args[0]);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct ReshapeLowering : public OpConversionPattern<shlo::ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op,
                       reshapeTo(rewriter, op.getLoc(), adaptor.getOperand(),
                                 op.getType().getShape()));
    return success();
  }
};

struct TransposeLowering : public OpConversionPattern<shlo::TransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op,
                       transposeTo(rewriter, op.getLoc(), adaptor.getOperand(),
                                   op.getPermutation()));
    return success();
  }
};

struct SliceLowering : public OpConversionPattern<shlo::SliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<OpFoldResult> offsets =
        getAsIndexOpFoldResult(op.getContext(), op.getStartIndices());
    SmallVector<OpFoldResult> sizes =
        getAsIndexOpFoldResult(op.getContext(), op.getType().getShape());
    SmallVector<OpFoldResult> strides =
        getAsIndexOpFoldResult(op.getContext(), op.getStrides());
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, op.getType(), adaptor.getOperand(), offsets, sizes, strides);
    return success();
  }
};

/// Clamped start offsets of a dynamic (update) slice of `sizes` in `operand`.
static SmallVector<OpFoldResult> clampedStarts(OpBuilder &b, Location loc,
                                               ValueRange startIndices,
                                               RankedTensorType operandType,
                                               ArrayRef<int64_t> sizes) {
  SmallVector<OpFoldResult> offsets;
  for (auto [dim, start] : llvm::enumerate(startIndices)) {
    Value scalar = tensor::ExtractOp::create(b, loc, start, ValueRange{});
    offsets.push_back(
        clampedIndex(b, loc, scalar, operandType.getDimSize(dim) - sizes[dim]));
  }
  return offsets;
}

struct DynamicSliceLowering : public OpConversionPattern<shlo::DynamicSliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::DynamicSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ArrayRef<int64_t> sizes = op.getSliceSizes();
    SmallVector<OpFoldResult> offsets =
        clampedStarts(rewriter, op.getLoc(), adaptor.getStartIndices(),
                      op.getOperand().getType(), sizes);
    SmallVector<OpFoldResult> strides(sizes.size(), rewriter.getIndexAttr(1));
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, op.getType(), adaptor.getOperand(), offsets,
        getAsIndexOpFoldResult(op.getContext(), sizes), strides);
    return success();
  }
};

struct DynamicUpdateSliceLowering
    : public OpConversionPattern<shlo::DynamicUpdateSliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::DynamicUpdateSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ArrayRef<int64_t> sizes = op.getUpdate().getType().getShape();
    SmallVector<OpFoldResult> offsets =
        clampedStarts(rewriter, op.getLoc(), adaptor.getStartIndices(),
                      op.getOperand().getType(), sizes);
    SmallVector<OpFoldResult> strides(sizes.size(), rewriter.getIndexAttr(1));
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, adaptor.getUpdate(), adaptor.getOperand(), offsets,
        getAsIndexOpFoldResult(op.getContext(), sizes), strides);
    return success();
  }
};

struct ConcatenateLowering : public OpConversionPattern<shlo::ConcatenateOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::ConcatenateOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getType();
    int64_t dimension = op.getDimension();
    Value result = emptyTensor(rewriter, loc, resultType.getShape(),
                               resultType.getElementType());
    SmallVector<OpFoldResult> offsets(resultType.getRank(),
                                      rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> strides(resultType.getRank(),
                                      rewriter.getIndexAttr(1));
    int64_t offset = 0;
    for (Value input : adaptor.getInputs()) {
      ArrayRef<int64_t> shape =
          cast<RankedTensorType>(input.getType()).getShape();
      offsets[dimension] = rewriter.getIndexAttr(offset);
      result = tensor::InsertSliceOp::create(
          rewriter, loc, input, result, offsets,
          getAsIndexOpFoldResult(op.getContext(), shape), strides);
      offset += shape[dimension];
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Gather as a linalg.generic over the result that computes, for each
/// result element, the operand coordinates (clamped start + offset) and
/// reads them with tensor.extract.
struct GatherLowering : public OpConversionPattern<shlo::GatherOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getType();
    RankedTensorType operandType = op.getOperand().getType();
    shlo::GatherDimensionNumbersAttr dims = op.getDimensionNumbers();
    ArrayRef<int64_t> sliceSizes = op.getSliceSizes();
    ArrayRef<int64_t> offsetDims = dims.getOffsetDims();
    int64_t indexVectorDim = dims.getIndexVectorDim();
    int64_t indicesRank = op.getStartIndices().getType().getRank();
    Value operand = adaptor.getOperand();
    Value indices = adaptor.getStartIndices();
    // Operand dimensions that appear in the result, in order.
    SmallVector<int64_t> sliceDims;
    for (int64_t dim = 0; dim < operandType.getRank(); ++dim)
      if (!llvm::is_contained(dims.getCollapsedSliceDims(), dim) &&
          !llvm::is_contained(dims.getOperandBatchingDims(), dim))
        sliceDims.push_back(dim);

    int64_t rank = resultType.getRank();
    Value init = emptyTensor(rewriter, loc, resultType.getShape(),
                             resultType.getElementType());
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{}, ValueRange{init},
        AffineMap::getMultiDimIdentityMap(rank, op.getContext()),
        parallelLoops(rank), [&](OpBuilder &b, Location nested, ValueRange) {
          SmallVector<Value> resultIndex, batchIndex;
          for (int64_t dim = 0; dim < rank; ++dim) {
            resultIndex.push_back(linalg::IndexOp::create(b, nested, dim));
            if (!llvm::is_contained(offsetDims, dim))
              batchIndex.push_back(resultIndex.back());
          }
          Value zero = arith::ConstantIndexOp::create(b, nested, 0);
          SmallVector<Value> operandIndex(operandType.getRank(), zero);
          for (auto [k, operandDim] :
               llvm::enumerate(dims.getStartIndexMap())) {
            SmallVector<Value> coords(batchIndex);
            if (indexVectorDim < indicesRank)
              coords.insert(coords.begin() + indexVectorDim,
                            arith::ConstantIndexOp::create(b, nested, k));
            Value start = tensor::ExtractOp::create(b, nested, indices, coords);
            operandIndex[operandDim] = clampedIndex(
                b, nested, start,
                operandType.getDimSize(operandDim) - sliceSizes[operandDim]);
          }
          for (auto [operandDim, indicesDim] :
               llvm::zip_equal(dims.getOperandBatchingDims(),
                               dims.getStartIndicesBatchingDims()))
            operandIndex[operandDim] =
                batchIndex[indicesDim < indexVectorDim ? indicesDim
                                                       : indicesDim - 1];
          for (auto [sliceDim, resultDim] :
               llvm::zip_equal(sliceDims, offsetDims))
            operandIndex[sliceDim] = arith::AddIOp::create(
                b, nested, operandIndex[sliceDim], resultIndex[resultDim]);
          Value element =
              tensor::ExtractOp::create(b, nested, operand, operandIndex);
          linalg::YieldOp::create(b, nested, element);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// dot_general as linalg.(batch_)matmul: the lhs becomes [B, M, K] and the
/// rhs [B, K, N] or [B, N, K] (batch dims first, then free and contracting
/// dims each merged into one). The rhs is transposed only when neither
/// layout fits, so a weight used as `x @ W` or `x @ W.T` reaches the matmul
/// untouched and --fpx-quantize-weights can find it.
struct DotGeneralLowering : public OpConversionPattern<shlo::DotGeneralOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::DotGeneralOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    RankedTensorType lhsType = op.getLhs().getType();
    RankedTensorType rhsType = op.getRhs().getType();
    RankedTensorType resultType = op.getType();
    shlo::DotDimensionNumbersAttr dims = op.getDotDimensionNumbers();
    ArrayRef<int64_t> lhsBatch = dims.getLhsBatchingDimensions();
    ArrayRef<int64_t> rhsBatch = dims.getRhsBatchingDimensions();
    ArrayRef<int64_t> lhsContract = dims.getLhsContractingDimensions();
    ArrayRef<int64_t> rhsContract = dims.getRhsContractingDimensions();
    auto freeDims = [](int64_t rank, ArrayRef<int64_t> batch,
                       ArrayRef<int64_t> contract) {
      SmallVector<int64_t> free;
      for (int64_t dim = 0; dim < rank; ++dim)
        if (!llvm::is_contained(batch, dim) &&
            !llvm::is_contained(contract, dim))
          free.push_back(dim);
      return free;
    };
    SmallVector<int64_t> lhsFree =
        freeDims(lhsType.getRank(), lhsBatch, lhsContract);
    SmallVector<int64_t> rhsFree =
        freeDims(rhsType.getRank(), rhsBatch, rhsContract);
    auto sizeOf = [](RankedTensorType type, ArrayRef<int64_t> dimList) {
      int64_t size = 1;
      for (int64_t dim : dimList)
        size *= type.getDimSize(dim);
      return size;
    };
    int64_t batch = sizeOf(lhsType, lhsBatch);
    int64_t m = sizeOf(lhsType, lhsFree);
    int64_t k = sizeOf(lhsType, lhsContract);
    int64_t n = sizeOf(rhsType, rhsFree);
    bool batched = !lhsBatch.empty();

    SmallVector<int64_t> lhsOrder(lhsBatch);
    llvm::append_range(lhsOrder, lhsFree);
    llvm::append_range(lhsOrder, lhsContract);
    Value lhs = transposeTo(rewriter, loc, adaptor.getLhs(), lhsOrder);

    SmallVector<int64_t> rhsOrderNK(rhsBatch), rhsOrderKN(rhsBatch);
    llvm::append_range(rhsOrderNK, rhsFree);
    llvm::append_range(rhsOrderNK, rhsContract);
    llvm::append_range(rhsOrderKN, rhsContract);
    llvm::append_range(rhsOrderKN, rhsFree);
    bool rhsTransposed =
        isIdentityPermutation(rhsOrderNK) && !isIdentityPermutation(rhsOrderKN);
    Value rhs = rhsTransposed
                    ? adaptor.getRhs()
                    : transposeTo(rewriter, loc, adaptor.getRhs(), rhsOrderKN);

    auto shape = [&](int64_t first, int64_t second) {
      SmallVector<int64_t> result;
      if (batched)
        result.push_back(batch);
      result.append({first, second});
      return result;
    };
    lhs = reshapeTo(rewriter, loc, lhs, shape(m, k));
    rhs = reshapeTo(rewriter, loc, rhs,
                    rhsTransposed ? shape(n, k) : shape(k, n));
    Type elementType = resultType.getElementType();
    Value zero = arith::ConstantOp::create(
        rewriter, loc, cast<TypedAttr>(rewriter.getZeroAttr(elementType)));
    Value init = filledTensor(rewriter, loc, shape(m, n), zero);

    SmallVector<NamedAttribute> attrs;
    if (rhsTransposed) {
      // Loops (b,) m, n, k; the rhs is read as [(b,) n, k].
      unsigned first = batched ? 1 : 0;
      AffineExpr mDim = getAffineDimExpr(first, ctx),
                 nDim = getAffineDimExpr(first + 1, ctx),
                 kDim = getAffineDimExpr(first + 2, ctx);
      auto mapOf = [&](AffineExpr a, AffineExpr b) {
        SmallVector<AffineExpr> exprs;
        if (batched)
          exprs.push_back(getAffineDimExpr(0, ctx));
        exprs.append({a, b});
        return AffineMapAttr::get(AffineMap::get(first + 3, 0, exprs, ctx));
      };
      attrs.push_back(rewriter.getNamedAttr(
          "indexing_maps",
          rewriter.getArrayAttr(
              {mapOf(mDim, kDim), mapOf(nDim, kDim), mapOf(mDim, nDim)})));
    }
    Value product =
        batched
            ? linalg::BatchMatmulOp::create(rewriter, loc, ValueRange{lhs, rhs},
                                            ValueRange{init}, attrs)
                  .getResult(0)
            : linalg::MatmulOp::create(rewriter, loc, ValueRange{lhs, rhs},
                                       ValueRange{init}, attrs)
                  .getResult(0);
    rewriter.replaceOp(
        op, reshapeTo(rewriter, loc, product, resultType.getShape()));
    return success();
  }
};

/// reduce as linalg.reduce, the reducer rebuilt on scalars. StableHLO's
/// reducer takes (accumulators..., elements...), linalg's
/// (elements..., accumulators...).
struct ReduceLowering : public OpConversionPattern<shlo::ReduceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(shlo::ReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    size_t count = op.getInputs().size();
    SmallVector<Value> inits;
    for (auto [init, result] :
         llvm::zip_equal(adaptor.getInitValues(), op.getResults())) {
      Value scalar =
          tensor::ExtractOp::create(rewriter, loc, init, ValueRange{});
      inits.push_back(filledTensor(
          rewriter, loc, cast<RankedTensorType>(result.getType()).getShape(),
          scalar));
    }
    Block &body = op.getBody().front();
    auto reduce = linalg::ReduceOp::create(
        rewriter, loc, adaptor.getInputs(), inits, op.getDimensions(),
        [&](OpBuilder &b, Location nested, ValueRange args) {
          IRMapping scalars;
          for (size_t i = 0; i < count; ++i) {
            scalars.map(body.getArgument(i), args[count + i]);
            scalars.map(body.getArgument(count + i), args[i]);
          }
          for (Operation &inner : body.without_terminator()) {
            Value value;
            if (auto constant = dyn_cast<shlo::ConstantOp>(inner))
              value = arith::ConstantOp::create(
                  b, inner.getLoc(),
                  cast<DenseElementsAttr>(constant.getValue())
                      .getSplatValue<TypedAttr>());
            else
              value = buildScalarOp(
                  b, inner.getLoc(), &inner,
                  llvm::map_to_vector(inner.getOperands(), [&](Value operand) {
                    return scalars.lookup(operand);
                  }));
            scalars.map(inner.getResult(0), value);
          }
          linalg::YieldOp::create(
              b, nested,
              llvm::map_to_vector(body.getTerminator()->getOperands(),
                                  [&](Value v) { return scalars.lookup(v); }));
        });
    rewriter.replaceOp(op, reduce.getResults());
    return success();
  }
};

struct ConvertStableHLOToLinalgPass
    : public fpx::impl::ConvertStableHLOToLinalgBase<
          ConvertStableHLOToLinalgPass> {
  void runOnOperation() override {
    Operation *root = getOperation();
    bool lowerable = true;
    root->walk([&](Operation *op) {
      if (isa_and_present<shlo::StableHLODialect, fpx::chlo::CHLODialect>(
              op->getDialect()) &&
          failed(checkLowerable(op)))
        lowerable = false;
    });
    if (!lowerable)
      return signalPassFailure();

    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<shlo::StableHLODialect, fpx::chlo::CHLODialect>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect>();
    RewritePatternSet patterns(ctx);
    ElementwiseOps::addPatterns<ElementwiseLowering>(patterns);
    patterns.add<ConstantLowering, IotaLowering, BroadcastInDimLowering,
                 ReshapeLowering, TransposeLowering, SliceLowering,
                 DynamicSliceLowering, DynamicUpdateSliceLowering,
                 ConcatenateLowering, GatherLowering, DotGeneralLowering,
                 ReduceLowering>(ctx);
    if (failed(applyPartialConversion(root, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
