//===- FusionPlan.cpp - Search a fusion plan and outline its groups -------===//
//
// Candidates: for each grouped-able op, in producer-first order, the best
// `top-k` groups that end in it, grown from its producers' candidates (a
// small dynamic program). Plan: a beam search over those candidates,
// consumers first, that keeps groups disjoint and the program acyclic.
//
//===----------------------------------------------------------------------===//

#include "fpx/Dialect/Fusion/Transforms/FusionCostModel.h"
#include "fpx/Dialect/Fusion/Transforms/Passes.h"
#include "fpx/Dialect/Fusion/Transforms/RowSpace.h"

#include "mlir/Analysis/TopologicalSortUtils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <mutex>

namespace fpx::fusion {
#define GEN_PASS_DEF_FUSIONPLAN
#include "fpx/Dialect/Fusion/Transforms/Passes.h.inc"
} // namespace fpx::fusion

using namespace mlir;
using namespace fpx::fusion;

namespace {

struct Candidate {
  SmallVector<unsigned> members; // op indices, ascending
  FusionCostEstimate cost;
};

/// A partial plan: which ops are decided and which group each belongs to.
struct PlanState {
  llvm::BitVector assigned;
  SmallVector<int> groupOf; // -1: not in a group of two or more
  SmallVector<const Candidate *> groups;
  double score = 0;
};

class Planner {
public:
  Planner(Block &block, const FusionDeviceDescription &device, unsigned topK,
          unsigned beamWidth, bool requireKernel)
      : device(device), topK(std::max(1u, topK)),
        beamWidth(std::max(1u, beamWidth)), requireKernel(requireKernel) {
    for (Operation &op : block) {
      index[&op] = ops.size();
      ops.push_back(&op);
      classes.push_back(classifyOp(&op));
    }
    unsigned n = ops.size();
    preds.resize(n);
    succs.resize(n);
    for (unsigned j = 0; j < n; ++j) {
      // Uses inside nested regions are edges too: they order the ops.
      ops[j]->walk([&](Operation *inner) {
        for (Value operand : inner->getOperands()) {
          Operation *def = operand.getDefiningOp();
          if (!def || def->getBlock() != &block)
            continue;
          unsigned i = index.lookup(def);
          if (i != j && !llvm::is_contained(preds[j], i)) {
            preds[j].push_back(i);
            succs[i].push_back(j);
          }
        }
      });
      llvm::sort(preds[j]);
    }
    reach.assign(n, llvm::BitVector(n));
    for (unsigned i = n; i-- > 0;)
      for (unsigned s : succs[i]) {
        reach[i].set(s);
        reach[i] |= reach[s];
      }
  }

  SmallVector<Candidate> plan() {
    buildCandidates();
    return search();
  }

  Operation *op(unsigned i) const { return ops[i]; }

private:
  /// No path may leave the set and come back into it.
  bool isConvex(const llvm::BitVector &set) const {
    llvm::BitVector out(ops.size());
    for (unsigned i : set.set_bits())
      out |= reach[i];
    out.reset(set);
    for (unsigned o : out.set_bits())
      if (reach[o].anyCommon(set))
        return false;
    return true;
  }

  /// Whether the fusion kernel generator can run the set as one kernel
  /// (one rows x columns space; see RowSpace.h).
  bool isCompilable(ArrayRef<unsigned> members) const {
    if (!requireKernel)
      return true;
    SmallVector<Operation *> groupOps;
    for (unsigned i : members)
      groupOps.push_back(ops[i]);
    return succeeded(analyzeRowSpace(groupOps, /*emitErrors=*/false));
  }

  FusionCostEstimate estimate(ArrayRef<unsigned> members) const {
    SmallVector<Operation *> groupOps;
    for (unsigned i : members)
      groupOps.push_back(ops[i]);
    FusionCostEstimate cost = estimateGroup(groupOps, device);
    if (members.size() == 1)
      cost.delta = 0; // a lone op is the unfused baseline
    return cost;
  }

  static bool better(const Candidate &a, const Candidate &b) {
    if (a.cost.delta != b.cost.delta)
      return a.cost.delta > b.cost.delta;
    if (a.members.size() != b.members.size())
      return a.members.size() > b.members.size();
    return a.members < b.members;
  }

  void buildCandidates() {
    unsigned n = ops.size();
    candidates.resize(n);
    for (unsigned i = 0; i < n; ++i) {
      if (classes[i] == OpClass::None)
        continue;
      SmallVector<Candidate> current;
      current.push_back({{i}, estimate({i})});
      for (unsigned p : preds[i]) {
        if (classes[p] == OpClass::None)
          continue;
        SmallVector<Candidate> grown;
        for (const Candidate &base : current)
          for (const Candidate &extra : candidates[p]) {
            SmallVector<unsigned> merged;
            std::set_union(base.members.begin(), base.members.end(),
                           extra.members.begin(), extra.members.end(),
                           std::back_inserter(merged));
            if (merged.size() == base.members.size())
              continue;
            auto same = [&](const Candidate &c) { return c.members == merged; };
            if (llvm::any_of(current, same) || llvm::any_of(grown, same))
              continue;
            llvm::BitVector set(n);
            for (unsigned m : merged)
              set.set(m);
            if (!isConvex(set) || !isCompilable(merged))
              continue;
            FusionCostEstimate cost = estimate(merged);
            grown.push_back({std::move(merged), cost});
          }
        llvm::append_range(current, grown);
        // The lone op stays first so that "do not fuse" is always possible.
        std::stable_sort(current.begin() + 1, current.end(), better);
        if (current.size() > topK + 1)
          current.resize(topK + 1);
      }
      candidates[i] = std::move(current);
    }
  }

  /// Whether adding group `gid` closes a cycle among groups and the
  /// remaining single ops: a walk from its successors must not come back.
  bool closesCycle(const PlanState &state, int gid) const {
    const Candidate &group = *state.groups[gid];
    llvm::BitVector seen(ops.size());
    llvm::BitVector seenGroup(state.groups.size());
    SmallVector<unsigned> stack;
    auto pushSuccessors = [&](unsigned i) {
      for (unsigned s : succs[i])
        if (!seen.test(s)) {
          seen.set(s);
          stack.push_back(s);
        }
    };
    seenGroup.set(gid);
    // Start from the edges that leave the group; edges inside it are fine.
    for (unsigned m : group.members)
      for (unsigned s : succs[m])
        if (state.groupOf[s] != gid && !seen.test(s)) {
          seen.set(s);
          stack.push_back(s);
        }
    while (!stack.empty()) {
      unsigned o = stack.pop_back_val();
      int g = state.groupOf[o];
      if (g == gid)
        return true;
      if (g < 0) {
        pushSuccessors(o);
      } else if (!seenGroup.test(g)) {
        seenGroup.set(g);
        for (unsigned m : state.groups[g]->members)
          pushSuccessors(m);
      }
    }
    return false;
  }

  SmallVector<Candidate> search() {
    unsigned n = ops.size();
    PlanState initial;
    initial.assigned.resize(n);
    initial.groupOf.assign(n, -1);
    SmallVector<PlanState> beam{initial};
    for (unsigned i = n; i-- > 0;) {
      if (classes[i] == OpClass::None)
        continue;
      SmallVector<PlanState> next;
      for (PlanState &state : beam) {
        if (state.assigned.test(i)) {
          next.push_back(std::move(state));
          continue;
        }
        for (const Candidate &candidate : candidates[i]) {
          if (llvm::any_of(candidate.members,
                           [&](unsigned m) { return state.assigned.test(m); }))
            continue;
          if (candidate.members.size() > 1 && candidate.cost.delta <= 0)
            continue;
          PlanState extended = state;
          for (unsigned m : candidate.members)
            extended.assigned.set(m);
          if (candidate.members.size() > 1) {
            int gid = extended.groups.size();
            extended.groups.push_back(&candidate);
            for (unsigned m : candidate.members)
              extended.groupOf[m] = gid;
            if (closesCycle(extended, gid))
              continue;
            extended.score += candidate.cost.delta;
          }
          next.push_back(std::move(extended));
        }
      }
      std::stable_sort(next.begin(), next.end(),
                       [](const PlanState &a, const PlanState &b) {
                         return a.score > b.score;
                       });
      // Different choices can reach the same partition; keep one of each.
      SmallVector<PlanState> kept;
      for (PlanState &state : next) {
        if (kept.size() == beamWidth)
          break;
        bool duplicate = llvm::any_of(kept, [&](const PlanState &k) {
          return k.assigned == state.assigned && k.groupOf == state.groupOf;
        });
        if (!duplicate)
          kept.push_back(std::move(state));
      }
      beam = std::move(kept);
    }
    SmallVector<Candidate> chosen;
    for (const Candidate *group : beam.front().groups)
      chosen.push_back(*group);
    llvm::sort(chosen, [](const Candidate &a, const Candidate &b) {
      return a.members.front() < b.members.front();
    });
    return chosen;
  }

  const FusionDeviceDescription &device;
  unsigned topK, beamWidth;
  bool requireKernel;
  SmallVector<Operation *> ops;
  DenseMap<Operation *, unsigned> index;
  SmallVector<OpClass> classes;
  SmallVector<SmallVector<unsigned>> preds, succs;
  SmallVector<llvm::BitVector> reach;
  SmallVector<SmallVector<Candidate>> candidates;
};

/// The group member that holds `op` (itself or an ancestor), if any.
Operation *memberOf(Operation *op, const llvm::SmallPtrSetImpl<Operation *> &members) {
  for (; op; op = op->getParentOp())
    if (members.contains(op))
      return op;
  return nullptr;
}

/// Kind of the group and stitch scheme of each intermediate, per the rules
/// in docs/Fusion.md.
FusionKind assignStitching(ArrayRef<Operation *> groupOps,
                           DenseMap<Operation *, StitchScheme> &schemes) {
  llvm::SmallPtrSet<Operation *, 16> members(groupOps.begin(), groupOps.end());
  bool anyReduction = false, stitched = false;
  for (Operation *op : groupOps) {
    bool usedInside = llvm::any_of(op->getUsers(), [&](Operation *user) {
      return memberOf(user, members) != nullptr;
    });
    OpClass cls = classifyOp(op);
    if (cls == OpClass::Reduction)
      anyReduction = true;
    if (!usedInside)
      continue;
    if (cls != OpClass::Reduction) {
      schemes[op] = StitchScheme::Register;
      continue;
    }
    // Follow the per-row values (elementwise ops and reshapes of the
    // reduction result) to see what finally consumes them.
    bool toBroadcast = false, toReduction = false;
    SmallVector<Operation *> work{op};
    llvm::SmallPtrSet<Operation *, 8> visited;
    while (!work.empty()) {
      Operation *current = work.pop_back_val();
      for (Operation *user : current->getUsers()) {
        Operation *member = memberOf(user, members);
        if (!member || !visited.insert(member).second)
          continue;
        OpClass userClass = classifyOp(member);
        if (userClass == OpClass::Broadcast)
          toBroadcast = true;
        else if (userClass == OpClass::Reduction)
          toReduction = true;
        else
          work.push_back(member);
      }
    }
    if (toBroadcast || toReduction) {
      stitched = true;
      schemes[op] = toBroadcast ? StitchScheme::Shared : StitchScheme::Global;
    } else {
      schemes[op] = StitchScheme::Register;
    }
  }
  if (stitched)
    return FusionKind::Stitch;
  return anyReduction ? FusionKind::Input : FusionKind::Loop;
}

/// Collects `value`'s clonable helper producers, dependencies first.
void collectHelper(Value value, llvm::SetVector<Operation *> &helpers) {
  Operation *def = value.getDefiningOp();
  if (!def || helpers.contains(def))
    return;
  for (Value operand : def->getOperands())
    collectHelper(operand, helpers);
  helpers.insert(def);
}

void outline(ArrayRef<Operation *> groupOps) {
  llvm::SmallPtrSet<Operation *, 16> members(groupOps.begin(), groupOps.end());
  DenseMap<Operation *, StitchScheme> schemes;
  FusionKind kind = assignStitching(groupOps, schemes);

  llvm::SetVector<Value> inputs;
  llvm::SetVector<Operation *> helpers;
  auto addUsed = [&](Value value) {
    Operation *def = value.getDefiningOp();
    if (def && memberOf(def, members))
      return;
    if (def && isClonableHelper(def))
      collectHelper(value, helpers);
    else
      inputs.insert(value);
  };
  for (Operation *op : groupOps) {
    for (Value operand : op->getOperands())
      addUsed(operand);
    llvm::SetVector<Value> above;
    getUsedValuesDefinedAbove(op->getRegions(), above);
    for (Value value : above)
      addUsed(value);
  }
  SmallVector<Value> results;
  for (Operation *op : groupOps)
    for (Value result : op->getResults())
      if (llvm::any_of(result.getUsers(), [&](Operation *user) {
            return !memberOf(user, members);
          }))
        results.push_back(result);
  if (results.empty())
    return; // nothing escapes: dead code, leave it to DCE

  OpBuilder builder(groupOps.back()->getContext());
  builder.setInsertionPointAfter(groupOps.back());
  auto group = GroupOp::create(builder, groupOps.front()->getLoc(),
                               TypeRange(ValueRange(results)),
                               inputs.getArrayRef(), kind);
  Block &body = group.getBody().front();
  IRMapping mapping;
  mapping.map(inputs.getArrayRef(), body.getArguments());
  builder.setInsertionPointToStart(&body);
  for (Operation *helper : helpers)
    builder.clone(*helper, mapping);
  for (Operation *op : groupOps) {
    Operation *clone = builder.clone(*op, mapping);
    if (auto it = schemes.find(op); it != schemes.end())
      clone->setAttr(kStitchAttrName,
                     StitchSchemeAttr::get(op->getContext(), it->second));
  }
  SmallVector<Value> yielded;
  for (Value result : results)
    yielded.push_back(mapping.lookup(result));
  YieldOp::create(builder, group.getLoc(), yielded);

  for (auto [result, replacement] : llvm::zip(results, group.getResults()))
    result.replaceUsesWithIf(replacement, [&](OpOperand &use) {
      return !memberOf(use.getOwner(), members);
    });
  for (Operation *op : llvm::reverse(groupOps))
    op->erase();
  for (Operation *helper : llvm::reverse(helpers))
    if (helper->use_empty())
      helper->erase();
}

const char *kindName(FusionKind kind) {
  switch (kind) {
  case FusionKind::Loop:
    return "loop";
  case FusionKind::Input:
    return "input";
  case FusionKind::Stitch:
    return "stitch";
  }
  return "?";
}

struct FusionPlanPass : public fpx::fusion::impl::FusionPlanBase<FusionPlanPass> {
  using FusionPlanBase::FusionPlanBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal() || !func.getBody().hasOneBlock())
      return;
    FusionDeviceDescription device;
    device.bandwidthBytesPerSec = bandwidthGBps * 1e9;
    device.launchCostSec = launchUs * 1e-6;
    device.smCount = std::max(1u, unsigned(smCount));
    device.sharedMemoryBytesPerBlock = int64_t(sharedMemoryKiB) * 1024;

    Block &block = func.getBody().front();
    Planner planner(block, device, topK, beamWidth, requireKernel);
    SmallVector<Candidate> plan = planner.plan();

    SmallVector<SmallVector<Operation *>> groups;
    for (const Candidate &candidate : plan) {
      SmallVector<Operation *> groupOps;
      for (unsigned m : candidate.members)
        groupOps.push_back(planner.op(m));
      groups.push_back(std::move(groupOps));
    }
    if (print)
      printPlan(func, plan, groups);
    if (!dotFile.empty() && failed(writeDot(func, block, plan, groups)))
      return signalPassFailure();
    for (ArrayRef<Operation *> groupOps : groups)
      outline(groupOps);
    if (!sortTopologically(&block)) {
      func.emitError("fusion plan created a cycle between groups");
      return signalPassFailure();
    }
  }

  /// A graphviz picture of the function's ops, one cluster per group
  /// (labelled with its kind and estimated saving), edges along use-def.
  /// Several functions go into one file as separate digraphs.
  LogicalResult writeDot(func::FuncOp func, Block &block,
                         ArrayRef<Candidate> plan,
                         ArrayRef<SmallVector<Operation *>> groups) {
    std::string text;
    llvm::raw_string_ostream os(text);
    DenseMap<Operation *, unsigned> ids;
    auto id = [&](Operation *op) {
      return ids.try_emplace(op, ids.size()).first->second;
    };
    auto label = [](Operation *op) {
      std::string name = op->getName().getStringRef().str();
      if (auto loc = dyn_cast<NameLoc>(op->getLoc()))
        name += "\\n" + loc.getName().str();
      return name;
    };
    os << "digraph \"" << func.getSymName() << "\" {\n"
       << "  node [shape=box, fontname=\"monospace\", fontsize=10];\n";
    DenseSet<Operation *> grouped;
    for (auto [i, candidate] : llvm::enumerate(plan)) {
      DenseMap<Operation *, StitchScheme> schemes;
      FusionKind kind = assignStitching(groups[i], schemes);
      os << "  subgraph cluster_" << i << " {\n    label=\"group " << i
         << " (" << kindName(kind) << "), saves "
         << llvm::format("%.2f", candidate.cost.delta * 1e6)
         << " us\";\n    style=filled; color=lightblue;\n";
      for (Operation *op : groups[i]) {
        grouped.insert(op);
        os << "    n" << id(op) << " [label=\"" << label(op) << "\"];\n";
      }
      os << "  }\n";
    }
    for (Operation &op : block) {
      if (grouped.contains(&op) || isClonableHelper(&op) ||
          op.hasTrait<OpTrait::IsTerminator>())
        continue;
      os << "  n" << id(&op) << " [label=\"" << label(&op) << "\"];\n";
    }
    for (Operation &op : block)
      for (Value operand : op.getOperands())
        if (Operation *def = operand.getDefiningOp();
            def && ids.count(def) && ids.count(&op))
          os << "  n" << ids.lookup(def) << " -> n" << ids.lookup(&op)
             << ";\n";
    os << "}\n";
    // Functions are planned in parallel; one writer at a time.
    static std::mutex fileMutex;
    std::lock_guard<std::mutex> lock(fileMutex);
    std::error_code error;
    llvm::raw_fd_ostream file(dotFile, error, llvm::sys::fs::OF_Append);
    if (error)
      return func.emitError() << "cannot write '" << dotFile
                              << "': " << error.message();
    file << text;
    return success();
  }

  void printPlan(func::FuncOp func, ArrayRef<Candidate> plan,
                 ArrayRef<SmallVector<Operation *>> groups) {
    // One remark per function: the pass manager orders diagnostics from
    // parallel function passes by op, so the output stays deterministic.
    std::string text;
    llvm::raw_string_ostream os(text);
    double total = 0;
    for (const Candidate &candidate : plan)
      total += candidate.cost.delta;
    os << "fusion plan @" << func.getSymName() << ": " << plan.size()
       << " group(s), estimated saving "
       << llvm::format("%.3f", total * 1e6) << " us";
    for (auto [i, candidate] : llvm::enumerate(plan)) {
      os << "\n";
      DenseMap<Operation *, StitchScheme> schemes;
      FusionKind kind = assignStitching(groups[i], schemes);
      const FusionCostEstimate &cost = candidate.cost;
      os << "  group " << i << " " << kindName(kind) << ":";
      for (Operation *op : groups[i])
        os << " " << op->getName().getStringRef();
      os << "\n    bytes " << cost.unfusedBytes << " -> " << cost.fusedBytes
         << ", launches saved " << cost.launchesSaved << ", parallel units "
         << cost.parallelUnits << ", shared bytes/block "
         << cost.sharedBytesPerBlock << "\n    penalties us: parallelism "
         << llvm::format("%.3f", cost.parallelismPenalty * 1e6)
         << ", shared memory "
         << llvm::format("%.3f", cost.sharedMemoryPenalty * 1e6)
         << "; delta us " << llvm::format("%.3f", cost.delta * 1e6);
    }
    func.emitRemark() << text;
  }
};

} // namespace
