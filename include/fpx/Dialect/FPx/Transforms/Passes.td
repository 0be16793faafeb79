//===- Passes.td - FPx transformation passes ---------------*- tablegen -*-===//

#ifndef FPX_DIALECT_FPX_TRANSFORMS_PASSES_TD
#define FPX_DIALECT_FPX_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def FPxQuantizeWeights : Pass<"fpx-quantize-weights", "::mlir::ModuleOp"> {
  let summary = "Rewrite matmuls with constant or marked weights to fpx.qmatmul";
  let description = [{
    Finds `linalg.matmul` and `linalg.batch_matmul` (plain or with a
    transposed weight through `indexing_maps`) whose weight operand is a
    constant or a function argument carrying the `fpx.weight` unit
    attribute, and rewrites them into `fpx.qmatmul` on a quantized, packed
    weight. Constant weights are quantized and packed at compile time;
    argument weights are quantized by `fpx.quantize` when the function runs.

    A matmul is skipped when any of the `skip` strings occurs in a name of
    its location (a `loc("lm_head")` NameLoc, as importers write node names;
    file names do not count) or in the name of the enclosing function. Matmuls the pass cannot handle (transposed
    activations, dynamic weight shapes, integer types) are left unchanged.

    Scales (`scale-rule`): `search`, the default, gives each channel or
    group the fp16 scale with the least squared quantization error among
    `absmax / max * (16 + i) / 16`, i = 0..15 (docs/Numerics.md); the
    runtime quantizes weight arguments the same way. `absmax` uses
    `absmax / max` (absmax on the largest code), for constant weights only:
    with it, a weight that would be quantized at run time is an error.

    Example: `fpx-opt --fpx-quantize-weights="format=fp6 skip=lm_head"`
  }];
  let options = [
    Option<"format", "format", "std::string", /*default=*/"\"fp6\"",
           "Narrow float format: fp6 (e3m2), e2m3, fp5 (e2m2) or fp4 (e2m1)">,
    Option<"groupSize", "group-size", "int64_t", /*default=*/"0",
           "K elements per scale; 0 = one scale per output channel">,
    Option<"layout", "layout", "std::string", /*default=*/"\"tc_fpx\"",
           "Packed layout: tc_fpx (Tensor Core pre-packed) or row_major">,
    Option<"scaleRule", "scale-rule", "std::string", /*default=*/"\"search\"",
           "How scales are chosen: search (least squared error of 16 "
           "candidates from absmax / max up to 31/16 of that) or absmax "
           "(absmax / max; constant weights only)">,
    ListOption<"skip", "skip", "std::string",
               "Leave matmuls whose location or function name contains one of "
               "these strings unquantized">,
  ];
  let dependentDialects = ["::fpx::FPxDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // FPX_DIALECT_FPX_TRANSFORMS_PASSES_TD
