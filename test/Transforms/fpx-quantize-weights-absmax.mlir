// --fpx-quantize-weights with scale-rule=absmax: scale = fp16(absmax / max),
// absmax on the largest code (the rule before the scale search, and FP6-LLM's).
// Hand-computed codes and words, including a saturation by the fp16-rounded
// scale; fpx-quantize-weights.mlir has the same weight with the default search.
// RUN: fpx-opt %s --fpx-quantize-weights="scale-rule=absmax" | FileCheck %s
// RUN: fpx-opt %s --fpx-quantize-weights="scale-rule=absmax layout=row_major" | FileCheck %s --check-prefix=ROW
// RUN: fpx-opt %s --fpx-quantize-weights="scale-rule=absmax format=fp4 layout=row_major" | FileCheck %s --check-prefix=FP4
// RUN: fpx-opt %s --fpx-quantize-weights="scale-rule=absmax format=fp5" | FileCheck %s --check-prefix=FP5
// RUN: fpx-opt %s --fpx-quantize-weights="scale-rule=absmax format=e2m3" | FileCheck %s --check-prefix=E2M3
// RUN: fpx-opt %s --fpx-quantize-weights="scale-rule=absmax group-size=32" | FileCheck %s --check-prefix=GROUP
// RUN: fpx-opt %s --fpx-quantize-weights="scale-rule=absmax group-size=2 layout=row_major" | FileCheck %s --check-prefix=GROUP2


// A 3x2 (K x N) weight with the default maps is transposed at compile time to
// W[N, K] = [[1, 0.5, 0], [-2, 28, 3]] and packed. Computed by hand:
//
// E3M2 (fp6): bias 3, code = s eee mm, largest value 1.11b * 2^4 = 28.
//   row 0: absmax 1, scale = 1/28 = 0.0357142... -> fp16 2^-5 * (1 + 146/1024)
//          = 0.035705566 (3.570560e-02; 1/28 * 2^5 * 1024 = 146.3 -> 146).
//          1 / scale = 28.007 saturates to 28 = 0 111 11 = 31;
//          0.5 / scale = 14.003 -> 14 = 1.11b * 2^3 = 0 110 11 = 27; 0 -> 0.
//   row 1: absmax 28, scale = 1.0: -2 = 1 100 00 = 48; 28 = 31;
//          3 = 1.10b * 2^1 = 0 100 10 = 18.
//   codes, row-major: [31, 27, 0, 48, 31, 18]
//
// row_major: code i at bits [6i, 6i+6) of a little-endian bit stream:
//   word 0 = 31 | 27 << 6 | 0 << 12 | 48 << 18 | 31 << 24 | (18 & 3) << 30
//          = 0x9FC006DF = -1614805281 as i32
//   word 1 = 18 >> 2 = 4, then one zero tail word.
//
// tc_fpx: N, K padded to one 64x64 block; 2-bit (MSB) segments in words
// [0, 256), 4-bit segments in [256, 768); word = chunk * 128 + lane * 4 +
// slot. Lane 4g+t, pair 0 holds (row g, cols 2t, 2t+1); a pair's element 0
// goes to bits [16-b, 16), element 1 to [32-b, 32):
//   lane 0 (0,0)=31=01|1111 (0,1)=27=01|1011: word 0 = 0x40004000,
//                                              word 256 = 0xB000F000
//   lane 1 (0,2)=0, (0,3)=pad:                 zero
//   lane 4 (1,0)=48=11|0000 (1,1)=31=01|1111:  word 16 = 0x4000C000,
//                                              word 272 = 0xF0000000
//   lane 5 (1,2)=18=01|0010 (1,3)=pad:         word 20 = 0x00004000,
//                                              word 276 = 0x00002000
// printed as little-endian bytes in the hex literal.

// CHECK-LABEL: func.func @weight_k_by_n(
// CHECK-SAME:      %[[X:.*]]: tensor<4x3xf32>)
// CHECK-DAG:     %[[SCALES:.*]] = arith.constant dense<[3.570560e-02, 1.000000e+00]> : tensor<2xf16>
// CHECK-DAG:     %[[WORDS:.*]] = arith.constant dense<"0x00400040{{(0{120})}}00C00040{{(0{24})}}00400000{{((0{8}){235})}}00F000B0{{(0{120})}}000000F0{{(0{24})}}00200000{{0+}}"> : tensor<768xi32>
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[Y:.*]] = fpx.qmatmul %[[X]], %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, layout = tc_fpx>} : (tensor<4x3xf32>, tensor<768xi32>, tensor<2xf16>) -> tensor<4x2xf32>
// CHECK-NOT:     linalg.matmul
// CHECK:         return %[[Y]] : tensor<4x2xf32>

// ROW-LABEL: func.func @weight_k_by_n(
// ROW-DAG:     %[[SCALES:.*]] = arith.constant dense<[3.570560e-02, 1.000000e+00]> : tensor<2xf16>
// ROW-DAG:     %[[WORDS:.*]] = arith.constant dense<[-1614805281, 4, 0]> : tensor<3xi32>
// ROW:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, layout = row_major>} : (tensor<4x3xf32>, tensor<3xi32>, tensor<2xf16>) -> tensor<4x2xf32>

// E2M1 (fp4): bias 1, code = s ee m, largest 1.1b * 2^2 = 6.
//   row 0: scale = fp16(1/6) = 2^-3 * (1 + 341/1024) = 0.16662598;
//          1 / scale = 6.0015 -> 6 = 0 11 1 = 7; 0.5 / scale = 3.0007 -> 3 =
//          0 10 1 = 5; 0 -> 0.
//   row 1: scale = fp16(28/6) = 2^2 * (1 + 171/1024) = 4.6679688;
//          -2 / scale = -0.428 -> -0.5 (subnormal) = 1 00 1 = 9;
//          28 / scale = 5.998 -> 6 = 7; 3 / scale = 0.643 -> 0.5 = 0 00 1 = 1.
//   codes [7, 5, 0, 9, 7, 1], 4 bits each: word 0 = 0x00179057 = 1544279;
//   24 bits fit one word, plus the zero tail word.
// FP4-LABEL: func.func @weight_k_by_n(
// FP4-DAG:     %[[SCALES:.*]] = arith.constant dense<[1.666260e-01, 4.667970e+00]> : tensor<2xf16>
// FP4-DAG:     %[[WORDS:.*]] = arith.constant dense<[1544279, 0]> : tensor<2xi32>
// FP4:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e2m1, rows = 2, cols = 3, layout = row_major>} : (tensor<4x3xf32>, tensor<2xi32>, tensor<2xf16>) -> tensor<4x2xf32>

// E2M2 (fp5): largest 1.11b * 2^2 = 7; scales fp16(1/7), 28/7 = 4 exactly.
// tc_fpx: 64 * 64 * 5 / 32 = 640 words.
// FP5-LABEL: func.func @weight_k_by_n(
// FP5-DAG:     %[[SCALES:.*]] = arith.constant dense<[1.428220e-01, 4.000000e+00]> : tensor<2xf16>
// FP5-DAG:     %[[WORDS:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<640xi32>
// FP5:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e2m2, rows = 2, cols = 3, layout = tc_fpx>} : (tensor<4x3xf32>, tensor<640xi32>, tensor<2xf16>) -> tensor<4x2xf32>

// Format e2m3: largest 1.111b * 2^2 = 7.5; scales fp16(1/7.5), fp16(28/7.5).
// E2M3-LABEL: func.func @weight_k_by_n(
// E2M3-DAG:     %[[SCALES:.*]] = arith.constant dense<[1.333010e-01, 3.732420e+00]> : tensor<2xf16>
// E2M3-DAG:     %[[WORDS:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<768xi32>
// E2M3:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e2m3, rows = 2, cols = 3, layout = tc_fpx>} : (tensor<4x3xf32>, tensor<768xi32>, tensor<2xf16>) -> tensor<4x2xf32>

// One group of 32 covers K = 3: the per-channel scales, as [N, 1].
// GROUP-LABEL: func.func @weight_k_by_n(
// GROUP-DAG:     %[[SCALES:.*]] = arith.constant dense<{{\[}}[3.570560e-02], [1.000000e+00]]> : tensor<2x1xf16>
// GROUP-DAG:     %[[WORDS:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<768xi32>
// GROUP:         fpx.qmatmul %{{.*}}, %[[WORDS]], %[[SCALES]] {packing = #fpx.packing<format = e3m2, rows = 2, cols = 3, group_size = 32, layout = tc_fpx>} : (tensor<4x3xf32>, tensor<768xi32>, tensor<2x1xf16>) -> tensor<4x2xf32>

// Groups of 2 along K = 3: [k0, k1], [k2].
//   row 0: [1, 0.5] scale 0.035705566 -> 31, 27; [0] all zero -> scale 1, 0.
//   row 1: [-2, 28] scale 1 -> 48, 31; [3] scale fp16(3/28) = 2^-4 *
//          (1 + 731/1024) = 0.10711670, 3 / scale = 28.007 -> 31.
//   codes [31, 27, 0, 48, 31, 31]: word 0 = 0xDFC006DF = -541063457,
//   word 1 = 31 >> 2 = 7, tail 0.
// GROUP2-LABEL: func.func @weight_k_by_n(
// GROUP2-DAG:     %[[SCALES:.*]] = arith.constant dense<{{\[}}[3.570560e-02, 1.000000e+00], [1.000000e+00, 1.071170e-01]]> : tensor<2x2xf16>
// GROUP2-DAG:     %[[WORDS:.*]] = arith.constant dense<[-541063457, 7, 0]> : tensor<3xi32>
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

