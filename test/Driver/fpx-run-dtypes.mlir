// Every element type fpx-run passes (f32, f16, bf16, i32, i64), ranks 0 to
// 3, names from argument locations and jax.result_info, several outputs in
// an .npz, an input returned unchanged, and one result returned twice (the
// two outputs share a buffer, which fpx-run frees once).
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: fpx-compile %s -o %t/model.fpx
// RUN: FileCheck %s --check-prefix=SIG < %t/model.fpx/signature.json
// RUN: %python %S/Inputs/npy_tool.py write %t/h.npy '<f2' 2x3 1.5 -2 0.25
// RUN: %python %S/Inputs/npy_tool.py write %t/b.npy '<V2' 4 3 -0.5 1.25 7
// RUN: %python %S/Inputs/npy_tool.py write %t/c.npy '<i4' scalar 41
// RUN: %python %S/Inputs/npy_tool.py write %t/d.npy '<i8' 2x1x2 5000000000 -2 3 4
// RUN: %python %S/Inputs/npy_tool.py write %t/e.npy '<f4' 3 0.5 1 2
// RUN: fpx-run %t/model.fpx --input h=%t/h.npy --input b=%t/b.npy --input c=%t/c.npy \
// RUN:   --input d=%t/d.npy --input e=%t/e.npy --output %t/out.npz --repeat 3 | FileCheck %s --check-prefix=TIME
// RUN: %python %S/Inputs/npy_tool.py print %t/out.npz | FileCheck %s
//
// Without --output, the outputs are listed.
// RUN: fpx-run %t/model.fpx --input h=%t/h.npy --input b=%t/b.npy --input c=%t/c.npy \
// RUN:   --input d=%t/d.npy --input e=%t/e.npy | FileCheck %s --check-prefix=LIST
//
// One output goes to an .npy file.
// RUN: fpx-compile %s --entry=single -o %t/single.fpx
// RUN: fpx-run %t/single.fpx --input arg0=%t/e.npy --output %t/single.npy
// RUN: %python %S/Inputs/npy_tool.py print %t/single.npy | FileCheck %s --check-prefix=SINGLE

// SIG:      "inputs": [
// SIG:        "dtype": "f16",
// SIG-NEXT:   "name": "h",
// SIG:        "dtype": "bf16",
// SIG-NEXT:   "name": "b",
// SIG:        "dtype": "i32",
// SIG-NEXT:   "name": "c",
// SIG-NEXT:   "shape": [],
// SIG:        "dtype": "i64",
// SIG-NEXT:   "name": "d",
// SIG:        "outputs": [

// TIME: @main, 3 calls: min {{[0-9.]+}} ms, median {{[0-9.]+}} ms, mean {{[0-9.]+}} ms, max {{[0-9.]+}} ms

// CHECK: h2: <f2 [2, 3] [3, -4, 0.5, 3, -4, 0.5]
// CHECK: b2: <V2 [4] [9, 0.25, 1.5625, 49]
// CHECK: c1: <i4 [] [42]
// CHECK: d3: <i8 [2, 1, 2] [15000000000, -6, 9, 12]
// CHECK: d: <i8 [2, 1, 2] [5000000000, -2, 3, 4]
// CHECK: h2_again: <f2 [2, 3] [3, -4, 0.5, 3, -4, 0.5]
// CHECK: result6: <f4 [3] [1.5, 3, 6]

// LIST:      h2: f16 [2, 3]
// LIST-NEXT: b2: bf16 [4]
// LIST-NEXT: c1: i32 []
// LIST-NEXT: d3: i64 [2, 1, 2]
// LIST-NEXT: d: i64 [2, 1, 2]
// LIST-NEXT: h2_again: f16 [2, 3]
// LIST-NEXT: result6: f32 [3]

// SINGLE: single.npy: <f4 [3] [1, 2, 4]

func.func @main(%h: tensor<2x3xf16> loc("h"), %b: tensor<4xbf16> loc("b"),
                %c: tensor<i32> loc("c"), %d: tensor<2x1x2xi64> loc("d"),
                %e: tensor<3xf32> loc("e"))
    -> (tensor<2x3xf16> {jax.result_info = "h2"},
        tensor<4xbf16> {jax.result_info = "b2"},
        tensor<i32> {jax.result_info = "c1"},
        tensor<2x1x2xi64> {jax.result_info = "d3"},
        tensor<2x1x2xi64> {jax.result_info = "d"},
        tensor<2x3xf16> {jax.result_info = "h2_again"},
        tensor<3xf32>) {
  %h2 = arith.addf %h, %h : tensor<2x3xf16>
  %b2 = arith.mulf %b, %b : tensor<4xbf16>
  %one = arith.constant dense<1> : tensor<i32>
  %c1 = arith.addi %c, %one : tensor<i32>
  %three = arith.constant dense<3> : tensor<2x1x2xi64>
  %d3 = arith.muli %d, %three : tensor<2x1x2xi64>
  %e1 = arith.addf %e, %e : tensor<3xf32>
  %e2 = arith.addf %e1, %e : tensor<3xf32>
  return %h2, %b2, %c1, %d3, %d, %h2, %e2
      : tensor<2x3xf16>, tensor<4xbf16>, tensor<i32>, tensor<2x1x2xi64>,
        tensor<2x1x2xi64>, tensor<2x3xf16>, tensor<3xf32>
}

func.func @single(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = arith.addf %x, %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
