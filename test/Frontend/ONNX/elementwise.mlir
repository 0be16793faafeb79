// Elementwise ONNX ops and casts: one linalg.generic each, with numpy
// broadcasting in its indexing maps (y: [3] against x: [2, 3] reads y by the
// column index only). The model (Inputs/onnx_models.py, `elementwise`) has
// one output per op; the second run executes it on the CPU and compares
// every output with numpy's result.
//
// RUN: %python %S/Inputs/onnx_models.py %t elementwise
// RUN: fpx-import-onnx %t/elementwise.onnx --print-locations=false | FileCheck %s
// RUN: fpx-import-onnx %t/elementwise.onnx --test-data-dir=%t/elementwise-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM --implicit-check-not=max-abs-diff

// NUM-COUNT-38: max-abs-diff: {{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @forward(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<3xf32>, %[[P:.*]]: tensor<2x3xf32>,
// CHECK-SAME:    %[[I:.*]]: tensor<2x3xi64>, %[[J:.*]]: tensor<3xi64>, %[[B:.*]]: tensor<2x3xi1>,
// CHECK-SAME:    %[[C:.*]]: tensor<3xi1>, %[[N:.*]]: tensor<4xf32>)
// CHECK-SAME:    -> (tensor<2x3xf32> {onnx.name = "add"}, tensor<2x3xf32> {onnx.name = "sub"},
// CHECK-SAME:    tensor<2x3xf32> {onnx.name = "mul"}, tensor<2x3xf32> {onnx.name = "div"}, tensor<2x3xi64> {onnx.name = "add_i"},

// Add: x + y, y broadcast over the rows.
// CHECK:       %[[EMPTY:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK:       %[[ADD:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:    ins(%[[X]], %[[Y]] : tensor<2x3xf32>, tensor<3xf32>) outs(%[[EMPTY]] : tensor<2x3xf32>)
// CHECK-NEXT:  ^bb0(%[[A:.*]]: f32, %[[BB:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:    %[[SUM:.*]] = arith.addf %[[A]], %[[BB]] : f32
// CHECK-NEXT:    linalg.yield %[[SUM]] : f32
// CHECK:       arith.subf
// CHECK:       arith.mulf
// CHECK:       arith.divf
// Integer arithmetic; Div truncates (divsi).
// CHECK:       ins(%[[I]], %[[J]] : tensor<2x3xi64>, tensor<3xi64>) outs(%{{.*}} : tensor<2x3xi64>)
// CHECK:       arith.addi
// CHECK:       arith.subi
// CHECK:       arith.muli
// CHECK:       arith.divsi
// Pow; an integer exponent is converted to the base's type. The splat
// exponent 2 is a scalar used in the body, not a tensor operand.
// CHECK:       ins(%[[P]], %[[Y]] : tensor<2x3xf32>, tensor<3xf32>)
// CHECK:       math.powf
// CHECK:       %[[TWO:.*]] = arith.constant 2 : i64
// CHECK:       linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], {{.*}} ins(%[[X]] : tensor<2x3xf32>)
// CHECK:       %[[TWOF:.*]] = arith.sitofp %[[TWO]] : i64 to f32
// CHECK-NEXT:  math.powf %{{.*}}, %[[TWOF]] : f32
// CHECK:       math.sqrt
// Reciprocal: 1 / y.
// CHECK:       ins(%[[Y]] : tensor<3xf32>) outs(%{{.*}} : tensor<3xf32>)
// CHECK:       %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:  arith.divf %[[ONE]], %{{.*}} : f32
// CHECK:       arith.negf
// CHECK:       %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT:  arith.subi %[[ZERO]], %{{.*}} : i64
// CHECK:       math.exp
// CHECK:       math.tanh
// Sigmoid: 1 / (1 + exp(-x)).
// CHECK:       arith.negf
// CHECK-NEXT:  math.exp
// CHECK-NEXT:  arith.addf
// CHECK-NEXT:  arith.divf
// CHECK:       math.erf
// CHECK:       math.cos
// CHECK:       math.sin
// IsNaN: unordered self-comparison, i1 result.
// CHECK:       ins(%[[N]] : tensor<4xf32>) outs(%{{.*}} : tensor<4xi1>)
// CHECK:       arith.cmpf uno
// CHECK:       arith.cmpf oeq
// CHECK:       arith.cmpi eq
// CHECK:       arith.cmpf olt
// CHECK:       arith.cmpi sgt
// CHECK:       ins(%[[B]], %[[C]] : tensor<2x3xi1>, tensor<3xi1>)
// CHECK:       arith.andi
// CHECK:       %[[TRUE:.*]] = arith.constant true
// CHECK-NEXT:  arith.xori %{{.*}}, %[[TRUE]] : i1
// Where: condition, then, else, all broadcast.
// CHECK:       linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[COL]], #[[ID]]]
// CHECK-SAME:    ins(%[[B]], %[[X]], %[[Y]] : tensor<2x3xi1>, tensor<2x3xf32>, tensor<3xf32>)
// CHECK:       arith.select
// Cast: truncating float -> int, and every other kind of conversion.
// CHECK:       arith.fptosi %{{.*}} : f32 to i64
// CHECK:       arith.sitofp %{{.*}} : i64 to f32
// CHECK:       arith.trunci %{{.*}} : i64 to i32
// CHECK:       arith.truncf %{{.*}} : f32 to f16
// CHECK:       arith.truncf %{{.*}} : f32 to bf16
// CHECK:       arith.extf %{{.*}} : f32 to f64
// CHECK:       arith.cmpf une
// CHECK:       arith.uitofp %{{.*}} : i1 to f32
// CHECK:       arith.extui %{{.*}} : i1 to i32
// CastLike takes the type of its second input.
// CHECK:       arith.sitofp %{{.*}} : i64 to f32
// CHECK:       return
