//===- FusionKernel.cpp - One GPU kernel per fusion group -----------------===//

#include "fpx/Conversion/FusionToGPU/FusionKernel.h"
#include "fpx/Dialect/Fusion/Transforms/RowSpace.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <map>

using namespace mlir;
using namespace fpx;

static constexpr unsigned kGlobalSpace = 1;
static constexpr int64_t kMaxThreadsPerRow = 1024;
/// Row elements a thread keeps per value: beyond this the registers spill.
static constexpr int64_t kMaxElementsPerThread = 64;
/// Threads that keep an H100's SMs busy (2048 per SM).
static constexpr int64_t kThreadsPerSM = 2048;
/// Vector accesses a thread issues per value before using them when the
/// grid is large. Measured on the H100 at 4096 x 8192 f16 (docs/
/// benchmarks.md, threads-per-row sweep): groups with reductions are best
/// with 4 (more independent work between barriers), loop groups with 2.
static constexpr int64_t kChunksInFlightReduction = 4;
static constexpr int64_t kChunksInFlightLoop = 2;
/// Block size when a row is spread over several blocks.
static constexpr int64_t kSpreadThreads = 128;

namespace {

using fusion::Combiner;
using fusion::isSplatOrScalarConstant;
using fusion::ReductionPayload;
using fusion::RowSpace;
using fusion::Space;

TypedAttr scalarConstantOf(Value value) {
  Attribute attr;
  (void)matchPattern(value, m_Constant(&attr));
  if (auto dense = dyn_cast<DenseElementsAttr>(attr))
    return cast<TypedAttr>(dense.getSplatValue<Attribute>());
  return cast<TypedAttr>(attr);
}

SmallVector<int64_t> rowMajorStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = int64_t(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

int64_t elementBytes(Type type) {
  return std::max<int64_t>(1, type.getIntOrFloatBitWidth() / 8);
}

LogicalResult generalize(fusion::GroupOp group) {
  // The planner's stitch hints would be copied onto payload ops, where the
  // verifier rejects them; the generator records its own choice afterwards.
  for (Operation &op : group.getBody().front())
    op.removeAttr(fusion::kStitchAttrName);
  RewritePatternSet patterns(group.getContext());
  linalg::populateLinalgNamedOpsGeneralizationPatterns(patterns);
  linalg::populateElementwiseToLinalgConversionPatterns(patterns);
  return applyPatternsGreedily(group.getBody(), std::move(patterns));
}

/// Picks the launch shape: enough threads per row to keep each thread's
/// share in registers, few enough that a large grid keeps kChunksInFlight
/// 16-byte loads in flight per thread, and all of a row's parallelism when
/// the rows alone cannot fill the device.
void chooseLaunch(FusionKernelConfig &c, const DeviceDescription &device,
                  int64_t forcedThreadsPerRow) {
  int64_t vectors = c.vectorsPerRow();
  int64_t fill = int64_t(device.numSMs) * kThreadsPerSM;
  int64_t chunks = std::clamp<int64_t>(
      c.rows * vectors / fill, 1,
      c.reductions ? kChunksInFlightReduction : kChunksInFlightLoop);
  int64_t tpr = llvm::PowerOf2Ceil((vectors + chunks - 1) / chunks);
  while (tpr < kMaxThreadsPerRow &&
         ((vectors + tpr - 1) / tpr) * c.vectorWidth > kMaxElementsPerThread)
    tpr *= 2;
  c.threadsPerRow = std::min<int64_t>(
      forcedThreadsPerRow ? forcedThreadsPerRow : tpr, kMaxThreadsPerRow);
  c.rowsPerBlock = std::max<int64_t>(1, 256 / c.threadsPerRow);
  c.rowsPerBlock = std::min(c.rowsPerBlock, int64_t(llvm::PowerOf2Ceil(c.rows)));
  // Few long rows and no reduction: spread each row over blocks of
  // kSpreadThreads instead of one large block per row (a decode step's 16
  // rows of 8192 then take 128 blocks, not 16).
  if (!forcedThreadsPerRow && c.reductions == 0 && chunks == 1 &&
      vectors > kSpreadThreads && c.rows * c.threadsPerRow < fill) {
    c.threadsPerRow = kSpreadThreads;
    c.blocksPerRow = (vectors + kSpreadThreads - 1) / kSpreadThreads;
    c.rowsPerBlock = 1;
  }

  // The latency evaluator's estimate: streaming time plus one memory round
  // trip per wave and per reduction (its barrier waits for all loads).
  int64_t blocksPerSM = std::clamp<int64_t>(
      int64_t(device.maxWarpsPerSM) * 32 / c.blockThreads(), 1, 32);
  int64_t waves = (c.gridX() + device.numSMs * blocksPerSM - 1) /
                  (device.numSMs * blocksPerSM);
  c.estimatedMicros = double(c.bytes) / (device.memoryBandwidthGBs * 1e3) +
                      double(waves) * device.memoryLatencyMicros *
                          double(1 + c.reductions);
}

} // namespace

//===----------------------------------------------------------------------===//
// Planning
//===----------------------------------------------------------------------===//

static FailureOr<RowSpace> analyzeGroup(fusion::GroupOp group) {
  Block &body = group.getBody().front();
  SmallVector<Operation *> ops;
  for (Operation &op : body.without_terminator())
    ops.push_back(&op);
  FailureOr<RowSpace> analysis = fusion::analyzeRowSpace(ops, true);
  if (failed(analysis))
    return failure();
  for (Value yielded : body.getTerminator()->getOperands())
    if (!analysis->space.count(yielded))
      return group.emitError("fusion kernel: group results must be computed "
                             "by its linalg ops");
  return analysis;
}

FailureOr<FusionKernelPlan>
fpx::planFusionKernel(fusion::GroupOp group, const DeviceDescription &device,
                      int64_t threadsPerRow, bool fastMath,
                      bool skipMaskedLoads) {
  if (threadsPerRow && (!llvm::isPowerOf2_64(threadsPerRow) ||
                        threadsPerRow > kMaxThreadsPerRow))
    return group.emitError("fusion kernel: threads per row must be a power "
                           "of two up to 1024");
  if (failed(generalize(group)))
    return group.emitError("fusion kernel: generalizing the group failed");
  FailureOr<RowSpace> analysis = analyzeGroup(group);
  if (failed(analysis))
    return failure();

  FusionKernelConfig c;
  c.cols = analysis->cols;
  c.rows = analysis->rows;
  c.reductions = analysis->reductions.size();
  c.fastMath = fastMath;
  c.skipMaskedLoads = skipMaskedLoads;

  // 16-byte accesses where every row-contiguous access allows them: the
  // inputs read along the row and the row-sized results (per-row scalars
  // and gathers are scalar accesses and do not limit the width).
  int64_t width = 16;
  auto account = [&](Type type) {
    Type element = getElementTypeOrSelf(type);
    // LLVM packs a vector of i1 into bits, but a buffer of i1 holds one
    // byte per element: i1 rows are read and written element by element.
    if (element.getIntOrFloatBitWidth() < 8)
      width = 1;
    width = std::min(width, 16 / elementBytes(element));
  };
  Block &body = group.getBody().front();
  for (auto op : body.getOps<linalg::GenericOp>()) {
    if (!analysis->isFullOp(op))
      continue;
    unsigned column = analysis->outerLoops.lookup(op).size();
    for (OpOperand &operand : op->getOpOperands()) {
      AffineMap map = op.getMatchingIndexingMap(&operand);
      if (!analysis->globalViews.count(operand.get()) ||
          map.getNumResults() == 0)
        continue;
      auto last = dyn_cast<AffineDimExpr>(map.getResults().back());
      if (last && last.getPosition() == column)
        account(operand.get().getType());
    }
  }
  for (Value value : body.getTerminator()->getOperands())
    if (analysis->space.lookup(value) == Space::Full)
      account(value.getType());
  for (Value input : body.getArguments())
    c.bytes += cast<ShapedType>(input.getType()).getNumElements() *
               elementBytes(getElementTypeOrSelf(input.getType()));
  for (Value result : group.getResults())
    c.bytes += cast<ShapedType>(result.getType()).getNumElements() *
               elementBytes(getElementTypeOrSelf(result.getType()));
  while (width > 1 && c.cols % width != 0)
    width /= 2;
  c.vectorWidth = std::max<int64_t>(width, 1);
  chooseLaunch(c, device, threadsPerRow);
  if (c.chunks() * c.vectorWidth > kMaxElementsPerThread) {
    // Too long for registers even with every thread on it: stream the row.
    c.streamRows = true;
    c.rowsPerBlock = 1;
  }
  return FusionKernelPlan{c, std::move(*analysis)};
}

//===----------------------------------------------------------------------===//
// Kernel construction
//===----------------------------------------------------------------------===//

namespace {

class FusionKernelBuilder {
public:
  FusionKernelBuilder(OpBuilder &b, Location loc, fusion::GroupOp group,
                      const FusionKernelConfig &c, const RowSpace &analysis)
      : b(b), loc(loc), group(group), c(c), analysis(analysis) {}

  void build(gpu::GPUFuncOp func);

private:
  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, int64_t y) {
    return y == 1 ? x : arith::MulIOp::create(b, loc, x, idx(y)).getResult();
  }
  Value cmpLt(Value x, int64_t y) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, x, idx(y));
  }
  Value andI(Value x, Value y) {
    if (!x)
      return y;
    if (!y)
      return x;
    return arith::AndIOp::create(b, loc, x, y);
  }

  void setUpIndices(gpu::GPUFuncOp func);
  Value constantFor(Value value);
  void enter(Operation *op);
  Value bufferFor(Value view) {
    return buffers.lookup(analysis.globalViews.lookup(view));
  }
  Value rowBase(Value view, AffineMap map);
  int64_t columnStride(Value view, AffineMap map, bool &contiguous);
  Value readElement(Value value, AffineMap map, int64_t chunk, int64_t lane);
  Value readRow(Value value, AffineMap map);
  Value columnIndex(int64_t chunk, int64_t lane);
  SmallVector<Value> emitPayload(linalg::GenericOp op, ArrayRef<Value> args,
                                 function_ref<Value(unsigned)> loopIndex,
                                 Operation *skip, IRMapping &mapping);
  void emitFull(linalg::GenericOp op);
  void emitReduction(linalg::GenericOp op, const ReductionPayload &payload);
  void emitRow(linalg::GenericOp op);
  Value combine(Combiner kind, Value x, Value y);
  Value fastErf(Value x);
  Value identity(Combiner kind, Type type);
  Value reduceAcrossRow(Combiner kind, Value partial);
  void storeResults(gpu::GPUFuncOp func);
  void storeFull(Value value, Value buffer);
  void storeRow(Value value, Value buffer);
  Value foldChunks(linalg::GenericOp op, const ReductionPayload &payload,
                   Value partial);
  Value finishReduction(linalg::GenericOp op, const ReductionPayload &payload,
                        Value total);
  // Loads a select discards.
  struct MaskedRead {
    arith::SelectOp select;
    /// The arm the loaded values flow into: they are needed where the
    /// condition is true for the true arm, false for the false arm.
    bool neededWhen = true;
  };
  void findMaskedReads();
  std::optional<MaskedRead> findMaskedRead(linalg::GenericOp op,
                                           OpOperand &input);
  Value chunkNeeded(linalg::GenericOp op, MaskedRead read,
                    int64_t chunk);
  Value loadVector(Value view, AffineMap map, int64_t chunk);
  Value emitIndexSlice(linalg::GenericOp op, Value value, int64_t chunk,
                       int64_t element, IRMapping &mapping);
  Value gatherOffset(tensor::ExtractOp extract,
                     function_ref<Value(Value)> index);
  void loadGathers(linalg::GenericOp op, int64_t chunk);
  // Streamed rows.
  void buildStreamed(gpu::GPUFuncOp func);
  void emitFullOps(ArrayRef<Value> roots);
  scf::ForOp beginChunkLoop(ValueRange inits);
  void endChunkLoop(scf::ForOp loop, ValueRange yields);

  OpBuilder &b;
  Location loc;
  fusion::GroupOp group;
  const FusionKernelConfig &c;
  const RowSpace &analysis;

  Value lane, rowInBlock, row, rowValid;
  /// The outer loop indices of the op being emitted, delinearized from the
  /// row index once per distinct outer shape.
  ArrayRef<Value> outerIndex;
  unsigned numOuter = 0;
  std::map<std::vector<int64_t>, SmallVector<Value>> delinearized;
  SmallVector<Value> chunkStart;     // element column of each chunk
  SmallVector<Value> chunkLoadStart; // the same, kept in bounds for loads
  SmallVector<Value> chunkValid;     // null when the chunk always exists
  Value shared;
  Block *entry = nullptr; // the kernel's entry block: constants go there
  int64_t reductionsDone = 0;
  /// Chunks the current code covers: all of them when unrolled, one per
  /// iteration in a streamed row's chunk loop.
  int64_t scopeChunks = 0;

  DenseMap<Value, Value> buffers; // group input -> kernel argument
  DenseMap<Value, SmallVector<Value>> fullValues;
  DenseMap<Value, Value> rowValues;
  DenseMap<Value, Value> constants;
  /// Values equal for all of a thread's elements of the row (constants,
  /// per-row values, outer indices and what is computed from them only).
  DenseSet<Value> rowUniform;
  DenseMap<Value, Value> reciprocals;
  /// Group inputs read by one op whose payload only passes them to an arm
  /// of a select on loop indices (a causal mask): chunks whose elements
  /// that select all discards are not loaded.
  DenseMap<Value, std::pair<linalg::GenericOp, MaskedRead>> maskedReads;
  /// A chunk's elements of a `tensor.extract` whose indices depend on loop
  /// indices only, per (extract, chunk); set by loadGathers for emitFull.
  DenseMap<std::pair<Operation *, int64_t>, Value> gatheredChunks;
  /// The chunk and element emitFull is emitting the payload for.
  std::optional<std::pair<int64_t, int64_t>> fullElement;
  // Loads and addresses, per (view, map, outer indices[, chunk]).
  using Key = std::tuple<const void *, const void *, const void *, int64_t>;
  Key key(Value view, AffineMap map, int64_t chunk = 0) const {
    return {view.getAsOpaquePointer(), map.getAsOpaquePointer(),
            outerIndex.data(), chunk};
  }
  std::map<Key, Value> rowBases, vectors, rowScalars;
};

void FusionKernelBuilder::setUpIndices(gpu::GPUFuncOp func) {
  Value tid = gpu::ThreadIdOp::create(b, loc, gpu::Dimension::x);
  Value bid = gpu::BlockIdOp::create(b, loc, gpu::Dimension::x);
  Value tpr = idx(c.threadsPerRow);
  lane = arith::RemUIOp::create(b, loc, tid, tpr);
  rowInBlock = arith::DivUIOp::create(b, loc, tid, tpr);
  if (c.blocksPerRow > 1) {
    // Block `bid` covers part `bid % B` of row `bid / B`: lanes count over
    // the row's blocks.
    Value blocks = idx(c.blocksPerRow);
    Value part = arith::RemUIOp::create(b, loc, bid, blocks);
    lane = add(mul(part, c.threadsPerRow), lane);
    bid = arith::DivUIOp::create(b, loc, bid, blocks);
  }
  row = add(mul(bid, c.rowsPerBlock), rowInBlock);
  if (c.rows % c.rowsPerBlock != 0) {
    rowValid = cmpLt(row, c.rows);
    // Threads past the last row recompute it and store nothing.
    row = arith::MinUIOp::create(b, loc, row, idx(c.rows - 1));
  }
  int64_t vectorsPerRow = c.vectorsPerRow();
  scopeChunks = c.streamRows ? 1 : c.chunks();
  for (int64_t k = 0; !c.streamRows && k < c.chunks(); ++k) {
    Value vectorIndex = add(lane, idx(k * c.rowThreads()));
    Value start = mul(vectorIndex, c.vectorWidth);
    chunkStart.push_back(start);
    if ((k + 1) * c.rowThreads() > vectorsPerRow) {
      chunkValid.push_back(cmpLt(vectorIndex, vectorsPerRow));
      chunkLoadStart.push_back(arith::MinUIOp::create(
          b, loc, start, idx(c.cols - c.vectorWidth)));
    } else {
      chunkValid.push_back(nullptr);
      chunkLoadStart.push_back(start);
    }
  }
  if (c.sharedBytes())
    shared = func.getWorkgroupAttributions().front();
}

void FusionKernelBuilder::enter(Operation *op) {
  SmallVector<int64_t> shape = analysis.outerLoops.lookup(op);
  auto [it, inserted] = delinearized.try_emplace(
      std::vector<int64_t>(shape.begin(), shape.end()));
  if (inserted) {
    // Row-major delinearization of the row index into the outer loops.
    SmallVector<Value> &indices = it->second;
    indices.resize(shape.size());
    Value rest = row;
    for (int64_t d = int64_t(shape.size()) - 1; d >= 0; --d) {
      indices[d] = d == 0 ? rest
                          : arith::RemUIOp::create(b, loc, rest, idx(shape[d]))
                                .getResult();
      if (d > 0)
        rest = arith::DivUIOp::create(b, loc, rest, idx(shape[d]));
    }
  }
  outerIndex = it->second;
  rowUniform.insert(outerIndex.begin(), outerIndex.end());
  numOuter = shape.size();
}

Value FusionKernelBuilder::constantFor(Value value) {
  Value &known = constants[value];
  if (!known) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(entry);
    known = arith::ConstantOp::create(b, loc, scalarConstantOf(value));
    rowUniform.insert(known);
  }
  return known;
}

Value FusionKernelBuilder::rowBase(Value view, AffineMap map) {
  Value &base = rowBases[key(view, map)];
  if (base)
    return base;
  auto shape = cast<ShapedType>(view.getType()).getShape();
  SmallVector<int64_t> strides = rowMajorStrides(shape);
  int64_t constantPart = 0;
  base = idx(0);
  for (auto [expr, stride] : llvm::zip(map.getResults(), strides)) {
    if (auto cst = dyn_cast<AffineConstantExpr>(expr)) {
      constantPart += cst.getValue() * stride;
      continue;
    }
    unsigned dim = cast<AffineDimExpr>(expr).getPosition();
    if (dim < numOuter)
      base = add(base, mul(outerIndex[dim], stride));
  }
  if (constantPart)
    base = add(base, idx(constantPart));
  return base;
}

int64_t FusionKernelBuilder::columnStride(Value view, AffineMap map,
                                          bool &contiguous) {
  auto shape = cast<ShapedType>(view.getType()).getShape();
  SmallVector<int64_t> strides = rowMajorStrides(shape);
  contiguous = false;
  for (auto [i, expr] : llvm::enumerate(map.getResults())) {
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (dim && dim.getPosition() == numOuter) {
      contiguous = i + 1 == map.getNumResults();
      return strides[i];
    }
  }
  return 0;
}

Value FusionKernelBuilder::columnIndex(int64_t chunk, int64_t laneElement) {
  return add(chunkStart[chunk], idx(laneElement));
}

Value FusionKernelBuilder::readRow(Value value, AffineMap map) {
  if (isSplatOrScalarConstant(value))
    return constantFor(value);
  if (analysis.globalViews.count(value)) {
    Value &scalar = rowScalars[key(value, map)];
    if (!scalar) {
      scalar = memref::LoadOp::create(b, loc, bufferFor(value),
                                      ValueRange{rowBase(value, map)});
      rowUniform.insert(scalar);
    }
    return scalar;
  }
  Value result = rowValues.lookup(value);
  rowUniform.insert(result);
  return result;
}

Value FusionKernelBuilder::readElement(Value value, AffineMap map,
                                       int64_t chunk, int64_t element) {
  if (!analysis.globalViews.count(value)) {
    auto it = fullValues.find(value);
    if (it != fullValues.end())
      return it->second[chunk * c.vectorWidth + element];
    return readRow(value, map);
  }
  bool contiguous = false;
  int64_t stride = columnStride(value, map, contiguous);
  if (stride == 0)
    return readRow(value, map);
  Value buffer = bufferFor(value);
  if (!contiguous || c.vectorWidth == 1) {
    Value column = add(chunkLoadStart[chunk], idx(element));
    return memref::LoadOp::create(
        b, loc, buffer,
        ValueRange{add(rowBase(value, map), mul(column, stride))});
  }
  Value &vector = vectors[key(value, map, chunk)];
  if (!vector)
    vector = loadVector(value, map, chunk);
  return vector::ExtractOp::create(b, loc, vector, element);
}

Value FusionKernelBuilder::loadVector(Value view, AffineMap map,
                                      int64_t chunk) {
  Type elementType = getElementTypeOrSelf(view.getType());
  auto type = VectorType::get({c.vectorWidth}, elementType);
  auto load = [&](OpBuilder &builder, Location at) -> Value {
    return vector::LoadOp::create(
        builder, at, type, bufferFor(view),
        ValueRange{add(rowBase(view, map), chunkLoadStart[chunk])},
        /*nontemporal=*/false,
        llvm::MaybeAlign(c.vectorWidth * elementBytes(elementType)));
  };
  auto masked = maskedReads.find(view);
  if (masked == maskedReads.end())
    return load(b, loc);
  // Addresses and the condition are computed outside the branch, where
  // the payload's copies of them are CSE'd with these.
  rowBase(view, map);
  Value needed = chunkNeeded(masked->second.first, masked->second.second,
                             chunk);
  auto ifNeeded = scf::IfOp::create(
      b, loc, needed,
      [&](OpBuilder &builder, Location at) {
        scf::YieldOp::create(builder, at, load(builder, at));
      },
      [&](OpBuilder &builder, Location at) {
        // Any value would do: the select discards every element.
        Value zero =
            arith::ConstantOp::create(builder, at, builder.getZeroAttr(type));
        scf::YieldOp::create(builder, at, zero);
      });
  return ifNeeded.getResult(0);
}

/// Whether the value is computed in `op`'s payload from loop indices and
/// constants alone.
static bool dependsOnIndicesOnly(Value value, Block *payload) {
  SmallVector<Value> work{value};
  DenseSet<Value> seen;
  while (!work.empty()) {
    Value v = work.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    if (isa<BlockArgument>(v))
      return false;
    Operation *def = v.getDefiningOp();
    if (def->getBlock() != payload) {
      if (!isSplatOrScalarConstant(v))
        return false;
      continue;
    }
    if (isa<linalg::IndexOp>(def) || matchPattern(v, m_Constant()))
      continue;
    if (def->getNumRegions() || !isPure(def) ||
        !isa<arith::ArithDialect>(def->getDialect()))
      return false;
    llvm::append_range(work, def->getOperands());
  }
  return true;
}

std::optional<FusionKernelBuilder::MaskedRead>
FusionKernelBuilder::findMaskedRead(linalg::GenericOp op, OpOperand &input) {
  Block *payload = op.getBody();
  // Follow the loaded value through the payload: every path must end in
  // the same arm of one select whose condition does not depend on it.
  SmallVector<Value> work{op.getMatchingBlockArgument(&input)};
  DenseSet<Value> reached;
  std::optional<MaskedRead> found;
  while (!work.empty()) {
    Value value = work.pop_back_val();
    if (!reached.insert(value).second)
      continue;
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (auto select = dyn_cast<arith::SelectOp>(user);
          select && use.getOperandNumber() != 0) {
        bool neededWhen = use.getOperandNumber() == 1;
        if ((found && (found->select != select ||
                       found->neededWhen != neededWhen)) ||
            !dependsOnIndicesOnly(select.getCondition(), payload))
          return std::nullopt;
        found = MaskedRead{select, neededWhen};
        continue;
      }
      if (user->hasTrait<OpTrait::IsTerminator>() || user->getNumRegions() ||
          !isPure(user))
        return std::nullopt;
      llvm::append_range(work, user->getResults());
    }
  }
  // The select's other operands must not see the loaded value either.
  if (found && (reached.contains(found->select.getCondition()) ||
                reached.contains(found->neededWhen
                                     ? found->select.getFalseValue()
                                     : found->select.getTrueValue())))
    return std::nullopt;
  return found;
}

void FusionKernelBuilder::findMaskedReads() {
  Block &body = group.getBody().front();
  for (BlockArgument input : body.getArguments()) {
    if (!input.hasOneUse())
      continue;
    OpOperand &use = *input.getUses().begin();
    auto op = dyn_cast<linalg::GenericOp>(use.getOwner());
    if (!op || !analysis.isFullOp(op) || analysis.reductions.count(op) ||
        !op.isDpsInput(&use))
      continue;
    if (std::optional<MaskedRead> read = findMaskedRead(op, use))
      maskedReads[input] = {op, *read};
  }
}

Value FusionKernelBuilder::emitIndexSlice(linalg::GenericOp op, Value value,
                                          int64_t chunk, int64_t element,
                                          IRMapping &mapping) {
  // The value's slice of the payload (loop indices, constants and pure
  // arith), cloned in payload order for this element's column; the
  // payload's own copies are CSE'd with these later.
  SetVector<Operation *> slice;
  SmallVector<Value> work{value};
  while (!work.empty()) {
    Operation *def = work.pop_back_val().getDefiningOp();
    if (!def || def->getBlock() != op.getBody() || !slice.insert(def))
      continue;
    llvm::append_range(work, def->getOperands());
  }
  for (Operation &inner : op.getBody()->without_terminator()) {
    if (!slice.contains(&inner) ||
        llvm::all_of(inner.getResults(),
                     [&](Value r) { return mapping.contains(r); }))
      continue;
    if (auto index = dyn_cast<linalg::IndexOp>(inner)) {
      unsigned dim = index.getDim();
      mapping.map(index.getResult(), dim < numOuter
                                         ? outerIndex[dim]
                                         : columnIndex(chunk, element));
      continue;
    }
    for (Value operand : inner.getOperands())
      if (operand.getParentBlock() != op.getBody() &&
          !mapping.contains(operand))
        mapping.map(operand, constantFor(operand));
    b.clone(inner, mapping);
  }
  // A constant of the group used as it is.
  if (!mapping.contains(value))
    mapping.map(value, constantFor(value));
  return mapping.lookup(value);
}

Value FusionKernelBuilder::chunkNeeded(linalg::GenericOp op,
                                       MaskedRead read,
                                       int64_t chunk) {
  Value needed;
  for (int64_t v = 0; v < c.vectorWidth; ++v) {
    IRMapping mapping;
    Value condition =
        emitIndexSlice(op, read.select.getCondition(), chunk, v, mapping);
    if (!read.neededWhen)
      condition = arith::XOrIOp::create(
          b, loc, condition,
          arith::ConstantOp::create(b, loc, b.getBoolAttr(true)));
    needed = needed ? arith::OrIOp::create(b, loc, needed, condition)
                          .getResult()
                    : condition;
  }
  return needed;
}

/// The element offset `extract` reads in its (row-major) group input, for
/// the emitted values of its indices.
Value FusionKernelBuilder::gatherOffset(tensor::ExtractOp extract,
                                        function_ref<Value(Value)> index) {
  auto shape = cast<ShapedType>(extract.getTensor().getType()).getShape();
  Value offset = idx(0);
  for (auto [i, stride] :
       llvm::zip(extract.getIndices(), rowMajorStrides(shape)))
    offset = add(offset, mul(index(i), stride));
  return offset;
}

/// A gather whose indices come from loop indices alone (RoPE's rotate-half
/// partner) usually reads a chunk's elements from consecutive addresses:
/// then one vector load replaces vectorWidth scalar ones. Whether they are
/// consecutive and aligned is checked when the kernel runs; scalar loads
/// remain the other branch.
void FusionKernelBuilder::loadGathers(linalg::GenericOp op, int64_t chunk) {
  if (c.vectorWidth == 1)
    return;
  for (auto extract : op.getBody()->getOps<tensor::ExtractOp>()) {
    Value view = extract.getTensor();
    if (!analysis.globalViews.count(view) ||
        !llvm::all_of(extract.getIndices(), [&](Value index) {
          return dependsOnIndicesOnly(index, op.getBody());
        }))
      continue;
    SmallVector<Value> offsets;
    for (int64_t v = 0; v < c.vectorWidth; ++v) {
      IRMapping mapping;
      offsets.push_back(gatherOffset(extract, [&](Value index) {
        return emitIndexSlice(op, index, chunk, v, mapping);
      }));
    }
    Value first = offsets.front();
    Value consecutive = arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::eq,
        arith::RemUIOp::create(b, loc, first, idx(c.vectorWidth)), idx(0));
    for (int64_t v = 1; v < c.vectorWidth; ++v)
      consecutive = andI(consecutive,
                         arith::CmpIOp::create(b, loc,
                                               arith::CmpIPredicate::eq,
                                               offsets[v], add(first, idx(v))));
    Type elementType = extract.getType();
    auto type = VectorType::get({c.vectorWidth}, elementType);
    Value buffer = bufferFor(view);
    auto ifConsecutive = scf::IfOp::create(
        b, loc, consecutive,
        [&](OpBuilder &builder, Location at) {
          Value vector = vector::LoadOp::create(
              builder, at, type, buffer, ValueRange{first},
              /*nontemporal=*/false,
              llvm::MaybeAlign(c.vectorWidth * elementBytes(elementType)));
          scf::YieldOp::create(builder, at, vector);
        },
        [&](OpBuilder &builder, Location at) {
          SmallVector<Value> elements;
          for (Value offset : offsets)
            elements.push_back(
                memref::LoadOp::create(builder, at, buffer, offset));
          scf::YieldOp::create(
              builder, at,
              vector::FromElementsOp::create(builder, at, type, elements)
                  .getResult());
        });
    gatheredChunks[{extract, chunk}] = ifConsecutive.getResult(0);
  }
}

SmallVector<Value>
FusionKernelBuilder::emitPayload(linalg::GenericOp op, ArrayRef<Value> args,
                                 function_ref<Value(unsigned)> loopIndex,
                                 Operation *skip, IRMapping &mapping) {
  Block *body = op.getBody();
  for (auto [arg, value] : llvm::zip(body->getArguments(), args))
    if (value)
      mapping.map(arg, value);
  // Payloads may use constants of the group (the rewriter hoists them).
  body->walk([&](Operation *inner) {
    for (Value operand : inner->getOperands())
      if (operand.getParentBlock() != body && !mapping.contains(operand) &&
          isSplatOrScalarConstant(operand))
        mapping.map(operand, constantFor(operand));
  });
  for (Operation &inner : body->without_terminator()) {
    if (&inner == skip)
      continue;
    if (auto index = dyn_cast<linalg::IndexOp>(inner)) {
      mapping.map(index.getResult(), loopIndex(index.getDim()));
      continue;
    }
    if (auto extract = dyn_cast<tensor::ExtractOp>(inner)) {
      if (fullElement) {
        auto gathered = gatheredChunks.find({extract, fullElement->first});
        if (gathered != gatheredChunks.end()) {
          mapping.map(extract.getResult(),
                      vector::ExtractOp::create(b, loc, gathered->second,
                                                fullElement->second)
                          .getResult());
          continue;
        }
      }
      Value offset = gatherOffset(
          extract, [&](Value index) { return mapping.lookup(index); });
      mapping.map(extract.getResult(),
                  memref::LoadOp::create(b, loc, bufferFor(extract.getTensor()),
                                         ValueRange{offset})
                      .getResult());
      continue;
    }
    if (auto div = dyn_cast<arith::DivFOp>(inner); div && c.fastMath) {
      Value divisor = mapping.lookup(div.getRhs());
      if (rowUniform.contains(divisor)) {
        Value &reciprocal = reciprocals[divisor];
        if (!reciprocal) {
          Value one = arith::ConstantOp::create(
              b, loc, FloatAttr::get(divisor.getType(), 1.0));
          reciprocal = arith::DivFOp::create(b, loc, one, divisor);
          rowUniform.insert(reciprocal);
        }
        mapping.map(div.getResult(),
                    arith::MulFOp::create(b, loc, mapping.lookup(div.getLhs()),
                                          reciprocal)
                        .getResult());
        continue;
      }
    }
    if (auto erf = dyn_cast<math::ErfOp>(inner);
        erf && c.fastMath && erf.getType().isF32()) {
      mapping.map(erf.getResult(), fastErf(mapping.lookup(erf.getOperand())));
      continue;
    }
    Operation *clone = b.clone(inner, mapping);
    if (c.fastMath && isa<math::MathDialect>(clone->getDialect()))
      if (auto fastMath = dyn_cast<arith::ArithFastMathInterface>(clone))
        clone->setAttr(fastMath.getFastMathAttrName(),
                       arith::FastMathFlagsAttr::get(
                           clone->getContext(),
                           fastMath.getFastMathFlagsAttr().getValue() |
                               arith::FastMathFlags::afn));
    if (llvm::all_of(clone->getOperands(),
                     [&](Value v) { return rowUniform.contains(v); }))
      rowUniform.insert(clone->result_begin(), clone->result_end());
  }
  SmallVector<Value> results;
  for (Value yielded : body->getTerminator()->getOperands())
    results.push_back(mapping.lookupOrDefault(yielded));
  return results;
}

void FusionKernelBuilder::emitFull(linalg::GenericOp op) {
  int64_t elements = scopeChunks * c.vectorWidth;
  SmallVector<SmallVector<Value>> results(op.getNumResults());
  for (int64_t k = 0; k < scopeChunks; ++k) {
    loadGathers(op, k);
    for (int64_t v = 0; v < c.vectorWidth; ++v) {
      SmallVector<Value> args;
      for (OpOperand &operand : op->getOpOperands()) {
        bool read = !op.isDpsInit(&operand) ||
                    op.payloadUsesValueFromOperand(&operand);
        args.push_back(read ? readElement(operand.get(),
                                          op.getMatchingIndexingMap(&operand),
                                          k, v)
                            : Value());
      }
      auto loopIndex = [&](unsigned dim) -> Value {
        return dim < numOuter ? outerIndex[dim] : columnIndex(k, v);
      };
      IRMapping mapping;
      fullElement = {k, v};
      SmallVector<Value> values =
          emitPayload(op, args, loopIndex, /*skip=*/nullptr, mapping);
      fullElement.reset();
      for (auto [i, value] : llvm::enumerate(values))
        results[i].push_back(value);
    }
  }
  for (auto [result, values] : llvm::zip(op.getResults(), results)) {
    assert(int64_t(values.size()) == elements);
    (void)elements;
    fullValues[result] = std::move(values);
  }
}

/// erf(x) = sign(x) (1 - t (a1 + t (a2 + t (a3 + t (a4 + t a5)))) e^(-x^2)),
/// t = 1 / (1 + p |x|) (Abramowitz & Stegun 7.1.26, |error| <= 1.5e-7),
/// with the hardware's approximate reciprocal and exp: a dozen instructions
/// without branches instead of libdevice's erff.
Value FusionKernelBuilder::fastErf(Value x) {
  Type f32 = b.getF32Type();
  auto cst = [&](double v) -> Value {
    return arith::ConstantOp::create(b, loc, FloatAttr::get(f32, v));
  };
  auto afn = arith::FastMathFlagsAttr::get(b.getContext(),
                                           arith::FastMathFlags::afn);
  Value ax = math::AbsFOp::create(b, loc, x);
  Value den = math::FmaOp::create(b, loc, cst(0.3275911), ax, cst(1.0));
  Value t = NVVM::RcpApproxFtzF32Op::create(b, loc, f32, den);
  Value poly = cst(1.061405429);
  for (double a : {-1.453152027, 1.421413741, -0.284496736, 0.254829592})
    poly = math::FmaOp::create(b, loc, poly, t, cst(a));
  poly = arith::MulFOp::create(b, loc, poly, t);
  Value negSquare = arith::NegFOp::create(
      b, loc, arith::MulFOp::create(b, loc, ax, ax));
  Value e = math::ExpOp::create(b, loc, negSquare, afn);
  Value y = math::FmaOp::create(
      b, loc, arith::NegFOp::create(b, loc, poly), e, cst(1.0));
  return math::CopySignOp::create(b, loc, y, x);
}

Value FusionKernelBuilder::combine(Combiner kind, Value x, Value y) {
  switch (kind) {
  case Combiner::AddF:
    return arith::AddFOp::create(b, loc, x, y);
  case Combiner::MulF:
    return arith::MulFOp::create(b, loc, x, y);
  case Combiner::MaximumF:
    return arith::MaximumFOp::create(b, loc, x, y);
  case Combiner::MinimumF:
    return arith::MinimumFOp::create(b, loc, x, y);
  case Combiner::MaxNumF:
    return arith::MaxNumFOp::create(b, loc, x, y);
  case Combiner::MinNumF:
    return arith::MinNumFOp::create(b, loc, x, y);
  }
  llvm_unreachable("unknown combiner");
}

Value FusionKernelBuilder::identity(Combiner kind, Type type) {
  auto floatType = cast<FloatType>(type);
  const llvm::fltSemantics &semantics = floatType.getFloatSemantics();
  APFloat value(semantics);
  switch (kind) {
  case Combiner::AddF:
    value = APFloat::getZero(semantics);
    break;
  case Combiner::MulF:
    value = APFloat::getOne(semantics);
    break;
  case Combiner::MaximumF:
  case Combiner::MaxNumF:
    value = APFloat::getInf(semantics, /*Negative=*/true);
    break;
  case Combiner::MinimumF:
  case Combiner::MinNumF:
    value = APFloat::getInf(semantics, /*Negative=*/false);
    break;
  }
  return arith::ConstantOp::create(b, loc, FloatAttr::get(type, value));
}

Value FusionKernelBuilder::reduceAcrossRow(Combiner kind, Value partial) {
  int64_t width = std::min<int64_t>(c.threadsPerRow, 32);
  for (int64_t offset = width / 2; offset >= 1; offset /= 2) {
    auto shuffle = gpu::ShuffleOp::create(b, loc, partial, int32_t(offset), 32,
                                          gpu::ShuffleMode::XOR);
    partial = combine(kind, partial, shuffle.getShuffleResult());
  }
  if (c.threadsPerRow <= 32)
    return partial;
  // One slot per warp of the row; every thread then combines all of them,
  // so the result is in every thread without a second barrier.
  int64_t warps = c.warpsPerRow();
  Value slots = add(idx(reductionsDone * c.rowsPerBlock * warps),
                    mul(rowInBlock, warps));
  Value warpInRow = arith::DivUIOp::create(b, loc, lane, idx(32));
  Value laneInWarp = arith::RemUIOp::create(b, loc, lane, idx(32));
  Value leader = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                       laneInWarp, idx(0));
  auto ifLeader = scf::IfOp::create(b, loc, leader, /*withElse=*/false);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(ifLeader.thenBlock());
    memref::StoreOp::create(b, loc, partial, shared,
                            ValueRange{add(slots, warpInRow)});
  }
  gpu::BarrierOp::create(b, loc);
  Value total = memref::LoadOp::create(b, loc, shared, ValueRange{slots});
  for (int64_t w = 1; w < warps; ++w)
    total = combine(kind, total,
                    memref::LoadOp::create(b, loc, shared,
                                           ValueRange{add(slots, idx(w))}));
  return total;
}

Value FusionKernelBuilder::foldChunks(linalg::GenericOp op,
                                      const ReductionPayload &payload,
                                      Value partial) {
  Type accType = partial.getType();
  auto promote = [&](Value v) -> Value {
    return v.getType() == accType
               ? v
               : arith::ExtFOp::create(b, loc, accType, v).getResult();
  };
  Value element = payload.combine->getOperand(payload.elementOperand);
  for (int64_t k = 0; k < scopeChunks; ++k) {
    for (int64_t v = 0; v < c.vectorWidth; ++v) {
      SmallVector<Value> args;
      for (OpOperand *input : op.getDpsInputOperands())
        args.push_back(readElement(input->get(),
                                   op.getMatchingIndexingMap(input), k, v));
      args.push_back(Value()); // the accumulator is not read per element
      auto loopIndex = [&](unsigned dim) -> Value {
        return dim < numOuter ? outerIndex[dim] : columnIndex(k, v);
      };
      IRMapping mapping;
      emitPayload(op, args, loopIndex, payload.combine, mapping);
      Value combined =
          combine(payload.kind, partial, promote(mapping.lookup(element)));
      partial = chunkValid[k] ? arith::SelectOp::create(b, loc, chunkValid[k],
                                                        combined, partial)
                                    .getResult()
                              : combined;
    }
  }
  return partial;
}

/// f16/bf16 rows are summed in f32.
static Type accumulatorType(linalg::GenericOp op) {
  Type resultType = getElementTypeOrSelf(op.getResult(0).getType());
  return resultType.isF32() ? resultType
                            : Float32Type::get(op.getContext());
}

Value FusionKernelBuilder::finishReduction(linalg::GenericOp op,
                                           const ReductionPayload &payload,
                                           Value partial) {
  Value total = reduceAcrossRow(payload.kind, partial);
  ++reductionsDone;
  OpOperand *init = op.getDpsInitOperand(0);
  Value initValue = readRow(init->get(), op.getMatchingIndexingMap(init));
  if (initValue.getType() != total.getType())
    initValue = arith::ExtFOp::create(b, loc, total.getType(), initValue);
  Value result = combine(payload.kind, initValue, total);
  Type resultType = getElementTypeOrSelf(op.getResult(0).getType());
  if (result.getType() != resultType)
    result = arith::TruncFOp::create(b, loc, resultType, result);
  rowValues[op.getResult(0)] = result;
  rowUniform.insert(result);
  return result;
}

void FusionKernelBuilder::emitReduction(linalg::GenericOp op,
                                        const ReductionPayload &payload) {
  Value partial = foldChunks(op, payload,
                             identity(payload.kind, accumulatorType(op)));
  finishReduction(op, payload, partial);
}

void FusionKernelBuilder::emitRow(linalg::GenericOp op) {
  SmallVector<Value> args;
  for (OpOperand &operand : op->getOpOperands()) {
    bool read =
        !op.isDpsInit(&operand) || op.payloadUsesValueFromOperand(&operand);
    args.push_back(read ? readRow(operand.get(),
                                  op.getMatchingIndexingMap(&operand))
                        : Value());
  }
  IRMapping mapping;
  SmallVector<Value> values = emitPayload(
      op, args, [&](unsigned dim) { return outerIndex[dim]; },
      /*skip=*/nullptr, mapping);
  for (auto [result, value] : llvm::zip(op.getResults(), values))
    rowValues[result] = value;
}

void FusionKernelBuilder::storeRow(Value value, Value buffer) {
  Value first =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, lane, idx(0));
  auto ifStore = scf::IfOp::create(b, loc, andI(rowValid, first), false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(ifStore.thenBlock());
  memref::StoreOp::create(b, loc, rowValues.lookup(value), buffer,
                          ValueRange{row});
}

void FusionKernelBuilder::storeFull(Value value, Value buffer) {
  Type elementType = getElementTypeOrSelf(value.getType());
  ArrayRef<Value> values = fullValues.find(value)->second;
  Value rowStart = mul(row, c.cols);
  for (int64_t k = 0; k < scopeChunks; ++k) {
    ArrayRef<Value> elements =
        values.slice(k * c.vectorWidth, c.vectorWidth);
    Value condition = andI(rowValid, chunkValid[k]);
    std::optional<scf::IfOp> ifStore;
    OpBuilder::InsertionGuard guard(b);
    if (condition) {
      ifStore = scf::IfOp::create(b, loc, condition, false);
      b.setInsertionPointToStart(ifStore->thenBlock());
    }
    Value offset = add(rowStart, chunkStart[k]);
    if (c.vectorWidth == 1) {
      memref::StoreOp::create(b, loc, elements.front(), buffer,
                              ValueRange{offset});
      continue;
    }
    Value vector = vector::FromElementsOp::create(
        b, loc, VectorType::get({c.vectorWidth}, elementType), elements);
    vector::StoreOp::create(
        b, loc, vector, buffer, ValueRange{offset}, /*nontemporal=*/false,
        llvm::MaybeAlign(c.vectorWidth * elementBytes(elementType)));
  }
}

void FusionKernelBuilder::storeResults(gpu::GPUFuncOp func) {
  Block &body = group.getBody().front();
  unsigned numInputs = body.getNumArguments();
  for (auto [i, value] : llvm::enumerate(body.getTerminator()->getOperands())) {
    Value buffer = func.getArgument(numInputs + i);
    if (fullValues.count(value))
      storeFull(value, buffer);
    else
      storeRow(value, buffer);
  }
}

//===----------------------------------------------------------------------===//
// Streamed rows
//===----------------------------------------------------------------------===//

scf::ForOp FusionKernelBuilder::beginChunkLoop(ValueRange inits) {
  auto loop = scf::ForOp::create(b, loc, idx(0), idx(c.chunks()), idx(1),
                                 inits);
  Block *body = loop.getBody();
  if (body->empty() || !body->back().hasTrait<OpTrait::IsTerminator>())
    b.setInsertionPointToEnd(body);
  else
    b.setInsertionPoint(body->getTerminator());
  // Loads, addresses and row-sized values made in the loop stay in it.
  rowBases.clear();
  vectors.clear();
  rowScalars.clear();
  delinearized.clear();
  fullValues.clear();
  Value vectorIndex =
      add(lane, arith::MulIOp::create(b, loc, loop.getInductionVar(),
                                      idx(c.rowThreads())));
  Value start = mul(vectorIndex, c.vectorWidth);
  chunkStart.assign({start});
  if (c.vectorsPerRow() % c.rowThreads() != 0) {
    chunkValid.assign({cmpLt(vectorIndex, c.vectorsPerRow())});
    chunkLoadStart.assign({arith::MinUIOp::create(
        b, loc, start, idx(c.cols - c.vectorWidth))});
  } else {
    chunkValid.assign({Value()});
    chunkLoadStart.assign({start});
  }
  return loop;
}

void FusionKernelBuilder::endChunkLoop(scf::ForOp loop, ValueRange yields) {
  Block *body = loop.getBody();
  if (!body->empty() && body->back().hasTrait<OpTrait::IsTerminator>())
    body->back().erase();
  b.setInsertionPointToEnd(body);
  scf::YieldOp::create(b, loc, yields);
  b.setInsertionPointAfter(loop);
  rowBases.clear();
  vectors.clear();
  rowScalars.clear();
  delinearized.clear();
  fullValues.clear();
}

/// Emits, in block order, the row-sized ops `roots` depend on (for the
/// current chunk).
void FusionKernelBuilder::emitFullOps(ArrayRef<Value> roots) {
  Block &body = group.getBody().front();
  DenseSet<Operation *> needed;
  SmallVector<Value> work(roots.begin(), roots.end());
  while (!work.empty()) {
    Value value = work.pop_back_val();
    Operation *def = value.getDefiningOp();
    if (!def || def->getBlock() != &body ||
        analysis.space.lookup(value) != Space::Full ||
        !analysis.space.count(value) || !needed.insert(def).second)
      continue;
    llvm::append_range(work, def->getOperands());
  }
  for (Operation &op : body.without_terminator()) {
    if (!needed.contains(&op))
      continue;
    if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(op)) {
      fullValues[op.getResult(0)] = fullValues.lookup(op.getOperand(0));
      continue;
    }
    auto generic = cast<linalg::GenericOp>(op);
    enter(generic);
    emitFull(generic);
  }
}

void FusionKernelBuilder::buildStreamed(gpu::GPUFuncOp func) {
  Block &body = group.getBody().front();
  for (Operation &op : body.without_terminator()) {
    if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(op)) {
      if (rowValues.count(op.getOperand(0)))
        rowValues[op.getResult(0)] = rowValues.lookup(op.getOperand(0));
      continue; // row-sized values are recomputed where needed
    }
    auto generic = dyn_cast<linalg::GenericOp>(op);
    if (!generic || (analysis.isFullOp(generic) &&
                     !analysis.reductions.count(generic)))
      continue;
    auto reduction = analysis.reductions.find(generic);
    if (reduction == analysis.reductions.end()) {
      enter(generic);
      emitRow(generic);
      continue;
    }
    // One pass over the row per reduction.
    Value partial = identity(reduction->second.kind,
                             accumulatorType(generic));
    scf::ForOp loop = beginChunkLoop(partial);
    SmallVector<Value> inputs;
    for (OpOperand *input : generic.getDpsInputOperands())
      inputs.push_back(input->get());
    emitFullOps(inputs);
    enter(generic);
    Value folded =
        foldChunks(generic, reduction->second, loop.getRegionIterArg(0));
    endChunkLoop(loop, folded);
    enter(generic);
    finishReduction(generic, reduction->second, loop.getResult(0));
  }
  // A last pass computes and stores the row-sized results.
  unsigned numInputs = body.getNumArguments();
  SmallVector<Value> fullResults;
  for (Value value : body.getTerminator()->getOperands())
    if (analysis.space.lookup(value) == Space::Full)
      fullResults.push_back(value);
  if (!fullResults.empty()) {
    scf::ForOp loop = beginChunkLoop({});
    emitFullOps(fullResults);
    for (auto [i, value] : llvm::enumerate(body.getTerminator()->getOperands()))
      if (analysis.space.lookup(value) == Space::Full)
        storeFull(value, func.getArgument(numInputs + i));
    endChunkLoop(loop, {});
  }
  for (auto [i, value] : llvm::enumerate(body.getTerminator()->getOperands()))
    if (analysis.space.lookup(value) == Space::Row)
      storeRow(value, func.getArgument(numInputs + i));
}

void FusionKernelBuilder::build(gpu::GPUFuncOp func) {
  entry = &func.getBody().front();
  b.setInsertionPointToStart(entry);
  Block &body = group.getBody().front();
  for (auto [arg, kernelArg] :
       llvm::zip(body.getArguments(), func.getArguments()))
    buffers[arg] = kernelArg;
  setUpIndices(func);
  if (c.skipMaskedLoads && !c.streamRows && c.vectorWidth > 1)
    findMaskedReads();
  if (c.streamRows) {
    buildStreamed(func);
    gpu::ReturnOp::create(b, loc);
    return;
  }

  // Issue every streamed input load up front: all of a thread's 16-byte
  // loads of row data are in flight together instead of one use at a time.
  // Operands indexed by the column alone (gamma, beta) are the same for
  // every row and stay in cache; loading them where they are used keeps
  // them out of the registers live across the reductions (LayerNorm went
  // from 98 registers, 2 blocks per SM, to fewer).
  for (auto op : body.getOps<linalg::GenericOp>()) {
    if (!analysis.isFullOp(op))
      continue;
    enter(op);
    for (OpOperand *input : op.getDpsInputOperands()) {
      Value view = input->get();
      AffineMap map = op.getMatchingIndexingMap(input);
      bool contiguous = false;
      bool perRow = llvm::any_of(map.getResults(), [&](AffineExpr e) {
        auto dim = dyn_cast<AffineDimExpr>(e);
        return dim && dim.getPosition() < numOuter;
      });
      if (!analysis.globalViews.count(view) || !perRow ||
          !columnStride(view, map, contiguous) || !contiguous ||
          c.vectorWidth == 1)
        continue;
      for (int64_t k = 0; k < c.chunks(); ++k)
        readElement(view, map, k, 0);
    }
  }

  for (Operation &op : body.without_terminator()) {
    if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(op)) {
      // Same registers, another shape (views of inputs need nothing).
      Value source = op.getOperand(0), result = op.getResult(0);
      if (fullValues.count(source))
        fullValues[result] = fullValues[source];
      else if (rowValues.count(source))
        rowValues[result] = rowValues[source];
      continue;
    }
    auto generic = dyn_cast<linalg::GenericOp>(op);
    if (!generic)
      continue; // constants and empty tensors have no code of their own
    enter(generic);
    auto reduction = analysis.reductions.find(generic);
    if (reduction != analysis.reductions.end())
      emitReduction(generic, reduction->second);
    else if (analysis.isFullOp(generic))
      emitFull(generic);
    else
      emitRow(generic);
  }
  storeResults(func);
  gpu::ReturnOp::create(b, loc);
}

} // namespace

LogicalResult fpx::buildFusionKernel(OpBuilder &builder,
                                     gpu::GPUModuleOp module, StringRef name,
                                     fusion::GroupOp group,
                                     const FusionKernelPlan &plan) {
  const FusionKernelConfig &config = plan.config;
  MLIRContext *ctx = builder.getContext();
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(module.getBody());
  auto globalBuffer = [&](Type type) -> Type {
    return MemRefType::get({ShapedType::kDynamic}, getElementTypeOrSelf(type),
                           AffineMap(),
                           builder.getI64IntegerAttr(kGlobalSpace));
  };
  SmallVector<Type> arguments;
  for (Type type : group.getInputs().getTypes())
    arguments.push_back(globalBuffer(type));
  for (Type type : group.getResultTypes())
    arguments.push_back(globalBuffer(type));
  Location loc = group.getLoc();
  auto func = gpu::GPUFuncOp::create(builder, loc, name,
                                     builder.getFunctionType(arguments, {}));
  func->setAttr(gpu::GPUDialect::getKernelFuncAttrName(), UnitAttr::get(ctx));
  func.setKnownBlockSizeAttr(builder.getDenseI32ArrayAttr(
      {int32_t(config.blockThreads()), 1, 1}));
  if (int64_t bytes = config.sharedBytes())
    func.addWorkgroupAttribution(
        MemRefType::get({bytes / 4}, builder.getF32Type(), AffineMap(),
                        gpu::AddressSpaceAttr::get(
                            ctx, gpu::AddressSpace::Workgroup)),
        loc);
  // Record how each value was passed on: row reductions reach the row's
  // other warps through shared memory, everything else stays in registers.
  auto scheme = [&](fusion::StitchScheme s) {
    return fusion::StitchSchemeAttr::get(ctx, s);
  };
  for (auto op : group.getBody().front().getOps<linalg::GenericOp>())
    op->setAttr(fusion::kStitchAttrName,
                scheme(plan.space.reductions.count(op) &&
                               config.threadsPerRow > 32
                           ? fusion::StitchScheme::Shared
                           : fusion::StitchScheme::Register));
  FusionKernelBuilder(builder, loc, group, config, plan.space).build(func);
  return success();
}
