// RUN: fpx-opt %s --fpx-gpu-fusion-kernels="fast-math=true" | FileCheck %s
// RUN: fpx-opt %s --fpx-gpu-fusion-kernels | FileCheck %s --check-prefix=IEEE

// fast-math: math functions get `afn` (libdevice's fast variants), and a
// division by a per-row value becomes one reciprocal per row and a multiply
// per element. Without it every element is divided (IEEE).

// CHECK-LABEL: gpu.func @fusion_normalize_0
// CHECK: math.exp {{.*}} fastmath<afn>
// CHECK: gpu.shuffle
// CHECK: %[[RCP:.*]] = arith.divf %{{.*}}, %{{.*}} : f32
// CHECK-NOT: arith.divf
// CHECK-COUNT-4: arith.mulf %{{.*}}, %[[RCP]] : f32
// CHECK-NOT: arith.divf

// IEEE-LABEL: gpu.func @fusion_normalize_0
// IEEE-NOT: fastmath<afn>
// IEEE-COUNT-4: arith.divf
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @normalize(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %r = fpx_fusion.group stitch ins(%x) : (tensor<4x16xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<4x16xf32>):
    %e = tensor.empty() : tensor<4x16xf32>
    %er = tensor.empty() : tensor<4xf32>
    %zero = arith.constant 0.0 : f32
    %init = linalg.fill ins(%zero : f32) outs(%er : tensor<4xf32>) -> tensor<4xf32>
    %ex = math.exp %a : tensor<4x16xf32>
    %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
        ins(%ex : tensor<4x16xf32>) outs(%init : tensor<4xf32>) {
      ^bb0(%v: f32, %acc: f32):
        %s = arith.addf %v, %acc : f32
        linalg.yield %s : f32
    } -> tensor<4xf32>
    %y = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
        ins(%ex, %sum : tensor<4x16xf32>, tensor<4xf32>) outs(%e : tensor<4x16xf32>) {
      ^bb0(%v: f32, %s: f32, %o: f32):
        %q = arith.divf %v, %s : f32
        linalg.yield %q : f32
    } -> tensor<4x16xf32>
    fpx_fusion.yield %y : tensor<4x16xf32>
  }
  return %r : tensor<4x16xf32>
}

// f32 erf becomes a branch-free approximation (A&S 7.1.26) with the
// hardware's approximate reciprocal and a fast exp.
// CHECK-LABEL: gpu.func @fusion_gelu_0
// CHECK: math.absf
// CHECK: nvvm.rcp.approx.ftz.f
// CHECK: math.exp {{.*}} fastmath<afn>
// CHECK: math.copysign
// CHECK-NOT: math.erf
// IEEE-LABEL: gpu.func @fusion_gelu_0
// IEEE: math.erf
func.func @gelu(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %r = fpx_fusion.group loop ins(%x) : (tensor<4x16xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<4x16xf32>):
    %e = math.erf %a : tensor<4x16xf32>
    %m = arith.mulf %a, %e : tensor<4x16xf32>
    fpx_fusion.yield %m : tensor<4x16xf32>
  }
  return %r : tensor<4x16xf32>
}
