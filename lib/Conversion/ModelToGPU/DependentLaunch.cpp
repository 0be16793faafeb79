//===- DependentLaunch.cpp - Kernels as programmatic dependents -----------===//
//
// Between two kernels of a stream the GPU drains one grid and sets up the
// next; at decode sizes that gap is a large part of each kernel's time. A
// kernel launched as a programmatic dependent may start early, so every
// kernel must wait for its predecessor before it touches memory.
//
//===----------------------------------------------------------------------===//

#include "fpx/Conversion/Passes.h"
#include "fpx/Conversion/Utils/KernelModule.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"

namespace fpx {
#define GEN_PASS_DEF_FPXGPUDEPENDENTLAUNCH
#include "fpx/Conversion/Passes.h.inc"
} // namespace fpx

using namespace mlir;
using namespace fpx;

namespace {
struct DependentLaunchPass
    : public fpx::impl::FPxGPUDependentLaunchBase<DependentLaunchPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    OpBuilder builder(module.getContext());
    module.walk([&](gpu::GPUFuncOp func) {
      if (!func.isKernel() || func.isExternal())
        return;
      // (Kernels that wait themselves, e.g. GEMMs that fetch weights
      // before waiting, know better where to wait.)
      bool waits = false;
      func.walk([&](NVVM::GriddepcontrolOp op) {
        waits |= op.getKind() == NVVM::GridDepActionKind::wait;
      });
      if (waits)
        return;
      builder.setInsertionPointToStart(&func.getBody().front());
      emitDependentLaunchStart(builder, func.getLoc());
    });
    module->setAttr(kDependentLaunchAttrName, builder.getUnitAttr());
  }
};
} // namespace
