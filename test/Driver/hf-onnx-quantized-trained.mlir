// Issue 4's accuracy bar on a trained model: the tiny HF LLaMA of
// hf-onnx-quantized.mlir (same configuration and exporter), trained on the
// GPU machine for 1500 steps on a synthetic language (a Markov chain, each
// token followed by one of 4 tokens with probabilities 0.7 / 0.15 / 0.1 /
// 0.05; loss 0.92 nats, the chain's entropy 0.915) before export:
// `export_models.py OUT --models llama --train 1500`. Random-init logits are
// nearly flat (median top-2 gap 0.24 std), the trained model's have a margin
// (1.6 logits, 0.84 std), as real models do. With FP6 per channel and the
// LM head quantized too (plain --quantize=fp6), every token of the fixture
// (2 x 8) and of 16 held-out sequences of 32 (eval_ids in the .npz) keeps
// its top-1, and the logits' cosine is >= 0.999 (measured 0.99924 and
// 0.99927); the unquantized run matches torch's logits on both.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np, sys; d = np.load(sys.argv[1]); np.save(sys.argv[2], d['input_ids']); \
// RUN:   np.save(sys.argv[3], d['eval_ids'])" %S/../Frontend/ONNX/Inputs/hf/llama_trained.npz %t/ids.npy %t/eval.npy
//
// RUN: fpx-compile %S/../Frontend/ONNX/Inputs/hf/llama_trained.onnx --input-shape input_ids=2x8 --entry=forward \
// RUN:   --quantize=none -o %t/ref.fpx
// RUN: fpx-compile %S/../Frontend/ONNX/Inputs/hf/llama_trained.onnx --input-shape input_ids=2x8 --entry=forward \
// RUN:   --quantize=fp6 -o %t/fp6.fpx
// RUN: fpx-run %t/ref.fpx --input input_ids=%t/ids.npy --output %t/ref.npy
// RUN: fpx-run %t/fp6.fpx --input input_ids=%t/ids.npy --output %t/fp6.npy
// RUN: %python %S/Inputs/compare_logits.py %t/ref.npy %t/fp6.npy %S/../Frontend/ONNX/Inputs/hf/llama_trained.npz \
// RUN:   | FileCheck %s --check-prefix=FIXTURE
// FIXTURE: reference vs framework max abs: {{[0-9]\.[0-9]+e-0[6-9]}}
// FIXTURE: top-1 agreement: 1.0000 (16 of 16)
// FIXTURE: cosine: 0.999{{[0-9]+}}
//
// RUN: fpx-compile %S/../Frontend/ONNX/Inputs/hf/llama_trained.onnx --input-shape input_ids=16x32 --entry=forward \
// RUN:   --quantize=none -o %t/eval-ref.fpx
// RUN: fpx-compile %S/../Frontend/ONNX/Inputs/hf/llama_trained.onnx --input-shape input_ids=16x32 --entry=forward \
// RUN:   --quantize=fp6 -o %t/eval-fp6.fpx
// RUN: fpx-run %t/eval-ref.fpx --input input_ids=%t/eval.npy --output %t/eval-ref.npy
// RUN: fpx-run %t/eval-fp6.fpx --input input_ids=%t/eval.npy --output %t/eval-fp6.npy
// RUN: %python -c "import numpy as np, sys; t = np.load(sys.argv[1])['eval_logits']; r = np.load(sys.argv[2]); \
// RUN:   print('eval vs torch max rel: %%.1e' %% (abs(r - t).max() / abs(t).max()))" \
// RUN:   %S/../Frontend/ONNX/Inputs/hf/llama_trained.npz %t/eval-ref.npy | FileCheck %s --check-prefix=TORCH
// TORCH: eval vs torch max rel: {{[0-9]\.[0-9]e-0[5-9]}}
// RUN: %python %S/Inputs/compare_logits.py %t/eval-ref.npy %t/eval-fp6.npy | FileCheck %s --check-prefix=EVAL
// EVAL: top-1 agreement: 1.0000 (512 of 512)
// EVAL: cosine: 0.999{{[0-9]+}}
