//===- Passes.td - Fusion planning passes ------------------*- tablegen -*-===//

#ifndef FPX_DIALECT_FUSION_TRANSFORMS_PASSES_TD
#define FPX_DIALECT_FUSION_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def FusionPlan : Pass<"fpx-fusion-plan", "::mlir::func::FuncOp"> {
  let summary = "Plan fusion of memory-bound tensor ops into fpx_fusion.group";
  let description = [{
    Searches, per function, for a plan that groups memory-bound ops
    (elementwise, broadcast, transpose and reduction `linalg` ops,
    `tensor.expand_shape`/`collapse_shape`, `arith`/`math` on tensors) of the
    entry block into kernels, and outlines each chosen group of two or more
    ops into an `fpx_fusion.group`.

    Candidates are built consumer by consumer in producer-first order: each
    op keeps its `top-k` best groups that end in it, grown from its
    producers' candidates. A beam search of width `beam-width` then picks
    non-overlapping candidates, consumers first, rejecting any choice whose
    groups would form a cycle through the rest of the program. Candidates
    are ranked by `FusionCostModel` (global traffic and launches saved minus
    penalties for lost parallelism and shared-memory overflow), with an H100
    as the default device.

    Matmuls, convolutions, ops with memory effects, dynamically shaped ops
    and ops the pass does not know stay outside groups. With
    `require-kernel` (the default) a candidate is kept only if the GPU
    fusion kernel generator can run it: all its ops share one iteration
    space of rows x a row, reductions run over the row, values computed in
    the group are not transposed (`RowSpace.h`). Splat/scalar
    constants, `tensor.empty` and `linalg.fill` of them are cloned into the
    groups that use them.

    Example: `fpx-opt --fpx-fusion-plan="print=true top-k=8 beam-width=8"`
  }];
  let options = [
    Option<"topK", "top-k", "unsigned", /*default=*/"8",
           "Candidate groups kept per consumer op">,
    Option<"beamWidth", "beam-width", "unsigned", /*default=*/"8",
           "Partial plans kept by the beam search">,
    Option<"requireKernel", "require-kernel", "bool", /*default=*/"true",
           "Only form groups that one fusion kernel can run: ops sharing one "
           "rows x columns space (RowSpace.h), as --fpx-gpu-fusion-kernels "
           "needs">,
    Option<"dotFile", "dot-file", "std::string", /*default=*/"\"\"",
           "Append a graphviz picture of each function's plan (ops, groups "
           "as clusters, use-def edges) to this file; render with "
           "`dot -Tsvg`">,
    Option<"print", "print", "bool", /*default=*/"false",
           "Report the chosen plan and its estimated costs as a remark "
           "on each function">,
    Option<"bandwidthGBps", "bandwidth-gbps", "double", /*default=*/"3350.0",
           "Device global-memory bandwidth in GB/s">,
    Option<"launchUs", "launch-us", "double", /*default=*/"4.0",
           "Cost of one kernel launch in microseconds">,
    Option<"smCount", "sm-count", "unsigned", /*default=*/"132",
           "Number of streaming multiprocessors">,
    Option<"sharedMemoryKiB", "shared-memory-kib", "unsigned",
           /*default=*/"227", "Shared memory one block may use, in KiB">,
  ];
  let dependentDialects = ["::fpx::fusion::FusionDialect"];
}

def ExtractFusionGroups : Pass<"fpx-extract-fusion-groups", "::mlir::ModuleOp"> {
  let summary = "Copy each fpx_fusion.group into a function of its own";
  let description = [{
    Appends, for the i-th group of function `@f` (in walk order),
    `func.func @f_group_i` taking the group's inputs and returning its
    results, with the group's ops, and marks the group with
    `fpx.extracted = @f_group_i`. The program itself is unchanged. The
    functions can be compiled and run on the CPU path on their own, e.g. to
    check each group's GPU kernel against them
    (test/Integration/GPU/Inputs/check_model_groups.py).
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def InlineFusionGroups : Pass<"fpx-inline-fusion-groups"> {
  let summary = "Inline fpx_fusion.group bodies back into their parents";
  let description = [{
    Replaces each `fpx_fusion.group` by the ops of its body and drops the
    `fpx_fusion.stitch` attributes, so that planned programs run on the CPU
    path, which has no kernel generator for groups. `--fpx-cpu-pipeline`
    runs it first.
  }];
}

#endif // FPX_DIALECT_FUSION_TRANSFORMS_PASSES_TD
