// The Python API (python/fpx/compiler.py): fpx.compile with options as
// keyword arguments, fpx.load, and calling the model on NumPy arrays, on the
// real torch export of GPT-2 (ONNX) and the JAX exports of the tiny LLaMA
// (StableHLO, f32 constants and bf16 arguments), checked against the
// frameworks' stored outputs; misuse raises an exception with the tool's
// diagnostic.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: env PYTHONPATH=%fpx_python_dir FPX_TOOLS_DIR=%fpx_tools_dir \
// RUN:   %python %S/Inputs/python_api.py %S/.. %t | FileCheck %s

// CHECK: <fpx.Model {{.*}}gpt2.fpx @main(input_ids: i64[2, 8]) -> (logits: f32[2, 8, 256])>
// Measured 2.4e-7 from torch's logits; the same array by name.
// CHECK-NEXT: gpt2 float32 (2, 8, 256) vs torch: {{[0-9]\.[0-9]+e-0[7-9]}}
// CHECK-NEXT: by name equal: True
// FP6 weights (measured 0.039 from torch; 0 would mean nothing was quantized).
// CHECK-NEXT: gpt2 fp6 quantization: e3m2, 8 packed, skip ['lm_head']
// CHECK-NEXT: gpt2 fp6 vs torch: {{[0-9]\.[0-9]+e-02}}
// JAX, f32 weights closed over: measured 1.1e-6 from JAX's logits.
// CHECK-NEXT: llama path: llama_const_f32.fpx
// CHECK-NEXT: llama const vs jax: {{[0-9]\.[0-9]+e-0[6-9]}}
// JAX, bf16 arguments: measured 2.5% of the largest logit (JAX rounds to
// bf16 at other points); a wrong bf16 conversion is far above 5%.
// CHECK-NEXT: llama bf16 float32: max relative error vs jax 0.0{{[0-4][0-9]}}
// A scalar input, a tuple of outputs, bf16 ties rounded to even.
// CHECK-NEXT: identity: float32 () 2.5; float32 [1.0, 1.0, 1.015625, -inf]

// CHECK-NEXT: wrong shape: ToolError: fpx-run: error: input 'input_ids': expected shape [2, 8], got [1, 8]
// CHECK-NEXT: wrong dtype: ToolError: fpx-run: error: input 'input_ids': expected dtype i64, got i32
// CHECK-NEXT: unknown name: TypeError: unknown input 'tokens'; the model's inputs are: input_ids
// CHECK-NEXT: missing: TypeError: missing input(s): input_ids
// CHECK-NEXT: too many: TypeError: the model takes 1 input(s) (input_ids), got 2
// CHECK-NEXT: twice: TypeError: input 'input_ids' is given twice
// CHECK-NEXT: bad option: ToolError: fpx-compile: error: unknown --quantize value 'fp7'; expected fp6, fp5, fp4, e2m3 (or e3m2, e2m2, e2m1), or none
// CHECK-NEXT: no shape: ToolError: {{.*}}gpt2.onnx: error: graph input 'input_ids' has a dynamic dimension 'batch' (dimension 0 of ?x?); give its shape, e.g. --input-shape input_ids=1x1
// CHECK-NEXT: unknown option: ToolError: fpx-compile: Unknown command line argument '--colour=blue'.
// CHECK:      no artifact: FpxError: cannot read {{.*}}absent.fpx/signature.json: No such file or directory
// CHECK-NEXT: bad signature: FpxError: {{.*}}gpt2.fpx/signature.json: invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)
