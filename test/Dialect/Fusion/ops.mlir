// RUN: fpx-opt %s | fpx-opt | FileCheck %s
// RUN: fpx-opt %s --mlir-print-op-generic | fpx-opt | FileCheck %s

// The shape of RMSNorm as one stitched group (mean, epsilon and rsqrt left
// out): the row sum of squares reaches its broadcast consumer through shared
// memory.
// CHECK-LABEL: func @rmsnorm
func.func @rmsnorm(%x: tensor<16x4096xf32>, %g: tensor<4096xf32>) -> tensor<16x4096xf32> {
  // CHECK: %[[R:.*]] = fpx_fusion.group stitch ins(%{{.*}}, %{{.*}}) : (tensor<16x4096xf32>, tensor<4096xf32>) -> tensor<16x4096xf32> {
  // CHECK: ^bb0(%[[A:.*]]: tensor<16x4096xf32>, %[[B:.*]]: tensor<4096xf32>):
  // CHECK: linalg.reduce {{.*}} dimensions = [1] {fpx_fusion.stitch = #fpx_fusion.stitch<shared>}
  // CHECK: fpx_fusion.yield %{{.*}} : tensor<16x4096xf32>
  %r = fpx_fusion.group stitch ins(%x, %g)
      : (tensor<16x4096xf32>, tensor<4096xf32>) -> tensor<16x4096xf32> {
  ^bb0(%a: tensor<16x4096xf32>, %b: tensor<4096xf32>):
    %e = tensor.empty() : tensor<16x4096xf32>
    %sq = linalg.mul ins(%a, %a : tensor<16x4096xf32>, tensor<16x4096xf32>)
                     outs(%e : tensor<16x4096xf32>) -> tensor<16x4096xf32>
    %zero = arith.constant 0.0 : f32
    %er = tensor.empty() : tensor<16xf32>
    %init = linalg.fill ins(%zero : f32) outs(%er : tensor<16xf32>) -> tensor<16xf32>
    %sum = linalg.reduce ins(%sq : tensor<16x4096xf32>) outs(%init : tensor<16xf32>) dimensions = [1]
      {fpx_fusion.stitch = #fpx_fusion.stitch<shared>}
      (%in: f32, %acc: f32) {
        %s = arith.addf %in, %acc : f32
        linalg.yield %s : f32
      }
    %bs = linalg.broadcast ins(%sum : tensor<16xf32>) outs(%e : tensor<16x4096xf32>) dimensions = [1]
    %bg = linalg.broadcast ins(%b : tensor<4096xf32>) outs(%e : tensor<16x4096xf32>) dimensions = [0]
    %d = linalg.div ins(%a, %bs : tensor<16x4096xf32>, tensor<16x4096xf32>)
                    outs(%e : tensor<16x4096xf32>) -> tensor<16x4096xf32>
    %y = linalg.mul ins(%d, %bg : tensor<16x4096xf32>, tensor<16x4096xf32>)
                    outs(%e : tensor<16x4096xf32>) -> tensor<16x4096xf32>
    fpx_fusion.yield %y : tensor<16x4096xf32>
  }
  return %r : tensor<16x4096xf32>
}

// A loop group with two results and a register-stitched intermediate.
// CHECK-LABEL: func @loop_two_results
func.func @loop_two_results(%x: tensor<64xf16>) -> (tensor<64xf16>, tensor<64xf16>) {
  // CHECK: fpx_fusion.group loop ins(%{{.*}}) : (tensor<64xf16>) -> (tensor<64xf16>, tensor<64xf16>)
  %r:2 = fpx_fusion.group loop ins(%x) : (tensor<64xf16>) -> (tensor<64xf16>, tensor<64xf16>) {
  ^bb0(%a: tensor<64xf16>):
    %n = arith.negf %a {fpx_fusion.stitch = #fpx_fusion.stitch<register>} : tensor<64xf16>
    %e = math.exp %n : tensor<64xf16>
    fpx_fusion.yield %n, %e : tensor<64xf16>, tensor<64xf16>
  }
  return %r#0, %r#1 : tensor<64xf16>, tensor<64xf16>
}

// A group may read nothing from outside (e.g. an iota-like constant).
// CHECK-LABEL: func @no_inputs
func.func @no_inputs() -> tensor<4xf32> {
  // CHECK: fpx_fusion.group loop : () -> tensor<4xf32>
  %r = fpx_fusion.group loop : () -> tensor<4xf32> {
    %c = arith.constant dense<1.0> : tensor<4xf32>
    fpx_fusion.yield %c : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
