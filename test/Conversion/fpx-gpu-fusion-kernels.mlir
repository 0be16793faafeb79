// RUN: fpx-opt %s --fpx-gpu-fusion-kernels="report=true" --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: fpx-opt %s --fpx-gpu-fusion-kernels | FileCheck %s
// RUN: fpx-opt %s --fpx-gpu-fusion-kernels="threads-per-row=32 report=true" --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=STREAM-REPORT
// RUN: fpx-opt %s --fpx-gpu-fusion-kernels="threads-per-row=32" | FileCheck %s --check-prefix=STREAM

// One kernel per fusion group. RMSNorm over 2 rows of 4096 f16 elements:
// a row is 512 16-byte vectors, so 512 threads own one vector each; the
// f32 row sum is reduced with shuffles, then through shared memory across
// the row's 16 warps.
// REPORT: remark: fusion kernel fusion_rmsnorm_0: 2 rows x 4096 columns, 512 threads per row, 1 rows per block, 1 x 8 elements per thread, 1 reduction(s), 64 shared bytes; estimated
// The functions come first, then the kernel module after them.
// CHECK-LABEL: func.func @rmsnorm
// CHECK: fpx_fusion.group stitch
// CHECK-SAME: fpx.launch = {block_x = 512 : i64, blocks_per_row = 1 : i64, cols = 4096 : i64, estimated_us = {{.*}}, function = "rmsnorm", grid_x = 2 : i64, group = 0 : i64, kernel = "fusion_rmsnorm_0", rows = 2 : i64, shared_bytes = 64 : i64, threads_per_row = 512 : i64, vector_width = 8 : i64}
// The body is generalized; the generator records how values were passed.
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]{{.*}} {fpx_fusion.stitch = #fpx_fusion.stitch<shared>}
// CHECK-LABEL: func.func @residual
// CHECK: fpx_fusion.group loop ins(%arg0, %arg1) attributes {fpx.launch = {block_x = 256 : i64, blocks_per_row = 1 : i64, cols = 24 : i64, {{.*}}, grid_x = 10 : i64, group = 0 : i64, kernel = "fusion_residual_0", rows = 300 : i64, shared_bytes = 0 : i64, threads_per_row = 8 : i64, vector_width = 4 : i64}}
// CHECK-LABEL: func.func @reshaped_rmsnorm
// CHECK: fpx_fusion.group stitch ins(%arg0, %arg1) attributes {fpx.launch = {block_x = 128 : i64, blocks_per_row = 1 : i64, cols = 64 : i64, {{.*}}, rows = 6 : i64, shared_bytes = 0 : i64, threads_per_row = 16 : i64, vector_width = 4 : i64}}
// CHECK: gpu.module @fpx_kernels
// With 32 threads per row the 4096-element rows need 128 registers per
// thread and value: the row is streamed instead, one chunk loop for the
// reduction (the f32 partial sum carried), one recomputing and storing.
// STREAM-REPORT: remark: fusion kernel fusion_rmsnorm_0: 2 rows x 4096 columns, 32 threads per row, 1 rows per block, 16 x 8 elements per thread, 1 reduction(s), 0 shared bytes, rows streamed
// STREAM-LABEL: gpu.func @fusion_rmsnorm_0
// STREAM: %[[SUM:.*]] = scf.for %[[K:.*]] = %c0 to %c16 step %c1 iter_args(%[[ACC:.*]] = %{{.*}}) -> (f32) {
// STREAM: vector.load %arg0
// STREAM: arith.addf %[[ACC]]
// STREAM: scf.yield
// STREAM: gpu.shuffle  xor %[[SUM]]
// STREAM: scf.for
// STREAM: vector.load %arg0
// STREAM: vector.load %arg1
// STREAM: math.rsqrt
// STREAM: vector.store {{.*}}, %arg2
// STREAM: gpu.return
// CHECK-LABEL: gpu.func @fusion_rmsnorm_0
// CHECK-SAME: (%[[X:.*]]: memref<?xf16, 1>, %[[G:.*]]: memref<?xf16, 1>, %[[Y:.*]]: memref<?xf16, 1>)
// CHECK-SAME: workgroup(%[[SMEM:.*]] : memref<16xf32, #gpu.address_space<workgroup>>)
// CHECK-SAME: kernel attributes {known_block_size = array<i32: 512, 1, 1>}
// The row is loaded as 16-byte vectors up front; gamma, the same for every
// row, only where it is used (after the reduction).
// CHECK: vector.load %[[X]][{{.*}}] {alignment = 16 : i64} : memref<?xf16, 1>, vector<8xf16>
// CHECK: arith.extf {{.*}} : f16 to f32
// CHECK-COUNT-5: gpu.shuffle  xor
// CHECK: memref.store {{.*}}, %[[SMEM]]
// CHECK: gpu.barrier
// CHECK-COUNT-16: memref.load %[[SMEM]]
// CHECK: vector.load %[[G]][{{.*}}] {alignment = 16 : i64} : memref<?xf16, 1>, vector<8xf16>
// CHECK: math.rsqrt
// CHECK: vector.from_elements {{.*}} : vector<8xf16>
// CHECK: vector.store {{.*}}, %[[Y]][{{.*}}] {alignment = 16 : i64}
// CHECK: gpu.return
func.func @rmsnorm(%x: tensor<2x4096xf16>, %g: tensor<4096xf16>) -> tensor<2x4096xf16> {
  %y = fpx_fusion.group stitch ins(%x, %g) : (tensor<2x4096xf16>, tensor<4096xf16>) -> tensor<2x4096xf16> {
  ^bb0(%a: tensor<2x4096xf16>, %w: tensor<4096xf16>):
    %e = tensor.empty() : tensor<2x4096xf16>
    %er = tensor.empty() : tensor<2xf32>
    %zero = arith.constant 0.0 : f32
    %init = linalg.fill ins(%zero : f32) outs(%er : tensor<2xf32>) -> tensor<2xf32>
    %ss = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                          iterator_types = ["parallel", "reduction"]}
        ins(%a : tensor<2x4096xf16>) outs(%init : tensor<2xf32>) {
      ^bb0(%v: f16, %acc: f32):
        %f = arith.extf %v : f16 to f32
        %sq = arith.mulf %f, %f : f32
        %s = arith.addf %sq, %acc : f32
        linalg.yield %s : f32
    } -> tensor<2xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>,
                                          affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%a, %ss, %w : tensor<2x4096xf16>, tensor<2xf32>, tensor<4096xf16>) outs(%e : tensor<2x4096xf16>) {
      ^bb0(%v: f16, %s: f32, %gw: f16, %o: f16):
        %n = arith.constant 2.44140625e-04 : f32
        %eps = arith.constant 1.0e-05 : f32
        %m = arith.mulf %s, %n : f32
        %me = arith.addf %m, %eps : f32
        %r = math.rsqrt %me : f32
        %f = arith.extf %v : f16 to f32
        %gf = arith.extf %gw : f16 to f32
        %p = arith.mulf %f, %r : f32
        %q = arith.mulf %p, %gf : f32
        %t = arith.truncf %q : f32 to f16
        linalg.yield %t : f16
    } -> tensor<2x4096xf16>
    fpx_fusion.yield %y : tensor<2x4096xf16>
  }
  return %y : tensor<2x4096xf16>
}

// Named ops and elementwise ops on tensors are generalized first. 300 rows
// of 24 f32 elements: 4-wide vectors, 6 per row; 8 threads per row (the
// last two idle, their chunk predicated), 32 rows per block, and the 300th
// row ends a block early. No reduction: no shared memory.
// REPORT: remark: fusion kernel fusion_residual_0: 300 rows x 24 columns, 8 threads per row, 32 rows per block, 1 x 4 elements per thread, 0 reduction(s), 0 shared bytes
// CHECK-LABEL: gpu.func @fusion_residual_0
// CHECK-SAME: (%[[A:.*]]: memref<?xf32, 1>, %[[B:.*]]: memref<?xf32, 1>, %[[R:.*]]: memref<?xf32, 1>) kernel
// CHECK-NOT: gpu.barrier
// CHECK: arith.cmpi ult, %{{.*}}, %c300
// CHECK: arith.minui
// CHECK: vector.load %[[A]]
// CHECK: vector.load %[[B]]
// CHECK: math.tanh
// CHECK: scf.if
// CHECK: vector.store {{.*}}, %[[R]]
func.func @residual(%a: tensor<300x24xf32>, %b: tensor<300x24xf32>) -> tensor<300x24xf32> {
  %r = fpx_fusion.group loop ins(%a, %b) : (tensor<300x24xf32>, tensor<300x24xf32>) -> tensor<300x24xf32> {
  ^bb0(%x: tensor<300x24xf32>, %y: tensor<300x24xf32>):
    %e = tensor.empty() : tensor<300x24xf32>
    %s = linalg.add ins(%x, %y : tensor<300x24xf32>, tensor<300x24xf32>) outs(%e : tensor<300x24xf32>) -> tensor<300x24xf32>
    %t = math.tanh %s : tensor<300x24xf32>
    fpx_fusion.yield %t : tensor<300x24xf32>
  }
  return %r : tensor<300x24xf32>
}

// RMSNorm as the ONNX importer writes it: the input is viewed as 6 x 64 by
// a reshape, the row sums are expanded to [2, 3, 1] and broadcast through a
// constant-0 index, and the result is collapsed again. Reshapes keep the
// row-major order: views of inputs only change the address arithmetic
// (delinearized per outer shape), per-row and row-sized values keep their
// registers.
// REPORT: remark: fusion kernel fusion_reshaped_rmsnorm_0: 6 rows x 64 columns, 16 threads per row, 8 rows per block, 1 x 4 elements per thread, 1 reduction(s), 0 shared bytes
// CHECK-LABEL: gpu.func @fusion_reshaped_rmsnorm_0
// CHECK-SAME: (%[[X3:.*]]: memref<?xf32, 1>, %[[W3:.*]]: memref<?xf32, 1>, %[[Y3:.*]]: memref<?xf32, 1>)
// CHECK-COUNT-4: gpu.shuffle  xor
// CHECK-NOT: gpu.shuffle
// CHECK-NOT: gpu.barrier
// CHECK: math.rsqrt
// CHECK: vector.store {{.*}}, %[[Y3]]
#m3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#r3 = affine_map<(d0, d1, d2) -> (d0, d1)>
#b3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#c3 = affine_map<(d0, d1, d2) -> (d2)>
func.func @reshaped_rmsnorm(%x: tensor<6x64xf32>, %w: tensor<64xf32>) -> tensor<6x64xf32> {
  %r = fpx_fusion.group stitch ins(%x, %w) : (tensor<6x64xf32>, tensor<64xf32>) -> tensor<6x64xf32> {
  ^bb0(%a: tensor<6x64xf32>, %g: tensor<64xf32>):
    %a3 = tensor.expand_shape %a [[0, 1], [2]] output_shape [2, 3, 64] : tensor<6x64xf32> into tensor<2x3x64xf32>
    %e = tensor.empty() : tensor<2x3x64xf32>
    %er = tensor.empty() : tensor<2x3xf32>
    %zero = arith.constant 0.0 : f32
    %init = linalg.fill ins(%zero : f32) outs(%er : tensor<2x3xf32>) -> tensor<2x3xf32>
    %ss = linalg.generic {indexing_maps = [#m3, #r3], iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%a3 : tensor<2x3x64xf32>) outs(%init : tensor<2x3xf32>) {
      ^bb0(%v: f32, %acc: f32):
        %sq = arith.mulf %v, %v : f32
        %s = arith.addf %sq, %acc : f32
        linalg.yield %s : f32
    } -> tensor<2x3xf32>
    %ss1 = tensor.expand_shape %ss [[0], [1, 2]] output_shape [2, 3, 1] : tensor<2x3xf32> into tensor<2x3x1xf32>
    %y = linalg.generic {indexing_maps = [#m3, #b3, #c3, #m3], iterator_types = ["parallel", "parallel", "parallel"]}
        ins(%a3, %ss1, %g : tensor<2x3x64xf32>, tensor<2x3x1xf32>, tensor<64xf32>) outs(%e : tensor<2x3x64xf32>) {
      ^bb0(%v: f32, %s: f32, %gw: f32, %o: f32):
        %n = arith.constant 1.5625e-02 : f32
        %eps = arith.constant 1.0e-05 : f32
        %m = arith.mulf %s, %n : f32
        %me = arith.addf %m, %eps : f32
        %rs = math.rsqrt %me : f32
        %p = arith.mulf %v, %rs : f32
        %q = arith.mulf %p, %gw : f32
        linalg.yield %q : f32
    } -> tensor<2x3x64xf32>
    %y2 = tensor.collapse_shape %y [[0, 1], [2]] : tensor<2x3x64xf32> into tensor<6x64xf32>
    fpx_fusion.yield %y2 : tensor<6x64xf32>
  }
  return %r : tensor<6x64xf32>
}

// A decode step's few rows without a reduction: each 8192-wide row is spread
// over 8 blocks of 128 threads (16 blocks in all instead of 2), block b
// covering part b % 8 of row b / 8.
// REPORT: remark: fusion kernel fusion_spread_0: 2 rows x 8192 columns, 128 threads per row in each of 8 blocks, 1 rows per block, 1 x 8 elements per thread, 0 reduction(s)
// CHECK-LABEL: gpu.func @fusion_spread_0
// CHECK-SAME: known_block_size = array<i32: 128, 1, 1>
// CHECK: %[[BID:.*]] = gpu.block_id  x
// CHECK: %[[PART:.*]] = arith.remui %[[BID]], %c8
// CHECK: arith.muli %[[PART]], %c128
// CHECK: arith.divui %[[BID]], %c8
// CHECK: vector.load
// CHECK: math.tanh
// CHECK: vector.store
func.func @spread(%a: tensor<2x8192xf16>) -> tensor<2x8192xf16> {
  %r = fpx_fusion.group loop ins(%a) : (tensor<2x8192xf16>) -> tensor<2x8192xf16> {
  ^bb0(%x: tensor<2x8192xf16>):
    %t = math.tanh %x : tensor<2x8192xf16>
    %s = arith.addf %t, %x : tensor<2x8192xf16>
    fpx_fusion.yield %s : tensor<2x8192xf16>
  }
  return %r : tensor<2x8192xf16>
}

// A causal mask computed from the loop indices, returned as i1 and used by
// a select. LLVM packs a vector<N x i1> into bits while a buffer of i1 holds
// a byte per element, so i1 rows are stored element by element.
// REPORT: remark: fusion kernel fusion_causal_mask_0: 8 rows x 16 columns
// CHECK-LABEL: gpu.func @fusion_causal_mask_0
// CHECK-SAME: (%[[X4:.*]]: memref<?xf16, 1>, %[[MASK4:.*]]: memref<?xi1, 1>, %[[Y4:.*]]: memref<?xf16, 1>)
// CHECK-NOT: xi1>
// CHECK: %[[LE4:.*]] = arith.cmpi ule, %{{.*}}, %{{.*}} : index
// CHECK-NOT: xi1>
// CHECK: memref.store %[[LE4]], %[[MASK4]][%{{.*}}] : memref<?xi1, 1>
// CHECK-NOT: xi1>
// CHECK: gpu.return
func.func @causal_mask(%x: tensor<8x16xf16>) -> (tensor<8x16xi1>, tensor<8x16xf16>) {
  %m:2 = fpx_fusion.group loop ins(%x) : (tensor<8x16xf16>) -> (tensor<8x16xi1>, tensor<8x16xf16>) {
  ^bb0(%a: tensor<8x16xf16>):
    %e = tensor.empty() : tensor<8x16xi1>
    %ef = tensor.empty() : tensor<8x16xf16>
    %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
        outs(%e : tensor<8x16xi1>) {
      ^bb0(%o: i1):
        %i = linalg.index 0 : index
        %j = linalg.index 1 : index
        %le = arith.cmpi ule, %j, %i : index
        linalg.yield %le : i1
    } -> tensor<8x16xi1>
    %neg = arith.constant -6.0e+04 : f16
    %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%c, %a : tensor<8x16xi1>, tensor<8x16xf16>) outs(%ef : tensor<8x16xf16>) {
      ^bb0(%k: i1, %v: f16, %o: f16):
        %s = arith.select %k, %v, %neg : f16
        linalg.yield %s : f16
    } -> tensor<8x16xf16>
    fpx_fusion.yield %c, %y : tensor<8x16xi1>, tensor<8x16xf16>
  }
  return %m#0, %m#1 : tensor<8x16xi1>, tensor<8x16xf16>
}

// A causal mask on loop indices: the scores reach the result only through
// the select's false arm, so a chunk whose 4 columns are all past the
// diagonal is not loaded (a zero vector stands in; the select discards
// it). The condition is evaluated per column of the chunk before the load.
// CHECK-LABEL: gpu.func @fusion_causal_scores_0
// CHECK-SAME: (%[[S:.*]]: memref<?xf16, 1>, %[[P:.*]]: memref<?xf32, 1>)
// CHECK-COUNT-4: arith.cmpi ugt
// CHECK: %[[NEEDED:.*]] = arith.ori
// CHECK: %[[CHUNK:.*]] = scf.if %[[NEEDED]] -> (vector<4xf16>) {
// CHECK-NEXT: arith.addi
// CHECK-NEXT: %[[LOADED:.*]] = vector.load %[[S]]
// CHECK-NEXT: scf.yield %[[LOADED]]
// CHECK-NEXT: } else {
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<4xf16>
// CHECK-NEXT: scf.yield %[[ZERO]]
// CHECK: vector.extract %[[CHUNK]][0]
// CHECK: arith.select
// CHECK: gpu.shuffle  xor
// CHECK: math.exp
// CHECK: gpu.return
func.func @causal_scores(%x: tensor<16x64xf16>) -> tensor<16x64xf32> {
  %r = fpx_fusion.group stitch ins(%x) : (tensor<16x64xf16>) -> tensor<16x64xf32> {
  ^bb0(%a: tensor<16x64xf16>):
    %ef = tensor.empty() : tensor<16x64xf32>
    %er = tensor.empty() : tensor<16xf32>
    %masked = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                              iterator_types = ["parallel", "parallel"]}
        ins(%a : tensor<16x64xf16>) outs(%ef : tensor<16x64xf32>) {
      ^bb0(%v: f16, %o: f32):
        %ninf = arith.constant 0xFF800000 : f32
        %scale = arith.constant 0.125 : f32
        %i = linalg.index 0 : index
        %j = linalg.index 1 : index
        %off = arith.constant 48 : index
        %last = arith.addi %i, %off : index
        %future = arith.cmpi ugt, %j, %last : index
        %f = arith.extf %v : f16 to f32
        %s = arith.mulf %f, %scale : f32
        %m = arith.select %future, %ninf, %s : f32
        linalg.yield %m : f32
    } -> tensor<16x64xf32>
    %ninf = arith.constant 0xFF800000 : f32
    %init = linalg.fill ins(%ninf : f32) outs(%er : tensor<16xf32>) -> tensor<16xf32>
    %max = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                           iterator_types = ["parallel", "reduction"]}
        ins(%masked : tensor<16x64xf32>) outs(%init : tensor<16xf32>) {
      ^bb0(%v: f32, %acc: f32):
        %m = arith.maximumf %v, %acc : f32
        linalg.yield %m : f32
    } -> tensor<16xf32>
    %p = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%masked, %max : tensor<16x64xf32>, tensor<16xf32>) outs(%ef : tensor<16x64xf32>) {
      ^bb0(%v: f32, %mx: f32, %o: f32):
        %d = arith.subf %v, %mx : f32
        %e = math.exp %d : f32
        linalg.yield %e : f32
    } -> tensor<16x64xf32>
    fpx_fusion.yield %p : tensor<16x64xf32>
  }
  return %r : tensor<16x64xf32>
}

// The same scores also added to the result unmasked: every element is
// used, every chunk is loaded.
// CHECK-LABEL: gpu.func @fusion_scores_also_unmasked_0
// CHECK-NOT: scf.if {{.*}} -> (vector
// CHECK: vector.load
// CHECK-NOT: scf.if {{.*}} -> (vector
// CHECK: gpu.return
func.func @scores_also_unmasked(%x: tensor<16x64xf16>) -> tensor<16x64xf32> {
  %r = fpx_fusion.group loop ins(%x) : (tensor<16x64xf16>) -> tensor<16x64xf32> {
  ^bb0(%a: tensor<16x64xf16>):
    %ef = tensor.empty() : tensor<16x64xf32>
    %masked = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                              iterator_types = ["parallel", "parallel"]}
        ins(%a : tensor<16x64xf16>) outs(%ef : tensor<16x64xf32>) {
      ^bb0(%v: f16, %o: f32):
        %ninf = arith.constant 0xFF800000 : f32
        %i = linalg.index 0 : index
        %j = linalg.index 1 : index
        %future = arith.cmpi ugt, %j, %i : index
        %f = arith.extf %v : f16 to f32
        %m = arith.select %future, %ninf, %f : f32
        %sum = arith.addf %m, %f : f32
        linalg.yield %sum : f32
    } -> tensor<16x64xf32>
    fpx_fusion.yield %masked : tensor<16x64xf32>
  }
  return %r : tensor<16x64xf32>
}

// A gather whose index comes from loop indices alone (rotate-half: the
// partner half a head away) reads each chunk with one vector load when its
// elements turn out consecutive and aligned; otherwise scalar loads.
// CHECK-LABEL: gpu.func @fusion_rotate_half_0
// CHECK-SAME: (%[[X:.*]]: memref<?xf16, 1>, %{{.*}}: memref<?xf16, 1>)
// CHECK: arith.remui %{{.*}}, %c8
// CHECK: %[[PARTNER:.*]] = scf.if %{{.*}} -> (vector<8xf16>) {
// CHECK-NEXT: vector.load %[[X]][%{{.*}}] {alignment = 16 : i64} : memref<?xf16, 1>, vector<8xf16>
// CHECK: } else {
// CHECK-COUNT-8: memref.load %[[X]]
// CHECK: vector.from_elements
// CHECK: vector.extract %[[PARTNER]][0]
// CHECK: arith.negf
// CHECK: gpu.return
func.func @rotate_half(%x: tensor<4x128xf16>) -> tensor<4x128xf16> {
  %r = fpx_fusion.group loop ins(%x) : (tensor<4x128xf16>) -> tensor<4x128xf16> {
  ^bb0(%a: tensor<4x128xf16>):
    %e = tensor.empty() : tensor<4x128xf16>
    %rot = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
        outs(%e : tensor<4x128xf16>) {
      ^bb0(%o: f16):
        %half = arith.constant 64 : index
        %i = linalg.index 0 : index
        %j = linalg.index 1 : index
        %low = arith.cmpi ult, %j, %half : index
        %up = arith.addi %j, %half : index
        %down = arith.subi %j, %half : index
        %p = arith.select %low, %up, %down : index
        %v = tensor.extract %a[%i, %p] : tensor<4x128xf16>
        %n = arith.negf %v : f16
        %s = arith.select %low, %n, %v : f16
        linalg.yield %s : f16
    } -> tensor<4x128xf16>
    fpx_fusion.yield %rot : tensor<4x128xf16>
  }
  return %r : tensor<4x128xf16>
}
