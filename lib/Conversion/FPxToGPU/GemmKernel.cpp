//===- GemmKernel.cpp - TC-FPx GEMM kernel generator -----------------------===//
//
// See GemmKernel.h for the kernel's contract. The layout it reads is
// numerics::PackedLayout's TcFpx layout: per 64x64 block and bit segment, a
// lane's words are contiguous 16-byte chunks, so one cp.async per chunk and
// lane moves a block to shared memory with full 512-byte warp transactions,
// and each lane reads back exactly its own words (conflict-free).
//
//===----------------------------------------------------------------------===//

#include "fpx/Conversion/FPxToGPU/GemmKernel.h"
#include "fpx/Conversion/Utils/Epilogue.h"
#include "fpx/Conversion/Utils/KernelModule.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <cmath>

using namespace mlir;
using namespace fpx;

// A 64 x 64 weight block of 4 x 4 mma fragments.
static constexpr int64_t kBlockRows = 64;
static constexpr int64_t kBlockCols = 64;
static constexpr int64_t kFrags = 4;
static constexpr int64_t kLaneChunkBytes = 16;
static constexpr int64_t kWarpChunkWords = 128; // 32 lanes x 4 words
static constexpr unsigned kGlobalSpace = 1;
static constexpr unsigned kReduceThreads = 256;
static constexpr int64_t kMinDenseTokens = 128;
static constexpr int64_t kMinWarpgroupTokens = 64;

bool fpx::needsDenseEpilogue(const GemmKernelConfig &config) {
  return config.hasBias || config.activation != Activation::None ||
         config.resultType != config.activationType;
}

bool GemmKernelConfig::scaleInEpilogue() const {
  return warpgroupMma && packing.getGroupSize() == 0 &&
         activationType.isF16();
}

double fpx::getExponentBiasFactor(const GemmKernelConfig &config) {
  numerics::FloatFormat format = config.packing.getFloatFormat();
  int targetBias = config.activationType.isF16() ? 15 : 127;
  return std::ldexp(1.0, targetBias - format.bias());
}

unsigned GemmKernelConfig::numChunksPerBlock() const {
  unsigned chunks = 0;
  for (unsigned width : numerics::getSegmentWidths(packing.getFloatFormat()))
    chunks += kFrags * kFrags * width / 16;
  return chunks;
}

// dequantToShared: two 64-row tiles per CTA, 4 warps of 32 tokens on each.
static constexpr int64_t kSharedRowTiles = 2;
static constexpr int64_t kSharedTokenGroups = 4;
static constexpr int64_t kSharedTilesPerWarp = 4;

/// Row tiles whose weight blocks a CTA stages.
static int64_t stagedRowTiles(const GemmKernelConfig &c) {
  if (c.dequantToShared)
    return kSharedRowTiles;
  if (c.warpgroupMma)
    return c.warps / 4 * c.rowTilesPerWarpgroup;
  return c.warpsAlongN ? c.warps : 1;
}

int64_t GemmKernelConfig::stageBytes() const {
  // Weight chunks (of one warp, or of every row tile the CTA shares), then
  // the block's 64 K columns of 8*tokenTiles tokens.
  int64_t weightBytes = numChunksPerBlock() * 32 * kLaneChunkBytes;
  return stagedRowTiles(*this) * weightBytes + tokensPerCTA() * kBlockCols * 2;
}

int64_t GemmKernelConfig::sharedBytes() const {
  if (dequantToShared) // plus the dequantized 128 x 64 weight tile
    return stages * stageBytes() + kSharedRowTiles * kBlockRows * kBlockCols * 2;
  if (warpgroupMma)
    return stages * blocksPerStage * stageBytes();
  if (warpsAlongN)
    return stages * stageBytes();
  int64_t pipeline = warps * stages * stageBytes();
  int64_t reduction = warps * kBlockRows * tokensPerCTA() * 4;
  return std::max(pipeline, reduction);
}

int64_t GemmKernelConfig::gridX() const {
  int64_t rowsPerCTA = kBlockRows * stagedRowTiles(*this);
  return (packing.getRows() + rowsPerCTA - 1) / rowsPerCTA;
}

LogicalResult fpx::verifyGemmConfig(const GemmKernelConfig &config,
                                    const DeviceDescription &device,
                                    std::string &message) {
  PackingAttr packing = config.packing;
  llvm::raw_string_ostream os(message);
  if (packing.getLayout() != PackedLayoutKind::TcFpx ||
      packing.getBlockN() != kFrags || packing.getBlockK() != kFrags) {
    os << "the GPU GEMM needs the tc_fpx layout with 4x4-fragment blocks";
    return failure();
  }
  if (packing.getGroupSize() % 16 != 0) {
    os << "the GPU GEMM needs per-channel scales or groups of a multiple of "
          "16 K elements (a scale per mma fragment column), got group_size = "
       << packing.getGroupSize();
    return failure();
  }
  if (!config.activationType.isF16() && !config.activationType.isBF16()) {
    os << "the GPU GEMM takes f16 or bf16 activations, got "
       << config.activationType;
    return failure();
  }
  if (!config.resultType.isF16() && !config.resultType.isBF16() &&
      !config.resultType.isF32()) {
    os << "the GPU GEMM produces f16, bf16 or f32, got " << config.resultType;
    return failure();
  }
  if (config.dequantThenDense &&
      (config.dequantToShared || config.warpsAlongN || config.splitK != 1)) {
    os << "dequantize-then-dense runs without split-K or warp layouts";
    return failure();
  }
  if (config.dequantToShared &&
      (config.warps != kSharedRowTiles * kSharedTokenGroups ||
       config.tokenTiles != kSharedTokenGroups * kSharedTilesPerWarp ||
       config.warpsAlongN)) {
    os << "dequantize-to-shared needs 8 warps and 16 token tiles";
    return failure();
  }
  if (config.warps == 0 || config.tokenTiles == 0 || config.splitK == 0 ||
      config.stages < 2) {
    os << "invalid GEMM configuration";
    return failure();
  }
  if (config.blocksPerStage == 0 || config.blocksPerStage > 4 ||
      (config.blocksPerStage > 1 && !config.warpgroupMma)) {
    os << "blocks per stage: 1 to 4, more than 1 only with the warpgroup GEMM";
    return failure();
  }
  if (config.warpgroupMma) {
    if (!device.warpgroupMma) {
      os << "the warpgroup (wgmma) GEMM needs an sm_90a target";
      return failure();
    }
    if (config.warpsAlongN || config.dequantToShared ||
        config.dequantThenDense || config.warps % 4 != 0 ||
        config.warps > 8 || config.rowTilesPerWarpgroup == 0 ||
        config.tokenTiles > 32 || config.stages < 3) {
      // (The stage of the block before stays with its wgmmas: at least one
      // more must load ahead.)
      os << "the warpgroup GEMM takes 4 or 8 warps, up to 256 tokens per "
            "CTA and at least 3 stages";
      return failure();
    }
    // Accumulators: rowTiles x tokens / 2 f32 registers per thread.
    if (config.rowTilesPerWarpgroup * config.tokensPerCTA() > 256) {
      os << "the warpgroup GEMM holds at most 128 accumulators per thread "
            "(row tiles x tokens <= 256)";
      return failure();
    }
  }
  if (config.sharedBytes() > device.maxSharedMemoryPerBlock) {
    os << "the configuration needs " << config.sharedBytes()
       << " bytes of shared memory, more than the "
       << device.maxSharedMemoryPerBlock
       << " a block can have: use fewer stages, warps or token tiles";
    return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Cost model
//===----------------------------------------------------------------------===//

double fpx::estimateGemmMicros(const DeviceDescription &device,
                               const GemmKernelConfig &c, int64_t m) {
  PackingAttr packing = c.packing;
  numerics::PackedLayout layout = packing.getNumericsLayout();
  double bwBytes = device.memoryBandwidthGBs * 1e3; // per microsecond
  if (c.dequantThenDense) {
    // Decode: read the packed weight, write it dense; the BLAS GEMM then
    // reads the dense weight and is bound by Tensor Core throughput.
    double dense = double(packing.getRows()) * packing.getCols() * 2;
    double decode = (packing.getNumWords() * 4.0 + dense) / bwBytes;
    double flops = 2.0 * m * packing.getRows() * packing.getCols();
    double gemm = std::max(flops / (device.denseTensorTFLOPs * 1e6),
                           (dense + 2.0 * m * packing.getCols()) / bwBytes);
    double tail = needsDenseEpilogue(c) ? 8.0 * m * packing.getRows() / bwBytes : 0;
    return decode + gemm + tail + 2 * device.launchMicros;
  }
  int64_t blocksK = layout.paddedCols / kBlockCols;
  int64_t blocksN = layout.paddedRows / kBlockRows;
  double bw = device.memoryBandwidthGBs * 1e3; // bytes per microsecond
  int64_t tokenBlocks = (m + c.tokensPerCTA() - 1) / c.tokensPerCTA();
  int64_t ctas = c.gridX() * c.splitK * tokenBlocks;
  int64_t ctasPerSM = std::min<int64_t>(device.sharedMemoryPerSM / c.sharedBytes(),
                                        device.maxWarpsPerSM / c.warps);
  if (c.warpgroupMma) {
    // Registers: the accumulators plus about 64 for addresses and decoding.
    int64_t regs = c.rowTilesPerWarpgroup * c.tokensPerCTA() / 2 + 64;
    ctasPerSM = std::min<int64_t>(ctasPerSM, 65536 / (32 * c.warps * regs));
  }
  if (ctasPerSM < 1 || c.sharedBytes() > device.maxSharedMemoryPerBlock)
    return INFINITY;
  int64_t slots = device.numSMs * ctasPerSM;
  double waves = std::ceil(double(ctas) / slots);
  double occupancy = double(ctas) / (waves * slots);

  // Memory: weights once per token block, activations once per row tile.
  // (Activations come from HBM once; every further row tile of CTAs
  // re-reads them from L2.)
  double activationBytes = double(m) * packing.getCols() * 2;
  double bytes = packing.getNumWords() * 4.0 * tokenBlocks + activationBytes;
  double l2Reads = activationBytes * (c.gridX() - 1) /
                   (device.l2BandwidthGBs * 1e3);
  // (wgmma keeps the stage of the block before free for its wgmmas.)
  double stagesInFlight =
      c.warpgroupMma ? double(c.stages - 2) * c.blocksPerStage : c.stages - 1;
  double inFlight = double(std::min(ctas, slots)) * stagesInFlight *
                    c.stageBytes() *
                    (c.warpsAlongN || c.dequantToShared || c.warpgroupMma
                         ? 1
                         : c.warps);
  double overlap = std::min(1.0, inFlight / (bw * device.memoryLatencyMicros));
  // One SM cannot pull much more than its share of the bandwidth: few CTAs
  // leave most of it unused. Past one wave, the last wave's idle slots do.
  double activeSMs = std::min<double>(device.numSMs, ctas);
  double reachable =
      std::min(bw, activeSMs * device.smBandwidthShare * bw / device.numSMs);
  double hbm = bytes / (reachable * (waves > 1 ? occupancy : 1.0) * overlap);
  double memory = hbm + l2Reads;

  // Compute: dequantize every block once per token block, then the mmas.
  double blocks = double(blocksN) * blocksK * tokenBlocks;
  // (dequantToShared decodes once per CTA and adds a shared-memory store
  // per pair and ldmatrix loads per warp.)
  double dequant = 64 * device.dequantInstructions / device.issueRate;
  if (c.dequantToShared)
    dequant *= 1.3;
  double perBlock = dequant + 16.0 * c.tokenTiles * device.mmaCycles;
  if (c.warpgroupMma) {
    // wgmma runs asynchronously while the next K slice decodes.
    double tensor = 2.0 * kBlockRows * kBlockCols * c.tokensPerCTA() *
                    device.numSMs * device.clockGHz * 1e3 /
                    (device.warpgroupTensorTFLOPs * 1e6);
    // (each warp reads its quarter of a block's words one at a time)
    dequant *= 1.15;
    perBlock = std::max(dequant, tensor) + 0.25 * std::min(dequant, tensor);
  }
  double compute = blocks * perBlock /
                   (device.numSMs * occupancy * device.clockGHz * 1e3);

  // Warps alone on an SM cannot hide the latency of their own dependent
  // work: scale by how few warps each SM runs.
  double warpsPerSM = double(c.warps) * std::min<int64_t>(ctasPerSM, (ctas + device.numSMs - 1) / device.numSMs);
  compute *= std::max(1.0, 8.0 / warpsPerSM);

  int64_t blocksPerWarp = c.warpsAlongN || c.dequantToShared || c.warpgroupMma
                              ? blocksK / c.splitK
                              : blocksK / (int64_t(c.splitK) * c.warps);
  // Split-K that leaves a warp too few blocks never fills its pipeline and
  // multiplies the CTAs' fixed costs (measured: 10240x8192 at M = 32 with
  // 8 warps and split-K 4, 4 blocks per warp, took 95 us against 61 with
  // split-K 1).
  if (blocksPerWarp < 1 ||
      (c.splitK > 1 && blocksPerWarp < 2 * int64_t(c.stages)))
    return INFINITY;
  // A warp has stages-1 blocks in flight: it cannot stream faster than that
  // many blocks per loaded-memory round trip.
  // (Loaded latency is queueing behind other loads: never more than the
  // time to move all of this GEMM's bytes, and only while HBM is busy; a
  // compute-bound kernel leaves it mostly idle.)
  double busy = hbm >= compute ? 1.0 : hbm / compute;
  double latency = device.memoryLatencyMicros +
                   std::min(device.loadedLatencyMicros -
                                device.memoryLatencyMicros,
                            bytes / bw) *
                       busy;
  double latencyBound = waves * blocksPerWarp * latency / stagesInFlight;
  double time = std::max({memory, compute, latencyBound});
  // Pipeline fill is exposed once per CTA wave; and the launch itself
  // (dequantize-then-dense pays two).
  time += waves * device.memoryLatencyMicros + device.launchMicros;
  if (c.splitK > 1)
    time += 2.0 * c.splitK * m * packing.getRows() * 4.0 / bw +
            device.launchMicros;
  return time;
}

GemmKernelConfig fpx::chooseGemmConfig(const DeviceDescription &device,
                                       PackingAttr packing, Type activationType,
                                       Type resultType, int64_t m,
                                       std::optional<GemmLayout> layout) {
  GemmKernelConfig best;
  best.packing = packing;
  best.activationType = activationType;
  best.resultType = resultType;
  double bestTime = INFINITY;
  // The layer's 64-row tiles and the CTA slots of the waves they take at
  // one CTA per SM (for the split-K rule below).
  int64_t layerRowTiles = (packing.getRows() + kBlockRows - 1) / kBlockRows;
  int64_t sms = device.numSMs;
  int64_t rowTileSlots = (layerRowTiles + sms - 1) / sms * sms;
  auto consider = [&](const GemmKernelConfig &c) {
    double time = estimateGemmMicros(device, c, m);
    // Strictly better by 0.1%: ties keep the earlier, smaller choice.
    if (time < bestTime * 0.999) {
      bestTime = time;
      best = c;
    }
  };
  for (GemmLayout candidate :
       {GemmLayout::SplitK, GemmLayout::SplitN, GemmLayout::DequantToShared,
        GemmLayout::DequantThenDense, GemmLayout::WarpgroupMma}) {
    if (layout && *layout != candidate)
      continue;
    if (candidate == GemmLayout::WarpgroupMma && !device.warpgroupMma)
      continue;
    // Dequantizing to shared memory measured slower than splitting N at
    // every M (1 CTA of 8 warps per SM at ~246 registers, dequant and mma
    // phases serialized by barriers): only on request until that changes.
    if (!layout && candidate == GemmLayout::DequantToShared)
      continue;
    // Every wgmma tile shape (at most 128 accumulators per thread).
    auto considerWarpgroup = [&](GemmKernelConfig c) {
      for (unsigned tokenTiles : {8u, 16u, 32u})
        for (unsigned rowTiles : {1u, 2u})
          for (unsigned warps : {4u, 8u}) {
            if (tokenTiles > 8 && 8 * (tokenTiles / 2) >= m)
              continue;
            if (rowTiles * 8 * tokenTiles > 256)
              continue;
            c.tokenTiles = tokenTiles;
            c.rowTilesPerWarpgroup = rowTiles;
            c.warps = warps;
            consider(c);
          }
    };
    for (unsigned stages : {2u, 3u, 4u})
      for (unsigned splitK : {1u, 2u, 4u}) {
        GemmKernelConfig c = best;
        c.stages = stages;
        c.splitK = splitK;
        // Split-K exists to fill the GPU: when the row tiles already fill
        // their waves of one CTA per SM, its partial sums and second launch
        // only cost (measured: 8192x8192 at M = 1, 128 row tiles, takes
        // 22 us without, 28 us with split-K 2). 10240x8192's 160 fill 61%
        // of two waves: split-K 2 took it from 33 to 31 us at M = 1, but
        // from 61 to 74 us at M = 32, so only for up to 16 tokens per CTA.
        auto splitKNeedless = [&](unsigned tokenTiles) {
          int64_t filled = tokenTiles <= 2 ? rowTileSlots : sms;
          return splitK > 1 && candidate == GemmLayout::SplitK &&
                 4 * layerRowTiles >= 3 * filled;
        };
        c.warpsAlongN = candidate == GemmLayout::SplitN;
        c.dequantToShared = candidate == GemmLayout::DequantToShared;
        c.dequantThenDense = candidate == GemmLayout::DequantThenDense;
        c.warpgroupMma = candidate == GemmLayout::WarpgroupMma;
        if (c.warpgroupMma) {
          // 64 to 256 tokens per CTA: fewer leave wgmma too little work
          // per decoded weight.
          if ((m < kMinWarpgroupTokens && !layout) || stages < 3)
            continue;
          // (split-K 3 evens out layers whose row tiles leave SMs idle)
          if (splitK == 4) {
            c.splitK = 3;
            considerWarpgroup(c);
            c.splitK = 4;
          }
          considerWarpgroup(c);
          continue;
        }
        if (c.dequantThenDense) {
          // With few tokens the dense GEMM streams the f16 weight, which is
          // always slower than streaming the packed one: only for many
          // (or on request).
          if (stages == 2 && splitK == 1 && (m >= kMinDenseTokens || layout))
            consider(c);
          continue;
        }
        if (c.dequantToShared) {
          c.warps = kSharedRowTiles * kSharedTokenGroups;
          c.tokenTiles = kSharedTokenGroups * kSharedTilesPerWarp;
          consider(c);
          continue;
        }
        for (unsigned tokenTiles : {1u, 2u, 4u, 8u}) {
          // No more token tiles than the tokens need.
          if ((tokenTiles > 1 && 8 * (tokenTiles / 2) >= m) ||
              splitKNeedless(tokenTiles))
            continue;
          for (unsigned warps : {4u, 8u}) {
            c.tokenTiles = tokenTiles;
            c.warps = warps;
            consider(c);
          }
        }
      }
  }
  return best;
}

//===----------------------------------------------------------------------===//
// Kernel construction
//===----------------------------------------------------------------------===//

namespace {

/// Shorthands for building index and i32 arithmetic in a kernel.
struct KernelMath {
  OpBuilder &b;
  Location loc;

  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value i32(int64_t v) {
    return arith::ConstantIntOp::create(b, loc, b.getI32Type(), v);
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value add(Value x, int64_t y) { return add(x, idx(y)); }
  Value mul(Value x, int64_t y) { return mul(x, idx(y)); }
  Value div(Value x, int64_t y) { return arith::DivUIOp::create(b, loc, x, idx(y)); }
  Value rem(Value x, int64_t y) { return arith::RemUIOp::create(b, loc, x, idx(y)); }
  Value lt(Value x, Value y) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, x, y);
  }
  Value select(Value c, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }
  Value andI(Value x, Value y) { return arith::AndIOp::create(b, loc, x, y); }
  Value orI(Value x, Value y) { return arith::OrIOp::create(b, loc, x, y); }
  Value shl(Value x, int64_t y) {
    return y == 0 ? x : arith::ShLIOp::create(b, loc, x, i32(y)).getResult();
  }
  Value shr(Value x, int64_t y) {
    return y == 0 ? x : arith::ShRUIOp::create(b, loc, x, i32(y)).getResult();
  }
  /// scf.for over [0, count) carrying `inits`; `body` builds one iteration
  /// at the builder's insertion point and returns what it yields.
  scf::ForOp loop(Value count, ValueRange inits,
                  function_ref<SmallVector<Value>(Value, ValueRange)> body) {
    return scf::ForOp::create(
        b, loc, idx(0), count, idx(1), inits,
        [&](OpBuilder &nb, Location, Value iter, ValueRange carried) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToEnd(nb.getInsertionBlock());
          scf::YieldOp::create(b, loc, body(iter, carried));
        });
  }
};

MemRefType globalBuffer(Type element) {
  return MemRefType::get({ShapedType::kDynamic}, element, AffineMap(),
                         IntegerAttr::get(IntegerType::get(element.getContext(), 64),
                                          kGlobalSpace));
}

/// Adds `bias[n]`, the activation and the cast to the result type.
Value emitEpilogue(KernelMath &k, const GemmKernelConfig &config, Value sum,
                   Value bias, Value n) {
  if (config.hasBias) {
    Value b = memref::LoadOp::create(k.b, k.loc, bias, n);
    sum = arith::AddFOp::create(k.b, k.loc, sum,
                                castFloat(k.b, k.loc, b, k.b.getF32Type()));
  }
  sum = emitActivation(k.b, k.loc, config.activation, sum);
  return castFloat(k.b, k.loc, sum, config.resultType);
}


class GemmKernelBuilder {
public:
  GemmKernelBuilder(OpBuilder &b, Location loc, const GemmKernelConfig &config)
      : k{b, loc}, config(config),
        layout(config.packing.getNumericsLayout()) {}

  void build(gpu::GPUFuncOp func);
  /// The dequantThenDense decoding kernel.
  void buildDequant(gpu::GPUFuncOp func);

private:
  struct Segment {
    unsigned width;       // bits per value
    unsigned msbOffset;   // bits above it in the code
    int64_t globalOffset; // first word of the segment array
    unsigned firstChunk;  // index of its first chunk in a stage
    unsigned numChunks;   // 16-byte chunks per lane per block
  };

  /// Which copies of a stage to issue: all (then commit them as a group),
  /// only the weights (left uncommitted, for the prologue of a dependent
  /// launch) or only the activations (then commit).
  enum class Copies { All, Weights, Activations };
  /// Issues block `iter` of this warp into `stage`; returns its group (null
  /// for Copies::Weights).
  Value issueStage(Value iter, Value stage, Copies copies = Copies::All);
  /// Issues stages 0 .. count-1 and loads the scales; with a dependent
  /// launch, also the grid dependency control around them. Returns the
  /// last group.
  Value issuePrologue(int64_t count, Value scaleArgument,
                      function_ref<Value(Value, Value, Copies)> issue);
  SmallVector<Value> computeStage(Value stage, Value kb, ValueRange accs);
  Value dequantizePair(ArrayRef<SmallVector<Value>> laneWords, int64_t fragment,
                       int64_t pair, Value scale);
  /// The register pair whose code bits are, per segment, pair `p` of word
  /// `w` (counted from the top) for each (w, p), times `scale`.
  Value decodePair(ArrayRef<std::pair<Value, int64_t>> positions, Value scale);
  void copyActivations(Value kb, Value active, Value stage,
                       SmallVectorImpl<Value> &tokens);
  /// warpgroupMma: issues block `iter` of every staged row tile.
  Value issueWarpgroupStage(Value iter, Value stage,
                            Copies copies = Copies::All);
  /// warpgroupMma: decodes this warp's 16 rows of each row tile of block kb
  /// and issues the wgmmas; `accs` is [row tile][accumulator].
  SmallVector<Value> computeWarpgroupStage(Value stage, Value kb,
                                           ValueRange accs);
  /// acc += A * B for m64 x tokens x k16: `aWords` are this warp's four A
  /// registers, `descB` the shared-memory descriptor of the B tile.
  SmallVector<Value> emitWarpgroupMma(ValueRange acc, ArrayRef<Value> aWords,
                                      Value descB);
  /// The row of this lane's half `half` of row group `a` (an mma fragment
  /// of its warp's tile, or with warpgroupMma a row tile).
  Value laneRow(int64_t a, int64_t half);
  /// warpgroupMma: the pipeline, wgmma loop and stores of build().
  void buildWarpgroupLoop(Value scaleArgument, Value iterations,
                          function_ref<void(Value, Value, Value)> storeResult);
  /// acc += A * B for one m16n8k16 tile; `pairs` are A's four registers.
  Value emitMma(ArrayRef<Value> pairs, Value fragB, Value acc);

  KernelMath k;
  const GemmKernelConfig &config;
  numerics::PackedLayout layout;
  SmallVector<Segment> segments;

  // Kernel values.
  Value x, words, m, lane, warp, rowTile, tokenBase;
  Value wordsView, halfView;
  Value kbStart, kbEnd, blocksK;
  Value warpRowTile; // the 64-row tile whose results this warp computes
  Value warpActive;  // false for warps past the last row tile
  Value copyRowTile; // the 64-row tile whose weights this warp copies
  Value copyActive;  // false for warps that copy no weights
  Value tid;

  /// Byte offsets in shared memory of the weight chunks of the CTA's staged
  /// row tile `slot` (this warp's own for K-split), and of the activation
  /// tile, in pipeline stage `stage`.
  Value weightBytes(Value stage, Value slot);
  Value activationBytes(Value stage);
  /// dequantToShared: decode this warp's quarter of the staged blocks into
  /// the shared weight tile, and run the mmas from it.
  void dequantizeToShared(Value stage, Value kb);
  /// The folded scale of fragment row-half (mf, half) for K slice kf of
  /// block kb: per channel from `scales`, per group loaded (once per
  /// block) from the scale buffer.
  Value scaleFor(int64_t mf, int64_t half, int64_t kf, Value kb);
  Value scaleBuffer;
  DenseMap<std::tuple<int64_t, int64_t, int64_t>, Value> groupScales;
  SmallVector<Value> computeFromShared(Value stage, ValueRange accs);
  void initSegments();
  /// Fills `scales` for this lane's rows of warpRowTile.
  void loadScales(Value scaleBuffer);
  /// The lane's words of the staged block at `weightBase`, per segment.
  SmallVector<SmallVector<Value>> loadLaneWords(Value weightBase);
  /// K block of this warp's iteration `iter`.
  Value blockOf(Value iter);
  SmallVector<Value> scales; // [a * 2 + i]: folded scale of laneRow(a, i)
  Value sharedBase;          // shared-space address of the dynamic memory
};

} // namespace

Value GemmKernelBuilder::weightBytes(Value stage, Value slot) {
  int64_t blockWeights = config.numChunksPerBlock() * 32 * kLaneChunkBytes;
  if (config.warpgroupMma) // after every block's activation tile
    return k.add(k.idx(config.stages * config.blocksPerStage *
                       config.activationTileBytes()),
                 k.add(k.mul(stage, stagedRowTiles(config) * blockWeights),
                       k.mul(slot, blockWeights)));
  if (config.warpsAlongN || config.dequantToShared)
    return k.add(k.mul(stage, config.stageBytes()), k.mul(slot, blockWeights));
  return k.add(k.mul(warp, config.stages * config.stageBytes()),
               k.mul(stage, config.stageBytes()));
}

Value GemmKernelBuilder::activationBytes(Value stage) {
  int64_t weights = config.numChunksPerBlock() * 32 * kLaneChunkBytes;
  // wgmma reads the tile through a 128-byte-swizzle descriptor: the tiles
  // come first so that each starts 1024-byte aligned.
  if (config.warpgroupMma)
    return k.mul(stage, config.activationTileBytes());
  if (config.warpsAlongN || config.dequantToShared)
    return k.add(k.mul(stage, config.stageBytes()),
                 k.idx(stagedRowTiles(config) * weights));
  return k.add(weightBytes(stage, warp), k.idx(weights));
}

Value GemmKernelBuilder::blockOf(Value iter) {
  if (config.warpsAlongN || config.dequantToShared || config.warpgroupMma)
    return k.add(kbStart, iter);
  return k.add(kbStart, k.add(warp, k.mul(iter, config.warps)));
}

Value GemmKernelBuilder::issueStage(Value iter, Value stage, Copies copies) {
  // Iterations past the last block still commit a group (keeping the wait
  // counts uniform) but copy nothing: zero source bytes.
  Value kb = blockOf(iter);
  Value active = k.lt(kb, kbEnd);
  kb = k.select(active, kb, kbStart);
  Value weightActive = k.andI(active, copyActive);

  SmallVector<Value> tokens;
  Value weightElements = k.select(weightActive, k.idx(4), k.idx(0));
  Value safeRowTile = k.select(copyActive, copyRowTile, k.idx(0));
  Value block = k.add(k.mul(safeRowTile, blocksK), kb);
  // The warp copying a slot's weights is the warp of that slot (K- and
  // N-split) or warp `slot` (dequantToShared: warps 0 and 1 copy, and the
  // other warps must not issue even zero-byte copies to the same place:
  // their zero fill would race with the data).
  Value weightBase = weightBytes(stage, config.dequantToShared
                                            ? k.rem(warp, kSharedRowTiles)
                                            : warp);
  auto copyWeights = [&]() {
    for (const Segment &segment : segments) {
      for (unsigned c = 0; c < segment.numChunks; ++c) {
        Value src = k.add(
            k.mul(k.add(k.mul(block, segment.numChunks), c), kWarpChunkWords),
            k.add(k.idx(segment.globalOffset), k.mul(lane, 4)));
        Value dst = k.add(k.div(weightBase, 4),
                          k.add(k.idx((segment.firstChunk + c) * kWarpChunkWords),
                                k.mul(lane, 4)));
        tokens.push_back(nvgpu::DeviceAsyncCopyOp::create(
            k.b, k.loc, wordsView, ValueRange{dst}, words, ValueRange{src},
            k.b.getIndexAttr(4), weightElements, k.b.getUnitAttr()));
      }
    }
  };
  if (copies == Copies::Activations) {
    // (The weights went out earlier, uncommitted: the commit below takes
    // them into this thread's group too.)
  } else if (config.dequantToShared) {
    // (The commit below still takes these copies into the thread's group.)
    Value copier = k.lt(warp, k.idx(kSharedRowTiles));
    scf::IfOp::create(k.b, k.loc, copier, [&](OpBuilder &ib, Location) {
      OpBuilder::InsertionGuard guard(k.b);
      k.b.setInsertionPointToEnd(ib.getInsertionBlock());
      copyWeights();
      tokens.clear(); // defined inside the branch
      scf::YieldOp::create(k.b, k.loc);
    });
  } else {
    copyWeights();
  }
  if (copies == Copies::Weights)
    return Value();

  copyActivations(kb, active, stage, tokens);
  return nvgpu::DeviceAsyncCreateGroupOp::create(
      k.b, k.loc, nvgpu::DeviceAsyncTokenType::get(k.b.getContext()), tokens);
}

void GemmKernelBuilder::copyActivations(Value kb, Value active, Value stage,
                                        SmallVectorImpl<Value> &tokens) {
  // Activations: tokensPerCTA rows x 8 chunks of 8 halves, XOR-swizzled by
  // row so that ldmatrix's eight row reads hit distinct banks (the pattern
  // of wgmma's 128-byte swizzle, too). Copied by the warp itself, or by the
  // whole CTA when warps share the tile.
  int64_t K = config.packing.getCols();
  // (x's rows are this far apart: K rounded up to 8.)
  int64_t stride = config.activationRowStride();
  Value xBase = k.div(activationBytes(stage), 2);
  int64_t numChunks = config.tokensPerCTA() * 8;
  bool shared =
      config.warpsAlongN || config.dequantToShared || config.warpgroupMma;
  int64_t copiers = shared ? 32 * config.warps : 32;
  Value copier = shared ? tid : lane;
  for (int64_t q = 0; q * copiers < numChunks; ++q) {
    Value id = k.add(copier, copiers * q);
    // Threads past the last chunk repeat its copy (the same bytes to the
    // same place), so every thread commits the same groups.
    if ((q + 1) * copiers > numChunks)
      id = arith::MinUIOp::create(k.b, k.loc, id, k.idx(numChunks - 1));
    Value row = k.div(id, 8), chunk = k.rem(id, 8);
    Value token = k.add(tokenBase, row);
    Value tokenLive = k.lt(token, m);
    Value live = k.andI(active, tokenLive);
    Value valid, src;
    if (K % kBlockCols == 0) {
      // Whole blocks: only the K offset changes from block to block (the
      // rest is loop-invariant), and a token past M reads row 0 for zero
      // bytes.
      Value rowStart = k.add(
          k.select(tokenLive, k.mul(token, stride), k.idx(0)),
          k.mul(chunk, 8));
      src = k.add(rowStart, k.mul(kb, kBlockCols));
      valid = k.select(live, k.idx(8), k.idx(0));
    } else {
      Value col = k.add(k.mul(kb, kBlockCols), k.mul(chunk, 8));
      // min(K - col, 8) halves are real; the rest of the chunk is
      // zero-filled.
      Value left = arith::MaxSIOp::create(k.b, k.loc, k.sub(k.idx(K), col),
                                          k.idx(0));
      valid = arith::MinSIOp::create(k.b, k.loc, left, k.idx(8));
      valid = k.select(live, valid, k.idx(0));
      src = k.select(k.lt(k.idx(0), valid), k.add(k.mul(token, stride), col),
                     k.idx(0));
    }
    Value swizzled = arith::XOrIOp::create(k.b, k.loc, chunk, k.rem(row, 8));
    Value dst =
        k.add(xBase, k.add(k.mul(row, kBlockCols), k.mul(swizzled, 8)));
    tokens.push_back(nvgpu::DeviceAsyncCopyOp::create(
        k.b, k.loc, halfView, ValueRange{dst}, x, ValueRange{src},
        k.b.getIndexAttr(8), valid, k.b.getUnitAttr()));
  }
}

Value GemmKernelBuilder::dequantizePair(ArrayRef<SmallVector<Value>> laneWords,
                                        int64_t fragment, int64_t pair,
                                        Value scale) {
  // Pair `pair` of fragment `fragment` is number P of the lane's sequence.
  int64_t sequence = fragment * 4 + pair;
  SmallVector<std::pair<Value, int64_t>> positions;
  for (auto [segment, words] : llvm::zip(segments, laneWords)) {
    int64_t pairsPerWord = 16 / segment.width;
    positions.push_back({words[sequence / pairsPerWord],
                         sequence % pairsPerWord});
  }
  return decodePair(positions, scale);
}

Value GemmKernelBuilder::decodePair(
    ArrayRef<std::pair<Value, int64_t>> positions, Value scale) {
  // The code's sign stays at the top of each 16-bit half; its exponent and
  // mantissa bits move down into the target format's fields (`drop` bits
  // below where the stitched code would hold them). Each segment's bits
  // take one shift and a mask straight to their final place, so that
  // pairs decoded from the same word share shifts (the sign of pair p and
  // the rest of pair p + 1 of a 2-bit segment shift alike) and the terms
  // merge with ORs. The exponent-bias difference is scaled out later.
  numerics::FloatFormat format = config.packing.getFloatFormat();
  unsigned targetExpBits = config.activationType.isF16() ? 5 : 8;
  int64_t drop = targetExpBits - format.expBits;
  auto shift = [&](Value word, int64_t left) {
    return left > 0 ? k.shl(word, left) : left < 0 ? k.shr(word, -left) : word;
  };
  auto bothHalves = [&](uint32_t half) {
    return k.i32(int64_t(half | (half << 16)));
  };
  Value packed;
  auto merge = [&](Value term) { packed = packed ? k.orI(packed, term) : term; };
  for (auto [segment, position] : llvm::zip(segments, positions)) {
    auto [word, p] = position;
    // The segment's field at the top of each half, then where it sits in
    // the stitched code.
    uint32_t top = ((1u << segment.width) - 1) << (16 - segment.width);
    uint32_t inCode = top >> segment.msbOffset;
    int64_t toCode = segment.width * p - segment.msbOffset;
    if (uint32_t rest = (inCode & 0x7fffu) >> drop)
      merge(k.andI(shift(word, toCode - drop), bothHalves(rest)));
    if (inCode & 0x8000u)
      merge(k.andI(shift(word, toCode), bothHalves(0x8000u)));
  }
  Type halfType = config.activationType;
  auto pairType = VectorType::get({2}, halfType);
  Value asVector = vector::BroadcastOp::create(
      k.b, k.loc, VectorType::get({1}, k.b.getI32Type()), packed);
  Value halves = vector::BitCastOp::create(k.b, k.loc, pairType, asVector);
  if (config.scaleInEpilogue())
    return halves;
  Value scales = vector::BroadcastOp::create(k.b, k.loc, pairType, scale);
  if (!config.foldScale) {
    // Exact power of two first: value * scale itself stays finite even
    // where the folded scale would not.
    Value factor = arith::ConstantOp::create(
        k.b, k.loc, pairType,
        DenseElementsAttr::get(
            pairType, k.b.getFloatAttr(halfType,
                                       getExponentBiasFactor(config))));
    halves = arith::MulFOp::create(k.b, k.loc, halves, factor);
  }
  return arith::MulFOp::create(k.b, k.loc, halves, scales);
}

Value GemmKernelBuilder::emitMma(ArrayRef<Value> pairs, Value fragB,
                                 Value acc) {
  Type halfType = config.activationType;
  if (halfType.isF16()) {
    auto fragAType = VectorType::get({4, 2}, halfType);
    Value fragA = arith::ConstantOp::create(
        k.b, k.loc, fragAType,
        DenseElementsAttr::get(fragAType, k.b.getZeroAttr(halfType)));
    for (auto [j, pair] : llvm::enumerate(pairs))
      fragA = vector::InsertOp::create(k.b, k.loc, pair, fragA, int64_t(j));
    return nvgpu::MmaSyncOp::create(k.b, k.loc, fragA, fragB, acc,
                                    ArrayRef<int64_t>{16, 8, 16});
  }
  // nvgpu.mma.sync has no bf16 lowering: use nvvm.mma.sync on the raw
  // 32-bit registers (two bf16 each) directly.
  Type i32 = k.b.getI32Type(), f32 = k.b.getF32Type();
  auto asWord = [&](Value pair) {
    Value word = vector::BitCastOp::create(k.b, k.loc, VectorType::get({1}, i32),
                                           pair);
    return vector::ExtractOp::create(k.b, k.loc, word, 0).getResult();
  };
  SmallVector<Value> a, b, c;
  for (Value pair : pairs)
    a.push_back(asWord(pair));
  for (int64_t r = 0; r < 2; ++r)
    b.push_back(asWord(vector::ExtractOp::create(k.b, k.loc, fragB, r)));
  for (int64_t r = 0; r < 2; ++r)
    for (int64_t e = 0; e < 2; ++e)
      c.push_back(vector::ExtractOp::create(k.b, k.loc, acc,
                                            ArrayRef<int64_t>{r, e}));
  auto resultType = LLVM::LLVMStructType::getLiteral(k.b.getContext(),
                                                     {f32, f32, f32, f32});
  Value mma = NVVM::MmaOp::create(
      k.b, k.loc, resultType, a, b, c, ArrayRef<int64_t>{16, 8, 16},
      std::nullopt, std::nullopt,
      std::array<NVVM::MMATypes, 2>{NVVM::MMATypes::bf16, NVVM::MMATypes::bf16},
      std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row, NVVM::MMALayout::col});
  Value out = acc;
  for (int64_t r = 0; r < 2; ++r)
    for (int64_t e = 0; e < 2; ++e) {
      Value v = LLVM::ExtractValueOp::create(k.b, k.loc, mma, 2 * r + e);
      out = vector::InsertOp::create(k.b, k.loc, v, out,
                                     ArrayRef<int64_t>{r, e});
    }
  return out;
}

SmallVector<SmallVector<Value>>
GemmKernelBuilder::loadLaneWords(Value weightBase) {
  Value wordBase = k.div(weightBase, 4);
  // The lane's words of this block, per segment, in lane-sequence order.
  SmallVector<SmallVector<Value>> laneWords;
  auto wordVector = VectorType::get({4}, k.b.getI32Type());
  for (const Segment &segment : segments) {
    SmallVector<Value> words;
    for (unsigned c = 0; c < segment.numChunks; ++c) {
      Value index = k.add(wordBase,
                          k.add(k.idx((segment.firstChunk + c) * kWarpChunkWords),
                                k.mul(lane, 4)));
      auto load = vector::LoadOp::create(k.b, k.loc, wordVector, wordsView,
                                         ValueRange{index});
      load.setAlignment(16);
      for (int64_t slot = 0; slot < 4; ++slot)
        words.push_back(vector::ExtractOp::create(k.b, k.loc, load, slot));
    }
    laneWords.push_back(std::move(words));
  }
  return laneWords;
}

void GemmKernelBuilder::dequantizeToShared(Value stage, Value kb) {
  groupScales.clear();
  // Warp w decodes K slice w % 4 (16 columns, 4 fragments) of staged row
  // tile w / 4 and stores each register pair where ldmatrix will find it:
  // the 128 x 64 tile is row-major with XOR-swizzled 16-byte chunks.
  Value slot = k.div(warp, kSharedTokenGroups);
  Value kf = k.rem(warp, kSharedTokenGroups);
  SmallVector<SmallVector<Value>> laneWords =
      loadLaneWords(weightBytes(stage, slot));
  int64_t tileHalves = config.stages * config.stageBytes() / 2;
  Value g = k.div(lane, 4), t = k.rem(lane, 4);
  for (int64_t kfStatic = 0; kfStatic < kFrags; ++kfStatic) {
    // Only the warp whose slice this is stores; the others skip it.
    Value mine = arith::CmpIOp::create(k.b, k.loc, arith::CmpIPredicate::eq,
                                       kf, k.idx(kfStatic));
    scf::IfOp::create(k.b, k.loc, mine, [&](OpBuilder &ib, Location) {
      OpBuilder::InsertionGuard guard(k.b);
      k.b.setInsertionPointToEnd(ib.getInsertionBlock());
      groupScales.clear(); // scales loaded in another branch are not visible
      for (int64_t mf = 0; mf < kFrags; ++mf)
        for (int64_t j = 0; j < 4; ++j) {
          Value pair = dequantizePair(laneWords, kfStatic * kFrags + mf, j,
                                      scaleFor(mf, j & 1, kfStatic, kb));
          Value row = k.add(k.mul(slot, kBlockRows),
                            k.add(g, mf * 16 + 8 * (j & 1)));
          int64_t colBase = kfStatic * 16 + 8 * (j >> 1);
          Value chunk = k.idx(colBase / 8);
          Value swizzled = arith::XOrIOp::create(k.b, k.loc, chunk,
                                                 k.rem(row, 8));
          Value half = k.add(k.idx(tileHalves),
                             k.add(k.mul(row, kBlockCols),
                                   k.add(k.mul(swizzled, 8), k.mul(t, 2))));
          Value word = vector::BitCastOp::create(
              k.b, k.loc, VectorType::get({1}, k.b.getI32Type()), pair);
          memref::StoreOp::create(
              k.b, k.loc, vector::ExtractOp::create(k.b, k.loc, word, 0),
              wordsView, k.div(half, 2));
        }
      scf::YieldOp::create(k.b, k.loc);
    });
  }
}

SmallVector<Value> GemmKernelBuilder::computeFromShared(Value stage,
                                                        ValueRange accs) {
  Type halfType = config.activationType;
  auto fragType = VectorType::get({4, 2}, halfType);
  auto fragBType = VectorType::get({2, 2}, halfType);
  Value xBase = k.div(activationBytes(stage), 2);
  int64_t tileHalves = config.stages * config.stageBytes() / 2;
  Value wn = k.div(warp, kSharedTokenGroups), wm = k.rem(warp, kSharedTokenGroups);
  Value laneRow = k.rem(lane, 8);
  Value matrix = k.rem(k.div(lane, 8), 2);
  SmallVector<Value> result(accs.begin(), accs.end());
  for (int64_t kf = 0; kf < kFrags; ++kf) {
    SmallVector<Value> fragB;
    for (int64_t t = 0; t < kSharedTilesPerWarp; ++t) {
      Value row = k.add(k.mul(k.add(k.mul(wm, kSharedTilesPerWarp), t), 8), laneRow);
      Value swizzled = arith::XOrIOp::create(
          k.b, k.loc, k.add(matrix, 2 * kf), laneRow);
      Value index = k.add(xBase, k.add(k.mul(row, kBlockCols), k.mul(swizzled, 8)));
      fragB.push_back(nvgpu::LdMatrixOp::create(k.b, k.loc, fragBType, halfView,
                                                ValueRange{index}, false, 2));
    }
    for (int64_t mf = 0; mf < kFrags; ++mf) {
      // ldmatrix.x4: lanes 0-15 address rows 0-15 at K 0-7, lanes 16-31 the
      // same rows at K 8-15, giving the A registers in mma order.
      Value row = k.add(k.mul(wn, kBlockRows),
                        k.add(k.idx(mf * 16), k.rem(lane, 16)));
      Value chunk = k.add(k.div(lane, 16), 2 * kf);
      Value swizzled = arith::XOrIOp::create(k.b, k.loc, chunk, laneRow);
      Value index = k.add(k.idx(tileHalves),
                          k.add(k.mul(row, kBlockCols), k.mul(swizzled, 8)));
      Value fragA = nvgpu::LdMatrixOp::create(k.b, k.loc, fragType, halfView,
                                              ValueRange{index}, false, 4);
      SmallVector<Value> pairs;
      for (int64_t j = 0; j < 4; ++j)
        pairs.push_back(vector::ExtractOp::create(k.b, k.loc, fragA, j));
      for (int64_t t = 0; t < kSharedTilesPerWarp; ++t) {
        Value &acc = result[mf * kSharedTilesPerWarp + t];
        acc = emitMma(pairs, fragB[t], acc);
      }
    }
  }
  return result;
}

SmallVector<Value> GemmKernelBuilder::computeStage(Value stage, Value kb,
                                                   ValueRange accs) {
  groupScales.clear();
  SmallVector<SmallVector<Value>> laneWords =
      loadLaneWords(weightBytes(stage, warp));
  Value xBase = k.div(activationBytes(stage), 2);
  Type halfType = config.activationType;
  auto fragBType = VectorType::get({2, 2}, halfType);
  SmallVector<Value> result(accs.begin(), accs.end());
  Value laneRow = k.rem(lane, 8);
  Value matrix = k.rem(k.div(lane, 8), 2);
  for (int64_t kf = 0; kf < kFrags; ++kf) {
    // B fragments (16 K x 8 tokens) through ldmatrix.x2 from the swizzled
    // activation tile: lanes 0-7 address K 0-7, lanes 8-15 address K 8-15.
    SmallVector<Value> fragB;
    for (unsigned t = 0; t < config.tokenTiles; ++t) {
      Value row = k.add(laneRow, 8 * t);
      Value chunk = k.add(matrix, 2 * kf);
      Value swizzled = arith::XOrIOp::create(k.b, k.loc, chunk, laneRow);
      Value index =
          k.add(xBase, k.add(k.mul(row, kBlockCols), k.mul(swizzled, 8)));
      fragB.push_back(nvgpu::LdMatrixOp::create(k.b, k.loc, fragBType,
                                                halfView, ValueRange{index},
                                                /*transpose=*/false,
                                                /*numTiles=*/2));
    }
    for (int64_t mf = 0; mf < kFrags; ++mf) {
      SmallVector<Value> pairs;
      for (int64_t j = 0; j < 4; ++j)
        pairs.push_back(dequantizePair(laneWords, kf * kFrags + mf, j,
                                       scaleFor(mf, j & 1, kf, kb)));
      for (unsigned t = 0; t < config.tokenTiles; ++t) {
        Value &acc = result[mf * config.tokenTiles + t];
        acc = emitMma(pairs, fragB[t], acc);
      }
    }
  }
  return result;
}

Value GemmKernelBuilder::issueWarpgroupStage(Value iter, Value stage,
                                             Copies copies) {
  Value kb = blockOf(iter);
  Value active = k.lt(kb, kbEnd);
  kb = k.select(active, kb, kbStart);
  // The staged blocks' 16-byte lane chunks, spread over all threads: `id`
  // is lane id % 32 of chunk (id / 32) % chunks of slot id / (32 chunks).
  int64_t chunks = config.numChunksPerBlock();
  int64_t slots = stagedRowTiles(config);
  int64_t total = slots * chunks * 32;
  int64_t threads = 32 * config.warps;
  int64_t numRowTiles = layout.paddedRows / kBlockRows;
  SmallVector<Value> tokens;
  for (int64_t q = 0; copies != Copies::Activations && q * threads < total;
       ++q) {
    Value id = k.add(tid, q * threads);
    // (Threads past the last chunk repeat its copy, as for activations.)
    if ((q + 1) * threads > total)
      id = arith::MinUIOp::create(k.b, k.loc, id, k.idx(total - 1));
    Value slot = k.div(id, chunks * 32);
    Value chunk = k.rem(k.div(id, 32), chunks);
    Value chunkLane = k.rem(id, 32);
    Value tile = k.add(k.mul(rowTile, slots), slot);
    Value inRange = k.lt(tile, k.idx(numRowTiles));
    Value live = k.andI(active, inRange);
    Value safeTile = k.select(inRange, tile, k.idx(0));
    // A stage holds the segments' chunks one after another.
    Value offset = k.idx(segments.front().globalOffset);
    Value first = k.idx(0);
    Value count = k.idx(segments.front().numChunks);
    for (const Segment &segment : ArrayRef(segments).drop_front()) {
      Value inside = k.lt(k.idx(segment.firstChunk - 1), chunk);
      offset = k.select(inside, k.idx(segment.globalOffset), offset);
      first = k.select(inside, k.idx(segment.firstChunk), first);
      count = k.select(inside, k.idx(segment.numChunks), count);
    }
    // Word (tile * blocksK + kb) * count + chunk - first, in 128-word warp
    // chunks: written as a loop-invariant part plus kb's.
    Value tileStart = k.add(
        k.mul(k.add(k.mul(k.mul(safeTile, blocksK), count), k.sub(chunk, first)),
              kWarpChunkWords),
        k.add(offset, k.mul(chunkLane, 4)));
    Value src = k.add(tileStart, k.mul(kb, k.mul(count, kWarpChunkWords)));
    Value dst = k.add(k.div(weightBytes(stage, slot), 4),
                      k.add(k.mul(chunk, kWarpChunkWords), k.mul(chunkLane, 4)));
    tokens.push_back(nvgpu::DeviceAsyncCopyOp::create(
        k.b, k.loc, wordsView, ValueRange{dst}, words, ValueRange{src},
        k.b.getIndexAttr(4), k.select(live, k.idx(4), k.idx(0)),
        k.b.getUnitAttr()));
  }
  if (copies == Copies::Weights)
    return Value();
  copyActivations(kb, active, stage, tokens);
  return nvgpu::DeviceAsyncCreateGroupOp::create(
      k.b, k.loc, nvgpu::DeviceAsyncTokenType::get(k.b.getContext()), tokens);
}

SmallVector<Value> GemmKernelBuilder::computeWarpgroupStage(Value stage,
                                                            Value kb,
                                                            ValueRange accs) {
  groupScales.clear();
  OpBuilder &b = k.b;
  int64_t rowTiles = config.rowTilesPerWarpgroup;
  Value mf = k.rem(warp, 4);
  Value warpgroup = k.div(warp, 4);
  // B: the stage's activation tile, K slice kf 32 bytes further into each
  // 128-byte row. Descriptor: address / 16, leading byte offset 1 (unused
  // by swizzled K-major tiles), stride 1024 bytes / 16 between 8-row
  // groups, 128-byte swizzle.
  Type i64 = b.getI64Type();
  auto constant64 = [&](uint64_t v) {
    return arith::ConstantIntOp::create(b, k.loc, i64, v).getResult();
  };
  Value tileAddress = arith::AddIOp::create(
      b, k.loc, sharedBase,
      arith::IndexCastOp::create(b, k.loc, i64, activationBytes(stage)));
  uint64_t fields = (uint64_t(1) << 16) | (uint64_t(1024 / 16) << 32) |
                    (uint64_t(1) << 62);
  int64_t perTile = config.tokensPerCTA() / 2;
  SmallVector<Value> result(accs.begin(), accs.end());
  SmallVector<Value> wordBases;
  for (int64_t r = 0; r < rowTiles; ++r)
    wordBases.push_back(k.div(
        weightBytes(stage, k.add(k.mul(warpgroup, rowTiles), r)), 4));
  // Per K slice: decode this warp's A registers, fragment (kf, mf) of each
  // staged block, then issue the slice's wgmmas; the next slice decodes
  // while they run. A fragment's four pairs sit in one word per segment at
  // a position that depends on the warp: shift them to the top once, then
  // decode as pairs 0..3.
  for (int64_t kf = 0; kf < kFrags; ++kf) {
    SmallVector<SmallVector<Value>> aWords;
    Value sequence = k.mul(k.add(mf, kf * kFrags), 4);
    for (int64_t r = 0; r < rowTiles; ++r) {
      SmallVector<std::pair<Value, int64_t>> positions;
      for (const Segment &segment : segments) {
        int64_t pairsPerWord = 16 / segment.width;
        Value wordIndex = k.div(sequence, pairsPerWord);
        Value index = k.add(
            wordBases[r],
            k.add(k.mul(k.add(k.div(wordIndex, 4), segment.firstChunk),
                        kWarpChunkWords),
                  k.add(k.mul(lane, 4), k.rem(wordIndex, 4))));
        Value word = memref::LoadOp::create(b, k.loc, wordsView, index);
        Value shift = arith::IndexCastOp::create(
            b, k.loc, b.getI32Type(),
            k.mul(k.rem(sequence, pairsPerWord), segment.width));
        positions.push_back(
            {arith::ShLIOp::create(b, k.loc, word, shift), 0});
      }
      SmallVector<Value> registers;
      for (int64_t j = 0; j < 4; ++j) {
        for (auto &position : positions)
          position.second = j;
        Value pair = decodePair(positions, scaleFor(r, j & 1, kf, kb));
        Value bits = vector::BitCastOp::create(
            b, k.loc, VectorType::get({1}, b.getI32Type()), pair);
        registers.push_back(vector::ExtractOp::create(b, k.loc, bits, 0));
      }
      aWords.push_back(std::move(registers));
    }
    Value address = arith::AddIOp::create(b, k.loc, tileAddress,
                                          constant64(kf * 32));
    Value start = arith::ShRUIOp::create(
        b, k.loc, arith::AndIOp::create(b, k.loc, address, constant64(0x3ffff)),
        constant64(4));
    Value desc = arith::OrIOp::create(b, k.loc, start, constant64(fields));
    // The fence orders the register writes above before wgmma reads them.
    NVVM::WgmmaFenceAlignedOp::create(b, k.loc);
    for (int64_t r = 0; r < rowTiles; ++r) {
      MutableArrayRef<Value> tileAccs(result.data() + r * perTile, perTile);
      SmallVector<Value> updated = emitWarpgroupMma(tileAccs, aWords[r], desc);
      llvm::copy(updated, tileAccs.begin());
    }
  }
  NVVM::WgmmaGroupSyncAlignedOp::create(b, k.loc);
  return result;
}

SmallVector<Value> GemmKernelBuilder::emitWarpgroupMma(ValueRange acc,
                                                       ArrayRef<Value> aWords,
                                                       Value descB) {
  // NVVM's wgmma op takes A from shared memory only; the register-A form
  // goes through inline PTX. Accumulators are tied in/out operands.
  int64_t n = acc.size();
  StringRef type = config.activationType.isF16() ? "f16" : "bf16";
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "{\n.reg .pred p;\nsetp.ne.b32 p, $" << n + 5 << ", 0;\n"
     << "wgmma.mma_async.sync.aligned.m64n" << 2 * n << "k16.f32." << type
     << "." << type << " {";
  for (int64_t i = 0; i < n; ++i)
    os << (i ? ", $" : "$") << i;
  os << "}, {$" << n << ", $" << n + 1 << ", $" << n + 2 << ", $" << n + 3
     << "}, $" << n + 4 << ", p, 1, 1, 0;\n}";
  std::string constraints;
  for (int64_t i = 0; i < n; ++i)
    constraints += "=f,";
  constraints += "r,r,r,r,l,r";
  for (int64_t i = 0; i < n; ++i)
    constraints += "," + std::to_string(i);
  SmallVector<Value> operands(aWords.begin(), aWords.end());
  operands.push_back(descB);
  operands.push_back(k.i32(1)); // scale-d: accumulate
  operands.append(acc.begin(), acc.end());
  Type f32 = k.b.getF32Type();
  auto structType = LLVM::LLVMStructType::getLiteral(
      k.b.getContext(), SmallVector<Type>(n, f32));
  auto mma = LLVM::InlineAsmOp::create(
      k.b, k.loc, structType, operands, text, constraints,
      /*has_side_effects=*/true, /*is_align_stack=*/false,
      LLVM::tailcallkind::TailCallKind::None,
      LLVM::AsmDialectAttr::get(k.b.getContext(), LLVM::AsmDialect::AD_ATT),
      ArrayAttr());
  SmallVector<Value> out;
  for (int64_t i = 0; i < n; ++i)
    out.push_back(LLVM::ExtractValueOp::create(k.b, k.loc, mma.getResult(0), i));
  return out;
}

void GemmKernelBuilder::initSegments() {
  unsigned msb = 0, chunk = 0;
  for (auto [index, width] : llvm::enumerate(layout.segmentWidths)) {
    unsigned chunks = kFrags * kFrags * width / 16;
    segments.push_back({width, msb, layout.segmentOffsets[index], chunk, chunks});
    msb += width;
    chunk += chunks;
  }
}

/// Loads scale `index` of row `row` (0 outside the weight) with the
/// exponent-bias fix folded in when the config allows.
static Value loadScale(KernelMath &k, const GemmKernelConfig &config,
                       Value scaleBuffer, Value row, Value column) {
  OpBuilder &b = k.b;
  int64_t groups = config.packing.getNumScaleGroups();
  Value inRange = k.lt(row, k.idx(config.packing.getRows()));
  Value safeRow = k.select(inRange, row, k.idx(0));
  Value index = groups == 1 ? safeRow : k.add(k.mul(safeRow, groups), column);
  Value s = memref::LoadOp::create(b, k.loc, scaleBuffer, index);
  Value f = arith::ExtFOp::create(b, k.loc, b.getF32Type(), s);
  double factor = config.foldScale || config.scaleInEpilogue()
                      ? getExponentBiasFactor(config)
                      : 1.0;
  f = arith::MulFOp::create(
      b, k.loc, f, arith::ConstantOp::create(b, k.loc, b.getF32FloatAttr(factor)));
  f = k.select(inRange, f,
               arith::ConstantOp::create(b, k.loc, b.getF32FloatAttr(0)));
  if (config.scaleInEpilogue())
    return f;
  return arith::TruncFOp::create(b, k.loc, config.activationType, f);
}

void GemmKernelBuilder::loadScales(Value buffer) {
  // Per-channel scales of the lane's 8 rows of warpRowTile, loaded once;
  // group-wise ones are loaded per block by scaleFor.
  scaleBuffer = buffer;
  if (config.packing.getGroupSize() != 0)
    return;
  int64_t groups = config.warpgroupMma ? config.rowTilesPerWarpgroup : kFrags;
  for (int64_t a = 0; a < groups; ++a)
    for (int64_t i = 0; i < 2; ++i)
      scales.push_back(loadScale(k, config, buffer, laneRow(a, i), Value()));
}

Value GemmKernelBuilder::laneRow(int64_t a, int64_t half) {
  Value g = k.div(lane, 4);
  if (config.warpgroupMma)
    return k.add(k.mul(k.add(warpRowTile, a), kBlockRows),
                 k.add(k.mul(k.rem(warp, 4), 16), k.add(g, 8 * half)));
  return k.add(k.mul(warpRowTile, kBlockRows), k.add(g, a * 16 + 8 * half));
}

Value GemmKernelBuilder::scaleFor(int64_t mf, int64_t half, int64_t kf,
                                  Value kb) {
  int64_t groupSize = config.packing.getGroupSize();
  if (config.scaleInEpilogue())
    return Value(); // applied to the sums after the loop
  if (groupSize == 0)
    return scales[mf * 2 + half];
  // Groups are multiples of 16 columns: one scale per fragment column,
  // shared by the whole block only when groups tile blocks exactly (a
  // group of 80 ends inside the second 64-column block).
  auto key =
      std::make_tuple(mf, half, groupSize % kBlockCols == 0 ? 0 : kf);
  auto it = groupScales.find(key);
  if (it != groupScales.end())
    return it->second;
  Value row = laneRow(mf, half);
  // Padding columns past K have no group of their own (their codes are 0).
  Value column = arith::MinUIOp::create(
      k.b, k.loc,
      k.div(k.add(k.mul(kb, kBlockCols), k.idx(kf * 16)), groupSize),
      k.idx(config.packing.getNumScaleGroups() - 1));
  Value scale = loadScale(k, config, scaleBuffer, row, column);
  groupScales[key] = scale;
  return scale;
}

void GemmKernelBuilder::buildDequant(gpu::GPUFuncOp func) {
  OpBuilder &b = k.b;
  Block &entry = func.getBody().front();
  b.setInsertionPointToStart(&entry);
  words = entry.getArgument(0);
  Value scaleArgument = entry.getArgument(1);
  Value dense = entry.getArgument(2);
  // (It writes the dense workspace, which the previous GEMM may still read.)
  if (config.dependentLaunch)
    emitDependentLaunchStart(b, k.loc);
  initSegments();
  lane = gpu::ThreadIdOp::create(b, k.loc, gpu::Dimension::x);
  warpRowTile = gpu::BlockIdOp::create(b, k.loc, gpu::Dimension::x);
  Value kb = gpu::BlockIdOp::create(b, k.loc, gpu::Dimension::y);
  blocksK = k.idx(layout.paddedCols / kBlockCols);
  loadScales(scaleArgument);

  // The lane's words straight from global memory: each 16-byte chunk of a
  // block is one 512-byte, fully coalesced warp load.
  Value block = k.add(k.mul(warpRowTile, blocksK), kb);
  auto wordVector = VectorType::get({4}, b.getI32Type());
  SmallVector<SmallVector<Value>> laneWords;
  for (const Segment &segment : segments) {
    SmallVector<Value> segmentWords;
    for (unsigned c = 0; c < segment.numChunks; ++c) {
      Value index = k.add(
          k.mul(k.add(k.mul(block, segment.numChunks), c), kWarpChunkWords),
          k.add(k.idx(segment.globalOffset), k.mul(lane, 4)));
      auto load = vector::LoadOp::create(b, k.loc, wordVector, words,
                                         ValueRange{index});
      load.setAlignment(16);
      for (int64_t slot = 0; slot < 4; ++slot)
        segmentWords.push_back(vector::ExtractOp::create(b, k.loc, load, slot));
    }
    laneWords.push_back(std::move(segmentWords));
  }

  // Register pairs go to the 64 x 64 tile in shared memory (rows of 16-byte
  // chunks XOR-swizzled by row, so the 8 rows of a store hit distinct
  // banks); the warp then writes whole 16-byte chunks, 8 lanes per 128-byte
  // row, so global writes are full sectors.
  Value tile = func.getWorkgroupAttributions().front();
  Value g = k.div(lane, 4), t = k.rem(lane, 4);
  for (int64_t kf = 0; kf < kFrags; ++kf)
    for (int64_t mf = 0; mf < kFrags; ++mf)
      for (int64_t j = 0; j < 4; ++j) {
        Value pair = dequantizePair(laneWords, kf * kFrags + mf, j,
                                    scaleFor(mf, j & 1, kf, kb));
        Value row = k.add(g, mf * 16 + 8 * (j & 1));
        Value chunk = arith::XOrIOp::create(
            b, k.loc, k.idx(kf * 2 + (j >> 1)), k.rem(row, 8));
        Value word = k.add(k.mul(row, kBlockCols / 2),
                           k.add(k.mul(chunk, 4), t));
        Value bits = vector::BitCastOp::create(
            b, k.loc, VectorType::get({1}, b.getI32Type()), pair);
        memref::StoreOp::create(b, k.loc,
                                vector::ExtractOp::create(b, k.loc, bits, 0),
                                tile, word);
      }
  NVVM::SyncWarpOp::create(b, k.loc, k.i32(-1));

  int64_t N = config.packing.getRows(), K = config.packing.getCols();
  int64_t stride = config.activationRowStride();
  Type act = config.activationType;
  auto chunkType = VectorType::get({4}, b.getI32Type());
  for (int64_t pass = 0; pass < kBlockRows / 4; ++pass) {
    Value rowInTile = k.add(k.div(lane, 8), 4 * pass);
    Value chunk = k.rem(lane, 8);
    Value swizzled = arith::XOrIOp::create(b, k.loc, chunk, k.rem(rowInTile, 8));
    auto load = vector::LoadOp::create(
        b, k.loc, chunkType, tile,
        ValueRange{k.add(k.mul(rowInTile, kBlockCols / 2), k.mul(swizzled, 4))});
    load.setAlignment(16);
    Value row = k.add(k.mul(warpRowTile, kBlockRows), rowInTile);
    Value col = k.add(k.mul(kb, kBlockCols), k.mul(chunk, 8));
    // Rows are `stride` (K rounded up to 8) apart: a chunk that starts
    // inside the row ends inside its padding (decoded from zero codes).
    Value inside = k.andI(k.lt(row, k.idx(N)), k.lt(col, k.idx(K)));
    scf::IfOp::create(b, k.loc, inside, [&](OpBuilder &ib, Location) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToEnd(ib.getInsertionBlock());
      Value halves = vector::BitCastOp::create(
          b, k.loc, VectorType::get({8}, act), load);
      auto store = vector::StoreOp::create(
          b, k.loc, halves, dense, ValueRange{k.add(k.mul(row, stride), col)});
      store.setAlignment(16);
      scf::YieldOp::create(b, k.loc);
    });
  }
  gpu::ReturnOp::create(b, k.loc);
}

Value GemmKernelBuilder::issuePrologue(
    int64_t count, Value scaleArgument,
    function_ref<Value(Value, Value, Copies)> issue) {
  Value group;
  if (config.dependentLaunch) {
    // The next kernel may launch once every CTA of this one runs: its CTAs
    // take SM slots this grid no longer needs.
    NVVM::GriddepcontrolOp::create(k.b, k.loc,
                                   NVVM::GridDepActionKind::launch_dependents);
    if (config.weightsReadOnly) {
      // Weights and scales first, then wait for the previous kernel (whose
      // results the activations may be), then the activations. The first
      // commit takes all the weight copies into the first group, so the
      // loop's first wait waits for them too.
      for (int64_t s = 0; s < count; ++s)
        issue(k.idx(s), k.idx(s), Copies::Weights);
      loadScales(scaleArgument);
      NVVM::GriddepcontrolOp::create(k.b, k.loc,
                                     NVVM::GridDepActionKind::wait);
      for (int64_t s = 0; s < count; ++s)
        group = issue(k.idx(s), k.idx(s), Copies::Activations);
      return group;
    }
    NVVM::GriddepcontrolOp::create(k.b, k.loc, NVVM::GridDepActionKind::wait);
  }
  for (int64_t s = 0; s < count; ++s)
    group = issue(k.idx(s), k.idx(s), Copies::All);
  // Loaded once the prologue's copies are in flight so that their latency
  // overlaps the copies'.
  loadScales(scaleArgument);
  return group;
}

void GemmKernelBuilder::buildWarpgroupLoop(
    Value scaleArgument, Value iterations,
    function_ref<void(Value, Value, Value)> storeResult) {
  OpBuilder &b = k.b;
  // Blocks i+1 .. i+stages-2 load while block i computes; the stage of
  // block i-1 stays untouched because its wgmmas may still run.
  // A stage holds blocksPerStage K blocks (each in its own slot and cp.async
  // group), so that a barrier serves that many blocks.
  int64_t perStage = config.blocksPerStage;
  auto issue = [&](Value stageIter, Value stage, Copies copies) {
    Value last;
    for (int64_t u = 0; u < perStage; ++u)
      last = issueWarpgroupStage(k.add(k.mul(stageIter, perStage), u),
                                 k.add(k.mul(stage, perStage), u), copies);
    return last;
  };
  Value group = issuePrologue(config.stages - 2, scaleArgument, issue);
  // (Blocks past the last of a partial stage are zero-filled: they add 0.)
  iterations = k.div(k.add(iterations, perStage - 1), perStage);

  int64_t perTile = config.tokensPerCTA() / 2;
  int64_t rowTiles = config.rowTilesPerWarpgroup;
  Value zero = arith::ConstantOp::create(b, k.loc, b.getF32FloatAttr(0));
  SmallVector<Value> inits(rowTiles * perTile, zero);
  auto loop = k.loop(iterations, inits, [&](Value iter, ValueRange accs) {
        // Block `iter` landed; the proxy fence makes this thread's copies
        // visible to wgmma's (async proxy) reads, the barrier everyone's.
        // Every warp waited for the wgmmas of block iter-2 before it, so
        // the issue may overwrite that stage.
        nvgpu::DeviceAsyncWaitOp::create(
            b, k.loc, group,
            b.getI32IntegerAttr((config.stages - 3) * perStage));
        NVVM::FenceProxyOp::create(
            b, k.loc, NVVM::ProxyKindAttr::get(b.getContext(),
                                               NVVM::ProxyKind::async_shared),
            NVVM::SharedSpaceAttr::get(b.getContext(),
                                       NVVM::SharedSpace::shared_cta));
        gpu::BarrierOp::create(b, k.loc);
        Value next = k.add(iter, config.stages - 2);
        issue(next, k.rem(next, config.stages), Copies::All);
        // The previous block's wgmmas read their A operand from the
        // registers this block's decode writes (the same registers every
        // iteration); touching a pending wgmma's A registers is undefined
        // (PTX ISA, wgmma.wait_group). Wait for them before decoding; they
        // still overlap the copy wait, the barrier and the issue above.
        NVVM::WgmmaWaitGroupSyncOp::create(b, k.loc, b.getI64IntegerAttr(0));
        SmallVector<Value> updated(accs.begin(), accs.end());
        for (int64_t u = 0; u < perStage; ++u)
          updated = computeWarpgroupStage(
              k.add(k.mul(k.rem(iter, config.stages), perStage), u),
              blockOf(k.add(k.mul(iter, perStage), u)), updated);
        return updated;
      });
  NVVM::WgmmaWaitGroupSyncOp::create(b, k.loc, b.getI64IntegerAttr(0));
  nvgpu::DeviceAsyncWaitOp::create(b, k.loc, group, b.getI32IntegerAttr(0));

  // Accumulator v of row tile r: register pair (v / 2) % 2 of the 8-token
  // column group v / 4, as in mma.m16n8's C fragment.
  Value tq = k.rem(lane, 4);
  for (int64_t r = 0; r < rowTiles; ++r)
    for (int64_t v = 0; v < perTile; ++v) {
      Value row = laneRow(r, (v / 2) % 2);
      Value token = k.add(tokenBase, k.add(k.mul(tq, 2), 8 * (v / 4) + v % 2));
      Value sum = loop.getResult(r * perTile + v);
      // (f32 scale times the exponent-bias fix, loaded with the prologue)
      if (config.scaleInEpilogue())
        sum = arith::MulFOp::create(b, k.loc, sum, scales[r * 2 + (v / 2) % 2]);
      storeResult(sum, row, token);
    }
  gpu::ReturnOp::create(b, k.loc);
}

void GemmKernelBuilder::build(gpu::GPUFuncOp func) {
  OpBuilder &b = k.b;
  Block &entry = func.getBody().front();
  b.setInsertionPointToStart(&entry);
  x = entry.getArgument(0);
  words = entry.getArgument(1);
  Value scaleArgument = entry.getArgument(2);
  Value bias = entry.getArgument(3);
  Value y = entry.getArgument(4);
  Value workspace = entry.getArgument(5);
  m = entry.getArgument(6);

  initSegments();
  tid = gpu::ThreadIdOp::create(b, k.loc, gpu::Dimension::x);
  lane = k.rem(tid, 32);
  warp = k.div(tid, 32);
  rowTile = gpu::BlockIdOp::create(b, k.loc, gpu::Dimension::x);
  Value split = gpu::BlockIdOp::create(b, k.loc, gpu::Dimension::y);
  Value tokenTile = gpu::BlockIdOp::create(b, k.loc, gpu::Dimension::z);
  tokenBase = k.mul(tokenTile, config.tokensPerCTA());

  auto workgroup = gpu::AddressSpaceAttr::get(b.getContext(),
                                              gpu::AddressSpace::Workgroup);
  auto bytesType = MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                                   AffineMap(), workgroup);
  Value smem = gpu::DynamicSharedMemoryOp::create(b, k.loc, bytesType);
  int64_t bytes = config.sharedBytes();
  auto view = [&](Type element, int64_t size) {
    return memref::ViewOp::create(
        b, k.loc, MemRefType::get({size}, element, AffineMap(), workgroup),
        smem, k.idx(0), ValueRange{});
  };
  wordsView = view(b.getI32Type(), bytes / 4);
  if (config.warpgroupMma)
    sharedBase = arith::IndexCastOp::create(
        b, k.loc, b.getI64Type(),
        memref::ExtractAlignedPointerAsIndexOp::create(b, k.loc, smem));
  halfView = view(config.activationType, bytes / 2);
  Value floatView = view(b.getF32Type(), bytes / 4);

  blocksK = k.idx(layout.paddedCols / kBlockCols);
  int64_t numBlocksK = layout.paddedCols / kBlockCols;
  kbStart = k.div(k.mul(split, numBlocksK), config.splitK);
  kbEnd = k.div(k.mul(k.add(split, 1), numBlocksK), config.splitK);
  int64_t numRowTiles = layout.paddedRows / kBlockRows;
  if (config.dequantToShared) {
    warpRowTile = k.add(k.mul(rowTile, kSharedRowTiles),
                        k.div(warp, kSharedTokenGroups));
    copyRowTile = k.add(k.mul(rowTile, kSharedRowTiles),
                        k.rem(warp, kSharedRowTiles));
  } else if (config.warpgroupMma) {
    // The first of this warpgroup's row tiles.
    warpRowTile = k.mul(k.add(k.mul(rowTile, config.warps / 4), k.div(warp, 4)),
                        config.rowTilesPerWarpgroup);
    copyRowTile = warpRowTile;
  } else {
    warpRowTile = config.warpsAlongN
                      ? k.add(k.mul(rowTile, config.warps), warp)
                      : rowTile;
    copyRowTile = warpRowTile;
  }
  warpActive = k.lt(warpRowTile, k.idx(numRowTiles));
  copyActive = k.lt(copyRowTile, k.idx(numRowTiles));
  if (config.dequantToShared)
    copyActive = k.andI(copyActive, k.lt(warp, k.idx(kSharedRowTiles)));

  Value g = k.div(lane, 4);
  Value n = k.idx(config.packing.getRows());

  // This warp's blocks: blockOf(i) for i < iterations.
  Value count = k.sub(kbEnd, kbStart);
  Value iterations = count;
  if (!config.warpsAlongN && !config.dequantToShared && !config.warpgroupMma) {
    Value remaining =
        arith::MaxSIOp::create(b, k.loc, k.sub(count, warp), k.idx(0));
    iterations = k.div(k.add(remaining, config.warps - 1), config.warps);
  }

  int64_t tokens = config.tokensPerCTA();
  Value tq = k.rem(lane, 4);
  // Stores one output (or split-K partial) if it lies inside y.
  auto storeResult = [&](Value sum, Value outRow, Value outToken) {
    Value inside = k.andI(k.lt(outRow, n), k.lt(outToken, m));
    scf::IfOp::create(b, k.loc, inside, [&](OpBuilder &ib, Location) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToEnd(ib.getInsertionBlock());
      int64_t N = config.packing.getRows();
      if (config.splitK == 1) {
        Value out = emitEpilogue(k, config, sum, bias, outRow);
        memref::StoreOp::create(b, k.loc, out, y,
                                k.add(k.mul(outToken, N), outRow));
      } else {
        Value index = k.add(k.mul(k.add(k.mul(split, m), outToken), N), outRow);
        memref::StoreOp::create(b, k.loc, sum, workspace, index);
      }
      scf::YieldOp::create(b, k.loc);
    });
  };

  if (config.warpgroupMma) {
    buildWarpgroupLoop(scaleArgument, iterations, storeResult);
    return;
  }

  // Prologue: stages 0 .. stages-2 in flight. (The waits below count
  // groups; the token operand they take is not what they wait for.)
  Value group = issuePrologue(
      config.stages - 1, scaleArgument,
      [&](Value iter, Value stage, Copies copies) {
        return issueStage(iter, stage, copies);
      });

  auto accType = VectorType::get({2, 2}, b.getF32Type());
  Value zeroAcc = arith::ConstantOp::create(
      b, k.loc, accType, DenseElementsAttr::get(accType, b.getF32FloatAttr(0)));
  unsigned warpTokenTiles =
      config.dequantToShared ? kSharedTilesPerWarp : config.tokenTiles;
  SmallVector<Value> inits(kFrags * warpTokenTiles, zeroAcc);
  auto loop = k.loop(iterations, inits, [&](Value iter, ValueRange accs) {
        // Block `iter` has landed once at most stages-2 groups are pending;
        // the barrier (of the warp, or of the CTA when warps share the
        // activation tile) makes every thread's copies visible and ends all
        // reads of the stage the next issue overwrites.
        nvgpu::DeviceAsyncWaitOp::create(
            b, k.loc, group, b.getI32IntegerAttr(config.stages - 2));
        if (config.warpsAlongN || config.dequantToShared)
          gpu::BarrierOp::create(b, k.loc);
        else
          NVVM::SyncWarpOp::create(b, k.loc, k.i32(-1));
        Value next = k.add(iter, config.stages - 1);
        issueStage(next, k.rem(next, config.stages));
        Value stage = k.rem(iter, config.stages);
        SmallVector<Value> updated;
        if (config.dequantToShared) {
          // Decode the block once for the CTA, then all warps read it. The
          // next iteration's first barrier ends these reads before the
          // tile is written again.
          dequantizeToShared(stage, blockOf(iter));
          gpu::BarrierOp::create(b, k.loc);
          updated = computeFromShared(stage, accs);
        } else {
          updated = computeStage(stage, blockOf(iter), accs);
        }
        return updated;
      });
  nvgpu::DeviceAsyncWaitOp::create(b, k.loc, group, b.getI32IntegerAttr(0));
  if (config.warpsAlongN || config.dequantToShared) {
    // Each warp owns its rows (and, dequantizing to shared memory, its 32
    // tokens): results go out straight from the registers.
    Value warpTokenBase = tokenBase;
    if (config.dequantToShared)
      warpTokenBase = k.add(tokenBase, k.mul(k.rem(warp, kSharedTokenGroups),
                                             8 * kSharedTilesPerWarp));
    for (int64_t mf = 0; mf < kFrags; ++mf)
      for (unsigned t = 0; t < warpTokenTiles; ++t) {
        Value acc = loop.getResult(mf * warpTokenTiles + t);
        for (int64_t i = 0; i < 2; ++i)
          for (int64_t e = 0; e < 2; ++e) {
            Value v = vector::ExtractOp::create(b, k.loc, acc,
                                                ArrayRef<int64_t>{i, e});
            Value row = k.add(k.mul(warpRowTile, kBlockRows),
                              k.add(g, mf * 16 + 8 * i));
            Value token =
                k.add(warpTokenBase, k.add(k.mul(tq, 2), 8 * t + e));
            storeResult(v, row, token);
          }
      }
    gpu::ReturnOp::create(b, k.loc);
    return;
  }

  // Cross-warp reduction through shared memory: red[warp][row][token].
  gpu::BarrierOp::create(b, k.loc);
  for (int64_t mf = 0; mf < kFrags; ++mf) {
    for (unsigned t = 0; t < config.tokenTiles; ++t) {
      Value acc = loop.getResult(mf * config.tokenTiles + t);
      for (int64_t i = 0; i < 2; ++i) {
        for (int64_t e = 0; e < 2; ++e) {
          Value v = vector::ExtractOp::create(b, k.loc, acc,
                                              ArrayRef<int64_t>{i, e});
          Value row = k.add(g, mf * 16 + 8 * i);
          Value token = k.add(k.mul(tq, 2), 8 * t + e);
          Value index = k.add(k.mul(k.add(k.mul(warp, kBlockRows), row), tokens),
                              token);
          memref::StoreOp::create(b, k.loc, v, floatView, index);
        }
      }
    }
  }
  gpu::BarrierOp::create(b, k.loc);

  int64_t threads = 32 * config.warps;
  scf::ForOp::create(
      b, k.loc, tid, k.idx(kBlockRows * tokens), k.idx(threads), ValueRange{},
      [&](OpBuilder &nb, Location, Value e, ValueRange) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToEnd(nb.getInsertionBlock());
        Value row = k.rem(e, kBlockRows), token = k.div(e, kBlockRows);
        Value sum = arith::ConstantOp::create(b, k.loc, b.getF32FloatAttr(0));
        for (unsigned w = 0; w < config.warps; ++w) {
          Value index =
              k.add(k.mul(k.add(row, w * kBlockRows), tokens), token);
          sum = arith::AddFOp::create(
              b, k.loc, sum,
              memref::LoadOp::create(b, k.loc, floatView, index));
        }
        Value outRow = k.add(k.mul(rowTile, kBlockRows), row);
        storeResult(sum, outRow, k.add(tokenBase, token));
        scf::YieldOp::create(b, k.loc);
      });
  gpu::ReturnOp::create(b, k.loc);
}

/// y[i] = epilogue(sum over splits of workspace[split][i]).
static void buildReduceKernel(OpBuilder &b, Location loc, gpu::GPUFuncOp func,
                              const GemmKernelConfig &config) {
  KernelMath k{b, loc};
  Block &entry = func.getBody().front();
  b.setInsertionPointToStart(&entry);
  Value workspace = entry.getArgument(0);
  Value bias = entry.getArgument(1);
  Value y = entry.getArgument(2);
  Value m = entry.getArgument(3);
  if (config.dependentLaunch)
    emitDependentLaunchStart(b, loc);
  int64_t n = config.packing.getRows();
  Value index = k.add(
      k.mul(gpu::BlockIdOp::create(b, loc, gpu::Dimension::x), kReduceThreads),
      gpu::ThreadIdOp::create(b, loc, gpu::Dimension::x));
  Value total = k.mul(m, n);
  scf::IfOp::create(b, loc, k.lt(index, total), [&](OpBuilder &ib, Location) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(ib.getInsertionBlock());
    Value sum = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0));
    for (unsigned s = 0; s < config.splitK; ++s)
      sum = arith::AddFOp::create(
          b, loc, sum,
          memref::LoadOp::create(b, loc, workspace,
                                 k.add(k.mul(total, k.idx(s)), index)));
    Value out = emitEpilogue(k, config, sum, bias, k.rem(index, n));
    memref::StoreOp::create(b, loc, out, y, index);
    scf::YieldOp::create(b, loc);
  });
  gpu::ReturnOp::create(b, loc);
}

LogicalResult fpx::buildGemmKernels(OpBuilder &builder, Location loc,
                                    gpu::GPUModuleOp module, StringRef name,
                                    const GemmKernelConfig &config,
                                    const DeviceDescription &device) {
  std::string message;
  if (failed(verifyGemmConfig(config, device, message)))
    return emitError(loc) << message;
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(module.getBody());
  MLIRContext *ctx = builder.getContext();
  Type act = config.activationType, res = config.resultType;
  Type index = builder.getIndexType();
  auto addReduce = [&]() {
    builder.setInsertionPointToEnd(module.getBody());
    auto reduceType = builder.getFunctionType(
        {globalBuffer(builder.getF32Type()), globalBuffer(res),
         globalBuffer(res), index},
        {});
    auto reduce = gpu::GPUFuncOp::create(builder, loc, (name + "_reduce").str(),
                                         reduceType);
    reduce->setAttr(gpu::GPUDialect::getKernelFuncAttrName(), UnitAttr::get(ctx));
    reduce.setKnownBlockSizeAttr(
        builder.getDenseI32ArrayAttr({int32_t(kReduceThreads), 1, 1}));
    OpBuilder::InsertionGuard g(builder);
    buildReduceKernel(builder, loc, reduce, config);
  };
  if (config.dequantThenDense) {
    auto dequantType = builder.getFunctionType(
        {globalBuffer(builder.getI32Type()), globalBuffer(builder.getF16Type()),
         globalBuffer(act)},
        {});
    auto dequant = gpu::GPUFuncOp::create(
        builder, loc, (name + "_dequant").str(), dequantType);
    dequant->setAttr(gpu::GPUDialect::getKernelFuncAttrName(),
                     UnitAttr::get(ctx));
    dequant.setKnownBlockSizeAttr(builder.getDenseI32ArrayAttr({32, 1, 1}));
    dequant.addWorkgroupAttribution(
        MemRefType::get({kBlockRows * kBlockCols / 2}, builder.getI32Type(),
                        AffineMap(),
                        gpu::AddressSpaceAttr::get(ctx,
                                                   gpu::AddressSpace::Workgroup)),
        loc);
    {
      OpBuilder::InsertionGuard g(builder);
      GemmKernelBuilder(builder, loc, config).buildDequant(dequant);
    }
    if (needsDenseEpilogue(config))
      addReduce();
    return success();
  }
  auto gemmType = builder.getFunctionType(
      {globalBuffer(act), globalBuffer(builder.getI32Type()),
       globalBuffer(builder.getF16Type()), globalBuffer(res), globalBuffer(res),
       globalBuffer(builder.getF32Type()), index},
      {});
  auto gemm = gpu::GPUFuncOp::create(builder, loc, name, gemmType);
  gemm->setAttr(gpu::GPUDialect::getKernelFuncAttrName(), UnitAttr::get(ctx));
  gemm.setKnownBlockSizeAttr(
      builder.getDenseI32ArrayAttr({int32_t(32 * config.warps), 1, 1}));
  // The cost model takes a 4-warp mma.sync CTA's occupancy from shared
  // memory and warps alone; asking ptxas for 4 CTAs per SM (at most 128
  // registers) keeps it from dropping to 3 (57344x8192's M = 32 kernel got
  // 130 registers: 172 us, 158 with the bound).
  if (!config.warpgroupMma && config.warps == 4)
    gemm->setAttr(NVVM::NVVMDialect::getMinctasmAttrName(),
                  builder.getI32IntegerAttr(4));
  // Launch facts for the runtime and the host-side lowering.
  gemm->setAttr("fpx.grid_x", builder.getI64IntegerAttr(config.gridX()));
  gemm->setAttr("fpx.split_k", builder.getI64IntegerAttr(config.splitK));
  gemm->setAttr("fpx.tokens_per_cta",
                builder.getI64IntegerAttr(config.tokensPerCTA()));
  gemm->setAttr("fpx.dynamic_shared_bytes",
                builder.getI64IntegerAttr(config.sharedBytes()));
  {
    OpBuilder::InsertionGuard g(builder);
    GemmKernelBuilder(builder, loc, config).build(gemm);
  }
  if (config.splitK > 1)
    addReduce();
  return success();
}
