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
  int64_t gridX() const {
    return (rows + rowsPerBlock - 1) / rowsPerBlock * blocksPerRow;
  }
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

/// A group's analysis (where each value lives) and launch shape.
struct FusionKernelPlan {
  FusionKernelConfig config;
  fusion::RowSpace space;
};

/// Rewrites the group's body into `linalg.generic`s (named linalg ops and
/// elementwise arith/math ops on tensors are generalized), checks that the
/// kernel generator supports it and picks the launch shape with the device's
/// cost parameters. `threadsPerRow` > 0 overrides the choice. Failures
/// are reported on the op that is not supported.
mlir::FailureOr<FusionKernelPlan>
planFusionKernel(fusion::GroupOp group, const DeviceDescription &device,
                 int64_t threadsPerRow = 0, bool fastMath = false,
                 bool skipMaskedLoads = true);

/// Appends kernel `name` for the group, planned by planFusionKernel (and
/// not changed since), to `module`.
mlir::LogicalResult buildFusionKernel(mlir::OpBuilder &builder,
                                      mlir::gpu::GPUModuleOp module,
                                      llvm::StringRef name,
                                      fusion::GroupOp group,
                                      const FusionKernelPlan &plan);

} // namespace fpx

#endif // FPX_CONVERSION_FUSIONTOGPU_FUSIONKERNEL_H
