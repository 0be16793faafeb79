// Bad pass options: the pass reports them on the module and fails.
// RUN: not fpx-opt %s --fpx-quantize-weights="format=fp7" 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not fpx-opt %s --fpx-quantize-weights="layout=foo" 2>&1 | FileCheck %s --check-prefix=LAYOUT
// RUN: not fpx-opt %s --fpx-quantize-weights="group-size=-1" 2>&1 | FileCheck %s --check-prefix=GROUP
// RUN: not fpx-opt %s --fpx-quantize-weights="scale-rule=mse" 2>&1 | FileCheck %s --check-prefix=RULE

// FORMAT: error: fpx-quantize-weights: unknown format 'fp7'; expected fp6, e3m2, e2m3, fp5, e2m2, fp4 or e2m1
// LAYOUT: error: fpx-quantize-weights: unknown layout 'foo'; expected tc_fpx or row_major
// GROUP: error: fpx-quantize-weights: group-size must be 0 (per channel) or positive, got -1{{$}}
// RULE: error: fpx-quantize-weights: unknown scale-rule 'mse'; expected search or absmax

// Constant weights that cannot be quantized.
// RUN: fpx-opt %s -split-input-file -verify-diagnostics --fpx-quantize-weights

// scale-rule=absmax applies to constant weights only: the runtime searches
// the scales of the weights it quantizes.
// RUN: fpx-opt %S/Inputs/weight-argument.mlir -verify-diagnostics \
// RUN:   --fpx-quantize-weights="scale-rule=absmax"

// Row and column are those of the N x K weight being quantized (here the
// transpose of the K x N constant: the NaN at [1][0] is row 0, col 1).
func.func @nan_weight(%x: tensor<4x3xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[1.0, -2.0], [0x7FC00000, 28.0], [0.0, 3.0]]> : tensor<3x2xf32>
  // expected-error @+1 {{'linalg.matmul' op cannot quantize its constant weight: weight at row 0, col 1 is NaN}}
  %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                     outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

func.func @inf_weight_n_by_k(%x: tensor<4x3xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[1.0, 0.5, 0.0], [-2.0, 28.0, 0xFF800000]]> : tensor<2x3xf32>
  // expected-error @+1 {{cannot quantize its constant weight: weight at row 1, col 2 is Inf}}
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x3xf32>, tensor<2x3xf32>)
      outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// Batch 1 of a per-batch weight.
func.func @nan_in_second_batch(%x: tensor<2x4x3xf32>, %init: tensor<2x4x2xf32>) -> tensor<2x4x2xf32> {
  %w = arith.constant dense<[[[1.0, -2.0], [0.5, 28.0], [0.0, 3.0]],
                             [[2.0, 1.0], [1.0, 2.0], [4.0, 0x7FC00000]]]> : tensor<2x3x2xf32>
  // expected-error @+1 {{cannot quantize its constant weight: weight at row 1, col 2 is NaN}}
  %y = linalg.batch_matmul ins(%x, %w : tensor<2x4x3xf32>, tensor<2x3x2xf32>)
                           outs(%init : tensor<2x4x2xf32>) -> tensor<2x4x2xf32>
  return %y : tensor<2x4x2xf32>
}

// -----

// absmax / 28 beyond the largest fp16 (65504): no fp16 scale exists.
func.func @scale_overflow(%x: tensor<4x2xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[2.0e6, 1.0], [1.0, 1.0]]> : tensor<2x2xf32>
  // expected-error @+1 {{cannot quantize its constant weight: scale of row 0, cols [0, 2) overflows fp16 (absmax 2000000.000000)}}
  %y = linalg.matmul ins(%x, %w : tensor<4x2xf32>, tensor<2x2xf32>)
                     outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}
