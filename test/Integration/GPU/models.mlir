// Whole models compiled with `fpx-compile --target=cuda` run on the GPU
// (fpx.load -> GPUModel: kernel binaries, weights and plan.json replayed
// through the runtime) and match the same models compiled for the CPU and
// run by fpx-run, on random inputs, with the intermediate buffers poisoned.
// The models: the HF LLaMA and GPT-2 exports (ONNX, f32; LLaMA also with
// FP6 weights, dequantized by generic kernels since its activations are
// f32), the JAX LLaMA with closed-over weights (f32, and FP6) and with bf16
// weights as arguments, and an f16 MLP block with FP6 weights (per channel,
// and in groups of 80 and 32 K elements), whose three matmuls run on the
// Tensor Core GEMM kernels. See Inputs/check_models.py.
//
// REQUIRES: cuda
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/check_models.py prepare %S/../../Frontend/ONNX/Inputs/hf/llama.onnx %t/llama \
// RUN:   --bin-dir %fpx_tools_dir -- --input-shape input_ids=2x8 --entry=forward
// RUN: %python %S/Inputs/check_models.py prepare %S/../../Frontend/ONNX/Inputs/hf/llama.onnx %t/llama-fp6 \
// RUN:   --bin-dir %fpx_tools_dir -- --input-shape input_ids=2x8 --entry=forward --quantize=fp6
// RUN: %python %S/Inputs/check_models.py prepare %S/../../Frontend/ONNX/Inputs/hf/gpt2.onnx %t/gpt2 \
// RUN:   --bin-dir %fpx_tools_dir -- --input-shape input_ids=2x8 --entry=forward
// RUN: %python %S/Inputs/check_models.py prepare %S/../../Frontend/StableHLO/Inputs/llama_const_f32.mlir %t/jax-const \
// RUN:   --bin-dir %fpx_tools_dir
// RUN: %python %S/Inputs/check_models.py prepare %S/../../Frontend/StableHLO/Inputs/llama_const_f32.mlir %t/jax-const-fp6 \
// RUN:   --bin-dir %fpx_tools_dir -- --quantize=fp6
// RUN: %python %S/Inputs/check_models.py prepare %S/../../Frontend/StableHLO/Inputs/llama_args_bf16.mlir %t/jax-args-bf16 \
// RUN:   --bin-dir %fpx_tools_dir
// RUN: %python %S/Inputs/gen_f16_block.py %t/block.mlir
// RUN: %python %S/Inputs/check_models.py prepare %t/block.mlir %t/block-fp6 --bin-dir %fpx_tools_dir -- --quantize=fp6
// RUN: %python %S/Inputs/check_models.py prepare %t/block.mlir %t/block-fp6-g80 --bin-dir %fpx_tools_dir -- --quantize=fp6 --group-size=80
// RUN: %python %S/Inputs/check_models.py prepare %t/block.mlir %t/block-fp6-g32 --bin-dir %fpx_tools_dir -- --quantize=fp6 --group-size=32
// RUN: %python %S/Inputs/check_models.py check %t/llama %t/llama-fp6 %t/gpt2 %t/jax-const %t/jax-const-fp6 \
// RUN:   %t/jax-args-bf16 %t/block-fp6 %t/block-fp6-g80 %t/block-fp6-g32 --lib-dir %fpx_lib_dir | FileCheck %s

// CHECK-NOT: FAIL
// CHECK: llama: {{[0-9]+}} launches, {{.*}}: PASS
// CHECK: llama-fp6: {{.*}}: PASS
// CHECK: gpt2: {{.*}}: PASS
// CHECK: jax-const: {{.*}}: PASS
// CHECK: jax-const-fp6: {{.*}}: PASS
// CHECK: jax-args-bf16: {{.*}}: PASS
// CHECK: block-fp6: {{.*}}: PASS
// Groups of 80 K elements end inside the GEMM's 64-column blocks (the
// down projection has K = 128): before the fix each block used its first
// group's scale (max rel. error 0.27 on the H100).
// CHECK: block-fp6-g80: {{.*}}: PASS
// CHECK: block-fp6-g32: {{.*}}: PASS
