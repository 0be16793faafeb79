//===- FusionCostModel.h - Op classes and the fusion cost model ---*- C++ -*-===//

#ifndef FPX_DIALECT_FUSION_TRANSFORMS_FUSIONCOSTMODEL_H
#define FPX_DIALECT_FUSION_TRANSFORMS_FUSIONCOSTMODEL_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"

#include <cstdint>

namespace fpx::fusion {

/// What the planner knows about an op. `None` ops are never grouped.
enum class OpClass { None, Elementwise, Broadcast, Transpose, Reshape, Reduction };

/// Classifies `op` as a memory-bound op the planner may group: statically
/// shaped, free of memory effects, not a contraction or convolution.
OpClass classifyOp(mlir::Operation *op);

/// True for cheap ops without inputs worth loading (`tensor.empty`, scalar or
/// splat constants, `linalg.fill` of such values) that a group clones
/// instead of taking as inputs.
bool isClonableHelper(mlir::Operation *op);

/// The device the estimates are for. Defaults: one H100 SXM.
struct FusionDeviceDescription {
  double bandwidthBytesPerSec = 3.35e12;
  double launchCostSec = 4.0e-6;
  int64_t smCount = 132;
  int64_t sharedMemoryBytesPerBlock = 227 * 1024;
};

/// Estimated effect of running a set of ops as one kernel instead of one
/// kernel per op. Times are in seconds; `delta` > 0 means fusing pays off.
struct FusionCostEstimate {
  int64_t unfusedBytes = 0;
  int64_t fusedBytes = 0;
  int64_t launchesSaved = 0;
  int64_t parallelUnits = 0;     // blocks a reduction group can spread over
  int64_t sharedBytesPerBlock = 0;
  double parallelismPenalty = 0;
  double sharedMemoryPenalty = 0;
  double delta = 0;
};

/// Deterministic estimate for grouping `ops` (given in block order; all of
/// them must be classified ops, helpers excluded).
FusionCostEstimate estimateGroup(llvm::ArrayRef<mlir::Operation *> ops,
                                 const FusionDeviceDescription &device);

/// Bytes of a statically shaped tensor value; 0 for scalars and helpers.
int64_t tensorBytes(mlir::Value value);

} // namespace fpx::fusion

#endif // FPX_DIALECT_FUSION_TRANSFORMS_FUSIONCOSTMODEL_H
