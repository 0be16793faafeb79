// MatMul (numpy semantics) and Gemm. A right operand without batch
// dimensions becomes one plain linalg.matmul on the left operand's rows, so
// a weight initializer is the constant operand of a plain linalg.matmul (the
// form fpx-quantize-weights takes); a Transpose of a constant weight is read
// through transposed indexing maps, never materialized. Ops built for a
// product with an initializer carry the node's and the weight's names.
//
// RUN: %python %S/Inputs/onnx_models.py %t matmul
// RUN: fpx-import-onnx %t/matmul.onnx --mlir-print-local-scope | FileCheck %s
// RUN: fpx-import-onnx %t/matmul.onnx --test-data-dir=%t/matmul-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM --implicit-check-not=max-abs-diff

// NUM-COUNT-9: max-abs-diff: {{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}

// CHECK-LABEL: func.func @forward(
// CHECK-SAME:    %[[A3:.*]]: tensor<2x3x4xf32> loc("a3"), %[[A2:.*]]: tensor<3x4xf32> loc("a2"),
// CHECK-SAME:    %[[V:.*]]: tensor<4xf32> loc("v"), %[[BA:.*]]: tensor<2x1x3x4xf32> loc("ba"),
// CHECK-SAME:    %[[BB:.*]]: tensor<3x4x2xf32> loc("bb"), %[[AT:.*]]: tensor<4x3xf32> loc("at"))

// [2, 3, 4] x weight [4, 5]: rows flattened, one matmul, rows restored.
// CHECK:       %[[ROWS:.*]] = tensor.collapse_shape %[[A3]] {{\[\[}}0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32> loc(fused["layers.0/proj/MatMul", "proj.weight"])
// CHECK:       %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<4x5xf32> loc("proj.weight")
// CHECK:       %[[MM:.*]] = linalg.matmul ins(%[[ROWS]], %[[W]] : tensor<6x4xf32>, tensor<4x5xf32>) outs(%{{.*}} : tensor<6x5xf32>) -> tensor<6x5xf32> loc(fused["layers.0/proj/MatMul", "proj.weight"])
// CHECK:       %[[MM_WEIGHT:.*]] = tensor.expand_shape %[[MM]] {{\[\[}}0, 1], [2]] output_shape [2, 3, 5]

// MatMul(x, Transpose(W)) multiplies by W [5, 4] through (n, k) maps.
// CHECK-NOT:   linalg.transpose
// CHECK:       %[[LM:.*]] = arith.constant dense<{{.*}}> : tensor<5x4xf32> loc("lm_head.weight")
// CHECK-NOT:   linalg.transpose
// CHECK:       %[[MM_T:.*]] = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
// CHECK-SAME:    ins(%[[A2]], %[[LM]] : tensor<3x4xf32>, tensor<5x4xf32>) {{.*}} loc(fused["lm_head/MatMul", "lm_head.weight"])

// Batch dimensions broadcast ([2, 1] and [3] -> [2, 3]), then one
// batch_matmul over the 6 flattened batches.
// CHECK:       %[[BA_B:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>]
// CHECK-SAME:    ins(%[[BA]] : tensor<2x1x3x4xf32>) outs(%{{.*}} : tensor<2x3x3x4xf32>)
// CHECK:       %[[LHS:.*]] = tensor.collapse_shape %[[BA_B]] {{.*}} into tensor<6x3x4xf32>
// CHECK:       %[[BB_1:.*]] = tensor.expand_shape %[[BB]] {{.*}} into tensor<1x3x4x2xf32>
// CHECK:       %[[BB_B:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (0, d1, d2, d3)>
// CHECK-SAME:    ins(%[[BB_1]] : tensor<1x3x4x2xf32>) outs(%{{.*}} : tensor<2x3x4x2xf32>)
// CHECK:       %[[RHS:.*]] = tensor.collapse_shape %[[BB_B]] {{.*}} into tensor<6x4x2xf32>
// CHECK:       %[[BMM:.*]] = linalg.batch_matmul ins(%[[LHS]], %[[RHS]] : tensor<6x3x4xf32>, tensor<6x4x2xf32>)
// CHECK:       %[[MM_BATCH:.*]] = tensor.expand_shape %[[BMM]] {{.*}} output_shape [2, 3, 3, 2]

// 1-D operands: [4] is a row [1, 4] on the left, a column [4, 1] on the
// right; the unit dimension is dropped from the result.
// CHECK:       %[[ROW:.*]] = tensor.expand_shape %[[V]] {{\[\[}}0, 1]] output_shape [1, 4]
// CHECK:       %[[VM:.*]] = linalg.matmul ins(%[[ROW]], %[[W]] : tensor<1x4xf32>, tensor<4x5xf32>)
// CHECK:       %[[MM_VL:.*]] = tensor.collapse_shape %[[VM]] {{\[\[}}0, 1]] : tensor<1x5xf32> into tensor<5xf32>
// CHECK:       %[[COLUMN:.*]] = tensor.expand_shape %[[V]] {{\[\[}}0, 1]] output_shape [4, 1]
// CHECK:       linalg.matmul ins(%{{.*}}, %[[COLUMN]] : tensor<6x4xf32>, tensor<4x1xf32>)
// CHECK:       %[[MM_VR:.*]] = tensor.expand_shape %{{.*}} output_shape [2, 3] : tensor<6xf32> into tensor<2x3xf32>

// A Transpose of a graph input is an ordinary linalg.transpose.
// CHECK:       %[[A2T:.*]] = linalg.transpose ins(%[[A2]] : tensor<3x4xf32>) {{.*}} permutation = [1, 0]
// CHECK:       %[[MM_DYN:.*]] = linalg.matmul ins(%[[A2]], %[[A2T]] : tensor<3x4xf32>, tensor<4x3xf32>)

// Gemm transB=1, alpha=0.5, beta=2: matmul, then 0.5 * y + 2 * C.
// CHECK:       %[[GB:.*]] = arith.constant dense<{{.*}}> : tensor<5x4xf32> loc("gemm.b")
// CHECK:       %[[GMM:.*]] = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
// CHECK-SAME:    ins(%[[A2]], %[[GB]] : tensor<3x4xf32>, tensor<5x4xf32>)
// CHECK:       %[[GC:.*]] = arith.constant dense<{{.*}}> : tensor<5xf32> loc("gemm.c")
// CHECK:       %[[GEMM:.*]] = linalg.generic {{.*}} ins(%[[GMM]], %[[GC]] : tensor<3x5xf32>, tensor<5xf32>)
// CHECK:         %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT:    %[[SCALED:.*]] = arith.mulf %{{.*}}, %[[HALF]] : f32
// CHECK-NEXT:    %[[TWO:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT:    %[[C2:.*]] = arith.mulf %{{.*}}, %[[TWO]] : f32
// CHECK-NEXT:    arith.addf %[[SCALED]], %[[C2]] : f32

// Gemm transA=1: the left operand is read [k, m].
// CHECK:       %[[GEMM_TA:.*]] = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
// CHECK-SAME:    ins(%[[AT]], %[[W]] : tensor<4x3xf32>, tensor<4x5xf32>)

// Gemm on Transpose(lm_head.weight): the constant itself, with transB set.
// CHECK:       %[[GEMM_T:.*]] = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
// CHECK-SAME:    ins(%[[A2]], %[[LM]] : tensor<3x4xf32>, tensor<5x4xf32>)
// CHECK:       return %[[MM_WEIGHT]], %[[MM_T]], %[[MM_BATCH]], %[[MM_VL]], %[[MM_VR]], %[[MM_DYN]], %[[GEMM]], %[[GEMM_TA]], %[[GEMM_T]] :
