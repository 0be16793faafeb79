"""Exporting models from PyTorch and JAX, as those tools write them, and
compiling them with FPX.

    import fpx
    fpx.export_torch(module, (input_ids,), "model.onnx")       # ONNX, opset 18
    fpx.export_jax(f, (params, tokens), "model.mlir")            # StableHLO text
    path = fpx.compile_torch(module, (input_ids,), "model.fpx", quantize="fp6")
    path = fpx.compile_jax(f, (tokens,), "model.fpx", target="cuda")

Exporting needs torch (with onnxscript) or jax on this machine; compiling
needs fpx-compile (compiler.py). Shapes are those of the example arguments:
FPX compiles static shapes.
"""
import os
import tempfile

from .compiler import compile as _compile


def export_torch(module, args, path, input_names=None, output_names=None,
                 opset=18):
    """Writes `module` (a torch.nn.Module) called on the tuple `args` as an
    ONNX file with torch's dynamo exporter (what `fpx-compile` reads);
    weights go into the file itself. Returns `path`."""
    import torch

    module.eval()
    with torch.no_grad():
        program = torch.onnx.export(module, tuple(args), dynamo=True,
                                    opset_version=opset,
                                    input_names=input_names,
                                    output_names=output_names)
    program.save(os.fspath(path), external_data=False)
    return path


def export_jax(function, args, path):
    """Writes `jax.jit(function).lower(*args).as_text()` (StableHLO) to
    `path`; `args` may be arrays or jax.ShapeDtypeStructs. Arrays closed
    over by `function` become constants of the module. Returns `path`."""
    import jax

    text = jax.jit(function).lower(*args).as_text()
    with open(path, "w") as f:
        f.write(text)
    return path


def _compile_exported(export, output, suffix, options):
    if output is None:
        raise TypeError("give the artifact's path (output=...)")
    with tempfile.TemporaryDirectory(prefix="fpx-export-") as tmp:
        exported = export(os.path.join(tmp, "model" + suffix))
        return _compile(exported, output, **options)


def compile_torch(module, args, output=None, **options):
    """export_torch, then fpx.compile with `options` (the `forward` of the
    module is the graph, compiled as `main`)."""
    return _compile_exported(lambda p: export_torch(module, args, p), output,
                             ".onnx", options)


def compile_jax(function, args, output=None, **options):
    """export_jax, then fpx.compile with `options`."""
    return _compile_exported(lambda p: export_jax(function, args, p), output,
                             ".mlir", options)
