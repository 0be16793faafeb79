// RUN: fpx-opt %s | fpx-opt | FileCheck %s
// RUN: fpx-opt %s --mlir-print-op-generic | fpx-opt | FileCheck %s

// CHECK-LABEL: func @quantize_dequantize
func.func @quantize_dequantize(%w: tensor<96x64xf32>) -> tensor<96x64xf16> {
  // CHECK: %[[WORDS:.*]], %[[SCALES:.*]] = fpx.quantize %{{.*}} {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>} : tensor<96x64xf32> -> tensor<1536xi32>, tensor<96xf16>
  %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : tensor<96x64xf32> -> tensor<1536xi32>, tensor<96xf16>
  // CHECK: fpx.dequantize %[[WORDS]], %[[SCALES]] {{.*}} : tensor<1536xi32>, tensor<96xf16> -> tensor<96x64xf16>
  %d = fpx.dequantize %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : tensor<1536xi32>, tensor<96xf16> -> tensor<96x64xf16>
  return %d : tensor<96x64xf16>
}

// CHECK-LABEL: func @row_major_grouped
func.func @row_major_grouped(%w: tensor<10x33xbf16>) -> tensor<10x33xf32> {
  // 10 * 33 codes of 4 bits = 1320 bits = 41.25 words -> 42, plus a tail word.
  // CHECK: fpx.quantize {{.*}}#fpx.packing<format = e2m1, rows = 10, cols = 33, group_size = 16, layout = row_major>{{.*}} -> tensor<43xi32>, tensor<10x3xf16>
  %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e2m1, rows = 10, cols = 33, group_size = 16, layout = row_major>}
      : tensor<10x33xbf16> -> tensor<43xi32>, tensor<10x3xf16>
  %d = fpx.dequantize %words, %scales {packing = #fpx.packing<format = e2m1, rows = 10, cols = 33, group_size = 16, layout = row_major>}
      : tensor<43xi32>, tensor<10x3xf16> -> tensor<10x33xf32>
  return %d : tensor<10x33xf32>
}

// CHECK-LABEL: func @qmatmul
func.func @qmatmul(%x: tensor<8x64xf16>, %words: tensor<1536xi32>, %scales: tensor<96xf16>,
                   %bias: tensor<96xf16>, %xb: tensor<2x?x64xbf16>) -> (tensor<8x96xf16>, tensor<2x?x96xf32>) {
  // CHECK: fpx.qmatmul %{{.*}}, %{{.*}}, %{{.*}} bias %{{.*}} {activation = #fpx.activation<silu>, packing = {{.*}}} : (tensor<8x64xf16>, tensor<1536xi32>, tensor<96xf16>, tensor<96xf16>) -> tensor<8x96xf16>
  %y = fpx.qmatmul %x, %words, %scales bias %bias {activation = #fpx.activation<silu>,
      packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x64xf16>, tensor<1536xi32>, tensor<96xf16>, tensor<96xf16>) -> tensor<8x96xf16>
  // CHECK: fpx.qmatmul {{.*}} : (tensor<2x?x64xbf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<2x?x96xf32>
  %z = fpx.qmatmul %xb, %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<2x?x64xbf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<2x?x96xf32>
  return %y, %z : tensor<8x96xf16>, tensor<2x?x96xf32>
}

// A non-default TC-FPx block (2 x 8 fragments = 32 x 128) pads K to 128.
// CHECK-LABEL: func @custom_block
func.func @custom_block(%w: tensor<32x100xf16>) -> tensor<640xi32> {
  // CHECK: block_n = 2, block_k = 8
  %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e2m2, rows = 32, cols = 100, layout = tc_fpx, block_n = 2, block_k = 8>}
      : tensor<32x100xf16> -> tensor<640xi32>, tensor<32xf16>
  return %words : tensor<640xi32>
}
