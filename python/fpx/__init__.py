"""FPX from Python: compiling models and running artifacts (compiler.py),
GPU models (gpu.py), exporting from PyTorch and JAX (export.py), and the
runtime (numerics, kernel loading and launching; runtime.py)."""

from .compiler import FpxError, Model, ToolError, compile, load
from .export import compile_jax, compile_torch, export_jax, export_torch

__all__ = ["FpxError", "Model", "ToolError", "compile", "compile_jax",
           "compile_torch", "export_jax", "export_torch", "load"]
