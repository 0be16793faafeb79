// A matmul whose weight is a marked argument (quantized when the function
// runs), for fpx-quantize-weights-invalid.mlir.
func.func @weight_argument(%x: tensor<4x64xf32>, %w: tensor<64x32xf32> {fpx.weight},
                           %init: tensor<4x32xf32>) -> tensor<4x32xf32> {
  // expected-error @+1 {{'linalg.matmul' op cannot quantize its weight argument with scale-rule=absmax: weights quantized at run time get searched scales (use scale-rule=search, or make the weight a constant)}}
  %y = linalg.matmul ins(%x, %w : tensor<4x64xf32>, tensor<64x32xf32>)
                     outs(%init : tensor<4x32xf32>) -> tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}
