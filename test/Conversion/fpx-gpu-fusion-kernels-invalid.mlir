// RUN: fpx-opt %s --fpx-gpu-fusion-kernels -split-input-file -verify-diagnostics
// RUN: not fpx-opt %S/fpx-gpu-fusion-kernels.mlir --fpx-gpu-fusion-kernels="threads-per-row=48" -o /dev/null 2>&1 | FileCheck %s --check-prefix=POW2

// POW2: error: fusion kernel: threads per row must be a power of two up to 1024

// Groups the kernel generator does not handle are rejected on the op at
// fault, never miscompiled.

#id = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @column_reduction(%x: tensor<8x16xf32>) -> tensor<16xf32> {
  %r = fpx_fusion.group input ins(%x) : (tensor<8x16xf32>) -> tensor<16xf32> {
  ^bb0(%a: tensor<8x16xf32>):
    %e = tensor.empty() : tensor<16xf32>
    // expected-error @+1 {{fusion kernel: only reductions over the innermost loop (a row) are supported}}
    %s = linalg.generic {indexing_maps = [#id, #col], iterator_types = ["reduction", "parallel"]}
        ins(%a : tensor<8x16xf32>) outs(%e : tensor<16xf32>) {
      ^bb0(%v: f32, %acc: f32):
        %y = arith.addf %v, %acc : f32
        linalg.yield %y : f32
    } -> tensor<16xf32>
    fpx_fusion.yield %s : tensor<16xf32>
  }
  return %r : tensor<16xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>
func.func @transpose_inside(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = fpx_fusion.group loop ins(%x) : (tensor<8x8xf32>) -> tensor<8x8xf32> {
  ^bb0(%a: tensor<8x8xf32>):
    %e = tensor.empty() : tensor<8x8xf32>
    %n = math.exp %a : tensor<8x8xf32>
    // expected-error @+1 {{fusion kernel: a row-sized value must be read element by element (identity map); transposes and shifts inside a group are not supported}}
    %t = linalg.generic {indexing_maps = [#t, #id], iterator_types = ["parallel", "parallel"]}
        ins(%n : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
      ^bb0(%v: f32, %o: f32):
        linalg.yield %v : f32
    } -> tensor<8x8xf32>
    fpx_fusion.yield %t : tensor<8x8xf32>
  }
  return %r : tensor<8x8xf32>
}

// -----

func.func @dense_constant(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %r = fpx_fusion.group loop ins(%x) : (tensor<4x2xf32>) -> tensor<4x2xf32> {
  ^bb0(%a: tensor<4x2xf32>):
    // expected-error @+1 {{fusion kernel: only scalar and splat constants are supported inside a group}}
    %c = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
    %s = arith.addf %a, %c : tensor<4x2xf32>
    %t = math.tanh %s : tensor<4x2xf32>
    fpx_fusion.yield %t : tensor<4x2xf32>
  }
  return %r : tensor<4x2xf32>
}

// -----

func.func @reshape_splitting_rows(%x: tensor<4x8xf32>) -> tensor<32xf32> {
  %r = fpx_fusion.group loop ins(%x) : (tensor<4x8xf32>) -> tensor<32xf32> {
  ^bb0(%a: tensor<4x8xf32>):
    %n = math.exp %a : tensor<4x8xf32>
    // expected-error @+1 {{fusion kernel: a reshape of a row-sized value must keep rows of 8 elements (or only be returned)}}
    %c = tensor.collapse_shape %n [[0, 1]] : tensor<4x8xf32> into tensor<32xf32>
    %t = math.tanh %c : tensor<32xf32>
    fpx_fusion.yield %t : tensor<32xf32>
  }
  return %r : tensor<32xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @subtracting_reduction(%x: tensor<4x8xf32>) -> tensor<4xf32> {
  %r = fpx_fusion.group input ins(%x) : (tensor<4x8xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4x8xf32>):
    %e = tensor.empty() : tensor<4xf32>
    %n = math.exp %a : tensor<4x8xf32>
    // expected-error @+1 {{fusion kernel: a reduction's payload must end in one arith.addf/mulf/maximumf/minimumf/maxnumf/minnumf of the accumulator and a value computed without it}}
    %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
        ins(%n : tensor<4x8xf32>) outs(%e : tensor<4xf32>) {
      ^bb0(%v: f32, %acc: f32):
        %y = arith.subf %acc, %v : f32
        linalg.yield %y : f32
    } -> tensor<4xf32>
    fpx_fusion.yield %s : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @integer_reduction(%x: tensor<4x8xi32>) -> tensor<4xi32> {
  %r = fpx_fusion.group input ins(%x) : (tensor<4x8xi32>) -> tensor<4xi32> {
  ^bb0(%a: tensor<4x8xi32>):
    %e = tensor.empty() : tensor<4xi32>
    %n = arith.muli %a, %a : tensor<4x8xi32>
    // expected-error @+1 {{fusion kernel: a reduction's payload must end in one}}
    %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
        ins(%n : tensor<4x8xi32>) outs(%e : tensor<4xi32>) {
      ^bb0(%v: i32, %acc: i32):
        %y = arith.addi %v, %acc : i32
        linalg.yield %y : i32
    } -> tensor<4xi32>
    fpx_fusion.yield %s : tensor<4xi32>
  }
  return %r : tensor<4xi32>
}

// -----

func.func @different_spaces(%x: tensor<4x8xf32>, %y: tensor<8x4xf32>) -> (tensor<4x8xf32>, tensor<8x4xf32>) {
  %r:2 = fpx_fusion.group loop ins(%x, %y) : (tensor<4x8xf32>, tensor<8x4xf32>) -> (tensor<4x8xf32>, tensor<8x4xf32>) {
  ^bb0(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>):
    // expected-note @+1 {{reference op}}
    %n = math.exp %a : tensor<4x8xf32>
    // expected-error @+1 {{fusion kernel: iteration space does not match the group's 4 rows of 8 elements}}
    %m = math.exp %b : tensor<8x4xf32>
    fpx_fusion.yield %n, %m : tensor<4x8xf32>, tensor<8x4xf32>
  }
  return %r#0, %r#1 : tensor<4x8xf32>, tensor<8x4xf32>
}

// -----

func.func @unsupported_op(%x: tensor<4x8xf32>) -> tensor<4x4xf32> {
  %r = fpx_fusion.group loop ins(%x) : (tensor<4x8xf32>) -> tensor<4x4xf32> {
  ^bb0(%a: tensor<4x8xf32>):
    %n = math.exp %a : tensor<4x8xf32>
    // expected-error @+1 {{fusion kernel: 'tensor.extract_slice' is not supported inside a group}}
    %i = tensor.extract_slice %n[0, 2] [4, 4] [1, 1] : tensor<4x8xf32> to tensor<4x4xf32>
    %t = math.tanh %i : tensor<4x4xf32>
    fpx_fusion.yield %t : tensor<4x4xf32>
  }
  return %r : tensor<4x4xf32>
}
