// Input the conversion cannot lower is reported op by op, with its
// location, before anything is rewritten.
// RUN: fpx-opt %s --convert-stablehlo-to-linalg -split-input-file -verify-diagnostics

func.func @dynamic_shape(%a: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'stablehlo.add' op cannot be lowered to linalg: 'tensor<?xf32>' has a dynamic shape; the frontend handles static shapes only (lower the JAX function with concrete shapes)}}
  %0 = stablehlo.add %a, %a : tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @unsigned(%a: tensor<4xui32>) -> tensor<4xui32> {
  // expected-error @+1 {{'stablehlo.multiply' op cannot be lowered to linalg: 'tensor<4xui32>' has an unsigned element type, which linalg and arith do not have; convert to a signless type first}}
  %0 = stablehlo.multiply %a, %a : tensor<4xui32>
  return %0 : tensor<4xui32>
}

// -----

func.func @integer_power(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'stablehlo.power' op cannot be lowered to linalg: integer power is not supported; compute it in a float type}}
  %0 = stablehlo.power %a, %a : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @total_order(%a: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{'stablehlo.compare' op cannot be lowered to linalg: TOTALORDER comparisons are not supported; use FLOAT}}
  %0 = stablehlo.compare LT, %a, %a, TOTALORDER : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @reduce_no_dimensions(%a: tensor<4xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'stablehlo.reduce' op cannot be lowered to linalg: a reduce over no dimensions is not supported}}
  %0 = stablehlo.reduce(%a init: %init) applies stablehlo.add across dimensions = [] : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reducer_body(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  %0 = stablehlo.reduce(%a init: %init) across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
   reducer(%x: tensor<f32>, %y: tensor<f32>)  {
    // expected-error @+1 {{'stablehlo.dot_general' op cannot be lowered to linalg inside a reducer: reducer bodies may hold elementwise ops and constants only}}
    %1 = stablehlo.dot_general %x, %y, contracting_dims = [] x [] : (tensor<f32>, tensor<f32>) -> tensor<f32>
    stablehlo.return %1 : tensor<f32>
  }
  return %0 : tensor<4xf32>
}

// -----

func.func @reducer_outer_value(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  %0 = stablehlo.reduce(%a init: %init) across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
   reducer(%x: tensor<f32>, %y: tensor<f32>)  {
    // expected-error @+1 {{'stablehlo.add' op cannot be lowered to linalg inside a reducer: it uses a value defined outside the reducer; define it inside}}
    %1 = stablehlo.add %x, %init : tensor<f32>
    stablehlo.return %1 : tensor<f32>
  }
  return %0 : tensor<4xf32>
}

// -----

func.func @reducer_resource_constant(%a: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  %0 = stablehlo.reduce(%a init: %init) across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
   reducer(%x: tensor<f32>, %y: tensor<f32>)  {
    // expected-error @+1 {{'stablehlo.constant' op cannot be lowered to linalg inside a reducer: the value must be a dense<...> literal}}
    %c = stablehlo.constant dense_resource<two> : tensor<f32>
    %1 = stablehlo.add %x, %y : tensor<f32>
    %2 = stablehlo.multiply %1, %c : tensor<f32>
    stablehlo.return %2 : tensor<f32>
  }
  return %0 : tensor<4xf32>
}

{-#
  dialect_resources: {
    builtin: {
      two: "0x0400000000000040"
    }
  }
#-}

// -----

// Every problem is reported, not only the first; nothing is rewritten.
func.func @several(%a: tensor<?xf32>, %b: tensor<4xi32>) -> (tensor<?xf32>, tensor<4xi32>) {
  // expected-error @+1 {{'stablehlo.exponential' op cannot be lowered to linalg: 'tensor<?xf32>' has a dynamic shape}}
  %0 = stablehlo.exponential %a : tensor<?xf32>
  // expected-error @+1 {{'stablehlo.power' op cannot be lowered to linalg: integer power is not supported}}
  %1 = stablehlo.power %b, %b : tensor<4xi32>
  return %0, %1 : tensor<?xf32>, tensor<4xi32>
}
