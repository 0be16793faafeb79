// A tensor whose byte size overflows 64 bits: fpx-run used to crash on the
// compiled code (fpx-compile-errors.mlir).
func.func @main() -> tensor<4611686018427387904x4xi32> {
  %0 = stablehlo.iota dim = 0 : tensor<4611686018427387904x4xi32>
  return %0 : tensor<4611686018427387904x4xi32>
}
