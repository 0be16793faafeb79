#!/usr/bin/env python3
"""Exports tiny random Hugging Face decoders with torch's dynamo ONNX
exporter (opset 18), with reference outputs, for FPX's ONNX importer.

Run on a machine with torch (2.5 or later), transformers, onnx and
onnxscript; FPX's build machine has none of them:

    python3 export_models.py OUTDIR [--batch 2] [--seq 8] [--dtype float32]
                             [--external-data] [--models llama gpt2]

For each model NAME (llama: LlamaForCausalLM, gpt2: GPT2LMHeadModel) it
writes

    OUTDIR/NAME.onnx          the exported graph: input_ids [batch,
                              sequence_length] (both symbolic) -> logits
                              (+ OUTDIR/NAME.onnx.data with --external-data)
    OUTDIR/NAME.npz           input_ids and torch's logits for them
    OUTDIR/NAME-data/         the same as input_0.pb / output_0.pb, the
                              layout fpx-import-onnx --test-data-dir reads

and prints the commands that import and check the model on the CPU:

    fpx-import-onnx NAME.onnx --input-shape input_ids=BxS \\
        --test-data-dir=NAME-data \\
      | fpx-opt --inline --fpx-cpu-pipeline \\
      | mlir-runner -e main -entry-point-result=void \\
          -shared-libs=/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so

The configurations are tiny (2 layers, hidden size 64) so that the models
and their references are a few hundred kilobytes; weights are random with a
fixed seed.
"""
import argparse
import os
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper


def tiny_llama():
    from transformers import LlamaConfig, LlamaForCausalLM
    config = LlamaConfig(vocab_size=256, hidden_size=64,
                         intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2,
                         max_position_embeddings=128, rms_norm_eps=1e-6,
                         tie_word_embeddings=False)
    return LlamaForCausalLM(config)


def tiny_gpt2():
    from transformers import GPT2Config, GPT2LMHeadModel
    config = GPT2Config(vocab_size=256, n_embd=64, n_layer=2, n_head=4,
                        n_positions=128, resid_pdrop=0.0, embd_pdrop=0.0,
                        attn_pdrop=0.0)
    return GPT2LMHeadModel(config)


MODELS = {"llama": tiny_llama, "gpt2": tiny_gpt2}


class LogitsOnly(torch.nn.Module):
    """input_ids -> logits, without the KV cache or a dict result."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids):
        return self.model(input_ids=input_ids, use_cache=False).logits


def save_test_data(folder, inputs, outputs):
    os.makedirs(folder, exist_ok=True)
    for prefix, values in (("input", inputs), ("output", outputs)):
        for i, value in enumerate(values):
            proto = numpy_helper.from_array(value, f"{prefix}_{i}")
            with open(os.path.join(folder, f"{prefix}_{i}.pb"), "wb") as f:
                f.write(proto.SerializeToString())


def export(name, outdir, args):
    torch.manual_seed(0)
    dtype = getattr(torch, args.dtype)
    model = LogitsOnly(MODELS[name]()).eval().to(dtype)
    input_ids = torch.randint(0, 256, (args.batch, args.seq),
                              dtype=torch.int64)
    with torch.no_grad():
        logits = model(input_ids)

    batch = torch.export.Dim("batch", min=1, max=64)
    seq = torch.export.Dim("sequence_length", min=2, max=128)
    program = torch.onnx.export(
        model, (input_ids,), dynamo=True, opset_version=18,
        input_names=["input_ids"], output_names=["logits"],
        dynamic_shapes={"input_ids": {0: batch, 1: seq}})
    path = os.path.join(outdir, f"{name}.onnx")
    program.save(path, external_data=args.external_data)
    # The importer needs no shape inference, but the saved graph should load.
    onnx.load(path, load_external_data=False)

    ids, reference = input_ids.numpy(), logits.numpy()
    np.savez(os.path.join(outdir, f"{name}.npz"), input_ids=ids,
             logits=reference)
    save_test_data(os.path.join(outdir, f"{name}-data"), [ids], [reference])
    shape = f"{args.batch}x{args.seq}"
    print(f"fpx-import-onnx {path} --input-shape input_ids={shape} "
          f"--test-data-dir={os.path.join(outdir, name + '-data')} "
          f"| fpx-opt --inline --fpx-cpu-pipeline "
          f"| mlir-runner -e main -entry-point-result=void "
          f"-shared-libs=/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--seq", type=int, default=8)
    parser.add_argument("--dtype", default="float32",
                        choices=["float32", "float16"])
    parser.add_argument("--external-data", action="store_true",
                        help="store the weights in NAME.onnx.data")
    parser.add_argument("--models", nargs="+", default=list(MODELS),
                        choices=list(MODELS))
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    for name in args.models:
        export(name, args.outdir, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
