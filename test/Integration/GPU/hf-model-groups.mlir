// Every fusion group that --fpx-fusion-plan forms in the real HF exports
// (tiny LlamaForCausalLM and GPT2LMHeadModel through torch's dynamo ONNX
// exporter, 2 x 8 tokens) runs as one GPU kernel and matches the same group
// extracted into a function and run on the CPU path, on random inputs with
// NaN-poisoned outputs. See Inputs/check_model_groups.py.
//
// REQUIRES: cuda, torch
// RUN: rm -rf %t.llama %t.gpt2
// RUN: %python %S/Inputs/check_model_groups.py prepare %S/../../Frontend/ONNX/Inputs/hf/llama.onnx %t.llama \
// RUN:   --input-shape input_ids=2x8 --bin-dir %fpx_tools_dir
// RUN: %python %S/Inputs/check_model_groups.py check %t.llama --lib-dir %fpx_lib_dir | FileCheck %s --check-prefix=LLAMA
// RUN: %python %S/Inputs/check_model_groups.py prepare %S/../../Frontend/ONNX/Inputs/hf/gpt2.onnx %t.gpt2 \
// RUN:   --input-shape input_ids=2x8 --bin-dir %fpx_tools_dir
// RUN: %python %S/Inputs/check_model_groups.py check %t.gpt2 --lib-dir %fpx_lib_dir | FileCheck %s --check-prefix=GPT2

// LLAMA-NOT: FAIL
// LLAMA: 15/15 groups match the CPU path
// GPT2-NOT: FAIL
// GPT2: 13/13 groups match the CPU path
