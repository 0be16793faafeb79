// RUN: fpx-opt %s --fpx-fusion-plan --fpx-extract-fusion-groups | FileCheck %s
// RUN: fpx-opt %s --fpx-fusion-plan --fpx-extract-fusion-groups --fpx-cpu-pipeline -o /dev/null

// Each group is copied into a function of its own (inputs -> results), the
// program keeps its groups, marked with the function's name; the copies
// carry no stitch attributes and lower on the CPU path.

// CHECK-LABEL: func.func @two_groups
// CHECK: fpx_fusion.group loop ins(%arg0) attributes {fpx.extracted = @two_groups_group_0}
// CHECK: linalg.matmul
// CHECK: fpx_fusion.group loop ins({{.*}}) attributes {fpx.extracted = @two_groups_group_1}
// CHECK-LABEL: func.func @two_groups_group_0(%{{.*}}: tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-NOT: fpx_fusion
// CHECK: math.exp
// CHECK: return
// CHECK-LABEL: func.func @two_groups_group_1(%{{.*}}: tensor<4x8xf32>, %{{.*}}: tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-NOT: fpx_fusion
// CHECK: math.tanh
// CHECK: return
func.func @two_groups(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %a = arith.mulf %x, %x : tensor<4x8xf32>
  %b = math.exp %a : tensor<4x8xf32>
  %z = arith.constant dense<0.0> : tensor<4x8xf32>
  %m = linalg.matmul ins(%b, %w : tensor<4x8xf32>, tensor<8x8xf32>) outs(%z : tensor<4x8xf32>) -> tensor<4x8xf32>
  %c = arith.addf %m, %b : tensor<4x8xf32>
  %d = math.tanh %c : tensor<4x8xf32>
  return %d : tensor<4x8xf32>
}
