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

With `--train STEPS` the model is first trained (AdamW, on the GPU when
there is one) on a synthetic language: a fixed random Markov chain in which
each token is followed by one of 4 tokens with probabilities 0.7, 0.15,
0.1 and 0.05. A random-init model's logits are nearly flat, so any
perturbation flips its argmax; a trained one predicts with a margin, as
real models do, which is what quantization accuracy should be measured on.
The files are then named NAME_trained.*, the fixture's input_ids are 2
sequences of the language, and NAME_trained.npz also holds `eval_ids`, 16
held-out sequences of 32 tokens (with `eval_logits`, torch's logits).
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


def markov_language(vocab, seed=1):
    """(successors [vocab, 4], their probabilities [4]) of the language."""
    generator = torch.Generator().manual_seed(seed)
    successors = torch.stack([torch.randperm(vocab, generator=generator)[:4]
                              for _ in range(vocab)])
    return successors, torch.tensor([0.7, 0.15, 0.1, 0.05])


def sample_sequences(language, count, length, generator):
    successors, probs = language
    tokens = torch.empty(count, length, dtype=torch.int64)
    tokens[:, 0] = torch.randint(0, successors.shape[0], (count,),
                                 generator=generator)
    for t in range(1, length):
        choice = torch.multinomial(probs.expand(count, -1), 1,
                                   generator=generator).squeeze(1)
        tokens[:, t] = successors[tokens[:, t - 1], choice]
    return tokens


def train(model, language, steps):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model.to(device).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    generator = torch.Generator().manual_seed(2)
    for step in range(steps):
        batch = sample_sequences(language, 64, 33, generator).to(device)
        logits = model(batch[:, :-1])
        loss = torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[-1]), batch[:, 1:].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 100 == 0 or step == steps - 1:
            print(f"step {step}: loss {loss.item():.3f}", file=sys.stderr)
    model.cpu().eval()


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
    model = LogitsOnly(MODELS[name]()).eval()
    extra = {}
    if args.train:
        language = markov_language(256)
        train(model, language, args.train)
        held_out = torch.Generator().manual_seed(3)
        input_ids = sample_sequences(language, args.batch, args.seq, held_out)
        eval_ids = sample_sequences(language, 16, 32, held_out)
        with torch.no_grad():
            extra = {"eval_ids": eval_ids.numpy(),
                     "eval_logits": model.to(dtype)(eval_ids).numpy()}
        name = f"{name}_trained"
    else:
        input_ids = torch.randint(0, 256, (args.batch, args.seq),
                                  dtype=torch.int64)
    model = model.to(dtype)
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
             logits=reference, **extra)
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
    parser.add_argument("--train", type=int, default=0, metavar="STEPS",
                        help="train on a synthetic language first")
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    for name in args.models:
        export(name, args.outdir, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
