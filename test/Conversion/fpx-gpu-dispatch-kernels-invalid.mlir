// RUN: fpx-opt %s --fpx-gpu-dispatch-kernels -split-input-file -verify-diagnostics

// The GEMM generator takes a dynamic M, but a dispatch needs static shapes
// to allocate its outputs.
func.func @dynamic_m(%x: tensor<?x64xf16>, %w: tensor<1536xi32>, %s: tensor<96xf16>) -> tensor<?x96xf16> {
  // expected-error @+1 {{'fpx.qmatmul' op has a launch but a dynamic result shape 'tensor<?x96xf16>'; GPU dispatch needs static shapes}}
  %z = fpx.qmatmul %x, %w, %s {fpx.launch = {kernel = "qmatmul_0"},
      packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<?x64xf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<?x96xf16>
  return %z : tensor<?x96xf16>
}
