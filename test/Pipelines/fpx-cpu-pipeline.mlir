// --fpx-cpu-pipeline lowers fpx ops (run-time quantize, qmatmul with each
// epilogue, dequantize) together with the upstream linalg/tensor/arith/math
// ops around them all the way to the LLVM dialect: nothing else is left.
//
// RUN: fpx-opt %s --fpx-cpu-pipeline | FileCheck %s \
// RUN:   --implicit-check-not=fpx. --implicit-check-not=linalg. \
// RUN:   --implicit-check-not=tensor. --implicit-check-not=memref. \
// RUN:   --implicit-check-not=bufferization. --implicit-check-not=arith. \
// RUN:   --implicit-check-not=math. --implicit-check-not=scf. \
// RUN:   --implicit-check-not=cf. --implicit-check-not=func.call \
// RUN:   --implicit-check-not=func.func --implicit-check-not=affine. \
// RUN:   --implicit-check-not=vector. --implicit-check-not=index. \
// RUN:   --implicit-check-not=unrealized_conversion_cast
//
// The same after --fpx-quantize-weights, with a marked weight argument.
// RUN: fpx-opt %s --fpx-quantize-weights --fpx-cpu-pipeline | FileCheck %s \
// RUN:   --check-prefix=QUANT --implicit-check-not=fpx. \
// RUN:   --implicit-check-not=linalg. --implicit-check-not=tensor. \
// RUN:   --implicit-check-not=memref. --implicit-check-not=arith. \
// RUN:   --implicit-check-not=unrealized_conversion_cast

// The runtime entry point is declared with its C interface, the decode table
// of e3m2 becomes a global, and erf comes from libm.
// CHECK-DAG:   llvm.func @erff(f32) -> f32
// CHECK-DAG:   llvm.mlir.global private constant @{{.*}}(dense<[0.000000e+00, 6.250000e-02, {{.*}}, -2.800000e+01]> : tensor<64xf32>)
// CHECK-DAG:   llvm.func private @fpxQuantizeF32(
// CHECK-DAG:   llvm.call @_mlir_ciface_fpxQuantizeF32(
// CHECK-DAG:   llvm.func @_mlir_ciface_fpxQuantizeF32(!llvm.ptr, i64, i64, i64, i64, i64, i64, i64, !llvm.ptr, !llvm.ptr)

// CHECK-LABEL: llvm.func @layer(
// CHECK:         llvm.call @fpxQuantizeF32(
// CHECK:         llvm.call @erff(
// CHECK:         llvm.return
// CHECK-NOT:     llvm.func @_mlir_ciface_layer
func.func @layer(%x: tensor<4x64xf16>, %w: tensor<32x64xf32>, %b: tensor<32xf16>) -> tensor<4x32xf16> {
  %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e3m2, rows = 32, cols = 64, layout = tc_fpx>}
      : tensor<32x64xf32> -> tensor<768xi32>, tensor<32xf16>
  %y = fpx.qmatmul %x, %words, %scales bias %b {activation = #fpx.activation<gelu_erf>,
      packing = #fpx.packing<format = e3m2, rows = 32, cols = 64, layout = tc_fpx>}
      : (tensor<4x64xf16>, tensor<768xi32>, tensor<32xf16>, tensor<32xf16>) -> tensor<4x32xf16>
  return %y : tensor<4x32xf16>
}

// CHECK-LABEL: llvm.func @dequantize(
// CHECK:         llvm.return
func.func @dequantize(%words: tensor<3xi32>, %scales: tensor<2x1xf16>) -> tensor<2x3xbf16> {
  %d = fpx.dequantize %words, %scales {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, group_size = 4, layout = row_major>}
      : tensor<3xi32>, tensor<2x1xf16> -> tensor<2x3xbf16>
  return %d : tensor<2x3xbf16>
}

// CHECK-LABEL: llvm.func @activations(
// CHECK:         llvm.intr.exp
// CHECK:         llvm.intr.tanh
// CHECK:         llvm.return
func.func @activations(%x: tensor<2x?x64xf32>, %words: tensor<768xi32>, %scales: tensor<32xf16>)
    -> (tensor<2x?x32xf32>, tensor<2x?x32xf32>, tensor<2x?x32xf32>) {
  %y = fpx.qmatmul %x, %words, %scales {activation = #fpx.activation<silu>,
      packing = #fpx.packing<format = e3m2, rows = 32, cols = 64, layout = tc_fpx>}
      : (tensor<2x?x64xf32>, tensor<768xi32>, tensor<32xf16>) -> tensor<2x?x32xf32>
  %z = fpx.qmatmul %x, %words, %scales {activation = #fpx.activation<gelu_tanh>,
      packing = #fpx.packing<format = e3m2, rows = 32, cols = 64, layout = tc_fpx>}
      : (tensor<2x?x64xf32>, tensor<768xi32>, tensor<32xf16>) -> tensor<2x?x32xf32>
  %r = fpx.qmatmul %x, %words, %scales {activation = #fpx.activation<relu>,
      packing = #fpx.packing<format = e3m2, rows = 32, cols = 64, layout = tc_fpx>}
      : (tensor<2x?x64xf32>, tensor<768xi32>, tensor<32xf16>) -> tensor<2x?x32xf32>
  return %y, %z, %r : tensor<2x?x32xf32>, tensor<2x?x32xf32>, tensor<2x?x32xf32>
}

// QUANT-LABEL: llvm.func @linear(
// QUANT:         llvm.call @fpxQuantizeF32(
// QUANT:         llvm.return
// CHECK-LABEL: llvm.func @linear(
// CHECK-NOT:     llvm.call @fpxQuantizeF32(
// CHECK:         llvm.return
func.func @linear(%x: tensor<4x64xf32>, %w: tensor<64x32xf32> {fpx.weight}) -> tensor<4x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x32xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x32xf32>) -> tensor<4x32xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x64xf32>, tensor<64x32xf32>)
                     outs(%acc : tensor<4x32xf32>) -> tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}

// Returned arguments and constants are copied (the caller frees every
// returned buffer): the clones lower to an allocation and a copy.
// CHECK-LABEL: llvm.func @passthrough(
// CHECK:         llvm.call @malloc(
// CHECK:         llvm.return
func.func @passthrough(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %c = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  return %x, %c : tensor<4xf32>, tensor<4xf32>
}
