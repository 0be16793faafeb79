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

// fpx.dispatch on tensors: one result per output, of the output's type.
// CHECK-LABEL: func @dispatch_tensors
func.func @dispatch_tensors(%x: tensor<16x64xf16>, %w: tensor<1536xi32>, %s: tensor<96xf16>)
    -> (tensor<16x64xf16>, tensor<16xf32>) {
  %e = tensor.empty() : tensor<16x64xf16>
  %r = tensor.empty() : tensor<16xf32>
  // CHECK: %[[Y:.*]]:2 = fpx.dispatch "fusion" ins(%{{.*}} : tensor<16x64xf16>) outs(%{{.*}}, %{{.*}} : tensor<16x64xf16>, tensor<16xf32>) {launch = {grid_x = 2 : i64, kernel = "fusion_f_0"}} -> tensor<16x64xf16>, tensor<16xf32>
  %y:2 = fpx.dispatch "fusion" ins(%x : tensor<16x64xf16>) outs(%e, %r : tensor<16x64xf16>, tensor<16xf32>)
      {launch = {kernel = "fusion_f_0", grid_x = 2 : i64}} -> tensor<16x64xf16>, tensor<16xf32>
  // CHECK: fpx.dispatch "qmatmul" ins(%[[Y]]#0, %{{.*}}, %{{.*}} : tensor<16x64xf16>, tensor<1536xi32>, tensor<96xf16>) outs(%{{.*}} : tensor<16x64xf16>) {launch = {kernel = "qmatmul_0"}} -> tensor<16x64xf16>
  %z = fpx.dispatch "qmatmul" ins(%y#0, %w, %s : tensor<16x64xf16>, tensor<1536xi32>, tensor<96xf16>)
      outs(%e : tensor<16x64xf16>) {launch = {kernel = "qmatmul_0"}} -> tensor<16x64xf16>
  return %z, %y#1 : tensor<16x64xf16>, tensor<16xf32>
}

// On memrefs it has no results; a kernel without inputs (a mask computed
// from indices) prints no `ins` clause.
// CHECK-LABEL: func @dispatch_memrefs
func.func @dispatch_memrefs(%x: memref<16x64xf16>, %v: memref<16x64xf16, strided<[128, 1], offset: 8>>,
                            %y: memref<16x64xf16>, %mask: memref<8x8xi1>) {
  // CHECK: fpx.dispatch "fusion" ins(%{{.*}}, %{{.*}} : memref<16x64xf16>, memref<16x64xf16, strided<[128, 1], offset: 8>>) outs(%{{.*}} : memref<16x64xf16>) {launch = {kernel = "k"}}{{$}}
  fpx.dispatch "fusion" ins(%x, %v : memref<16x64xf16>, memref<16x64xf16, strided<[128, 1], offset: 8>>)
      outs(%y : memref<16x64xf16>) {launch = {kernel = "k"}}
  // CHECK: fpx.dispatch "fusion" outs(%{{.*}} : memref<8x8xi1>) {launch = {kernel = "mask"}}{{$}}
  fpx.dispatch "fusion" outs(%mask : memref<8x8xi1>) {launch = {kernel = "mask"}}
  return
}
