// Quantizes a random 64x96 weight (K = 64, N = 96 output channels), marked
// as a run-time weight argument, and runs the CPU reference path (the scales
// are searched at run time by fpxQuantizeF32, as the compiler would). The
// relative error ||y_q - y|| / ||y|| against the unquantized layer must match
// the independent double-precision reference of
// Inputs/quantized_linear_reference.py to about 4 digits (fp6 0.04189,
// fp4 0.08464, fp4 with groups of 16 0.08202; with absmax / max scales they
// were 0.04925, 0.10026, 0.10022). Truncating instead of rounding doubles the
// error; a scale too small by 2x saturates (fp6 0.121, fp4 0.193); for fp4 a
// scale 2x too large gives 0.1068, absmax scales 0.1003.
//
// RUN: fpx-opt %s --fpx-quantize-weights="format=fp6 skip=reference" --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_c_runner_utils,%fpx_cpu_runtime \
// RUN: | FileCheck %s --check-prefix=FP6
// RUN: fpx-opt %s --fpx-quantize-weights="format=fp4 skip=reference layout=row_major" --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_c_runner_utils,%fpx_cpu_runtime \
// RUN: | FileCheck %s --check-prefix=FP4
// RUN: fpx-opt %s --fpx-quantize-weights="format=fp4 skip=reference group-size=16" --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_c_runner_utils,%fpx_cpu_runtime \
// RUN: | FileCheck %s --check-prefix=FP4G

// FP6: relative error 0.0418{{[7-9][0-9]*$}}
// FP4: relative error 0.0846{{[2-5][0-9]*$}}
// FP4G: relative error 0.0820{{[0-3][0-9]*$}}

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#scalar2 = affine_map<(d0, d1) -> ()>

// Uniform values in [-1, 1) from a 32-bit integer hash of (seed, index).
func.func @random(%rows: index, %cols: index, %seed: i32) -> tensor<?x?xf32> {
  %empty = tensor.empty(%rows, %cols) : tensor<?x?xf32>
  %r = linalg.generic {indexing_maps = [#id2], iterator_types = ["parallel", "parallel"]}
      outs(%empty : tensor<?x?xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %row = arith.muli %i, %cols : index
    %lin = arith.addi %row, %j : index
    %l = arith.index_cast %lin : index to i32
    %m1 = arith.constant -1640531535 : i32
    %a = arith.muli %l, %m1 : i32
    %b = arith.xori %a, %seed : i32
    %c16 = arith.constant 16 : i32
    %s1 = arith.shrui %b, %c16 : i32
    %c = arith.xori %b, %s1 : i32
    %m2 = arith.constant 73244475 : i32
    %d = arith.muli %c, %m2 : i32
    %s2 = arith.shrui %d, %c16 : i32
    %e = arith.xori %d, %s2 : i32
    %c8 = arith.constant 8 : i32
    %top = arith.shrui %e, %c8 : i32
    %f = arith.uitofp %top : i32 to f32
    %scale = arith.constant 1.1920929e-07 : f32
    %u = arith.mulf %f, %scale : f32
    %one = arith.constant 1.0 : f32
    %v = arith.subf %u, %one : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

func.func @quantized(%x: tensor<8x64xf32>, %w: tensor<64x96xf32> {fpx.weight}) -> tensor<8x96xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x96xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<8x96xf32>) -> tensor<8x96xf32>
  %y = linalg.matmul ins(%x, %w : tensor<8x64xf32>, tensor<64x96xf32>)
                     outs(%acc : tensor<8x96xf32>) -> tensor<8x96xf32>
  return %y : tensor<8x96xf32>
}

func.func @reference(%x: tensor<8x64xf32>, %w: tensor<64x96xf32> {fpx.weight}) -> tensor<8x96xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x96xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<8x96xf32>) -> tensor<8x96xf32>
  %y = linalg.matmul ins(%x, %w : tensor<8x64xf32>, tensor<64x96xf32>)
                     outs(%acc : tensor<8x96xf32>) -> tensor<8x96xf32>
  return %y : tensor<8x96xf32>
}

// ||a - b|| / ||b|| (Frobenius).
func.func @relative_error(%a: tensor<8x96xf32>, %b: tensor<8x96xf32>) -> f32 {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %sums:2 = linalg.generic {indexing_maps = [#id2, #id2, #scalar2, #scalar2],
                            iterator_types = ["reduction", "reduction"]}
      ins(%a, %b : tensor<8x96xf32>, tensor<8x96xf32>)
      outs(%init, %init : tensor<f32>, tensor<f32>) {
  ^bb0(%x: f32, %y: f32, %diff2: f32, %ref2: f32):
    %d = arith.subf %x, %y : f32
    %dd = arith.mulf %d, %d : f32
    %yy = arith.mulf %y, %y : f32
    %s0 = arith.addf %diff2, %dd : f32
    %s1 = arith.addf %ref2, %yy : f32
    linalg.yield %s0, %s1 : f32, f32
  } -> (tensor<f32>, tensor<f32>)
  %num = tensor.extract %sums#0[] : tensor<f32>
  %den = tensor.extract %sums#1[] : tensor<f32>
  %q = arith.divf %num, %den : f32
  %r = math.sqrt %q : f32
  return %r : f32
}

func.func @main() {
  %c8 = arith.constant 8 : index
  %c64 = arith.constant 64 : index
  %c96 = arith.constant 96 : index
  %sx = arith.constant 12345 : i32
  %sw = arith.constant 777 : i32
  %xd = call @random(%c8, %c64, %sx) : (index, index, i32) -> tensor<?x?xf32>
  %wd = call @random(%c64, %c96, %sw) : (index, index, i32) -> tensor<?x?xf32>
  %x = tensor.cast %xd : tensor<?x?xf32> to tensor<8x64xf32>
  %w = tensor.cast %wd : tensor<?x?xf32> to tensor<64x96xf32>
  %yq = call @quantized(%x, %w) : (tensor<8x64xf32>, tensor<64x96xf32>) -> tensor<8x96xf32>
  %yr = call @reference(%x, %w) : (tensor<8x64xf32>, tensor<64x96xf32>) -> tensor<8x96xf32>
  %err = call @relative_error(%yq, %yr) : (tensor<8x96xf32>, tensor<8x96xf32>) -> f32
  vector.print str "relative error "
  vector.print %err : f32
  return
}
