//===- InlineFusionGroups.cpp - Put group bodies back in place ------------===//

#include "fpx/Dialect/Fusion/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace fpx::fusion {
#define GEN_PASS_DEF_INLINEFUSIONGROUPS
#include "fpx/Dialect/Fusion/Transforms/Passes.h.inc"
} // namespace fpx::fusion

using namespace mlir;
using namespace fpx::fusion;

namespace {
struct InlineFusionGroupsPass
    : public fpx::fusion::impl::InlineFusionGroupsBase<InlineFusionGroupsPass> {
  void runOnOperation() override {
    SmallVector<GroupOp> groups;
    getOperation()->walk([&](GroupOp group) { groups.push_back(group); });
    IRRewriter rewriter(&getContext());
    for (GroupOp group : groups) {
      Block &body = group.getBody().front();
      auto yield = cast<YieldOp>(body.getTerminator());
      SmallVector<Value> values(yield.getValues());
      // The stitch attribute is only valid directly inside a group.
      for (Operation &op : body.without_terminator())
        op.removeAttr(kStitchAttrName);
      rewriter.eraseOp(yield);
      rewriter.inlineBlockBefore(&body, group, group.getInputs());
      rewriter.replaceOp(group, values);
    }
  }
};
} // namespace
