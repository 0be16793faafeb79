// Verifier errors of the stablehlo and chlo ops.
// RUN: fpx-opt %s -split-input-file -verify-diagnostics

func.func @binary_type_mismatch(%a: tensor<4xf32>, %b: tensor<4xf16>) -> tensor<4xf32> {
  // expected-error @+1 {{expects operand #1 to have the result type 'tensor<4xf32>', got 'tensor<4xf16>'; StableHLO does not broadcast or convert implicitly}}
  %0 = stablehlo.add %a, %b : (tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @unary_shape_mismatch(%a: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{expects operand #0 to have the result type 'tensor<8xf32>', got 'tensor<4xf32>'}}
  %0 = stablehlo.exponential %a : (tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @float_only(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = stablehlo.logistic %a : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @integer_only(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of integer values}}
  %0 = stablehlo.not %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @convert_shape(%a: tensor<4xi32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{expects the result to have the operand's shape, got 'tensor<4xi32>' -> 'tensor<2x2xf32>'; convert changes only the element type}}
  %0 = stablehlo.convert %a : (tensor<4xi32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @compare_operands(%a: tensor<4xf32>, %b: tensor<4xf16>) -> tensor<4xi1> {
  // expected-error @+1 {{expects both operands to have one type, got 'tensor<4xf32>' and 'tensor<4xf16>'}}
  %0 = stablehlo.compare LT, %a, %b : (tensor<4xf32>, tensor<4xf16>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @compare_result(%a: tensor<4xf32>) -> tensor<2xi1> {
  // expected-error @+1 {{expects a result of the operands' shape, got 'tensor<2xi1>'}}
  %0 = stablehlo.compare LT, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// -----

func.func @compare_type_float(%a: tensor<4xi32>) -> tensor<4xi1> {
  // expected-error @+1 {{compare type FLOAT does not fit 'i32' operands; use SIGNED or UNSIGNED}}
  %0 = stablehlo.compare LT, %a, %a, FLOAT : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @compare_type_signed(%a: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{compare type SIGNED does not fit 'f32' operands; use FLOAT}}
  %0 = stablehlo.compare LT, %a, %a, SIGNED : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @select_pred(%p: tensor<2xi1>, %a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expects pred of rank 0 or of the result's shape, got 'tensor<2xi1>' for a result of type 'tensor<4xf32>'}}
  %0 = stablehlo.select %p, %a, %a : tensor<2xi1>, tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @select_branches(%p: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf16>) -> tensor<4xf32> {
  // expected-error @+1 {{expects on_true, on_false and the result to have one type, got 'tensor<4xf32>', 'tensor<4xf16>' and 'tensor<4xf32>'}}
  %0 = stablehlo.select %p, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @erf_types(%a: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = chlo.erf %a : tensor<4xf32> -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @erfc_types(%a: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = chlo.erfc %a : tensor<4xf32> -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @constant_type() -> tensor<2xf32> {
  // expected-error @+1 {{expects the value's type 'tensor<f32>' to be the result type 'tensor<2xf32>'}}
  %0 = "stablehlo.constant"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @iota_dim() -> tensor<4x8xi32> {
  // expected-error @+1 {{iota dimension 2 is out of range for a result of rank 2; use a dimension in 0..1}}
  %0 = stablehlo.iota dim = 2 : tensor<4x8xi32>
  return %0 : tensor<4x8xi32>
}

// -----

func.func @broadcast_element_type(%a: tensor<4xf32>) -> tensor<4x8xf16> {
  // expected-error @+1 {{expects the result element type to be the operand's 'f32', got 'f16'; convert element types with stablehlo.convert}}
  %0 = stablehlo.broadcast_in_dim %a, dims = [0] : (tensor<4xf32>) -> tensor<4x8xf16>
  return %0 : tensor<4x8xf16>
}

// -----

func.func @broadcast_dims_count(%a: tensor<4xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expects one entry in dims per operand dimension (1), got 2}}
  %0 = stablehlo.broadcast_in_dim %a, dims = [0, 1] : (tensor<4xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @broadcast_dims_range(%a: tensor<4xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{dims entry 2 is out of range; dimensions of a rank-2 tensor are 0..1}}
  %0 = stablehlo.broadcast_in_dim %a, dims = [2] : (tensor<4xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @broadcast_dims_twice(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{dims lists dimension 0 twice}}
  %0 = stablehlo.broadcast_in_dim %a, dims = [0, 0] : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @broadcast_size(%a: tensor<3xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{operand dimension 0 has size 3, which is neither 1 nor the size 4 of result dimension 0}}
  %0 = stablehlo.broadcast_in_dim %a, dims = [0] : (tensor<3xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @reshape_count(%a: tensor<4x4xf32>) -> tensor<15xf32> {
  // expected-error @+1 {{cannot reshape 'tensor<4x4xf32>' (16 elements) to 'tensor<15xf32>' (15 elements)}}
  %0 = stablehlo.reshape %a : (tensor<4x4xf32>) -> tensor<15xf32>
  return %0 : tensor<15xf32>
}

// -----

func.func @reshape_element_type(%a: tensor<4x4xf32>) -> tensor<16xi32> {
  // expected-error @+1 {{expects the result element type to be the operand's 'f32', got 'i32'}}
  %0 = stablehlo.reshape %a : (tensor<4x4xf32>) -> tensor<16xi32>
  return %0 : tensor<16xi32>
}

// -----

func.func @transpose_count(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{expects a permutation of the 2 operand dimensions, got 3 entries}}
  %0 = stablehlo.transpose %a, dims = [1, 0, 2] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_twice(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{dims lists dimension 1 twice}}
  %0 = stablehlo.transpose %a, dims = [1, 1] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_shape(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{expects a result of shape [3, 2] (result dimension i is operand dimension dims[i]), got 'tensor<2x3xf32>'}}
  %0 = stablehlo.transpose %a, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @transpose_element_type(%a: tensor<2x3xf32>) -> tensor<3x2xf16> {
  // expected-error @+1 {{expects the result element type to be the operand's 'f32', got 'f16'}}
  %0 = stablehlo.transpose %a, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf16>
  return %0 : tensor<3x2xf16>
}

// -----

func.func @slice_ranges(%a: tensor<4x8xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{expects one start:limit[:stride] range per operand dimension (2)}}
  %0 = stablehlo.slice %a [0:2] : (tensor<4x8xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @slice_stride(%a: tensor<8xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{stride 0 of dimension 0 must be positive}}
  %0 = stablehlo.slice %a [0:2:0] : (tensor<8xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @slice_bounds(%a: tensor<8xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{range 6:10 of dimension 0 must satisfy 0 <= start <= limit <= 8}}
  %0 = stablehlo.slice %a [6:10] : (tensor<8xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @slice_shape(%a: tensor<8xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expects a result of shape [3] (ceil((limit - start) / stride) per dimension), got 'tensor<4xf32>'}}
  %0 = stablehlo.slice %a [0:8:3] : (tensor<8xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @slice_element_type(%a: tensor<8xf32>) -> tensor<8xf16> {
  // expected-error @+1 {{expects the result element type to be the operand's 'f32', got 'f16'}}
  %0 = stablehlo.slice %a [0:8] : (tensor<8xf32>) -> tensor<8xf16>
  return %0 : tensor<8xf16>
}

// -----

func.func @dynamic_slice_starts(%a: tensor<4x8xf32>, %i: tensor<i32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{expects one start index per operand dimension (2), got 1}}
  %0 = stablehlo.dynamic_slice %a, %i, sizes = [1, 8] : (tensor<4x8xf32>, tensor<i32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

func.func @dynamic_slice_sizes(%a: tensor<4x8xf32>, %i: tensor<i32>) -> tensor<1xf32> {
  // expected-error @+1 {{expects one slice size per operand dimension (2), got 1}}
  %0 = stablehlo.dynamic_slice %a, %i, %i, sizes = [1] : (tensor<4x8xf32>, tensor<i32>, tensor<i32>) -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @dynamic_slice_size_range(%a: tensor<4x8xf32>, %i: tensor<i32>) -> tensor<1x9xf32> {
  // expected-error @+1 {{slice size 9 of dimension 1 must be in 0..8}}
  %0 = stablehlo.dynamic_slice %a, %i, %i, sizes = [1, 9] : (tensor<4x8xf32>, tensor<i32>, tensor<i32>) -> tensor<1x9xf32>
  return %0 : tensor<1x9xf32>
}

// -----

func.func @dynamic_slice_index_types(%a: tensor<4x8xf32>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<1x8xf32> {
  // expected-error @+1 {{expects all start indices to have one type}}
  %0 = stablehlo.dynamic_slice %a, %i, %j, sizes = [1, 8] : (tensor<4x8xf32>, tensor<i32>, tensor<i64>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

func.func @dynamic_slice_shape(%a: tensor<4x8xf32>, %i: tensor<i32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{expects a result of shape [1, 8] (the slice sizes), got 'tensor<2x8xf32>'}}
  %0 = stablehlo.dynamic_slice %a, %i, %i, sizes = [1, 8] : (tensor<4x8xf32>, tensor<i32>, tensor<i32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

func.func @dynamic_slice_element_type(%a: tensor<4x8xf32>, %i: tensor<i32>) -> tensor<1x8xf16> {
  // expected-error @+1 {{expects the result element type to be the operand's 'f32', got 'f16'}}
  %0 = stablehlo.dynamic_slice %a, %i, %i, sizes = [1, 8] : (tensor<4x8xf32>, tensor<i32>, tensor<i32>) -> tensor<1x8xf16>
  return %0 : tensor<1x8xf16>
}

// -----

func.func @dynamic_slice_index_shape(%a: tensor<4x8xf32>, %i: tensor<1xi32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{operand #1 must be variadic of 0D tensor of integer values}}
  %0 = stablehlo.dynamic_slice %a, %i, %i, sizes = [1, 8] : (tensor<4x8xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

func.func @dynamic_update_slice_result(%a: tensor<4x8xf32>, %u: tensor<1x8xf32>, %i: tensor<i32>) -> tensor<4x9xf32> {
  // expected-error @+1 {{expects the result type to be the operand type 'tensor<4x8xf32>', got 'tensor<4x9xf32>'}}
  %0 = stablehlo.dynamic_update_slice %a, %u, %i, %i : (tensor<4x8xf32>, tensor<1x8xf32>, tensor<i32>, tensor<i32>) -> tensor<4x9xf32>
  return %0 : tensor<4x9xf32>
}

// -----

func.func @dynamic_update_slice_element_type(%a: tensor<4x8xf32>, %u: tensor<1x8xf16>, %i: tensor<i32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expects the result element type to be the operand's 'f16', got 'f32'}}
  %0 = stablehlo.dynamic_update_slice %a, %u, %i, %i : (tensor<4x8xf32>, tensor<1x8xf16>, tensor<i32>, tensor<i32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @dynamic_update_slice_rank(%a: tensor<4x8xf32>, %u: tensor<8xf32>, %i: tensor<i32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expects an update of the operand's rank 2, got 'tensor<8xf32>'}}
  %0 = stablehlo.dynamic_update_slice %a, %u, %i, %i : (tensor<4x8xf32>, tensor<8xf32>, tensor<i32>, tensor<i32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @dynamic_update_slice_starts(%a: tensor<4x8xf32>, %u: tensor<1x8xf32>, %i: tensor<i32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expects one start index per operand dimension (2), got 1}}
  %0 = stablehlo.dynamic_update_slice %a, %u, %i : (tensor<4x8xf32>, tensor<1x8xf32>, tensor<i32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @dynamic_update_slice_fit(%a: tensor<4x8xf32>, %u: tensor<1x9xf32>, %i: tensor<i32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{update dimension 1 of size 9 does not fit in the operand's 8}}
  %0 = stablehlo.dynamic_update_slice %a, %u, %i, %i : (tensor<4x8xf32>, tensor<1x9xf32>, tensor<i32>, tensor<i32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @concatenate_none() -> tensor<4xf32> {
  // expected-error @+1 {{expects at least one input}}
  %0 = "stablehlo.concatenate"() <{dimension = 0 : i64}> : () -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @concatenate_dim(%a: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{dimension 1 is out of range for inputs of rank 1}}
  %0 = stablehlo.concatenate %a, %a, dim = 1 : (tensor<4xf32>, tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @concatenate_rank(%a: tensor<4xf32>, %b: tensor<4x1xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{expects inputs of one rank, but input #1 is 'tensor<4x1xf32>'}}
  %0 = stablehlo.concatenate %a, %b, dim = 0 : (tensor<4xf32>, tensor<4x1xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @concatenate_other_dim(%a: tensor<4x2xf32>, %b: tensor<4x3xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{input #1 ('tensor<4x3xf32>') differs from input #0 ('tensor<4x2xf32>') in dimension 1, which is not the concatenated dimension 0}}
  %0 = stablehlo.concatenate %a, %b, dim = 0 : (tensor<4x2xf32>, tensor<4x3xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func @concatenate_shape(%a: tensor<4x2xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{expects a result of shape [8, 2] (the inputs joined along the dimension), got 'tensor<4x2xf32>'}}
  %0 = stablehlo.concatenate %a, %a, dim = 0 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

func.func @concatenate_element_type(%a: tensor<4xf32>) -> tensor<8xf16> {
  // expected-error @+1 {{expects the result element type to be the operand's 'f32', got 'f16'}}
  %0 = stablehlo.concatenate %a, %a, dim = 0 : (tensor<4xf32>, tensor<4xf32>) -> tensor<8xf16>
  return %0 : tensor<8xf16>
}

// -----

func.func @gather_element_type(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<4x8xf16> {
  // expected-error @+1 {{expects the result element type to be the operand's 'f32', got 'f16'}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf16>
  return %0 : tensor<4x8xf16>
}

// -----

func.func @gather_index_vector_dim(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{index_vector_dim 3 must be in 0..2 for start indices of rank 2}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 3>, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @gather_index_vector_size(%t: tensor<32x8xf32>, %i: tensor<4x2xi32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{start_index_map has 1 entries but index vectors (dimension 1 of the start indices) have 2}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x2xi32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @gather_slice_sizes(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expects one slice size per operand dimension (2), got 1}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @gather_slice_size_range(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<4x9xf32> {
  // expected-error @+1 {{slice size 9 of dimension 1 must be in 0..8}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 9>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x9xf32>
  return %0 : tensor<4x9xf32>
}

// -----

func.func @gather_start_index_map(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{start_index_map entry 2 is out of range; dimensions of a rank-2 tensor are 0..1}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [2], index_vector_dim = 1>, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @gather_collapsed_size(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{collapsed dimension 0 needs a slice size of 0 or 1, got 2}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 2, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @gather_collapsed_batching(%t: tensor<4x8xf32>, %i: tensor<4x1xi32>) -> tensor<4xf32> {
  // expected-error @+1 {{dimension 0 is both collapsed and a batching dimension}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<collapsed_slice_dims = [0, 1], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [1], index_vector_dim = 1>, slice_sizes = array<i64: 1, 1>}> : (tensor<4x8xf32>, tensor<4x1xi32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @gather_batching_count(%t: tensor<4x8xf32>, %i: tensor<4x1xi32>) -> tensor<4xf32> {
  // expected-error @+1 {{expects as many operand_batching_dims as start_indices_batching_dims}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<collapsed_slice_dims = [1], operand_batching_dims = [0], start_index_map = [1], index_vector_dim = 1>, slice_sizes = array<i64: 1, 1>}> : (tensor<4x8xf32>, tensor<4x1xi32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @gather_batching_index_vector(%t: tensor<4x8xf32>, %i: tensor<4x1xi32>) -> tensor<4xf32> {
  // expected-error @+1 {{index_vector_dim 1 cannot be a start_indices_batching_dims entry}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [1], start_index_map = [1], index_vector_dim = 1>, slice_sizes = array<i64: 1, 1>}> : (tensor<4x8xf32>, tensor<4x1xi32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @gather_offset_sorted(%t: tensor<32x8x2xf32>, %i: tensor<4x1xi32>) -> tensor<4x2x8xf32> {
  // expected-error @+1 {{offset_dims must be sorted}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [2, 1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 8, 2>}> : (tensor<32x8x2xf32>, tensor<4x1xi32>) -> tensor<4x2x8xf32>
  return %0 : tensor<4x2x8xf32>
}

// -----

func.func @gather_offset_count(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expects 2 offset_dims (one per slice dimension that is neither collapsed nor batching), got 1}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @gather_offset_range(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{offset_dims entry 2 is out of range; dimensions of a rank-2 tensor are 0..1}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @gather_shape(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{expects a result of shape [4, 8] (batch dimensions of the start indices, slice dimensions at offset_dims), got 'tensor<8x4xf32>'}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

func.func @dot_batch_count(%a: tensor<2x4x8xf32>, %b: tensor<8x16xf32>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{expects as many lhs as rhs batching dimensions, got 1 and 0}}
  %0 = "stablehlo.dot_general"(%a, %b) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [0]>}> : (tensor<2x4x8xf32>, tensor<8x16xf32>) -> tensor<2x4x16xf32>
  return %0 : tensor<2x4x16xf32>
}

// -----

func.func @dot_contract_count(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<16xf32> {
  // expected-error @+1 {{expects as many lhs as rhs contracting dimensions, got 2 and 1}}
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [0, 1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// -----

func.func @dot_dim_range(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{lhs batching + contracting dims entry 2 is out of range; dimensions of a rank-2 tensor are 0..1}}
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [2] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @dot_dim_twice(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>) -> tensor<f32> {
  // expected-error @+1 {{rhs batching + contracting dims lists dimension 0 twice}}
  %0 = stablehlo.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [1] x [0] : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @dot_contract_size(%a: tensor<4x8xf32>, %b: tensor<6x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{contracting dimension 1 of lhs (size 8) and 0 of rhs (size 6) must have one size}}
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<6x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @dot_batch_size(%a: tensor<2x4x8xf32>, %b: tensor<3x8x16xf32>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{batching dimension 0 of lhs (size 2) and 0 of rhs (size 3) must have one size}}
  %0 = stablehlo.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [1] : (tensor<2x4x8xf32>, tensor<3x8x16xf32>) -> tensor<2x4x16xf32>
  return %0 : tensor<2x4x16xf32>
}

// -----

func.func @dot_precision_count(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{expects a precision for each operand (2), got 3}}
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @dot_shape(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<16x4xf32> {
  // expected-error @+1 {{expects a result of shape [4, 16] (batch, then lhs free, then rhs free dimensions), got 'tensor<16x4xf32>'}}
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<16x4xf32>
  return %0 : tensor<16x4xf32>
}

// -----

func.func @reduce_no_input() {
  // expected-error @+1 {{expects at least one input}}
  "stablehlo.reduce"() <{dimensions = array<i64: 0>}> ({
    "stablehlo.return"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @reduce_results(%a: tensor<4x8xf32>, %init: tensor<f32>) {
  // expected-error @+1 {{expects one result per input (1), got 0}}
  "stablehlo.reduce"(%a, %init) <{dimensions = array<i64: 1>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "stablehlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4x8xf32>, tensor<f32>) -> ()
  return
}

// -----

func.func @reduce_dims(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{dimensions entry 2 is out of range; dimensions of a rank-2 tensor are 0..1}}
  %0 = stablehlo.reduce(%a init: %init) applies stablehlo.add across dimensions = [2] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_arity(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{expects the reducer to take 2 arguments (the accumulators, then the input elements), got 1}}
  %0 = "stablehlo.reduce"(%a, %init) <{dimensions = array<i64: 1>}> ({
  ^bb0(%x: tensor<f32>):
    "stablehlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_return(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{expects the reducer to end in stablehlo.return of 1 value(s)}}
  %0 = stablehlo.reduce(%a init: %init) across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
   reducer(%x: tensor<f32>, %y: tensor<f32>)  {
    stablehlo.return %x, %y : tensor<f32>, tensor<f32>
  }
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_input_shapes(%a: tensor<4x8xf32>, %b: tensor<4x9xf32>, %init: tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>) {
  // expected-error @+1 {{expects inputs of one shape, but input #1 is 'tensor<4x9xf32>' and input #0 is 'tensor<4x8xf32>'}}
  %0:2 = stablehlo.reduce(%a init: %init), (%b init: %init) across dimensions = [1] : (tensor<4x8xf32>, tensor<4x9xf32>, tensor<f32>, tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>)
   reducer(%x: tensor<f32>, %y: tensor<f32>) (%z: tensor<f32>, %w: tensor<f32>)  {
    stablehlo.return %x, %z : tensor<f32>, tensor<f32>
  }
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xf32>
}

// -----

func.func @reduce_init(%a: tensor<4x8xf32>, %init: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expects init value #0 to be 'tensor<f32>', got 'tensor<1xf32>'}}
  %0 = "stablehlo.reduce"(%a, %init) <{dimensions = array<i64: 1>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "stablehlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4x8xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_result(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<8xf32> {
  // expected-error @+1 {{expects result #0 of shape [4] (the input without the reduced dimensions) and element type 'f32', got 'tensor<8xf32>'}}
  %0 = stablehlo.reduce(%a init: %init) applies stablehlo.add across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @reduce_argument(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{expects reducer argument #1 to be 'tensor<f32>', got 'tensor<f16>'}}
  %0 = stablehlo.reduce(%a init: %init) across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
   reducer(%x: tensor<f32>, %y: tensor<f16>)  {
    stablehlo.return %x : tensor<f32>
  }
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_returned_type(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{expects the reducer to return 'tensor<f32>' as value #0, got 'tensor<1xf32>'}}
  %0 = stablehlo.reduce(%a init: %init) across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
   reducer(%x: tensor<f32>, %y: tensor<f32>)  {
    %1 = stablehlo.reshape %x : (tensor<f32>) -> tensor<1xf32>
    stablehlo.return %1 : tensor<1xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

func.func @return_outside_reduce(%a: tensor<f32>) {
  // expected-error @+1 {{expects parent op 'stablehlo.reduce'}}
  stablehlo.return %a : tensor<f32>
}
