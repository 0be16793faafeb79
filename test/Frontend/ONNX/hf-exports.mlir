// Real exports of tiny random HF LlamaForCausalLM and GPT2LMHeadModel (2
// layers, hidden 64, vocab 256) by torch's dynamo exporter at opset 18
// (Inputs/export_models.py), imported for batch 2 and sequence 8 and run on
// the CPU against torch's logits (Inputs/hf/*-data).
//
// Unquantized, the logits must match torch's within 5e-5 absolute, which is
// below 1e-4 relative to the largest logit of either model (0.546 for LLaMA,
// 0.937 for GPT-2); measured: 1.9e-7 (LLaMA), 2.4e-7 (GPT-2).
//
// With fp6 weights the test-data harness can only compare against torch's
// logits, so the band is measured: max |diff| 0.054 (LLaMA) and 0.039
// (GPT-2); the check requires [0.01, 0.1) -- nonzero, so the weights were
// quantized, and bounded. The exporter constant-folds each Linear's weight
// transpose into an initializer named val_<n>, so the ONNX file no longer
// carries the parameter names: `skip=lm_head` matches nothing and LLaMA's
// lm_head (val_357) is quantized too (15 qmatmuls = 2 x 7 projections +
// lm_head). GPT-2's lm_head is the tied wte, transposed in the graph, and
// stays a linalg.matmul.
//
// RUN: fpx-import-onnx %S/Inputs/hf/llama.onnx --input-shape input_ids=2x8 --test-data-dir=%S/Inputs/hf/llama-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM
// RUN: fpx-import-onnx %S/Inputs/hf/gpt2.onnx --input-shape input_ids=2x8 --test-data-dir=%S/Inputs/hf/gpt2-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM
//
// RUN: fpx-import-onnx %S/Inputs/hf/llama.onnx --input-shape input_ids=2x8 \
// RUN: | fpx-opt --fpx-quantize-weights="format=fp6 skip=lm_head" | FileCheck %s --check-prefix=QUANT-LLAMA
// RUN: fpx-import-onnx %S/Inputs/hf/gpt2.onnx --input-shape input_ids=2x8 \
// RUN: | fpx-opt --fpx-quantize-weights="format=fp6 skip=lm_head" | FileCheck %s --check-prefix=QUANT-GPT2
// RUN: fpx-import-onnx %S/Inputs/hf/llama.onnx --input-shape input_ids=2x8 --test-data-dir=%S/Inputs/hf/llama-data \
// RUN: | fpx-opt --fpx-quantize-weights="format=fp6 skip=lm_head" \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=FP6
// RUN: fpx-import-onnx %S/Inputs/hf/gpt2.onnx --input-shape input_ids=2x8 --test-data-dir=%S/Inputs/hf/gpt2-data \
// RUN: | fpx-opt --fpx-quantize-weights="format=fp6 skip=lm_head" \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=FP6

// NUM: output 0 max-abs-diff: {{(0|[1-4](\.[0-9]+)?e-05|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}
// FP6: output 0 max-abs-diff: {{0\.0[1-9][0-9]*$}}

// QUANT-LLAMA-COUNT-15: fpx.qmatmul
// QUANT-LLAMA-NOT:      fpx.qmatmul
// QUANT-GPT2-COUNT-8:   fpx.qmatmul
// QUANT-GPT2-NOT:       fpx.qmatmul
// QUANT-GPT2:           linalg.matmul {{.*}} tensor<16x64xf32>, tensor<256x64xf32>
