// RUN: fpx-opt %s --fpx-gpu-loop-kernels -split-input-file -verify-diagnostics
// RUN: not fpx-opt %s --fpx-gpu-loop-kernels="block-size=48" -split-input-file -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BLOCK48
// RUN: not fpx-opt %s --fpx-gpu-loop-kernels="block-size=2048" -split-input-file -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BLOCK2048

// BLOCK48: error: fpx-gpu-loop-kernels: block-size must be a multiple of 32 up to 1024, got 48{{$}}
// BLOCK2048: error: fpx-gpu-loop-kernels: block-size must be a multiple of 32 up to 1024, got 2048{{$}}

// The error names the op as written, not the linalg.generic it becomes.
func.func @dynamic_matmul(%a: memref<?x16xf16>, %b: memref<16x12xf16>, %c: memref<?x12xf32>) {
  // expected-error @+1 {{'linalg.matmul' op has dynamic loop bounds; GPU models need static shapes}}
  linalg.matmul ins(%a, %b : memref<?x16xf16>, memref<16x12xf16>) outs(%c : memref<?x12xf32>)
  return
}

// -----

func.func @dynamic_generic(%a: memref<4x?xf32>) {
  // expected-error @+1 {{'linalg.generic' op has dynamic loop bounds; GPU models need static shapes}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      outs(%a : memref<4x?xf32>) {
    ^bb0(%o: f32):
      %e = math.exp %o : f32
      linalg.yield %e : f32
  }
  return
}

// -----

func.func @dynamic_copy(%a: memref<?xf32>, %c: memref<?xf32>) {
  // expected-error @+1 {{'memref.copy' op has dynamic shapes; GPU models need static shapes}}
  memref.copy %a, %c : memref<?xf32> to memref<?xf32>
  return
}

// -----

func.func @dynamic_dispatch(%a: memref<?x64xf16>, %o: memref<4x64xf16>) {
  // expected-error @+1 {{'fpx.dispatch' op has an operand of dynamic shape 'memref<?x64xf16>'; GPU models need static shapes}}
  fpx.dispatch "fusion" ins(%a : memref<?x64xf16>) outs(%o : memref<4x64xf16>) {launch = {kernel = "k"}}
  return
}

// -----

// Every d1 iteration of a row would write the row's element: a race.
func.func @output_misses_parallel_loop(%a: memref<4x8xf32>, %c: memref<4xf32>) {
  // expected-error @+1 {{'linalg.generic' op writes output #0 through affine_map<(d0, d1) -> (d0)>, which does not give each parallel iteration its own element; no GPU kernel for it}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<4x8xf32>) outs(%c : memref<4xf32>) {
    ^bb0(%x: f32, %o: f32):
      linalg.yield %x : f32
  }
  return
}

// -----

// The second output is the one at fault (operand #2).
func.func @second_output_diagonal(%a: memref<4x4xf32>, %c: memref<4x4xf32>, %d: memref<4x4xf32>) {
  // expected-error @+1 {{writes output #1 through affine_map<(d0, d1) -> (d0, d0)>}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d0)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<4x4xf32>) outs(%c, %d : memref<4x4xf32>, memref<4x4xf32>) {
    ^bb0(%x: f32, %o: f32, %p: f32):
      linalg.yield %x, %x : f32, f32
  }
  return
}

// -----

func.func @on_tensors(%a: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  // expected-error @+1 {{'linalg.copy' op is still on tensors; fpx-gpu-loop-kernels runs after bufferization}}
  %r = linalg.copy ins(%a : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
