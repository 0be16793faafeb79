// fpx-compile's errors: bad options are rejected before any work, and
// errors in the model point at the op or argument concerned. The exit
// status is 1.
//
// RUN: rm -rf %t && mkdir -p %t

// Options.
// RUN: not fpx-compile %s --quantize=fp7 -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=QUANTIZE
// QUANTIZE: fpx-compile: error: unknown --quantize value 'fp7'; expected fp6, fp5, fp4, e2m3 (or e3m2, e2m2, e2m1), or none
// RUN: not fpx-compile %s --target=cuda:sm_70 -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=CUDA -DCHIP=sm_70
// RUN: not fpx-compile %s --target=cuda:sm_9x -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=CUDA -DCHIP=sm_9x
// CUDA: fpx-compile: error: unknown target 'cuda:[[CHIP]]'; expected cpu, cuda (= cuda:sm_90) or cuda:sm_<NN> with NN >= 80, e.g. cuda:sm_80, cuda:sm_90a
// RUN: not fpx-compile %s --target=tpu -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=TARGET
// TARGET: fpx-compile: error: unknown target 'tpu'; expected cpu, cuda (= cuda:sm_90) or cuda:sm_<NN> with NN >= 80
// RUN: not fpx-compile %s --group-size=-2 -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=GROUP
// GROUP: fpx-compile: error: --group-size must be 0 (one scale per output channel) or positive, got -2
// RUN: not fpx-compile %t/absent.mlir 2>&1 | FileCheck %s --check-prefix=NOINPUT
// NOINPUT: fpx-compile: error: cannot open input file '{{.*}}absent.mlir': No such file or directory
// RUN: not fpx-compile < %s 2>&1 | FileCheck %s --check-prefix=STDIN
// STDIN: fpx-compile: error: -o <folder> is needed when the model comes from stdin
// RUN: touch %t/file
// RUN: not fpx-compile %s -o %t/file 2>&1 | FileCheck %s --check-prefix=NOTFOLDER
// NOTFOLDER: fpx-compile: error: {{.*}}file: exists and is not a folder

// The model.
// RUN: echo 'func.func @main(' | not fpx-compile - -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: <stdin>:1:17: error: expected non-function type
// RUN: not fpx-compile %s --entry=absent -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=ENTRY
// ENTRY: error: no function @absent to compile (choose another with --entry); the module's public functions are @main, @bytes, @scalar, @nan
// RUN: not fpx-compile %s --entry=declared -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=DECLARED
// DECLARED: fpx-compile-errors.mlir:[[# @LINE + 27]]:1: error: the entry function @declared has no body
// RUN: not fpx-compile %s --entry=bytes -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=BYTES
// BYTES: fpx-compile-errors.mlir:[[# @LINE + 15]]:18: error: entry argument #0 of @bytes has type 'tensor<4xi8>'; model inputs and outputs must be ranked tensors of f32, f16, bf16, i32, i64
// RUN: not fpx-compile %s --entry=scalar -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=SCALAR
// SCALAR: fpx-compile-errors.mlir:[[# @LINE + 17]]:1: error: result #0 of @scalar has type 'f32'; model inputs and outputs must be ranked tensors of f32, f16, bf16, i32, i64
// RUN: not fpx-compile %s --entry=nan --quantize=fp6 -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=NAN
// NAN: fpx-compile-errors.mlir:[[# @LINE + 28]]:8: error: 'linalg.matmul' op cannot quantize its constant weight: weight at row 1, col 0 is NaN
// NAN-NOT: see current operation
// RUN: not fpx-compile %S/Inputs/dynamic-shape.mlir -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=FRONTEND
// FRONTEND: dynamic-shape.mlir:3:8: error: 'stablehlo.add' op cannot be lowered to linalg: 'tensor<?xf32>' has a dynamic shape
// The folder is not written when compilation fails.
// RUN: not ls %t/m.fpx

func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}

func.func @bytes(%x: tensor<4xi8>) -> tensor<4xi8> {
  return %x : tensor<4xi8>
}

func.func @scalar(%x: tensor<4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %e = tensor.extract %x[%c0] : tensor<4xf32>
  return %e : f32
}

func.func private @declared(%x: tensor<4xf32>) -> tensor<4xf32>

func.func @nan(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[1.0, 0x7FC00000], [2.0, 3.0]]> : tensor<2x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x2xf32>, tensor<2x2xf32>)
                     outs(%acc : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// More than 2^60 elements: the artifact's code would compute a byte size
// that wraps and write past its allocation (fpx-run crashed on it).
// RUN: not fpx-compile %S/Inputs/huge-tensor.mlir -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=HUGE
// HUGE: huge-tensor.mlir:4:8: error: type 'tensor<4611686018427387904x4xi32>' has more than 2^60 elements; FPX compiles smaller tensors only
