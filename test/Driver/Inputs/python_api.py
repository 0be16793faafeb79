#!/usr/bin/env python3
"""Drives the fpx Python API (python/fpx/compiler.py) for python-api.mlir.

Usage: python_api.py REPO_TEST_DIR OUTDIR
Compiles the real torch export of GPT-2 (ONNX) and the JAX exports of the
tiny LLaMA (StableHLO, f32 constants and bf16 arguments), runs them on
NumPy arrays and prints their differences from the frameworks' stored
outputs; then prints the exception each misuse raises.
"""
import json
import os
import sys

import numpy as np

import fpx

test_dir, out = sys.argv[1], sys.argv[2]
hf = os.path.join(test_dir, "Frontend/ONNX/Inputs/hf")
jax_dir = os.path.join(test_dir, "Frontend/StableHLO/Inputs")


def max_abs(a, b):
    return np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64)).max()


# ONNX, unquantized: by position and by name, the same numbers as torch.
reference = np.load(os.path.join(hf, "gpt2.npz"))
ids, logits = reference["input_ids"], reference["logits"]
path = fpx.compile(os.path.join(hf, "gpt2.onnx"), os.path.join(out, "gpt2.fpx"),
                   input_shape={"input_ids": ids.shape})
model = fpx.load(path)
print(model)
result = model(ids)
print(f"gpt2 {result.dtype} {result.shape} vs torch: {max_abs(result, logits):.3e}")
print(f"by name equal: {np.array_equal(model(input_ids=ids), result)}")

# FP6 weights with the LM head skipped (the options as flags).
fp6 = fpx.load(fpx.compile(os.path.join(hf, "gpt2.onnx"), os.path.join(out, "gpt2-fp6.fpx"),
                           input_shape={"input_ids": (2, 8)}, quantize="fp6",
                           skip=["lm_head"]))
print(f"gpt2 fp6 quantization: {fp6.signature['quantization']['format']}, "
      f"{fp6.signature['quantization']['packed_constant_weights']} packed, "
      f"skip {fp6.signature['quantization']['skip']}")
print(f"gpt2 fp6 vs torch: {max_abs(fp6(ids), logits):.3e}")

# StableHLO from JAX, i32 tokens given as a Python list; the default
# output path is the input's name with .fpx.
record = json.load(open(os.path.join(jax_dir, "llama_jax.json")))
source = os.path.join(out, "llama_const_f32.mlir")
with open(os.path.join(jax_dir, "llama_const_f32.mlir")) as f, open(source, "w") as g:
    g.write(f.read())
llama = fpx.load(fpx.compile(source))
print(f"llama path: {os.path.basename(llama.path)}")
result = llama(record["tokens"])
print(f"llama const vs jax: {max_abs(result, record['logits_const_f32']):.3e}")

# bf16 weight arguments given as float32 arrays; bf16 logits come back as
# float32. JAX computed in bf16 too, with its own op order.
bf16 = fpx.load(fpx.compile(os.path.join(jax_dir, "llama_args_bf16.mlir"),
                            os.path.join(out, "bf16.fpx")))
params = [np.asarray(record["params"][name], np.float32)
          for name in sorted(record["params"])]
result = bf16(*params, np.asarray(record["tokens"], np.int32))
expected = np.asarray(record["logits_args_bf16"], np.float64)
print(f"llama bf16 {result.dtype}: max relative error vs jax "
      f"{max_abs(result, expected) / np.abs(expected).max():.3f}")

# A rank-0 input, two outputs (a tuple), and bf16 rounding to nearest even:
# 1 + 2^-8 is halfway between 1 and 1 + 2^-7 (to 1), 1 + 3 * 2^-8 halfway
# between 1 + 2^-7 and 1 + 2^-6 (to the latter).
source = os.path.join(out, "identity.mlir")
with open(source, "w") as f:
    f.write("func.func @main(%x: tensor<f32>, %y: tensor<4xbf16>) "
            "-> (tensor<4xbf16>, tensor<f32>) {\n"
            "  return %y, %x : tensor<4xbf16>, tensor<f32>\n}\n")
identity = fpx.load(fpx.compile(source))
y, x = identity(np.float32(2.5), [1.0, 1 + 2**-8, 1 + 3 * 2**-8, -np.inf])
print(f"identity: {x.dtype} {x.shape} {x}; {y.dtype} {y.tolist()}")


def expect_error(description, function):
    try:
        function()
    except (fpx.FpxError, TypeError) as error:
        print(f"{description}: {type(error).__name__}: {error}")
    else:
        print(f"{description}: no error")


expect_error("wrong shape", lambda: model(ids[:1]))
expect_error("wrong dtype", lambda: model(ids.astype(np.int32)))
expect_error("unknown name", lambda: model(tokens=ids))
expect_error("missing", lambda: model())
expect_error("too many", lambda: model(ids, ids))
expect_error("twice", lambda: model(ids, input_ids=ids))
expect_error("bad option", lambda: fpx.compile(os.path.join(hf, "gpt2.onnx"),
                                               os.path.join(out, "x.fpx"),
                                               quantize="fp7"))
expect_error("no shape", lambda: fpx.compile(os.path.join(hf, "gpt2.onnx"),
                                             os.path.join(out, "x.fpx")))
expect_error("unknown option", lambda: fpx.compile(os.path.join(hf, "gpt2.onnx"),
                                                   os.path.join(out, "x.fpx"),
                                                   colour="blue"))
expect_error("no artifact", lambda: fpx.load(os.path.join(out, "absent.fpx")))
with open(os.path.join(out, "gpt2.fpx", "signature.json"), "w") as f:
    f.write("{")
expect_error("bad signature", lambda: fpx.load(os.path.join(out, "gpt2.fpx")))
