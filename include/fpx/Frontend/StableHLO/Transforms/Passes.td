//===- Passes.td - StableHLO frontend passes ---------------*- tablegen -*-===//

#ifndef FPX_FRONTEND_STABLEHLO_TRANSFORMS_PASSES_TD
#define FPX_FRONTEND_STABLEHLO_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertStableHLOToLinalg : Pass<"convert-stablehlo-to-linalg"> {
  let summary = "Lower stablehlo and chlo to linalg, tensor, arith and math";
  let description = [{
    Rewrites every `stablehlo` and `chlo` op into ops on tensors that the rest
    of FPX consumes:

    - elementwise ops, `convert`, `compare`, `select`, `iota`,
      `broadcast_in_dim` and `gather` become `linalg.generic` (gather reads
      the operand with `tensor.extract` in the body);
    - `dot_general` becomes `linalg.matmul` or `linalg.batch_matmul`, after
      moving batch dimensions to the front and grouping the free and
      contracting dimensions. A right operand laid out as `[N, K]` stays in
      place and is read through the matmul's indexing maps, so that
      `--fpx-quantize-weights` sees constant and `{fpx.weight}` weights;
    - `reduce` becomes `linalg.reduce` with the reducer body rebuilt on
      scalars;
    - `transpose` becomes `linalg.transpose`, `reshape` becomes
      `tensor.collapse_shape`/`tensor.expand_shape`, the slice ops and
      `concatenate` become `tensor.extract_slice`/`tensor.insert_slice`,
      and `constant` becomes `arith.constant`.

    The pass checks the whole input first and reports every op it cannot
    lower (dynamic shapes, unsigned integers, integer `power`, `TOTALORDER`
    comparisons, unsupported ops in a reducer) with its location, changing
    nothing. Calls to private functions are left alone: run `--inline`
    first to get one function.

    Example: `fpx-opt model.mlir --inline --convert-stablehlo-to-linalg`
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect"];
}

#endif // FPX_FRONTEND_STABLEHLO_TRANSFORMS_PASSES_TD
