// Packed weights that share constants (fpx-run-weights.mlir): @first and
// @second share their scales, @third is @first again (tied). Every word
// holds FP4 (E2M1) code 1 (0.5) or 2 (1.0) in each nibble.
func.func @main(%x: tensor<2x8xf32>)
    -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) {
  %scales = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf16>
  %halves = arith.constant dense<286331153> : tensor<512xi32>
  %ones = arith.constant dense<572662306> : tensor<512xi32>
  %a = fpx.qmatmul %x, %halves, %scales {packing = #fpx.packing<format = e2m1, rows = 4, cols = 8, layout = tc_fpx>} : (tensor<2x8xf32>, tensor<512xi32>, tensor<4xf16>) -> tensor<2x4xf32> loc("first")
  %b = fpx.qmatmul %x, %ones, %scales {packing = #fpx.packing<format = e2m1, rows = 4, cols = 8, layout = tc_fpx>} : (tensor<2x8xf32>, tensor<512xi32>, tensor<4xf16>) -> tensor<2x4xf32> loc("second")
  %c = fpx.qmatmul %x, %halves, %scales {packing = #fpx.packing<format = e2m1, rows = 4, cols = 8, layout = tc_fpx>} : (tensor<2x8xf32>, tensor<512xi32>, tensor<4xf16>) -> tensor<2x4xf32> loc("third")
  return %a, %b, %c : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
}
