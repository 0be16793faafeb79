//===- ExtractFusionGroups.cpp - Copy each group into a function ----------===//

#include "fpx/Dialect/Fusion/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"

namespace fpx::fusion {
#define GEN_PASS_DEF_EXTRACTFUSIONGROUPS
#include "fpx/Dialect/Fusion/Transforms/Passes.h.inc"
} // namespace fpx::fusion

using namespace mlir;
using namespace fpx::fusion;

namespace {
struct ExtractFusionGroupsPass
    : public fpx::fusion::impl::ExtractFusionGroupsBase<
          ExtractFusionGroupsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<std::pair<func::FuncOp, GroupOp>> groups;
    module.walk([&](GroupOp group) {
      groups.push_back({group->getParentOfType<func::FuncOp>(), group});
    });
    OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
    DenseMap<Operation *, unsigned> counts;
    for (auto [parent, group] : groups) {
      unsigned index = counts[parent]++;
      std::string name =
          ((parent ? parent.getSymName() : StringRef("module")) + "_group_" +
           Twine(index))
              .str();
      auto func = func::FuncOp::create(
          builder, group.getLoc(), name,
          builder.getFunctionType(group.getInputs().getTypes(),
                                  group.getResultTypes()));
      symbols.insert(func); // renames on a clash
      Block *entry = func.addEntryBlock();
      IRMapping mapping;
      Block &body = group.getBody().front();
      mapping.map(body.getArguments(), entry->getArguments());
      OpBuilder inside = OpBuilder::atBlockEnd(entry);
      for (Operation &op : body.without_terminator()) {
        Operation *clone = inside.clone(op, mapping);
        // The stitch attribute is only valid directly inside a group.
        clone->removeAttr(kStitchAttrName);
      }
      SmallVector<Value> results;
      for (Value value : body.getTerminator()->getOperands())
        results.push_back(mapping.lookupOrDefault(value));
      func::ReturnOp::create(inside, group.getLoc(), results);
      group->setAttr("fpx.extracted",
                     FlatSymbolRefAttr::get(func.getSymNameAttr()));
    }
  }
};
} // namespace
