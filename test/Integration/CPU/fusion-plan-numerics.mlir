// Fused and unfused execution agree: the same RMSNorm + softmax + residual
// program runs on the CPU path once as written and once after
// --fpx-fusion-plan (groups inlined again by --fpx-cpu-pipeline), on
// pseudo-random inputs. Both runs must print the same numbers; the PLAN run
// shows that the planner did form groups.
//
// RUN: fpx-opt %s --fpx-fusion-plan | FileCheck %s --check-prefix=PLAN
// RUN: fpx-opt %s --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils > %t.unfused
// RUN: fpx-opt %s --fpx-fusion-plan | fpx-opt --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils > %t.fused
// RUN: diff %t.unfused %t.fused
// RUN: FileCheck %s < %t.fused

// PLAN-LABEL: func.func @model
// The whole body is memory-bound, so it becomes one stitch group.
// PLAN: fpx_fusion.group stitch
// PLAN-COUNT-3: linalg.reduce {{.*}}fpx_fusion.stitch<shared>
// PLAN: fpx_fusion.yield
// PLAN-NEXT: }
// PLAN-NEXT: return

// Softmax rows sum to one; the checksums are only compared between runs.
// CHECK: row sum: 1
// CHECK-NEXT: checksum: {{-?[0-9]}}

#id = affine_map<(d0, d1) -> (d0, d1)>

func.func @model(%x: tensor<8x32xf32>, %r: tensor<8x32xf32>) -> (tensor<8x32xf32>, tensor<8x32xf32>) {
  %e = tensor.empty() : tensor<8x32xf32>
  %er = tensor.empty() : tensor<8xf32>
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  // RMSNorm.
  %sq = linalg.mul ins(%x, %x : tensor<8x32xf32>, tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %init = linalg.fill ins(%zero : f32) outs(%er : tensor<8xf32>) -> tensor<8xf32>
  %ss = linalg.reduce ins(%sq : tensor<8x32xf32>) outs(%init : tensor<8xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %inv_n = arith.constant dense<0.03125> : tensor<8xf32>
  %eps = arith.constant dense<1.0e-6> : tensor<8xf32>
  %mean = arith.mulf %ss, %inv_n : tensor<8xf32>
  %meps = arith.addf %mean, %eps : tensor<8xf32>
  %rs = math.rsqrt %meps : tensor<8xf32>
  %brs = linalg.broadcast ins(%rs : tensor<8xf32>) outs(%e : tensor<8x32xf32>) dimensions = [1]
  %n = linalg.mul ins(%x, %brs : tensor<8x32xf32>, tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  // Residual chain.
  %a0 = arith.addf %n, %r : tensor<8x32xf32>
  %a1 = arith.mulf %a0, %r : tensor<8x32xf32>
  %a2 = arith.addf %a1, %x : tensor<8x32xf32>
  // Softmax of the residual output (a matmul would stop fusion here; the
  // planner sees only memory-bound ops).
  %minit = linalg.fill ins(%ninf : f32) outs(%er : tensor<8xf32>) -> tensor<8xf32>
  %max = linalg.reduce ins(%a2 : tensor<8x32xf32>) outs(%minit : tensor<8xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %m = arith.maximumf %in, %acc : f32
      linalg.yield %m : f32
    }
  %bmax = linalg.broadcast ins(%max : tensor<8xf32>) outs(%e : tensor<8x32xf32>) dimensions = [1]
  %sub = linalg.sub ins(%a2, %bmax : tensor<8x32xf32>, tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %exp = linalg.exp ins(%sub : tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %sinit = linalg.fill ins(%zero : f32) outs(%er : tensor<8xf32>) -> tensor<8xf32>
  %sum = linalg.reduce ins(%exp : tensor<8x32xf32>) outs(%sinit : tensor<8xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %bsum = linalg.broadcast ins(%sum : tensor<8xf32>) outs(%e : tensor<8x32xf32>) dimensions = [1]
  %y = linalg.div ins(%exp, %bsum : tensor<8x32xf32>, tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %y, %a2 : tensor<8x32xf32>, tensor<8x32xf32>
}

// fract(sin(seed + 12.9898 i + 78.233 j) * 43758.5453) * 4 - 2: a classic
// hash, deterministic on every machine.
func.func @random(%seed: f32) -> tensor<8x32xf32> {
  %e = tensor.empty() : tensor<8x32xf32>
  %t = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]} outs(%e : tensor<8x32xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %ii = arith.index_cast %i : index to i32
    %jj = arith.index_cast %j : index to i32
    %fi = arith.sitofp %ii : i32 to f32
    %fj = arith.sitofp %jj : i32 to f32
    %c1 = arith.constant 12.9898 : f32
    %c2 = arith.constant 78.233 : f32
    %c3 = arith.constant 43758.5453 : f32
    %four = arith.constant 4.0 : f32
    %two = arith.constant 2.0 : f32
    %a = arith.mulf %fi, %c1 : f32
    %b = arith.mulf %fj, %c2 : f32
    %ab = arith.addf %a, %b : f32
    %s = arith.addf %ab, %seed : f32
    %sin = math.sin %s : f32
    %big = arith.mulf %sin, %c3 : f32
    %fl = math.floor %big : f32
    %fr = arith.subf %big, %fl : f32
    %sc = arith.mulf %fr, %four : f32
    %v = arith.subf %sc, %two : f32
    linalg.yield %v : f32
  } -> tensor<8x32xf32>
  return %t : tensor<8x32xf32>
}

func.func @main() {
  %s0 = arith.constant 0.5 : f32
  %s1 = arith.constant 7.25 : f32
  %x = call @random(%s0) : (f32) -> tensor<8x32xf32>
  %r = call @random(%s1) : (f32) -> tensor<8x32xf32>
  %y, %a = call @model(%x, %r) : (tensor<8x32xf32>, tensor<8x32xf32>) -> (tensor<8x32xf32>, tensor<8x32xf32>)
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<f32>
  %z0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
  %row = tensor.extract_slice %y[3, 0] [1, 32] [1, 1] : tensor<8x32xf32> to tensor<32xf32>
  %rs = linalg.reduce ins(%row : tensor<32xf32>) outs(%z0 : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  // Weighted checksum over both outputs so that a permuted or wrong element
  // changes it.
  %ck = linalg.generic {indexing_maps = [#id, #id, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]}
      ins(%y, %a : tensor<8x32xf32>, tensor<8x32xf32>) outs(%z0 : tensor<f32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %k = arith.addi %i, %j : index
    %ki = arith.index_cast %k : index to i32
    %kf = arith.sitofp %ki : i32 to f32
    %w = arith.mulf %p, %kf : f32
    %sum = arith.addf %w, %q : f32
    %res = arith.addf %sum, %acc : f32
    linalg.yield %res : f32
  } -> tensor<f32>
  %rsv = tensor.extract %rs[] : tensor<f32>
  %ckv = tensor.extract %ck[] : tensor<f32>
  vector.print str "row sum: "
  vector.print %rsv : f32
  vector.print str "checksum: "
  vector.print %ckv : f32
  return
}
