// RUN: fpx-opt %s --fpx-gpu-loop-kernels | FileCheck %s
// RUN: fpx-opt %s --fpx-gpu-loop-kernels="block-size=64" | FileCheck %s --check-prefix=B64
// RUN: fpx-opt %s --fpx-gpu-loop-kernels="block-size=1024" | FileCheck %s --check-prefix=B1024

// Every linalg op and memref.copy on buffers becomes a gpu.launch with one
// thread per point of its parallel loops: threads = min(block-size, points
// rounded up to a warp), grid = ceil(points / threads). Thread
// blockIdx.x * threads + threadIdx.x, if below the number of points, is
// delinearized row-major (the last parallel loop fastest).

// 4 x 100 = 400 points: 2 blocks of 256 threads; 7 of 64; 1 of 416.
// CHECK-LABEL: func.func @elementwise
// CHECK-SAME: (%[[A:[^:]*]]: memref<4x100xf32>, %[[B:[^:]*]]: memref<100xf32>, %[[C:[^:]*]]: memref<4x100xf32>)
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[THREADS:.*]] = arith.constant 256 : index
// CHECK-DAG: %[[GRID:.*]] = arith.constant 2 : index
// CHECK: gpu.launch blocks(%[[BX:[^,]*]], %{{[^,]*}}, %{{[^)]*}}) in (%{{[^ ]*}} = %[[GRID]], %{{[^ ]*}} = %[[ONE]], %{{[^ ]*}} = %[[ONE]]) threads(%[[TX:[^,]*]], %{{[^,]*}}, %{{[^)]*}}) in (%{{[^ ]*}} = %[[THREADS]], %{{[^ ]*}} = %[[ONE]], %{{[^ ]*}} = %[[ONE]])
// CHECK: %[[T:.*]] = arith.constant 256 : index
// CHECK: %[[BASE:.*]] = arith.muli %[[BX]], %[[T]] : index
// CHECK: %[[LIN:.*]] = arith.addi %[[BASE]], %[[TX]] : index
// CHECK: %[[N:.*]] = arith.constant 400 : index
// CHECK: %[[IN:.*]] = arith.cmpi ult, %[[LIN]], %[[N]] : index
// CHECK: scf.if %[[IN]] {
// CHECK: %[[C100:.*]] = arith.constant 100 : index
// CHECK: %[[J:.*]] = arith.remui %[[LIN]], %[[C100]] : index
// CHECK: %[[Q:.*]] = arith.divui %[[LIN]], %[[C100]] : index
// CHECK: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[I:.*]] = arith.remui %[[Q]], %[[C4]] : index
// CHECK-NOT: scf.for
// CHECK: %[[X:.*]] = memref.load %[[A]][%[[I]], %[[J]]] : memref<4x100xf32>
// CHECK: %[[Y:.*]] = memref.load %[[B]][%[[J]]] : memref<100xf32>
// CHECK: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK: memref.store %[[S]], %[[C]][%[[I]], %[[J]]] : memref<4x100xf32>
// CHECK-NEXT: }
// CHECK-NEXT: gpu.terminator
// CHECK-NOT: linalg.generic
// CHECK: return
// B64-LABEL: func.func @elementwise
// B64-DAG: %[[ONE:.*]] = arith.constant 1 : index
// B64-DAG: %[[THREADS:.*]] = arith.constant 64 : index
// B64-DAG: %[[GRID:.*]] = arith.constant 7 : index
// B64: gpu.launch blocks({{.*}}) in (%{{[^ ]*}} = %[[GRID]], %{{[^ ]*}} = %[[ONE]], %{{[^ ]*}} = %[[ONE]]) threads({{.*}}) in (%{{[^ ]*}} = %[[THREADS]], %{{[^ ]*}} = %[[ONE]], %{{[^ ]*}} = %[[ONE]])
// B64: arith.constant 64 : index
// B64-NEXT: arith.muli
// B64: arith.constant 400 : index
// B1024-LABEL: func.func @elementwise
// B1024: %[[THREADS:.*]] = arith.constant 416 : index
// B1024: gpu.launch blocks({{.*}}) in (%{{[^ ]*}} = %c1{{(_[0-9]+)?}}, {{.*}}) threads({{.*}}) in (%{{[^ ]*}} = %[[THREADS]],
func.func @elementwise(%a: memref<4x100xf32>, %b: memref<100xf32>, %c: memref<4x100xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : memref<4x100xf32>, memref<100xf32>) outs(%c : memref<4x100xf32>) {
    ^bb0(%x: f32, %y: f32, %o: f32):
      %s = arith.addf %x, %y : f32
      linalg.yield %s : f32
  }
  return
}

// A named op is generalized first. The reduction loop runs in the thread,
// the accumulator (starting from the output's value) carried in iter_args.
// 8 x 12 = 96 points: one block of 96 threads.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:[^:]*]]: memref<8x16xf16>, %[[B:[^:]*]]: memref<16x12xf16>, %[[C:[^:]*]]: memref<8x12xf32>)
// CHECK: %[[THREADS:.*]] = arith.constant 96 : index
// CHECK: gpu.launch blocks({{.*}}) in (%{{[^ ]*}} = %c1{{(_[0-9]+)?}}, {{.*}}) threads({{.*}}) in (%{{[^ ]*}} = %[[THREADS]],
// CHECK: %[[LIN:.*]] = arith.addi
// CHECK: arith.cmpi ult, %[[LIN]], %{{.*}} : index
// CHECK: scf.if
// CHECK: %[[J:.*]] = arith.remui %[[LIN]], %{{.*}} : index
// CHECK: %[[Q:.*]] = arith.divui %[[LIN]], %{{.*}} : index
// CHECK: %[[I:.*]] = arith.remui %[[Q]], %{{.*}} : index
// CHECK: %[[INIT:.*]] = memref.load %[[C]][%[[I]], %[[J]]] : memref<8x12xf32>
// CHECK: %[[K16:.*]] = arith.constant 16 : index
// CHECK: %[[SUM:.*]] = scf.for %[[K:.*]] = %{{.*}} to %[[K16]] step %{{.*}} iter_args(%[[ACC:.*]] = %[[INIT]]) -> (f32) {
// CHECK: %[[X:.*]] = memref.load %[[A]][%[[I]], %[[K]]] : memref<8x16xf16>
// CHECK: %[[Y:.*]] = memref.load %[[B]][%[[K]], %[[J]]] : memref<16x12xf16>
// CHECK: %[[XF:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK: %[[YF:.*]] = arith.extf %[[Y]] : f16 to f32
// CHECK: %[[P:.*]] = arith.mulf %[[XF]], %[[YF]] : f32
// CHECK: %[[NEXT:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK: scf.yield %[[NEXT]] : f32
// CHECK: memref.store %[[SUM]], %[[C]][%[[I]], %[[J]]] : memref<8x12xf32>
// CHECK-NOT: linalg.matmul
// CHECK: return
func.func @matmul(%a: memref<8x16xf16>, %b: memref<16x12xf16>, %c: memref<8x12xf32>) {
  linalg.matmul ins(%a, %b : memref<8x16xf16>, memref<16x12xf16>) outs(%c : memref<8x12xf32>)
  return
}

// A scalar input is used as it is. 15 points: one warp.
// CHECK-LABEL: func.func @fill
// CHECK-SAME: (%[[C:[^:]*]]: memref<3x5xf16>, %[[V:[^:]*]]: f16)
// CHECK: %[[THREADS:.*]] = arith.constant 32 : index
// CHECK: gpu.launch blocks({{.*}}) in (%{{[^ ]*}} = %c1{{(_[0-9]+)?}}, {{.*}}) threads({{.*}}) in (%{{[^ ]*}} = %[[THREADS]],
// CHECK: arith.constant 15 : index
// CHECK: scf.if
// CHECK: %[[J:.*]] = arith.remui
// CHECK: %[[I:.*]] = arith.remui
// CHECK: memref.store %[[V]], %[[C]][%[[I]], %[[J]]] : memref<3x5xf16>
// CHECK-NOT: linalg.fill
// CHECK: return
func.func @fill(%c: memref<3x5xf16>, %v: f16) {
  linalg.fill ins(%v : f16) outs(%c : memref<3x5xf16>)
  return
}

// memref.copy: 1000 points, 4 blocks of 256.
// CHECK-LABEL: func.func @copy
// CHECK-SAME: (%[[A:[^:]*]]: memref<1000xf32>, %[[C:[^:]*]]: memref<1000xf32>)
// CHECK-DAG: %[[THREADS:.*]] = arith.constant 256 : index
// CHECK-DAG: %[[GRID:.*]] = arith.constant 4 : index
// CHECK: gpu.launch blocks({{.*}}) in (%{{[^ ]*}} = %[[GRID]], {{.*}}) threads({{.*}}) in (%{{[^ ]*}} = %[[THREADS]],
// CHECK: arith.constant 1000 : index
// CHECK: %[[I:.*]] = arith.remui
// CHECK: %[[X:.*]] = memref.load %[[A]][%[[I]]] : memref<1000xf32>
// CHECK: memref.store %[[X]], %[[C]][%[[I]]] : memref<1000xf32>
// CHECK-NOT: memref.copy
// CHECK: return
func.func @copy(%a: memref<1000xf32>, %c: memref<1000xf32>) {
  memref.copy %a, %c : memref<1000xf32> to memref<1000xf32>
  return
}

// A transpose: threads follow the output's rows (10 x 6), the input is read
// through the permutation.
// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[A:[^:]*]]: memref<6x10xf32>, %[[C:[^:]*]]: memref<10x6xf32>)
// CHECK: %[[THREADS:.*]] = arith.constant 64 : index
// CHECK: gpu.launch blocks({{.*}}) in (%{{[^ ]*}} = %c1{{(_[0-9]+)?}}, {{.*}}) threads({{.*}}) in (%{{[^ ]*}} = %[[THREADS]],
// CHECK: %[[LIN:.*]] = arith.addi
// CHECK: arith.constant 60 : index
// CHECK: %[[C6:.*]] = arith.constant 6 : index
// CHECK: %[[J:.*]] = arith.remui %[[LIN]], %[[C6]] : index
// CHECK: %[[Q:.*]] = arith.divui %[[LIN]], %[[C6]] : index
// CHECK: %[[C10:.*]] = arith.constant 10 : index
// CHECK: %[[I:.*]] = arith.remui %[[Q]], %[[C10]] : index
// CHECK: %[[X:.*]] = memref.load %[[A]][%[[J]], %[[I]]] : memref<6x10xf32>
// CHECK: memref.store %[[X]], %[[C]][%[[I]], %[[J]]] : memref<10x6xf32>
// CHECK-NOT: linalg.transpose
// CHECK: return
func.func @transpose(%a: memref<6x10xf32>, %c: memref<10x6xf32>) {
  linalg.transpose ins(%a : memref<6x10xf32>) outs(%c : memref<10x6xf32>) permutation = [1, 0]
  return
}

// The kernels of fpx.dispatch take dense, 16-byte-aligned buffers: a
// strided view is copied to a fresh buffer before (an input) or copied back
// from it after (an output), both copies loop kernels themselves; so is a
// contiguous view whose offset is not a multiple of 16 bytes. A contiguous
// view at an aligned offset is passed as it is.
// CHECK-LABEL: func.func @dispatch_views
// CHECK: %[[STRIDED:.*]] = memref.subview {{.*}} to memref<4x64xf16, strided<[128, 1], offset: 8>>
// CHECK: %[[OUT:.*]] = memref.subview {{.*}} to memref<4x64xf16, strided<[128, 1], offset: 64>>
// CHECK: %[[ALIGNED:.*]] = memref.subview {{.*}} to memref<64xf16, strided<[1], offset: 8>>
// CHECK: %[[MISALIGNED:.*]] = memref.subview {{.*}} to memref<64xf16, strided<[1], offset: 4>>
// CHECK: %[[DENSE_IN:.*]] = memref.alloc() : memref<4x64xf16>
// CHECK: gpu.launch
// CHECK: %[[V:.*]] = memref.load %[[STRIDED]]
// CHECK: memref.store %[[V]], %[[DENSE_IN]]
// CHECK: gpu.terminator
// CHECK: %[[DENSE_MIS:.*]] = memref.alloc() : memref<64xf16>
// CHECK: gpu.launch
// CHECK: %[[W:.*]] = memref.load %[[MISALIGNED]]
// CHECK: memref.store %[[W]], %[[DENSE_MIS]]
// CHECK: gpu.terminator
// CHECK: %[[DENSE_OUT:.*]] = memref.alloc() : memref<4x64xf16>
// CHECK-NEXT: fpx.dispatch "fusion" ins(%[[DENSE_IN]], %[[ALIGNED]], %[[DENSE_MIS]] : memref<4x64xf16>, memref<64xf16, strided<[1], offset: 8>>, memref<64xf16>) outs(%[[DENSE_OUT]] : memref<4x64xf16>) {launch = {kernel = "k"}}
// CHECK: gpu.launch
// CHECK: %[[R:.*]] = memref.load %[[DENSE_OUT]]
// CHECK: memref.store %[[R]], %[[OUT]]
// CHECK: gpu.terminator
// CHECK-NOT: linalg.copy
// CHECK: return
func.func @dispatch_views(%buf: memref<4x128xf16>, %out: memref<4x128xf16>, %flat: memref<256xf16>) {
  %v = memref.subview %buf[0, 8] [4, 64] [1, 1] : memref<4x128xf16> to memref<4x64xf16, strided<[128, 1], offset: 8>>
  %o = memref.subview %out[0, 64] [4, 64] [1, 1] : memref<4x128xf16> to memref<4x64xf16, strided<[128, 1], offset: 64>>
  %a = memref.subview %flat[8] [64] [1] : memref<256xf16> to memref<64xf16, strided<[1], offset: 8>>
  %m = memref.subview %flat[4] [64] [1] : memref<256xf16> to memref<64xf16, strided<[1], offset: 4>>
  fpx.dispatch "fusion" ins(%v, %a, %m : memref<4x64xf16, strided<[128, 1], offset: 8>>, memref<64xf16, strided<[1], offset: 8>>, memref<64xf16, strided<[1], offset: 4>>)
      outs(%o : memref<4x64xf16, strided<[128, 1], offset: 64>>) {launch = {kernel = "k"}}
  return
}

// Dense operands, and dispatches on tensors, are left alone.
// CHECK-LABEL: func.func @dispatch_dense
// CHECK-NOT: memref.alloc
// CHECK-NOT: gpu.launch
// CHECK: fpx.dispatch "qmatmul" ins(%{{[^,]*}}, %{{[^ ]*}} : memref<4x64xf16>, memref<1536xi32>) outs(%{{[^ ]*}} : memref<4x96xf16>)
// CHECK-NOT: gpu.launch
// CHECK: fpx.dispatch "fusion" ins(%{{[^ ]*}} : tensor<4x64xf16>) outs(%{{[^ ]*}} : tensor<4x64xf16>)
// CHECK-NOT: gpu.launch
// CHECK: return
func.func @dispatch_dense(%x: memref<4x64xf16>, %w: memref<1536xi32>, %y: memref<4x96xf16>, %t: tensor<4x64xf16>) -> tensor<4x64xf16> {
  fpx.dispatch "qmatmul" ins(%x, %w : memref<4x64xf16>, memref<1536xi32>) outs(%y : memref<4x96xf16>) {launch = {kernel = "q"}}
  %r = fpx.dispatch "fusion" ins(%t : tensor<4x64xf16>) outs(%t : tensor<4x64xf16>) {launch = {kernel = "k"}} -> tensor<4x64xf16>
  return %r : tensor<4x64xf16>
}
