//===- FusionKernelsPass.cpp - Generate kernels for fusion groups ---------===//

#include "fpx/Conversion/FusionToGPU/FusionKernel.h"
#include "fpx/Conversion/Passes.h"
#include "fpx/Conversion/Utils/KernelModule.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/Support/FormatVariadic.h"

namespace fpx {
#define GEN_PASS_DEF_FPXGPUFUSIONKERNELS
#include "fpx/Conversion/Passes.h.inc"
} // namespace fpx

using namespace mlir;
using namespace fpx;

namespace {

struct FusionKernelsPass
    : public fpx::impl::FPxGPUFusionKernelsBase<FusionKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<fusion::GroupOp> groups;
    module.walk([&](fusion::GroupOp group) { groups.push_back(group); });
    if (groups.empty())
      return;
    gpu::GPUModuleOp kernels = getOrCreateKernelModule(module);
    DeviceDescription device = DeviceDescription::h100();
    OpBuilder builder(module.getContext());
    DenseMap<Operation *, int64_t> groupIndex;
    for (fusion::GroupOp group : groups) {
      auto func = group->getParentOfType<func::FuncOp>();
      std::string name = uniqueKernelName(
          kernels, ("fusion_" + (func ? func.getSymName() : "group")).str());
      // With `fallback`, the generator's errors become one remark and the
      // group stays without a launch.
      std::string reason;
      std::optional<ScopedDiagnosticHandler> capture;
      if (fallback)
        capture.emplace(module.getContext(), [&](Diagnostic &diag) {
          if (diag.getSeverity() != DiagnosticSeverity::Error)
            return failure();
          if (reason.empty())
            reason = diag.str();
          return success();
        });
      FailureOr<FusionKernelPlan> plan =
          planFusionKernel(group, device, threadsPerRow, fastMath,
                           skipMaskedLoads);
      if (succeeded(plan) &&
          failed(buildFusionKernel(builder, kernels, name, group, *plan)))
        plan = failure();
      capture.reset();
      if (failed(plan)) {
        if (!fallback)
          return signalPassFailure();
        if (Operation *partial = SymbolTable::lookupSymbolIn(kernels, name))
          partial->erase();
        ++groupIndex[func];
        if (report)
          group.emitRemark() << "no fusion kernel (" << reason
                             << "); the group's ops run unfused";
        continue;
      }
      const FusionKernelConfig &c = plan->config;
      if (report)
        group.emitRemark() << "fusion kernel " << name << ": " << c.rows
                           << " rows x " << c.cols << " columns, "
                           << c.threadsPerRow << " threads per row"
                           << (c.blocksPerRow > 1
                                   ? " in each of " +
                                         std::to_string(c.blocksPerRow) +
                                         " blocks"
                                   : std::string())
                           << ", "
                           << c.rowsPerBlock << " rows per block, "
                           << c.chunks() << " x " << c.vectorWidth
                           << " elements per thread, " << c.reductions
                           << " reduction(s), " << c.sharedBytes()
                           << " shared bytes"
                           << (c.streamRows ? ", rows streamed" : "")
                           << "; estimated "
                           << llvm::formatv("{0:F2}", c.estimatedMicros).str() << " us";
      auto i64 = [&](int64_t v) { return builder.getI64IntegerAttr(v); };
      group->setAttr(
          "fpx.launch",
          builder.getDictionaryAttr(
              {builder.getNamedAttr("kernel", builder.getStringAttr(name)),
               // Which group of which function (walk order), e.g. to pair
               // the kernel with --fpx-extract-fusion-groups' functions.
               builder.getNamedAttr(
                   "function",
                   builder.getStringAttr(func ? func.getSymName() : "")),
               builder.getNamedAttr("group", i64(groupIndex[func]++)),
               builder.getNamedAttr("grid_x", i64(c.gridX())),
               builder.getNamedAttr("block_x", i64(c.blockThreads())),
               builder.getNamedAttr("rows", i64(c.rows)),
               builder.getNamedAttr("cols", i64(c.cols)),
               builder.getNamedAttr("threads_per_row", i64(c.threadsPerRow)),
               builder.getNamedAttr("blocks_per_row", i64(c.blocksPerRow)),
               builder.getNamedAttr("vector_width", i64(c.vectorWidth)),
               builder.getNamedAttr("shared_bytes", i64(c.sharedBytes())),
               builder.getNamedAttr(
                   "estimated_us",
                   builder.getF64FloatAttr(c.estimatedMicros))}));
    }
  }
};

} // namespace
