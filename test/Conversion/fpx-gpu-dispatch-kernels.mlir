// RUN: fpx-opt %s --fpx-gpu-dispatch-kernels | FileCheck %s

// Groups and qmatmuls that the kernel generators compiled (their launch
// facts below are what --fpx-gpu-fusion-kernels and --fpx-gpu-gemm-kernels
// wrote for them) become fpx.dispatch in destination style, each result a
// fresh tensor.empty; the rest stays for the generic lowering.

// CHECK-LABEL: func.func @layer
// CHECK-SAME: (%[[X:.*]]: tensor<4x64xf16>, %[[G:.*]]: tensor<64xf16>, %[[W:.*]]: tensor<1536xi32>, %[[S:.*]]: tensor<96xf16>, %[[B:.*]]: tensor<96xf16>)
// The group's launch facts are passed on as they are.
// CHECK: %[[E0:.*]] = tensor.empty() : tensor<4x64xf16>
// CHECK-NEXT: %[[Y:.*]] = fpx.dispatch "fusion" ins(%[[X]], %[[G]] : tensor<4x64xf16>, tensor<64xf16>) outs(%[[E0]] : tensor<4x64xf16>)
// CHECK-SAME: {launch = {block_x = 32 : i64, blocks_per_row = 1 : i64, cols = 64 : i64, estimated_us = 8.000000e-01 : f64, function = "layer", grid_x = 1 : i64, group = 0 : i64, kernel = "fusion_layer_0", rows = 4 : i64, shared_bytes = 0 : i64, threads_per_row = 8 : i64, vector_width = 8 : i64}} -> tensor<4x64xf16>
// A qmatmul's inputs are activations, words, scales and bias; its launch
// gains the shapes and types the runtime's FpxQMatmulLaunch takes.
// CHECK-NEXT: %[[E1:.*]] = tensor.empty() : tensor<4x96xf16>
// CHECK-NEXT: %[[Z:.*]] = fpx.dispatch "qmatmul" ins(%[[Y]], %[[W]], %[[S]], %[[B]] : tensor<4x64xf16>, tensor<1536xi32>, tensor<96xf16>, tensor<96xf16>) outs(%[[E1]] : tensor<4x96xf16>)
// CHECK-SAME: {launch = {activation_type = "f16", block_x = 256 : i64, dequant_then_dense = false, dequant_to_shared = false, dynamic_shared_bytes = 102400 : i64, fold_scale = false, grid_x = 1 : i64, has_bias = true, k = 64 : i64, kernel = "qmatmul_0", m = 4 : i64, n = 96 : i64, num_words = 1536 : i64, result_type = "f16", split_k = 1 : i64, stages = 4 : i64, tokens_per_cta = 8 : i64, warps_along_n = true}} -> tensor<4x96xf16>
// CHECK-NEXT: return %[[Z]] : tensor<4x96xf16>
func.func @layer(%x: tensor<4x64xf16>, %g: tensor<64xf16>, %w: tensor<1536xi32>, %s: tensor<96xf16>, %b: tensor<96xf16>) -> tensor<4x96xf16> {
  %y = fpx_fusion.group loop ins(%x, %g) attributes {fpx.launch = {block_x = 32 : i64, blocks_per_row = 1 : i64, cols = 64 : i64, estimated_us = 0.8 : f64, function = "layer", grid_x = 1 : i64, group = 0 : i64, kernel = "fusion_layer_0", rows = 4 : i64, shared_bytes = 0 : i64, threads_per_row = 8 : i64, vector_width = 8 : i64}}
      : (tensor<4x64xf16>, tensor<64xf16>) -> tensor<4x64xf16> {
  ^bb0(%a: tensor<4x64xf16>, %gg: tensor<64xf16>):
    %e = tensor.empty() : tensor<4x64xf16>
    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%a, %gg : tensor<4x64xf16>, tensor<64xf16>) outs(%e : tensor<4x64xf16>) {
      ^bb0(%v: f16, %w0: f16, %o: f16):
        %m = arith.mulf %v, %w0 : f16
        linalg.yield %m : f16
    } -> tensor<4x64xf16>
    fpx_fusion.yield %r : tensor<4x64xf16>
  }
  %z = fpx.qmatmul %y, %w, %s bias %b {activation = #fpx.activation<silu>, fpx.launch = {block_x = 256 : i64, dequant_then_dense = false, dequant_to_shared = false, dynamic_shared_bytes = 102400 : i64, fold_scale = false, grid_x = 1 : i64, kernel = "qmatmul_0", split_k = 1 : i64, stages = 4 : i64, tokens_per_cta = 8 : i64, warps_along_n = true},
      packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<4x64xf16>, tensor<1536xi32>, tensor<96xf16>, tensor<96xf16>) -> tensor<4x96xf16>
  return %z : tensor<4x96xf16>
}

// M is the product of the activation's leading dimensions; no bias, bf16
// activations and f32 results. The launch's own entries are kept.
// CHECK-LABEL: func.func @batched
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3x96xf32>
// CHECK-NEXT: fpx.dispatch "qmatmul" ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<2x3x64xbf16>, tensor<1536xi32>, tensor<96xf16>) outs(%[[E]] : tensor<2x3x96xf32>)
// CHECK-SAME: {launch = {activation_type = "bf16", block_x = 128 : i64, grid_x = 3 : i64, has_bias = false, k = 64 : i64, kernel = "qmatmul_1", m = 6 : i64, n = 96 : i64, num_words = 1536 : i64, reduce_kernel = "qmatmul_1_reduce", result_type = "f32", split_k = 2 : i64}} -> tensor<2x3x96xf32>
func.func @batched(%x: tensor<2x3x64xbf16>, %w: tensor<1536xi32>, %s: tensor<96xf16>) -> tensor<2x3x96xf32> {
  %z = fpx.qmatmul %x, %w, %s {fpx.launch = {block_x = 128 : i64, grid_x = 3 : i64, kernel = "qmatmul_1", reduce_kernel = "qmatmul_1_reduce", split_k = 2 : i64},
      packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<2x3x64xbf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<2x3x96xf32>
  return %z : tensor<2x3x96xf32>
}

// A group with two results gets two outputs; one without inputs (a mask
// made from indices) none.
// CHECK-LABEL: func.func @two_results
// CHECK-DAG: %[[E0:.*]] = tensor.empty() : tensor<4x64xf16>
// CHECK-DAG: %[[E1:.*]] = tensor.empty() : tensor<4xf32>
// CHECK: %[[R:.*]]:2 = fpx.dispatch "fusion" ins(%{{.*}} : tensor<4x64xf16>) outs(%[[E0]], %[[E1]] : tensor<4x64xf16>, tensor<4xf32>) {launch = {kernel = "fusion_two_results_0"}} -> tensor<4x64xf16>, tensor<4xf32>
// CHECK: %[[E2:.*]] = tensor.empty() : tensor<8x8xi1>
// CHECK-NEXT: %[[M:.*]] = fpx.dispatch "fusion" outs(%[[E2]] : tensor<8x8xi1>) {launch = {kernel = "fusion_two_results_1"}} -> tensor<8x8xi1>
// CHECK-NEXT: return %[[R]]#0, %[[R]]#1, %[[M]]
func.func @two_results(%x: tensor<4x64xf16>) -> (tensor<4x64xf16>, tensor<4xf32>, tensor<8x8xi1>) {
  %r:2 = fpx_fusion.group input ins(%x) attributes {fpx.launch = {kernel = "fusion_two_results_0"}}
      : (tensor<4x64xf16>) -> (tensor<4x64xf16>, tensor<4xf32>) {
  ^bb0(%a: tensor<4x64xf16>):
    %n = math.exp %a : tensor<4x64xf16>
    %e = tensor.empty() : tensor<4xf32>
    %z = arith.constant 0.0 : f32
    %i = linalg.fill ins(%z : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
        ins(%n : tensor<4x64xf16>) outs(%i : tensor<4xf32>) {
      ^bb0(%v: f16, %acc: f32):
        %f = arith.extf %v : f16 to f32
        %y = arith.addf %f, %acc : f32
        linalg.yield %y : f32
    } -> tensor<4xf32>
    fpx_fusion.yield %n, %s : tensor<4x64xf16>, tensor<4xf32>
  }
  %m = fpx_fusion.group loop attributes {fpx.launch = {kernel = "fusion_two_results_1"}} : () -> tensor<8x8xi1> {
    %e = tensor.empty() : tensor<8x8xi1>
    %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
        outs(%e : tensor<8x8xi1>) {
      ^bb0(%o: i1):
        %i = linalg.index 0 : index
        %j = linalg.index 1 : index
        %le = arith.cmpi ule, %j, %i : index
        linalg.yield %le : i1
    } -> tensor<8x8xi1>
    fpx_fusion.yield %c : tensor<8x8xi1>
  }
  return %r#0, %r#1, %m : tensor<4x64xf16>, tensor<4xf32>, tensor<8x8xi1>
}

// Without launch facts (the generators left them for the generic lowering)
// groups and qmatmuls are left alone.
// CHECK-LABEL: func.func @no_launch
// CHECK-NOT: fpx.dispatch
// CHECK-NOT: tensor.empty() : tensor<4x64xf32>
// CHECK: fpx_fusion.group loop ins(%{{.*}}) : (tensor<4x64xf32>) -> tensor<4x64xf32>
// CHECK: math.exp
// CHECK: fpx.qmatmul %{{.*}} {packing = {{.*}}} : (tensor<4x64xf32>, tensor<1536xi32>, tensor<96xf16>) -> tensor<4x96xf32>
// CHECK-NOT: fpx.dispatch
// CHECK: return
func.func @no_launch(%x: tensor<4x64xf32>, %w: tensor<1536xi32>, %s: tensor<96xf16>) -> tensor<4x96xf32> {
  %y = fpx_fusion.group loop ins(%x) : (tensor<4x64xf32>) -> tensor<4x64xf32> {
  ^bb0(%a: tensor<4x64xf32>):
    %n = math.exp %a : tensor<4x64xf32>
    fpx_fusion.yield %n : tensor<4x64xf32>
  }
  %z = fpx.qmatmul %y, %w, %s {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<4x64xf32>, tensor<1536xi32>, tensor<96xf16>) -> tensor<4x96xf32>
  return %z : tensor<4x96xf32>
}
