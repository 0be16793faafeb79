// Parser errors of the stablehlo and chlo custom assembly.
// RUN: fpx-opt %s -split-input-file -verify-diagnostics

func.func @bad_compare_direction(%a: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{expected a comparison direction (EQ, NE, GE, GT, LE, LT), got 'LESS'}}
  %0 = stablehlo.compare LESS, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @bad_compare_type(%a: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{expected a comparison type (FLOAT, TOTALORDER, SIGNED, UNSIGNED), got 'REAL'}}
  %0 = stablehlo.compare LT, %a, %a, REAL : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @operand_type_mismatch(%a: tensor<4xf32>, %b: tensor<4xf16>) -> tensor<4xf32> {
  // expected-note @-1 {{prior use here}}
  // expected-error @+1 {{use of value '%b' expects different type than prior uses: 'tensor<4xf32>' vs 'tensor<4xf16>'}}
  %0 = stablehlo.add %a, %b : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @functional_type_arity(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected a functional type with 2 operand type(s) and one result type, got '(tensor<4xf32>) -> tensor<4xf32>'}}
  %0 = stablehlo.add %a, %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @select_types(%p: tensor<4xi1>, %a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected 'pred_type, result_type' or a functional type (pred, on_true, on_false) -> result}}
  %0 = stablehlo.select %p, %a, %a : tensor<4xi1>, tensor<4xf32>, tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @constant_not_tensor() -> tensor<f32> {
  // expected-error @+1 {{expected a tensor value such as dense<1.0> : tensor<f32>, got 1.000000e+00 : f32}}
  %0 = stablehlo.constant 1.0 : f32
  return %0 : tensor<f32>
}

// -----

func.func @slice_range(%a: tensor<8xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected ':'}}
  %0 = stablehlo.slice %a [0, 4] : (tensor<8xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @broadcast_dims(%a: tensor<4xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expected '['}}
  %0 = stablehlo.broadcast_in_dim %a, dims = 0 : (tensor<4xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @dot_dims_missing_x(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{expected 'x'}}
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [1], [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @dot_unknown_precision(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{unknown precision 'FAST'; expected DEFAULT, HIGH or HIGHEST}}
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0], precision = [DEFAULT, FAST] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @dot_algorithm(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{dot algorithms are not supported; remove 'algorithm = <...>'}}
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0], algorithm = <lhs_precision_type = tf32, rhs_precision_type = tf32, accumulation_type = f32, lhs_component_count = 1, rhs_component_count = 1, num_primitive_operations = 1, allow_imprecise_accumulation = false> : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @gather_unknown_field(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{unknown field 'offset_dim' in #stablehlo.gather; expected one of: offset_dims, collapsed_slice_dims, operand_batching_dims, start_indices_batching_dims, start_index_map, index_vector_dim}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dim = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @gather_repeated_field(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{field 'start_index_map' appears twice in #stablehlo.gather}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @gather_malformed_list(%t: tensor<32x8xf32>, %i: tensor<4x1xi32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expected '['}}
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = 1, collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @dot_attr_unknown_field(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{unknown field 'lhs_contracting_dims' in #stablehlo.dot; expected one of: lhs_batching_dimensions, rhs_batching_dimensions, lhs_contracting_dimensions, rhs_contracting_dimensions}}
  %0 = "stablehlo.dot_general"(%a, %b) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dims = [1], rhs_contracting_dimensions = [0]>}> : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @reduce_applies_non_commutative(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'applies' needs a commutative binary stablehlo op (stablehlo.add, multiply, maximum, minimum, and, or), got 'stablehlo.subtract'}}
  %0 = stablehlo.reduce(%a init: %init) applies stablehlo.subtract across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_operand_types(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected 2 operand types (inputs, then init values), got 1}}
  %0 = stablehlo.reduce(%a init: %init) applies stablehlo.add across dimensions = [1] : (tensor<4x8xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_missing_init(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected 'init'}}
  %0 = stablehlo.reduce(%a, %init) applies stablehlo.add across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @unknown_op(%a: tensor<4xf32>) -> tensor<4xf32> {
  // Ops outside the supported subset are rejected by name.
  // expected-error @+1 {{custom op 'stablehlo.cbrt' is unknown}}
  %0 = stablehlo.cbrt %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}
