// RUN: fpx-opt %s -split-input-file -verify-diagnostics

func.func @matmul_inside(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %r = fpx_fusion.group loop ins(%a, %b) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32> {
  ^bb0(%x: tensor<4x4xf32>, %y: tensor<4x4xf32>):
    // expected-error @+1 {{is compute-bound and cannot join a fpx_fusion.group (it holds memory-bound ops only); move it out of the group}}
    %m = linalg.matmul ins(%x, %y : tensor<4x4xf32>, tensor<4x4xf32>) outs(%x : tensor<4x4xf32>) -> tensor<4x4xf32>
    fpx_fusion.yield %m : tensor<4x4xf32>
  }
  return %r : tensor<4x4xf32>
}

// -----

func.func @nested(%a: tensor<4xf32>) -> tensor<4xf32> {
  %r = fpx_fusion.group loop ins(%a) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%x: tensor<4xf32>):
    // expected-error @+1 {{cannot nest inside another fpx_fusion.group; merge the groups instead}}
    %i = fpx_fusion.group loop ins(%x) : (tensor<4xf32>) -> tensor<4xf32> {
    ^bb0(%y: tensor<4xf32>):
      fpx_fusion.yield %y : tensor<4xf32>
    }
    fpx_fusion.yield %i : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @side_effect(%a: memref<4xf32>, %t: tensor<4xf32>) -> tensor<4xf32> {
  %r = fpx_fusion.group loop ins(%a, %t) : (memref<4xf32>, tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%m: memref<4xf32>, %x: tensor<4xf32>):
    %c0 = arith.constant 0 : index
    %f = arith.constant 1.0 : f32
    // expected-error @+1 {{has memory side effects and cannot join a fpx_fusion.group of tensor ops}}
    memref.store %f, %m[%c0] : memref<4xf32>
    fpx_fusion.yield %x : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @yield_types(%a: tensor<4xf32>) -> tensor<4xf16> {
  %r = fpx_fusion.group loop ins(%a) : (tensor<4xf32>) -> tensor<4xf16> {
  ^bb0(%x: tensor<4xf32>):
    // expected-error @+1 {{yields types that differ from the enclosing group's results}}
    fpx_fusion.yield %x : tensor<4xf32>
  }
  return %r : tensor<4xf16>
}

// -----

func.func @arg_types(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{block argument #0 has type 'tensor<4xf16>' but input #0 is 'tensor<4xf32>'}}
  %r = fpx_fusion.group loop ins(%a) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%x: tensor<4xf16>):
    %e = arith.extf %x : tensor<4xf16> to tensor<4xf32>
    fpx_fusion.yield %e : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @arg_count(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{has 1 inputs but its block takes 2 arguments}}
  %r = fpx_fusion.group loop ins(%a) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%x: tensor<4xf32>, %y: tensor<4xf32>):
    fpx_fusion.yield %x : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @no_results(%a: tensor<4xf32>) {
  // expected-error @+1 {{must produce at least one result; a group whose values are unused should be erased}}
  fpx_fusion.group loop ins(%a) : (tensor<4xf32>) -> () {
  ^bb0(%x: tensor<4xf32>):
    fpx_fusion.yield
  }
  return
}

// -----

func.func @shared_in_loop(%a: tensor<4xf32>) -> tensor<4xf32> {
  %r = fpx_fusion.group loop ins(%a) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%x: tensor<4xf32>):
    // expected-error @+1 {{stitch scheme 'shared' needs a group of kind input or stitch; a loop group passes values in registers only}}
    %n = arith.negf %x {fpx_fusion.stitch = #fpx_fusion.stitch<shared>} : tensor<4xf32>
    fpx_fusion.yield %n : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @stitch_outside(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'fpx_fusion.stitch' is only meaningful on ops directly inside a fpx_fusion.group}}
  %n = arith.negf %a {fpx_fusion.stitch = #fpx_fusion.stitch<register>} : tensor<4xf32>
  return %n : tensor<4xf32>
}

// -----

func.func @stitch_not_enum(%a: tensor<4xf32>) -> tensor<4xf32> {
  %r = fpx_fusion.group stitch ins(%a) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%x: tensor<4xf32>):
    // expected-error @+1 {{'fpx_fusion.stitch' must be a #fpx_fusion.stitch<...> attribute}}
    %n = arith.negf %x {fpx_fusion.stitch = "shared"} : tensor<4xf32>
    fpx_fusion.yield %n : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @unknown_attr(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{unknown fpx_fusion attribute 'fpx_fusion.stich'}}
  %n = arith.negf %a {fpx_fusion.stich = #fpx_fusion.stitch<register>} : tensor<4xf32>
  return %n : tensor<4xf32>
}

// -----

func.func @bad_kind(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'kind' [loop, input, stitch]}}
  %r = fpx_fusion.group fused ins(%a) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%x: tensor<4xf32>):
    fpx_fusion.yield %x : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
