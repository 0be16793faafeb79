// Real torch dynamo exports of tiny random HF models (2 layers, hidden 64,
// vocabulary 256; Inputs/hf of the ONNX tests, made on the GPU machine) go
// through fpx-import-onnx, fpx-compile and fpx-run unquantized and with
// FP6 (E3M2) or E2M3 weights; the quantized logits are compared with the
// unquantized run, which must match torch's own.
//
// RUN: %python -c "import numpy as np, sys; d = np.load(sys.argv[1]); np.save(sys.argv[2], d['input_ids'])" \
// RUN:   %S/../Frontend/ONNX/Inputs/hf/gpt2.npz %t.gpt2.ids.npy
// RUN: fpx-import-onnx %S/../Frontend/ONNX/Inputs/hf/gpt2.onnx --input-shape input_ids=2x8 -o %t.gpt2.mlir
// RUN: fpx-compile %t.gpt2.mlir --entry=forward --quantize=none -o %t.gpt2.ref.fpx
// RUN: fpx-compile %t.gpt2.mlir --entry=forward --quantize=fp6 --skip=lm_head -o %t.gpt2.fp6.fpx
// RUN: fpx-run %t.gpt2.ref.fpx --input input_ids=%t.gpt2.ids.npy --output %t.gpt2.ref.npy
// RUN: fpx-run %t.gpt2.fp6.fpx --input input_ids=%t.gpt2.ids.npy --output %t.gpt2.fp6.npy
// RUN: %python %S/Inputs/compare_logits.py %t.gpt2.ref.npy %t.gpt2.fp6.npy \
// RUN:   %S/../Frontend/ONNX/Inputs/hf/gpt2.npz | FileCheck %s --check-prefix=GPT2
//
// GPT-2 with FP6 weights (LM head skipped): every top-1 token agrees;
// cosine measured 0.99915 (0.99889 with absmax / 28 scales, before the
// scale search).
// GPT2: reference vs framework max abs: {{[0-9]\.[0-9]+e-0[7-9]}}
// GPT2: top-1 agreement: 1.0000
// GPT2: cosine: 0.999{{[1-9][0-9]*}}
//
// RUN: %python -c "import numpy as np, sys; d = np.load(sys.argv[1]); np.save(sys.argv[2], d['input_ids'])" \
// RUN:   %S/../Frontend/ONNX/Inputs/hf/llama.npz %t.llama.ids.npy
// RUN: fpx-import-onnx %S/../Frontend/ONNX/Inputs/hf/llama.onnx --input-shape input_ids=2x8 -o %t.llama.mlir
// RUN: fpx-compile %t.llama.mlir --entry=forward --quantize=none -o %t.llama.ref.fpx
// RUN: fpx-compile %t.llama.mlir --entry=forward --quantize=e2m3 -o %t.llama.e2m3.fpx
// RUN: fpx-run %t.llama.ref.fpx --input input_ids=%t.llama.ids.npy --output %t.llama.ref.npy
// RUN: fpx-run %t.llama.e2m3.fpx --input input_ids=%t.llama.ids.npy --output %t.llama.e2m3.npy
// RUN: %python %S/Inputs/compare_logits.py %t.llama.ref.npy %t.llama.e2m3.npy \
// RUN:   %S/../Frontend/ONNX/Inputs/hf/llama.npz | FileCheck %s --check-prefix=LLAMA
//
// LLaMA with E2M3 weights, LM head included (the exporter renames its weight
// val_<n>): measured 12 of 16 top-1 tokens (the random model's logits are
// nearly flat) and cosine 0.99921; FP6 E3M2 gives 14/16 and 0.99771. With
// absmax / max scales, before the scale search: 13/16 and 0.99902, FP6
// 12/16 and 0.99615.
// LLAMA: reference vs framework max abs: {{[0-9]\.[0-9]+e-0[7-9]}}
// LLAMA: top-1 agreement: 0.7500
// LLAMA: cosine: 0.999{{[1-9][0-9]*}}
