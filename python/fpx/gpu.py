"""Running models compiled for the GPU (`fpx-compile --target=cuda`).

Such an artifact holds kernel binaries, weights.safetensors and plan.json:
the model's host program as data (include/fpx/Driver/GPUPlan.h), a list of
kernel launches on buffers that are inputs, weights or places in one device
arena. `GPUModel` loads the binaries and the weights once, then replays the
plan on each call through the runtime C API (python/fpx/runtime.py):

    model = fpx.load("model.fpx")       # a GPUModel for a cuda artifact
    logits = model(input_ids)            # NumPy in, NumPy out

Inputs may also be CUDA tensors: anything that exports DLPack
(`__dlpack__`: PyTorch, JAX, CuPy) or `__cuda_array_interface__`; they are
copied device to device. Given PyTorch tensors, the model returns PyTorch
CUDA tensors.
"""
import ctypes
import json
import os

import numpy as np

from .compiler import (FpxError, Model, _DTYPES, _bf16_bits_to_float32,
                       _float32_to_bf16_bits)
from .runtime import Runtime, _Launch, qmatmul_launch

_i64 = ctypes.c_int64
_ptr = ctypes.c_void_p

PLAN_VERSION = 1


# DLPack (dlpack.h, the legacy "dltensor" capsule that __dlpack__() returns
# without max_version): DLManagedTensor starts with its DLTensor.
class _DLDevice(ctypes.Structure):
    _fields_ = [("device_type", ctypes.c_int32), ("device_id", ctypes.c_int32)]


class _DLDataType(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint8), ("bits", ctypes.c_uint8),
                ("lanes", ctypes.c_uint16)]


class _DLTensor(ctypes.Structure):
    _fields_ = [("data", _ptr), ("device", _DLDevice), ("ndim", ctypes.c_int32),
                ("dtype", _DLDataType), ("shape", ctypes.POINTER(_i64)),
                ("strides", ctypes.POINTER(_i64)),
                ("byte_offset", ctypes.c_uint64)]


_DL_CUDA = 2
# (type code, bits) -> signature dtype: 0 int, 2 float, 4 bfloat.
_DL_DTYPES = {(2, 32): "f32", (2, 16): "f16", (4, 16): "bf16", (0, 32): "i32",
              (0, 64): "i64"}
_DTYPE_NAMES = {np.dtype(v): k for k, v in _DTYPES.items()}
_capsule_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_capsule_pointer.restype = _ptr
_capsule_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]


def _dlpack_on_cuda(value):
    return (hasattr(value, "__dlpack__") and hasattr(value, "__dlpack_device__")
            and value.__dlpack_device__()[0] == _DL_CUDA)


def _on_cuda(value):
    """True for a CUDA tensor (NumPy arrays export DLPack too, on the CPU)."""
    return _dlpack_on_cuda(value) or hasattr(value, "__cuda_array_interface__")


def _dlpack_view(value):
    """(address, shape, dtype name, contiguous, capsule) of a CUDA tensor
    exported through DLPack; the capsule keeps the memory alive."""
    capsule = value.__dlpack__()
    tensor = _DLTensor.from_address(_capsule_pointer(capsule, b"dltensor"))
    if tensor.device.device_type != _DL_CUDA:
        return None
    shape = tuple(tensor.shape[i] for i in range(tensor.ndim))
    contiguous = True
    if tensor.strides:
        expected = 1
        for i in reversed(range(tensor.ndim)):
            if shape[i] != 1 and tensor.strides[i] != expected:
                contiguous = False
            expected *= shape[i]
    dtype = _DL_DTYPES.get((tensor.dtype.code, tensor.dtype.bits))
    if tensor.dtype.lanes != 1:
        dtype = None
    return ((tensor.data or 0) + tensor.byte_offset, shape, dtype, contiguous,
            capsule)

# safetensors dtypes -> bytes per element.
_SAFETENSORS_SIZES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8,
                      "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}
# signature dtypes -> bytes per element (bf16 travels as 2-byte void).
_SIGNATURE_SIZES = {"f32": 4, "f16": 2, "bf16": 2, "i32": 4, "i64": 8}


def read_safetensors(path):
    """{name: (dtype, shape, bytes)} of a safetensors file, read whole."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise FpxError(f"{path}: not a safetensors file (truncated)")
    header_bytes = int.from_bytes(data[:8], "little")
    if header_bytes > len(data) - 8:
        raise FpxError(f"{path}: not a safetensors file (header size "
                       f"{header_bytes} past the end)")
    try:
        header = json.loads(data[8:8 + header_bytes])
    except ValueError as error:
        raise FpxError(f"{path}: invalid safetensors header: {error}") \
            from None
    body = memoryview(data)[8 + header_bytes:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        if not 0 <= begin <= end <= len(body):
            raise FpxError(f"{path}: tensor '{name}' lies outside the file")
        tensors[name] = (info["dtype"], info["shape"], body[begin:end])
    return tensors


class _Device:
    """The CUDA runtime library's C API, typed for ctypes."""

    def __init__(self, runtime):
        self.runtime = runtime
        lib = ctypes.CDLL(str(runtime.lib_dir / "libfpx_cuda_runtime.so"))
        lib.fpxModuleLoadFile.argtypes = [ctypes.c_char_p, ctypes.POINTER(_ptr)]
        lib.fpxModuleUnload.argtypes = [_ptr]
        lib.fpxDeviceAlloc.argtypes = [ctypes.c_size_t, ctypes.POINTER(_ptr)]
        lib.fpxDeviceFree.argtypes = [_ptr]
        lib.fpxMemcpyAsync.argtypes = [_ptr, _ptr, ctypes.c_size_t, _ptr]
        lib.fpxStreamSynchronize.argtypes = [_ptr]
        lib.fpxStreamCreate.argtypes = [ctypes.POINTER(_ptr)]
        lib.fpxStreamDestroy.argtypes = [_ptr]
        lib.fpxGraphBeginCapture.argtypes = [_ptr]
        lib.fpxGraphEndCapture.argtypes = [_ptr, ctypes.POINTER(_ptr)]
        lib.fpxGraphLaunch.argtypes = [_ptr, _ptr]
        lib.fpxGraphDestroy.argtypes = [_ptr]
        lib.fpxLaunchKernelArgsAsync.argtypes = [
            _ptr, ctypes.c_char_p, ctypes.POINTER(_i64), ctypes.POINTER(_i64),
            _i64, ctypes.POINTER(_i64), _i64, _ptr]
        lib.fpxQMatmulWorkspaceBytes.restype = ctypes.c_size_t
        lib.fpxQMatmulWorkspaceBytes.argtypes = [ctypes.POINTER(_Launch), _i64]
        lib.fpxQMatmulLaunchAsync.argtypes = [
            _ptr, ctypes.POINTER(_Launch), _ptr, _ptr, _i64, _ptr, _ptr, _ptr,
            _ptr, _i64, _ptr]
        self.lib = lib

    def check(self, status, what):
        self.runtime._check(status, what)

    def alloc(self, nbytes):
        pointer = _ptr()
        self.check(self.lib.fpxDeviceAlloc(nbytes, ctypes.byref(pointer)),
                   f"allocating {nbytes} bytes of device memory")
        return pointer.value or 0

    def free(self, pointer):
        if pointer:
            self.check(self.lib.fpxDeviceFree(pointer), "freeing device memory")

    def copy(self, destination, source, nbytes, stream=None):
        self.check(self.lib.fpxMemcpyAsync(destination, source, nbytes,
                                           stream), "copying")

    def synchronize(self, stream=None):
        self.check(self.lib.fpxStreamSynchronize(stream), "synchronizing")


class GPUModel(Model):
    """A model compiled for the GPU; `model(*arrays)` runs it there.

    Loading uploads the weights and allocates the inputs and the arena of
    intermediate buffers once; each call copies the inputs in, replays the
    plan's launches on the model's stream and copies the outputs out. With
    `graph` (the default) the launches are captured into a CUDA graph on the
    first call and replayed with one launch afterwards; should capture fail
    (`graph_error` says why), the model launches step by step.
    """

    def __init__(self, path, lib_dir=None, runtime=None, graph=True):
        super().__init__(path)
        self.use_graph = graph
        self.graph_error = None
        self._graph = None
        self.stream = None
        plan_path = os.path.join(self.path, "plan.json")
        try:
            with open(plan_path) as f:
                self.plan = json.load(f)
        except OSError as error:
            raise FpxError(f"cannot read {plan_path}: {error.strerror}") \
                from None
        except ValueError as error:
            raise FpxError(f"{plan_path}: invalid JSON: {error}") from None
        if (self.plan.get("format") != "fpx-gpu-plan"
                or self.plan.get("version") != PLAN_VERSION):
            raise FpxError(f"{plan_path}: not an FPX GPU plan of version "
                           f"{PLAN_VERSION}")
        for spec in self.inputs + self.outputs:
            if any(size is None for size in spec["shape"]):
                raise FpxError(f"{self.path}: '{spec['name']}' has a dynamic "
                               f"shape; GPU models have static shapes")
        self._buffers = []  # device allocations to free
        self._modules = {}
        self.device = _Device(runtime or Runtime(lib_dir))
        try:
            self._load()
        except BaseException:
            self.close()
            raise

    # -- loading -----------------------------------------------------------

    def _allocate(self, nbytes):
        pointer = self.device.alloc(nbytes)
        self._buffers.append(pointer)
        return pointer

    def _load(self):
        device = self.device
        for name, file in self.plan["binaries"].items():
            handle = _ptr()
            device.check(device.lib.fpxModuleLoadFile(
                os.path.join(self.path, file).encode(), ctypes.byref(handle)),
                f"loading {file}")
            self._modules[name] = handle

        # Only the weights the plan reads go to the device.
        used = set()
        for step in self.plan["steps"]:
            for pointer in self._pointers_of(step):
                if pointer["buffer"] == "weight":
                    used.add(pointer["name"])
        for output in self.plan["outputs"]:
            if output["pointer"]["buffer"] == "weight":
                used.add(output["pointer"]["name"])
        tensors = read_safetensors(os.path.join(self.path,
                                                "weights.safetensors"))
        self._weights = {}
        for name in sorted(used):
            if name not in tensors:
                raise FpxError(f"{self.path}: the plan reads weight '{name}', "
                               f"which weights.safetensors lacks")
            data = tensors[name][2]
            pointer = self._allocate(max(len(data), 1))
            host = np.frombuffer(data, dtype=np.uint8)
            device.copy(pointer, host.ctypes.data, len(data))
            self._weights[name] = pointer
        device.synchronize()

        self._inputs = []
        for spec in self.inputs:
            count = int(np.prod(spec["shape"], dtype=np.int64))
            nbytes = count * _SIGNATURE_SIZES[spec["dtype"]]
            self._inputs.append((self._allocate(max(nbytes, 1)), nbytes))
        self._arena = self._allocate(max(self.plan["arena_bytes"], 1))

        self._steps = []
        workspace_bytes = 0
        for step in self.plan["steps"]:
            if step["kind"] == "launch":
                args = (_i64 * len(step["args"]))(
                    *[self._slot(slot) for slot in step["args"]])
                self._steps.append(("launch", self._modules[step["binary"]],
                                    step["kernel"].encode(),
                                    (_i64 * 3)(*step["grid"]),
                                    (_i64 * 3)(*step["block"]),
                                    step["shared_bytes"], args, len(args),
                                    step))
            elif step["kind"] == "qmatmul":
                facts = step["launch"]
                launch = qmatmul_launch(facts)
                workspace_bytes = max(workspace_bytes,
                                      device.lib.fpxQMatmulWorkspaceBytes(
                                          ctypes.byref(launch), facts["m"]))
                bias = step["bias"]
                self._steps.append((
                    "qmatmul", self._modules[step["binary"]], launch,
                    self._address(step["x"]), self._address(step["words"]),
                    facts["num_words"], self._address(step["scales"]),
                    self._address(bias) if bias else None,
                    self._address(step["y"]), facts["m"], step))
            else:
                raise FpxError(f"{self.path}: unknown plan step kind "
                               f"'{step['kind']}'")
        self._workspace = self._allocate(workspace_bytes) \
            if workspace_bytes else None
        self.num_launches = len(self._steps)
        stream = _ptr()
        device.check(device.lib.fpxStreamCreate(ctypes.byref(stream)),
                     "creating a stream")
        self.stream = stream.value

    @staticmethod
    def _pointers_of(step):
        if step["kind"] == "launch":
            return [s["pointer"] for s in step["args"] if "pointer" in s]
        return [step[k] for k in ("x", "words", "scales", "bias", "y")
                if step.get(k)]

    def _address(self, pointer):
        kind = pointer["buffer"]
        if kind == "arena":
            base = self._arena
        elif kind == "input":
            base = self._inputs[pointer["index"]][0]
        elif kind == "weight":
            base = self._weights[pointer["name"]]
        else:
            raise FpxError(f"{self.path}: unknown buffer kind '{kind}'")
        return base + pointer["offset"]

    def _slot(self, slot):
        if "pointer" in slot:
            return self._address(slot["pointer"])
        for kind in ("i64", "i32", "bits"):
            if kind in slot:
                return int(slot[kind])
        raise FpxError(f"{self.path}: unknown kernel argument {slot}")

    # -- running -----------------------------------------------------------

    def _upload(self, index, spec, value):
        """Copies one input to its device buffer; True if it was a CUDA
        tensor."""
        device_pointer, nbytes = self._inputs[index]
        shape = tuple(spec["shape"])
        view = None
        if _dlpack_on_cuda(value):
            view = _dlpack_view(value)
        elif hasattr(value, "__cuda_array_interface__"):
            interface = value.__cuda_array_interface__
            dtype = _DTYPE_NAMES.get(np.dtype(interface["typestr"]))
            view = (interface["data"][0], tuple(interface["shape"]), dtype,
                    interface.get("strides") is None, None)
        if view is not None:
            address, actual, dtype, contiguous, _keep = view
            if actual != shape:
                raise FpxError(f"input '{spec['name']}': expected shape "
                               f"{list(shape)}, got {list(actual)}")
            if dtype != spec["dtype"] or not contiguous:
                raise FpxError(f"input '{spec['name']}': expected a contiguous "
                               f"{spec['dtype']} CUDA tensor, got "
                               f"{dtype or 'another type'}"
                               f"{'' if contiguous else ', strided'}")
            self.device.copy(device_pointer, address, nbytes, self.stream)
            return True
        if spec["dtype"] == "bf16":
            array = np.asarray(value)
            if array.dtype.kind == "f":
                array = _float32_to_bf16_bits(array)
            expected = np.dtype("V2")
        else:
            array = np.asarray(value)
            if not isinstance(value, np.ndarray):
                array = array.astype(_DTYPES[spec["dtype"]])
            expected = _DTYPES[spec["dtype"]]
        if array.dtype != expected:
            raise FpxError(f"input '{spec['name']}': expected {spec['dtype']}, "
                           f"got {array.dtype}")
        if array.shape != shape:
            raise FpxError(f"input '{spec['name']}': expected shape "
                           f"{list(shape)}, got {list(array.shape)}")
        array = np.ascontiguousarray(array)
        self.device.copy(device_pointer, array.ctypes.data, nbytes,
                         self.stream)
        return False

    def launch(self, stream=None):
        """Queues every step on `stream` (None: the model's stream) one by
        one and returns, the inputs being already on the device."""
        if stream is None:
            stream = self.stream
        lib = self.device.lib
        for step in self._steps:
            if step[0] == "launch":
                _, module, kernel, grid, block, shared, args, count, info = step
                status = lib.fpxLaunchKernelArgsAsync(
                    module, kernel, grid, block, shared, args, count, stream)
                what = f"{info['kernel']} ({info['location']})"
            else:
                (_, module, launch, x, words, num_words, scales, bias, y, m,
                 info) = step
                status = lib.fpxQMatmulLaunchAsync(
                    module, ctypes.byref(launch), x, words, num_words, scales,
                    bias, y, self._workspace, m, stream)
                what = f"{info['launch']['kernel']} ({info['location']})"
            self.device.check(status, what)

    def _capture(self):
        """Records the steps into a CUDA graph; on failure keeps the reason
        and returns None."""
        lib = self.device.lib
        try:
            self.device.check(lib.fpxGraphBeginCapture(self.stream),
                              "beginning a graph capture")
        except FpxError as error:
            self.graph_error = str(error)
            return None
        graph = _ptr()
        try:
            self.launch(self.stream)
        except FpxError as error:
            self.graph_error = str(error)
            lib.fpxGraphEndCapture(self.stream, ctypes.byref(graph))
            if graph.value:
                lib.fpxGraphDestroy(graph)
            return None
        status = lib.fpxGraphEndCapture(self.stream, ctypes.byref(graph))
        if status != 0:
            self.graph_error = self.device.runtime.error()
            return None
        return graph.value

    def replay(self):
        """Queues one forward pass on the model's stream (the CUDA graph
        when there is one), the inputs being already on the device."""
        if self.use_graph and self._graph is None and self.graph_error is None:
            self._graph = self._capture()
        if self._graph:
            self.device.check(self.device.lib.fpxGraphLaunch(self._graph,
                                                             self.stream),
                              "launching the model's CUDA graph")
        else:
            self.launch(self.stream)

    def __call__(self, *args, **kwargs):
        """Runs the model on the GPU: arrays or CUDA tensors in the
        signature's dtypes and shapes. Returns NumPy arrays (bf16 as
        float32), or PyTorch CUDA tensors when an input was one; one value,
        or a tuple for several outputs."""
        bound = self._bind(args, kwargs)
        if any(_on_cuda(value) for value in bound.values()):
            # Whatever produced device inputs on the legacy default stream
            # (PyTorch's default) finishes before the model's stream reads.
            self.device.synchronize(None)
        torch_inputs = False
        for index, spec in enumerate(self.inputs):
            value = bound[spec["name"]]
            on_device = self._upload(index, spec, value)
            torch_inputs |= on_device and type(value).__module__ == "torch"
        self.replay()
        results = [self._torch_output(spec, output) if torch_inputs
                   else self._numpy_output(spec, output)
                   for spec, output in zip(self.outputs, self.plan["outputs"])]
        self.device.synchronize(self.stream)
        results = [_bf16_bits_to_float32(a)
                   if s["dtype"] == "bf16" and not torch_inputs else a
                   for a, s in zip(results, self.outputs)]
        if not results:
            return None
        return results[0] if len(results) == 1 else tuple(results)

    def _numpy_output(self, spec, output):
        dtype = np.dtype("<u2") if spec["dtype"] == "bf16" \
            else _DTYPES[spec["dtype"]]
        array = np.empty(spec["shape"], dtype=dtype)
        self.device.copy(array.ctypes.data, self._address(output["pointer"]),
                         output["bytes"], self.stream)
        return array

    def _torch_output(self, spec, output):
        import torch

        dtypes = {"f32": torch.float32, "f16": torch.float16,
                  "bf16": torch.bfloat16, "i32": torch.int32,
                  "i64": torch.int64}
        tensor = torch.empty(spec["shape"], dtype=dtypes[spec["dtype"]],
                             device="cuda")
        self.device.copy(tensor.data_ptr(), self._address(output["pointer"]),
                         output["bytes"], self.stream)
        return tensor

    def close(self):
        """Frees the device memory and unloads the kernels."""
        if getattr(self, "_graph", None):
            self.device.lib.fpxGraphDestroy(self._graph)
            self._graph = None
        if getattr(self, "stream", None):
            self.device.synchronize(self.stream)
            self.device.lib.fpxStreamDestroy(self.stream)
            self.stream = None
        for pointer in getattr(self, "_buffers", []):
            self.device.free(pointer)
        self._buffers = []
        for handle in getattr(self, "_modules", {}).values():
            self.device.lib.fpxModuleUnload(handle)
        self._modules = {}

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

