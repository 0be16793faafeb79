//===- MergeKernelModules.cpp - One module, one copy of each kernel -------===//
//
// gpu-kernel-outlining gives every launch a gpu.module of its own. A model's
// layers repeat the same ops at the same shapes, so most of those kernels
// are copies; and each module would be a separate ptxas run and binary.
//
//===----------------------------------------------------------------------===//

#include "fpx/Conversion/Passes.h"
#include "fpx/Conversion/Utils/KernelModule.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/StringMap.h"

namespace fpx {
#define GEN_PASS_DEF_FPXGPUMERGEKERNELMODULES
#include "fpx/Conversion/Passes.h.inc"
} // namespace fpx

using namespace mlir;
using namespace fpx;

namespace {

/// The kernel as text, with a fixed name and without locations: equal for
/// kernels that compile to the same code.
std::string printWithoutName(gpu::GPUFuncOp kernel) {
  OpBuilder builder(kernel->getContext());
  auto copy = cast<gpu::GPUFuncOp>(builder.clone(*kernel));
  copy.setName("kernel");
  std::string text;
  llvm::raw_string_ostream os(text);
  copy->print(os, OpPrintingFlags().useLocalScope());
  copy.erase();
  return text;
}

struct MergeKernelModulesPass
    : public fpx::impl::FPxGPUMergeKernelModulesBase<MergeKernelModulesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> outlined;
    for (auto kernels : module.getOps<gpu::GPUModuleOp>())
      if (kernels.getSymName() != "fpx_kernels" &&
          llvm::all_of(kernels.getBody()->getOperations(), [](Operation &op) {
            auto func = dyn_cast<gpu::GPUFuncOp>(op);
            return func && func.isKernel();
          }))
        outlined.push_back(kernels);
    if (outlined.empty())
      return;

    gpu::GPUModuleOp target = getOrCreateKernelModule(module);
    OpBuilder builder = OpBuilder::atBlockEnd(target.getBody());
    llvm::StringMap<StringAttr> byText;
    DenseMap<SymbolRefAttr, SymbolRefAttr> retarget;
    for (gpu::GPUModuleOp kernels : outlined) {
      for (auto kernel :
           llvm::make_early_inc_range(kernels.getOps<gpu::GPUFuncOp>())) {
        auto old = SymbolRefAttr::get(
            kernels.getSymNameAttr(),
            {FlatSymbolRefAttr::get(kernel.getNameAttr())});
        std::string text = printWithoutName(kernel);
        auto [it, inserted] = byText.try_emplace(text, StringAttr());
        if (inserted) {
          std::string name =
              uniqueKernelName(target, ("loop_" + kernel.getName()).str());
          kernel->moveBefore(target.getBody(), target.getBody()->end());
          kernel.setName(name);
          it->second = kernel.getNameAttr();
        }
        retarget[old] = SymbolRefAttr::get(
            target.getSymNameAttr(), {FlatSymbolRefAttr::get(it->second)});
      }
      kernels.erase();
    }
    module.walk([&](gpu::LaunchFuncOp launch) {
      if (SymbolRefAttr moved = retarget.lookup(launch.getKernel()))
        launch.setKernelAttr(moved);
    });
  }
};

} // namespace
