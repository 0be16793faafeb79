// RUN: fpx-opt %s --one-shot-bufferize="bufferize-function-boundaries" -split-input-file | FileCheck %s

// The bufferization model of fpx.dispatch (destination style): a
// tensor.empty output becomes an allocation that the kernel fills without a
// copy, the dispatch runs on buffers without results, and the result's uses
// take the output's buffer.

// CHECK-LABEL: func @empty_outputs
// CHECK-SAME: (%[[X:.*]]: memref<16x64xf16, strided<[?, ?], offset: ?>>) -> memref<16x64xf16>
// CHECK-NOT: memref.copy
// CHECK: %[[A:.*]] = memref.alloc() {{.*}} : memref<16x64xf16>
// CHECK-NEXT: fpx.dispatch "fusion" ins(%[[X]] : memref<16x64xf16, strided<[?, ?], offset: ?>>) outs(%[[A]] : memref<16x64xf16>) {launch = {kernel = "k0"}}{{$}}
// CHECK-NEXT: %[[B:.*]] = memref.alloc() {{.*}} : memref<16x64xf16>
// CHECK-NEXT: fpx.dispatch "qmatmul" ins(%[[A]], %[[X]] : memref<16x64xf16>, memref<16x64xf16, strided<[?, ?], offset: ?>>) outs(%[[B]] : memref<16x64xf16>) {launch = {kernel = "k1"}}{{$}}
// CHECK-NOT: memref.copy
// CHECK: return %[[B]] : memref<16x64xf16>
func.func @empty_outputs(%x: tensor<16x64xf16>) -> tensor<16x64xf16> {
  %e = tensor.empty() : tensor<16x64xf16>
  %y = fpx.dispatch "fusion" ins(%x : tensor<16x64xf16>) outs(%e : tensor<16x64xf16>) {launch = {kernel = "k0"}} -> tensor<16x64xf16>
  %e2 = tensor.empty() : tensor<16x64xf16>
  %z = fpx.dispatch "qmatmul" ins(%y, %x : tensor<16x64xf16>, tensor<16x64xf16>) outs(%e2 : tensor<16x64xf16>) {launch = {kernel = "k1"}} -> tensor<16x64xf16>
  return %z : tensor<16x64xf16>
}

// -----

// Several outputs, each a result.
// CHECK-LABEL: func @two_outputs
// CHECK: %[[A:.*]] = memref.alloc() {{.*}} : memref<4x64xf16>
// CHECK: %[[B:.*]] = memref.alloc() {{.*}} : memref<4xf32>
// CHECK: fpx.dispatch "fusion" ins(%{{.*}} : {{.*}}) outs(%[[A]], %[[B]] : memref<4x64xf16>, memref<4xf32>) {launch = {kernel = "k"}}{{$}}
// CHECK: return %[[A]], %[[B]] : memref<4x64xf16>, memref<4xf32>
func.func @two_outputs(%x: tensor<4x64xf16>) -> (tensor<4x64xf16>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4x64xf16>
  %r = tensor.empty() : tensor<4xf32>
  %y:2 = fpx.dispatch "fusion" ins(%x : tensor<4x64xf16>) outs(%e, %r : tensor<4x64xf16>, tensor<4xf32>) {launch = {kernel = "k"}} -> tensor<4x64xf16>, tensor<4xf32>
  return %y#0, %y#1 : tensor<4x64xf16>, tensor<4xf32>
}

// -----

// An output whose old value is still read afterwards (the filled buffer) is
// written out of place, into a fresh allocation; the kernel overwrites all
// of it, so the old contents are not copied there.
// CHECK-LABEL: func @output_still_used
// CHECK: %[[F:.*]] = memref.alloc() {{.*}} : memref<16x64xf16>
// CHECK: linalg.fill {{.*}} outs(%[[F]] : memref<16x64xf16>)
// CHECK-NOT: memref.copy
// CHECK: %[[A:.*]] = memref.alloc() {{.*}} : memref<16x64xf16>
// CHECK-NOT: memref.copy
// CHECK: fpx.dispatch "fusion" ins(%{{.*}} : {{.*}}) outs(%[[A]] : memref<16x64xf16>) {launch = {kernel = "k0"}}
// CHECK: fpx.dispatch "fusion" ins(%[[A]], %[[F]] : memref<16x64xf16>, memref<16x64xf16>)
func.func @output_still_used(%x: tensor<16x64xf16>) -> tensor<16x64xf16> {
  %c = arith.constant 1.0 : f16
  %e = tensor.empty() : tensor<16x64xf16>
  %f = linalg.fill ins(%c : f16) outs(%e : tensor<16x64xf16>) -> tensor<16x64xf16>
  %y = fpx.dispatch "fusion" ins(%x : tensor<16x64xf16>) outs(%f : tensor<16x64xf16>) {launch = {kernel = "k0"}} -> tensor<16x64xf16>
  %e2 = tensor.empty() : tensor<16x64xf16>
  %z = fpx.dispatch "fusion" ins(%y, %f : tensor<16x64xf16>, tensor<16x64xf16>) outs(%e2 : tensor<16x64xf16>) {launch = {kernel = "k1"}} -> tensor<16x64xf16>
  return %z : tensor<16x64xf16>
}

// -----

// A kernel may read any input element after writing some output element,
// so an output that is also an input is never written in place of it.
// CHECK-LABEL: func @output_is_input
// CHECK-SAME: (%[[X:.*]]: memref<16x64xf16, strided<[?, ?], offset: ?>>)
// CHECK: %[[A:.*]] = memref.alloc() {{.*}} : memref<16x64xf16>
// CHECK-NOT: memref.copy
// CHECK: fpx.dispatch "fusion" ins(%[[X]] : {{.*}}) outs(%[[A]] : memref<16x64xf16>)
// CHECK: return %[[A]]
func.func @output_is_input(%x: tensor<16x64xf16>) -> tensor<16x64xf16> {
  %y = fpx.dispatch "fusion" ins(%x : tensor<16x64xf16>) outs(%x : tensor<16x64xf16>) {launch = {kernel = "k0"}} -> tensor<16x64xf16>
  return %y : tensor<16x64xf16>
}
