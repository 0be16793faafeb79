#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora from the frontends' own tests.

Usage: make_seeds.py REPO_ROOT   (rewrites test/Fuzz/Inputs/{stablehlo,onnx})

stablehlo: each `// -----` chunk of the StableHLO lit tests and the JAX
exports of the tiny LLaMA model, without comment lines (RUN/CHECK lines
would only be noise for the mutator). onnx: the small models that
test/Frontend/ONNX/Inputs/onnx_models.py builds (not the 800 KB real
exports, which make each run slow), needing Debian's python3-onnx.
Seeds are named by content hash, as libFuzzer names what it adds.
"""
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

root = sys.argv[1]
out = os.path.join(root, "test", "Fuzz", "Inputs")


def reset(name):
    path = os.path.join(out, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def save(folder, data):
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


stablehlo = reset("stablehlo")
sources = sorted(glob.glob(os.path.join(root, "test/Frontend/StableHLO/*.mlir")))
sources = [s for s in sources if "jax-llama" not in s]  # 150-340 KB each
sources += [os.path.join(root, "test/Frontend/StableHLO/Inputs", f)
            for f in ("llama_args_f32.mlir", "llama_block_jax.mlir")]
for source in sources:
    for chunk in open(source).read().split("// -----"):
        text = "\n".join(line for line in chunk.splitlines()
                         if not re.match(r"\s*//", line)).strip()
        if "stablehlo." in text or "chlo." in text:
            save(stablehlo, (text + "\n").encode())

onnx = reset("onnx")
models = ["elementwise", "matmul", "reductions_opset18", "reductions_opset13",
          "reductions_opset11", "layernorm", "layernorm_f16", "tensor_ops",
          "tensor_ops_opset11", "tensor_ops_opset13", "shape_folding",
          "scan_gather", "initializers", "external_single_file", "tiny_lm",
          "llama", "gpt2"]
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable,
                    os.path.join(root, "test/Frontend/ONNX/Inputs/onnx_models.py"),
                    tmp] + models, check=True, stdout=subprocess.DEVNULL)
    for model in models:
        save(onnx, open(os.path.join(tmp, model + ".onnx"), "rb").read())
