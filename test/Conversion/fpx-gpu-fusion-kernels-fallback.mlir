// RUN: fpx-opt %s --fpx-gpu-fusion-kernels="fallback=true report=true" --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REPORT
// RUN: fpx-opt %s --fpx-gpu-fusion-kernels="fallback=true" 2>&1 | FileCheck %s
// RUN: not fpx-opt %s --fpx-gpu-fusion-kernels -o /dev/null 2>&1 | FileCheck %s --check-prefix=ERROR

// With `fallback`, a group the generator refuses (here a column reduction)
// keeps no launch and gets no kernel; its ops then run unfused. The other
// groups are compiled as usual; `group` still counts every group of the
// function in walk order. Without `fallback` the refusal is an error.

// REPORT: remark: fusion kernel fusion_f_0: 8 rows x 16 columns
// REPORT-NOT: remark
// REPORT: remark: no fusion kernel (fusion kernel: only reductions over the innermost loop (a row) are supported); the group's ops run unfused
// REPORT-NOT: remark
// REPORT: remark: fusion kernel fusion_f_1: 8 rows x 16 columns
// REPORT-NOT: remark

// ERROR: error: fusion kernel: only reductions over the innermost loop (a row) are supported

// Without `report` nothing is printed.
// CHECK-NOT: remark
// CHECK-LABEL: func.func @f
// CHECK: %[[A:.*]] = fpx_fusion.group loop ins(%{{.*}}) attributes {fpx.launch = {{{.*}}function = "f", {{.*}}group = 0 : i64, kernel = "fusion_f_0"
// CHECK: %[[R:.*]] = fpx_fusion.group input ins(%[[A]]) : (tensor<8x16xf32>) -> tensor<16xf32> {
// CHECK: %[[B:.*]] = fpx_fusion.group loop ins(%[[A]]) attributes {fpx.launch = {{{.*}}function = "f", {{.*}}group = 2 : i64, kernel = "fusion_f_1"
// CHECK: return %[[A]], %[[R]], %[[B]]
// CHECK: gpu.module @fpx_kernels {
// CHECK-NEXT: gpu.func @fusion_f_0(
// CHECK-NOT: gpu.func
// CHECK: gpu.func @fusion_f_1(
// CHECK-NOT: gpu.func

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @f(%x: tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<16xf32>, tensor<8x16xf32>) {
  %a = fpx_fusion.group loop ins(%x) : (tensor<8x16xf32>) -> tensor<8x16xf32> {
  ^bb0(%v: tensor<8x16xf32>):
    %n = math.exp %v : tensor<8x16xf32>
    fpx_fusion.yield %n : tensor<8x16xf32>
  }
  %r = fpx_fusion.group input ins(%a) : (tensor<8x16xf32>) -> tensor<16xf32> {
  ^bb0(%v: tensor<8x16xf32>):
    %e = tensor.empty() : tensor<16xf32>
    %n = math.exp %v : tensor<8x16xf32>
    %s = linalg.generic {indexing_maps = [#id, #col], iterator_types = ["reduction", "parallel"]}
        ins(%n : tensor<8x16xf32>) outs(%e : tensor<16xf32>) {
      ^bb0(%p: f32, %acc: f32):
        %y = arith.addf %p, %acc : f32
        linalg.yield %y : f32
    } -> tensor<16xf32>
    fpx_fusion.yield %s : tensor<16xf32>
  }
  %b = fpx_fusion.group loop ins(%a) : (tensor<8x16xf32>) -> tensor<8x16xf32> {
  ^bb0(%v: tensor<8x16xf32>):
    %n = math.tanh %v : tensor<8x16xf32>
    fpx_fusion.yield %n : tensor<8x16xf32>
  }
  return %a, %r, %b : tensor<8x16xf32>, tensor<16xf32>, tensor<8x16xf32>
}
