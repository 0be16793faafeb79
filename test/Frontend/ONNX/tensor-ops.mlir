// Constants, shape and data-movement ops: Reshape, Transpose, Concat, Slice,
// Split, Gather, Unsqueeze, Squeeze, Expand, Shape, Range, ConstantOfShape,
// Identity, Dropout, Trilu and the Constant node's forms. Shapes and sizes
// must be known at import time; results that follow from them alone (Shape,
// Range, ConstantOfShape, Dropout's mask) are constants. Split and
// (Un)Squeeze are also imported in their opset 11 (attributes) and opset 13
// (inputs) forms. Each model also runs on the CPU against numpy.
//
// RUN: %python %S/Inputs/onnx_models.py %t tensor_ops tensor_ops_opset11 tensor_ops_opset13
// RUN: fpx-import-onnx %t/tensor_ops.onnx --print-locations=false --mlir-print-local-scope | FileCheck %s
// RUN: fpx-import-onnx %t/tensor_ops_opset11.onnx --print-locations=false | FileCheck %s --check-prefix=OPSET11
// RUN: fpx-import-onnx %t/tensor_ops_opset13.onnx --print-locations=false | FileCheck %s --check-prefix=OPSET13
// RUN: fpx-import-onnx %t/tensor_ops.onnx --test-data-dir=%t/tensor_ops-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM --implicit-check-not=max-abs-diff
// RUN: fpx-import-onnx %t/tensor_ops_opset11.onnx --test-data-dir=%t/tensor_ops_opset11-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM11 --implicit-check-not=max-abs-diff
// RUN: fpx-import-onnx %t/tensor_ops_opset13.onnx --test-data-dir=%t/tensor_ops_opset13-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM13 --implicit-check-not=max-abs-diff

// The numbers must match exactly: nothing here rounds.
// NUM-COUNT-28: max-abs-diff: 0{{$}}
// NUM11-COUNT-7: max-abs-diff: 0{{$}}
// NUM13-COUNT-6: max-abs-diff: 0{{$}}

// CHECK-LABEL: func.func @forward(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x4xf32>, %[[COL:.*]]: tensor<3x1xf32>, %[[M:.*]]: tensor<4x4xf32>, %[[IDX:.*]]: tensor<2x2xi64>)
// Reshape to [0, -1]: dimension 0 is kept, the rest inferred.
// CHECK:       %[[RESHAPE:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0], [1, 2]] : tensor<2x3x4xf32> into tensor<2x12xf32>
// CHECK:       %[[TRANSPOSE:.*]] = linalg.transpose ins(%[[X]] : tensor<2x3x4xf32>) {{.*}} permutation = [2, 0, 1]
// CHECK:       %[[NEG:.*]] = linalg.generic
// CHECK:       %[[CONCAT:.*]] = tensor.concat dim(2) %[[X]], %[[NEG]] : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x8xf32>
// Slice: starts [1, -3], ends [INT64_MAX, 4], axes [1, 2], steps [1, 2].
// CHECK:       %[[SLICE:.*]] = tensor.extract_slice %[[X]][0, 1, 1] [2, 2, 2] [1, 1, 2] : tensor<2x3x4xf32> to tensor<2x2x2xf32>
// Split with num_outputs = 2 (opset 18): parts of 2 and 1.
// CHECK:       %[[SPLIT_A:.*]] = tensor.extract_slice %[[X]][0, 0, 0] [2, 2, 4] [1, 1, 1]
// CHECK:       %[[SPLIT_B:.*]] = tensor.extract_slice %[[X]][0, 2, 0] [2, 1, 4] [1, 1, 1]
// Split with sizes [1, 3] as an input.
// CHECK:       %[[SPLIT_C:.*]] = tensor.extract_slice %[[X]][0, 0, 0] [2, 3, 1] [1, 1, 1]
// CHECK:       %[[SPLIT_D:.*]] = tensor.extract_slice %[[X]][0, 0, 1] [2, 3, 3] [1, 1, 1]
// Gather by run-time indices: each index (negative ones wrapped) picks a row.
// CHECK:       %[[EMB:.*]] = arith.constant dense<{{.*}}> : tensor<5x3xf32>
// CHECK:       %[[GATHER:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:    ins(%[[IDX]] : tensor<2x2xi64>) outs(%{{.*}} : tensor<2x2x3xf32>)
// CHECK-NEXT:  ^bb0(%[[I:.*]]: i64, %{{.*}}: f32):
// CHECK-NEXT:    %[[INDEX:.*]] = arith.index_cast %[[I]] : i64 to index
// CHECK-NEXT:    %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[C5:.*]] = arith.constant 5 : index
// CHECK-NEXT:    %[[NEGATIVE:.*]] = arith.cmpi slt, %[[INDEX]], %[[C0]] : index
// CHECK-NEXT:    %[[WRAPPED:.*]] = arith.addi %[[INDEX]], %[[C5]] : index
// CHECK-NEXT:    %[[ROW:.*]] = arith.select %[[NEGATIVE]], %[[WRAPPED]], %[[INDEX]] : index
// CHECK-NEXT:    %[[COLUMN:.*]] = linalg.index 2 : index
// CHECK-NEXT:    %[[VALUE:.*]] = tensor.extract %[[EMB]][%[[ROW]], %[[COLUMN]]] : tensor<5x3xf32>
// CHECK-NEXT:    linalg.yield %[[VALUE]] : f32
// Gather of one constant index (-1) along axis 1: a rank-reducing slice.
// CHECK:       %[[GATHER_SCALAR:.*]] = tensor.extract_slice %[[X]][0, 2, 0] [2, 1, 4] [1, 1, 1] : tensor<2x3x4xf32> to tensor<2x4xf32>
// CHECK:       %[[UNSQUEEZE:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0, 1], [2], [3, 4]] output_shape [1, 2, 3, 4, 1]
// CHECK:       %[[SQUEEZE:.*]] = tensor.collapse_shape %[[UNSQUEEZE]] {{\[\[}}0, 1], [2], [3], [4]] : tensor<1x2x3x4x1xf32> into tensor<2x3x4x1xf32>
// CHECK:       %[[SQUEEZE_ALL:.*]] = tensor.collapse_shape %[[UNSQUEEZE]] {{\[\[}}0, 1], [2], [3, 4]] : tensor<1x2x3x4x1xf32> into tensor<2x3x4xf32>
// Expand [3, 1] to [2, 3, 4]: a broadcasting copy.
// CHECK:       %[[EXPAND:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, 0)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>]
// CHECK-SAME:    ins(%[[COL]] : tensor<3x1xf32>) outs(%{{.*}} : tensor<2x3x4xf32>)
// CHECK-NEXT:  ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:    linalg.yield %[[IN]] : f32
// Trilu: keep j - i >= 0 (upper), j - i <= -1 (lower, k = -1).
// CHECK:       %[[UPPER:.*]] = linalg.generic {{.*}} ins(%[[M]] : tensor<4x4xf32>)
// CHECK:         %[[R:.*]] = linalg.index 0 : index
// CHECK-NEXT:    %[[C:.*]] = linalg.index 1 : index
// CHECK-NEXT:    %[[D:.*]] = arith.subi %[[C]], %[[R]] : index
// CHECK-NEXT:    %[[K:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[KEEP:.*]] = arith.cmpi sge, %[[D]], %[[K]] : index
// CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:    arith.select %[[KEEP]], %{{.*}}, %[[ZERO]] : f32
// CHECK:       %[[LOWER:.*]] = linalg.generic {{.*}} ins(%[[M]] : tensor<4x4xf32>)
// CHECK:         %[[KL:.*]] = arith.constant -1 : index
// CHECK-NEXT:    arith.cmpi sle, %{{.*}}, %[[KL]] : index
// Known at import time.
// CHECK:       %[[SHAPE:.*]] = arith.constant dense<[3, 4]> : tensor<2xi64>
// CHECK:       %[[RANGE:.*]] = arith.constant dense<[0, 3, 6, 9]> : tensor<4xi64>
// CHECK:       %[[RANGE_F:.*]] = arith.constant dense<[1.000000e+00, 1.250000e+00, 1.500000e+00, 1.750000e+00]> : tensor<4xf32>
// CHECK:       %[[COS:.*]] = arith.constant dense<7> : tensor<2x3xi64>
// CHECK:       %[[COS_DEFAULT:.*]] = arith.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK:       %[[MASK:.*]] = arith.constant dense<true> : tensor<2x3x4xi1>
// CHECK:       %[[C_FLOAT:.*]] = arith.constant dense<2.500000e+00> : tensor<f32>
// CHECK:       %[[C_FLOATS:.*]] = arith.constant dense<[1.000000e+00, -2.000000e+00]> : tensor<2xf32>
// CHECK:       %[[C_INT:.*]] = arith.constant dense<-3> : tensor<i64>
// CHECK:       %[[C_INTS:.*]] = arith.constant dense<[4, 5, 6]> : tensor<3xi64>
// Identity and Dropout's output are the input itself.
// CHECK:       return %[[RESHAPE]], %[[TRANSPOSE]], %[[CONCAT]], %[[SLICE]], %[[SPLIT_A]], %[[SPLIT_B]], %[[SPLIT_C]], %[[SPLIT_D]],
// CHECK-SAME:    %[[GATHER]], %[[GATHER_SCALAR]], %[[UNSQUEEZE]], %[[SQUEEZE]], %[[SQUEEZE_ALL]], %[[EXPAND]], %[[SHAPE]], %[[RANGE]], %[[RANGE_F]],
// CHECK-SAME:    %[[COS]], %[[COS_DEFAULT]], %[[X]], %[[X]], %[[MASK]], %[[UPPER]], %[[LOWER]], %[[C_FLOAT]], %[[C_FLOATS]], %[[C_INT]], %[[C_INTS]] :

// Opset 11: Split sizes [3, 1] as an attribute; without sizes, equal parts;
// (Un)Squeeze axes as attributes.
// OPSET11-LABEL: func.func @forward(
// OPSET11-SAME:    %[[X:.*]]: tensor<2x3x4xf32>)
// OPSET11:         tensor.extract_slice %[[X]][0, 0, 0] [2, 3, 3] [1, 1, 1]
// OPSET11:         tensor.extract_slice %[[X]][0, 0, 3] [2, 3, 1] [1, 1, 1]
// OPSET11:         tensor.extract_slice %[[X]][0, 0, 0] [2, 1, 4] [1, 1, 1]
// OPSET11:         tensor.extract_slice %[[X]][0, 1, 0] [2, 1, 4] [1, 1, 1]
// OPSET11:         tensor.extract_slice %[[X]][0, 2, 0] [2, 1, 4] [1, 1, 1]
// OPSET11:         %[[U:.*]] = tensor.expand_shape %[[X]] {{.*}} output_shape [2, 1, 3, 4]
// OPSET11:         tensor.collapse_shape %[[U]] {{.*}} into tensor<2x3x4xf32>

// Opset 13: Split sizes and (Un)Squeeze axes as inputs.
// OPSET13-LABEL: func.func @forward(
// OPSET13-SAME:    %[[X:.*]]: tensor<2x3x4xf32>)
// OPSET13:         tensor.extract_slice %[[X]][0, 0, 0] [2, 3, 3] [1, 1, 1]
// OPSET13:         tensor.extract_slice %[[X]][0, 0, 3] [2, 3, 1] [1, 1, 1]
// OPSET13:         tensor.extract_slice %[[X]][0, 0, 0] [1, 3, 4] [1, 1, 1]
// OPSET13:         tensor.extract_slice %[[X]][1, 0, 0] [1, 3, 4] [1, 1, 1]
// OPSET13:         %[[U:.*]] = tensor.expand_shape %[[X]] {{.*}} output_shape [2, 1, 3, 4]
// OPSET13:         tensor.collapse_shape %[[U]] {{.*}} into tensor<2x3x4xf32>
