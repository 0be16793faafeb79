// RUN: fpx-opt %s --fpx-gpu-gemm-kernels="fallback=true report-estimates=true" --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REPORT
// RUN: fpx-opt %s --fpx-gpu-gemm-kernels="fallback=true" 2>&1 | FileCheck %s
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels -o /dev/null 2>&1 | FileCheck %s --check-prefix=ERROR

// With `fallback`, qmatmuls the Tensor Core generator cannot take (f32
// activations) keep no launch and get no kernel, for the generic lowering
// (dequantize + matmul); the others, K = 60 included, are compiled as
// usual. Without `fallback` the first such op is an error.

// REPORT: remark: GEMM for M = 4:
// REPORT-NOT: remark
// REPORT: remark: GEMM for M = 4:
// REPORT-NOT: remark
// REPORT: remark: no Tensor Core GEMM (the GPU GEMM takes f16 or bf16 activations, got f32); left for the generic lowering
// REPORT-NOT: remark
// REPORT: remark: GEMM for M = 4:
// REPORT-NOT: remark

// ERROR: error: 'fpx.qmatmul' op cannot run on the GPU: the GPU GEMM takes f16 or bf16 activations, got f32

// CHECK-NOT: remark
// CHECK-LABEL: func.func @mixed
// CHECK: fpx.qmatmul {{.*}}fpx.launch = {{{.*}}kernel = "qmatmul_0"{{.*}} : (tensor<4x64xf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<4x96xf16>
// CHECK: fpx.qmatmul %{{[^{]*}} {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>} : (tensor<4x64xf32>, tensor<1536xi32>, tensor<96xf16>) -> tensor<4x96xf32>
// CHECK: fpx.qmatmul {{.*}}fpx.launch = {{{.*}}kernel = "qmatmul_1"{{.*}} : (tensor<4x60xf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<4x96xf16>
// CHECK: gpu.module @fpx_kernels {
// CHECK-NEXT: gpu.func @qmatmul_0(
// CHECK: gpu.func @qmatmul_1(
// CHECK-NOT: @qmatmul_2
func.func @mixed(%x: tensor<4x64xf16>, %xf: tensor<4x64xf32>, %xk: tensor<4x60xf16>, %w: tensor<1536xi32>, %s: tensor<96xf16>)
    -> (tensor<4x96xf16>, tensor<4x96xf32>, tensor<4x96xf16>) {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<4x64xf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<4x96xf16>
  %yf = fpx.qmatmul %xf, %w, %s {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<4x64xf32>, tensor<1536xi32>, tensor<96xf16>) -> tensor<4x96xf32>
  %yk = fpx.qmatmul %xk, %w, %s {packing = #fpx.packing<format = e3m2, rows = 96, cols = 60, layout = tc_fpx>}
      : (tensor<4x60xf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<4x96xf16>
  return %y, %yf, %yk : tensor<4x96xf16>, tensor<4x96xf32>, tensor<4x96xf16>
}
