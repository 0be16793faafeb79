// ReduceMean/ReduceSum/ReduceMax, Softmax and LayerNormalization across
// opsets: reduction axes are an attribute before opset 13 (ReduceSum) or 18
// (ReduceMean, ReduceMax) and an input after; Softmax before opset 13
// normalizes over all axes from `axis` on (default 1), from 13 over `axis`
// alone (default -1). Each model also runs on the CPU against numpy.
//
// RUN: %python %S/Inputs/onnx_models.py %t reductions_opset18 reductions_opset13 \
// RUN:   reductions_opset11 layernorm layernorm_f16
// RUN: fpx-import-onnx %t/reductions_opset18.onnx --print-locations=false | FileCheck %s --check-prefix=OPSET18
// RUN: fpx-import-onnx %t/reductions_opset13.onnx --print-locations=false | FileCheck %s --check-prefix=OPSET13
// RUN: fpx-import-onnx %t/reductions_opset11.onnx --print-locations=false | FileCheck %s --check-prefix=OPSET11
// RUN: fpx-import-onnx %t/layernorm.onnx --print-locations=false | FileCheck %s --check-prefix=LN
// RUN: fpx-import-onnx %t/layernorm_f16.onnx --print-locations=false | FileCheck %s --check-prefix=LN16
// RUN: fpx-import-onnx %t/reductions_opset18.onnx --test-data-dir=%t/reductions_opset18-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM18 --implicit-check-not=max-abs-diff
// RUN: fpx-import-onnx %t/reductions_opset13.onnx --test-data-dir=%t/reductions_opset13-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM13 --implicit-check-not=max-abs-diff
// RUN: fpx-import-onnx %t/reductions_opset11.onnx --test-data-dir=%t/reductions_opset11-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM11 --implicit-check-not=max-abs-diff
// RUN: fpx-import-onnx %t/layernorm.onnx --test-data-dir=%t/layernorm-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUMLN --implicit-check-not=max-abs-diff

// NUM18-COUNT-8: max-abs-diff: {{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}
// NUM13-COUNT-4: max-abs-diff: {{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}
// NUM11-COUNT-2: max-abs-diff: {{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}
// NUMLN-COUNT-4: max-abs-diff: {{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}

// OPSET18-DAG:   #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// OPSET18-DAG:   #[[NOT1:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// OPSET18-DAG:   #[[NONE:.*]] = affine_map<(d0, d1, d2) -> ()>
// OPSET18-DAG:   #[[NOT2:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// OPSET18-DAG:   #[[ONLY1:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// OPSET18-LABEL: func.func @forward(
// OPSET18-SAME:    %[[X:.*]]: tensor<2x3x4xf32>, %[[I:.*]]: tensor<2x3xi64>)
// ReduceMean(axes = [1] as an input), keepdims: sum, restore the axis, / 3.
// OPSET18:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// OPSET18:         %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) {{.*}} -> tensor<2x4xf32>
// OPSET18:         %[[SUM1:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[NOT1]]], iterator_types = ["parallel", "reduction", "parallel"]}
// OPSET18-SAME:      ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<2x4xf32>)
// OPSET18:           arith.addf
// OPSET18:         %[[KEPT:.*]] = tensor.expand_shape %[[SUM1]] {{\[\[}}0], [1, 2]] output_shape [2, 1, 4]
// OPSET18:         %[[THREE:.*]] = arith.constant 3.000000e+00 : f32
// OPSET18:         %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[KEPT]] : tensor<2x1x4xf32>)
// OPSET18:           arith.divf %{{.*}}, %[[THREE]] : f32
// ReduceMean without axes, keepdims = 0: over everything, to a scalar.
// OPSET18:         linalg.generic {indexing_maps = [#[[ID]], #[[NONE]]], iterator_types = ["reduction", "reduction", "reduction"]}
// OPSET18:         arith.constant 2.400000e+01 : f32
// OPSET18:         %[[MEAN_ALL:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<f32>)
// ReduceSum(axes = [-1]), keepdims = 0.
// OPSET18:         %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[NOT2]]], iterator_types = ["parallel", "parallel", "reduction"]}
// OPSET18-SAME:      outs(%{{.*}} : tensor<2x3xf32>)
// Integer ReduceSum: addi from 0.
// OPSET18:         arith.constant 0 : i64
// OPSET18:         ins(%[[I]] : tensor<2x3xi64>)
// OPSET18:           arith.addi
// OPSET18:         %[[SUM_I:.*]] = tensor.expand_shape {{.*}} output_shape [2, 1]
// ReduceMax(axes = [0, 2]) from -inf.
// OPSET18:         %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// OPSET18:         linalg.fill ins(%[[NEG_INF]] : f32) {{.*}} -> tensor<3xf32>
// OPSET18:         linalg.generic {indexing_maps = [#[[ID]], #[[ONLY1]]], iterator_types = ["reduction", "parallel", "reduction"]}
// OPSET18:           arith.maximumf
// OPSET18:         %[[MAX:.*]] = tensor.expand_shape {{.*}} output_shape [1, 3, 1]
// Softmax over the last axis: max, exp(x - max), sum, divide.
// OPSET18:         linalg.generic {indexing_maps = [#[[ID]], #[[NOT2]]], iterator_types = ["parallel", "parallel", "reduction"]}
// OPSET18:           arith.maximumf
// OPSET18:         arith.subf
// OPSET18-NEXT:    math.exp
// OPSET18:         linalg.generic {indexing_maps = [#[[ID]], #[[NOT2]]], iterator_types = ["parallel", "parallel", "reduction"]}
// OPSET18:           arith.addf
// OPSET18:         %[[SOFTMAX:.*]] = linalg.generic
// OPSET18:           arith.divf
// Softmax(axis = 1): the same over dimension 1.
// OPSET18:         linalg.generic {indexing_maps = [#[[ID]], #[[NOT1]]], iterator_types = ["parallel", "reduction", "parallel"]}
// OPSET18:           arith.maximumf
// OPSET18:           math.exp
// OPSET18:         linalg.generic {indexing_maps = [#[[ID]], #[[NOT1]]], iterator_types = ["parallel", "reduction", "parallel"]}
// OPSET18:           arith.addf
// OPSET18:         %[[SOFTMAX1:.*]] = linalg.generic
// OPSET18:           arith.divf
// noop_with_empty_axes: ReduceSum without axes is the input itself.
// OPSET18:         return %[[MEAN]], %[[MEAN_ALL]], %[[SUM]], %[[SUM_I]], %[[MAX]], %[[X]], %[[SOFTMAX]], %[[SOFTMAX1]]

// Opset 13: ReduceMean and ReduceMax take attributes, ReduceSum an input.
// OPSET13-LABEL: func.func @forward(
// OPSET13:         iterator_types = ["parallel", "reduction", "parallel"]
// OPSET13:           arith.addf
// OPSET13:         tensor.expand_shape {{.*}} output_shape [2, 1, 4]
// OPSET13:           arith.divf
// OPSET13:         iterator_types = ["parallel", "reduction", "parallel"]
// OPSET13:           arith.addf
// OPSET13:         iterator_types = ["parallel", "parallel", "reduction"]
// OPSET13:           arith.maximumf
// OPSET13:         return {{.*}} : tensor<2x1x4xf32>, tensor<2x4xf32>, tensor<2x3xf32>, tensor<2x3x4xf32>

// Opset 11: ReduceSum(axes = [0, -1]) as an attribute, and Softmax over the
// flattened dimensions 1 and 2.
// OPSET11-LABEL: func.func @forward(
// OPSET11:         iterator_types = ["reduction", "parallel", "reduction"]
// OPSET11:           arith.addf
// OPSET11:         tensor.expand_shape {{.*}} output_shape [1, 3, 1]
// OPSET11:         iterator_types = ["parallel", "reduction", "reduction"]
// OPSET11:           arith.maximumf
// OPSET11:         tensor.expand_shape {{.*}} output_shape [2, 1, 1]
// OPSET11:           math.exp
// OPSET11:         iterator_types = ["parallel", "reduction", "reduction"]
// OPSET11:           arith.addf
// OPSET11:           arith.divf
// OPSET11:         return

// LayerNormalization(axis = -1): mean, centered, variance, rsqrt(var + eps),
// scale, bias; Mean and InvStdDev are outputs too.
// LN-LABEL: func.func @forward(
// LN-SAME:    %[[X:.*]]: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32> {onnx.name = "y"}, tensor<2x3x1xf32> {onnx.name = "mean"},
// LN-SAME:    tensor<2x3x1xf32> {onnx.name = "inv_std_dev"}, tensor<2x3x4xf32> {onnx.name = "y_axis1"})
// LN:         iterator_types = ["parallel", "parallel", "reduction"]
// LN:         %[[MEAN:.*]] = linalg.generic
// LN:           arith.divf
// LN:         %[[CENTERED:.*]] = linalg.generic {{.*}} ins(%[[X]], %[[MEAN]] : tensor<2x3x4xf32>, tensor<2x3x1xf32>)
// LN:           arith.subf
// LN:         linalg.generic {{.*}} ins(%[[CENTERED]], %[[CENTERED]] :
// LN:           arith.mulf
// LN:         %[[EPS:.*]] = arith.constant 9.99999974E-6 : f32
// LN:         %[[INV:.*]] = linalg.generic
// LN:           %[[SUM:.*]] = arith.addf %{{.*}}, %[[EPS]] : f32
// LN-NEXT:      math.rsqrt %[[SUM]] : f32
// LN:         %[[SCALE:.*]] = arith.constant dense<{{.*}}> : tensor<4xf32>
// LN:         linalg.generic {{.*}} ins(%{{.*}}, %[[SCALE]] : tensor<2x3x4xf32>, tensor<4xf32>)
// LN:           arith.mulf
// LN:         %[[BIAS:.*]] = arith.constant dense<{{.*}}> : tensor<4xf32>
// LN:         %[[Y:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[BIAS]] : tensor<2x3x4xf32>, tensor<4xf32>)
// LN:           arith.addf
// axis = 1: statistics over dimensions 1 and 2, scale [3, 4], no bias.
// LN:         iterator_types = ["parallel", "reduction", "reduction"]
// LN:         %[[SCALE2:.*]] = arith.constant dense<{{.*}}> : tensor<3x4xf32>
// LN:         %[[Y2:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[SCALE2]] : tensor<2x3x4xf32>, tensor<3x4xf32>)
// LN:         return %[[Y]], %[[MEAN]], %[[INV]], %[[Y2]]

// fp16 input: statistics in f32 (stash_type 1), the result rounded back to
// fp16 before the (splat, hence scalar) scale.
// LN16-LABEL: func.func @forward(
// LN16-SAME:    %[[X:.*]]: tensor<2x4xf16>) -> (tensor<2x4xf16> {onnx.name = "y"})
// LN16:         linalg.generic {{.*}} ins(%[[X]] : tensor<2x4xf16>) outs(%{{.*}} : tensor<2x4xf32>)
// LN16-NEXT:    ^bb0
// LN16-NEXT:      arith.extf %{{.*}} : f16 to f32
// LN16:           math.rsqrt %{{.*}} : f32
// LN16:           arith.truncf %{{.*}} : f32 to f16
// LN16:         %[[ONE:.*]] = arith.constant 1.000000e+00 : f16
// LN16:           arith.mulf %{{.*}}, %[[ONE]] : f16
