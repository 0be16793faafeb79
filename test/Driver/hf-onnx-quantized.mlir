// Issue 4's accuracy bar on the real torch dynamo exports of tiny random HF
// models (2 layers, hidden 64, vocabulary 256; Inputs/hf of the ONNX tests):
// with FP6 weights, top-1 token agreement >= 99% and logits cosine >= 0.999
// against the unquantized run (which matches torch's own logits). Each
// configuration is compiled with fpx-compile and run with fpx-run on the
// fixture's 2 x 8 tokens (through fpx-import-onnx first) and on 16 x 32
// random tokens (seed 0, straight from the .onnx): 16 positions cannot tell
// 99% from 94%, 512 can. Every configuration measured, and why the LLaMA
// export cannot meet the bar: docs/Numerics.md, "Quantization accuracy".
// The same LLaMA trained before export meets it with plain --quantize=fp6:
// hf-onnx-quantized-trained.mlir.
//
// RUN: %python -c "import numpy as np, sys; d = np.load(sys.argv[1]); np.save(sys.argv[2], d['input_ids'])" \
// RUN:   %S/../Frontend/ONNX/Inputs/hf/gpt2.npz %t.gpt2.ids.npy
// RUN: %python -c "import numpy as np, sys; np.save(sys.argv[1], np.random.RandomState(0).randint(0, 256, (16, 32)).astype(np.int64))" %t.random.npy
//
// GPT-2. The bar is met by FP6 (E3M2) with the LM head skipped and groups
// of 32 (one scale per 32 K elements; the GPU GEMM takes groups of any
// multiple of 16): every fixture token agrees, cosine measured 0.99941;
// 510 of 512 random tokens, cosine 0.99948. With absmax / 28 scales (before
// the scale search) these were 0.99904 and 0.99924, so the cosine bands
// below fail on that quantizer.
// RUN: fpx-import-onnx %S/../Frontend/ONNX/Inputs/hf/gpt2.onnx --input-shape input_ids=2x8 -o %t.gpt2.mlir
// RUN: fpx-compile %t.gpt2.mlir --entry=forward --quantize=none -o %t.gpt2.ref.fpx
// RUN: fpx-compile %t.gpt2.mlir --entry=forward --quantize=fp6 --group-size=32 --skip=lm_head -o %t.gpt2.g32.fpx
// RUN: fpx-run %t.gpt2.ref.fpx --input input_ids=%t.gpt2.ids.npy --output %t.gpt2.ref.npy
// RUN: fpx-run %t.gpt2.g32.fpx --input input_ids=%t.gpt2.ids.npy --output %t.gpt2.g32.npy
// RUN: %python %S/Inputs/compare_logits.py %t.gpt2.ref.npy %t.gpt2.g32.npy \
// RUN:   %S/../Frontend/ONNX/Inputs/hf/gpt2.npz | FileCheck %s --check-prefix=GPT2-G32
// GPT2-G32: reference vs framework max abs: {{[0-9]\.[0-9]+e-0[7-9]}}
// GPT2-G32: top-1 agreement: 1.0000 (16 of 16)
// GPT2-G32: cosine: 0.999{{[3-9][0-9]*}}
//
// RUN: fpx-compile %S/../Frontend/ONNX/Inputs/hf/gpt2.onnx --input-shape input_ids=16x32 --quantize=none -o %t.gpt2.rref.fpx
// RUN: fpx-compile %S/../Frontend/ONNX/Inputs/hf/gpt2.onnx --input-shape input_ids=16x32 --quantize=fp6 --group-size=32 --skip=lm_head -o %t.gpt2.rg32.fpx
// RUN: fpx-run %t.gpt2.rref.fpx --input input_ids=%t.random.npy --output %t.gpt2.rref.npy
// RUN: fpx-run %t.gpt2.rg32.fpx --input input_ids=%t.random.npy --output %t.gpt2.rg32.npy
// RUN: %python %S/Inputs/compare_logits.py %t.gpt2.rref.npy %t.gpt2.rg32.npy | FileCheck %s --check-prefix=GPT2-RG32
// GPT2-RG32: top-1 agreement: {{0\.99[0-9]+|1\.0000}} ({{50[7-9]|51[0-2]}} of 512)
// GPT2-RG32: cosine: 0.999{{[4-9][0-9]*}}
//
// Per channel (no groups), LM head skipped, the configuration of the issue:
// every fixture token, cosine 0.99915 (absmax scales: 0.99889); 507 of 512
// random tokens (99.02%, the least count that meets 99%), cosine 0.99931.
// RUN: fpx-compile %t.gpt2.mlir --entry=forward --quantize=fp6 --skip=lm_head -o %t.gpt2.fp6.fpx
// RUN: fpx-run %t.gpt2.fp6.fpx --input input_ids=%t.gpt2.ids.npy --output %t.gpt2.fp6.npy
// RUN: %python %S/Inputs/compare_logits.py %t.gpt2.ref.npy %t.gpt2.fp6.npy | FileCheck %s --check-prefix=GPT2-FP6
// GPT2-FP6: top-1 agreement: 1.0000 (16 of 16)
// GPT2-FP6: cosine: 0.999{{[1-9][0-9]*}}
// RUN: fpx-compile %S/../Frontend/ONNX/Inputs/hf/gpt2.onnx --input-shape input_ids=16x32 --quantize=fp6 --skip=lm_head -o %t.gpt2.rfp6.fpx
// RUN: fpx-run %t.gpt2.rfp6.fpx --input input_ids=%t.random.npy --output %t.gpt2.rfp6.npy
// RUN: %python %S/Inputs/compare_logits.py %t.gpt2.rref.npy %t.gpt2.rfp6.npy | FileCheck %s --check-prefix=GPT2-RFP6
// GPT2-RFP6: top-1 agreement: {{0\.9[89][0-9]+}} ({{50[2-9]|51[0-2]}} of 512)
// GPT2-RFP6: cosine: 0.999{{[2-9][0-9]*}}
//
// LLaMA: no configuration meets the bar. Its random logits are nearly flat
// (the median gap between the two largest is 0.24 of their standard
// deviation, GPT-2's 1.6), so any 6-bit weight noise swaps top tokens: the
// best of all configurations reaches 97.9% of the random tokens (E2M3,
// groups of 64, LM head skipped). Cosine >= 0.999 is met by E2M3 in every
// configuration and by FP6 with groups of 32 or 16 and the LM head skipped.
// Recorded here: E2M3 per channel with the LM head (the exporter renames its
// weight val_357) quantized, and FP6 per channel.
// RUN: %python -c "import numpy as np, sys; d = np.load(sys.argv[1]); np.save(sys.argv[2], d['input_ids'])" \
// RUN:   %S/../Frontend/ONNX/Inputs/hf/llama.npz %t.llama.ids.npy
// RUN: fpx-import-onnx %S/../Frontend/ONNX/Inputs/hf/llama.onnx --input-shape input_ids=2x8 -o %t.llama.mlir
// RUN: fpx-compile %t.llama.mlir --entry=forward --quantize=none -o %t.llama.ref.fpx
// RUN: fpx-compile %t.llama.mlir --entry=forward --quantize=e2m3 -o %t.llama.e2m3.fpx
// RUN: fpx-run %t.llama.ref.fpx --input input_ids=%t.llama.ids.npy --output %t.llama.ref.npy
// RUN: fpx-run %t.llama.e2m3.fpx --input input_ids=%t.llama.ids.npy --output %t.llama.e2m3.npy
// RUN: %python %S/Inputs/compare_logits.py %t.llama.ref.npy %t.llama.e2m3.npy \
// RUN:   %S/../Frontend/ONNX/Inputs/hf/llama.npz | FileCheck %s --check-prefix=LLAMA-E2M3
// Measured 12 of 16 (absmax scales: 13), cosine 0.99921 (absmax: 0.99902).
// LLAMA-E2M3: reference vs framework max abs: {{[0-9]\.[0-9]+e-0[7-9]}}
// LLAMA-E2M3: top-1 agreement: {{0\.(6875|7500|8125|8750)}}
// LLAMA-E2M3: cosine: 0.999{{[1-9][0-9]*}}
//
// RUN: fpx-compile %S/../Frontend/ONNX/Inputs/hf/llama.onnx --input-shape input_ids=16x32 --quantize=none -o %t.llama.rref.fpx
// RUN: fpx-compile %S/../Frontend/ONNX/Inputs/hf/llama.onnx --input-shape input_ids=16x32 --quantize=e2m3 -o %t.llama.re2m3.fpx
// RUN: fpx-compile %S/../Frontend/ONNX/Inputs/hf/llama.onnx --input-shape input_ids=16x32 --quantize=fp6 -o %t.llama.rfp6.fpx
// RUN: fpx-run %t.llama.rref.fpx --input input_ids=%t.random.npy --output %t.llama.rref.npy
// RUN: fpx-run %t.llama.re2m3.fpx --input input_ids=%t.random.npy --output %t.llama.re2m3.npy
// RUN: fpx-run %t.llama.rfp6.fpx --input input_ids=%t.random.npy --output %t.llama.rfp6.npy
// Measured E2M3 497 of 512 (97.1%), cosine 0.99942 (absmax 0.99930);
// FP6 460 of 512 (89.8%), cosine 0.99801 (absmax 0.99746).
// RUN: %python %S/Inputs/compare_logits.py %t.llama.rref.npy %t.llama.re2m3.npy | FileCheck %s --check-prefix=LLAMA-RE2M3
// LLAMA-RE2M3: top-1 agreement: 0.9{{[5-8][0-9]+}}
// LLAMA-RE2M3: cosine: 0.999{{[45][0-9]*}}
// RUN: %python %S/Inputs/compare_logits.py %t.llama.rref.npy %t.llama.rfp6.npy | FileCheck %s --check-prefix=LLAMA-RFP6
// LLAMA-RFP6: top-1 agreement: {{0\.(8[7-9]|9[0-2])[0-9]+}}
// LLAMA-RFP6: cosine: 0.99{{(7[7-9]|8[0-9])[0-9]*}}
