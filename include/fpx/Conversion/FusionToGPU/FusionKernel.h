//===- FusionKernel.h - One GPU kernel per fusion group -----------*- C++ -*-===//
//
// Builds the gpu.func of an `fpx_fusion.group` whose ops share one iteration
// space: `rows` outer iterations (the leading loops, linearized) times a row
// of `cols` elements (the innermost loop). Ops are elementwise or
// broadcasting over that space, reductions over the row, or per-row ops on
// reduced values. Each row is handled by `threadsPerRow` threads (one warp,
// part of one, or several): every thread keeps its `chunks` x `vectorWidth`
// elements of each row-sized value in registers, loads and stores them as
// 16-byte vectors, and a reduction combines per-thread partials with warp
// shuffles and, across the warps of a row, shared memory, after which every
// thread of the row holds the result (the "register" and "shared" stitch
// schemes of FusionStitching; values never round-trip through global
// memory). Rows too long for that are streamed: a loop over chunks per
// reduction, recomputing row-sized values from the inputs (`streamRows`).
//
// Kernel ABI: the group's inputs, then its results, each a 1-D global
// memref descriptor (allocated ptr, aligned ptr, offset, size, stride) of the
// tensor's elements in row-major order; grid = gridX(), block =
// blockThreads(), static shared memory only.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_CONVERSION_FUSIONTOGPU_FUSIONKERNEL_H
#define FPX_CONVERSION_FUSIONTOGPU_FUSIONKERNEL_H

#include "fpx/Conversion/Utils/DeviceDescription.h"
#include "fpx/Dialect/Fusion/IR/Fusion.h"
#include "fpx/Dialect/Fusion/Transforms/RowSpace.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"

namespace fpx {

/// How a group's kernel covers its iteration space.
struct FusionKernelConfig {
  int64_t rows = 1;          // outer iterations, linearized
  int64_t cols = 1;          // elements per row (innermost loop)
  int64_t vectorWidth = 1;   // elements per global access
  int64_t threadsPerRow = 1; // power of two, at most 1024
  int64_t rowsPerBlock = 1;
  /// Blocks sharing one row (groups without reductions only: nothing needs
  /// the whole row in one block), so that a few long rows still fill the
  /// GPU. Then rowsPerBlock is 1.
  int64_t blocksPerRow = 1;
  /// Row blocks each block handles in turn (a grid of resident blocks),
  /// loading the next row's inputs before computing on the current one:
  /// waves of short-lived blocks would load together and then compute
  /// together while the memory idles.
  int64_t rowSteps = 1;
  int64_t reductions = 0;    // row reductions in the group
  int64_t bytes = 0;         // global bytes read and written once
  double estimatedMicros = 0;
  /// Approximate math: libdevice's fast exp/log/sin/cos (`afn`), and
  /// division by a per-row value as a multiply by its reciprocal, as
  /// Triton-generated kernels do by default. Off: IEEE results.
  bool fastMath = false;
  /// Skip loading chunks of an input whose every element a select on loop
  /// indices discards (causal masks; see FusionKernel.cpp, MaskedRead).
  bool skipMaskedLoads = true;
  /// Rows too long for registers: each thread loops over its chunks, once
  /// per reduction and once for the results, recomputing the row-sized
  /// values from the inputs each time (global-memory stitching by
  /// re-reading, the inputs mostly from L2) instead of keeping them.
  bool streamRows = false;

  int64_t vectorsPerRow() const { return cols / vectorWidth; }
  /// Vector accesses per thread for each row-sized value.
  int64_t chunks() const {
    return (vectorsPerRow() + rowThreads() - 1) / rowThreads();
  }
  /// Threads on one row, over all its blocks.
  int64_t rowThreads() const { return threadsPerRow * blocksPerRow; }
  int64_t blockThreads() const { return threadsPerRow * rowsPerBlock; }
  int64_t rowBlocks() const {
    return (rows + rowsPerBlock - 1) / rowsPerBlock;
  }
  /// Row blocks the grid covers at once (each block handles rowSteps).
  int64_t gridRowBlocks() const {
    return (rowBlocks() + rowSteps - 1) / rowSteps;
  }
  int64_t gridX() const { return gridRowBlocks() * blocksPerRow; }
  int64_t warpsPerRow() const {
    return threadsPerRow > 32 ? threadsPerRow / 32 : 1;
  }
  /// One f32 slot per warp of each row per reduction (rows of 32 threads or
  /// fewer reduce with shuffles alone).
  int64_t sharedBytes() const {
    return threadsPerRow > 32 ? reductions * rowsPerBlock * warpsPerRow() * 4
                              : 0;
  }
};

/// Choices a user can force (fpx-gpu-fusion-kernels' options).
struct FusionKernelOptions {
  int64_t threadsPerRow = 0; // 0: the cost model's choice
  bool fastMath = false;
  bool skipMaskedLoads = true;
  /// Resident blocks looping over rows (FusionKernelConfig::rowSteps) when
  /// the rows would take several waves.
  bool rowLoop = true;
};

/// A group's analysis (where each value lives) and launch shape.
struct FusionKernelPlan {
  FusionKernelConfig config;
  fusion::RowSpace space;
};

/// Rewrites the group's body into `linalg.generic`s (named linalg ops and
/// elementwise arith/math ops on tensors are generalized), checks that the
/// kernel generator supports it and picks the launch shape with the device's
/// cost parameters. Failures are reported on the op that is not supported.
mlir::FailureOr<FusionKernelPlan>
planFusionKernel(fusion::GroupOp group, const DeviceDescription &device,
                 const FusionKernelOptions &options = {});

/// Appends kernel `name` for the group, planned by planFusionKernel (and
/// not changed since), to `module`.
mlir::LogicalResult buildFusionKernel(mlir::OpBuilder &builder,
                                      mlir::gpu::GPUModuleOp module,
                                      llvm::StringRef name,
                                      fusion::GroupOp group,
                                      const FusionKernelPlan &plan);

} // namespace fpx

#endif // FPX_CONVERSION_FUSIONTOGPU_FUSIONKERNEL_H
