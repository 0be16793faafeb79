// RUN: fpx-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{unknown fpx argument attribute 'fpx.weights'; did you mean 'fpx.weight'?}}
func.func @misspelled(%w: tensor<4x4xf32> {fpx.weights}) {
  return
}

// -----

// expected-error @+1 {{'fpx.weight' on argument #0 takes no value; write {fpx.weight}}}
func.func @with_value(%w: tensor<4x4xf32> {fpx.weight = false}) {
  return
}

// -----

// expected-error @+1 {{'fpx.weight' marks a 2-D or batched 3-D float weight, but argument #1 is 'tensor<4x4xi8>'}}
func.func @int_weight(%x: tensor<4x4xf32>, %w: tensor<4x4xi8> {fpx.weight}) {
  return
}

// -----

// A well-formed mark.
func.func @ok(%w: tensor<4x4xf16> {fpx.weight}, %b: tensor<2x4x4xbf16> {fpx.weight}) {
  return
}
