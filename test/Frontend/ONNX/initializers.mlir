// Initializers of every imported dtype, stored as raw_data and in their
// typed fields (float_data, double_data, int64_data, int32_data holding
// fp16/bf16 bit patterns, narrow ints and bools), become arith.constant
// DenseElementsAttrs located at the initializer's name. A Constant node's
// tensor gets the node's name. The run checks the values bit for bit.
//
// RUN: %python %S/Inputs/onnx_models.py %t initializers
// RUN: fpx-import-onnx %t/initializers.onnx --mlir-print-local-scope | FileCheck %s
// RUN: fpx-import-onnx %t/initializers.onnx --test-data-dir=%t/initializers-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM --implicit-check-not=max-abs-diff

// NUM-COUNT-20: max-abs-diff: 0{{$}}

// CHECK-LABEL: func.func @forward()
// CHECK:         arith.constant dense<[1.500000e+00, -2.250000e+00, 0.000000e+00]> : tensor<3xf32> loc("f32_raw")
// CHECK:         arith.constant dense<[1.500000e+00, -2.250000e+00, 0.000000e+00]> : tensor<3xf32> loc("f32_typed")
// CHECK:         arith.constant dense<[1.500000e+00, -2.250000e+00, 0.000000e+00]> : tensor<3xf16> loc("f16_raw")
// CHECK:         arith.constant dense<[1.500000e+00, -2.250000e+00, 0.000000e+00]> : tensor<3xf16> loc("f16_typed")
// CHECK:         arith.constant dense<[1.500000e+00, -2.250000e+00, 0.000000e+00]> : tensor<3xbf16> loc("bf16_raw")
// CHECK:         arith.constant dense<[1.500000e+00, -2.250000e+00, 0.000000e+00]> : tensor<3xbf16> loc("bf16_typed")
// CHECK:         arith.constant dense<[1.500000e+00, -2.250000e+00, 0.000000e+00]> : tensor<3xf64> loc("f64_raw")
// CHECK:         arith.constant dense<[1.500000e+00, -2.250000e+00, 0.000000e+00]> : tensor<3xf64> loc("f64_typed")
// CHECK:         arith.constant dense<[3, -4, 0]> : tensor<3xi64> loc("i64_raw")
// CHECK:         arith.constant dense<[3, -4, 0]> : tensor<3xi64> loc("i64_typed")
// CHECK:         arith.constant dense<[3, -4, 0]> : tensor<3xi32> loc("i32_raw")
// CHECK:         arith.constant dense<[3, -4, 0]> : tensor<3xi32> loc("i32_typed")
// CHECK:         arith.constant dense<[3, -4, 0]> : tensor<3xi16> loc("i16_raw")
// CHECK:         arith.constant dense<[3, -4, 0]> : tensor<3xi16> loc("i16_typed")
// CHECK:         arith.constant dense<[3, -4, 0]> : tensor<3xi8> loc("i8_raw")
// CHECK:         arith.constant dense<[3, -4, 0]> : tensor<3xi8> loc("i8_typed")
// CHECK:         arith.constant dense<[true, false, true]> : tensor<3xi1> loc("bool_raw")
// CHECK:         arith.constant dense<[true, false, true]> : tensor<3xi1> loc("bool_typed")
// CHECK:         arith.constant dense<[5.000000e-01, -1.000000e+00]> : tensor<2xf16> loc("out_constant_f16")
// CHECK:         arith.constant dense<4.000000e+00> : tensor<f32> loc("scalar")
