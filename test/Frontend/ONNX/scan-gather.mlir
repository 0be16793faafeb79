// CumSum, GatherND, LessOrEqual and variadic Max (the ops torch's dynamo
// exporter emits for the attention mask and position ids of HF decoders).
// The model (Inputs/onnx_models.py, `scan_gather`) has one output per case;
// the second run executes it on the CPU and compares every output with
// numpy's result. The last four outputs apply the ops to integer constants
// and are evaluated at import time.
//
// RUN: %python %S/Inputs/onnx_models.py %t scan_gather
// RUN: fpx-import-onnx %t/scan_gather.onnx --print-locations=false | FileCheck %s
// RUN: fpx-import-onnx %t/scan_gather.onnx --test-data-dir=%t/scan_gather-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM --implicit-check-not=max-abs-diff

// NUM-COUNT-16: max-abs-diff: 0{{$}}

// CumSum along axis 1 of [2, 3, 4]: dimension d3 is k, read in place of the
// axis; y[.., i, ..] adds x[.., k, ..] for k <= i.
// CHECK-DAG: #[[CUM_IN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[CUM_OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[CUM_LAST:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-LABEL: func.func @forward(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32>, %[[Y:[a-z0-9]+]]: tensor<3x1xf32>, %[[Z:[a-z0-9]+]]: tensor<4xf32>,
// CHECK-SAME:    %[[I:[a-z0-9]+]]: tensor<2x3xi64>, %[[J:[a-z0-9]+]]: tensor<3xi64>, %[[ND:[a-z0-9]+]]: tensor<3x2xi64>, %[[NDB:[a-z0-9]+]]: tensor<2x2x1xi64>)
// CHECK:       %[[ZERO:.*]] = linalg.fill
// CHECK:       linalg.generic {indexing_maps = [#[[CUM_IN]], #[[CUM_OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME:    ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[ZERO]] : tensor<2x3x4xf32>)
// CHECK-NEXT:  ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:    %[[AXIS:.*]] = linalg.index 1 : index
// CHECK-NEXT:    %[[K:.*]] = linalg.index 3 : index
// CHECK-NEXT:    %[[KEEP:.*]] = arith.cmpi sle, %[[K]], %[[AXIS]] : index
// CHECK-NEXT:    %[[SUM:.*]] = arith.addf %[[ACC]], %[[IN]] : f32
// CHECK-NEXT:    %[[SEL:.*]] = arith.select %[[KEEP]], %[[SUM]], %[[ACC]] : f32
// CHECK-NEXT:    linalg.yield %[[SEL]] : f32
// Exclusive and reversed along the last axis: k > i.
// CHECK:       linalg.generic {indexing_maps = [#[[CUM_LAST]], #[[CUM_OUT]]]
// CHECK:         arith.cmpi sgt
// Reversed along axis 1: k >= i.
// CHECK:       linalg.generic {indexing_maps = [#[[CUM_IN]], #[[CUM_OUT]]]
// CHECK:         arith.cmpi sge
// Exclusive on i64: k < i, addi.
// CHECK:       ins(%[[I]] : tensor<2x3xi64>)
// CHECK:         arith.cmpi slt
// CHECK:         arith.addi
//
// GatherND [2, 3, 4] by [3, 2] indices: a generic without inputs extracting
// both index components, wrapping negative ones, then the data.
// CHECK:       linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} outs(%{{.*}} : tensor<3x4xf32>)
// CHECK:         %[[ROW:.*]] = linalg.index 0 : index
// CHECK:         tensor.extract %[[ND]][%[[ROW]], %{{.*}}] : tensor<3x2xi64>
// CHECK:         arith.select
// CHECK:         tensor.extract %[[ND]][%[[ROW]], %{{.*}}] : tensor<3x2xi64>
// CHECK:         arith.select
// CHECK:         tensor.extract %[[X]][%{{.*}}, %{{.*}}, %{{.*}}] : tensor<2x3x4xf32>
// batch_dims = 1: the batch index comes from the result's first dimension.
// CHECK:       outs(%{{.*}} : tensor<2x2x4xf32>)
// CHECK:         %[[B:.*]] = linalg.index 0 : index
// CHECK:         tensor.extract %[[NDB]][%[[B]], %{{.*}}, %{{.*}}] : tensor<2x2x1xi64>
// CHECK:         tensor.extract %[[X]][%[[B]], %{{.*}}, %{{.*}}] : tensor<2x3x4xf32>
// CHECK:       outs(%{{.*}} : tensor<3xi64>)
// CHECK:         tensor.extract %[[I]]
//
// CHECK:       arith.cmpf ole, %{{.*}}, %{{.*}} : f32
// CHECK:       arith.cmpi sle, %{{.*}}, %{{.*}} : i64
// Max of three operands broadcast together, then of two i64s.
// CHECK:       ins(%[[X]], %[[Y]], %[[Z]] : tensor<2x3x4xf32>, tensor<3x1xf32>, tensor<4xf32>)
// CHECK:         %[[M:.*]] = arith.maximumf
// CHECK-NEXT:    arith.maximumf %[[M]]
// CHECK:       arith.maxsi %{{.*}}, %{{.*}} : i64
//
// The mask's position ids, folded: CumSum, GatherND, Max, LessOrEqual.
// CHECK:       arith.constant dense<{{\[}}[1, 2, 2, 3], [0, 1, 2, 3]]> : tensor<2x4xi64>
// CHECK:       arith.constant dense<[0, 3]> : tensor<2xi64>
// CHECK:       arith.constant dense<3> : tensor<2x4xi64>
// CHECK:       arith.constant dense<true> : tensor<2x4xi1>
// CHECK-NOT:   linalg.generic
// CHECK:       return
