// GPU models called with PyTorch CUDA tensors (read through DLPack, bf16
// included) return CUDA tensors equal to the NumPy results; a strided or
// wrongly typed tensor is refused with the input's name.
// See Inputs/check_models.py (`dlpack`).
//
// REQUIRES: cuda, torch
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/gen_f16_block.py %t/block.mlir
// RUN: %python %S/Inputs/check_models.py prepare %t/block.mlir %t/block-fp6 --bin-dir %fpx_tools_dir -- --quantize=fp6
// RUN: %python %S/Inputs/check_models.py prepare %S/../../Frontend/StableHLO/Inputs/llama_args_bf16.mlir %t/jax-args-bf16 \
// RUN:   --bin-dir %fpx_tools_dir
// RUN: %python %S/Inputs/check_models.py prepare %S/../../Frontend/ONNX/Inputs/hf/llama.onnx %t/llama \
// RUN:   --bin-dir %fpx_tools_dir -- --input-shape input_ids=2x8 --entry=forward
// RUN: %python %S/Inputs/check_models.py dlpack %t/block-fp6 %t/jax-args-bf16 %t/llama --lib-dir %fpx_lib_dir | FileCheck %s

// CHECK-NOT: FAIL
// CHECK: block-fp6: torch CUDA tensors in and out, same results as NumPy: PASS
// CHECK-NEXT: block-fp6: strided tensor refused: input 'arg0': expected a contiguous f16 CUDA tensor, got f16, strided
// CHECK-NEXT: block-fp6: dtype tensor refused: input 'arg0': expected a contiguous f16 CUDA tensor, got another type
// CHECK: jax-args-bf16: torch CUDA tensors in and out, same results as NumPy: PASS
// CHECK: llama: torch CUDA tensors in and out, same results as NumPy: PASS
// CHECK-NEXT: llama: strided tensor refused: input 'input_ids': expected a contiguous i64 CUDA tensor, got i64, strided
// CHECK-NEXT: llama: dtype tensor refused: input 'input_ids': expected a contiguous i64 CUDA tensor, got another type
