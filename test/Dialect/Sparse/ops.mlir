// RUN: fpx-opt %s | fpx-opt | FileCheck %s
// RUN: fpx-opt %s --mlir-print-op-generic | fpx-opt | FileCheck %s

// CHECK-LABEL: func @assemble_spmm
func.func @assemble_spmm(%offsets: tensor<9xi32>, %values: tensor<3000xf16>,
                         %locations: tensor<3000xi16>, %x: tensor<16x128xf16>)
    -> (tensor<16x256xf16>, tensor<2x?x256xf32>) {
  // CHECK: %[[W:.*]] = fpx_sparse.assemble %{{.*}}, %{{.*}}, %{{.*}} : tensor<9xi32>, tensor<3000xf16>, tensor<3000xi16> -> !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 3000>
  %w = fpx_sparse.assemble %offsets, %values, %locations
      : tensor<9xi32>, tensor<3000xf16>, tensor<3000xi16>
      -> !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 3000>
  // CHECK: fpx_sparse.spmm %{{.*}}, %[[W]] : tensor<16x128xf16>, !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 3000> -> tensor<16x256xf16>
  %y = fpx_sparse.spmm %x, %w : tensor<16x128xf16>,
      !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 3000> -> tensor<16x256xf16>
  %c = arith.constant 5 : index
  %xb = tensor.empty(%c) : tensor<2x?x128xf16>
  // CHECK: fpx_sparse.spmm {{.*}} -> tensor<2x?x256xf32>
  %z = fpx_sparse.spmm %xb, %w : tensor<2x?x128xf16>,
      !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 3000> -> tensor<2x?x256xf32>
  return %y, %z : tensor<16x256xf16>, tensor<2x?x256xf32>
}

// Ragged edges: 100x70 in 64x64 tiles is 2x2 tiles.
// CHECK-LABEL: func @ragged
// CHECK-SAME: !fpx_sparse.tiled_csl<100x70xbf16, tile = 64x64, nnz = 0>
func.func @ragged(%w: !fpx_sparse.tiled_csl<100x70xbf16, tile = 64x64, nnz = 0>) {
  return
}
