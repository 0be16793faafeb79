// Issue 4's accuracy bar on the JAX LLaMA trained before export
// (`export_jax_llama.py OUT --train 3000` on the GPU machine: the same
// 1-block model as llama_const_f32.mlir, dim 32, trained with Adam on a
// synthetic Markov language to loss 0.92, the chain's entropy 0.915). Its
// logits have a margin (median top-2 gap 1.62 logits) where the random-init
// export's are nearly flat. FP6 with groups of 16 K elements (the smallest
// group the GPU GEMM takes) keeps every top-1 and a cosine >= 0.999 on the
// fixture's 8 tokens (measured 0.99901) and on 32 held-out sequences run
// as one vmapped export (256 positions, 0.99906); the unquantized runs
// match JAX. Per channel, FP6 keeps every top-1 but its cosine is 0.99880
// (docs/Numerics.md, "A trained model").
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import json, sys, numpy as np; r = json.load(open(sys.argv[1])); \
// RUN:   np.save(sys.argv[2], np.array(r['tokens'], np.int32)); np.save(sys.argv[3], np.array(r['batch_tokens'], np.int32)); \
// RUN:   np.savez(sys.argv[4], logits=np.array(r['logits'], np.float32)); \
// RUN:   np.savez(sys.argv[5], logits=np.array(r['batch_logits'], np.float32))" \
// RUN:   %S/../Frontend/StableHLO/Inputs/llama_trained_jax.json %t/tokens.npy %t/batch.npy %t/jax.npz %t/jax-batch.npz
//
// RUN: fpx-compile %S/../Frontend/StableHLO/Inputs/llama_trained_const_f32.mlir --quantize=none -o %t/ref.fpx
// RUN: fpx-compile %S/../Frontend/StableHLO/Inputs/llama_trained_const_f32.mlir --quantize=fp6 --group-size=16 -o %t/g16.fpx
// RUN: fpx-run %t/ref.fpx --input arg0=%t/tokens.npy --output %t/ref.npy
// RUN: fpx-run %t/g16.fpx --input arg0=%t/tokens.npy --output %t/g16.npy
// RUN: %python %S/Inputs/compare_logits.py %t/ref.npy %t/g16.npy %t/jax.npz | FileCheck %s --check-prefix=ONE
// ONE: reference vs framework max abs: {{[0-9]\.[0-9]+e-0[6-9]}}
// ONE: top-1 agreement: 1.0000 (8 of 8)
// ONE: cosine: 0.999{{[0-9]+}}
//
// RUN: fpx-compile %S/../Frontend/StableHLO/Inputs/llama_trained_batch_f32.mlir --quantize=none -o %t/batch-ref.fpx
// RUN: fpx-compile %S/../Frontend/StableHLO/Inputs/llama_trained_batch_f32.mlir --quantize=fp6 --group-size=16 -o %t/batch-g16.fpx
// RUN: fpx-compile %S/../Frontend/StableHLO/Inputs/llama_trained_batch_f32.mlir --quantize=fp6 -o %t/batch-fp6.fpx
// RUN: fpx-run %t/batch-ref.fpx --input arg0=%t/batch.npy --output %t/batch-ref.npy
// RUN: fpx-run %t/batch-g16.fpx --input arg0=%t/batch.npy --output %t/batch-g16.npy
// RUN: fpx-run %t/batch-fp6.fpx --input arg0=%t/batch.npy --output %t/batch-fp6.npy
// RUN: %python %S/Inputs/compare_logits.py %t/batch-ref.npy %t/batch-g16.npy %t/jax-batch.npz | FileCheck %s --check-prefix=BATCH
// BATCH: reference vs framework max abs: {{[0-9]\.[0-9]+e-0[6-9]}}
// BATCH: top-1 agreement: 1.0000 (256 of 256)
// BATCH: cosine: 0.999{{[0-9]+}}
// RUN: %python %S/Inputs/compare_logits.py %t/batch-ref.npy %t/batch-fp6.npy | FileCheck %s --check-prefix=CHANNEL
// CHANNEL: top-1 agreement: 1.0000 (256 of 256)
// CHANNEL: cosine: 0.998{{[0-9]+}}
