// RUN: fpx-opt %s -split-input-file -verify-diagnostics --fpx-gpu-gemm-kernels
// RUN: not fpx-opt %s -split-input-file --fpx-gpu-gemm-kernels="warp-split=x" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OPTION

// OPTION: fpx-gpu-gemm-kernels: warp-split must be auto, k, n, shared, dense or wgmma, got 'x'


func.func @f32_input(%x: tensor<4x64xf32>, %w: tensor<1536xi32>, %s: tensor<96xf16>) -> tensor<4x96xf32> {
  // expected-error @+1 {{'fpx.qmatmul' op cannot run on the GPU: the GPU GEMM takes f16 or bf16 activations, got f32}}
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<4x64xf32>, tensor<1536xi32>, tensor<96xf16>) -> tensor<4x96xf32>
  return %y : tensor<4x96xf32>
}

// -----

func.func @row_major(%x: tensor<4x64xf16>, %w: tensor<1153xi32>, %s: tensor<96xf16>) -> tensor<4x96xf16> {
  // expected-error @+1 {{cannot run on the GPU: the GPU GEMM needs the tc_fpx layout with 4x4-fragment blocks}}
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = row_major>}
      : (tensor<4x64xf16>, tensor<1153xi32>, tensor<96xf16>) -> tensor<4x96xf16>
  return %y : tensor<4x96xf16>
}

// -----

func.func @grouped(%x: tensor<4x64xf16>, %w: tensor<1536xi32>, %s: tensor<96x3xf16>) -> tensor<4x96xf16> {
  // expected-error @+1 {{cannot run on the GPU: the GPU GEMM needs per-channel scales or groups of a multiple of 16 K elements (a scale per mma fragment column), got group_size = 24}}
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, group_size = 24, layout = tc_fpx>}
      : (tensor<4x64xf16>, tensor<1536xi32>, tensor<96x3xf16>) -> tensor<4x96xf16>
  return %y : tensor<4x96xf16>
}
