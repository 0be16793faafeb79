"""Compile models and run FPX artifacts from Python.

    import fpx
    fpx.compile("model.onnx", "model.fpx", quantize="fp6", skip="lm_head",
                input_shape={"input_ids": (1, 16)})
    model = fpx.load("model.fpx")
    logits = model(input_ids)            # or model(input_ids=input_ids)

`compile` runs the `fpx-compile` tool and `Model.__call__` runs `fpx-run` on
.npy files in a temporary folder (docs/Python.md): the driver library has no
C API to call in-process yet. The tools are looked up in $FPX_TOOLS_DIR,
then in the build tree next to this package (build/bin), then on PATH. A tool
that fails raises `ToolError` (an `FpxError`) carrying its diagnostic.
"""
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np

# One base class for the package's errors, the runtime's included.
from .runtime import FpxError

__all__ = ["FpxError", "Model", "ToolError", "compile", "load"]

# The artifact versions fpx-run reads: 2 binds weights.safetensors at load
# time, 1 embeds the weights in module.mlir.
ARTIFACT_VERSIONS = (1, 2)

# signature.json's dtypes. NumPy has no bfloat16: bf16 travels as 2-byte
# void ('V2', what np.save writes for ml_dtypes.bfloat16) and is converted
# from and to float32 here.
_DTYPES = {"f32": np.dtype("<f4"), "f16": np.dtype("<f2"),
           "i32": np.dtype("<i4"), "i64": np.dtype("<i8")}


class ToolError(FpxError):
    """fpx-compile or fpx-run failed: `str(error)` is the tool's diagnostic,
    `tool` its name and `returncode` its exit status."""

    def __init__(self, message, tool, returncode):
        super().__init__(message)
        self.tool = tool
        self.returncode = returncode


def _find_tool(name):
    candidates = []
    if os.environ.get("FPX_TOOLS_DIR"):
        candidates.append(os.path.join(os.environ["FPX_TOOLS_DIR"], name))
    here = os.path.dirname(os.path.abspath(__file__))
    candidates.append(os.path.join(here, "..", "..", "build", "bin", name))
    for path in candidates:
        if os.access(path, os.X_OK):
            return os.path.normpath(path)
    found = shutil.which(name)
    if found:
        return found
    raise FpxError(f"cannot find {name}: build FPX (utils/build.sh), or set "
                   f"FPX_TOOLS_DIR to the folder that holds it")


def _run(name, args):
    tool = _find_tool(name)
    result = subprocess.run([tool] + args, capture_output=True, text=True)
    if result.returncode != 0:
        message = result.stderr.strip() or result.stdout.strip() or (
            f"{name} exited with status {result.returncode}")
        raise ToolError(message, name, result.returncode)
    return result


def _option_flags(options):
    """fpx-compile flags for keyword options: quantize='fp6' is
    --quantize=fp6, True a bare flag, False/None nothing, a list or tuple
    a comma-separated value (skip=['lm_head', 'embed']), and input_shape a
    dict of shapes ({'input_ids': (1, 16)} is --input-shape input_ids=1x16).
    """
    flags = []
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is None or value is False:
            continue
        if key == "input_shape":
            if not isinstance(value, dict):
                raise TypeError("input_shape must be a dict of shapes, e.g. "
                                "{'input_ids': (1, 16)}")
            for name, shape in value.items():
                dims = "x".join(str(int(d)) for d in shape)
                flags.append(f"--input-shape={name}={dims}")
        elif value is True:
            flags.append(flag)
        elif isinstance(value, (list, tuple)):
            flags.append(f"{flag}={','.join(str(v) for v in value)}")
        else:
            flags.append(f"{flag}={value}")
    return flags


def compile(path, output=None, **options):
    """Compiles the model at `path` (.mlir or .onnx) to an artifact folder.

    `output` defaults to `path` with the extension .fpx. `options` are
    fpx-compile's options by name (docs/Drivers.md), e.g. quantize='fp6',
    group_size=64, skip='lm_head', entry='forward',
    input_shape={'input_ids': (1, 16)}. Returns the artifact's path; raises
    ToolError with fpx-compile's diagnostic on failure.
    """
    path = os.fspath(path)
    if output is None:
        output = os.path.splitext(path)[0] + ".fpx"
    output = os.fspath(output)
    _run("fpx-compile", [path, "-o", output] + _option_flags(options))
    return output


def load(path, **options):
    """Reads the artifact folder `path` (signature.json): a `Model` (run on
    the CPU by fpx-run) for a cpu artifact, a `fpx.gpu.GPUModel` for a cuda
    one (`options`: its lib_dir or runtime)."""
    model = Model(path)
    if model.target.startswith("cuda"):
        from .gpu import GPUModel
        return GPUModel(path, **options)
    if options:
        raise TypeError(f"options {sorted(options)} apply to GPU models only")
    return model


def _float32_to_bf16_bits(array):
    """Rounds to the nearest bf16, ties to even; a NaN stays a quiet NaN."""
    # np.asarray, not np.ascontiguousarray, which turns 0-d arrays into 1-d.
    bits = np.asarray(array, dtype=np.float32, order="C").view(np.uint32)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    rounded = np.where(np.isnan(array), (bits >> 16) | 0x40, rounded)
    return np.asarray(rounded, dtype="<u2").view("V2")


def _bf16_bits_to_float32(array):
    bits = np.asarray(array, order="C").view("<u2").astype(np.uint32) << 16
    return bits.view(np.float32).reshape(array.shape)


class Model:
    """A compiled model: call it on NumPy arrays to run it on the CPU.

    `inputs` and `outputs` are lists of dicts with the signature's `name`,
    `dtype` ('f32', 'f16', 'bf16', 'i32', 'i64') and `shape` (None for a
    dynamic size). bf16 inputs take float arrays; bf16 outputs come back as
    float32.
    """

    def __init__(self, path):
        self.path = os.fspath(path)
        signature_path = os.path.join(self.path, "signature.json")
        try:
            with open(signature_path) as f:
                self.signature = json.load(f)
        except OSError as error:
            raise FpxError(f"cannot read {signature_path}: "
                           f"{error.strerror}") from None
        except ValueError as error:
            raise FpxError(f"{signature_path}: invalid JSON: {error}") \
                from None
        version = self.signature.get("fpx_artifact_version")
        if version not in ARTIFACT_VERSIONS:
            raise FpxError(f"{signature_path}: artifact version {version!r}; "
                           f"this fpx module reads versions "
                           f"{ARTIFACT_VERSIONS[0]} to "
                           f"{ARTIFACT_VERSIONS[-1]}")
        try:
            self.entry = self.signature["entry"]
            self.target = self.signature.get("target", "cpu")
            self.inputs = [dict(name=i["name"], dtype=i["dtype"],
                                shape=i["shape"])
                           for i in self.signature["inputs"]]
            self.outputs = [dict(name=o["name"], dtype=o["dtype"],
                                 shape=o["shape"])
                            for o in self.signature["outputs"]]
        except (KeyError, TypeError) as error:
            raise FpxError(f"{signature_path}: missing or malformed field "
                           f"{error}") from None

    def __repr__(self):
        def describe(values):
            return ", ".join(f"{v['name']}: {v['dtype']}{v['shape']}"
                             for v in values)
        return (f"<fpx.Model {self.path} @{self.entry}"
                f"({describe(self.inputs)}) -> ({describe(self.outputs)})>")

    def _bind(self, args, kwargs):
        """The arrays by input name, as Python binds a call's arguments."""
        names = [i["name"] for i in self.inputs]
        if len(args) > len(names):
            raise TypeError(f"the model takes {len(names)} input(s) "
                            f"({', '.join(names)}), got {len(args)}")
        bound = dict(zip(names, args))
        for name, value in kwargs.items():
            if name not in names:
                raise TypeError(f"unknown input '{name}'; the model's inputs "
                                f"are: {', '.join(names)}")
            if name in bound:
                raise TypeError(f"input '{name}' is given twice")
            bound[name] = value
        missing = [n for n in names if n not in bound]
        if missing:
            raise TypeError(f"missing input(s): {', '.join(missing)}")
        return bound

    def __call__(self, *args, **kwargs):
        """Runs the model. Inputs go by position or by name; arrays must
        have the signature's dtype and shape (fpx-run checks them and its
        diagnostic is raised as ToolError); lists and scalars are converted
        to the input's dtype. Returns one array, or a tuple for several
        outputs, in the signature's order (None when there are none)."""
        bound = self._bind(args, kwargs)
        with tempfile.TemporaryDirectory(prefix="fpx-run-") as tmp:
            flags = []
            for index, spec in enumerate(self.inputs):
                value = bound[spec["name"]]
                if spec["dtype"] == "bf16":
                    value = np.asarray(value)
                    if value.dtype.kind == "f":
                        value = _float32_to_bf16_bits(value)
                elif not isinstance(value, np.ndarray):
                    value = np.asarray(value, dtype=_DTYPES[spec["dtype"]])
                # Files by position: input names may hold any character.
                file = os.path.join(tmp, f"input{index}.npy")
                np.save(file, np.asarray(value, order="C"))
                flags.append(f"--input={spec['name']}={file}")
            output = os.path.join(tmp, "outputs.npz")
            if self.outputs:  # fpx-run refuses --output for none
                flags += ["--output", output]
            try:
                _run("fpx-run", [self.path] + flags)
            except ToolError as error:
                # fpx-run names the file an input came from; here that is a
                # temporary file the caller never saw.
                message = str(error)
                for index in range(len(self.inputs)):
                    message = message.replace(
                        f" (from {os.path.join(tmp, f'input{index}.npy')})", "")
                raise ToolError(message, error.tool, error.returncode) from None
            if not self.outputs:
                return None
            with np.load(output) as archive:
                results = []
                for spec in self.outputs:
                    array = archive[spec["name"]]
                    if spec["dtype"] == "bf16":
                        array = _bf16_bits_to_float32(array)
                    results.append(array)
        return results[0] if len(results) == 1 else tuple(results)
