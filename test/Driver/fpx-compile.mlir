// fpx-compile on a func/linalg model: what each --emit gives, the artifact
// folder (signature.json, weights.safetensors read back), progress lines,
// --skip, the default output name, and a run of the artifact.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/npy_tool.py write %t/x.npy '<f4' 2x8 1 2 0 0 0 0 0 1 0 0 1 0 -1 0 0 0
//
// --emit=mlir: the module on tensors after quantization.
// RUN: fpx-compile %s --emit=mlir --quantize=fp4 --group-size=4 | FileCheck %s --check-prefix=MLIR
// MLIR:     fpx.qmatmul {{.*}}#fpx.packing<format = e2m1, rows = 4, cols = 8, group_size = 4, layout = tc_fpx>
// MLIR-NOT: linalg.matmul
//
// --emit=llvm: the artifact's module.mlir, entry with a C interface.
// RUN: fpx-compile %s --emit=llvm --quantize=fp4 -o %t/module.mlir
// The weights are declared, not embedded: their bytes are in
// weights.safetensors only (the 32-byte bias is too small to move).
// RUN: FileCheck %s --check-prefix=LLVM --implicit-check-not='tensor<512xi32>' \
// RUN:   --implicit-check-not='tensor<4xf16>' --implicit-check-not='-8.000000e+00' < %t/module.mlir
// LLVM-DAG: llvm.mlir.global external constant @fpx_weight.proj.words() {{.*}} : !llvm.array<512 x i32>
// LLVM-DAG: llvm.mlir.global external constant @fpx_weight.proj.scales() {{.*}} : !llvm.array<4 x f16>
// LLVM-DAG: llvm.mlir.global external constant @fpx_weight.table() {{.*}} : !llvm.array<2 x array<8 x f32>>
// LLVM-DAG: llvm.mlir.global private constant @__constant_2x4xf32(dense<{{.*}}> : tensor<2x4xf32>)
// LLVM: llvm.func @main({{.*}} attributes {llvm.emit_c_interface}
// LLVM: llvm.func @_mlir_ciface_main(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) attributes {llvm.emit_c_interface}
//
// The artifact, with a line per phase.
// RUN: fpx-compile %s --quantize=fp4 -o %t/fp4.fpx --progress 2>&1 | FileCheck %s --check-prefix=PROGRESS
// PROGRESS:      {{\[ *[0-9.]+ s\]}} parsing {{.*}}fpx-compile.mlir
// PROGRESS-NEXT: {{\[ *[0-9.]+ s\]}} quantizing matmul weights to e2m1
// PROGRESS-NEXT: 1 matmul weights packed now, 0 quantized when the model runs
// PROGRESS-NEXT: {{\[ *[0-9.]+ s\]}} lowering to the LLVM dialect (CPU pipeline)
// PROGRESS-NEXT: {{\[ *[0-9.]+ s\]}} writing {{.*}}fp4.fpx
// PROGRESS-NEXT: {{\[ *[0-9.]+ s\]}} done
// RUN: FileCheck %s --check-prefix=SIG < %t/fp4.fpx/signature.json
// SIG:      "entry": "main",
// SIG-NEXT: "fpx_artifact_version": 2,
// SIG-NEXT: "inputs": [
// SIG-NEXT:   {
// SIG-NEXT:     "dtype": "f32",
// SIG-NEXT:     "name": "x",
// SIG-NEXT:     "shape": [
// SIG-NEXT:       2,
// SIG-NEXT:       8
// SIG-NEXT:     ],
// SIG-NEXT:     "weight": false
// SIG-NEXT:   }
// SIG-NEXT: ],
// SIG-NEXT: "outputs": [
// SIG-NEXT:   {
// SIG-NEXT:     "dtype": "f32",
// SIG-NEXT:     "name": "y",
// SIG:          "name": "result1",
// SIG:      "quantization": {
// SIG-NEXT:   "format": "e2m1",
// SIG-NEXT:   "group_size": 0,
// SIG-NEXT:   "packed_constant_weights": 1,
// SIG-NEXT:   "runtime_weights": 0,
// SIG-NEXT:   "skip": [],
// SIG-NEXT:   "weight_arguments": false
// SIG-NEXT: },
// SIG-NEXT: "target": "cpu",
// SIG-NEXT: "weights": {
// SIG-NEXT:   "file": "weights.safetensors",
// SIG-NEXT:   "tensors": [
// SIG-NEXT:     {
// SIG-NEXT:       "dtype": "I32",
// SIG-NEXT:       "shape": [
// SIG-NEXT:         512
// SIG-NEXT:       ],
// SIG-NEXT:       "symbol": "fpx_weight.proj.words",
// SIG-NEXT:       "tensor": "proj.words"
// SIG-NEXT:     },
// SIG-NEXT:     {
// SIG-NEXT:       "dtype": "F16",
// SIG:            "symbol": "fpx_weight.proj.scales",
// SIG-NEXT:       "tensor": "proj.scales"
// SIG:            "symbol": "fpx_weight.table",
// SIG-NEXT:       "tensor": "table"
// SIG-NEXT:     }
// SIG-NEXT:   ]
// SIG-NEXT: }
//
// weights.safetensors: the packed weight under the matmul's location name,
// the 64-byte table; the 32-byte bias is too small to count as a weight.
// RUN: %python %S/Inputs/npy_tool.py safetensors %t/fp4.fpx/weights.safetensors | FileCheck %s --check-prefix=WEIGHTS
// WEIGHTS:      tensor proj.scales: F16 [4]
// WEIGHTS-NEXT: tensor proj.words: I32 [{{[0-9]+}}]
// WEIGHTS-NEXT: tensor table: F32 [2, 8]
// WEIGHTS-NEXT: metadata fpx_artifact_version: 2
// WEIGHTS-NEXT: metadata proj.packing: #fpx.packing<format = e2m1, rows = 4, cols = 8, layout = tc_fpx>
// Every output channel has absmax 2 and its weights are multiples of 0.25;
// E2M1's values are 0, 0.5, 1, 1.5, 2, 3, 4, 6. The scale search passes over
// fp16(2/6) (2 -> 6.0015 saturates) to 2/6 * 24/16 = 0.5, with which every
// weight is an E2M1 value times 0.5: the FP4 weights are exact.
// RUN: %python %S/Inputs/npy_tool.py print-tensor %t/fp4.fpx/weights.safetensors proj.scales | FileCheck %s --check-prefix=SCALES
// SCALES: proj.scales: F16 [4] [0.5, 0.5, 0.5, 0.5]
// RUN: %python %S/Inputs/npy_tool.py print-tensor %t/fp4.fpx/weights.safetensors table | FileCheck %s --check-prefix=TABLE
// TABLE: table: F32 [2, 8] [1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8]
//
// fpx-run reads the weights from weights.safetensors: the FP4 model's
// outputs (those of the unquantized model, below), then with the scale of
// output channel 0 doubled in the file (y[:, 0] - bias doubles: 4.5 -> 9,
// -3.5 -> -7), then with the file restored.
// RUN: fpx-run %t/fp4.fpx --input x=%t/x.npy --output %t/fp4.npz
// RUN: %python %S/Inputs/npy_tool.py print %t/fp4.npz | FileCheck %s --check-prefix=FP4
// FP4: y: <f4 [2, 4] [5, 1, -0.5, 6.5, -2.5, 2, 2, 0.5]
// RUN: cp %t/fp4.fpx/weights.safetensors %t/weights.saved
// RUN: %python %S/Inputs/npy_tool.py edit-safetensors %t/weights.saved %t/fp4.fpx/weights.safetensors set proj.scales 0 1.0
// RUN: fpx-run %t/fp4.fpx --input x=%t/x.npy --output %t/fp4-edited.npz
// RUN: %python %S/Inputs/npy_tool.py print %t/fp4-edited.npz | FileCheck %s --check-prefix=EDITED
// EDITED: y: <f4 [2, 4] [9.5, 1, -0.5, 6.5, -6, 2, 2, 0.5]
// RUN: cp %t/weights.saved %t/fp4.fpx/weights.safetensors
// RUN: fpx-run %t/fp4.fpx --input x=%t/x.npy --output %t/fp4-restored.npz
// RUN: cmp %t/fp4.npz %t/fp4-restored.npz
//
// --skip matches location names and function names.
// RUN: fpx-compile %s --quantize=fp4 --skip=proj -o %t/skip.fpx 2>&1 | FileCheck %s --check-prefix=SKIP
// RUN: fpx-compile %s --quantize=fp4 --skip=other,main -o %t/skip.fpx 2>&1 | FileCheck %s --check-prefix=SKIP
// SKIP: warning: nothing was quantized
//
// Without -o the folder is named after the input.
// RUN: cp %s %t/model.mlir
// RUN: fpx-compile %t/model.mlir
// RUN: ls %t/model.fpx | FileCheck %s --check-prefix=FILES
// FILES:      module.mlir
// FILES-NEXT: signature.json
// FILES-NEXT: weights.safetensors
//
// The unquantized model runs exactly: y = x W + bias, x * table.
// RUN: fpx-run %t/model.fpx --input x=%t/x.npy --output %t/out.npz
// RUN: %python %S/Inputs/npy_tool.py print %t/out.npz | FileCheck %s --check-prefix=OUT
// OUT-DAG: y: <f4 [2, 4] [5, 1, -0.5, 6.5, -2.5, 2, 2, 0.5]
// OUT-DAG: result1: <f4 [2, 8] [1, 4, 0, 0, 0, 0, 0, 8, -0, -0, -3, -0, 5, -0, -0, -0]

func.func @main(%x: tensor<2x8xf32> loc("x"))
    -> (tensor<2x4xf32> {jax.result_info = "y"}, tensor<2x8xf32>) {
  %w = arith.constant dense<[[ 0.5, -1.0,  0.25, 2.0],
                             [ 1.0,  0.0, -0.5,  1.5],
                             [-2.0,  0.5,  1.0,  0.0],
                             [ 0.25, 1.0,  2.0, -1.0],
                             [ 1.5, -0.5,  0.0,  0.5],
                             [ 0.0,  2.0, -1.0,  0.25],
                             [-1.0,  0.25, 0.5, -2.0],
                             [ 2.0,  1.5, -0.25, 1.0]]> : tensor<8x4xf32>
  %bias = arith.constant dense<[[0.5, 0.5, 0.5, 0.5], [1.0, 1.0, 1.0, 1.0]]> : tensor<2x4xf32>
  %table = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
      [-1.0, -2.0, -3.0, -4.0, -5.0, -6.0, -7.0, -8.0]]> : tensor<2x8xf32> loc("table")
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x4xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
  %xw = linalg.matmul ins(%x, %w : tensor<2x8xf32>, tensor<8x4xf32>)
                      outs(%acc : tensor<2x4xf32>) -> tensor<2x4xf32> loc("proj")
  %y = arith.addf %xw, %bias : tensor<2x4xf32>
  %scaled = arith.mulf %x, %table : tensor<2x8xf32>
  return %y, %scaled : tensor<2x4xf32>, tensor<2x8xf32>
}
