"""ctypes bindings of the FPX runtime C API (include/fpx/Runtime/Runtime.h).

The shared libraries are looked up in `lib_dir`, the FPX_LIB_DIR environment
variable, or build/lib of the source tree, in that order.
"""
import ctypes
import json
import os
from pathlib import Path

import numpy as np

FORMATS = {"e3m2": 0, "e2m3": 1, "e2m2": 2, "e2m1": 3}
LAYOUTS = {"row_major": 0, "tc_fpx": 1}

_i64 = ctypes.c_int64
_ptr = ctypes.c_void_p


class FpxError(RuntimeError):
    pass


def _default_lib_dir():
    env = os.environ.get("FPX_LIB_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "build" / "lib"


class Runtime:
    """The host runtime: quantization and packing with FPX's numerics."""

    def __init__(self, lib_dir=None):
        self.lib_dir = Path(lib_dir) if lib_dir else _default_lib_dir()
        self.cpu = ctypes.CDLL(str(self.lib_dir / "libfpx_cpu_runtime.so"),
                               mode=ctypes.RTLD_GLOBAL)
        self.cpu.fpxGetLastError.restype = ctypes.c_char_p
        self.cpu.fpxPackedNumWords.restype = _i64
        self.cpu.fpxPackedNumWords.argtypes = [_i64] * 6
        self.cpu.fpxQuantizePack.argtypes = [_ptr] + [_i64] * 7 + [_ptr, _ptr]
        self.cpu.fpxDequantizePacked.argtypes = [_ptr, _ptr] + [_i64] * 7 + [_ptr]

    def error(self):
        return self.cpu.fpxGetLastError().decode()

    def _check(self, status, what):
        if status != 0:
            raise FpxError(f"{what}: {self.error()}")

    def num_words(self, fmt, layout, rows, cols, block=(4, 4)):
        n = self.cpu.fpxPackedNumWords(FORMATS[fmt], LAYOUTS[layout], rows,
                                       cols, *block)
        if n < 0:
            raise FpxError(self.error())
        return n

    def quantize_pack(self, weights, fmt="e3m2", layout="tc_fpx", group=0,
                      block=(4, 4)):
        """weights: float32 [N, K] -> (uint32 words, uint16 fp16 scales)."""
        w = np.ascontiguousarray(weights, dtype=np.float32)
        rows, cols = w.shape
        words = np.zeros(self.num_words(fmt, layout, rows, cols, block),
                         dtype=np.uint32)
        groups = 1 if group == 0 else -(-cols // group)
        scales = np.zeros(rows * groups, dtype=np.uint16)
        self._check(self.cpu.fpxQuantizePack(
            w.ctypes.data, rows, cols, FORMATS[fmt], LAYOUTS[layout], group,
            block[0], block[1], words.ctypes.data, scales.ctypes.data),
            "fpxQuantizePack")
        return words, scales

    def dequantize(self, words, scales, rows, cols, fmt="e3m2",
                   layout="tc_fpx", group=0, block=(4, 4)):
        out = np.zeros((rows, cols), dtype=np.float32)
        words = np.ascontiguousarray(words, dtype=np.uint32)
        scales = np.ascontiguousarray(scales, dtype=np.uint16)
        self._check(self.cpu.fpxDequantizePacked(
            words.ctypes.data, scales.ctypes.data, rows, cols, FORMATS[fmt],
            LAYOUTS[layout], group, block[0], block[1], out.ctypes.data),
            "fpxDequantizePacked")
        return out


class _Launch(ctypes.Structure):
    _fields_ = [("kernel", ctypes.c_char_p), ("reduceKernel", ctypes.c_char_p),
                ("n", _i64), ("k", _i64), ("gridX", _i64), ("blockX", _i64),
                ("splitK", _i64), ("tokensPerCTA", _i64),
                ("dynamicSharedBytes", _i64), ("dequantKernel", ctypes.c_char_p),
                ("activationType", _i64), ("resultType", _i64),
                ("dependentLaunch", _i64)]


_TYPE_CODES = {"f16": 0, "bf16": 1, "f32": 2}


def qmatmul_launch(facts):
    """The FpxQMatmulLaunch of an fpx.qmatmul's launch facts (a manifest
    `gemms` entry or a plan's `qmatmul` step)."""
    reduce = facts.get("reduce_kernel")
    dequant = facts.get("dequant_kernel")
    return _Launch(facts["kernel"].encode(),
                   reduce.encode() if reduce else None,
                   facts["n"], facts["k"], facts["grid_x"], facts["block_x"],
                   facts["split_k"], facts["tokens_per_cta"],
                   facts["dynamic_shared_bytes"],
                   dequant.encode() if dequant else None,
                   _TYPE_CODES[facts["activation_type"]],
                   _TYPE_CODES[facts["result_type"]],
                   int(bool(facts.get("dependent_launch", False))))


class _KernelArtifact:
    """An artifact folder of fpx-export-gpu-binaries: its manifest and its
    binaries loaded as CUDA modules (by gpu.binary name)."""

    def __init__(self, artifact_dir, runtime=None):
        self.runtime = runtime or Runtime()
        self.cuda = ctypes.CDLL(str(self.runtime.lib_dir /
                                    "libfpx_cuda_runtime.so"))
        self.cuda.fpxModuleLoadFile.argtypes = [ctypes.c_char_p,
                                                ctypes.POINTER(_ptr)]
        artifact_dir = Path(artifact_dir)
        self.manifest = json.loads((artifact_dir / "manifest.json").read_text())
        self.modules = {}
        for name, file in self.manifest["binaries"].items():
            handle = _ptr()
            path = str(artifact_dir / file).encode()
            self.runtime._check(self.cuda.fpxModuleLoadFile(path, ctypes.byref(handle)),
                                f"loading {file}")
            self.modules[name] = handle


class GemmKernels(_KernelArtifact):
    """The fpx.qmatmul kernels exported by fpx-export-gpu-binaries."""

    def __init__(self, artifact_dir, runtime=None):
        super().__init__(artifact_dir, runtime)
        self.cuda.fpxQMatmulWorkspaceBytes.restype = ctypes.c_size_t
        self.cuda.fpxQMatmulWorkspaceBytes.argtypes = [ctypes.POINTER(_Launch), _i64]
        self.cuda.fpxQMatmulLaunchAsync.argtypes = [
            _ptr, ctypes.POINTER(_Launch), _ptr, _ptr, _i64, _ptr, _ptr, _ptr,
            _ptr, _i64, _ptr]
        self.gemms = self.manifest["gemms"]
        self._launches = {}

    def launch_struct(self, gemm):
        key = gemm["kernel"]
        if key not in self._launches:
            self._launches[key] = qmatmul_launch(gemm)
        return self._launches[key]

    def workspace_bytes(self, gemm, m):
        return self.cuda.fpxQMatmulWorkspaceBytes(self.launch_struct(gemm), m)

    def launch(self, gemm, x, words, scales, bias, y, workspace, m, stream=0,
               module="fpx_kernels"):
        """Device pointers (ints); returns once the launch is queued."""
        self.runtime._check(self.cuda.fpxQMatmulLaunchAsync(
            self.modules[module], self.launch_struct(gemm), x, words,
            gemm["num_words"], scales, bias, y, workspace, m, stream),
            gemm["kernel"])


class FusionKernels(_KernelArtifact):
    """The fpx_fusion.group kernels exported by fpx-export-gpu-binaries.

    Each manifest entry names the kernel, its launch shape and the shapes
    and element types of its arguments: the group's inputs, then its
    results, all contiguous device buffers.
    """

    def __init__(self, artifact_dir, runtime=None, module="fpx_kernels"):
        super().__init__(artifact_dir, runtime)
        self.cuda.fpxLaunchKernelAsync.argtypes = [
            _ptr, ctypes.c_char_p, _i64, _i64, _i64,
            ctypes.POINTER(_ptr), ctypes.POINTER(_i64), _i64, ctypes.c_int,
            _ptr]
        self.module = self.modules.get(module)
        self.fusions = {f["kernel"]: f for f in self.manifest["fusions"]}
        self._sizes = {}

    def launch(self, kernel, pointers, stream=0):
        """`pointers`: device addresses of the inputs then the results."""
        entry = self.fusions[kernel]
        if kernel not in self._sizes:
            args = entry["inputs"] + entry["results"]
            self._sizes[kernel] = (_i64 * len(args))(
                *[int(np.prod(a["shape"], dtype=np.int64)) for a in args])
        sizes = self._sizes[kernel]
        if len(pointers) != len(sizes):
            raise FpxError(f"{kernel}: expected {len(sizes)} buffers, got "
                           f"{len(pointers)}")
        self.runtime._check(self.cuda.fpxLaunchKernelAsync(
            self.module, kernel.encode(), entry["grid_x"], entry["block_x"], 0,
            (_ptr * len(sizes))(*pointers), sizes, len(sizes),
            int(entry.get("dependent_launch", False)), stream), kernel)
