// fpx-run binds the globals module.mlir declares to the tensors of
// weights.safetensors: every broken weights file and every disagreement
// between signature.json, the module and the file is one error line naming
// the file and tensor, with exit status 1. Version-1 artifacts (weights
// embedded in module.mlir) still run.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: fpx-compile %s --quantize=fp4 -o %t/model.fpx
// RUN: %python %S/Inputs/npy_tool.py write %t/x.npy '<f4' 8x8 1
// RUN: fpx-run %t/model.fpx --input x=%t/x.npy --output %t/out.npz
// RUN: %python %S/Inputs/npy_tool.py print %t/out.npz | FileCheck %s --check-prefix=OK
// The weights are multiples of 0.25 up to 2: FP4 with the searched scale 0.5
// holds them exactly, and y = ones x W is their column sums.
// OK-DAG: y: <f4 [8, 4] [2.25, 3.75, 2, 2.25, 2.25,
// OK-DAG: masked: <f4 [8, 8] [1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0,
// The words (I32), scales (F16) and the boolean mask are all bound.
// RUN: %python %S/Inputs/npy_tool.py safetensors %t/model.fpx/weights.safetensors | FileCheck %s --check-prefix=TENSORS
// TENSORS:      tensor mask: BOOL [8, 8]
// TENSORS-NEXT: tensor proj.scales: F16 [4]
// TENSORS-NEXT: tensor proj.words: I32 [512]
// RUN: FileCheck %s --check-prefix=MODULE --implicit-check-not='tensor<8x8xi1>' < %t/model.fpx/module.mlir
// MODULE: llvm.mlir.global external constant @fpx_weight.mask() {{.*}} : !llvm.array<8 x array<8 x i1>>
// RUN: cp %t/model.fpx/weights.safetensors %t/weights

// The file is missing, truncated or not safetensors.
// RUN: cp -r %t/model.fpx %t/nofile.fpx && rm %t/nofile.fpx/weights.safetensors
// RUN: not fpx-run %t/nofile.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: fpx-run: error: {{.*}}nofile.fpx/weights.safetensors: No such file or directory
// RUN: cp -r %t/model.fpx %t/bad.fpx && head -c 4 %t/weights > %t/bad.fpx/weights.safetensors
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=SHORT
// SHORT: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: truncated: 4 bytes, not even the 8-byte header size
// RUN: head -c 64 %t/weights > %t/bad.fpx/weights.safetensors
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=HEADER
// HEADER: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: truncated or not safetensors: the header size {{[0-9]+}} exceeds the 56 bytes after it
// RUN: %python -c "import sys; d = open(sys.argv[1], 'rb').read(); open(sys.argv[2], 'wb').write(d[:-4])" %t/weights %t/bad.fpx/weights.safetensors
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=DATA
// DATA: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: tensor 'mask': data_offsets [2056, 2120] exceed the 2116 bytes of data (the file is truncated or corrupt)
// RUN: cp %s %t/bad.fpx/weights.safetensors
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=TEXT
// TEXT: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: truncated or not safetensors: the header size {{[0-9]+}} exceeds the {{[0-9]+}} bytes after it
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors header '{"mask": '
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=JSON
// JSON: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: invalid JSON header: [1:9, byte=9]: Unexpected EOF
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors header '[]      '
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=NOTOBJECT
// NOTOBJECT: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: the header is not a JSON object

// A tensor the model needs is absent, or of another dtype or shape.
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors drop proj.scales
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=DROP
// DROP: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: no tensor 'proj.scales'; the model needs it as F16 [4]
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors dtype proj.scales BF16
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: tensor 'proj.scales' has dtype BF16; the model needs F16
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors dtype proj.scales F32
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=DTYPESIZE
// DTYPESIZE: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: tensor 'proj.scales': data_offsets span 8 bytes, but dtype F32 and its shape need 16
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors dtype proj.scales F8
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: tensor 'proj.scales': missing or unknown dtype
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors shape mask 4x16
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: tensor 'mask' has shape [4, 16]; the model needs [8, 8]
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors shape mask -8x-8
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// NEGATIVE: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: tensor 'mask': sizes must be non-negative integers
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors shape mask 4294967296x4294967296
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// OVERFLOW: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: tensor 'mask': the shape's byte size overflows 64 bits

// Offsets out of bounds or misaligned (the scales are at 2048..2056, after
// the 512 words), and booleans other than 0 and 1.
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors offsets mask 2056 1000000
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=BOUNDS
// BOUNDS: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: tensor 'mask': data_offsets [2056, 1000000] exceed the 2120 bytes of data (the file is truncated or corrupt)
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors offsets mask 2000 1000
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=REVERSED
// REVERSED: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: tensor 'mask': data_offsets must be [begin, end] with 0 <= begin <= end
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors offsets proj.scales 2049 2057
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=ALIGN
// ALIGN: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: tensor 'proj.scales' is not aligned to its 2-byte elements in the file; its data_offsets must be a multiple of the element size
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/bad.fpx/weights.safetensors set mask 3 2
// RUN: not fpx-run %t/bad.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=BOOL
// BOOL: fpx-run: error: {{.*}}bad.fpx/weights.safetensors: tensor 'mask' (BOOL) holds a byte other than 0 or 1

// signature.json and module.mlir disagree on the weights.
// RUN: cp -r %t/model.fpx %t/sig.fpx
// RUN: %python %S/Inputs/npy_tool.py edit-signature %t/model.fpx/signature.json %t/sig.fpx/signature.json drop fpx_weight.mask
// RUN: not fpx-run %t/sig.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=UNBOUND
// UNBOUND: fpx-run: error: signature.json does not describe {{.*}}sig.fpx/module.mlir: the module declares the weight @fpx_weight.mask, which no tensor of weights.safetensors is bound to
// RUN: %python %S/Inputs/npy_tool.py edit-signature %t/model.fpx/signature.json %t/sig.fpx/signature.json symbol fpx_weight.mask fpx_weight.other
// RUN: not fpx-run %t/sig.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=UNDECLARED
// UNDECLARED: fpx-run: error: signature.json does not describe {{.*}}sig.fpx/module.mlir: weight 'mask' (BOOL [8, 8]) is bound to @fpx_weight.other, which the module does not declare
// The file agrees with signature.json, but the module reads more bytes.
// RUN: %python %S/Inputs/npy_tool.py edit-signature %t/model.fpx/signature.json %t/sig.fpx/signature.json shape fpx_weight.mask 4x8
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights %t/sig.fpx/weights.safetensors shape mask 4x8 offsets mask 2056 2088
// RUN: not fpx-run %t/sig.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=SIZE
// SIZE: fpx-run: error: signature.json does not describe {{.*}}sig.fpx/module.mlir: weight 'mask' (BOOL [4, 8]) has 32 bytes, but @fpx_weight.mask in the module has 64
// RUN: sed -e 's/"dtype": "BOOL"/"dtype": "B1"/' %t/model.fpx/signature.json > %t/sig.fpx/signature.json
// RUN: not fpx-run %t/sig.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=SIGDTYPE
// SIGDTYPE: fpx-run: error: {{.*}}sig.fpx/signature.json: expected a safetensors dtype (F64, F32, F16, BF16, I64, I32, I16, I8, U64, U32, U16, U8, BOOL) at signature.json.weights.tensors[2].dtype

// Constants shared by packed weights: a tensor each, bound each (shared
// scales are written twice), and a tied weight once.
// RUN: fpx-compile %S/Inputs/shared-constants.mlir -o %t/shared.fpx
// RUN: %python %S/Inputs/npy_tool.py safetensors %t/shared.fpx/weights.safetensors | FileCheck %s --check-prefix=SHARED
// SHARED:      tensor first.scales: F16 [4]
// SHARED-NEXT: tensor first.words: I32 [512]
// SHARED-NEXT: tensor second.scales: F16 [4]
// SHARED-NEXT: tensor second.words: I32 [512]
// SHARED-NEXT: metadata
// RUN: %python %S/Inputs/npy_tool.py write %t/ones.npy '<f4' 2x8 1
// RUN: fpx-run %t/shared.fpx --input arg0=%t/ones.npy --output %t/shared.npz
// RUN: %python %S/Inputs/npy_tool.py print %t/shared.npz | FileCheck %s --check-prefix=SHAREDOUT
// SHAREDOUT: result0: <f4 [2, 4] [4, 8, 12, 16, 4, 8, 12, 16]
// SHAREDOUT: result1: <f4 [2, 4] [8, 16, 24, 32, 8, 16, 24, 32]
// SHAREDOUT: result2: <f4 [2, 4] [4, 8, 12, 16, 4, 8, 12, 16]

// A version-1 artifact, written by fpx-compile before the weights moved
// out (commit b4ded33, from fpx-compile.mlir with --quantize=fp4): its
// module embeds them, and it runs without reading weights.safetensors.
// RUN: FileCheck %s --check-prefix=V1 < %S/Inputs/version1.fpx/signature.json
// V1: "fpx_artifact_version": 1,
// V1: "embedded_in_module": true,
// RUN: cp -r %S/Inputs/version1.fpx %t/version1.fpx && rm %t/version1.fpx/weights.safetensors
// RUN: %python %S/Inputs/npy_tool.py write %t/x2.npy '<f4' 2x8 1 2 0 0 0 0 0 1 0 0 1 0 -1 0 0 0
// RUN: fpx-run %t/version1.fpx --input x=%t/x2.npy --output %t/v1.npz
// RUN: %python %S/Inputs/npy_tool.py print %t/v1.npz | FileCheck %s --check-prefix=V1OUT
// V1OUT: y: <f4 [2, 4] [4.9989, 0.833252, -0.499756, 6.16528, -2.33252, 1.99976, 1.99976, 0.500122]

func.func @main(%x: tensor<8x8xf32> loc("x"))
    -> (tensor<8x4xf32> {jax.result_info = "y"},
        tensor<8x8xf32> {jax.result_info = "masked"}) {
  %w = arith.constant dense<[[ 0.5, -1.0,  0.25, 2.0],
                             [ 1.0,  0.0, -0.5,  1.5],
                             [-2.0,  0.5,  1.0,  0.0],
                             [ 0.25, 1.0,  2.0, -1.0],
                             [ 1.5, -0.5,  0.0,  0.5],
                             [ 0.0,  2.0, -1.0,  0.25],
                             [-1.0,  0.25, 0.5, -2.0],
                             [ 2.0,  1.5, -0.25, 1.0]]> : tensor<8x4xf32>
  // A causal mask, as ONNX exports carry them: 64 one-byte booleans.
  %mask = arith.constant dense<[
      [true, false, false, false, false, false, false, false],
      [true, true, false, false, false, false, false, false],
      [true, true, true, false, false, false, false, false],
      [true, true, true, true, false, false, false, false],
      [true, true, true, true, true, false, false, false],
      [true, true, true, true, true, true, false, false],
      [true, true, true, true, true, true, true, false],
      [true, true, true, true, true, true, true, true]]> : tensor<8x8xi1> loc("mask")
  %zero = arith.constant 0.0 : f32
  %zeros = arith.constant dense<0.0> : tensor<8x8xf32>
  %e = tensor.empty() : tensor<8x4xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<8x4xf32>) -> tensor<8x4xf32>
  %y = linalg.matmul ins(%x, %w : tensor<8x8xf32>, tensor<8x4xf32>)
                     outs(%acc : tensor<8x4xf32>) -> tensor<8x4xf32> loc("proj")
  %masked = arith.select %mask, %x, %zeros : tensor<8x8xi1>, tensor<8x8xf32>
  return %y, %masked : tensor<8x4xf32>, tensor<8x8xf32>
}
