// RUN: fpx-opt %s --fpx-fusion-plan="print=true" --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAN
// RUN: fpx-opt %s --fpx-fusion-plan | FileCheck %s
// RUN: fpx-opt %s --fpx-fusion-plan --fpx-inline-fusion-groups | FileCheck %s --check-prefix=INLINE

// Plans for common memory-bound blocks on the default (H100) device. The
// remark lines show the plan and its estimates; the IR shows the groups.

// INLINE-NOT: fpx_fusion

// RMSNorm: sum of squares, scale, rsqrt, broadcast, multiply: one stitch
// group; the row sum reaches its broadcast through shared memory.
// PLAN: remark: fusion plan @rmsnorm: 1 group(s), estimated saving 34.820 us
// PLAN-NEXT: group 0 stitch: linalg.mul linalg.reduce arith.mulf arith.addf math.rsqrt linalg.broadcast linalg.broadcast linalg.mul linalg.mul
// PLAN-NEXT: bytes 11546624 -> 2101248, launches saved 8, parallel units 256, shared bytes/block 4096
// PLAN-NEXT: penalties us: parallelism 0.000, shared memory 0.000; delta us 34.820
// CHECK-LABEL: func.func @rmsnorm
// CHECK: %[[G:.*]] = fpx_fusion.group stitch ins(%arg0, %arg1)
// CHECK: linalg.mul {fpx_fusion.stitch = #fpx_fusion.stitch<register>}
// CHECK: linalg.reduce {{.*}} {fpx_fusion.stitch = #fpx_fusion.stitch<shared>}
// CHECK: math.rsqrt {{.*}} {fpx_fusion.stitch = #fpx_fusion.stitch<register>}
// CHECK: fpx_fusion.yield
// CHECK-NOT: linalg.
// CHECK: return %[[G]]
func.func @rmsnorm(%x: tensor<256x1024xf32>, %g: tensor<1024xf32>) -> tensor<256x1024xf32> {
  %e = tensor.empty() : tensor<256x1024xf32>
  %sq = linalg.mul ins(%x, %x : tensor<256x1024xf32>, tensor<256x1024xf32>) outs(%e : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  %zero = arith.constant 0.0 : f32
  %er = tensor.empty() : tensor<256xf32>
  %init = linalg.fill ins(%zero : f32) outs(%er : tensor<256xf32>) -> tensor<256xf32>
  %sum = linalg.reduce ins(%sq : tensor<256x1024xf32>) outs(%init : tensor<256xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %inv_n = arith.constant dense<9.765625e-04> : tensor<256xf32>
  %eps = arith.constant dense<1.0e-06> : tensor<256xf32>
  %mean = arith.mulf %sum, %inv_n : tensor<256xf32>
  %meps = arith.addf %mean, %eps : tensor<256xf32>
  %r = math.rsqrt %meps : tensor<256xf32>
  %br = linalg.broadcast ins(%r : tensor<256xf32>) outs(%e : tensor<256x1024xf32>) dimensions = [1]
  %bg = linalg.broadcast ins(%g : tensor<1024xf32>) outs(%e : tensor<256x1024xf32>) dimensions = [0]
  %n = linalg.mul ins(%x, %br : tensor<256x1024xf32>, tensor<256x1024xf32>) outs(%e : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  %y = linalg.mul ins(%n, %bg : tensor<256x1024xf32>, tensor<256x1024xf32>) outs(%e : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  return %y : tensor<256x1024xf32>
}

// Softmax: max-reduce, subtract, exp, sum-reduce, divide: one stitch group
// with both reductions shared.
// PLAN: remark: fusion plan @softmax: 1 group(s)
// PLAN-NEXT: group 0 stitch: linalg.reduce linalg.broadcast linalg.sub linalg.exp linalg.reduce linalg.broadcast linalg.div
// CHECK-LABEL: func.func @softmax
// CHECK: fpx_fusion.group stitch ins(%arg0)
// CHECK-COUNT-2: linalg.reduce {{.*}} {fpx_fusion.stitch = #fpx_fusion.stitch<shared>}
// CHECK: fpx_fusion.yield
// CHECK-NEXT: }
// CHECK-NEXT: return

// LayerNorm (generics with broadcasting maps) followed by GELU on tensors:
// one stitch group. The mean and variance reductions are consumed through
// broadcasting generics, so both are shared.
// PLAN: remark: fusion plan @layernorm_gelu: 1 group(s)
// PLAN-NEXT: group 0 stitch: linalg.generic linalg.generic linalg.generic linalg.generic arith.mulf math.erf arith.addf arith.mulf arith.mulf
// CHECK-LABEL: func.func @layernorm_gelu
// CHECK: fpx_fusion.group stitch ins(%arg0, %arg1, %arg2)
// CHECK-COUNT-2: iterator_types = ["parallel", "reduction"]{{.*}}fpx_fusion.stitch = #fpx_fusion.stitch<shared>
// CHECK: math.erf

// A residual add chain: one loop group, intermediates in registers.
// PLAN: remark: fusion plan @residual_chain: 1 group(s)
// PLAN-NEXT: group 0 loop: arith.addf arith.addf arith.addf arith.addf
// CHECK-LABEL: func.func @residual_chain
// CHECK: %[[R:.*]] = fpx_fusion.group loop ins(%arg0, %arg1, %arg2, %arg3)
// CHECK-COUNT-3: arith.addf {{.*}} {fpx_fusion.stitch = #fpx_fusion.stitch<register>}
// CHECK: return %[[R]]

// The diamond: exp feeds the matmul and the add after it; one group for both
// would form a cycle through the matmul, so they end in different groups.
// PLAN: remark: fusion plan @diamond: 2 group(s)
// PLAN-NEXT: group 0 loop: arith.mulf math.exp
// PLAN: group 1 loop: arith.addf math.tanh
// CHECK-LABEL: func.func @diamond
// CHECK: %[[A:.*]] = fpx_fusion.group loop ins(%arg0)
// CHECK: math.exp
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[A]], %arg1
// CHECK: fpx_fusion.group loop ins(%[[A]], %[[M]])
// CHECK: math.tanh

// Unknown ops (a call, a concat) and dynamically shaped ops are left alone:
// no two plannable ops are adjacent, so no group forms.
// PLAN: remark: fusion plan @unknown: 0 group(s), estimated saving 0.000 us
// CHECK-LABEL: func.func @unknown
// CHECK-NOT: fpx_fusion
// CHECK: math.exp %arg0
// CHECK: call @opaque
// CHECK: math.tanh
// CHECK: tensor.concat
// CHECK: math.exp %arg1
// CHECK: math.tanh
func.func @softmax(%x: tensor<256x512xf32>) -> tensor<256x512xf32> {
  %e = tensor.empty() : tensor<256x512xf32>
  %er = tensor.empty() : tensor<256xf32>
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %minit = linalg.fill ins(%ninf : f32) outs(%er : tensor<256xf32>) -> tensor<256xf32>
  %max = linalg.reduce ins(%x : tensor<256x512xf32>) outs(%minit : tensor<256xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %m = arith.maximumf %in, %acc : f32
      linalg.yield %m : f32
    }
  %bmax = linalg.broadcast ins(%max : tensor<256xf32>) outs(%e : tensor<256x512xf32>) dimensions = [1]
  %sub = linalg.sub ins(%x, %bmax : tensor<256x512xf32>, tensor<256x512xf32>) outs(%e : tensor<256x512xf32>) -> tensor<256x512xf32>
  %exp = linalg.exp ins(%sub : tensor<256x512xf32>) outs(%e : tensor<256x512xf32>) -> tensor<256x512xf32>
  %sinit = linalg.fill ins(%zero : f32) outs(%er : tensor<256xf32>) -> tensor<256xf32>
  %sum = linalg.reduce ins(%exp : tensor<256x512xf32>) outs(%sinit : tensor<256xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %bsum = linalg.broadcast ins(%sum : tensor<256xf32>) outs(%e : tensor<256x512xf32>) dimensions = [1]
  %y = linalg.div ins(%exp, %bsum : tensor<256x512xf32>, tensor<256x512xf32>) outs(%e : tensor<256x512xf32>) -> tensor<256x512xf32>
  return %y : tensor<256x512xf32>
}

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @layernorm_gelu(%x: tensor<256x768xf32>, %gamma: tensor<768xf32>, %beta: tensor<768xf32>) -> tensor<256x768xf32> {
  %e = tensor.empty() : tensor<256x768xf32>
  %er = tensor.empty() : tensor<256xf32>
  %zero = arith.constant 0.0 : f32
  %init = linalg.fill ins(%zero : f32) outs(%er : tensor<256xf32>) -> tensor<256xf32>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<256x768xf32>) outs(%init : tensor<256xf32>) {
    ^bb0(%in: f32, %acc: f32):
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
  } -> tensor<256xf32>
  %centered = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %sum : tensor<256x768xf32>, tensor<256xf32>) outs(%e : tensor<256x768xf32>) {
    ^bb0(%a: f32, %s: f32, %o: f32):
      %n = arith.constant 768.0 : f32
      %mean = arith.divf %s, %n : f32
      %c = arith.subf %a, %mean : f32
      linalg.yield %c : f32
  } -> tensor<256x768xf32>
  %var = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%centered : tensor<256x768xf32>) outs(%init : tensor<256xf32>) {
    ^bb0(%in: f32, %acc: f32):
      %sq = arith.mulf %in, %in : f32
      %s = arith.addf %sq, %acc : f32
      linalg.yield %s : f32
  } -> tensor<256xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #col, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%centered, %var, %gamma, %beta : tensor<256x768xf32>, tensor<256xf32>, tensor<768xf32>, tensor<768xf32>) outs(%e : tensor<256x768xf32>) {
    ^bb0(%c: f32, %v: f32, %g: f32, %b: f32, %o: f32):
      %n = arith.constant 768.0 : f32
      %eps = arith.constant 1.0e-5 : f32
      %m = arith.divf %v, %n : f32
      %me = arith.addf %m, %eps : f32
      %r = math.rsqrt %me : f32
      %cn = arith.mulf %c, %r : f32
      %cg = arith.mulf %cn, %g : f32
      %cb = arith.addf %cg, %b : f32
      linalg.yield %cb : f32
  } -> tensor<256x768xf32>
  // GELU (erf form) on the normalized rows.
  %half = arith.constant dense<0.5> : tensor<256x768xf32>
  %one = arith.constant dense<1.0> : tensor<256x768xf32>
  %rsqrt2 = arith.constant dense<0.707106769> : tensor<256x768xf32>
  %t = arith.mulf %y, %rsqrt2 : tensor<256x768xf32>
  %erf = math.erf %t : tensor<256x768xf32>
  %p = arith.addf %erf, %one : tensor<256x768xf32>
  %h = arith.mulf %y, %half : tensor<256x768xf32>
  %g = arith.mulf %h, %p : tensor<256x768xf32>
  return %g : tensor<256x768xf32>
}

func.func @residual_chain(%x: tensor<64x1024xf16>, %a: tensor<64x1024xf16>, %b: tensor<64x1024xf16>, %c: tensor<64x1024xf16>) -> tensor<64x1024xf16> {
  %0 = arith.addf %x, %a : tensor<64x1024xf16>
  %1 = arith.addf %0, %b : tensor<64x1024xf16>
  %2 = arith.addf %1, %c : tensor<64x1024xf16>
  %3 = arith.addf %2, %x : tensor<64x1024xf16>
  return %3 : tensor<64x1024xf16>
}

// %h feeds both the matmul and its consumer: grouping %h with %r would put
// the matmul on a path that leaves the group and comes back.
func.func @diamond(%x: tensor<128x256xf32>, %w: tensor<256x256xf32>) -> tensor<128x256xf32> {
  %two = arith.constant dense<2.0> : tensor<128x256xf32>
  %s = arith.mulf %x, %two : tensor<128x256xf32>
  %h = math.exp %s : tensor<128x256xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x256xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<128x256xf32>) -> tensor<128x256xf32>
  %m = linalg.matmul ins(%h, %w : tensor<128x256xf32>, tensor<256x256xf32>) outs(%acc : tensor<128x256xf32>) -> tensor<128x256xf32>
  %r = arith.addf %h, %m : tensor<128x256xf32>
  %t = math.tanh %r : tensor<128x256xf32>
  return %t : tensor<128x256xf32>
}

// Ops the planner does not know (a call, a concat, a dynamic shape) stay
// outside groups and split the chains around them.
func.func private @opaque(tensor<64x64xf32>) -> tensor<64x64xf32>
func.func @unknown(%x: tensor<64x64xf32>, %d: tensor<?x64xf32>) -> (tensor<128x64xf32>, tensor<?x64xf32>) {
  %a = math.exp %x : tensor<64x64xf32>
  %b = func.call @opaque(%a) : (tensor<64x64xf32>) -> tensor<64x64xf32>
  %c = math.tanh %b : tensor<64x64xf32>
  %k = tensor.concat dim(0) %a, %c : (tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<128x64xf32>
  %d1 = math.exp %d : tensor<?x64xf32>
  %d2 = math.tanh %d1 : tensor<?x64xf32>
  return %k, %d2 : tensor<128x64xf32>, tensor<?x64xf32>
}
