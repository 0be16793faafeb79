// Real JAX 0.11.2 exports of a tiny LLaMA model (test/Frontend/StableHLO/
// Inputs, see docs/Frontend-StableHLO.md) through fpx-compile and fpx-run,
// compared with JAX's logits in llama_jax.json.
//
// RUN: rm -rf %t && mkdir -p %t/args %t/const
// RUN: %python %S/Inputs/npy_tool.py llama-inputs %S/../Frontend/StableHLO/Inputs/llama_jax.json %t/args args
// RUN: %python %S/Inputs/npy_tool.py llama-inputs %S/../Frontend/StableHLO/Inputs/llama_jax.json %t/const const

// Unquantized, weights closed over (constants): f32 within 1e-4 of JAX.
// RUN: fpx-compile %S/../Frontend/StableHLO/Inputs/llama_const_f32.mlir --quantize=none -o %t/const.fpx
// RUN: fpx-run %t/const.fpx --input arg0=%t/const/arg0.npy --output %t/const.npy
// RUN: %python %S/Inputs/npy_tool.py compare-jax %t/const.npy %S/../Frontend/StableHLO/Inputs/llama_jax.json logits_const_f32 1e-4 | FileCheck %s --check-prefix=JAX

// Unquantized, weights as arguments (13 inputs).
// RUN: fpx-compile %S/../Frontend/StableHLO/Inputs/llama_args_f32.mlir -o %t/args.fpx
// RUN: fpx-run %t/args.fpx --input arg0=%t/args/arg0.npy --input arg1=%t/args/arg1.npy \
// RUN:   --input arg2=%t/args/arg2.npy --input arg3=%t/args/arg3.npy --input arg4=%t/args/arg4.npy \
// RUN:   --input arg5=%t/args/arg5.npy --input arg6=%t/args/arg6.npy --input arg7=%t/args/arg7.npy \
// RUN:   --input arg8=%t/args/arg8.npy --input arg9=%t/args/arg9.npy --input arg10=%t/args/arg10.npy \
// RUN:   --input arg11=%t/args/arg11.npy --input arg12=%t/args/arg12.npy --output %t/args.npy
// RUN: %python %S/Inputs/npy_tool.py compare-jax %t/args.npy %S/../Frontend/StableHLO/Inputs/llama_jax.json logits_args_f32 1e-4 | FileCheck %s --check-prefix=JAX
// JAX: max relative error vs JAX: {{.*}} (tolerance 0.0001: ok)

// FP6 (E3M2) weights, packed at compile time, against the unquantized run.
// Measured: 5 of 8 top-1 tokens, cosine 0.9950 (as jax-llama-const-fp6.mlir;
// with absmax / 28 scales, before the scale search: 6 of 8, 0.9919). The
// model's logits are nearly flat, so top-1 over 8 tokens is noise; a
// quantizer off by a scale or a rounding mode falls out of the cosine band.
// Issue 4's bar (top-1 >= 99%, cosine >= 0.999) is met by no configuration
// of this model: E2M3 comes closest (below; docs/Numerics.md has them all).
// RUN: fpx-compile %S/../Frontend/StableHLO/Inputs/llama_const_f32.mlir --quantize=fp6 -o %t/const-fp6.fpx
// RUN: fpx-run %t/const-fp6.fpx --input arg0=%t/const/arg0.npy --output %t/const-fp6.npy
// RUN: %python %S/Inputs/npy_tool.py agreement %t/const-fp6.npy %t/const.npy | FileCheck %s --check-prefix=FP6
// FP6: top-1 agreement (of 8): {{[5-8]}}
// FP6: cosine: 0.99{{[45][0-9]*}}

// E2M3 weights: measured 7 of 8, cosine 0.9987 (absmax scales: 7 of 8,
// 0.9980).
// RUN: fpx-compile %S/../Frontend/StableHLO/Inputs/llama_const_f32.mlir --quantize=e2m3 -o %t/const-e2m3.fpx
// RUN: fpx-run %t/const-e2m3.fpx --input arg0=%t/const/arg0.npy --output %t/const-e2m3.npy
// RUN: %python %S/Inputs/npy_tool.py agreement %t/const-e2m3.npy %t/const.npy | FileCheck %s --check-prefix=E2M3
// E2M3: top-1 agreement (of 8): {{[6-8]}}
// E2M3: cosine: 0.998{{[5-9][0-9]*}}
// The weights are read from weights.safetensors: module.mlir embeds no
// constant of 64 bytes or more but the E3M2 decoding table of the CPU
// lowering (before: 21, the embedding, norm gains, packed words and scales).
// RUN: %python %S/Inputs/npy_tool.py embedded-constants %t/const-fp6.fpx/module.mlir | FileCheck %s --check-prefix=EMBEDDED
// EMBEDDED:     embedded __constant_64xf32: tensor<64xf32>, 256 bytes
// EMBEDDED-NOT: embedded

// The same weights passed as arguments and quantized when the model runs
// (libfpx_cpu_runtime's fpxQuantizeF32) give bit-identical logits.
// RUN: fpx-compile %S/../Frontend/StableHLO/Inputs/llama_args_f32.mlir --quantize=fp6 --quantize-weight-args -o %t/args-fp6.fpx
// RUN: FileCheck %s --check-prefix=ARGS-SIG < %t/args-fp6.fpx/signature.json
// RUN: fpx-run %t/args-fp6.fpx --input arg0=%t/args/arg0.npy --input arg1=%t/args/arg1.npy \
// RUN:   --input arg2=%t/args/arg2.npy --input arg3=%t/args/arg3.npy --input arg4=%t/args/arg4.npy \
// RUN:   --input arg5=%t/args/arg5.npy --input arg6=%t/args/arg6.npy --input arg7=%t/args/arg7.npy \
// RUN:   --input arg8=%t/args/arg8.npy --input arg9=%t/args/arg9.npy --input arg10=%t/args/arg10.npy \
// RUN:   --input arg11=%t/args/arg11.npy --input arg12=%t/args/arg12.npy --output %t/args-fp6.npy
// RUN: cmp %t/args-fp6.npy %t/const-fp6.npy
// ARGS-SIG:      "packed_constant_weights": 0,
// ARGS-SIG-NEXT: "runtime_weights": 8,

// Without --quantize-weight-args an arguments export has nothing to quantize.
// RUN: fpx-compile %S/../Frontend/StableHLO/Inputs/llama_args_f32.mlir --quantize=fp6 -o %t/args-none.fpx 2>&1 | FileCheck %s --check-prefix=NOTHING
// NOTHING: llama_args_f32.mlir:1:1: warning: nothing was quantized: no matmul that is not skipped has a constant weight or an {fpx.weight} argument

// weights.safetensors of the FP6 model: the packed words and scales of the
// 8 matmuls, the embedding and the 3 RMSNorm gains.
// RUN: %python %S/Inputs/npy_tool.py safetensors %t/const-fp6.fpx/weights.safetensors | FileCheck %s --check-prefix=WEIGHTS
// WEIGHTS:      tensor main.constant{{[0-9]+}}: F32 [64, 32]
// WEIGHTS-NEXT: tensor main.constant{{[0-9]+}}: F32 [32]
// WEIGHTS-NEXT: tensor main.constant{{[0-9]+}}: F32 [32]
// WEIGHTS-NEXT: tensor main.constant{{[0-9]+}}: F32 [32]
// WEIGHTS-NEXT: tensor main.qmatmul0.scales: F16 [32]
// WEIGHTS-NEXT: tensor main.qmatmul0.words: I32 [768]
// WEIGHTS:      tensor main.qmatmul7.scales: F16 [64]
// WEIGHTS-NEXT: tensor main.qmatmul7.words: I32 [768]
// WEIGHTS-NEXT: metadata fpx_artifact_version: 2
// WEIGHTS-NEXT: metadata main.qmatmul0.packing: #fpx.packing<format = e3m2, rows = 32, cols = 32, layout = tc_fpx>
// WEIGHTS:      metadata main.qmatmul7.packing: #fpx.packing<format = e3m2, rows = 64, cols = 32, layout = tc_fpx>

// Values read back: the embedding is JAX's, the scales of the first and
// last matmuls (wq, lm_head) are the E3M2 scales of JAX's weights that the
// scale search picks (recomputed by npy_tool.py).
// RUN: %python %S/Inputs/npy_tool.py check-tensor %t/const-fp6.fpx/weights.safetensors main.constant16 %S/../Frontend/StableHLO/Inputs/llama_jax.json embed copy | FileCheck %s --check-prefix=VALUES
// RUN: %python %S/Inputs/npy_tool.py check-tensor %t/const-fp6.fpx/weights.safetensors main.qmatmul0.scales %S/../Frontend/StableHLO/Inputs/llama_jax.json wq fp6-scales | FileCheck %s --check-prefix=VALUES
// RUN: %python %S/Inputs/npy_tool.py check-tensor %t/const-fp6.fpx/weights.safetensors main.qmatmul7.scales %S/../Frontend/StableHLO/Inputs/llama_jax.json lm_head fp6-scales | FileCheck %s --check-prefix=VALUES
// VALUES: : 0 of {{[0-9]+}} values differ
