//===- MatMulOps.cpp - MatMul and Gemm ------------------------------------===//
//
// MatMul follows numpy: 1-D operands gain and lose a unit dimension, batch
// dimensions broadcast. A right operand without batch dimensions (a weight)
// gives one linalg.matmul on the left operand's rows flattened, so a weight
// initializer stays a plain constant operand of a plain linalg.matmul, the
// form fpx-quantize-weights rewrites. A Transpose of a 2-D constant weight
// (torch's Linear: MatMul(x, Transpose(W))) is read through transposed
// indexing maps instead of being materialized.
//
//===----------------------------------------------------------------------===//

#include "Builders.h"
#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace fpx::onnx_import;

namespace {

/// The location of ops built for a product with `weight`: the node's, fused
/// with the initializer's name when the weight is a constant, so passes
/// (e.g. fpx-quantize-weights skip=lm_head) and errors can name the weight.
Location productLoc(NodeContext &ctx, const TensorValue &weight) {
  const TensorValue &source = weight.transposeOf ? *weight.transposeOf : weight;
  if (!source.constant)
    return ctx.loc;
  return FusedLoc::get(ctx.getContext(), {ctx.loc, source.loc});
}

/// lhs [M, K] (or [K, M] when `transposeLhs`) times rhs [K, N] (or [N, K]).
Value createMatmul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                   bool transposeLhs, bool transposeRhs) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  int64_t m = lhsType.getDimSize(transposeLhs ? 1 : 0);
  int64_t n = rhsType.getDimSize(transposeRhs ? 0 : 1);
  Type elementType = lhsType.getElementType();
  Value init =
      createFilled(b, loc, {m, n}, createScalar(b, loc, elementType, 0.0));
  SmallVector<NamedAttribute> attrs;
  if (transposeLhs || transposeRhs) {
    MLIRContext *context = b.getContext();
    AffineExpr dm = getAffineDimExpr(0, context),
               dn = getAffineDimExpr(1, context),
               dk = getAffineDimExpr(2, context);
    auto map = [&](AffineExpr first, AffineExpr second) -> Attribute {
      return AffineMapAttr::get(AffineMap::get(3, 0, {first, second}, context));
    };
    attrs.push_back(
        b.getNamedAttr("indexing_maps",
                       b.getArrayAttr({transposeLhs ? map(dk, dm) : map(dm, dk),
                                       transposeRhs ? map(dn, dk) : map(dk, dn),
                                       map(dm, dn)})));
  }
  return linalg::MatmulOp::create(b, loc, init.getType(), ValueRange{lhs, rhs},
                                  init, attrs)
      ->getResult(0);
}

LogicalResult convertMatMul(NodeContext &ctx) {
  if (!ctx.hasInput(0) || !ctx.hasInput(1) || ctx.numInputs() != 2)
    return ctx.emitError() << "expects two inputs";
  RankedTensorType lhsType = ctx.inputType(0), rhsType = ctx.inputType(1);
  Type elementType = lhsType.getElementType();
  if (rhsType.getElementType() != elementType || elementType.isInteger(1))
    return ctx.emitError() << "needs numeric inputs of one element type, got "
                           << lhsType << " and " << rhsType;
  if (lhsType.getRank() == 0 || rhsType.getRank() == 0)
    return ctx.emitError() << "needs inputs of rank 1 or more, got " << lhsType
                           << " and " << rhsType;

  // numpy: a 1-D lhs is a row [1, K], a 1-D rhs a column [K, 1].
  SmallVector<int64_t> lhsShape(lhsType.getShape());
  SmallVector<int64_t> rhsShape(rhsType.getShape());
  if (lhsShape.size() == 1)
    lhsShape.insert(lhsShape.begin(), 1);
  if (rhsShape.size() == 1)
    rhsShape.push_back(1);
  int64_t m = lhsShape[lhsShape.size() - 2], k = lhsShape.back();
  int64_t n = rhsShape.back();
  if (rhsShape[rhsShape.size() - 2] != k)
    return ctx.emitError() << "cannot multiply " << lhsType << " by " << rhsType
                           << ": the contracted dimensions differ (" << k
                           << " and " << rhsShape[rhsShape.size() - 2] << ")";
  ArrayRef<int64_t> lhsBatch = ArrayRef<int64_t>(lhsShape).drop_back(2);
  ArrayRef<int64_t> rhsBatch = ArrayRef<int64_t>(rhsShape).drop_back(2);
  std::optional<SmallVector<int64_t>> batch =
      broadcastShapes({lhsBatch, rhsBatch});
  if (!batch)
    return ctx.emitError() << "cannot broadcast the batch dimensions of "
                           << lhsType << " and " << rhsType;
  SmallVector<int64_t> resultShape(*batch);
  if (lhsType.getRank() > 1)
    resultShape.push_back(m);
  if (rhsType.getRank() > 1)
    resultShape.push_back(n);

  OpBuilder &b = ctx.builder;
  TensorValue &rhsValue = ctx.input(1);
  int64_t batchCount = numElements(*batch);
  Value product;
  if (numElements(rhsBatch) == 1) {
    // One weight for all rows: [batch * M, K] x [K, N].
    Location loc = productLoc(ctx, rhsValue);
    Value lhs = createReshape(b, loc, ctx.operand(0), {batchCount * m, k});
    bool transposed = rhsValue.transposeOf != nullptr;
    Value rhs = transposed ? ctx.transposeSource(1)
                           : createReshape(b, loc, ctx.operand(1), {k, n});
    product = createMatmul(b, loc, lhs, rhs, false, transposed);
  } else {
    // Broadcast both to the full batch, then one batch_matmul.
    Location loc = ctx.loc;
    auto toBatched = [&](unsigned i, ArrayRef<int64_t> shape, int64_t rows,
                         int64_t cols) {
      Value value = createReshape(b, loc, ctx.operand(i), shape);
      SmallVector<int64_t> full(*batch);
      full.append({rows, cols});
      SmallVector<int64_t> padded(full.size() - shape.size(), 1);
      padded.append(shape.begin(), shape.end());
      if (padded != full)
        value = createElementwise(
            b, loc, {createReshape(b, loc, value, padded)}, full, elementType,
            [](OpBuilder &, Location, ValueRange args) { return args[0]; });
      return createReshape(b, loc, value, {batchCount, rows, cols});
    };
    Value lhs = toBatched(0, lhsShape, m, k);
    Value rhs = toBatched(1, rhsShape, k, n);
    Value init = createFilled(b, loc, {batchCount, m, n},
                              createScalar(b, loc, elementType, 0.0));
    product = linalg::BatchMatmulOp::create(b, loc, init.getType(),
                                            ValueRange{lhs, rhs}, init)
                  ->getResult(0);
  }
  ctx.setOutput(0, createReshape(b, ctx.loc, product, resultShape));
  return success();
}

/// Y = alpha * A' B' + beta * C, A' and B' optionally transposed.
LogicalResult convertGemm(NodeContext &ctx) {
  if (!ctx.hasInput(0) || !ctx.hasInput(1) || ctx.numInputs() > 3)
    return ctx.emitError() << "expects A, B and an optional C";
  RankedTensorType aType = ctx.inputType(0), bType = ctx.inputType(1);
  Type elementType = aType.getElementType();
  if (!isa<FloatType>(elementType) || bType.getElementType() != elementType)
    return ctx.emitError() << "needs floating-point inputs of one element "
                              "type, got "
                           << aType << " and " << bType;
  if (aType.getRank() != 2 || bType.getRank() != 2)
    return ctx.emitError() << "needs 2-D A and B, got " << aType << " and "
                           << bType;
  bool transA = ctx.intAttr("transA", 0) != 0;
  bool transB = ctx.intAttr("transB", 0) != 0;
  float alpha = ctx.floatAttr("alpha", 1.0f);
  float beta = ctx.floatAttr("beta", 1.0f);
  int64_t m = aType.getDimSize(transA ? 1 : 0);
  int64_t k = aType.getDimSize(transA ? 0 : 1);
  int64_t kB = bType.getDimSize(transB ? 1 : 0);
  int64_t n = bType.getDimSize(transB ? 0 : 1);
  if (k != kB)
    return ctx.emitError() << "cannot multiply " << aType << " by " << bType
                           << " (transA = " << transA << ", transB = " << transB
                           << "): the contracted dimensions differ";
  SmallVector<int64_t> shape = {m, n};
  if (ctx.hasInput(2) && ctx.inputElementType(2) != elementType)
    return ctx.emitError() << "C has element type " << ctx.inputElementType(2)
                           << ", A and B have " << elementType;
  if (ctx.hasInput(2) &&
      broadcastShapes({shape, ctx.inputShape(2)}) != std::optional(shape))
    return ctx.emitError() << "C of shape [" << ctx.inputShape(2)
                           << "] does not broadcast to [" << shape << "]";

  OpBuilder &b = ctx.builder;
  TensorValue &bValue = ctx.input(1);
  Location loc = productLoc(ctx, bValue);
  Value rhs;
  if (bValue.transposeOf) {
    // B is the transpose of a constant: use the constant, flip transB.
    rhs = ctx.transposeSource(1);
    transB = !transB;
  } else {
    rhs = ctx.operand(1);
  }
  Value y = createMatmul(b, loc, ctx.operand(0), rhs, transA, transB);

  bool addC = ctx.hasInput(2) && beta != 0.0f;
  SmallVector<Value> operands = {y};
  if (addC)
    operands.push_back(ctx.operandOrScalar(2));
  if (alpha != 1.0f || (addC && beta != 1.0f))
    y = createElementwise(
        b, ctx.loc, operands, shape, elementType,
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          Value scaled = arith::MulFOp::create(
              nb, nl, args[0], createScalar(nb, nl, elementType, alpha));
          if (!addC)
            return scaled;
          Value c = arith::MulFOp::create(
              nb, nl, args[1], createScalar(nb, nl, elementType, beta));
          return Value(arith::AddFOp::create(nb, nl, scaled, c));
        });
  else if (addC)
    y = createElementwise(b, ctx.loc, operands, shape, elementType,
                          [](OpBuilder &nb, Location nl, ValueRange args) {
                            return arith::AddFOp::create(nb, nl, args[0],
                                                         args[1]);
                          });
  ctx.setOutput(0, y);
  return success();
}

} // namespace

void fpx::onnx_import::addMatMulOps(OpTable &table) {
  table["MatMul"] = {convertMatMul, 1};
  table["Gemm"] = {convertGemm, 1};
}
