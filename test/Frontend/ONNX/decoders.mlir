// One-layer LLaMA and GPT-2 decoders built as torch's dynamo exporter builds
// them (opset 18; see Inputs/onnx_models.py): symbolic batch and sequence
// dimensions, shapes computed in the graph, Linear as MatMul(x,
// Transpose(W)), HF Conv1D as Gemm on flattened rows, causal masks from
// Trilu or a sliced bool buffer. With --input-shape they import to static
// IR, match numpy's forward pass on the CPU, and every projection but
// lm_head is quantized by --fpx-quantize-weights="skip=lm_head".
// (Real exports of tiny HF models come from Inputs/export_models.py, run on
// a machine with torch.)
//
// RUN: %python %S/Inputs/onnx_models.py %t llama gpt2
// RUN: fpx-import-onnx %t/llama.onnx --input-shape input_ids=2x4 --mlir-print-local-scope | FileCheck %s --check-prefix=LLAMA
// RUN: fpx-import-onnx %t/llama.onnx --input-shape input_ids=2x4 --test-data-dir=%t/llama-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM
// RUN: fpx-import-onnx %t/llama.onnx --input-shape input_ids=2x4 \
// RUN: | fpx-opt --fpx-quantize-weights="format=fp6 skip=lm_head" | FileCheck %s --check-prefix=QUANT-LLAMA
//
// RUN: fpx-import-onnx %t/gpt2.onnx --input-shape input_ids=2x3 --mlir-print-local-scope | FileCheck %s --check-prefix=GPT2
// RUN: fpx-import-onnx %t/gpt2.onnx --input-shape input_ids=2x3 --test-data-dir=%t/gpt2-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM
// RUN: fpx-import-onnx %t/gpt2.onnx --input-shape input_ids=2x3 \
// RUN: | fpx-opt --fpx-quantize-weights="format=fp6 skip=wte" | FileCheck %s --check-prefix=QUANT-GPT2

// NUM: output 0 max-abs-diff: {{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}

// LLAMA-LABEL: func.func @forward(
// LLAMA-SAME:    %{{.*}}: tensor<2x4xi64> loc("input_ids")) -> (tensor<2x4x20xf32> {onnx.name = "logits"})
// Rotary tables: inv_freq [1, 4, 1] x positions [1, 1, 4].
// LLAMA:         linalg.matmul ins({{.*}} : tensor<4x1xf32>, tensor<1x4xf32>)
// LLAMA:         linalg.matmul {{.*}} tensor<8x16xf32>, tensor<16x16xf32>{{.*}} loc(fused["node_MatMul_{{[0-9]+}}", "model.layers.0.self_attn.q_proj.weight"])
// LLAMA:         linalg.matmul {{.*}} tensor<8x16xf32>, tensor<16x16xf32>{{.*}} loc(fused["node_MatMul_{{[0-9]+}}", "model.layers.0.self_attn.k_proj.weight"])
// LLAMA:         linalg.matmul {{.*}} tensor<8x16xf32>, tensor<16x16xf32>{{.*}} loc(fused["node_MatMul_{{[0-9]+}}", "model.layers.0.self_attn.v_proj.weight"])
// Attention over 2 batches x 2 heads.
// LLAMA:         linalg.batch_matmul ins({{.*}} : tensor<4x4x8xf32>, tensor<4x8x4xf32>)
// LLAMA:         linalg.batch_matmul ins({{.*}} : tensor<4x4x4xf32>, tensor<4x4x8xf32>)
// LLAMA:         linalg.matmul {{.*}} loc(fused["node_MatMul_{{[0-9]+}}", "model.layers.0.self_attn.o_proj.weight"])
// LLAMA:         linalg.matmul {{.*}} tensor<8x16xf32>, tensor<32x16xf32>{{.*}} loc(fused["node_MatMul_{{[0-9]+}}", "model.layers.0.mlp.gate_proj.weight"])
// LLAMA:         linalg.matmul {{.*}} tensor<8x16xf32>, tensor<32x16xf32>{{.*}} loc(fused["node_MatMul_{{[0-9]+}}", "model.layers.0.mlp.up_proj.weight"])
// LLAMA:         linalg.matmul {{.*}} tensor<8x32xf32>, tensor<16x32xf32>{{.*}} loc(fused["node_MatMul_{{[0-9]+}}", "model.layers.0.mlp.down_proj.weight"])
// LLAMA:         linalg.matmul {{.*}} tensor<8x16xf32>, tensor<20x16xf32>{{.*}} loc(fused["node_MatMul_{{[0-9]+}}", "lm_head.weight"])
// LLAMA:         return

// QUANT-LLAMA-COUNT-7: fpx.qmatmul
// QUANT-LLAMA:         linalg.matmul {{.*}} tensor<20x16xf32>
// QUANT-LLAMA-NOT:     fpx.qmatmul

// GPT2-LABEL: func.func @forward(
// GPT2-SAME:    %{{.*}}: tensor<2x3xi64> loc("input_ids")) -> (tensor<2x3x20xf32> {onnx.name = "logits"})
// Conv1D weights are [in, out]: plain matmuls.
// GPT2:         linalg.matmul ins({{.*}} : tensor<6x16xf32>, tensor<16x48xf32>){{.*}} loc(fused["node_Gemm_{{[0-9]+}}", "transformer.h.0.attn.c_attn.weight"])
// Split of qkv.
// GPT2-COUNT-3: tensor.extract_slice {{.*}} : tensor<2x3x48xf32> to tensor<2x3x16xf32>
// GPT2:         linalg.batch_matmul
// The causal mask, sliced from the bool buffer at import time.
// GPT2:         arith.constant dense<{{\[\[\[\[}}true, false, false], [true, true, false], [true, true, true]]]]> : tensor<1x1x3x3xi1>
// GPT2:         linalg.batch_matmul
// GPT2:         linalg.matmul ins({{.*}} : tensor<6x16xf32>, tensor<16x16xf32>){{.*}} "transformer.h.0.attn.c_proj.weight"
// GPT2:         linalg.matmul ins({{.*}} : tensor<6x16xf32>, tensor<16x64xf32>){{.*}} "transformer.h.0.mlp.c_fc.weight"
// GPT2:         math.tanh
// GPT2:         linalg.matmul ins({{.*}} : tensor<6x64xf32>, tensor<64x16xf32>){{.*}} "transformer.h.0.mlp.c_proj.weight"
// The lm_head is tied to the token embedding.
// GPT2:         linalg.matmul {{.*}} tensor<6x16xf32>, tensor<20x16xf32>{{.*}} loc(fused["node_MatMul_{{[0-9]+}}", "transformer.wte.weight"])

// QUANT-GPT2-COUNT-4: fpx.qmatmul
// QUANT-GPT2:         linalg.matmul {{.*}} tensor<20x16xf32>
// QUANT-GPT2-NOT:     fpx.qmatmul
