// RUN: fpx-opt %s -split-input-file --convert-fpx-to-linalg | FileCheck %s

// Row-major fp6: the code of (row, col) starts at bit (row * K + col) * 6 of
// the stream and may straddle two words, so a 64-bit window of words
// [bit / 32, bit / 32 + 1] is shifted right by bit % 32 and masked to 6 bits.
// The code indexes a table of the 64 e3m2 values; the product with the
// row's fp16 scale is done in f32.

// CHECK-LABEL: func.func @dequantize_row_major(
// CHECK-SAME:      %[[WORDS:[^:]*]]: tensor<3xi32>, %[[SCALES:[^:]*]]: tensor<2xf16>)
// CHECK:         %[[TABLE:.*]] = arith.constant dense<[0.000000e+00, 6.250000e-02, 1.250000e-01, 1.875000e-01, 2.500000e-01, {{.*}}, 2.000000e+01, 2.400000e+01, 2.800000e+01, -0.000000e+00, -6.250000e-02, {{.*}}, -2.800000e+01]> : tensor<64xf32>
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK:         %[[RES:.*]] = linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel", "parallel"]} outs(%[[EMPTY]] : tensor<2x3xf32>) {
// CHECK:           %[[ROW:.*]] = linalg.index 0 : index
// CHECK:           %[[COL:.*]] = linalg.index 1 : index
// CHECK:           %[[C3:.*]] = arith.constant 3 : index
// CHECK:           %[[ROWOFF:.*]] = arith.muli %[[ROW]], %[[C3]] : index
// CHECK:           %[[ELEM:.*]] = arith.addi %[[ROWOFF]], %[[COL]] : index
// CHECK:           %[[C6:.*]] = arith.constant 6 : index
// CHECK:           %[[BIT:.*]] = arith.muli %[[ELEM]], %[[C6]] : index
// CHECK:           %[[WORD:.*]] = arith.divui %[[BIT]], %{{.*}} : index
// CHECK:           %[[SHIFT:.*]] = arith.remui %[[BIT]], %{{.*}} : index
// CHECK:           %[[SHIFT64:.*]] = arith.index_cast %[[SHIFT]] : index to i64
// CHECK:           %[[LO:.*]] = tensor.extract %[[WORDS]][%[[WORD]]] : tensor<3xi32>
// CHECK:           %[[LO64:.*]] = arith.extui %[[LO]] : i32 to i64
// CHECK:           %[[NEXT:.*]] = arith.addi %[[WORD]], %{{.*}} : index
// CHECK:           %[[HI:.*]] = tensor.extract %[[WORDS]][%[[NEXT]]] : tensor<3xi32>
// CHECK:           %[[HI64:.*]] = arith.extui %[[HI]] : i32 to i64
// CHECK:           %[[HISH:.*]] = arith.shli %[[HI64]], %{{.*}} : i64
// CHECK:           %[[WIN:.*]] = arith.ori %[[LO64]], %[[HISH]] : i64
// CHECK:           %[[SH:.*]] = arith.shrui %[[WIN]], %[[SHIFT64]] : i64
// CHECK:           %[[TR:.*]] = arith.trunci %[[SH]] : i64 to i32
// CHECK:           %[[C63:.*]] = arith.constant 63 : i32
// CHECK:           %[[CODE:.*]] = arith.andi %[[TR]], %[[C63]] : i32
// CHECK:           %[[IDX:.*]] = arith.index_castui %[[CODE]] : i32 to index
// CHECK:           %[[VAL:.*]] = tensor.extract %[[TABLE]][%[[IDX]]] : tensor<64xf32>
// CHECK:           %[[SCALE:.*]] = tensor.extract %[[SCALES]][%[[ROW]]] : tensor<2xf16>
// CHECK:           %[[SCALE32:.*]] = arith.extf %[[SCALE]] : f16 to f32
// CHECK:           %[[W:.*]] = arith.mulf %[[VAL]], %[[SCALE32]] : f32
// CHECK:           linalg.yield %[[W]] : f32
// CHECK:         return %[[RES]] : tensor<2x3xf32>
func.func @dequantize_row_major(%words: tensor<3xi32>, %scales: tensor<2xf16>) -> tensor<2x3xf32> {
  %d = fpx.dequantize %words, %scales {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, layout = row_major>}
      : tensor<3xi32>, tensor<2xf16> -> tensor<2x3xf32>
  return %d : tensor<2x3xf32>
}

// -----

// TC-FPx fp6: the 2-bit and the 4-bit segment of a code come from two words
// (the second array starts at word 256 = 64 * 64 * 2 / 32); the 2-bit field
// is shifted up by 4. Groups of 2 along K: scale [row, col / 2]. An f16
// result is rounded from the f32 product.

// CHECK-LABEL: func.func @dequantize_tc_fpx_grouped(
// CHECK-SAME:      %[[WORDS:[^:]*]]: tensor<768xi32>, %[[SCALES:[^:]*]]: tensor<2x2xf16>)
// CHECK:         %[[TABLE:.*]] = arith.constant dense<{{.*}}> : tensor<64xf32>
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} outs(%{{.*}} : tensor<2x3xf16>)
// CHECK:           %[[ROW:.*]] = linalg.index 0 : index
// CHECK:           %[[COL:.*]] = linalg.index 1 : index
// CHECK:           %[[C3:.*]] = arith.constant 3 : i32
// CHECK:           %[[W0:.*]] = tensor.extract %[[WORDS]][%{{.*}}] : tensor<768xi32>
// CHECK:           %[[F0:.*]] = arith.shrui %[[W0]], %{{.*}} : i32
// CHECK:           %[[M0:.*]] = arith.andi %[[F0]], %[[C3]] : i32
// CHECK:           %[[C4:.*]] = arith.constant 4 : i32
// CHECK:           %[[S0:.*]] = arith.shli %[[M0]], %[[C4]] : i32
// CHECK:           %[[HIGH:.*]] = arith.ori %{{.*}}, %[[S0]] : i32
// CHECK:           %[[C256:.*]] = arith.constant 256 : index
// CHECK:           %[[SEG1:.*]] = arith.addi %[[C256]], %{{.*}} : index
// CHECK:           %[[WORD1:.*]] = arith.addi %[[SEG1]], %{{.*}} : index
// CHECK:           %[[C15:.*]] = arith.constant 15 : i32
// CHECK:           %[[W1:.*]] = tensor.extract %[[WORDS]][%[[WORD1]]] : tensor<768xi32>
// CHECK:           %[[F1:.*]] = arith.shrui %[[W1]], %{{.*}} : i32
// CHECK:           %[[M1:.*]] = arith.andi %[[F1]], %[[C15]] : i32
// CHECK:           %[[S1:.*]] = arith.shli %[[M1]], %{{.*}} : i32
// CHECK:           %[[CODE:.*]] = arith.ori %[[HIGH]], %[[S1]] : i32
// CHECK:           %[[IDX:.*]] = arith.index_castui %[[CODE]] : i32 to index
// CHECK:           %[[VAL:.*]] = tensor.extract %[[TABLE]][%[[IDX]]] : tensor<64xf32>
// CHECK:           %[[C2:.*]] = arith.constant 2 : index
// CHECK:           %[[GROUP:.*]] = arith.divui %[[COL]], %[[C2]] : index
// CHECK:           %[[SCALE:.*]] = tensor.extract %[[SCALES]][%[[ROW]], %[[GROUP]]] : tensor<2x2xf16>
// CHECK:           %[[SCALE32:.*]] = arith.extf %[[SCALE]] : f16 to f32
// CHECK:           %[[P:.*]] = arith.mulf %[[VAL]], %[[SCALE32]] : f32
// CHECK:           %[[H:.*]] = arith.truncf %[[P]] : f32 to f16
// CHECK:           linalg.yield %[[H]] : f16
func.func @dequantize_tc_fpx_grouped(%words: tensor<768xi32>, %scales: tensor<2x2xf16>) -> tensor<2x3xf16> {
  %d = fpx.dequantize %words, %scales {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, group_size = 2, layout = tc_fpx>}
      : tensor<768xi32>, tensor<2x2xf16> -> tensor<2x3xf16>
  return %d : tensor<2x3xf16>
}

// -----

// fp4 (e2m1) has one 4-bit segment and a 16-entry table.

// CHECK-LABEL: func.func @dequantize_fp4(
// CHECK:         arith.constant dense<[0.000000e+00, 5.000000e-01, 1.000000e+00, 1.500000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 6.000000e+00, -0.000000e+00, -5.000000e-01, -1.000000e+00, -1.500000e+00, -2.000000e+00, -3.000000e+00, -4.000000e+00, -6.000000e+00]> : tensor<16xf32>
// CHECK:         linalg.generic
// CHECK:           arith.constant 15 : i32
// CHECK-COUNT-1:   tensor.extract %{{.*}} : tensor<1024xi32>
// CHECK-NOT:       tensor.extract %{{.*}} : tensor<1024xi32>
// CHECK:           tensor.extract %{{.*}} : tensor<16xf32>
// CHECK:           linalg.yield %{{.*}} : bf16
func.func @dequantize_fp4(%words: tensor<1024xi32>, %scales: tensor<96xf16>) -> tensor<96x64xbf16> {
  %d = fpx.dequantize %words, %scales {packing = #fpx.packing<format = e2m1, rows = 96, cols = 64, layout = tc_fpx>}
      : tensor<1024xi32>, tensor<96xf16> -> tensor<96x64xbf16>
  return %d : tensor<96x64xbf16>
}

// -----

// qmatmul: the weight is dequantized to f32, the reduction accumulates in f32
// from a zero fill with W indexed [n, k], and an elementwise epilogue adds the
// bias (indexed by n), applies the activation and rounds to the result type.

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[X_MAP:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[W_MAP:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[Y_MAP:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[BIAS_MAP:.*]] = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @qmatmul_bias_relu(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<8x64xf16>, %[[WORDS:[^:]*]]: tensor<1536xi32>, %[[SCALES:[^:]*]]: tensor<96xf16>, %[[BIAS:[^:]*]]: tensor<96xf16>)
// CHECK:         %[[TABLE:.*]] = arith.constant dense<{{.*}}> : tensor<64xf32>
// CHECK:         %[[WE:.*]] = tensor.empty() : tensor<96x64xf32>
// CHECK:         %[[W:.*]] = linalg.generic {indexing_maps = [#[[ID]]], iterator_types = ["parallel", "parallel"]} outs(%[[WE]] : tensor<96x64xf32>)
// CHECK:           tensor.extract %[[WORDS]]
// CHECK:           tensor.extract %[[TABLE]]
// CHECK:           tensor.extract %[[SCALES]]
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[AE:.*]] = tensor.empty() : tensor<8x96xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[AE]] : tensor<8x96xf32>)
// CHECK:         %[[PROD:.*]] = linalg.generic {indexing_maps = [#[[X_MAP]], #[[W_MAP]], #[[Y_MAP]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[W]] : tensor<8x64xf16>, tensor<96x64xf32>) outs(%[[ACC]] : tensor<8x96xf32>) {
// CHECK:         ^bb0(%[[XI:.*]]: f16, %[[WI:.*]]: f32, %[[SUM:.*]]: f32):
// CHECK:           %[[XF:.*]] = arith.extf %[[XI]] : f16 to f32
// CHECK:           %[[MUL:.*]] = arith.mulf %[[XF]], %[[WI]] : f32
// CHECK:           %[[ADD:.*]] = arith.addf %[[SUM]], %[[MUL]] : f32
// CHECK:           linalg.yield %[[ADD]] : f32
// CHECK:         %[[OE:.*]] = tensor.empty() : tensor<8x96xf16>
// CHECK:         %[[OUT:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[BIAS_MAP]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[PROD]], %[[BIAS]] : tensor<8x96xf32>, tensor<96xf16>) outs(%[[OE]] : tensor<8x96xf16>) {
// CHECK:         ^bb0(%[[P:.*]]: f32, %[[B:.*]]: f16, %{{.*}}: f16):
// CHECK:           %[[BF:.*]] = arith.extf %[[B]] : f16 to f32
// CHECK:           %[[PB:.*]] = arith.addf %[[P]], %[[BF]] : f32
// CHECK:           %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:           %[[R:.*]] = arith.maximumf %[[PB]], %[[Z]] : f32
// CHECK:           %[[RH:.*]] = arith.truncf %[[R]] : f32 to f16
// CHECK:           linalg.yield %[[RH]] : f16
// CHECK:         return %[[OUT]] : tensor<8x96xf16>
func.func @qmatmul_bias_relu(%x: tensor<8x64xf16>, %words: tensor<1536xi32>, %scales: tensor<96xf16>,
                             %b: tensor<96xf16>) -> tensor<8x96xf16> {
  %y = fpx.qmatmul %x, %words, %scales bias %b {activation = #fpx.activation<relu>,
      packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x64xf16>, tensor<1536xi32>, tensor<96xf16>, tensor<96xf16>) -> tensor<8x96xf16>
  return %y : tensor<8x96xf16>
}

// -----

// No bias, no activation: the epilogue only casts.

// CHECK-LABEL: func.func @qmatmul_plain(
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:         %[[E:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%{{.*}} : tensor<8x96xf32>) outs(%{{.*}} : tensor<8x96xbf16>) {
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %{{.*}}: bf16):
// CHECK-NEXT:      %[[T:.*]] = arith.truncf %[[IN]] : f32 to bf16
// CHECK-NEXT:      linalg.yield %[[T]] : bf16
// CHECK:         return %[[E]]
func.func @qmatmul_plain(%x: tensor<8x64xbf16>, %words: tensor<1536xi32>, %scales: tensor<96xf16>) -> tensor<8x96xbf16> {
  %y = fpx.qmatmul %x, %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x64xbf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<8x96xbf16>
  return %y : tensor<8x96xbf16>
}

// -----

// silu(v) = v / (1 + exp(-v)).

// CHECK-LABEL: func.func @qmatmul_silu(
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]}
// CHECK-NEXT:    ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[NEG:.*]] = arith.negf %[[V]] : f32
// CHECK-NEXT:      %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:      %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK-NEXT:      %[[R:.*]] = arith.divf %[[V]], %[[DEN]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
func.func @qmatmul_silu(%x: tensor<8x64xf32>, %words: tensor<1536xi32>, %scales: tensor<96xf16>) -> tensor<8x96xf32> {
  %y = fpx.qmatmul %x, %words, %scales {activation = #fpx.activation<silu>,
      packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x64xf32>, tensor<1536xi32>, tensor<96xf16>) -> tensor<8x96xf32>
  return %y : tensor<8x96xf32>
}

// -----

// gelu_tanh(v) = 0.5 v (1 + tanh(sqrt(2/pi) (v + 0.044715 v^3))).

// CHECK-LABEL: func.func @qmatmul_gelu_tanh(
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]}
// CHECK-NEXT:    ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[SQ:.*]] = arith.mulf %[[V]], %[[V]] : f32
// CHECK-NEXT:      %[[CUBE:.*]] = arith.mulf %[[V]], %[[SQ]] : f32
// CHECK-NEXT:      %[[C:.*]] = arith.constant 4.471500e-02 : f32
// CHECK-NEXT:      %[[T1:.*]] = arith.mulf %[[C]], %[[CUBE]] : f32
// CHECK-NEXT:      %[[T2:.*]] = arith.addf %[[V]], %[[T1]] : f32
// CHECK-NEXT:      %[[K:.*]] = arith.constant 0.797884583 : f32
// CHECK-NEXT:      %[[T3:.*]] = arith.mulf %[[K]], %[[T2]] : f32
// CHECK-NEXT:      %[[TH:.*]] = math.tanh %[[T3]] : f32
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:      %[[T4:.*]] = arith.addf %[[ONE]], %[[TH]] : f32
// CHECK-NEXT:      %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT:      %[[T5:.*]] = arith.mulf %[[HALF]], %[[V]] : f32
// CHECK-NEXT:      %[[R:.*]] = arith.mulf %[[T5]], %[[T4]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
func.func @qmatmul_gelu_tanh(%x: tensor<8x64xf32>, %words: tensor<1536xi32>, %scales: tensor<96xf16>) -> tensor<8x96xf32> {
  %y = fpx.qmatmul %x, %words, %scales {activation = #fpx.activation<gelu_tanh>,
      packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x64xf32>, tensor<1536xi32>, tensor<96xf16>) -> tensor<8x96xf32>
  return %y : tensor<8x96xf32>
}

// -----

// gelu_erf(v) = 0.5 v (1 + erf(v / sqrt(2))).

// CHECK-LABEL: func.func @qmatmul_gelu_erf(
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]}
// CHECK-NEXT:    ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[K:.*]] = arith.constant 0.707106769 : f32
// CHECK-NEXT:      %[[T1:.*]] = arith.mulf %[[V]], %[[K]] : f32
// CHECK-NEXT:      %[[E:.*]] = math.erf %[[T1]] : f32
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:      %[[T2:.*]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK-NEXT:      %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT:      %[[T3:.*]] = arith.mulf %[[HALF]], %[[V]] : f32
// CHECK-NEXT:      %[[R:.*]] = arith.mulf %[[T3]], %[[T2]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
func.func @qmatmul_gelu_erf(%x: tensor<8x64xf32>, %words: tensor<1536xi32>, %scales: tensor<96xf16>) -> tensor<8x96xf32> {
  %y = fpx.qmatmul %x, %words, %scales {activation = #fpx.activation<gelu_erf>,
      packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x64xf32>, tensor<1536xi32>, tensor<96xf16>) -> tensor<8x96xf32>
  return %y : tensor<8x96xf32>
}

// -----

// Batched input [2, ?, K] with a dynamic M: the accumulator takes its size
// from the input; the weight is shared by all batches (indexed [n, k]).

// CHECK-DAG: #[[X_MAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[W_MAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[Y_MAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[BIAS_MAP:.*]] = affine_map<(d0, d1, d2) -> (d2)>

// CHECK-LABEL: func.func @qmatmul_batched_dynamic(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x?x64xbf16>, %{{[^:]*}}: tensor<1536xi32>, %{{[^:]*}}: tensor<96x4xf16>, %[[BIAS:[^:]*]]: tensor<96xf32>)
// CHECK:         %[[W:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<96x64xf32>)
// CHECK:         } -> tensor<96x64xf32>
// CHECK:         %[[C1:.*]] = arith.constant 1 : index
// CHECK:         %[[M:.*]] = tensor.dim %[[X]], %[[C1]] : tensor<2x?x64xbf16>
// CHECK:         %[[AE:.*]] = tensor.empty(%[[M]]) : tensor<2x?x96xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[AE]] : tensor<2x?x96xf32>)
// CHECK:         %[[PROD:.*]] = linalg.generic {indexing_maps = [#[[X_MAP]], #[[W_MAP]], #[[Y_MAP]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[X]], %[[W]] : tensor<2x?x64xbf16>, tensor<96x64xf32>) outs(%[[ACC]] : tensor<2x?x96xf32>)
// CHECK:           arith.extf %{{.*}} : bf16 to f32
// CHECK:         %[[OE:.*]] = tensor.empty(%[[M]]) : tensor<2x?x96xf32>
// CHECK:         %[[OUT:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[BIAS_MAP]], #[[ID3]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[PROD]], %[[BIAS]] : tensor<2x?x96xf32>, tensor<96xf32>) outs(%[[OE]] : tensor<2x?x96xf32>)
// CHECK:           math.erf
// CHECK:         return %[[OUT]] : tensor<2x?x96xf32>
func.func @qmatmul_batched_dynamic(%x: tensor<2x?x64xbf16>, %words: tensor<1536xi32>, %scales: tensor<96x4xf16>,
                                   %b: tensor<96xf32>) -> tensor<2x?x96xf32> {
  %y = fpx.qmatmul %x, %words, %scales bias %b {activation = #fpx.activation<gelu_erf>,
      packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, group_size = 16, layout = tc_fpx>}
      : (tensor<2x?x64xbf16>, tensor<1536xi32>, tensor<96x4xf16>, tensor<96xf32>) -> tensor<2x?x96xf32>
  return %y : tensor<2x?x96xf32>
}

// -----

// A dynamic input with a static result: computed dynamically, then cast.

// CHECK-LABEL: func.func @qmatmul_static_result(
// CHECK:         %[[OUT:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<?x2xf32>) outs(%{{.*}} : tensor<?x2xf32>)
// CHECK:         %[[CAST:.*]] = tensor.cast %[[OUT]] : tensor<?x2xf32> to tensor<4x2xf32>
// CHECK:         return %[[CAST]]
func.func @qmatmul_static_result(%x: tensor<?x3xf32>, %words: tensor<3xi32>, %scales: tensor<2xf16>) -> tensor<4x2xf32> {
  %y = fpx.qmatmul %x, %words, %scales {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, layout = row_major>}
      : (tensor<?x3xf32>, tensor<3xi32>, tensor<2xf16>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// fpx.quantize of a run-time weight: a call to the CPU runtime on a flat f32
// buffer, with the packing as integers (format e3m2 = 0, e2m1 = 3; layout
// row_major = 0, tc_fpx = 1; group size; block), writing freshly allocated
// words and flat scales. One private declaration for all calls.

// CHECK:     func.func private @fpxQuantizeF32(memref<?xf32>, i64, i64, i64, i64, i64, i64, i64, memref<?xi32>, memref<?xf16>) attributes {llvm.emit_c_interface}
// CHECK-NOT: func.func private @fpxQuantizeF32

// CHECK-LABEL: func.func @quantize_f32(
// CHECK-SAME:      %[[W:.*]]: tensor<96x64xf32>)
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[W]] {{\[}}[0, 1]] : tensor<96x64xf32> into tensor<6144xf32>
// CHECK:         %[[BUF:.*]] = bufferization.to_buffer %[[FLAT]] read_only : tensor<6144xf32> to memref<6144xf32>
// CHECK:         %[[WORDS:.*]] = memref.alloc() : memref<1536xi32>
// CHECK:         %[[SCALES:.*]] = memref.alloc() : memref<96xf16>
// CHECK:         %[[ARG:.*]] = memref.cast %[[BUF]] : memref<6144xf32> to memref<?xf32>
// CHECK-DAG:     %[[ROWS:.*]] = arith.constant 96 : i64
// CHECK-DAG:     %[[COLS:.*]] = arith.constant 64 : i64
// CHECK-DAG:     %[[FORMAT:.*]] = arith.constant 0 : i64
// CHECK-DAG:     %[[LAYOUT:.*]] = arith.constant 1 : i64
// CHECK-DAG:     %[[BLOCK:.*]] = arith.constant 4 : i64
// CHECK:         %[[WARG:.*]] = memref.cast %[[WORDS]] : memref<1536xi32> to memref<?xi32>
// CHECK:         %[[SARG:.*]] = memref.cast %[[SCALES]] : memref<96xf16> to memref<?xf16>
// CHECK:         call @fpxQuantizeF32(%[[ARG]], %[[ROWS]], %[[COLS]], %[[FORMAT]], %[[LAYOUT]], %{{.*}}, %[[BLOCK]], %{{.*}}, %[[WARG]], %[[SARG]])
// CHECK:         %[[WT:.*]] = bufferization.to_tensor %[[WORDS]] restrict writable : memref<1536xi32> to tensor<1536xi32>
// CHECK:         %[[ST:.*]] = bufferization.to_tensor %[[SCALES]] restrict writable : memref<96xf16> to tensor<96xf16>
// CHECK:         return %[[WT]], %[[ST]]
func.func @quantize_f32(%w: tensor<96x64xf32>) -> (tensor<1536xi32>, tensor<96xf16>) {
  %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : tensor<96x64xf32> -> tensor<1536xi32>, tensor<96xf16>
  return %words, %scales : tensor<1536xi32>, tensor<96xf16>
}

// A bf16 weight is widened to f32 first; grouped scales come back flat and
// are expanded to [N, groups].

// CHECK-LABEL: func.func @quantize_bf16_grouped(
// CHECK-SAME:      %[[W:.*]]: tensor<10x33xbf16>)
// CHECK:         %[[WIDE:.*]] = linalg.generic {{.*}} ins(%[[W]] : tensor<10x33xbf16>) outs(%{{.*}} : tensor<10x33xf32>)
// CHECK:           arith.extf %{{.*}} : bf16 to f32
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[WIDE]] {{\[}}[0, 1]] : tensor<10x33xf32> into tensor<330xf32>
// CHECK:         %[[SCALES:.*]] = memref.alloc() : memref<30xf16>
// CHECK-DAG:     %[[FORMAT:.*]] = arith.constant 3 : i64
// CHECK-DAG:     %[[LAYOUT:.*]] = arith.constant 0 : i64
// CHECK-DAG:     %[[GROUP:.*]] = arith.constant 16 : i64
// CHECK:         call @fpxQuantizeF32(%{{.*}}, %{{.*}}, %{{.*}}, %[[FORMAT]], %[[LAYOUT]], %[[GROUP]],
// CHECK:         %[[ST:.*]] = bufferization.to_tensor %[[SCALES]] restrict writable : memref<30xf16> to tensor<30xf16>
// CHECK:         %[[S2:.*]] = tensor.expand_shape %[[ST]] {{\[}}[0, 1]] output_shape [10, 3] : tensor<30xf16> into tensor<10x3xf16>
// CHECK:         return %{{.*}}, %[[S2]]
func.func @quantize_bf16_grouped(%w: tensor<10x33xbf16>) -> (tensor<43xi32>, tensor<10x3xf16>) {
  %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e2m1, rows = 10, cols = 33, group_size = 16, layout = row_major>}
      : tensor<10x33xbf16> -> tensor<43xi32>, tensor<10x3xf16>
  return %words, %scales : tensor<43xi32>, tensor<10x3xf16>
}

// -----

// A constant weight folds (here through the conversion driver) instead of
// calling the runtime.

// CHECK-LABEL: func.func @quantize_constant(
// CHECK-NOT:     call @fpxQuantizeF32
// CHECK:         %[[Y:.*]] = linalg.generic
// CHECK:         return
// CHECK-NOT:     func.func private @fpxQuantizeF32
func.func @quantize_constant(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[1.0, 0.5, 0.0], [-2.0, 28.0, 3.0]]> : tensor<2x3xf32>
  %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, layout = row_major>}
      : tensor<2x3xf32> -> tensor<3xi32>, tensor<2xf16>
  %y = fpx.qmatmul %x, %words, %scales {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, layout = row_major>}
      : (tensor<4x3xf32>, tensor<3xi32>, tensor<2xf16>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}
