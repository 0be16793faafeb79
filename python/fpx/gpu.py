"""Running models compiled for the GPU (`fpx-compile --target=cuda`).

Such an artifact holds kernel binaries, weights.safetensors and plan.json:
the model's host program as data (include/fpx/Driver/GPUPlan.h), a list of
kernel launches on buffers that are inputs, weights or places in one device
arena. `GPUModel` hands the folder to the runtime's executor (fpxModelLoad:
binaries and weights loaded once) and replays the plan on each call:

    model = fpx.load("model.fpx")       # a GPUModel for a cuda artifact
    logits = model(input_ids)            # NumPy in, NumPy out

Inputs may also be CUDA tensors: anything that exports DLPack
(`__dlpack__`: PyTorch, JAX, CuPy) or `__cuda_array_interface__`; they are
copied device to device. Given PyTorch tensors, the model returns PyTorch
CUDA tensors.
"""
import ctypes

import numpy as np

from .compiler import (FpxError, Model, _DTYPES, _bf16_bits_to_float32,
                       _float32_to_bf16_bits)
from .runtime import Runtime

_i64 = ctypes.c_int64
_ptr = ctypes.c_void_p

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

# signature dtypes -> bytes per element (bf16 travels as 2-byte void).
_SIGNATURE_SIZES = {"f32": 4, "f16": 2, "bf16": 2, "i32": 4, "i64": 8}


class _Device:
    """The CUDA runtime library's C API, typed for ctypes."""

    def __init__(self, runtime):
        self.runtime = runtime
        lib = ctypes.CDLL(str(runtime.lib_dir / "libfpx_cuda_runtime.so"))
        lib.fpxMemcpyAsync.argtypes = [_ptr, _ptr, ctypes.c_size_t, _ptr]
        lib.fpxStreamSynchronize.argtypes = [_ptr]
        lib.fpxModelLoad.argtypes = [ctypes.c_char_p, ctypes.POINTER(_ptr)]
        lib.fpxModelDestroy.argtypes = [_ptr]
        for name in ("fpxModelNumInputs", "fpxModelNumOutputs",
                     "fpxModelNumSteps"):
            getattr(lib, name).argtypes = [_ptr]
            getattr(lib, name).restype = _i64
        lib.fpxModelStream.argtypes = [_ptr]
        lib.fpxModelStream.restype = _ptr
        for name in ("fpxModelInput", "fpxModelOutput"):
            getattr(lib, name).argtypes = [_ptr, _i64, ctypes.POINTER(_ptr),
                                           ctypes.POINTER(ctypes.c_size_t)]
        lib.fpxModelArena.argtypes = [_ptr, ctypes.POINTER(_ptr),
                                      ctypes.POINTER(ctypes.c_size_t)]
        lib.fpxModelLaunch.argtypes = [_ptr, _ptr]
        lib.fpxModelRun.argtypes = [_ptr, ctypes.c_int]
        lib.fpxModelGraphError.argtypes = [_ptr]
        lib.fpxModelGraphError.restype = ctypes.c_char_p
        self.lib = lib

    def check(self, status, what):
        self.runtime._check(status, what)

    def copy(self, destination, source, nbytes, stream=None):
        self.check(self.lib.fpxMemcpyAsync(destination, source, nbytes,
                                           stream), "copying")

    def synchronize(self, stream=None):
        self.check(self.lib.fpxStreamSynchronize(stream), "synchronizing")


class GPUModel(Model):
    """A model compiled for the GPU; `model(*arrays)` runs it there.

    Loading (the runtime's executor, fpxModelLoad) uploads the weights and
    allocates the inputs and the arena of intermediate buffers once; each
    call copies the inputs in, replays the plan's launches on the model's
    stream and copies the outputs out. With `graph` (the default) the
    launches are captured into a CUDA graph on the first call and replayed
    with one launch afterwards; should capture fail (`graph_error` says
    why), the model launches step by step.
    """

    def __init__(self, path, lib_dir=None, runtime=None, graph=True):
        super().__init__(path)
        self.use_graph = graph
        self._model = None
        for spec in self.inputs + self.outputs:
            if any(size is None for size in spec["shape"]):
                raise FpxError(f"{self.path}: '{spec['name']}' has a dynamic "
                               f"shape; GPU models have static shapes")
        self.device = _Device(runtime or Runtime(lib_dir))
        lib = self.device.lib
        handle = _ptr()
        self.device.check(lib.fpxModelLoad(str(self.path).encode(),
                                           ctypes.byref(handle)),
                          "fpx.load")
        self._model = handle.value
        try:
            self._inputs = [self._buffer(lib.fpxModelInput, i, spec)
                            for i, spec in enumerate(self.inputs)]
            self._outputs = [self._buffer(lib.fpxModelOutput, i, spec)
                             for i, spec in enumerate(self.outputs)]
            for what, count, specs in (
                    ("inputs", lib.fpxModelNumInputs(self._model), self.inputs),
                    ("outputs", lib.fpxModelNumOutputs(self._model),
                     self.outputs)):
                if count != len(specs):
                    raise FpxError(f"{self.path}: plan.json has {count} "
                                   f"{what}, signature.json {len(specs)}")
        except BaseException:
            self.close()
            raise
        self.num_launches = lib.fpxModelNumSteps(self._model)
        self.stream = lib.fpxModelStream(self._model)

    def _buffer(self, getter, index, spec):
        """(device pointer, bytes) of an input or output, checked against
        the signature."""
        pointer, nbytes = _ptr(), ctypes.c_size_t()
        self.device.check(getter(self._model, index, ctypes.byref(pointer),
                                 ctypes.byref(nbytes)),
                          f"buffer of '{spec['name']}'")
        expected = int(np.prod(spec["shape"], dtype=np.int64)) * \
            _SIGNATURE_SIZES[spec["dtype"]]
        if nbytes.value != expected:
            raise FpxError(f"{self.path}: plan.json gives '{spec['name']}' "
                           f"{nbytes.value} bytes, signature.json {expected}")
        return pointer.value or 0, nbytes.value

    def arena(self):
        """(device pointer, bytes) of the arena of intermediate buffers."""
        pointer, nbytes = _ptr(), ctypes.c_size_t()
        self.device.check(self.device.lib.fpxModelArena(
            self._model, ctypes.byref(pointer), ctypes.byref(nbytes)), "arena")
        return pointer.value or 0, nbytes.value

    @property
    def graph_error(self):
        """Why capturing the CUDA graph failed, or None."""
        if not self._model:
            return None
        error = self.device.lib.fpxModelGraphError(self._model)
        return error.decode() if error is not None else None

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
        self.device.check(self.device.lib.fpxModelLaunch(self._model, stream),
                          "launching the model")

    def replay(self):
        """Queues one forward pass on the model's stream (the CUDA graph
        when there is one), the inputs being already on the device."""
        self.device.check(self.device.lib.fpxModelRun(self._model,
                                                      int(self.use_graph)),
                          "running the model")

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
                   for spec, output in zip(self.outputs, self._outputs)]
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
        self.device.copy(array.ctypes.data, output[0], output[1], self.stream)
        return array

    def _torch_output(self, spec, output):
        import torch

        dtypes = {"f32": torch.float32, "f16": torch.float16,
                  "bf16": torch.bfloat16, "i32": torch.int32,
                  "i64": torch.int64}
        tensor = torch.empty(spec["shape"], dtype=dtypes[spec["dtype"]],
                             device="cuda")
        self.device.copy(tensor.data_ptr(), output[0], output[1], self.stream)
        return tensor

    def close(self):
        """Frees the device memory and unloads the kernels."""
        if getattr(self, "_model", None):
            self.device.lib.fpxModelDestroy(self._model)
            self._model = None

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

