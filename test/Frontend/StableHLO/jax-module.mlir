// A whole module as JAX prints it (Inputs/llama_block_jax.mlir, written by
// Inputs/gen_llama_block_test.py): module and argument attributes of other
// dialects, private helpers called with func.call, hex constants, every op
// in its printed form. It reads and prints back byte for byte.
// RUN: fpx-opt %S/Inputs/llama_block_jax.mlir | diff %S/Inputs/llama_block_jax.mlir -
// Real JAX 0.11.2 output (Inputs/export_jax_llama.py) prints back the same,
// but for the blank line JAX ends its text with:
// RUN: fpx-opt %S/Inputs/llama_args_f32.mlir | diff -B %S/Inputs/llama_args_f32.mlir -
// RUN: fpx-opt %S/Inputs/llama_args_bf16.mlir | diff -B %S/Inputs/llama_args_bf16.mlir -
// RUN: fpx-opt %S/Inputs/llama_const_f32.mlir | diff -B %S/Inputs/llama_const_f32.mlir -

// The upstream inliner merges the private helpers into @main and drops them.
// RUN: fpx-opt %S/Inputs/llama_block_jax.mlir --inline | FileCheck %s --check-prefix=INLINE
// INLINE: module @jit_llama_block attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32}
// INLINE-NEXT: func.func public @main(%arg0: tensor<4xi32> {mhlo.sharding = "{replicated}"}) -> (tensor<4x8xf32> {jax.result_info = ""})
// INLINE-NOT: call
// INLINE-COUNT-4: stablehlo.reduce
// INLINE-NOT: func.func

// After lowering, the seven projections (q, k, v; the output projection;
// gate, up, down) are matmuls with constant weights, so
// --fpx-quantize-weights quantizes all of them; the two attention
// contractions have no constant operand and stay batch_matmuls.
// RUN: fpx-opt %S/Inputs/llama_block_jax.mlir --inline --convert-stablehlo-to-linalg \
// RUN:   | FileCheck %s --check-prefix=LINALG --implicit-check-not=stablehlo.
// LINALG-COUNT-3: linalg.matmul
// LINALG-COUNT-2: linalg.batch_matmul
// LINALG-COUNT-4: linalg.matmul
// RUN: fpx-opt %S/Inputs/llama_block_jax.mlir --inline --convert-stablehlo-to-linalg \
// RUN:   --fpx-quantize-weights | FileCheck %s --check-prefix=QUANT --implicit-check-not=linalg.matmul
// QUANT-COUNT-3: fpx.qmatmul
// QUANT-COUNT-2: linalg.batch_matmul
// QUANT-COUNT-4: fpx.qmatmul
