// RUN: fpx-opt %s -split-input-file --fpx-quantize-weights | FileCheck %s
// RUN: fpx-opt %s -split-input-file --fpx-quantize-weights="layout=row_major" | FileCheck %s --check-prefix=ROW
// RUN: fpx-opt %s -split-input-file --fpx-quantize-weights="format=fp4 layout=row_major" | FileCheck %s --check-prefix=FP4
// RUN: fpx-opt %s -split-input-file --fpx-quantize-weights="format=fp5" | FileCheck %s --check-prefix=FP5
// RUN: fpx-opt %s -split-input-file --fpx-quantize-weights="format=e2m3" | FileCheck %s --check-prefix=E2M3
// RUN: fpx-opt %s -split-input-file --fpx-quantize-weights="group-size=32" | FileCheck %s --check-prefix=GROUP
// RUN: fpx-opt %s -split-input-file --fpx-quantize-weights="group-size=2 layout=row_major" | FileCheck %s --check-prefix=GROUP2
// RUN: fpx-opt %s -split-input-file --fpx-quantize-weights="skip=lm_head,gate_proj,skipped_fn" | FileCheck %s --check-prefix=SKIP
// RUN: fpx-opt %s -split-input-file --fpx-quantize-weights="skip=lm_head," | FileCheck %s --check-prefix=SKIP1

//===----------------------------------------------------------------------===//
// Constant weights: quantized and packed at compile time.
//===----------------------------------------------------------------------===//

// A 3x2 (K x N) weight with the default maps is transposed at compile time to
// W[N, K] = [[1, 0.5, 0], [-2, 28, 3]] and packed. Computed by hand (the same
// weight with absmax scales: fpx-quantize-weights-absmax.mlir):
//
// Scales (the default scale-rule=search): of the candidates
// absmax / max * (16 + i) / 16, i = 0..15, rounded to fp16, each channel gets
// the first with the least squared error.
// E3M2 (fp6): bias 3, code = s eee mm, largest value 1.11b * 2^4 = 28.
//   row 0: absmax 1. i = 0 is fp16(1/28) = 0.035705566, and 1 / scale =
//          28.007 saturates (error 2.4e-4); i = 12 is 1/28 * 28/16 = 1/16,
//          exact in fp16, and 1 -> 16 = 0 111 00 = 28, 0.5 -> 8 = 0 110 00 =
//          24, 0 -> 0: no error, the first such candidate.
//   row 1: absmax 28, i = 0 is scale 1.0, already exact: -2 = 1 100 00 = 48;
//          28 = 0 111 11 = 31; 3 = 1.10b * 2^1 = 0 100 10 = 18.
//   codes, row-major: [28, 24, 0, 48, 31, 18]
//
// row_major: code i at bits [6i, 6i+6) of a little-endian bit stream:
//   word 0 = 28 | 24 << 6 | 0 << 12 | 48 << 18 | 31 << 24 | (18 & 3) << 30
//          = 0x9FC0061C = -1614805476 as i32
//   word 1 = 18 >> 2 = 4, then one zero tail word.
//
// tc_fpx: N, K padded to one 64x64 block; 2-bit (MSB) segments in words
// [0, 256), 4-bit segments in [256, 768); word = chunk * 128 + lane * 4 +
// slot. Lane 4g+t, pair 0 holds (row g, cols 2t, 2t+1); a pair's element 0
// goes to bits [16-b, 16), element 1 to [32-b, 32):
//   lane 0 (0,0)=28=01|1100 (0,1)=24=01|1000: word 0 = 0x40004000,
//                                              word 256 = 0x8000C000
//   lane 1 (0,2)=0, (0,3)=pad:                 zero
//   lane 4 (1,0)=48=11|0000 (1,1)=31=01|1111:  word 16 = 0x4000C000,
//                                              word 272 = 0xF0000000
//   lane 5 (1,2)=18=01|0010 (1,3)=pad:         word 20 = 0x00004000,
//                                              word 276 = 0x00002000
// printed as little-endian bytes in the hex literal.

// CHECK-LABEL: func.func @weight_k_by_n(
// CHECK-SAME:      %[[X:.*]]: tensor<4x3xf32>)
// CHECK-DAG:     %[[SCALES:.*]] = arith.constant dense<[6.250000e-02, 1.000000e+00]> : tensor<2xf16>
// CHECK-DAG:     %[[WORDS:.*]] = arith.constant dense<"0x00400040{{(0{120})}}00C00040{{(0{24})}}00400000{{((0{8}){235})}}00C00080{{(0{120})}}000000F0{{(0{24})}}00200000{{0+}}"> : tensor<768xi32>
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[Y:.*]] = fpx.qmatmul %[[X]], %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, layout = tc_fpx>} : (tensor<4x3xf32>, tensor<768xi32>, tensor<2xf16>) -> tensor<4x2xf32>
// CHECK-NOT:     linalg.matmul
// CHECK:         return %[[Y]] : tensor<4x2xf32>

// ROW-LABEL: func.func @weight_k_by_n(
// ROW-DAG:     %[[SCALES:.*]] = arith.constant dense<[6.250000e-02, 1.000000e+00]> : tensor<2xf16>
// ROW-DAG:     %[[WORDS:.*]] = arith.constant dense<[-1614805476, 4, 0]> : tensor<3xi32>
// ROW:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, layout = row_major>} : (tensor<4x3xf32>, tensor<3xi32>, tensor<2xf16>) -> tensor<4x2xf32>

// E2M1 (fp4): bias 1, code = s ee m, largest 1.1b * 2^2 = 6.
//   row 0: i = 8 is 1/6 * 24/16 = 0.25, exact: 1 -> 4 = 0 11 0 = 6,
//          0.5 -> 2 = 0 10 0 = 4, 0 -> 0 (i = 0, fp16(1/6), saturates 1).
//   row 1: i = 0, scale = fp16(28/6) = 2^2 * (1 + 171/1024) = 4.6679688;
//          -2 / scale = -0.428 -> -0.5 (subnormal) = 1 00 1 = 9;
//          28 / scale = 5.998 -> 6 = 7; 3 / scale = 0.643 -> 0.5 = 0 00 1 = 1
//          (no other candidate has a smaller squared error).
//   codes [6, 4, 0, 9, 7, 1], 4 bits each: word 0 = 0x00179046 = 1544262;
//   24 bits fit one word, plus the zero tail word.
// FP4-LABEL: func.func @weight_k_by_n(
// FP4-DAG:     %[[SCALES:.*]] = arith.constant dense<[2.500000e-01, 4.667970e+00]> : tensor<2xf16>
// FP4-DAG:     %[[WORDS:.*]] = arith.constant dense<[1544262, 0]> : tensor<2xi32>
// FP4:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e2m1, rows = 2, cols = 3, layout = row_major>} : (tensor<4x3xf32>, tensor<2xi32>, tensor<2xf16>) -> tensor<4x2xf32>

// E2M2 (fp5): largest 1.11b * 2^2 = 7; row 0: i = 12 gives 1/7 * 28/16 =
// 0.25 (1 -> 4, 0.5 -> 2, exact); row 1: 28/7 = 4 exactly, i = 0.
// tc_fpx: 64 * 64 * 5 / 32 = 640 words.
// FP5-LABEL: func.func @weight_k_by_n(
// FP5-DAG:     %[[SCALES:.*]] = arith.constant dense<[2.500000e-01, 4.000000e+00]> : tensor<2xf16>
// FP5-DAG:     %[[WORDS:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<640xi32>
// FP5:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e2m2, rows = 2, cols = 3, layout = tc_fpx>} : (tensor<4x3xf32>, tensor<640xi32>, tensor<2xf16>) -> tensor<4x2xf32>

// Format e2m3: largest 1.111b * 2^2 = 7.5; row 0: i = 14 gives 1/7.5 *
// 30/16 = 0.25 (exact); row 1: i = 8 gives fp16(28/7.5 * 24/16) =
// fp16(5.6) = 5.6015625 (28 -> 4.9986 -> 5; -2 and 3 -> -0.375 and 0.5).
// E2M3-LABEL: func.func @weight_k_by_n(
// E2M3-DAG:     %[[SCALES:.*]] = arith.constant dense<[2.500000e-01, 5.601560e+00]> : tensor<2xf16>
// E2M3-DAG:     %[[WORDS:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<768xi32>
// E2M3:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e2m3, rows = 2, cols = 3, layout = tc_fpx>} : (tensor<4x3xf32>, tensor<768xi32>, tensor<2xf16>) -> tensor<4x2xf32>

// One group of 32 covers K = 3: the per-channel scales, as [N, 1].
// GROUP-LABEL: func.func @weight_k_by_n(
// GROUP-DAG:     %[[SCALES:.*]] = arith.constant dense<{{\[}}[6.250000e-02], [1.000000e+00]]> : tensor<2x1xf16>
// GROUP-DAG:     %[[WORDS:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<768xi32>
// GROUP:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, group_size = 32, layout = tc_fpx>} : (tensor<4x3xf32>, tensor<768xi32>, tensor<2x1xf16>) -> tensor<4x2xf32>

// Groups of 2 along K = 3: [k0, k1], [k2].
//   row 0: [1, 0.5] scale 1/16 -> 28, 24; [0] all zero -> scale 1, 0.
//   row 1: [-2, 28] scale 1 -> 48, 31; [3]: i = 0 (fp16(3/28), 3 / scale =
//          28.007) saturates, i = 12 gives 3/28 * 28/16 = 0.1875, exact:
//          3 -> 16 = 28.
//   codes [28, 24, 0, 48, 31, 28]: word 0 = 0x1FC0061C = 532678172,
//   word 1 = 28 >> 2 = 7, tail 0.
// GROUP2-LABEL: func.func @weight_k_by_n(
// GROUP2-DAG:     %[[SCALES:.*]] = arith.constant dense<{{\[}}[6.250000e-02, 1.000000e+00], [1.000000e+00, 1.875000e-01]]> : tensor<2x2xf16>
// GROUP2-DAG:     %[[WORDS:.*]] = arith.constant dense<[532678172, 7, 0]> : tensor<3xi32>
// GROUP2:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, group_size = 2, layout = row_major>} : (tensor<4x3xf32>, tensor<3xi32>, tensor<2x2xf16>) -> tensor<4x2xf32>
func.func @weight_k_by_n(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[1.0, -2.0], [0.5, 28.0], [0.0, 3.0]]> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                     outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// The same weight given as N x K through transposed-B indexing maps: no
// transposition, and the very same words and scales as @weight_k_by_n.

// CHECK-LABEL: func.func @weight_n_by_k(
// CHECK-SAME:      %[[X:.*]]: tensor<4x3xf32>)
// CHECK-DAG:     %[[SCALES:.*]] = arith.constant dense<[6.250000e-02, 1.000000e+00]> : tensor<2xf16>
// CHECK-DAG:     %[[WORDS:.*]] = arith.constant dense<"0x00400040{{(0{120})}}00C00040{{(0{24})}}00400000{{((0{8}){235})}}00C00080{{(0{120})}}000000F0{{(0{24})}}00200000{{0+}}"> : tensor<768xi32>
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[Y:.*]] = fpx.qmatmul %[[X]], %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, layout = tc_fpx>}
// CHECK-NOT:     linalg.matmul
// CHECK:         return %[[Y]]

// ROW-LABEL: func.func @weight_n_by_k(
// ROW-DAG:     %[[SCALES:.*]] = arith.constant dense<[6.250000e-02, 1.000000e+00]> : tensor<2xf16>
// ROW-DAG:     %[[WORDS:.*]] = arith.constant dense<[-1614805476, 4, 0]> : tensor<3xi32>
// ROW:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]]
func.func @weight_n_by_k(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[1.0, 0.5, 0.0], [-2.0, 28.0, 3.0]]> : tensor<2x3xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x3xf32>, tensor<2x3xf32>)
      outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// A per-batch 3-D weight: one qmatmul per batch on its own packed weight,
// gathered with tensor.insert_slice. Batch 0 is @weight_k_by_n's weight;
// batch 1 is W[N, K] = [[2, 1, 4], [1, 2, 0.25]]: the search finds the exact
// scales 4/28 * 28/16 = 0.25 and 2/28 * 28/16 = 0.125 (i = 12), codes
// [8 = 0 110 00 = 24, 4 = 0 101 00 = 20, 16 = 28; 8 = 24, 16 = 28,
// 2 = 0 100 00 = 16], word 0 = 0x1C61C518 = 476169496, word 1 = 16 >> 2 = 4.
// A zero constant init needs no linalg.add.

// CHECK-LABEL: func.func @batch_matmul_per_batch_weight(
// CHECK-SAME:      %[[X:.*]]: tensor<2x4x3xf32>)
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<2x4x2xf32>
// CHECK-DAG:     %[[S0:.*]] = arith.constant dense<[6.250000e-02, 1.000000e+00]> : tensor<2xf16>
// CHECK-DAG:     %[[W0:.*]] = arith.constant dense<"0x00400040{{[0-9A-F]+}}"> : tensor<768xi32>
// CHECK:         %[[X0:.*]] = tensor.extract_slice %[[X]][0, 0, 0] [1, 4, 3] [1, 1, 1] : tensor<2x4x3xf32> to tensor<4x3xf32>
// CHECK:         %[[Y0:.*]] = fpx.qmatmul %[[X0]], %[[W0]], %[[S0]] {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, layout = tc_fpx>} : (tensor<4x3xf32>, tensor<768xi32>, tensor<2xf16>) -> tensor<4x2xf32>
// CHECK:         %[[R0:.*]] = tensor.insert_slice %[[Y0]] into %[[EMPTY]][0, 0, 0] [1, 4, 2] [1, 1, 1] : tensor<4x2xf32> into tensor<2x4x2xf32>
// CHECK-DAG:     %[[S1:.*]] = arith.constant dense<[2.500000e-01, 1.250000e-01]> : tensor<2xf16>
// CHECK-DAG:     %[[W1:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<768xi32>
// CHECK:         %[[X1:.*]] = tensor.extract_slice %[[X]][1, 0, 0] [1, 4, 3] [1, 1, 1] : tensor<2x4x3xf32> to tensor<4x3xf32>
// CHECK:         %[[Y1:.*]] = fpx.qmatmul %[[X1]], %[[W1]], %[[S1]]
// CHECK:         %[[R1:.*]] = tensor.insert_slice %[[Y1]] into %[[R0]][1, 0, 0] [1, 4, 2] [1, 1, 1] : tensor<4x2xf32> into tensor<2x4x2xf32>
// CHECK-NOT:     linalg.batch_matmul
// CHECK-NOT:     linalg.add
// CHECK:         return %[[R1]]

// ROW-LABEL: func.func @batch_matmul_per_batch_weight(
// ROW-DAG:     %[[W0:.*]] = arith.constant dense<[-1614805476, 4, 0]> : tensor<3xi32>
// ROW:         fpx.qmatmul %{{.*}}, %[[W0]],
// ROW-DAG:     %[[W1:.*]] = arith.constant dense<[476169496, 4, 0]> : tensor<3xi32>
// ROW:         fpx.qmatmul %{{.*}}, %[[W1]],
func.func @batch_matmul_per_batch_weight(%x: tensor<2x4x3xf32>) -> tensor<2x4x2xf32> {
  %w = arith.constant dense<[[[1.0, -2.0], [0.5, 28.0], [0.0, 3.0]],
                             [[2.0, 1.0], [1.0, 2.0], [4.0, 0.25]]]> : tensor<2x3x2xf32>
  %acc = arith.constant dense<0.0> : tensor<2x4x2xf32>
  %y = linalg.batch_matmul ins(%x, %w : tensor<2x4x3xf32>, tensor<2x3x2xf32>)
                           outs(%acc : tensor<2x4x2xf32>) -> tensor<2x4x2xf32>
  return %y : tensor<2x4x2xf32>
}

// -----

// A 2-D weight shared by all batches (broadcast through indexing_maps): one
// qmatmul on the rank-3 input, dynamic batch included.

// CHECK-LABEL: func.func @batch_matmul_shared_weight(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x4x3xf32>
// CHECK:         %[[Y:.*]] = fpx.qmatmul %[[X]], %{{.*}}, %{{.*}} {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, layout = tc_fpx>} : (tensor<?x4x3xf32>, tensor<768xi32>, tensor<2xf16>) -> tensor<?x4x2xf32>
// CHECK-NOT:     tensor.extract_slice
// CHECK:         return %[[Y]]
func.func @batch_matmul_shared_weight(%x: tensor<?x4x3xf32>, %acc: tensor<?x4x2xf32>) -> tensor<?x4x2xf32> {
  %w = arith.constant dense<[[1.0, -2.0], [0.5, 28.0], [0.0, 3.0]]> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %init = linalg.fill ins(%zero : f32) outs(%acc : tensor<?x4x2xf32>) -> tensor<?x4x2xf32>
  %y = linalg.batch_matmul indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>,
                                            affine_map<(b, m, n, k) -> (k, n)>,
                                            affine_map<(b, m, n, k) -> (b, m, n)>]
      ins(%x, %w : tensor<?x4x3xf32>, tensor<3x2xf32>)
      outs(%init : tensor<?x4x2xf32>) -> tensor<?x4x2xf32>
  return %y : tensor<?x4x2xf32>
}

// -----

// f16 and bf16 activations with f32 results (f32 accumulation). A splat 0.5
// weight: scale 0.5/28 * 28/16 = 0.03125 per channel (0.5 -> 16, exact; i = 0,
// fp16(0.5/28) = 0.017852783, would give 0.5 -> 28.007, saturated).

// CHECK-LABEL: func.func @f16_activations(
// CHECK-SAME:      %[[X:.*]]: tensor<4x64xf16>)
// CHECK-DAG:     %[[SCALES:.*]] = arith.constant dense<3.125000e-02> : tensor<16xf16>
// CHECK-DAG:     %[[WORDS:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<768xi32>
// CHECK:         %[[Y:.*]] = fpx.qmatmul %[[X]], %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e3m2, rows = 16, cols = 64, layout = tc_fpx>} : (tensor<4x64xf16>, tensor<768xi32>, tensor<16xf16>) -> tensor<4x16xf32>
// CHECK:         return %[[Y]] : tensor<4x16xf32>

// K = 64 in groups of 32: scales [N, 2].
// GROUP-LABEL: func.func @f16_activations(
// GROUP:         %[[SCALES:.*]] = arith.constant dense<3.125000e-02> : tensor<16x2xf16>
// GROUP:         fpx.qmatmul {{.*}} {packing = #fpx.packing<format = e3m2, rows = 16, cols = 64, group_size = 32, layout = tc_fpx>} : (tensor<4x64xf16>, tensor<768xi32>, tensor<16x2xf16>) -> tensor<4x16xf32>
func.func @f16_activations(%x: tensor<4x64xf16>) -> tensor<4x16xf32> {
  %w = arith.constant dense<0.5> : tensor<64x16xf16>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x64xf16>, tensor<64x16xf16>)
                     outs(%acc : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @bf16_activations(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x64xbf16>, %[[W:[^:]*]]: tensor<64x16xbf16> {fpx.weight})
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<16x64xbf16>
// CHECK:         %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<64x16xbf16>) outs(%[[E]] : tensor<16x64xbf16>) permutation = [1, 0]
// CHECK:         %[[WORDS:.*]], %[[SCALES:.*]] = fpx.quantize %[[WT]] {packing = #fpx.packing<format = e3m2, rows = 16, cols = 64, layout = tc_fpx>} : tensor<16x64xbf16> -> tensor<768xi32>, tensor<16xf16>
// CHECK:         %[[Y:.*]] = fpx.qmatmul %[[X]], %[[WORDS]], %[[SCALES]] {{.*}} : (tensor<4x64xbf16>, tensor<768xi32>, tensor<16xf16>) -> tensor<4x16xf32>
// CHECK:         return %[[Y]]

// GROUP-LABEL: func.func @bf16_activations(
// GROUP:         fpx.quantize {{.*}} group_size = 32{{.*}} : tensor<16x64xbf16> -> tensor<768xi32>, tensor<16x2xf16>
func.func @bf16_activations(%x: tensor<4x64xbf16>, %w: tensor<64x16xbf16> {fpx.weight}) -> tensor<4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x64xbf16>, tensor<64x16xbf16>)
                     outs(%acc : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

//===----------------------------------------------------------------------===//
// Weight arguments marked {fpx.weight}: quantized at function entry.
//===----------------------------------------------------------------------===//

// -----

// One transpose + quantize at entry, shared by both matmuls.

// CHECK-LABEL: func.func @arg_weight_shared(
// CHECK-SAME:      %[[X0:[^:]*]]: tensor<4x64xf32>, %[[X1:[^:]*]]: tensor<8x64xf32>, %[[W:[^:]*]]: tensor<64x32xf32> {fpx.weight})
// CHECK-NEXT:    %[[E:.*]] = tensor.empty() : tensor<32x64xf32>
// CHECK-NEXT:    %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<64x32xf32>) outs(%[[E]] : tensor<32x64xf32>) permutation = [1, 0]
// CHECK-NEXT:    %[[WORDS:.*]], %[[SCALES:.*]] = fpx.quantize %[[WT]] {packing = #fpx.packing<format = e3m2, rows = 32, cols = 64, layout = tc_fpx>} : tensor<32x64xf32> -> tensor<768xi32>, tensor<32xf16>
// CHECK-NOT:     fpx.quantize
// CHECK:         %[[Y0:.*]] = fpx.qmatmul %[[X0]], %[[WORDS]], %[[SCALES]] {{.*}} -> tensor<4x32xf32>
// CHECK-NOT:     fpx.quantize
// CHECK:         %[[Y1:.*]] = fpx.qmatmul %[[X1]], %[[WORDS]], %[[SCALES]] {{.*}} -> tensor<8x32xf32>
// CHECK-NOT:     linalg.matmul
// CHECK:         return %[[Y0]], %[[Y1]]

// ROW-LABEL: func.func @arg_weight_shared(
// ROW:         fpx.quantize {{.*}} : tensor<32x64xf32> -> tensor<385xi32>, tensor<32xf16>
// ROW-NOT:     fpx.quantize
// ROW:         return
func.func @arg_weight_shared(%x0: tensor<4x64xf32>, %x1: tensor<8x64xf32>,
                             %w: tensor<64x32xf32> {fpx.weight})
    -> (tensor<4x32xf32>, tensor<8x32xf32>) {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<4x32xf32>
  %acc0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<4x32xf32>) -> tensor<4x32xf32>
  %y0 = linalg.matmul ins(%x0, %w : tensor<4x64xf32>, tensor<64x32xf32>)
                      outs(%acc0 : tensor<4x32xf32>) -> tensor<4x32xf32>
  %e1 = tensor.empty() : tensor<8x32xf32>
  %acc1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<8x32xf32>) -> tensor<8x32xf32>
  %y1 = linalg.matmul ins(%x1, %w : tensor<8x64xf32>, tensor<64x32xf32>)
                      outs(%acc1 : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %y0, %y1 : tensor<4x32xf32>, tensor<8x32xf32>
}

// -----

// A square weight used as K x N by one matmul and as N x K by another: the
// packing is the same, but the two need different quantizations (the first
// transposed, the second not), so they must not be shared.

// CHECK-LABEL: func.func @arg_weight_square_both_ways(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x32xf32>, %[[W:[^:]*]]: tensor<32x32xf32> {fpx.weight})
// CHECK-DAG:     %[[WORDS_NK:.*]], %[[SCALES_NK:.*]] = fpx.quantize %[[W]] {{.*}} : tensor<32x32xf32>
// CHECK-DAG:     %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<32x32xf32>)
// CHECK-DAG:     %[[WORDS_KN:.*]], %[[SCALES_KN:.*]] = fpx.quantize %[[WT]] {{.*}} : tensor<32x32xf32>
// CHECK:         %[[Y0:.*]] = fpx.qmatmul %[[X]], %[[WORDS_KN]], %[[SCALES_KN]]
// CHECK:         %[[Y1:.*]] = fpx.qmatmul %[[X]], %[[WORDS_NK]], %[[SCALES_NK]]
// CHECK:         return %[[Y0]], %[[Y1]]
func.func @arg_weight_square_both_ways(%x: tensor<4x32xf32>, %w: tensor<32x32xf32> {fpx.weight})
    -> (tensor<4x32xf32>, tensor<4x32xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x32xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x32xf32>) -> tensor<4x32xf32>
  %y0 = linalg.matmul ins(%x, %w : tensor<4x32xf32>, tensor<32x32xf32>)
                      outs(%acc : tensor<4x32xf32>) -> tensor<4x32xf32>
  %y1 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                       affine_map<(m, n, k) -> (n, k)>,
                                       affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x32xf32>, tensor<32x32xf32>)
      outs(%acc : tensor<4x32xf32>) -> tensor<4x32xf32>
  return %y0, %y1 : tensor<4x32xf32>, tensor<4x32xf32>
}

// -----

// A marked per-batch weight in N x K form: a rank-reducing slice per batch,
// no transpose.

// CHECK-LABEL: func.func @arg_weight_per_batch_n_by_k(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x4x3xf32>, %[[W:[^:]*]]: tensor<2x2x3xf32> {fpx.weight})
// CHECK-DAG:     %[[W0:.*]] = tensor.extract_slice %[[W]][0, 0, 0] [1, 2, 3] [1, 1, 1] : tensor<2x2x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[WORDS0:.*]], %[[SCALES0:.*]] = fpx.quantize %[[W0]]
// CHECK-DAG:     %[[W1:.*]] = tensor.extract_slice %[[W]][1, 0, 0] [1, 2, 3] [1, 1, 1] : tensor<2x2x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[WORDS1:.*]], %[[SCALES1:.*]] = fpx.quantize %[[W1]]
// CHECK-NOT:     linalg.transpose
// CHECK:         fpx.qmatmul %{{.*}}, %[[WORDS0]], %[[SCALES0]]
// CHECK:         fpx.qmatmul %{{.*}}, %[[WORDS1]], %[[SCALES1]]
func.func @arg_weight_per_batch_n_by_k(%x: tensor<2x4x3xf32>, %w: tensor<2x2x3xf32> {fpx.weight}) -> tensor<2x4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x4x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<2x4x2xf32>) -> tensor<2x4x2xf32>
  %y = linalg.batch_matmul indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>,
                                            affine_map<(b, m, n, k) -> (b, n, k)>,
                                            affine_map<(b, m, n, k) -> (b, m, n)>]
      ins(%x, %w : tensor<2x4x3xf32>, tensor<2x2x3xf32>)
      outs(%acc : tensor<2x4x2xf32>) -> tensor<2x4x2xf32>
  return %y : tensor<2x4x2xf32>
}

// -----

// A weight argument without {fpx.weight} is not a weight.

// CHECK-LABEL: func.func @arg_weight_unmarked(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @arg_weight_unmarked(%x: tensor<4x64xf32>, %w: tensor<64x32xf32>) -> tensor<4x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x32xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x32xf32>) -> tensor<4x32xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x64xf32>, tensor<64x32xf32>)
                     outs(%acc : tensor<4x32xf32>) -> tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}

// -----

// The marked weight has other users too: they keep reading the argument.

// CHECK-LABEL: func.func @arg_weight_other_uses(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x3xf32>, %[[W:[^:]*]]: tensor<3x2xf32> {fpx.weight}
// CHECK:         fpx.quantize
// CHECK:         %[[Y:.*]] = fpx.qmatmul %[[X]]
// CHECK:         %[[N:.*]] = linalg.negf ins(%[[W]] : tensor<3x2xf32>)
// CHECK:         return %[[Y]], %[[N]]
func.func @arg_weight_other_uses(%x: tensor<4x3xf32>, %w: tensor<3x2xf32> {fpx.weight})
    -> (tensor<4x2xf32>, tensor<3x2xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                     outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32>
  %e2 = tensor.empty() : tensor<3x2xf32>
  %n = linalg.negf ins(%w : tensor<3x2xf32>) outs(%e2 : tensor<3x2xf32>) -> tensor<3x2xf32>
  return %y, %n : tensor<4x2xf32>, tensor<3x2xf32>
}

//===----------------------------------------------------------------------===//
// Accumulation into a non-zero init.
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @nonzero_init(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x64xf32>, %[[W:[^:]*]]: tensor<64x32xf32> {fpx.weight}, %[[INIT:[^:]*]]: tensor<4x32xf32>)
// CHECK:         %[[Q:.*]] = fpx.qmatmul %[[X]]
// CHECK-NEXT:    %[[R:.*]] = linalg.add ins(%[[Q]], %[[INIT]] : tensor<4x32xf32>, tensor<4x32xf32>) outs(%[[INIT]] : tensor<4x32xf32>) -> tensor<4x32xf32>
// CHECK-NEXT:    return %[[R]]
func.func @nonzero_init(%x: tensor<4x64xf32>, %w: tensor<64x32xf32> {fpx.weight},
                        %init: tensor<4x32xf32>) -> tensor<4x32xf32> {
  %y = linalg.matmul ins(%x, %w : tensor<4x64xf32>, tensor<64x32xf32>)
                     outs(%init : tensor<4x32xf32>) -> tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}

// CHECK-LABEL: func.func @nonzero_fill_init(
// CHECK:         %[[FILL:.*]] = linalg.fill
// CHECK:         %[[Q:.*]] = fpx.qmatmul
// CHECK-NEXT:    %[[R:.*]] = linalg.add ins(%[[Q]], %[[FILL]] : tensor<4x2xf32>, tensor<4x2xf32>) outs(%[[FILL]] : tensor<4x2xf32>)
// CHECK-NEXT:    return %[[R]]
func.func @nonzero_fill_init(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<1.0> : tensor<3x2xf32>
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %acc = linalg.fill ins(%one : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                     outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// A -0.0 fill is a zero init too.
// CHECK-LABEL: func.func @negative_zero_fill_init(
// CHECK:         %[[Q:.*]] = fpx.qmatmul
// CHECK-NEXT:    return %[[Q]]
func.func @negative_zero_fill_init(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<1.0> : tensor<3x2xf32>
  %nzero = arith.constant -0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %acc = linalg.fill ins(%nzero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                     outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

//===----------------------------------------------------------------------===//
// skip=: by location name and by function name.
//===----------------------------------------------------------------------===//

// -----

// Without skip= every matmul is quantized; with skip=lm_head,gate_proj,skipped_fn
// the ones whose NameLoc (also inside a fused location) or function name
// contains one of the strings are left alone.

// CHECK-LABEL: func.func @model(
// CHECK-COUNT-3: fpx.qmatmul
// CHECK-NOT:     linalg.matmul
// CHECK-LABEL: func.func @skipped_fn(
// CHECK:         fpx.qmatmul
// CHECK-NOT:     linalg.matmul

// SKIP-LABEL: func.func @model(
// SKIP-SAME:      %[[X:.*]]: tensor<4x3xf32>)
// SKIP:         %[[A:.*]] = fpx.qmatmul %[[X]]
// SKIP:         %[[B:.*]] = linalg.matmul ins(%[[X]]
// SKIP:         %[[C:.*]] = linalg.matmul ins(%[[X]]
// SKIP:         return %[[A]], %[[B]], %[[C]]
// SKIP-LABEL: func.func @skipped_fn(
// SKIP-NOT:     fpx.qmatmul
// SKIP:         linalg.matmul
// SKIP-NOT:     fpx.qmatmul
// SKIP:         return

// An empty entry (trailing comma) skips nothing by itself.
// SKIP1-LABEL: func.func @model(
// SKIP1:         %[[A:.*]] = fpx.qmatmul
// SKIP1:         %[[B:.*]] = linalg.matmul
// SKIP1:         %[[C:.*]] = fpx.qmatmul
// SKIP1:         return %[[A]], %[[B]], %[[C]]
// SKIP1-LABEL: func.func @skipped_fn(
// SKIP1:         fpx.qmatmul
func.func @model(%x: tensor<4x3xf32>) -> (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>) {
  %w = arith.constant dense<1.0> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %a = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                     outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32> loc("model/layers.0/mlp/MatMul")
  %b = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                     outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32> loc("lm_head")
  %c = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                     outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32>
                     loc(fused["model.onnx":1:1, "model/layers.0/mlp/gate_proj"("model.py":3:4)])
  return %a, %b, %c : tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>
}

func.func @skipped_fn(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<1.0> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                     outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

//===----------------------------------------------------------------------===//
// Matmuls in loops and chains.
//===----------------------------------------------------------------------===//

// -----

// Chained layers: the second matmul's input is the first one's result, which
// the first rewrite replaces.

// CHECK-LABEL: func.func @chained_matmuls(
// CHECK-SAME:      %[[X:.*]]: tensor<4x3xf32>)
// CHECK:         %[[H:.*]] = fpx.qmatmul %[[X]], {{.*}} -> tensor<4x3xf32>
// CHECK:         %[[HS:.*]] = tensor.extract_slice %[[H]][0, 0] [4, 2] [1, 1]
// CHECK:         %[[Y:.*]] = fpx.qmatmul %[[H]], {{.*}} -> tensor<4x2xf32>
// CHECK:         %[[R:.*]] = linalg.add ins(%[[Y]], %[[HS]] : tensor<4x2xf32>, tensor<4x2xf32>) outs(%[[HS]] : tensor<4x2xf32>)
// CHECK-NOT:     linalg.matmul
// CHECK:         return %[[R]]
func.func @chained_matmuls(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w1 = arith.constant dense<1.0> : tensor<3x3xf32>
  %w2 = arith.constant dense<2.0> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x3xf32>) -> tensor<4x3xf32>
  %h = linalg.matmul ins(%x, %w1 : tensor<4x3xf32>, tensor<3x3xf32>)
                     outs(%acc : tensor<4x3xf32>) -> tensor<4x3xf32>
  // Accumulates into a slice of the first result: also a replaced value.
  %hs = tensor.extract_slice %h[0, 0] [4, 2] [1, 1] : tensor<4x3xf32> to tensor<4x2xf32>
  %y = linalg.matmul ins(%h, %w2 : tensor<4x3xf32>, tensor<3x2xf32>)
                     outs(%hs : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// Inside scf.for: the argument weight is quantized once at function entry,
// the constant one next to its matmul; the loop-carried init is added back.

// CHECK-LABEL: func.func @matmul_in_loop(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x3xf32>, %[[W:[^:]*]]: tensor<3x2xf32> {fpx.weight}
// CHECK:         %[[WT:.*]] = linalg.transpose ins(%[[W]]
// CHECK:         %[[WORDS:.*]], %[[SCALES:.*]] = fpx.quantize %[[WT]]
// CHECK:         scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<4x2xf32>)
// CHECK-NOT:       fpx.quantize
// CHECK:           %[[Q:.*]] = fpx.qmatmul %[[X]], %[[WORDS]], %[[SCALES]]
// CHECK:           %[[S:.*]] = linalg.add ins(%[[Q]], %[[ACC]]
// CHECK:           %[[Q2:.*]] = fpx.qmatmul %[[X]]
// CHECK:           %[[S2:.*]] = linalg.add ins(%[[Q2]], %[[S]]
// CHECK:           scf.yield %[[S2]]
// CHECK-NOT:     linalg.matmul
func.func @matmul_in_loop(%x: tensor<4x3xf32>, %w: tensor<3x2xf32> {fpx.weight},
                          %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %cw = arith.constant dense<2.0> : tensor<3x2xf32>
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %init) -> tensor<4x2xf32> {
    %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                       outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32>
    %z = linalg.matmul ins(%x, %cw : tensor<4x3xf32>, tensor<3x2xf32>)
                       outs(%y : tensor<4x2xf32>) -> tensor<4x2xf32>
    scf.yield %z : tensor<4x2xf32>
  }
  return %r : tensor<4x2xf32>
}

//===----------------------------------------------------------------------===//
// Left unchanged.
//===----------------------------------------------------------------------===//

// -----

// Transposed activations (A given as K x M).

// CHECK-LABEL: func.func @transposed_activations(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @transposed_activations(%x: tensor<3x4xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<1.0> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>,
                                      affine_map<(m, n, k) -> (k, n)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<3x4xf32>, tensor<3x2xf32>)
      outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// Dynamic weight shape.

// CHECK-LABEL: func.func @dynamic_weight(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @dynamic_weight(%x: tensor<4x?xf32>, %w: tensor<?x2xf32> {fpx.weight},
                          %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %y = linalg.matmul ins(%x, %w : tensor<4x?xf32>, tensor<?x2xf32>)
                     outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// Integer matmuls, and integer weights with float activations.

// CHECK-LABEL: func.func @integer_matmul(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @integer_matmul(%x: tensor<4x3xi8>, %init: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %w = arith.constant dense<1> : tensor<3x2xi8>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xi8>, tensor<3x2xi8>)
                     outs(%init : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

// CHECK-LABEL: func.func @integer_weight(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @integer_weight(%x: tensor<4x3xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<1> : tensor<3x2xi8>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xi8>)
                     outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// CHECK-LABEL: func.func @integer_result(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @integer_result(%x: tensor<4x3xf32>, %init: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %w = arith.constant dense<1.0> : tensor<3x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                     outs(%init : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

// -----

// f64 activations; and an f64 marked weight (fpx.quantize takes f16, bf16
// and f32 only).

// CHECK-LABEL: func.func @f64_activations(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @f64_activations(%x: tensor<4x3xf64>, %init: tensor<4x2xf64>) -> tensor<4x2xf64> {
  %w = arith.constant dense<1.0> : tensor<3x2xf64>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xf64>, tensor<3x2xf64>)
                     outs(%init : tensor<4x2xf64>) -> tensor<4x2xf64>
  return %y : tensor<4x2xf64>
}

// CHECK-LABEL: func.func @f64_weight_arg(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @f64_weight_arg(%x: tensor<4x3xf32>, %w: tensor<3x2xf64> {fpx.weight},
                          %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf64>)
                     outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// Buffer semantics.

// CHECK-LABEL: func.func @memref_matmul(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @memref_matmul(%x: memref<4x3xf32>, %w: memref<3x2xf32> {fpx.weight},
                         %out: memref<4x2xf32>) {
  linalg.matmul ins(%x, %w : memref<4x3xf32>, memref<3x2xf32>)
                outs(%out : memref<4x2xf32>)
  return
}

// -----

// A loop-carried weight is not the marked argument.

// CHECK-LABEL: func.func @loop_carried_weight(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @loop_carried_weight(%x: tensor<4x3xf32>, %w0: tensor<3x2xf32> {fpx.weight},
                               %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %r:2 = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %init, %w = %w0)
      -> (tensor<4x2xf32>, tensor<3x2xf32>) {
    %y = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
                       outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32>
    scf.yield %y, %w : tensor<4x2xf32>, tensor<3x2xf32>
  }
  return %r#0 : tensor<4x2xf32>
}

// -----

// Per-batch weights need static shapes to slice and gather: a dynamic batch
// of activations, or a dynamic result.

// CHECK-LABEL: func.func @per_batch_weight_dynamic_input(
// CHECK:         linalg.batch_matmul
// CHECK-NOT:     fpx.
func.func @per_batch_weight_dynamic_input(%x: tensor<?x4x3xf32>, %init: tensor<?x4x2xf32>) -> tensor<?x4x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x3x2xf32>
  %y = linalg.batch_matmul ins(%x, %w : tensor<?x4x3xf32>, tensor<2x3x2xf32>)
                           outs(%init : tensor<?x4x2xf32>) -> tensor<?x4x2xf32>
  return %y : tensor<?x4x2xf32>
}

// CHECK-LABEL: func.func @per_batch_weight_dynamic_result(
// CHECK:         linalg.batch_matmul
// CHECK-NOT:     fpx.
func.func @per_batch_weight_dynamic_result(%x: tensor<2x4x3xf32>, %init: tensor<2x?x2xf32>) -> tensor<2x?x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x3x2xf32>
  %y = linalg.batch_matmul ins(%x, %w : tensor<2x4x3xf32>, tensor<2x3x2xf32>)
                           outs(%init : tensor<2x?x2xf32>) -> tensor<2x?x2xf32>
  return %y : tensor<2x?x2xf32>
}

// -----

// Constants whose values are not at hand as dense elements.

// CHECK-LABEL: func.func @dense_resource_weight(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @dense_resource_weight(%x: tensor<4x2xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense_resource<weight_blob> : tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x2xf32>, tensor<2x2xf32>)
                     outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// CHECK-LABEL: func.func @poison_weight(
// CHECK:         linalg.matmul
// CHECK-NOT:     fpx.
func.func @poison_weight(%x: tensor<4x2xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = ub.poison : tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x2xf32>, tensor<2x2xf32>)
                     outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      weight_blob: "0x040000000000803F0000004000004040000080C0"
    }
  }
#-}
