//===- RowSpace.h - Which op groups one row-stitched kernel can run -*- C++ -*-===//
//
// FPX's fusion kernels (lib/Conversion/FusionToGPU) cover a group's ops with
// one iteration space, `rows` x `cols`: the outer loops linearized in
// row-major order, and one row (the innermost loop). This analysis decides
// whether a set of ops fits that shape and records, for the kernel
// generator, where each value lives. The plan search asks it about every
// candidate, so that each planned group can be compiled.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_DIALECT_FUSION_TRANSFORMS_ROWSPACE_H
#define FPX_DIALECT_FUSION_TRANSFORMS_ROWSPACE_H

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace fpx::fusion {

/// Where a value computed in the group lives: one register per row element
/// a thread owns (Full) or one per row, held by every thread of it (Row).
enum class Space { Row, Full };

enum class Combiner { AddF, MulF, MaximumF, MinimumF, MaxNumF, MinNumF };

/// A row reduction's payload: `combine(elementwise(inputs...), acc)`.
struct ReductionPayload {
  mlir::Operation *combine = nullptr;
  Combiner kind = Combiner::AddF;
  unsigned elementOperand = 0; // operand of `combine` that is not acc
};

struct RowSpace {
  int64_t rows = 1;
  int64_t cols = 1;
  /// Values computed by the ops.
  llvm::DenseMap<mlir::Value, Space> space;
  /// Values from outside the ops (and reshapes of them): their tensors are
  /// read from global memory. Maps each to the outside value it views.
  llvm::DenseMap<mlir::Value, mlir::Value> globalViews;
  llvm::DenseMap<mlir::Operation *, ReductionPayload> reductions;
  /// Each op's outer loops (the row index delinearized in its own shape).
  llvm::DenseMap<mlir::Operation *, llvm::SmallVector<int64_t>> outerLoops;
  llvm::DenseSet<mlir::Operation *> fullOps;

  bool isFullOp(mlir::Operation *op) const { return fullOps.contains(op); }
};

/// Analyzes `ops` (in block order): linalg ops, elementwise arith/math ops
/// on tensors, tensor.expand_shape/collapse_shape, tensor.empty and splat or
/// scalar constants. Values they use but do not define are the inputs.
/// With `emitErrors`, a failure is reported on the op at fault.
mlir::FailureOr<RowSpace> analyzeRowSpace(llvm::ArrayRef<mlir::Operation *> ops,
                                          bool emitErrors);

/// Scalar constants and splat tensor constants.
bool isSplatOrScalarConstant(mlir::Value value);

} // namespace fpx::fusion

#endif // FPX_DIALECT_FUSION_TRANSFORMS_ROWSPACE_H
