// Symbolic dimensions get their values from --input-shape, and the shape
// computations exporters put in the graph (Shape -> Gather -> Unsqueeze ->
// Concat -> Reshape; Range over a dimension; Mul, Div, Equal, Where, Slice
// and Cast on shapes) are evaluated at import time: the IR has static types
// and no integer shape arithmetic is left in it.
//
// RUN: %python %S/Inputs/onnx_models.py %t shape_folding
// RUN: fpx-import-onnx %t/shape_folding.onnx --input-shape x=2x3x8 --print-locations=false \
// RUN: | FileCheck %s --implicit-check-not=tensor.concat --implicit-check-not=tensor.extract_slice \
// RUN:   --implicit-check-not=arith.muli --implicit-check-not=arith.divsi --implicit-check-not=arith.trunci
// RUN: fpx-import-onnx %t/shape_folding.onnx --input-shape x=1x5x8 --print-locations=false \
// RUN: | FileCheck %s --check-prefix=OTHER --implicit-check-not=tensor.concat
// RUN: not fpx-import-onnx %t/shape_folding.onnx 2>&1 | FileCheck %s --check-prefix=NO-SHAPE
// RUN: fpx-import-onnx %t/shape_folding.onnx --input-shape x=2x3x8 --test-data-dir=%t/shape_folding-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM --implicit-check-not=max-abs-diff

// NUM-COUNT-6: max-abs-diff: 0{{$}}

// NO-SHAPE: shape_folding.onnx: error: graph input 'x' has a dynamic dimension 'batch' (dimension 0 of ?x?x8); give its shape, e.g. --input-shape x=1x1x8

// CHECK-LABEL: func.func @forward(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x8xf32>)
// CHECK-SAME:    -> (tensor<2x2x3x4xf32> {onnx.name = "per_head"}, tensor<2x3xf32> {onnx.name = "positions"},
// CHECK-SAME:    tensor<3x3xf32> {onnx.name = "mask"}, tensor<6x8xf32> {onnx.name = "flat"},
// CHECK-SAME:    tensor<2x3x4x2xf32> {onnx.name = "pairs"}, tensor<2xi32> {onnx.name = "tail_i32"})
// Reshape to Concat(batch, seq, [2, 4]), then Transpose.
// CHECK:         %[[HEADS:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1], [2, 3]] output_shape [2, 3, 2, 4]
// CHECK:         %[[PER_HEAD:.*]] = linalg.transpose ins(%[[HEADS]] : tensor<2x3x2x4xf32>)
// Expand(Range(0, seq), [batch, seq]) is a constant; only its Cast to float
// is left (floating-point results are not evaluated at import time).
// CHECK:         %[[POS:.*]] = arith.constant dense<{{\[\[}}0, 1, 2], [0, 1, 2]]> : tensor<2x3xi64>
// CHECK:         %[[POSITIONS:.*]] = linalg.generic {{.*}} ins(%[[POS]] : tensor<2x3xi64>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK:           arith.sitofp %{{.*}} : i64 to f32
// ConstantOfShape([seq, seq]) and Trilu(k = 1).
// CHECK:         %[[FILLED:.*]] = arith.constant dense<-1.000000e+04> : tensor<3x3xf32>
// CHECK:         %[[MASK:.*]] = linalg.generic {{.*}} ins(%[[FILLED]] : tensor<3x3xf32>)
// Reshape to [batch * seq, -1].
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<2x3x8xf32> into tensor<6x8xf32>
// Reshape to Where(shape == 8, shape / 2, shape) ++ [2].
// CHECK:         %[[PAIRS:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1], [2, 3]] output_shape [2, 3, 4, 2]
// Cast(Slice(shape, 1)) to int32.
// CHECK:         %[[TAIL:.*]] = arith.constant dense<[3, 8]> : tensor<2xi32>
// CHECK:         return %[[PER_HEAD]], %[[POSITIONS]], %[[MASK]], %[[FLAT]], %[[PAIRS]], %[[TAIL]]

// The same graph for another shape.
// OTHER-LABEL: func.func @forward(
// OTHER-SAME:    %{{.*}}: tensor<1x5x8xf32>)
// OTHER-SAME:    -> (tensor<1x2x5x4xf32> {onnx.name = "per_head"}, tensor<1x5xf32> {onnx.name = "positions"},
// OTHER-SAME:    tensor<5x5xf32> {onnx.name = "mask"}, tensor<5x8xf32> {onnx.name = "flat"},
// OTHER-SAME:    tensor<1x5x4x2xf32> {onnx.name = "pairs"}, tensor<2xi32> {onnx.name = "tail_i32"})
// OTHER:         arith.constant dense<{{\[\[}}0, 1, 2, 3, 4]]> : tensor<1x5xi64>
// OTHER:         arith.constant dense<[5, 8]> : tensor<2xi32>
