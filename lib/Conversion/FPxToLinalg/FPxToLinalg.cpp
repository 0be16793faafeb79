//===- FPxToLinalg.cpp - Lower fpx ops to linalg (CPU reference) -----------===//
//
// The reference semantics of the FPx ops in plain upstream dialects: every
// weight element is decoded from the packed words at run time (so the packed
// layout is exercised, not bypassed), and the matmul accumulates in f32.
//
//===----------------------------------------------------------------------===//

#include "fpx/Conversion/Passes.h"
#include "fpx/Conversion/Utils/Epilogue.h"
#include "fpx/Dialect/FPx/IR/FPx.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"


namespace fpx {
#define GEN_PASS_DEF_CONVERTFPXTOLINALG
#include "fpx/Conversion/Passes.h.inc"
} // namespace fpx

using namespace mlir;
using namespace fpx;

/// Name of the CPU runtime entry point that quantizes and packs a weight.
static constexpr llvm::StringLiteral kQuantizeFn = "fpxQuantizeF32";

namespace {

/// Index arithmetic with constants folded on the fly.
struct IndexMath {
  OpBuilder &b;
  Location loc;
  Value c(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, int64_t y) { return arith::MulIOp::create(b, loc, x, c(y)); }
  Value div(Value x, int64_t y) {
    return arith::DivUIOp::create(b, loc, x, c(y));
  }
  Value rem(Value x, int64_t y) {
    return arith::RemUIOp::create(b, loc, x, c(y));
  }
};

/// Emits the code (as i32) of weight element (row, col) read from `words`,
/// following numerics::PackedLayout::locate.
Value emitCodeLoad(OpBuilder &b, Location loc, PackingAttr packing,
                   Value words, Value row, Value col) {
  IndexMath im{b, loc};
  numerics::PackedLayout layout = packing.getNumericsLayout();
  unsigned width = layout.format.bitWidth();
  Type i32 = b.getI32Type(), i64 = b.getI64Type();
  auto i32c = [&](int64_t v) {
    return arith::ConstantIntOp::create(b, loc, i32, v).getResult();
  };
  auto loadWord = [&](Value index) {
    return tensor::ExtractOp::create(b, loc, words, index).getResult();
  };

  if (layout.kind == numerics::PackedLayoutKind::RowMajor) {
    // Bit stream: the code may straddle two words, so read a 64-bit window.
    Value bitIndex = im.mul(im.add(im.mul(row, layout.cols), col), width);
    Value word = im.div(bitIndex, 32);
    Value bit = arith::IndexCastOp::create(b, loc, i64, im.rem(bitIndex, 32));
    Value lo = arith::ExtUIOp::create(b, loc, i64, loadWord(word));
    Value hi = arith::ExtUIOp::create(b, loc, i64,
                                      loadWord(im.add(word, im.c(1))));
    Value c32 = arith::ConstantIntOp::create(b, loc, i64, 32);
    Value window = arith::OrIOp::create(
        b, loc, lo, arith::ShLIOp::create(b, loc, hi, c32));
    Value shifted = arith::ShRUIOp::create(b, loc, window, bit);
    Value code = arith::TruncIOp::create(b, loc, i32, shifted);
    return arith::AndIOp::create(b, loc, code, i32c((1 << width) - 1));
  }

  // TC-FPx: locate the element's mma fragment, lane and register pair.
  int64_t blockRows = 16 * layout.block.fragsN;
  int64_t blockCols = 16 * layout.block.fragsK;
  int64_t blocksK = layout.paddedCols / blockCols;
  Value blockIndex =
      im.add(im.mul(im.div(row, blockRows), blocksK), im.div(col, blockCols));
  Value r = im.rem(row, blockRows), c = im.rem(col, blockCols);
  Value rr = im.rem(r, 16), cc = im.rem(c, 16);
  Value lane = im.add(im.mul(im.rem(rr, 8), 4), im.div(im.rem(cc, 8), 2));
  Value pair = im.add(im.mul(im.div(cc, 8), 2), im.div(rr, 8));
  Value element = im.rem(cc, 2);
  Value fragment =
      im.add(im.mul(im.div(c, 16), layout.block.fragsN), im.div(r, 16));
  Value sequence = im.add(im.mul(fragment, 4), pair);

  Value code = i32c(0);
  unsigned msbOffset = 0;
  for (auto [segment, segWidth] : llvm::enumerate(layout.segmentWidths)) {
    int64_t pairsPerWord = 16 / segWidth;
    int64_t wordsPerLane = layout.block.fragsN * layout.block.fragsK * segWidth / 4;
    Value laneWord = im.div(sequence, pairsPerWord);
    Value p = im.rem(sequence, pairsPerWord);
    Value chunk = im.add(im.mul(blockIndex, wordsPerLane / 4), im.div(laneWord, 4));
    Value word = im.add(
        im.add(im.c(layout.segmentOffsets[segment]), im.mul(chunk, 128)),
        im.add(im.mul(lane, 4), im.rem(laneWord, 4)));
    // Field's low bit: 16 - b*(p+1), plus 16 for the pair's second element.
    Value bit = im.add(im.c(16 - segWidth),
                       im.add(im.mul(element, 16), im.mul(p, -int64_t(segWidth))));
    Value bit32 = arith::IndexCastOp::create(b, loc, i32, bit);
    Value field = arith::AndIOp::create(
        b, loc, arith::ShRUIOp::create(b, loc, loadWord(word), bit32),
        i32c((1 << segWidth) - 1));
    unsigned shift = width - msbOffset - segWidth;
    code = arith::OrIOp::create(
        b, loc, code, arith::ShLIOp::create(b, loc, field, i32c(shift)));
    msbOffset += segWidth;
  }
  return code;
}

/// f32 tensor holding the value of every code of the packing's format.
Value emitDecodeTable(OpBuilder &b, Location loc, PackingAttr packing) {
  numerics::FloatFormat format = packing.getFloatFormat();
  SmallVector<float> values;
  for (uint32_t code = 0; code < format.numCodes(); ++code)
    values.push_back(static_cast<float>(numerics::decode(format, code)));
  auto type = RankedTensorType::get({int64_t(values.size())}, b.getF32Type());
  return arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(type, ArrayRef<float>(values)));
}

/// N x K weight of `elementType` decoded from packed words and scales.
Value emitDequantize(OpBuilder &b, Location loc, PackingAttr packing,
                     Value words, Value scales, Type elementType) {
  Value table = emitDecodeTable(b, loc, packing);
  Value empty = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{packing.getRows(), packing.getCols()},
      elementType);
  MLIRContext *ctx = b.getContext();
  auto generic = linalg::GenericOp::create(
      b, loc, empty.getType(), ValueRange{}, ValueRange{empty},
      ArrayRef<AffineMap>{AffineMap::getMultiDimIdentityMap(2, ctx)},
      ArrayRef<utils::IteratorType>{utils::IteratorType::parallel,
                                    utils::IteratorType::parallel},
      [&](OpBuilder &nb, Location nloc, ValueRange) {
        Value row = linalg::IndexOp::create(nb, nloc, 0);
        Value col = linalg::IndexOp::create(nb, nloc, 1);
        Value code = emitCodeLoad(nb, nloc, packing, words, row, col);
        Value codeIndex =
            arith::IndexCastUIOp::create(nb, nloc, nb.getIndexType(), code);
        Value value = tensor::ExtractOp::create(nb, nloc, table, codeIndex);
        SmallVector<Value> scaleIndex = {row};
        if (packing.getGroupSize() > 0)
          scaleIndex.push_back(
              IndexMath{nb, nloc}.div(col, packing.getGroupSize()));
        Value scale = tensor::ExtractOp::create(nb, nloc, scales, scaleIndex);
        Value product = arith::MulFOp::create(
            nb, nloc, value, castFloat(nb, nloc, scale, nb.getF32Type()));
        linalg::YieldOp::create(nb, nloc,
                                castFloat(nb, nloc, product, elementType));
      });
  return generic.getResult(0);
}

/// Sizes of `value` as OpFoldResults, for tensor.empty of a like shape.
SmallVector<OpFoldResult> getSizes(OpBuilder &b, Location loc, Value value) {
  SmallVector<OpFoldResult> sizes;
  auto type = cast<RankedTensorType>(value.getType());
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (type.isDynamicDim(i))
      sizes.push_back(tensor::DimOp::create(b, loc, value, i).getResult());
    else
      sizes.push_back(b.getIndexAttr(type.getDimSize(i)));
  }
  return sizes;
}

struct DequantizeLowering : OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, emitDequantize(rewriter, op.getLoc(), op.getPacking(),
                                          adaptor.getWords(), adaptor.getScales(),
                                          op.getType().getElementType()));
    return success();
  }
};

struct QMatmulLowering : OpConversionPattern<QMatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(QMatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type f32 = rewriter.getF32Type();
    Value weight = emitDequantize(rewriter, loc, op.getPacking(),
                                  adaptor.getWords(), adaptor.getScales(), f32);
    Value input = adaptor.getInput();
    auto resultType = op.getType();
    int64_t rank = resultType.getRank();

    // Output sizes: the input's leading dims, then N.
    SmallVector<OpFoldResult> sizes = getSizes(rewriter, loc, input);
    sizes.back() = rewriter.getIndexAttr(op.getPacking().getRows());
    Value zero = arith::ConstantOp::create(rewriter, loc, f32,
                                           rewriter.getF32FloatAttr(0.0));
    Value acc = linalg::FillOp::create(
                    rewriter, loc, zero,
                    tensor::EmptyOp::create(rewriter, loc, sizes, f32).getResult())
                    .getResult(0);

    // Loops (batch..., m, n, k): out[b.., m, n] += in[b.., m, k] * w[n, k].
    unsigned numLoops = rank + 1;
    SmallVector<AffineExpr> lead;
    for (int64_t i = 0; i < rank - 1; ++i)
      lead.push_back(getAffineDimExpr(i, ctx));
    AffineExpr n = getAffineDimExpr(rank - 1, ctx), k = getAffineDimExpr(rank, ctx);
    auto map = [&](ArrayRef<AffineExpr> leading, ArrayRef<AffineExpr> tail) {
      SmallVector<AffineExpr> exprs(leading.begin(), leading.end());
      exprs.append(tail.begin(), tail.end());
      return AffineMap::get(numLoops, 0, exprs, ctx);
    };
    ArrayRef<AffineExpr> batchAndM(lead);
    SmallVector<AffineMap> maps = {map(batchAndM, {k}), map({}, {n, k}),
                                   map(batchAndM, {n})};
    SmallVector<utils::IteratorType> iterators(numLoops - 1,
                                               utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    Value product =
        linalg::GenericOp::create(
            rewriter, loc, acc.getType(), ValueRange{input, weight},
            ValueRange{acc}, maps, iterators,
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value x = castFloat(b, l, args[0], b.getF32Type());
              Value sum = arith::AddFOp::create(
                  b, l, args[2], arith::MulFOp::create(b, l, x, args[1]));
              linalg::YieldOp::create(b, l, sum);
            })
            .getResult(0);

    // Epilogue: bias, activation, cast to the result type.
    Value out = tensor::EmptyOp::create(rewriter, loc, sizes,
                                        resultType.getElementType());
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, ctx);
    SmallVector<Value> inputs = {product};
    SmallVector<AffineMap> epilogueMaps = {identity};
    if (Value bias = adaptor.getBias()) {
      inputs.push_back(bias);
      epilogueMaps.push_back(
          AffineMap::get(rank, 0, getAffineDimExpr(rank - 1, ctx)));
    }
    epilogueMaps.push_back(identity);
    Activation activation = op.getActivation();
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, out.getType(), inputs, ValueRange{out}, epilogueMaps,
            SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value v = args[0];
              if (inputs.size() == 2)
                v = arith::AddFOp::create(
                    b, l, v, castFloat(b, l, args[1], b.getF32Type()));
              v = emitActivation(b, l, activation, v);
              linalg::YieldOp::create(
                  b, l, castFloat(b, l, v, resultType.getElementType()));
            })
            .getResult(0);
    if (result.getType() != resultType)
      result = tensor::CastOp::create(rewriter, loc, resultType, result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// fpx.quantize on non-constant weights: a call into the CPU runtime, which
/// runs the same numerics code the compiler uses for constant weights.
struct QuantizeLowering : OpConversionPattern<QuantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    PackingAttr packing = op.getPacking();
    auto module = op->getParentOfType<ModuleOp>();
    if (!module)
      return rewriter.notifyMatchFailure(op, "not inside a module");
    Type f32 = rewriter.getF32Type(), f16 = rewriter.getF16Type();
    Type i32 = rewriter.getI32Type(), i64 = rewriter.getI64Type();
    auto dynF32 = MemRefType::get({ShapedType::kDynamic}, f32);
    auto dynI32 = MemRefType::get({ShapedType::kDynamic}, i32);
    auto dynF16 = MemRefType::get({ShapedType::kDynamic}, f16);
    SmallVector<Type> argTypes = {dynF32, i64, i64, i64, i64, i64, i64, i64,
                                  dynI32, dynF16};
    auto fnType = rewriter.getFunctionType(argTypes, {});
    auto fn = module.lookupSymbol<func::FuncOp>(kQuantizeFn);
    if (!fn) {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(module.getBody());
      fn = func::FuncOp::create(rewriter, loc, kQuantizeFn, fnType);
      fn.setPrivate();
      fn->setAttr("llvm.emit_c_interface", rewriter.getUnitAttr());
    } else if (fn.getFunctionType() != fnType) {
      return op.emitOpError() << "'" << kQuantizeFn
                              << "' is already declared with another type";
    }

    // Weights as a flat f32 buffer.
    Value weight = adaptor.getWeight();
    auto weightType = cast<RankedTensorType>(weight.getType());
    if (!weightType.getElementType().isF32()) {
      Value empty = tensor::EmptyOp::create(rewriter, loc, weightType.getShape(), f32);
      AffineMap id = rewriter.getMultiDimIdentityMap(2);
      weight = linalg::GenericOp::create(
                   rewriter, loc, empty.getType(), ValueRange{weight},
                   ValueRange{empty}, ArrayRef<AffineMap>{id, id},
                   SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
                   [&](OpBuilder &b, Location l, ValueRange args) {
                     linalg::YieldOp::create(b, l, castFloat(b, l, args[0], f32));
                   })
                   .getResult(0);
    }
    int64_t numElements = packing.getRows() * packing.getCols();
    auto flatType = RankedTensorType::get({numElements}, f32);
    Value flat = tensor::CollapseShapeOp::create(
        rewriter, loc, flatType, weight,
        ArrayRef<ReassociationIndices>{ReassociationIndices{0, 1}});
    Value weightBuffer = bufferization::ToBufferOp::create(
        rewriter, loc, MemRefType::get({numElements}, f32), flat,
        /*readOnly=*/true);

    auto wordsType = op.getWords().getType();
    auto scalesType = op.getScales().getType();
    int64_t numScales = scalesType.getNumElements();
    auto wordsBufferType = MemRefType::get(wordsType.getShape(), i32);
    auto scalesBufferType = MemRefType::get({numScales}, f16);
    Value words = memref::AllocOp::create(rewriter, loc, wordsBufferType);
    Value scales = memref::AllocOp::create(rewriter, loc, scalesBufferType);
    auto cst = [&](int64_t v) {
      return arith::ConstantIntOp::create(rewriter, loc, i64, v).getResult();
    };
    SmallVector<Value> args = {
        memref::CastOp::create(rewriter, loc, dynF32, weightBuffer),
        cst(packing.getRows()),
        cst(packing.getCols()),
        cst(static_cast<int64_t>(packing.getFormat())),
        cst(static_cast<int64_t>(packing.getLayout())),
        cst(packing.getGroupSize()),
        cst(packing.getBlockN()),
        cst(packing.getBlockK()),
        memref::CastOp::create(rewriter, loc, dynI32, words),
        memref::CastOp::create(rewriter, loc, dynF16, scales)};
    func::CallOp::create(rewriter, loc, fn, args);

    Value wordsTensor = bufferization::ToTensorOp::create(
        rewriter, loc, wordsType, words, /*restrict=*/true, /*writable=*/true);
    Value scalesTensor = bufferization::ToTensorOp::create(
        rewriter, loc, RankedTensorType::get({numScales}, f16), scales,
        /*restrict=*/true, /*writable=*/true);
    if (scalesType.getRank() == 2)
      scalesTensor = tensor::ExpandShapeOp::create(
          rewriter, loc, scalesType, scalesTensor,
          ArrayRef<ReassociationIndices>{ReassociationIndices{0, 1}});
    rewriter.replaceOp(op, {wordsTensor, scalesTensor});
    return success();
  }
};

struct ConvertFPxToLinalgPass
    : public fpx::impl::ConvertFPxToLinalgBase<ConvertFPxToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<FPxDialect>();
    // A dispatch is a launch of an already generated kernel.
    target.addLegalOp<DispatchOp>();
    target.addLegalDialect<arith::ArithDialect, bufferization::BufferizationDialect,
                           func::FuncDialect, linalg::LinalgDialect,
                           math::MathDialect, memref::MemRefDialect,
                           tensor::TensorDialect>();
    RewritePatternSet patterns(ctx);
    patterns.add<DequantizeLowering, QMatmulLowering, QuantizeLowering>(ctx);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
