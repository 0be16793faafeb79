//===- QuantizeWeights.cpp - Quantize matmul weights to FPx -----------------===//
//
// Rewrites linalg.matmul / linalg.batch_matmul with a constant or marked
// weight into fpx.qmatmul. The weight is brought to N x K (output channels x
// reduction), the layout every FPx kernel consumes.
//
//===----------------------------------------------------------------------===//

#include "fpx/Dialect/FPx/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

namespace fpx {
#define GEN_PASS_DEF_FPXQUANTIZEWEIGHTS
#include "fpx/Dialect/FPx/Transforms/Passes.h.inc"
} // namespace fpx

using namespace mlir;
using namespace fpx;

/// Unit attribute marking a function argument as a weight to quantize.
static constexpr llvm::StringLiteral kWeightArgAttr = "fpx.weight";

namespace {

/// A matmul this pass can rewrite: activations [batch?, M, K] times a weight
/// given as [batch?, K, N] (`transposed` = false) or [batch?, N, K].
struct MatmulMatch {
  linalg::LinalgOp op;
  Value input, weight, init;
  bool weightTransposed; // weight is stored [.., N, K]
  bool weightBatched;    // weight has a leading batch dim of its own
};

/// Classifies the indexing maps of a named matmul. Returns failure for
/// shapes FPx does not handle (transposed activations, odd maps).
FailureOr<MatmulMatch> matchMatmul(linalg::LinalgOp op) {
  if (!isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op) ||
      !op.hasPureTensorSemantics() || op->getNumResults() != 1)
    return failure();
  bool batched = isa<linalg::BatchMatmulOp>(op);
  MLIRContext *ctx = op->getContext();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  // Loop dims: (b,) m, n, k.
  unsigned first = batched ? 1 : 0;
  AffineExpr m = getAffineDimExpr(first, ctx), n = getAffineDimExpr(first + 1, ctx),
             k = getAffineDimExpr(first + 2, ctx);
  SmallVector<AffineExpr> lead;
  if (batched)
    lead.push_back(getAffineDimExpr(0, ctx));
  auto mapOf = [&](ArrayRef<AffineExpr> tail, bool withBatch) {
    SmallVector<AffineExpr> exprs = withBatch ? lead : SmallVector<AffineExpr>();
    exprs.append(tail.begin(), tail.end());
    return AffineMap::get(maps[0].getNumDims(), 0, exprs, ctx);
  };
  if (maps[0] != mapOf({m, k}, batched) || maps[2] != mapOf({m, n}, batched))
    return failure();
  MatmulMatch match{op, op.getDpsInputs()[0], op.getDpsInputs()[1],
                    op.getDpsInits()[0], false, batched};
  for (bool weightBatch : {batched, false}) {
    if (maps[1] == mapOf({k, n}, weightBatch)) {
      match.weightBatched = weightBatch;
      return match;
    }
    if (maps[1] == mapOf({n, k}, weightBatch)) {
      match.weightTransposed = true;
      match.weightBatched = weightBatch;
      return match;
    }
  }
  return failure();
}

bool isZeroInit(Value init) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    return matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
  return matchPattern(init, m_AnyZeroFloat());
}

/// Transposes a row-major rows x cols matrix.
std::vector<float> transpose(ArrayRef<float> values, int64_t rows,
                             int64_t cols) {
  std::vector<float> result(values.size());
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      result[c * rows + r] = values[r * cols + c];
  return result;
}

struct QuantizeWeightsPass
    : public fpx::impl::FPxQuantizeWeightsBase<QuantizeWeightsPass> {
  using Base::Base;

  void runOnOperation() override;

private:
  bool isSkipped(Operation *op) const;
  LogicalResult rewrite(const MatmulMatch &match, IRRewriter &rewriter);
  /// Packed words and scales for the N x K weight of batch `batch`.
  FailureOr<std::pair<Value, Value>> quantizeWeight(const MatmulMatch &match,
                                                    int64_t batch,
                                                    PackingAttr packing,
                                                    IRRewriter &rewriter);

  FloatFormatKind formatKind;
  PackedLayoutKind layoutKind;
  numerics::ScaleRule rule = numerics::ScaleRule::SearchMinSquaredError;
  /// Runtime quantizations of weight arguments, shared by their users; keyed
  /// by argument, packing and whether the argument is already N x K (a square
  /// weight used both ways has the same packing but needs both).
  DenseMap<std::tuple<Value, Attribute, unsigned>, std::pair<Value, Value>>
      argQuantized;
};

} // namespace

bool QuantizeWeightsPass::isSkipped(Operation *op) const {
  if (skip.empty())
    return false;
  SmallVector<std::string> names;
  op->getLoc()->walk([&](Location loc) {
    if (auto nameLoc = dyn_cast<NameLoc>(loc))
      names.push_back(nameLoc.getName().str());
    return WalkResult::advance();
  });
  if (auto func = op->getParentOfType<func::FuncOp>())
    names.push_back(func.getSymName().str());
  for (const std::string &pattern : skip) {
    // An empty entry (e.g. from a trailing comma) would match everything.
    if (pattern.empty())
      continue;
    for (const std::string &name : names)
      if (name.find(pattern) != std::string::npos)
        return true;
  }
  return false;
}

FailureOr<std::pair<Value, Value>>
QuantizeWeightsPass::quantizeWeight(const MatmulMatch &match, int64_t batch,
                                    PackingAttr packing, IRRewriter &rewriter) {
  Location loc = match.op->getLoc();
  auto wordsType = RankedTensorType::get({packing.getNumWords()},
                                         rewriter.getI32Type());
  auto scalesType =
      RankedTensorType::get(packing.getScaleShape(), rewriter.getF16Type());
  int64_t rows = packing.getRows(), cols = packing.getCols();

  DenseElementsAttr constant;
  if (matchPattern(match.weight, m_Constant(&constant))) {
    std::vector<float> all = getValuesAsFloats(constant);
    ArrayRef<float> slice(all.data() + batch * rows * cols, rows * cols);
    std::vector<float> nByK =
        match.weightTransposed ? slice.vec() : transpose(slice, cols, rows);
    std::string error;
    auto attrs = quantizeToAttributes(packing, nByK, wordsType, scalesType,
                                      &error, rule);
    if (failed(attrs))
      return match.op->emitOpError()
             << "cannot quantize its constant weight: " << error;
    return std::make_pair(
        Value(arith::ConstantOp::create(rewriter, loc, attrs->first)),
        Value(arith::ConstantOp::create(rewriter, loc, attrs->second)));
  }

  // A marked argument: quantize once at function entry, shared by all users.
  // The runtime (fpxQuantizeF32) always searches the scales.
  if (rule != numerics::ScaleRule::SearchMinSquaredError)
    return match.op->emitOpError()
           << "cannot quantize its weight argument with scale-rule=absmax: "
              "weights quantized at run time get searched scales (use "
              "scale-rule=search, or make the weight a constant)";
  auto key = std::make_tuple(match.weight, Attribute(packing),
                             unsigned(match.weightTransposed));
  if (auto it = argQuantized.find(key); it != argQuantized.end())
    return it->second;
  auto arg = cast<BlockArgument>(match.weight);
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointToStart(arg.getOwner());
  Value weight = arg;
  auto weightType = cast<RankedTensorType>(weight.getType());
  Location argLoc = arg.getLoc();
  if (match.weightBatched) {
    // Rank-reducing slice of batch `batch`.
    SmallVector<OpFoldResult> offsets = {rewriter.getIndexAttr(batch),
                                         rewriter.getIndexAttr(0),
                                         rewriter.getIndexAttr(0)};
    SmallVector<OpFoldResult> sizes = {rewriter.getIndexAttr(1),
                                       rewriter.getIndexAttr(weightType.getDimSize(1)),
                                       rewriter.getIndexAttr(weightType.getDimSize(2))};
    SmallVector<OpFoldResult> strides(3, rewriter.getIndexAttr(1));
    auto sliceType = RankedTensorType::get(weightType.getShape().drop_front(),
                                           weightType.getElementType());
    weight = tensor::ExtractSliceOp::create(rewriter, argLoc, sliceType, weight,
                                            offsets, sizes, strides);
  }
  if (!match.weightTransposed) {
    auto kByN = cast<RankedTensorType>(weight.getType());
    Value empty = tensor::EmptyOp::create(
        rewriter, argLoc, ArrayRef<int64_t>{rows, cols}, kByN.getElementType());
    weight = linalg::TransposeOp::create(rewriter, argLoc, weight, empty,
                                         ArrayRef<int64_t>{1, 0})
                 ->getResult(0);
  }
  auto quantize = QuantizeOp::create(rewriter, argLoc, wordsType, scalesType,
                                     weight, packing);
  std::pair<Value, Value> values = {quantize.getWords(), quantize.getScales()};
  if (!match.weightBatched)
    argQuantized[key] = values;
  return values;
}

LogicalResult QuantizeWeightsPass::rewrite(const MatmulMatch &match,
                                           IRRewriter &rewriter) {
  Location loc = match.op->getLoc();
  auto inputType = cast<RankedTensorType>(match.input.getType());
  auto weightType = cast<RankedTensorType>(match.weight.getType());
  auto resultType = cast<RankedTensorType>(match.op->getResult(0).getType());
  int64_t rank = weightType.getRank();
  int64_t n = weightType.getDimSize(match.weightTransposed ? rank - 2 : rank - 1);
  int64_t k = weightType.getDimSize(match.weightTransposed ? rank - 1 : rank - 2);
  auto packing = PackingAttr::get(rewriter.getContext(), formatKind, n, k,
                                  groupSize, layoutKind, /*blockN=*/4,
                                  /*blockK=*/4);
  rewriter.setInsertionPoint(match.op);

  Value result;
  if (!match.weightBatched) {
    auto packed = quantizeWeight(match, 0, packing, rewriter);
    if (failed(packed))
      return failure();
    result = QMatmulOp::create(rewriter, loc, resultType, match.input,
                               packed->first, packed->second, /*bias=*/Value(),
                               packing, Activation::None);
  } else {
    // One weight per batch: one qmatmul per batch, gathered into the result.
    int64_t batches = weightType.getDimSize(0);
    int64_t m = inputType.getDimSize(1);
    result = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                     resultType.getElementType());
    SmallVector<OpFoldResult> strides(3, rewriter.getIndexAttr(1));
    for (int64_t b = 0; b < batches; ++b) {
      auto packed = quantizeWeight(match, b, packing, rewriter);
      if (failed(packed))
        return failure();
      SmallVector<OpFoldResult> offsets = {rewriter.getIndexAttr(b),
                                           rewriter.getIndexAttr(0),
                                           rewriter.getIndexAttr(0)};
      SmallVector<OpFoldResult> inSizes = {rewriter.getIndexAttr(1),
                                           rewriter.getIndexAttr(m),
                                           rewriter.getIndexAttr(k)};
      auto sliceType =
          RankedTensorType::get({m, k}, inputType.getElementType());
      Value x = tensor::ExtractSliceOp::create(rewriter, loc, sliceType,
                                               match.input, offsets, inSizes,
                                               strides);
      auto yType = RankedTensorType::get({m, n}, resultType.getElementType());
      Value y = QMatmulOp::create(rewriter, loc, yType, x, packed->first,
                                  packed->second, Value(), packing,
                                  Activation::None);
      SmallVector<OpFoldResult> outSizes = {rewriter.getIndexAttr(1),
                                            rewriter.getIndexAttr(m),
                                            rewriter.getIndexAttr(n)};
      result = tensor::InsertSliceOp::create(rewriter, loc, y, result, offsets,
                                             outSizes, strides);
    }
  }
  // linalg.matmul accumulates into its init; keep that unless it is zero.
  if (!isZeroInit(match.init))
    result = linalg::AddOp::create(rewriter, loc, ValueRange{result, match.init},
                                   ValueRange{match.init})
                 ->getResult(0);
  rewriter.replaceOp(match.op, result);
  return success();
}

void QuantizeWeightsPass::runOnOperation() {
  ModuleOp module = getOperation();
  std::optional<numerics::Format> parsedFormat = numerics::parseFormat(format);
  if (!parsedFormat) {
    module.emitError() << "fpx-quantize-weights: unknown format '" << format
                       << "'; expected fp6, e3m2, e2m3, fp5, e2m2, fp4 or e2m1";
    return signalPassFailure();
  }
  formatKind = fromNumericsFormat(*parsedFormat);
  if (layout == "tc_fpx") {
    layoutKind = PackedLayoutKind::TcFpx;
  } else if (layout == "row_major") {
    layoutKind = PackedLayoutKind::RowMajor;
  } else {
    module.emitError() << "fpx-quantize-weights: unknown layout '" << layout
                       << "'; expected tc_fpx or row_major";
    return signalPassFailure();
  }
  if (scaleRule == "search") {
    rule = numerics::ScaleRule::SearchMinSquaredError;
  } else if (scaleRule == "absmax") {
    rule = numerics::ScaleRule::AbsMax;
  } else {
    module.emitError() << "fpx-quantize-weights: unknown scale-rule '"
                       << scaleRule << "'; expected search or absmax";
    return signalPassFailure();
  }
  if (groupSize < 0) {
    module.emitError() << "fpx-quantize-weights: group-size must be 0 (per "
                          "channel) or positive, got "
                       << static_cast<int64_t>(groupSize);
    return signalPassFailure();
  }

  argQuantized.clear();
  SmallVector<MatmulMatch> matches;
  module.walk([&](linalg::LinalgOp op) {
    FailureOr<MatmulMatch> match = matchMatmul(op);
    if (failed(match) || isSkipped(op))
      return;
    auto weightType = dyn_cast<RankedTensorType>(match->weight.getType());
    auto inputType = dyn_cast<RankedTensorType>(match->input.getType());
    if (!weightType || !weightType.hasStaticShape() || !inputType ||
        !isa<FloatType>(weightType.getElementType()) ||
        !isa<Float16Type, BFloat16Type, Float32Type>(inputType.getElementType()) ||
        !isa<Float16Type, BFloat16Type, Float32Type>(
            getElementTypeOrSelf(op->getResult(0).getType())))
      return;
    // Per-batch weights need a static batch and M to slice with, and a
    // static result to gather the slices into.
    if (match->weightBatched &&
        (!inputType.hasStaticShape() ||
         !cast<RankedTensorType>(op->getResult(0).getType()).hasStaticShape()))
      return;
    // Only constants with their values at hand (not dense_resource, sparse
    // or poison constants) can be quantized at compile time.
    DenseElementsAttr constant;
    bool isWeight = matchPattern(match->weight, m_Constant(&constant));
    if (auto arg = dyn_cast<BlockArgument>(match->weight)) {
      auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
      // fpx.quantize takes f16, bf16 or f32 weights.
      isWeight = func && arg.getOwner()->isEntryBlock() &&
                 func.getArgAttr(arg.getArgNumber(), kWeightArgAttr) &&
                 isa<Float16Type, BFloat16Type, Float32Type>(
                     weightType.getElementType());
    }
    if (isWeight)
      matches.push_back(*match);
  });

  IRRewriter rewriter(&getContext());
  for (const MatmulMatch &found : matches) {
    // Re-read the operands: an earlier rewrite may have replaced this
    // matmul's input or init (chained layers), leaving `found`'s stale.
    MatmulMatch match = *matchMatmul(found.op);
    if (failed(rewrite(match, rewriter)))
      return signalPassFailure();
  }
}
