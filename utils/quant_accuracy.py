#!/usr/bin/env python3
"""Accuracy of quantized weights on the CPU path: top-1 agreement and logits
cosine of a quantized model against the unquantized run of the same model.

Each configuration is compiled with fpx-compile and run with fpx-run; the
unquantized run is the reference (it matches the frameworks' logits to 1e-6,
test/Driver/onnx-compile.mlir and jax-llama.mlir). Models:

  gpt2   test/Frontend/ONNX/Inputs/hf/gpt2.onnx   (torch dynamo export, vocab 256)
  llama  test/Frontend/ONNX/Inputs/hf/llama.onnx  (torch dynamo export, vocab 256)
  jax    test/Frontend/StableHLO/Inputs/llama_const_f32.mlir (JAX export, vocab 64)

Token sets: "fixture" is the tokens stored with the export (2 x 8 for the HF
models, 8 for JAX, the lit tests' inputs); "random" is a larger set drawn
with a fixed seed (16 x 32 tokens for the HF models; 32 sequences of 8
tokens for JAX, whose export has a fixed length of 8), so that a top-1
agreement of 99% can be told from 94%.

The LM head is skipped by name: 'lm_head' (GPT-2), 'val_357' (the LLaMA
exporter's name of its LM head weight), and for JAX, whose export has no
location names, a copy of the module with loc("lm_head") on its last
dot_general.

Usage:
  quant_accuracy.py [--tools build/bin] [--work DIR] [--models gpt2,llama,jax]
                    [--formats e3m2,e2m3] [--groups 0,128,64,32,16]
                    [--tokens fixture,random] [--skip-head both|yes|no]
                    [--skip NAME,...]   (more matmuls to leave unquantized)
                    [--only NAME]       (quantize only the weight NAME)
  quant_accuracy.py --list              (the weight names of each model)
Prints one Markdown table row per configuration. A group at least as wide
as every K of a model is the same as per channel and is left out. --tools
may point at another build (docs/Numerics.md compares one before the scale
search this way).
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HF = os.path.join(ROOT, "test/Frontend/ONNX/Inputs/hf")
JAX = os.path.join(ROOT, "test/Frontend/StableHLO/Inputs")

MODELS = {
    "gpt2": dict(path=os.path.join(HF, "gpt2.onnx"), vocab=256, head="lm_head",
                 max_k=256),
    "llama": dict(path=os.path.join(HF, "llama.onnx"), vocab=256, head="val_357",
                  max_k=128),
    "jax": dict(path=os.path.join(JAX, "llama_const_f32.mlir"), vocab=64,
                head="lm_head", max_k=64),
}


def run(cmd):
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(cmd), result.stdout, result.stderr))
    return result.stdout + result.stderr


def token_sets(model, which):
    """The token arrays of `model` for the set `which`, one run each."""
    rng = np.random.RandomState(0)
    if model == "jax":
        if which == "fixture":
            tokens = json.load(open(os.path.join(JAX, "llama_jax.json")))["tokens"]
            return [np.array(tokens, np.int32)]
        return [rng.randint(0, 64, 8).astype(np.int32) for _ in range(32)]
    if which == "fixture":
        return [np.load(os.path.join(HF, model + ".npz"))["input_ids"]]
    return [rng.randint(0, 256, (16, 32)).astype(np.int64)]


JAX_WEIGHTS = ["wq", "wk", "wv", "wo", "w1", "w3", "w2", "lm_head"]


def jax_module_with_names(work):
    """The JAX export with a location name on each weight's dot_general (in
    the order of the model: wq, wk, wv, wo, w1, w3, w2, lm_head), so that
    --skip can find them."""
    out = os.path.join(work, "llama_const_f32_named.mlir")
    lines = open(MODELS["jax"]["path"]).read().split("\n")
    matmuls = [i for i, line in enumerate(lines)
               if "stablehlo.dot_general" in line and "batching_dims" not in line]
    assert len(matmuls) == len(JAX_WEIGHTS)
    for i, name in zip(matmuls, JAX_WEIGHTS):
        lines[i] += ' loc("%s")' % name
    open(out, "w").write("\n".join(lines))
    return out


def weight_names(args, model):
    """Names of the model's matmul weights (those --skip matches)."""
    if model == "jax":
        return JAX_WEIGHTS
    artifact = compile_model(args.tools, args.work, model, (1, 8), "e3m2", 0, [])
    header = open(os.path.join(artifact, "weights.safetensors"), "rb").read()
    size = int.from_bytes(header[:8], "little")
    names = json.loads(header[8:8 + size])
    return sorted(n[:-len(".words")] for n in names if n.endswith(".words"))


def compile_model(tools, work, model, tokens_shape, fmt, group, skip):
    name = "%s-%s-%s-g%d-skip%s" % (
        model, "x".join(map(str, tokens_shape)), fmt, group,
        hashlib.sha1(",".join(skip).encode()).hexdigest()[:10] if skip else "none")
    out = os.path.join(work, name + ".fpx")
    path = MODELS[model]["path"]
    cmd = [os.path.join(tools, "fpx-compile")]
    if model == "jax":
        cmd += [jax_module_with_names(work)]
    else:
        cmd += [path, "--input-shape",
                "input_ids=" + "x".join(map(str, tokens_shape))]
    cmd += ["--quantize=" + fmt, "--group-size=%d" % group, "-o", out]
    if skip:
        cmd += ["--skip=" + ",".join(skip)]
    run(cmd)
    return out


def run_model(tools, work, artifact, batches):
    outputs = []
    input_name = "arg0" if "jax-" in os.path.basename(artifact) else "input_ids"
    for i, batch in enumerate(batches):
        tokens = os.path.join(work, "tokens-%s-%d.npy" % (batch.dtype, i))
        np.save(tokens, batch)
        logits = artifact + ".%d.npy" % i
        run([os.path.join(tools, "fpx-run"), artifact,
             "--input", "%s=%s" % (input_name, tokens), "--output", logits])
        outputs.append(np.load(logits).astype(np.float64))
    return outputs


def compare(reference, quantized, vocab):
    ref = np.concatenate([r.reshape(-1, vocab) for r in reference])
    got = np.concatenate([q.reshape(-1, vocab) for q in quantized])
    agree = int((ref.argmax(-1) == got.argmax(-1)).sum())
    cosine = (ref * got).sum() / np.sqrt((ref * ref).sum() * (got * got).sum())
    return agree, ref.shape[0], cosine


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tools", default=os.path.join(ROOT, "build/bin"))
    parser.add_argument("--work", default="/tmp/fpx-quant-accuracy")
    parser.add_argument("--models", default="gpt2,llama,jax")
    parser.add_argument("--formats", default="e3m2,e2m3")
    parser.add_argument("--groups", default="0,128,64,32,16")
    parser.add_argument("--tokens", default="fixture,random")
    parser.add_argument("--skip-head", default="both", choices=["both", "yes", "no"])
    parser.add_argument("--skip", default="", help="more names to skip")
    parser.add_argument("--only", default="",
                        help="quantize only the matmul whose weight is NAME")
    parser.add_argument("--list", action="store_true",
                        help="print the models' matmul weight names")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if args.list:
        for model in args.models.split(","):
            print(model + ": " + " ".join(weight_names(args, model)))
        return
    heads = {"both": [True, False], "yes": [True], "no": [False]}[args.skip_head]
    if args.only:
        heads = [False]  # the weight alone, LM head included if it is NAME
    print("| model | tokens | format | group | LM head | top-1 | cosine |")
    print("|-------|--------|--------|-------|---------|-------|--------|")
    for model in args.models.split(","):
        info = MODELS[model]
        for which in args.tokens.split(","):
            batches = token_sets(model, which)
            shape = batches[0].shape
            ref = compile_model(args.tools, args.work, model, shape, "none", 0, [])
            reference = run_model(args.tools, args.work, ref, batches)
            for fmt in args.formats.split(","):
                for group in map(int, args.groups.split(",")):
                    if group >= info["max_k"] and group != 0:
                        continue  # the same as per channel
                    for skip_head in heads:
                        skip = [s for s in args.skip.split(",") if s]
                        if args.only:
                            skip += [n for n in weight_names(args, model)
                                     if n != args.only]
                        if skip_head and info["head"] not in skip:
                            skip.append(info["head"])
                        artifact = compile_model(args.tools, args.work, model,
                                                 shape, fmt, group, skip)
                        got = run_model(args.tools, args.work, artifact, batches)
                        agree, total, cosine = compare(reference, got, info["vocab"])
                        print("| %s | %s | %s | %s | %s | %d/%d = %.4f | %.5f |" % (
                            model, which + " " + "x".join(map(str, shape)) +
                            ("" if len(batches) == 1 else " x%d" % len(batches)),
                            fmt, group if group else "channel",
                            "skipped" if skip_head else "quantized",
                            agree, total, agree / total, cosine), flush=True)


if __name__ == "__main__":
    main()
