// Every op of the stablehlo and chlo dialects in the form JAX prints it
// (jax.jit(f).lower(...).as_text()), printed back unchanged, also after a
// detour through the generic form.
//
// RUN: fpx-opt %s | FileCheck %s
// RUN: fpx-opt %s | fpx-opt | FileCheck %s
// RUN: fpx-opt %s --mlir-print-op-generic | fpx-opt | FileCheck %s

// CHECK-LABEL: func @elementwise
func.func @elementwise(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>, %arg2: tensor<4xi1>) -> tensor<4xf32> {
  // CHECK-NEXT: %0 = stablehlo.add %arg0, %arg1 : tensor<4xf32>
  // CHECK-NEXT: %1 = stablehlo.subtract %0, %arg1 : tensor<4xf32>
  // CHECK-NEXT: %2 = stablehlo.multiply %1, %arg1 : tensor<4xf32>
  // CHECK-NEXT: %3 = stablehlo.divide %2, %arg1 : tensor<4xf32>
  // CHECK-NEXT: %4 = stablehlo.maximum %3, %arg1 : tensor<4xf32>
  // CHECK-NEXT: %5 = stablehlo.minimum %4, %arg1 : tensor<4xf32>
  // CHECK-NEXT: %6 = stablehlo.power %5, %arg1 : tensor<4xf32>
  // CHECK-NEXT: %7 = stablehlo.negate %6 : tensor<4xf32>
  // CHECK-NEXT: %8 = stablehlo.exponential %7 : tensor<4xf32>
  // CHECK-NEXT: %9 = stablehlo.log %8 : tensor<4xf32>
  // CHECK-NEXT: %10 = stablehlo.rsqrt %9 : tensor<4xf32>
  // CHECK-NEXT: %11 = stablehlo.sqrt %10 : tensor<4xf32>
  // CHECK-NEXT: %12 = stablehlo.logistic %11 : tensor<4xf32>
  // CHECK-NEXT: %13 = stablehlo.tanh %12 : tensor<4xf32>
  // CHECK-NEXT: %14 = stablehlo.cosine %13 : tensor<4xf32>
  // CHECK-NEXT: %15 = stablehlo.sine %14 : tensor<4xf32>
  // CHECK-NEXT: %16 = chlo.erf %15 : tensor<4xf32> -> tensor<4xf32>
  // CHECK-NEXT: %17 = stablehlo.and %arg2, %arg2 : tensor<4xi1>
  // CHECK-NEXT: %18 = stablehlo.or %17, %arg2 : tensor<4xi1>
  // CHECK-NEXT: %19 = stablehlo.not %18 : tensor<4xi1>
  // CHECK-NEXT: %20 = stablehlo.select %19, %16, %arg0 : tensor<4xi1>, tensor<4xf32>
  // CHECK-NEXT: return %20 : tensor<4xf32>
  %0 = stablehlo.add %arg0, %arg1 : tensor<4xf32>
  %1 = stablehlo.subtract %0, %arg1 : tensor<4xf32>
  %2 = stablehlo.multiply %1, %arg1 : tensor<4xf32>
  %3 = stablehlo.divide %2, %arg1 : tensor<4xf32>
  %4 = stablehlo.maximum %3, %arg1 : tensor<4xf32>
  %5 = stablehlo.minimum %4, %arg1 : tensor<4xf32>
  %6 = stablehlo.power %5, %arg1 : tensor<4xf32>
  %7 = stablehlo.negate %6 : tensor<4xf32>
  %8 = stablehlo.exponential %7 : tensor<4xf32>
  %9 = stablehlo.log %8 : tensor<4xf32>
  %10 = stablehlo.rsqrt %9 : tensor<4xf32>
  %11 = stablehlo.sqrt %10 : tensor<4xf32>
  %12 = stablehlo.logistic %11 : tensor<4xf32>
  %13 = stablehlo.tanh %12 : tensor<4xf32>
  %14 = stablehlo.cosine %13 : tensor<4xf32>
  %15 = stablehlo.sine %14 : tensor<4xf32>
  %16 = chlo.erf %15 : tensor<4xf32> -> tensor<4xf32>
  %17 = stablehlo.and %arg2, %arg2 : tensor<4xi1>
  %18 = stablehlo.or %17, %arg2 : tensor<4xi1>
  %19 = stablehlo.not %18 : tensor<4xi1>
  %20 = stablehlo.select %19, %16, %arg0 : tensor<4xi1>, tensor<4xf32>
  return %20 : tensor<4xf32>
}

// The functional-type form that upstream prints when types differ, and that
// hand-written input may use throughout.
// CHECK-LABEL: func @functional_types
func.func @functional_types(%arg0: tensor<4xi32>, %arg1: tensor<i1>, %arg2: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK-NEXT: %0 = stablehlo.add %arg0, %arg0 : tensor<4xi32>
  // CHECK-NEXT: %1 = stablehlo.convert %0 : (tensor<4xi32>) -> tensor<4xf32>
  // CHECK-NEXT: %2 = stablehlo.negate %1 : tensor<4xf32>
  // CHECK-NEXT: %3 = stablehlo.select %arg1, %2, %arg2 : tensor<i1>, tensor<4xf32>
  %0 = stablehlo.add %arg0, %arg0 : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = stablehlo.convert %0 : (tensor<4xi32>) -> tensor<4xf32>
  %2 = stablehlo.negate %1 : (tensor<4xf32>) -> tensor<4xf32>
  %3 = stablehlo.select %arg1, %2, %arg2 : (tensor<i1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %3 : tensor<4xf32>
}

// CHECK-LABEL: func @compare
func.func @compare(%arg0: tensor<4xf32>, %arg1: tensor<4xi32>, %arg2: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  // CHECK-NEXT: %0 = stablehlo.compare LT, %arg0, %arg0, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK-NEXT: %1 = stablehlo.compare GE, %arg1, %arg1, SIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  // CHECK-NEXT: %2 = stablehlo.compare NE, %arg2, %arg2, UNSIGNED : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK-NEXT: %3 = stablehlo.compare EQ, %arg1, %arg1 : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %0 = stablehlo.compare LT, %arg0, %arg0, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = stablehlo.compare GE, %arg1, %arg1, SIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %2 = stablehlo.compare NE, %arg2, %arg2, UNSIGNED : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %3 = stablehlo.compare EQ, %arg1, %arg1 : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  return %0, %1, %2, %3 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// CHECK-LABEL: func @constants
func.func @constants() -> (tensor<f32>, tensor<2x2xf32>, tensor<3xi32>, tensor<2xf32>, tensor<i1>) {
  // CHECK-NEXT: %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
  // CHECK-NEXT: %cst_0 = stablehlo.constant dense<{{\[}}[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
  // CHECK-NEXT: %c = stablehlo.constant dense<[0, 1, 2]> : tensor<3xi32>
  // CHECK-NEXT: %cst_1 = stablehlo.constant dense<[1.000000e+00, -2.500000e+00]> : tensor<2xf32>
  // CHECK-NEXT: %c_2 = stablehlo.constant dense<true> : tensor<i1>
  %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
  %cst_0 = stablehlo.constant dense<[[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
  %c = stablehlo.constant dense<[0, 1, 2]> : tensor<3xi32>
  // The hex form JAX uses for large arrays: 1.0 and -2.5 as little-endian f32.
  %cst_1 = stablehlo.constant dense<"0x0000803F000020C0"> : tensor<2xf32>
  %c_2 = stablehlo.constant dense<true> : tensor<i1>
  return %cst, %cst_0, %c, %cst_1, %c_2 : tensor<f32>, tensor<2x2xf32>, tensor<3xi32>, tensor<2xf32>, tensor<i1>
}

// CHECK-LABEL: func @shapes
func.func @shapes(%arg0: tensor<4x16xf32>, %arg1: tensor<f32>, %arg2: tensor<i32>) -> tensor<4x16xf32> {
  // CHECK-NEXT: %0 = stablehlo.iota dim = 1 : tensor<4x16xi32>
  // CHECK-NEXT: %1 = stablehlo.broadcast_in_dim %arg1, dims = [] : (tensor<f32>) -> tensor<4x16xf32>
  // CHECK-NEXT: %2 = stablehlo.reshape %1 : (tensor<4x16xf32>) -> tensor<4x2x8xf32>
  // CHECK-NEXT: %3 = stablehlo.transpose %2, dims = [1, 0, 2] : (tensor<4x2x8xf32>) -> tensor<2x4x8xf32>
  // CHECK-NEXT: %4 = stablehlo.slice %arg0 [0:4, 0:16:2] : (tensor<4x16xf32>) -> tensor<4x8xf32>
  // CHECK-NEXT: %5 = stablehlo.slice %arg0 [1:3, 8:16] : (tensor<4x16xf32>) -> tensor<2x8xf32>
  // CHECK-NEXT: %6 = stablehlo.concatenate %4, %4, dim = 1 : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x16xf32>
  // CHECK-NEXT: %7 = stablehlo.dynamic_slice %6, %arg2, %arg2, sizes = [1, 16] : (tensor<4x16xf32>, tensor<i32>, tensor<i32>) -> tensor<1x16xf32>
  // CHECK-NEXT: %8 = stablehlo.dynamic_update_slice %6, %7, %arg2, %arg2 : (tensor<4x16xf32>, tensor<1x16xf32>, tensor<i32>, tensor<i32>) -> tensor<4x16xf32>
  %0 = stablehlo.iota dim = 1 : tensor<4x16xi32>
  %1 = stablehlo.broadcast_in_dim %arg1, dims = [] : (tensor<f32>) -> tensor<4x16xf32>
  %2 = stablehlo.reshape %1 : (tensor<4x16xf32>) -> tensor<4x2x8xf32>
  %3 = stablehlo.transpose %2, dims = [1, 0, 2] : (tensor<4x2x8xf32>) -> tensor<2x4x8xf32>
  %4 = stablehlo.slice %arg0 [0:4, 0:16:2] : (tensor<4x16xf32>) -> tensor<4x8xf32>
  // An explicit stride of 1 is dropped when printed.
  %5 = stablehlo.slice %arg0 [1:3:1, 8:16] : (tensor<4x16xf32>) -> tensor<2x8xf32>
  %6 = stablehlo.concatenate %4, %4, dim = 1 : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x16xf32>
  %7 = stablehlo.dynamic_slice %6, %arg2, %arg2, sizes = [1, 16] : (tensor<4x16xf32>, tensor<i32>, tensor<i32>) -> tensor<1x16xf32>
  %8 = stablehlo.dynamic_update_slice %6, %7, %arg2, %arg2 : (tensor<4x16xf32>, tensor<1x16xf32>, tensor<i32>, tensor<i32>) -> tensor<4x16xf32>
  return %8 : tensor<4x16xf32>
}

// Upstream has no custom form for gather: JAX prints it generic, with the
// attributes as properties.
// CHECK-LABEL: func @gather
func.func @gather(%arg0: tensor<32x8xf32>, %arg1: tensor<4x1xi32>, %arg2: tensor<2x3x4x2xi32>, %arg3: tensor<2x2x3x2xi64>) -> (tensor<4x8xf32>, tensor<2x2x3x2x2xi32>) {
  // CHECK-NEXT: %0 = "stablehlo.gather"(%arg0, %arg1) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  // CHECK-NEXT: %1 = "stablehlo.gather"(%arg2, %arg3) <{dimension_numbers = #stablehlo.gather<offset_dims = [3, 4], collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [1], start_index_map = [2, 1], index_vector_dim = 3>, indices_are_sorted = true, slice_sizes = array<i64: 1, 1, 2, 2>}> : (tensor<2x3x4x2xi32>, tensor<2x2x3x2xi64>) -> tensor<2x2x3x2x2xi32>
  %0 = "stablehlo.gather"(%arg0, %arg1) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  // Older JAX wrote inherent attributes in the attribute dictionary.
  %1 = "stablehlo.gather"(%arg2, %arg3) {dimension_numbers = #stablehlo.gather<offset_dims = [3, 4], collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [1], start_index_map = [2, 1], index_vector_dim = 3>, indices_are_sorted = true, slice_sizes = array<i64: 1, 1, 2, 2>} : (tensor<2x3x4x2xi32>, tensor<2x2x3x2xi64>) -> tensor<2x2x3x2x2xi32>
  return %0, %1 : tensor<4x8xf32>, tensor<2x2x3x2x2xi32>
}

// CHECK-LABEL: func @dot_general
func.func @dot_general(%arg0: tensor<4x8xf32>, %arg1: tensor<8x16xf32>, %arg2: tensor<2x4x8xbf16>, %arg3: tensor<2x16x8xbf16>) -> (tensor<4x16xf32>, tensor<2x4x16xf32>, tensor<4x16xf32>) {
  // CHECK-NEXT: %0 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  // CHECK-NEXT: %1 = stablehlo.dot_general %arg2, %arg3, batching_dims = [0] x [0], contracting_dims = [2] x [2], precision = [HIGHEST, HIGH] : (tensor<2x4x8xbf16>, tensor<2x16x8xbf16>) -> tensor<2x4x16xf32>
  // CHECK-NEXT: %2 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %0 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %1 = stablehlo.dot_general %arg2, %arg3, batching_dims = [0] x [0], contracting_dims = [2] x [2], precision = [HIGHEST, HIGH] : (tensor<2x4x8xbf16>, tensor<2x16x8xbf16>) -> tensor<2x4x16xf32>
  %2 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0, %1, %2 : tensor<4x16xf32>, tensor<2x4x16xf32>, tensor<4x16xf32>
}

// CHECK-LABEL: func @reduce
func.func @reduce(%arg0: tensor<4x16xf32>, %arg1: tensor<4x16xi32>) -> (tensor<4xf32>, tensor<f32>, tensor<4xf32>, tensor<4xi32>) {
  // CHECK-NEXT: %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
  // CHECK-NEXT: %c = stablehlo.constant dense<0> : tensor<i32>
  // CHECK-NEXT: %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.maximum across dimensions = [1] : (tensor<4x16xf32>, tensor<f32>) -> tensor<4xf32>
  // CHECK-NEXT: %1 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.add across dimensions = [0, 1] : (tensor<4x16xf32>, tensor<f32>) -> tensor<f32>
  // A body that is not a single commutative op keeps the region form.
  // CHECK-NEXT: %2 = stablehlo.reduce(%arg0 init: %cst) across dimensions = [1] : (tensor<4x16xf32>, tensor<f32>) -> tensor<4xf32>
  // CHECK-NEXT:  reducer(%arg2: tensor<f32>, %arg3: tensor<f32>)  {
  // CHECK-NEXT:   %4 = stablehlo.subtract %arg2, %arg3 : tensor<f32>
  // CHECK-NEXT:   stablehlo.return %4 : tensor<f32>
  // CHECK-NEXT: }
  // CHECK-NEXT: %3:2 = stablehlo.reduce(%arg0 init: %cst), (%arg1 init: %c) across dimensions = [1] : (tensor<4x16xf32>, tensor<4x16xi32>, tensor<f32>, tensor<i32>) -> (tensor<4xf32>, tensor<4xi32>)
  // CHECK-NEXT:  reducer(%arg2: tensor<f32>, %arg4: tensor<f32>) (%arg3: tensor<i32>, %arg5: tensor<i32>)  {
  // CHECK-NEXT:   %4 = stablehlo.compare GT, %arg2, %arg4, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
  // CHECK-NEXT:   %5 = stablehlo.select %4, %arg2, %arg4 : tensor<i1>, tensor<f32>
  // CHECK-NEXT:   %6 = stablehlo.select %4, %arg3, %arg5 : tensor<i1>, tensor<i32>
  // CHECK-NEXT:   stablehlo.return %5, %6 : tensor<f32>, tensor<i32>
  // CHECK-NEXT: }
  %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
  %c = stablehlo.constant dense<0> : tensor<i32>
  %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.maximum across dimensions = [1] : (tensor<4x16xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.add across dimensions = [0, 1] : (tensor<4x16xf32>, tensor<f32>) -> tensor<f32>
  %2 = stablehlo.reduce(%arg0 init: %cst) across dimensions = [1] : (tensor<4x16xf32>, tensor<f32>) -> tensor<4xf32>
   reducer(%arg2: tensor<f32>, %arg3: tensor<f32>)  {
    %4 = stablehlo.subtract %arg2, %arg3 : tensor<f32>
    stablehlo.return %4 : tensor<f32>
  }
  %3:2 = stablehlo.reduce(%arg0 init: %cst), (%arg1 init: %c) across dimensions = [1] : (tensor<4x16xf32>, tensor<4x16xi32>, tensor<f32>, tensor<i32>) -> (tensor<4xf32>, tensor<4xi32>)
   reducer(%arg2: tensor<f32>, %arg4: tensor<f32>) (%arg3: tensor<i32>, %arg5: tensor<i32>)  {
    %4 = stablehlo.compare GT, %arg2, %arg4, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %5 = stablehlo.select %4, %arg2, %arg4 : tensor<i1>, tensor<f32>
    %6 = stablehlo.select %4, %arg3, %arg5 : tensor<i1>, tensor<i32>
    stablehlo.return %5, %6 : tensor<f32>, tensor<i32>
  }
  return %0, %1, %2, %3#1 : tensor<4xf32>, tensor<f32>, tensor<4xf32>, tensor<4xi32>
}
