"""FPX from Python: compiling models and running artifacts (compiler.py), and
the GPU runtime (numerics, kernel loading and launching; runtime.py)."""

from .compiler import FpxError, Model, ToolError, compile, load

__all__ = ["FpxError", "Model", "ToolError", "compile", "load"]
