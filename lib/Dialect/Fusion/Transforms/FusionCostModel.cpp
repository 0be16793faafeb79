//===- FusionCostModel.cpp - Op classes and the fusion cost model ---------===//

#include "fpx/Dialect/Fusion/Transforms/FusionCostModel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <algorithm>

using namespace mlir;

namespace fpx::fusion {

static bool allStaticTensors(Operation *op) {
  auto isStatic = [](Type type) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    return !isa<TensorType>(type) || (tensor && tensor.hasStaticShape());
  };
  return llvm::all_of(op->getOperandTypes(), isStatic) &&
         llvm::all_of(op->getResultTypes(), isStatic);
}

OpClass classifyOp(Operation *op) {
  if (op->getNumResults() == 0 || op->getNumRegions() > 1 ||
      !isMemoryEffectFree(op) || !allStaticTensors(op) ||
      isClonableHelper(op))
    return OpClass::None;
  if (!llvm::all_of(op->getResultTypes(), llvm::IsaPred<RankedTensorType>))
    return OpClass::None;

  if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(op))
    return OpClass::Reshape;

  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
    if (!linalgOp.hasPureTensorSemantics() ||
        linalg::isaContractionOpInterface(linalgOp) ||
        linalg::isaConvolutionOpInterface(linalgOp) || isa<linalg::FillOp>(op))
      return OpClass::None;
    // Payloads with effects (calls, prints) would be reordered by fusion.
    for (Region &region : op->getRegions())
      for (Operation &inner : region.getOps())
        if (!isMemoryEffectFree(&inner))
          return OpClass::None;
    if (linalgOp.getNumReductionLoops() > 0) {
      // Only single-output reductions over projected permutations: anything
      // fancier (windows, gathers through maps) is not a plain reduction.
      if (linalgOp.getNumDpsInits() != 1 ||
          !llvm::all_of(linalgOp.getIndexingMapsArray(), [](AffineMap map) {
            return map.isProjectedPermutation();
          }))
        return OpClass::None;
      return OpClass::Reduction;
    }
    if (isa<linalg::BroadcastOp>(op))
      return OpClass::Broadcast;
    if (isa<linalg::TransposeOp>(op))
      return OpClass::Transpose;
    bool broadcast = false, transpose = false;
    for (OpOperand *input : linalgOp.getDpsInputOperands()) {
      if (!isa<RankedTensorType>(input->get().getType()))
        continue;
      AffineMap map = linalgOp.getMatchingIndexingMap(input);
      // A constant 0 reads a unit dimension of a broadcast operand, as in
      // `(d0, d1) -> (d0, 0)` for a [T, 1] row value.
      if (!map.isProjectedPermutation(/*allowZeroInResults=*/true))
        return OpClass::None;
      if (map.getNumResults() < map.getNumDims() ||
          llvm::any_of(map.getResults(), llvm::IsaPred<AffineConstantExpr>))
        broadcast = true;
      else if (!map.isIdentity())
        transpose = true;
    }
    return broadcast   ? OpClass::Broadcast
           : transpose ? OpClass::Transpose
                       : OpClass::Elementwise;
  }

  Dialect *dialect = op->getDialect();
  if (dialect && isa<arith::ArithDialect, math::MathDialect>(dialect) &&
      op->getNumRegions() == 0 && !isa<arith::ConstantOp>(op))
    return OpClass::Elementwise;
  return OpClass::None;
}

bool isClonableHelper(Operation *op) {
  if (isa<tensor::EmptyOp>(op))
    return allStaticTensors(op);
  if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
    if (!isa<ShapedType>(constant.getType()))
      return true;
    auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
    return dense && dense.isSplat();
  }
  if (auto fill = dyn_cast<linalg::FillOp>(op)) {
    if (!fill.hasPureTensorSemantics())
      return false;
    return llvm::all_of(op->getOperands(), [](Value operand) {
      Operation *def = operand.getDefiningOp();
      return def && isClonableHelper(def);
    });
  }
  return false;
}

int64_t tensorBytes(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape())
    return 0;
  if (Operation *def = value.getDefiningOp(); def && isClonableHelper(def))
    return 0;
  Type element = type.getElementType();
  int64_t bits = element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 64;
  return (type.getNumElements() * bits + 7) / 8;
}

/// Tensor operands an op actually loads: a linalg op's init is loaded only
/// when its payload reads it (reductions, accumulations).
static SmallVector<Value> loadedOperands(Operation *op) {
  SmallVector<Value> values;
  auto add = [&](Value value) {
    if (isa<RankedTensorType>(value.getType()) && !llvm::is_contained(values, value))
      values.push_back(value);
  };
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
    for (OpOperand &operand : op->getOpOperands())
      if (!linalgOp.isDpsInit(&operand) || linalgOp.payloadUsesValueFromOperand(&operand))
        add(operand.get());
    return values;
  }
  for (Value operand : op->getOperands())
    add(operand);
  return values;
}

FusionCostEstimate estimateGroup(ArrayRef<Operation *> ops,
                                 const FusionDeviceDescription &device) {
  FusionCostEstimate estimate;
  llvm::SmallPtrSet<Operation *, 16> members(ops.begin(), ops.end());
  SmallVector<Value> externalInputs;
  int64_t kernels = 0;
  int64_t minRows = -1;
  for (Operation *op : ops) {
    OpClass cls = classifyOp(op);
    // Reshapes are views: no kernel and no traffic of their own.
    bool isView = cls == OpClass::Reshape;
    if (!isView)
      ++kernels;
    for (Value input : loadedOperands(op)) {
      if (!isView)
        estimate.unfusedBytes += tensorBytes(input);
      Operation *def = input.getDefiningOp();
      if ((!def || !members.contains(def)) &&
          !llvm::is_contained(externalInputs, input)) {
        externalInputs.push_back(input);
        // A view at the boundary still means its source is loaded once.
        estimate.fusedBytes += tensorBytes(input);
      }
    }
    for (Value result : op->getResults()) {
      if (!isView)
        estimate.unfusedBytes += tensorBytes(result);
      bool usedOutside = false, usedInside = false;
      for (Operation *user : result.getUsers()) {
        // Users nested in a member's region are inside too.
        Operation *top = user;
        while (top && !members.contains(top))
          top = top->getParentOp();
        (top ? usedInside : usedOutside) = true;
      }
      if (usedOutside)
        estimate.fusedBytes += tensorBytes(result);
      if (cls == OpClass::Reduction) {
        int64_t rows = std::max<int64_t>(
            1, cast<RankedTensorType>(result.getType()).getNumElements());
        minRows = minRows < 0 ? rows : std::min(minRows, rows);
        if (usedInside) {
          // A stitched reduction keeps its input rows on chip so consumers
          // in the same block do not reload them.
          auto input = cast<RankedTensorType>(op->getOperand(0).getType());
          int64_t rowElems = input.getNumElements() / rows;
          Type element = input.getElementType();
          int64_t bits =
              element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 64;
          estimate.sharedBytesPerBlock += (rowElems * bits + 7) / 8;
        }
      }
    }
  }
  estimate.launchesSaved = std::max<int64_t>(0, kernels - 1);
  double bandwidth = device.bandwidthBytesPerSec;
  double fusedTime = double(estimate.fusedBytes) / bandwidth;
  if (minRows > 0) {
    // A reduction kernel gives one block per output row; fewer rows than
    // SMs leaves the rest of the device idle for the whole fused kernel.
    estimate.parallelUnits = minRows;
    if (minRows < device.smCount && kernels > 1)
      estimate.parallelismPenalty =
          fusedTime * (double(device.smCount) / double(minRows) - 1.0);
    if (estimate.sharedBytesPerBlock > device.sharedMemoryBytesPerBlock)
      // Rows that do not fit go through global memory: written and reread.
      estimate.sharedMemoryPenalty =
          2.0 *
          double(estimate.sharedBytesPerBlock -
                 device.sharedMemoryBytesPerBlock) *
          double(minRows) / bandwidth;
  }
  estimate.delta =
      double(estimate.unfusedBytes - estimate.fusedBytes) / bandwidth +
      double(estimate.launchesSaved) * device.launchCostSec -
      estimate.parallelismPenalty - estimate.sharedMemoryPenalty;
  return estimate;
}

} // namespace fpx::fusion
