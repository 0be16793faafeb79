//===- GemmKernel.h - TC-FPx GEMM kernel generator ----------------*- C++ -*-===//
//
// Builds the gpu.func of a quantized-weight matmul y[M,N] = x[M,K] W[N,K]^T in
// the TC-FPx design: the weight is the A operand of mma.m16n8k16 (64 rows of
// N per warp), the few tokens are the B operand, weight bit segments stream
// through a cp.async pipeline in shared memory and are dequantized in
// registers with integer bit operations right before each mma.
//
// Kernel ABI (every memref is 1-D and passed as a standard MLIR descriptor:
// allocated ptr, aligned ptr, offset, size, stride):
//   gemm(x: f16|bf16 [M*K], words: i32, scales: f16 [N or N*groups],
//        bias: T [N], y: T [M*N], workspace: f32 [splitK*M*N], M: index)
//   grid = (gridX(), splitK, ceil(M / (8 * tokenTiles))),
//   block = 32 * warps, dynamic shared memory = sharedBytes().
// (warpgroupMma kernels need an sm_90a target.)
// With splitK > 1 the gemm writes f32 partial sums to the workspace and
//   reduce(workspace, bias, y, M) with grid ceil(M*N / 256), block 256
// applies the epilogue. `bias` is unused (any pointer) without a bias.
// With dequantThenDense there is no gemm kernel but
//   dequant(words, scales, w: T [N*K]) with grid (paddedN/64, paddedK/64),
//   block 32,
// after which the runtime computes x W^T with its BLAS into y (or, with an
// epilogue or another result type, into an f32 workspace that reduce, with
// one split, turns into y).
//
//===----------------------------------------------------------------------===//

#ifndef FPX_CONVERSION_FPXTOGPU_GEMMKERNEL_H
#define FPX_CONVERSION_FPXTOGPU_GEMMKERNEL_H

#include "fpx/Conversion/Utils/DeviceDescription.h"
#include "fpx/Dialect/FPx/IR/FPx.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"

namespace fpx {

struct GemmKernelConfig {
  PackingAttr packing;
  mlir::Type activationType; // f16 or bf16
  mlir::Type resultType;     // f16, bf16 or f32
  bool hasBias = false;
  Activation activation = Activation::None;
  unsigned warps = 4;      // warps per CTA
  /// How a CTA's warps share the work: false, K-slices of the same 64 rows,
  /// reduced through shared memory at the end (few tokens: the activation
  /// tile is tiny, every warp streams its own); true, 64-row slices of the
  /// same K block sharing one activation tile (more tokens).
  bool warpsAlongN = false;
  /// Many tokens: 8 warps (2 row tiles x 4 groups of 32 tokens) dequantize
  /// each 128x64 weight block once into shared memory as f16/bf16 and all
  /// read it back with ldmatrix, so a weight is decoded once per 128 tokens.
  /// Fixes warps = 8 and tokenTiles = 16.
  bool dequantToShared = false;
  /// Many more tokens (compute-bound): one kernel decodes the whole weight
  /// into an f16/bf16 workspace, then the runtime's dense Tensor Core GEMM
  /// (cuBLAS) multiplies; the weight is decoded once for all M tokens.
  bool dequantThenDense = false;
  /// sm_90a: each warpgroup (4 warps) decodes rowTilesPerWarpgroup 64-row
  /// tiles, warp w rows 16w..16w+15 of each, straight into the register A
  /// operand of wgmma.mma_async (m64 x 8*tokenTiles x k16) whose B operand
  /// is the activation tile in shared memory (128-byte swizzle): a weight is
  /// decoded once per up to 256 tokens, and one instruction per warp does
  /// the work of 8*tokenTiles/8 mma.sync.
  bool warpgroupMma = false;
  unsigned rowTilesPerWarpgroup = 1;
  /// warpgroupMma: 64-column K blocks per pipeline stage (per barrier).
  unsigned blocksPerStage = 1;
  unsigned tokenTiles = 1; // 8-token mma tiles per CTA
  unsigned splitK = 1;     // CTAs along K (grid.y)
  unsigned stages = 4;     // cp.async pipeline depth per warp
  /// Fold the exponent-bias fix 2^(targetBias - bias) into the per-channel
  /// scale (one multiply per register pair). Only valid when every folded
  /// scale is finite in the activation type; otherwise two multiplies.
  bool foldScale = true;
  /// Programmatic dependent launch (sm_90): the kernels let the next kernel
  /// of the stream launch once all their CTAs run, and wait for the previous
  /// kernel before they touch memory another kernel may write.
  bool dependentLaunch = false;
  /// With dependentLaunch: no kernel writes the weights and scales, so the
  /// pipeline prologue fetches them before that wait (overlapping the
  /// previous kernel's tail).
  bool weightsReadOnly = false;

  unsigned numChunksPerBlock() const;   // 16-byte chunks per lane per block
  int64_t stageBytes() const;           // one pipeline stage (per warp when
                                        // warps split K, per CTA otherwise)
  int64_t sharedBytes() const;          // dynamic shared memory per CTA
  int64_t gridX() const;                // 64-row tiles
  int64_t tokensPerCTA() const { return 8 * tokenTiles; }
  int64_t activationTileBytes() const { return tokensPerCTA() * 64 * 2; }
  /// Elements between activation rows (and dense weight rows) in the
  /// kernels: K rounded up to 8, so that every row starts 16-byte aligned.
  /// For other K the runtime copies x into a buffer of such rows first.
  int64_t activationRowStride() const {
    return (packing.getCols() + 7) / 8 * 8;
  }
  /// The wgmma kernel multiplies its f32 sums by the per-channel scale
  /// (and the exponent-bias fix) once per output instead of every decoded
  /// pair: with f16 activations and one scale per row, the decoded codes
  /// alone are exact f16 values (2^-bias-fix times the weight) and the
  /// Tensor Core products of f16 values are exact in f32. Group-wise scales
  /// vary along K, and bf16 would hold the smallest codes only as
  /// subnormals. (The mma.sync layouts measured slower with it.)
  bool scaleInEpilogue() const;
};

/// Estimated microseconds of `config` for M tokens on `device`.
double estimateGemmMicros(const DeviceDescription &device,
                          const GemmKernelConfig &config, int64_t m);

/// The ways to run the GEMM (see GemmKernelConfig).
enum class GemmLayout {
  SplitK,
  SplitN,
  DequantToShared,
  DequantThenDense,
  WarpgroupMma
};

/// Picks the layout (unless `layout` fixes it), warps, token tiles, split-K
/// and stages for an M x N x K problem: the candidate with the least
/// estimated time (deterministic).
GemmKernelConfig chooseGemmConfig(const DeviceDescription &device,
                                  PackingAttr packing, mlir::Type activationType,
                                  mlir::Type resultType, int64_t m,
                                  std::optional<GemmLayout> layout = std::nullopt);

/// Checks that a configuration can be generated (types, TC-FPx layout,
/// layout limits, shared memory within `device`);
/// the message says what to change.
mlir::LogicalResult verifyGemmConfig(const GemmKernelConfig &config,
                                     const DeviceDescription &device,
                                     std::string &message);

/// Whether a dequantThenDense GEMM needs the reduce kernel after the BLAS
/// call (bias, activation or a result type other than the activations').
bool needsDenseEpilogue(const GemmKernelConfig &config);

/// 2^(targetBias - bias): what a decoded code must be multiplied by.
double getExponentBiasFactor(const GemmKernelConfig &config);

/// Appends the gemm kernel `name` (and `name`_reduce when splitK > 1) to
/// `module`; `config` must verify on `device` (the target's description).
mlir::LogicalResult buildGemmKernels(mlir::OpBuilder &builder,
                                     mlir::Location loc,
                                     mlir::gpu::GPUModuleOp module,
                                     llvm::StringRef name,
                                     const GemmKernelConfig &config,
                                     const DeviceDescription &device);

} // namespace fpx

#endif // FPX_CONVERSION_FPXTOGPU_GEMMKERNEL_H
