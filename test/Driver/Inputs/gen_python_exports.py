#!/usr/bin/env python3
"""Makes the fixtures of python-export.mlir with fpx.export_torch and
fpx.export_jax (run where torch, onnxscript and jax are installed):

    OUT/torch_mlp.onnx, OUT/torch_mlp.npz   a torch module: LayerNorm, Linear,
                                            GELU, Linear, residual
    OUT/jax_mlp.mlir, OUT/jax_mlp.npz       the same block in JAX with its
                                            weights closed over (constants)
Each .npz holds the input `x` and the framework's output `y`.

usage: gen_python_exports.py OUT
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../../python"))
import fpx  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(3)
x = rng.standard_normal((4, 32)).astype(np.float32)
w1 = (rng.standard_normal((32, 64)) / np.sqrt(32)).astype(np.float32)
w2 = (rng.standard_normal((64, 32)) / np.sqrt(64)).astype(np.float32)

import torch  # noqa: E402


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = torch.nn.LayerNorm(32)
        self.up = torch.nn.Linear(32, 64)
        self.down = torch.nn.Linear(64, 32, bias=False)
        with torch.no_grad():
            self.up.weight.copy_(torch.from_numpy(w1.T.copy()))
            self.down.weight.copy_(torch.from_numpy(w2.T.copy()))

    def forward(self, x):
        return x + self.down(torch.nn.functional.gelu(self.up(self.norm(x))))


block = Block()
fpx.export_torch(block, (torch.from_numpy(x),),
                 os.path.join(out, "torch_mlp.onnx"), input_names=["x"],
                 output_names=["y"])
with torch.no_grad():
    y = block(torch.from_numpy(x)).numpy()
np.savez(os.path.join(out, "torch_mlp.npz"), x=x, y=y)

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402


def jax_block(x):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    h = (x - mean) / jnp.sqrt(var + 1e-5)
    return x + jax.nn.gelu(h @ w1, approximate=False) @ w2


fpx.export_jax(jax_block, (x,), os.path.join(out, "jax_mlp.mlir"))
# On a GPU, JAX's default f32 matmul precision is TF32 (errors ~1e-3); the
# reference is computed in full f32, as FPX computes f32 matmuls.
with jax.default_matmul_precision("highest"):
    y = np.asarray(jax_block(jnp.asarray(x)))
np.savez(os.path.join(out, "jax_mlp.npz"), x=x, y=y)
print("wrote", sorted(os.listdir(out)))
