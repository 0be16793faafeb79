// The importer's output is what --fpx-quantize-weights takes: a MatMul by a
// weight initializer is a linalg.matmul on an arith.constant, and its
// location names the weight, so skip=lm_head leaves the lm_head product
// (node `node_MatMul_5`, weight `lm_head.weight`) alone. fpx-import-onnx
// prints locations by default so that they survive the text round trip.
//
// RUN: %python %S/Inputs/onnx_models.py %t tiny_lm
// RUN: fpx-import-onnx %t/tiny_lm.onnx \
// RUN: | fpx-opt --fpx-quantize-weights="format=fp6 skip=lm_head" --mlir-print-debuginfo --mlir-print-local-scope \
// RUN: | FileCheck %s
// RUN: fpx-import-onnx %t/tiny_lm.onnx --print-locations=false \
// RUN: | fpx-opt --fpx-quantize-weights="format=fp6 skip=lm_head" | FileCheck %s --check-prefix=NO-LOC
//
// Unquantized, the model matches numpy; with FP6 weights it is off by the
// quantization error (0.03 here), which must stay below 0.1.
// RUN: fpx-import-onnx %t/tiny_lm.onnx --test-data-dir=%t/tiny_lm-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=F32
// RUN: fpx-import-onnx %t/tiny_lm.onnx --test-data-dir=%t/tiny_lm-data \
// RUN: | fpx-opt --fpx-quantize-weights="format=fp6 skip=lm_head" --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=FP6

// F32: output 0 max-abs-diff: {{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}
// FP6: output 0 max-abs-diff: {{0\.0[0-9]+$}}

// CHECK-LABEL: func.func @forward(
// CHECK:         fpx.qmatmul {{.*}} rows = 16, cols = 8{{.*}} loc(fused["node_MatMul_0", "model.fc.weight"])
// CHECK-NOT:     fpx.qmatmul
// CHECK:         linalg.matmul {{.*}} tensor<10x16xf32>{{.*}} loc(fused["node_MatMul_5", "lm_head.weight"])

// Without locations, nothing can name lm_head: both products are quantized.
// NO-LOC-COUNT-2: fpx.qmatmul
// NO-LOC-NOT:     linalg.matmul
