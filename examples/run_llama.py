#!/usr/bin/env python3
"""Compiles the tiny trained HF LLaMA export (test/Frontend/ONNX/Inputs/hf:
LlamaForCausalLM with a tiny config, trained briefly on a synthetic
language so that its predictions have margins, as a real model's do, then
exported by torch's dynamo ONNX exporter) unquantized and with FP6
weights, runs it on the CPU reference path and, where a GPU and the CUDA
runtime library are present, on the GPU, and prints how the logits compare
with PyTorch's, with the unquantized model and between the two paths.

usage: run_llama.py BUILD_DIR
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

root = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(root / "python"))
import fpx  # noqa: E402

build = Path(sys.argv[1] if len(sys.argv) > 1 else root / "build").resolve()
os.environ.setdefault("FPX_TOOLS_DIR", str(build / "bin"))
model = root / "test/Frontend/ONNX/Inputs/hf/llama_trained.onnx"
# The tokens and PyTorch's logits stored beside the export.
stored = np.load(model.with_suffix(".npz"))
out = build / "examples"
out.mkdir(exist_ok=True)
options = dict(input_shape={"input_ids": (2, 8)}, entry="forward")
reference = fpx.load(fpx.compile(model, out / "llama.fpx", **options))
cpu = fpx.load(fpx.compile(model, out / "llama-fp6.fpx", quantize="fp6",
                           **options))
tokens = stored["input_ids"]
exact, logits = reference(tokens), cpu(tokens)
print("unquantized vs PyTorch, CPU: max rel. error "
      f"{np.abs(exact - stored['logits']).max() / np.abs(stored['logits']).max():.2e}")


def compare(name, a, b):
    cosine = float((a * b).sum() / np.linalg.norm(a) / np.linalg.norm(b))
    top1 = float((a.argmax(-1) == b.argmax(-1)).mean())
    print(f"{name}: cosine {cosine:.5f}, top-1 agreement {top1:.3f}")


compare("FP6 vs unquantized, CPU", logits, exact)
if not (build / "lib/libfpx_cuda_runtime.so").exists():
    print("FPX was built without CUDA: no GPU artifact")
    sys.exit(0)
gpu_artifact = fpx.compile(model, out / "llama-fp6-cuda.fpx", quantize="fp6",
                           target="cuda", **options)
has_gpu = shutil.which("nvidia-smi") and subprocess.run(
    ["nvidia-smi", "-L"], capture_output=True).returncode == 0
if not has_gpu:
    print(f"compiled {gpu_artifact} for the GPU; no GPU here to run it")
    sys.exit(0)
gpu = fpx.load(gpu_artifact, lib_dir=build / "lib")
on_gpu = gpu(tokens)
error = np.abs(on_gpu - logits).max() / np.abs(logits).max()
print(f"FP6 on the GPU ({gpu.num_launches} launches) vs CPU: max rel. "
      f"error {error:.2e}")
