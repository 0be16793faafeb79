//===- RowSpace.cpp - Which op groups one row-stitched kernel can run -----===//

#include "fpx/Dialect/Fusion/Transforms/RowSpace.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace fpx::fusion;

namespace {

/// Fails, reporting on the op at fault (with an optional note) when asked
/// to, else silently.
struct Reporter {
  bool enabled;
  LogicalResult operator()(Operation *op, const Twine &message,
                           Operation *noteOp = nullptr,
                           const Twine &note = {}) const {
    if (!enabled)
      return failure();
    InFlightDiagnostic diag = op->emitError("fusion kernel: " + message);
    if (noteOp)
      diag.attachNote(noteOp->getLoc()) << note;
    return diag;
  }
};

/// An op as loops and operands read through indexing maps: a linalg op, or
/// an elementwise arith/math op on tensors (identity maps, no payload).
struct LoopOp {
  Operation *op = nullptr;
  SmallVector<int64_t> loops;
  unsigned numReductions = 0;
  bool innermostReduction = false;
  struct Operand {
    Value value;
    AffineMap map;
    bool read;
    bool init;
  };
  SmallVector<Operand> operands;
  linalg::LinalgOp linalg; // null for elementwise ops
};

std::optional<LoopOp> asLoopOp(Operation *op) {
  LoopOp view;
  view.op = op;
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
    if (!linalgOp.hasPureTensorSemantics())
      return std::nullopt;
    view.linalg = linalgOp;
    view.loops = linalgOp.getStaticLoopRanges();
    view.numReductions = linalgOp.getNumReductionLoops();
    auto iterators = linalgOp.getIteratorTypesArray();
    view.innermostReduction =
        !iterators.empty() && iterators.back() == utils::IteratorType::reduction;
    for (OpOperand &operand : op->getOpOperands()) {
      bool init = linalgOp.isDpsInit(&operand);
      view.operands.push_back(
          {operand.get(), linalgOp.getMatchingIndexingMap(&operand),
           !init || linalgOp.payloadUsesValueFromOperand(&operand), init});
    }
    return view;
  }
  if (!op->hasTrait<OpTrait::Elementwise>() || op->getNumResults() != 1)
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!type)
    return std::nullopt;
  view.loops.assign(type.getShape().begin(), type.getShape().end());
  AffineMap identity = AffineMap::getMultiDimIdentityMap(
      type.getRank(), op->getContext());
  for (Value operand : op->getOperands())
    view.operands.push_back({operand, identity, true, false});
  return view;
}

std::optional<Combiner> combinerOf(Operation *op) {
  if (isa<arith::AddFOp>(op))
    return Combiner::AddF;
  if (isa<arith::MulFOp>(op))
    return Combiner::MulF;
  if (isa<arith::MaximumFOp>(op))
    return Combiner::MaximumF;
  if (isa<arith::MinimumFOp>(op))
    return Combiner::MinimumF;
  if (isa<arith::MaxNumFOp>(op))
    return Combiner::MaxNumF;
  if (isa<arith::MinNumFOp>(op))
    return Combiner::MinNumF;
  return std::nullopt;
}

FailureOr<ReductionPayload> matchReduction(linalg::LinalgOp op,
                                           const Reporter &report) {
  if (op.getNumDpsInits() != 1)
    return report(op, "a reduction must have one result");
  Block *body = op.getBlock();
  BlockArgument acc = body->getArgument(op.getNumDpsInputs());
  Value yielded = body->getTerminator()->getOperand(0);
  Operation *combine = yielded.getDefiningOp();
  std::optional<Combiner> kind =
      combine && combine->getBlock() == body ? combinerOf(combine)
                                             : std::nullopt;
  if (!kind || !acc.hasOneUse() || acc.getUses().begin()->getOwner() != combine)
    return report(op, "a reduction's payload must end in one "
                      "arith.addf/mulf/maximumf/minimumf/maxnumf/minnumf of "
                      "the accumulator and a value computed without it");
  ReductionPayload result;
  result.combine = combine;
  result.kind = *kind;
  result.elementOperand = combine->getOperand(0) == acc ? 1 : 0;
  return result;
}

/// The results of `map`, reading a tensor of `shape`, are the first `n`
/// loop dimensions in order, apart from constant 0s on unit dimensions: the
/// element read is the one of the current row (e.g. a [T, 1] row value
/// broadcast through `(d0, d1) -> (d0, 0)`).
bool isRowMap(AffineMap map, ArrayRef<int64_t> shape, unsigned n) {
  if (map.getNumResults() != shape.size())
    return false;
  unsigned next = 0;
  for (auto [expr, size] : llvm::zip(map.getResults(), shape)) {
    if (auto cst = dyn_cast<AffineConstantExpr>(expr)) {
      if (cst.getValue() != 0 || size != 1)
        return false;
      continue;
    }
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (!dim || dim.getPosition() != next++)
      return false;
  }
  return next == n;
}

/// The results of `map` are the first `n` loop dimensions in order.
bool isLoopPrefix(AffineMap map, unsigned n) {
  if (map.getNumResults() != n)
    return false;
  for (auto [i, expr] : llvm::enumerate(map.getResults())) {
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (!dim || dim.getPosition() != i)
      return false;
  }
  return true;
}

int64_t product(ArrayRef<int64_t> sizes) {
  int64_t result = 1;
  for (int64_t size : sizes)
    result *= size;
  return result;
}

class Analyzer {
public:
  Analyzer(ArrayRef<Operation *> ops, bool emitErrors)
      : ops(ops), report{emitErrors} {
    members.insert(ops.begin(), ops.end());
  }

  FailureOr<RowSpace> run();

private:
  bool isInput(Value value) const {
    Operation *def = value.getDefiningOp();
    return !def || !members.contains(def);
  }
  LogicalResult checkInput(Operation *user, Value value, AffineMap map);
  LogicalResult checkOperand(const LoopOp &user, Value value, AffineMap map);
  LogicalResult checkReshape(Operation *op);
  LogicalResult checkLoopOp(const LoopOp &op);
  LogicalResult checkPayload(linalg::LinalgOp op);

  ArrayRef<Operation *> ops;
  llvm::DenseSet<Operation *> members;
  Reporter report;
  RowSpace result;
  Operation *reference = nullptr;
};

LogicalResult Analyzer::checkInput(Operation *user, Value value,
                                   AffineMap map) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape() ||
      !type.getElementType().isIntOrFloat() ||
      type.getElementType().getIntOrFloatBitWidth() % 8 != 0)
    return report(user, "inputs must be statically shaped tensors of "
                        "byte-sized elements");
  for (AffineExpr expr : map ? map.getResults() : ArrayRef<AffineExpr>())
    if (!isa<AffineDimExpr, AffineConstantExpr>(expr))
      return report(user, "an input's indexing map must use loop indices "
                          "or constants");
  result.globalViews.try_emplace(value, value);
  return success();
}

LogicalResult Analyzer::checkOperand(const LoopOp &user, Value value,
                                     AffineMap map) {
  if (isSplatOrScalarConstant(value))
    return success();
  if (!isa<ShapedType>(value.getType()))
    return report(user.op, "scalar operands must be constants");
  if (result.globalViews.count(value))
    return checkInput(user.op, value, map);
  if (isInput(value))
    return checkInput(user.op, value, map);
  auto it = result.space.find(value);
  if (it == result.space.end()) {
    Operation *def = value.getDefiningOp();
    return report(user.op, "operand is not computed by the group's linalg ops",
                  def, def ? "defined by " + def->getName().getStringRef()
                           : Twine());
  }
  if (it->second == Space::Full) {
    if (result.isFullOp(user.op) && map.isIdentity())
      return success();
    return report(user.op, "a row-sized value must be read element by "
                           "element (identity map); transposes and shifts "
                           "inside a group are not supported");
  }
  if (isRowMap(map, cast<ShapedType>(value.getType()).getShape(),
               result.outerLoops.lookup(user.op).size()))
    return success();
  return report(user.op, "a per-row value must be read through the row "
                         "indices");
}

LogicalResult Analyzer::checkReshape(Operation *op) {
  // Reshapes keep the row-major order of elements: a view of an input stays
  // a view of it, a per-row value stays one, and a row-sized value stays
  // one as long as its rows keep their length.
  Value source = op->getOperand(0), reshaped = op->getResult(0);
  auto type = cast<RankedTensorType>(reshaped.getType());
  if (Value input = result.globalViews.lookup(source)) {
    result.globalViews[reshaped] = input;
    return success();
  }
  if (isInput(source)) {
    if (failed(checkInput(op, source, AffineMap())))
      return failure();
    result.globalViews[reshaped] = source;
    return success();
  }
  auto it = result.space.find(source);
  if (it == result.space.end())
    return report(op, "reshaped value is not computed in the group");
  // Results are stored by their linear element index, so any reshape of
  // what the group only returns is fine (e.g. heads merged back).
  bool onlyReturned = llvm::all_of(reshaped.getUsers(), [&](Operation *u) {
    return !members.contains(u);
  });
  if (it->second == Space::Full && !onlyReturned &&
      (type.getRank() == 0 || type.getShape().back() != result.cols))
    return report(op, "a reshape of a row-sized value must keep rows of " +
                          Twine(result.cols) +
                          " elements (or only be returned)");
  result.space[reshaped] = it->second;
  return success();
}

LogicalResult Analyzer::checkPayload(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  WalkResult walk = body->walk([&](Operation *inner) {
    auto extract = dyn_cast<tensor::ExtractOp>(inner);
    if (extract) {
      Value tensor = extract.getTensor();
      if (!result.globalViews.count(tensor) &&
          (!isInput(tensor) ||
           failed(checkInput(op, tensor, AffineMap())))) {
        (void)report(inner, "tensor.extract must read a group input");
        return WalkResult::interrupt();
      }
    }
    for (Value operand : inner->getOperands())
      if (operand.getParentBlock() != body &&
          !isSplatOrScalarConstant(operand) &&
          !(extract && operand == extract.getTensor())) {
        (void)report(inner, "payloads may only capture constants");
        return WalkResult::interrupt();
      }
    if (inner->getNumRegions() || !isMemoryEffectFree(inner)) {
      (void)report(inner, "payload op '" +
                              inner->getName().getStringRef() +
                              "' is not supported");
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

LogicalResult Analyzer::checkLoopOp(const LoopOp &view) {
  Operation *op = view.op;
  ArrayRef<int64_t> loops = view.loops;
  if (llvm::any_of(loops, ShapedType::isDynamic))
    return report(op, "dynamic shapes are not supported");
  bool full = !loops.empty() && loops.back() == result.cols &&
              product(loops.drop_back()) == result.rows;
  bool row = !full && product(loops) == result.rows;
  if (!full && !row)
    return report(op,
                  "iteration space does not match the group's " +
                      Twine(result.rows) + " rows of " + Twine(result.cols) +
                      " elements",
                  reference, "reference op");
  result.outerLoops[op].assign(loops.begin(),
                               full ? loops.end() - 1 : loops.end());
  if (full)
    result.fullOps.insert(op);
  if (view.numReductions > 1 ||
      (view.numReductions == 1 && (!full || !view.innermostReduction)))
    return report(op, "only reductions over the innermost loop (a row) are "
                      "supported");
  if (view.numReductions == 1) {
    FailureOr<ReductionPayload> payload = matchReduction(view.linalg, report);
    if (failed(payload))
      return failure();
    Type acc = getElementTypeOrSelf(op->getResult(0).getType());
    if (!isa<Float16Type, BFloat16Type, Float32Type>(acc))
      return report(op, "reductions of f16, bf16 or f32 only");
    result.reductions[op] = *payload;
  }
  for (const LoopOp::Operand &operand : view.operands) {
    if (operand.read &&
        failed(checkOperand(view, operand.value, operand.map)))
      return failure();
    unsigned expected =
        view.numReductions ? loops.size() - 1 : loops.size();
    if (operand.init && !isLoopPrefix(operand.map, expected))
      return report(op, "results must be written in loop order (identity "
                        "maps)");
  }
  if (view.linalg && failed(checkPayload(view.linalg)))
    return failure();
  Space space = full && view.numReductions == 0 ? Space::Full : Space::Row;
  for (Value value : op->getResults())
    result.space[value] = space;
  return success();
}

FailureOr<RowSpace> Analyzer::run() {
  // The space is the first reduction's, else the largest op's.
  std::optional<LoopOp> referenceView;
  for (Operation *op : ops) {
    std::optional<LoopOp> view = asLoopOp(op);
    if (!view)
      continue;
    if (view->numReductions > 0) {
      referenceView = view;
      break;
    }
    if (!referenceView || view->loops.size() > referenceView->loops.size())
      referenceView = view;
  }
  if (!referenceView || referenceView->loops.empty() ||
      llvm::any_of(referenceView->loops, ShapedType::isDynamic)) {
    if (!ops.empty())
      (void)report(ops.front(), "the group needs a statically shaped linalg "
                                "or elementwise op");
    return failure();
  }
  reference = referenceView->op;
  result.cols = referenceView->loops.back();
  result.rows = product(ArrayRef(referenceView->loops).drop_back());

  for (Operation *op : ops) {
    if (isa<tensor::EmptyOp>(op))
      continue;
    if (isa<arith::ConstantOp>(op)) {
      if (!isSplatOrScalarConstant(op->getResult(0)))
        return report(op, "only scalar and splat constants are supported "
                          "inside a group");
      continue;
    }
    if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(op)) {
      if (failed(checkReshape(op)))
        return failure();
      continue;
    }
    std::optional<LoopOp> view = asLoopOp(op);
    if (!view)
      return report(op, "'" + op->getName().getStringRef() +
                            "' is not supported inside a group");
    if (failed(checkLoopOp(*view)))
      return failure();
  }
  return std::move(result);
}

} // namespace

bool fpx::fusion::isSplatOrScalarConstant(Value value) {
  Attribute attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return false;
  if (auto dense = dyn_cast<DenseElementsAttr>(attr))
    return dense.isSplat();
  return isa<FloatAttr, IntegerAttr>(attr);
}

FailureOr<RowSpace> fpx::fusion::analyzeRowSpace(ArrayRef<Operation *> ops,
                                                 bool emitErrors) {
  return Analyzer(ops, emitErrors).run();
}
