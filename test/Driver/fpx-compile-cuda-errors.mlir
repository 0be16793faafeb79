// Models the GPU target does not take yet get an error at the op.
//
// REQUIRES: cuda-toolkit
// RUN: rm -rf %t && mkdir -p %t
// RUN: not fpx-compile %s --target=cuda --quantize=fp6 --quantize-weight-args -o %t/m.fpx 2>&1 \
// RUN:   | FileCheck %s --check-prefix=RUNTIME
// The quantization of the weight argument %w is located at it.
// RUNTIME: fpx-compile-cuda-errors.mlir:[[# @LINE + 5]]:39: error: quantizes a weight when the model runs, which GPU models do not do yet; pass the weights as constants (or compile without --quantize-weight-args)
// RUN: not fpx-compile %s --entry=extract --target=cuda -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=HOST
// HOST: fpx-compile-cuda-errors.mlir:[[# @LINE + 14]]:8: error: 'memref.load' would run on the host in a GPU model, which only allocates, views and launches kernels; it has no GPU lowering yet
// RUN: fpx-compile %s --entry=extract --target=cpu -o %t/cpu.fpx

func.func @main(%x: tensor<4x32xf32>, %w: tensor<32x16xf32>) -> tensor<4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x16xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x32xf32>, tensor<32x16xf32>) outs(%init : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// A scalar read from a tensor on the host.
func.func @extract(%x: tensor<4xf32>) -> tensor<1xf32> {
  %c1 = arith.constant 1 : index
  %v = tensor.extract %x[%c1] : tensor<4xf32>
  %t = tensor.from_elements %v : tensor<1xf32>
  return %t : tensor<1xf32>
}

// A GEMM tuning table that cannot be read stops the compile:
// RUN: not fpx-compile %s --target=cuda --gemm-tuning-table=%t/missing.json -o %t/t.fpx 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TABLE
// TABLE: error: fpx-gpu-gemm-kernels: cannot read tuning table '{{.*}}missing.json'
