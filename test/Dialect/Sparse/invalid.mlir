// RUN: fpx-opt %s -split-input-file -verify-diagnostics

func.func @offsets(%o: tensor<8xi32>, %v: tensor<10xf16>, %l: tensor<10xi16>) {
  // expected-error @+1 {{expects 9 tile offsets (one per tile plus the end)}}
  %w = fpx_sparse.assemble %o, %v, %l : tensor<8xi32>, tensor<10xf16>, tensor<10xi16>
      -> !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 10>
  return
}

// -----

func.func @nnz(%o: tensor<9xi32>, %v: tensor<11xf16>, %l: tensor<11xi16>) {
  // expected-error @+1 {{expects 10 values and locations (nnz), got 11}}
  %w = fpx_sparse.assemble %o, %v, %l : tensor<9xi32>, tensor<11xf16>, tensor<11xi16>
      -> !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 10>
  return
}

// -----

func.func @value_type(%o: tensor<9xi32>, %v: tensor<10xbf16>, %l: tensor<10xi16>) {
  // expected-error @+1 {{values of type 'bf16' do not match the weight's element type 'f16'}}
  %w = fpx_sparse.assemble %o, %v, %l : tensor<9xi32>, tensor<10xbf16>, tensor<10xi16>
      -> !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 10>
  return
}

// -----

// expected-error @+1 {{tile of 512x256 is invalid: both sizes must be positive and a tile may hold at most 65536 elements (16-bit locations)}}
func.func @big_tile(%w: !fpx_sparse.tiled_csl<1024x1024xf16, tile = 512x256, nnz = 10>) {
  return
}

// -----

// expected-error @+1 {{tiled_csl element type must be f16 or bf16, got 'f32'}}
func.func @elem(%w: !fpx_sparse.tiled_csl<64x64xf32, tile = 64x64, nnz = 10>) {
  return
}

// -----

// expected-error @+1 {{nnz = 5000 must lie in [0, 4096] for a 64x64 weight}}
func.func @too_many(%w: !fpx_sparse.tiled_csl<64x64xf16, tile = 64x64, nnz = 5000>) {
  return
}

// -----

// expected-error @+1 {{tiled_csl needs a positive shape, got 0x64}}
func.func @empty(%w: !fpx_sparse.tiled_csl<0x64xf16, tile = 64x64, nnz = 0>) {
  return
}

// -----

func.func @spmm_k(%x: tensor<16x64xf16>, %w: !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 10>) {
  // expected-error @+1 {{input reduction size K = 64 does not match the weight's K = 128}}
  %y = fpx_sparse.spmm %x, %w : tensor<16x64xf16>, !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 10> -> tensor<16x256xf16>
  return
}

// -----

func.func @spmm_n(%x: tensor<16x128xf16>, %w: !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 10>) {
  // expected-error @+1 {{result's last dimension N = 128 does not match the weight's N = 256}}
  %y = fpx_sparse.spmm %x, %w : tensor<16x128xf16>, !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 10> -> tensor<16x128xf16>
  return
}

// -----

func.func @spmm_input_type(%x: tensor<16x128xbf16>, %w: !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 10>) {
  // expected-error @+1 {{input element type 'bf16' must match the weight's 'f16'}}
  %y = fpx_sparse.spmm %x, %w : tensor<16x128xbf16>, !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 10> -> tensor<16x256xf16>
  return
}

// -----

func.func @spmm_result_type(%x: tensor<16x128xf16>, %w: !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 10>) {
  // expected-error @+1 {{result element type must be 'f16' or f32, got 'bf16'}}
  %y = fpx_sparse.spmm %x, %w : tensor<16x128xf16>, !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 10> -> tensor<16x256xbf16>
  return
}

// -----

// expected-error @+1 {{expected a 2-D weight shape (N x K), got 3 dimensions}}
func.func @shape_rank(%w: !fpx_sparse.tiled_csl<2x64x64xf16, tile = 64x64, nnz = 0>) {
  return
}
