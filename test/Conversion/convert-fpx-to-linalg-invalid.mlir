// RUN: fpx-opt %s -split-input-file -verify-diagnostics --convert-fpx-to-linalg

// The runtime entry point is already declared with another signature.
func.func private @fpxQuantizeF32(memref<?xf32>)

func.func @conflicting_runtime_declaration(%w: tensor<96x64xf32>) -> tensor<1536xi32> {
  // expected-error @+2 {{'fpx.quantize' op 'fpxQuantizeF32' is already declared with another type}}
  // expected-error @+1 {{failed to legalize operation 'fpx.quantize' that was explicitly marked illegal}}
  %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : tensor<96x64xf32> -> tensor<1536xi32>, tensor<96xf16>
  return %words : tensor<1536xi32>
}
