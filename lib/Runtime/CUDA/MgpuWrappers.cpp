//===- MgpuWrappers.cpp - Serve the mgpu* calls of MLIR host code ----------===//
//
// MLIR's gpu-to-llvm lowering turns gpu.launch_func, gpu.alloc, gpu.memcpy
// and friends into calls of mgpu* functions (and a module-load constructor
// per gpu.binary). Debian ships no libmlir_cuda_runtime, so FPX's runtime
// provides them over the CUDA driver API. A failing CUDA call ends the
// program with a message naming the call (and the kernel for launches):
// compiled code has no way to recover from a lost launch or copy.
//
//===----------------------------------------------------------------------===//

#include <cuda.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

[[noreturn]] void fatal(CUresult result, const std::string &what) {
  const char *name = nullptr, *text = nullptr;
  cuGetErrorName(result, &name);
  cuGetErrorString(result, &text);
  std::fprintf(stderr, "fpx runtime: %s failed: %s: %s\n", what.c_str(),
               name ? name : "CUDA_ERROR_UNKNOWN", text ? text : "");
  std::exit(1);
}

void check(CUresult result, const char *what) {
  if (result != CUDA_SUCCESS)
    fatal(result, what);
}

int32_t defaultDevice = 0;

/// The device's primary context, current on this thread.
void ensureContext() {
  CUcontext current = nullptr;
  if (cuCtxGetCurrent(&current) == CUDA_SUCCESS && current)
    return;
  check(cuInit(0), "cuInit");
  CUdevice device;
  check(cuDeviceGet(&device, defaultDevice), "cuDeviceGet");
  CUcontext primary;
  check(cuDevicePrimaryCtxRetain(&primary, device), "cuDevicePrimaryCtxRetain");
  check(cuCtxSetCurrent(primary), "cuCtxSetCurrent");
}

std::string functionName(CUfunction function) {
  const char *name = nullptr;
  if (cuFuncGetName(&name, function) == CUDA_SUCCESS && name)
    return name;
  return "<unknown kernel>";
}

} // namespace

extern "C" {

void mgpuSetDefaultDevice(int32_t device) { defaultDevice = device; }

CUmodule mgpuModuleLoad(void *data, size_t /*size*/) {
  ensureContext();
  CUmodule module = nullptr;
  check(cuModuleLoadData(&module, data), "cuModuleLoadData");
  return module;
}

void mgpuModuleUnload(CUmodule module) {
  // Module unloading runs from a static destructor, possibly after the
  // driver has shut down; nothing useful can be done about a failure.
  cuModuleUnload(module);
}

CUfunction mgpuModuleGetFunction(CUmodule module, const char *name) {
  CUfunction function = nullptr;
  CUresult result = cuModuleGetFunction(&function, module, name);
  if (result != CUDA_SUCCESS)
    fatal(result, std::string("cuModuleGetFunction(") + name + ")");
  return function;
}

void mgpuLaunchKernel(CUfunction function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t sharedBytes, CUstream stream,
                      void **params, void **extra, size_t /*paramsCount*/) {
  ensureContext();
  if (sharedBytes > 48 * 1024) {
    CUresult result = cuFuncSetAttribute(
        function, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, sharedBytes);
    if (result != CUDA_SUCCESS)
      fatal(result, "cuFuncSetAttribute(" + functionName(function) + ", " +
                        std::to_string(sharedBytes) + " bytes shared)");
  }
  CUresult result =
      cuLaunchKernel(function, gridX, gridY, gridZ, blockX, blockY, blockZ,
                     sharedBytes, stream, params, extra);
  if (result != CUDA_SUCCESS)
    fatal(result, "cuLaunchKernel(" + functionName(function) + ")");
}

CUstream mgpuStreamCreate() {
  ensureContext();
  CUstream stream = nullptr;
  check(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
  return stream;
}

void mgpuStreamDestroy(CUstream stream) {
  check(cuStreamDestroy(stream), "cuStreamDestroy");
}

void mgpuStreamSynchronize(CUstream stream) {
  check(cuStreamSynchronize(stream), "cuStreamSynchronize");
}

void mgpuStreamWaitEvent(CUstream stream, CUevent event) {
  check(cuStreamWaitEvent(stream, event, 0), "cuStreamWaitEvent");
}

CUevent mgpuEventCreate() {
  ensureContext();
  CUevent event = nullptr;
  check(cuEventCreate(&event, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
  return event;
}

void mgpuEventDestroy(CUevent event) {
  check(cuEventDestroy(event), "cuEventDestroy");
}

void mgpuEventSynchronize(CUevent event) {
  check(cuEventSynchronize(event), "cuEventSynchronize");
}

void mgpuEventRecord(CUevent event, CUstream stream) {
  check(cuEventRecord(event, stream), "cuEventRecord");
}

void *mgpuMemAlloc(uint64_t sizeBytes, CUstream stream, bool isHostShared) {
  ensureContext();
  CUdeviceptr pointer = 0;
  if (sizeBytes == 0)
    return nullptr;
  if (isHostShared)
    check(cuMemAllocManaged(&pointer, sizeBytes, CU_MEM_ATTACH_GLOBAL),
          "cuMemAllocManaged");
  else
    check(cuMemAllocAsync(&pointer, sizeBytes, stream), "cuMemAllocAsync");
  return reinterpret_cast<void *>(pointer);
}

void mgpuMemFree(void *pointer, CUstream stream) {
  if (!pointer)
    return;
  auto device = reinterpret_cast<CUdeviceptr>(pointer);
  // host_shared allocations are managed memory, which the stream-ordered
  // allocator does not own.
  unsigned int managed = 0;
  check(cuPointerGetAttribute(&managed, CU_POINTER_ATTRIBUTE_IS_MANAGED,
                              device),
        "cuPointerGetAttribute");
  if (managed) {
    check(cuStreamSynchronize(stream), "cuStreamSynchronize");
    check(cuMemFree(device), "cuMemFree");
    return;
  }
  check(cuMemFreeAsync(device, stream), "cuMemFreeAsync");
}

void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, CUstream stream) {
  check(cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(dst),
                      reinterpret_cast<CUdeviceptr>(src), sizeBytes, stream),
        "cuMemcpyAsync");
}

void mgpuMemset32(void *dst, unsigned int value, size_t count,
                  CUstream stream) {
  check(cuMemsetD32Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                         stream),
        "cuMemsetD32Async");
}

void mgpuMemset16(void *dst, unsigned short value, size_t count,
                  CUstream stream) {
  check(cuMemsetD16Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                         stream),
        "cuMemsetD16Async");
}

} // extern "C"
