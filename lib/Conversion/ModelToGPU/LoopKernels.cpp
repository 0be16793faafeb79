//===- LoopKernels.cpp - Linalg ops on buffers as simple GPU kernels ------===//
//
// Whatever a GPU model computes outside fusion groups and Tensor Core GEMMs
// (attention matmuls, transposes, concatenations, gathers, unfused
// elementwise ops) still has to run on the GPU, or every such op would mean
// a round trip through host memory. This pass gives each of them the
// simplest correct kernel: one thread per point of the op's parallel loops,
// reductions as sequential loops in that thread.
//
//===----------------------------------------------------------------------===//

#include "fpx/Conversion/Passes.h"
#include "fpx/Dialect/FPx/IR/FPx.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace fpx {
#define GEN_PASS_DEF_FPXGPULOOPKERNELS
#include "fpx/Conversion/Passes.h.inc"
} // namespace fpx

using namespace mlir;
using namespace fpx;

namespace {

/// True when `type` is row-major contiguous with static sizes and its first
/// element is aligned to `alignment` bytes (its offset counted from an
/// allocation aligned at least that much).
bool isDenseAndAligned(MemRefType type, int64_t alignment) {
  if (!type.hasStaticShape() || !memref::isStaticShapeAndContiguousRowMajor(type))
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)) ||
      ShapedType::isDynamic(offset))
    return false;
  int64_t bytes = std::max<int64_t>(1, type.getElementTypeBitWidth() / 8);
  return (offset * bytes) % alignment == 0;
}

/// Gives a dispatch dense, 16-byte-aligned buffers (its kernels read them
/// with 16-byte vectors and index them as flat arrays): strided or
/// misaligned operands are copied to fresh buffers first, and outputs
/// copied back after. Fails with an error on the dispatch for a dynamically
/// shaped operand (its copy would have no static size).
LogicalResult densifyDispatchOperands(DispatchOp dispatch) {
  for (Value operand : dispatch->getOperands())
    if (!cast<MemRefType>(operand.getType()).hasStaticShape())
      return dispatch.emitOpError()
             << "has an operand of dynamic shape " << operand.getType()
             << "; GPU models need static shapes";
  OpBuilder builder(dispatch);
  Location loc = dispatch.getLoc();
  auto dense = [&](Value value) -> Value {
    auto type = cast<MemRefType>(value.getType());
    return memref::AllocOp::create(
        builder, loc, MemRefType::get(type.getShape(), type.getElementType()));
  };
  for (OpOperand &input : dispatch.getInputsMutable()) {
    if (isDenseAndAligned(cast<MemRefType>(input.get().getType()), 16))
      continue;
    Value copy = dense(input.get());
    linalg::CopyOp::create(builder, loc, input.get(), copy);
    input.set(copy);
  }
  for (OpOperand &output : dispatch.getOutputsMutable()) {
    if (isDenseAndAligned(cast<MemRefType>(output.get().getType()), 16))
      continue;
    Value original = output.get();
    Value copy = dense(original);
    output.set(copy);
    OpBuilder after(dispatch->getContext());
    after.setInsertionPointAfter(dispatch);
    linalg::CopyOp::create(after, loc, copy, original);
  }
  return success();
}

/// Indices of an operand at the loop point `ivs` through `map`.
SmallVector<Value> applyMap(OpBuilder &b, Location loc, AffineMap map,
                            ArrayRef<Value> ivs) {
  SmallVector<Value> indices;
  for (AffineExpr expr : map.getResults()) {
    if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
      indices.push_back(ivs[dim.getPosition()]);
      continue;
    }
    indices.push_back(affine::AffineApplyOp::create(
        b, loc, AffineMap::get(map.getNumDims(), 0, expr), ivs));
  }
  return indices;
}

/// Rewrites `op` (a generic on memrefs with static loop ranges) as a
/// gpu.launch; fails with an error naming the op when it cannot.
LogicalResult buildLoopKernel(linalg::GenericOp op, int64_t blockSize) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<unsigned> parallel, reduction;
  for (auto [dim, iterator] : llvm::enumerate(iterators))
    (iterator == utils::IteratorType::parallel ? parallel : reduction)
        .push_back(dim);
  // Each thread owns the output elements of its parallel point: an output
  // must be indexed by every parallel loop and by nothing else.
  for (OpOperand &output : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&output);
    llvm::SmallDenseSet<unsigned> used;
    for (AffineExpr expr : map.getResults())
      if (auto dim = dyn_cast<AffineDimExpr>(expr))
        used.insert(dim.getPosition());
      else
        used.insert(~0u);
    bool owned = used.size() == map.getNumResults() &&
                 llvm::all_of(parallel, [&](unsigned d) {
                   return used.contains(d);
                 }) &&
                 llvm::none_of(reduction,
                               [&](unsigned d) { return used.contains(d); });
    if (!owned)
      return op.emitOpError()
             << "writes output #"
             << output.getOperandNumber() - op.getNumDpsInputs()
             << " through " << AffineMapAttr::get(map)
             << ", which does not give each parallel iteration its own "
                "element; no GPU kernel for it";
  }
  int64_t total = 1;
  for (unsigned dim : parallel)
    total *= ranges[dim];
  if (total == 0) {
    op.erase();
    return success();
  }

  Location loc = op.getLoc();
  OpBuilder b(op);
  auto index = [&](OpBuilder &builder, int64_t value) -> Value {
    return arith::ConstantIndexOp::create(builder, loc, value);
  };
  int64_t threads = std::min(blockSize, (total + 31) / 32 * 32);
  int64_t blocks = (total + threads - 1) / threads;
  Value one = index(b, 1);
  auto launch = gpu::LaunchOp::create(b, loc, index(b, blocks), one, one,
                                      index(b, threads), one, one);
  OpBuilder k = OpBuilder::atBlockBegin(&launch.getBody().front());
  Value linear = arith::AddIOp::create(
      k, loc,
      arith::MulIOp::create(k, loc, launch.getBlockIds().x, index(k, threads)),
      launch.getThreadIds().x);
  Value inRange = arith::CmpIOp::create(k, loc, arith::CmpIPredicate::ult,
                                        linear, index(k, total));
  auto guard = scf::IfOp::create(k, loc, inRange, /*withElseRegion=*/false);
  gpu::TerminatorOp::create(k, loc);

  OpBuilder t = guard.getThenBodyBuilder();
  SmallVector<Value> ivs(ranges.size());
  // Row-major delinearization: the last parallel loop varies fastest, so
  // neighbouring threads touch neighbouring elements of row-major outputs.
  Value rest = linear;
  for (unsigned dim : llvm::reverse(parallel)) {
    Value size = index(t, ranges[dim]);
    ivs[dim] = arith::RemUIOp::create(t, loc, rest, size);
    rest = arith::DivUIOp::create(t, loc, rest, size);
  }

  Block *payload = op.getBody();
  unsigned numInputs = op.getNumDpsInputs();
  SmallVector<Value> outputBuffers, initial;
  SmallVector<SmallVector<Value>> outputIndices;
  for (OpOperand &output : op.getDpsInitsMutable()) {
    outputBuffers.push_back(output.get());
    SmallVector<Value> indices =
        applyMap(t, loc, op.getMatchingIndexingMap(&output), ivs);
    outputIndices.push_back(indices);
    initial.push_back(memref::LoadOp::create(t, loc, output.get(), indices));
  }

  // The payload at the current loop point with the outputs' running values.
  auto computePoint = [&](OpBuilder &builder, ValueRange accumulators) {
    IRMapping mapping;
    for (OpOperand *input : op.getDpsInputOperands()) {
      Value arg = payload->getArgument(input->getOperandNumber());
      if (arg.use_empty())
        continue;
      if (!isa<MemRefType>(input->get().getType())) {
        mapping.map(arg, input->get());
        continue;
      }
      mapping.map(arg, memref::LoadOp::create(
                           builder, loc, input->get(),
                           applyMap(builder, loc,
                                    op.getMatchingIndexingMap(input), ivs)));
    }
    for (auto [i, value] : llvm::enumerate(accumulators))
      mapping.map(payload->getArgument(numInputs + i), value);
    SmallVector<Value> results;
    for (Operation &inner : payload->without_terminator()) {
      if (auto indexOp = dyn_cast<linalg::IndexOp>(inner)) {
        mapping.map(indexOp.getResult(), ivs[indexOp.getDim()]);
        continue;
      }
      builder.clone(inner, mapping);
    }
    for (Value yielded : payload->getTerminator()->getOperands())
      results.push_back(mapping.lookupOrDefault(yielded));
    return results;
  };

  SmallVector<Value> finals;
  if (reduction.empty()) {
    finals = computePoint(t, initial);
  } else {
    SmallVector<Value> lbs, ubs, steps;
    for (unsigned dim : reduction) {
      lbs.push_back(index(t, 0));
      ubs.push_back(index(t, ranges[dim]));
      steps.push_back(index(t, 1));
    }
    scf::LoopNest nest = scf::buildLoopNest(
        t, loc, lbs, ubs, steps, initial,
        [&](OpBuilder &builder, Location, ValueRange loopIvs,
            ValueRange accumulators) -> scf::ValueVector {
          for (auto [dim, iv] : llvm::zip_equal(reduction, loopIvs))
            ivs[dim] = iv;
          return computePoint(builder, accumulators);
        });
    finals.assign(nest.results.begin(), nest.results.end());
  }
  for (auto [value, buffer, indices] :
       llvm::zip_equal(finals, outputBuffers, outputIndices))
    memref::StoreOp::create(t, loc, value, buffer, indices);
  op.erase();
  return success();
}

struct LoopKernelsPass
    : public fpx::impl::FPxGPULoopKernelsBase<LoopKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (blockSize <= 0 || blockSize > 1024 || blockSize % 32 != 0) {
      getOperation().emitError()
          << "fpx-gpu-loop-kernels: block-size must be a multiple of 32 "
             "up to 1024, got "
          << static_cast<int64_t>(blockSize);
      return signalPassFailure();
    }
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (failed(runOnFunction(func)))
        return signalPassFailure();
  }

  LogicalResult runOnFunction(func::FuncOp func) {
    WalkResult dispatches = func.walk([](DispatchOp dispatch) {
      if (!dispatch.getOutputs().empty() &&
          isa<MemRefType>(dispatch.getOutputs().front().getType()) &&
          failed(densifyDispatchOperands(dispatch)))
        return WalkResult::interrupt();
      return WalkResult::advance();
    });
    if (dispatches.wasInterrupted())
      return failure();
    WalkResult copies = func.walk([](memref::CopyOp copy) {
      // Checked here: as a linalg.copy the error would name that op.
      if (!copy.getSource().getType().hasStaticShape() ||
          !copy.getTarget().getType().hasStaticShape()) {
        copy.emitOpError() << "has dynamic shapes; GPU models need static "
                              "shapes";
        return WalkResult::interrupt();
      }
      OpBuilder builder(copy);
      linalg::CopyOp::create(builder, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      copy.erase();
      return WalkResult::advance();
    });
    if (copies.wasInterrupted())
      return failure();
    SmallVector<linalg::LinalgOp> ops;
    func.walk([&](linalg::LinalgOp op) {
      if (!op->getParentOfType<gpu::LaunchOp>())
        ops.push_back(op);
    });
    IRRewriter rewriter(func.getContext());
    for (linalg::LinalgOp op : ops) {
      if (!op.hasPureBufferSemantics())
        return op->emitOpError()
               << "is still on tensors; fpx-gpu-loop-kernels runs after "
                  "bufferization";
      // Checked before generalizing, so that the error names the op.
      if (llvm::any_of(op.getStaticLoopRanges(), ShapedType::isDynamic))
        return op->emitOpError() << "has dynamic loop bounds; GPU models "
                                    "need static shapes";
      linalg::GenericOp generic;
      if (auto existing = dyn_cast<linalg::GenericOp>(op.getOperation())) {
        generic = existing;
      } else {
        rewriter.setInsertionPoint(op);
        FailureOr<linalg::GenericOp> generalized =
            linalg::generalizeNamedOp(rewriter, op);
        if (failed(generalized))
          return op->emitOpError() << "cannot be generalized to a "
                                      "linalg.generic for a GPU kernel";
        generic = *generalized;
      }
      if (failed(buildLoopKernel(generic, blockSize)))
        return failure();
    }
    return success();
  }
};

} // namespace
