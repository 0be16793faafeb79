//===- CudaRuntime.cpp - Loading and launching FPX kernels ------------------===//
//
// The CUDA driver API under the runtime C API: modules on the primary
// context (so FPX shares a process and its buffers with PyTorch or JAX),
// launches of fpx.qmatmul kernels by their ABI (GemmKernel.h), and errors
// reported with the kernel's name.
//
//===----------------------------------------------------------------------===//

#include "fpx/Runtime/Runtime.h"

#include "../Error.h"

#include <cublas_v2.h>
#include <cuda.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

using fpx::runtime::fail;
using fpx::runtime::succeed;

struct FpxModule {
  CUmodule module = nullptr;
  std::string path;
  std::mutex mutex;
  std::unordered_map<std::string, CUfunction> functions;
  std::unordered_map<CUfunction, int64_t> sharedLimit;
};

namespace {

std::string describe(CUresult result) {
  const char *name = nullptr, *text = nullptr;
  cuGetErrorName(result, &name);
  cuGetErrorString(result, &text);
  return std::string(name ? name : "CUDA_ERROR_UNKNOWN") + ": " +
         (text ? text : "unknown error");
}

int check(CUresult result, const std::string &what) {
  if (result == CUDA_SUCCESS)
    return 0;
  return fail(what + " failed: " + describe(result));
}

/// check() for calls on the launch path: `what()` builds the message only
/// when the call failed.
template <typename Describe,
          typename = decltype(std::string(std::declval<Describe>()()))>
int check(CUresult result, Describe &&what) {
  if (result == CUDA_SUCCESS)
    return 0;
  return check(result, what());
}

std::string formatShape(const int64_t *grid, const int64_t *block) {
  return std::to_string(grid[0]) + "x" + std::to_string(grid[1]) + "x" +
         std::to_string(grid[2]) + ", block " + std::to_string(block[0]) +
         "x" + std::to_string(block[1]) + "x" + std::to_string(block[2]);
}

/// Makes the device's primary context current (once per thread).
int ensureContext() {
  CUcontext current = nullptr;
  if (cuCtxGetCurrent(&current) == CUDA_SUCCESS && current)
    return 0;
  if (check(cuInit(0), "cuInit"))
    return 1;
  CUdevice device;
  if (check(cuDeviceGet(&device, 0), "cuDeviceGet"))
    return 1;
  CUcontext primary;
  if (check(cuDevicePrimaryCtxRetain(&primary, device),
            "cuDevicePrimaryCtxRetain"))
    return 1;
  return check(cuCtxSetCurrent(primary), "cuCtxSetCurrent");
}

int getFunction(FpxModule *module, const char *name, CUfunction &function) {
  std::lock_guard<std::mutex> lock(module->mutex);
  auto it = module->functions.find(name);
  if (it != module->functions.end()) {
    function = it->second;
    return 0;
  }
  if (check(cuModuleGetFunction(&function, module->module, name),
            std::string("cuModuleGetFunction(") + name + ") in " +
                module->path))
    return 1;
  module->functions[name] = function;
  return 0;
}

/// Raises the function's dynamic shared memory limit to `bytes` (the
/// default allows 48 KiB of static and dynamic shared memory together).
int allowSharedMemory(FpxModule *module, CUfunction function, const char *name,
                      int64_t bytes) {
  std::lock_guard<std::mutex> lock(module->mutex);
  int64_t &limit = module->sharedLimit[function];
  if (bytes <= limit)
    return 0;
  if (check(cuFuncSetAttribute(function,
                               CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                               static_cast<int>(bytes)),
            std::string("cuFuncSetAttribute(") + name + ", " +
                std::to_string(bytes) + " bytes of shared memory)"))
    return 1;
  limit = bytes;
  return 0;
}

/// Parameters of a kernel taking 1-D memref descriptors and index scalars.
class KernelParams {
public:
  void addBuffer(const void *pointer, int64_t size) {
    Descriptor &d = descriptors.emplace_back();
    d.allocated = d.aligned = const_cast<void *>(pointer);
    d.offset = 0;
    d.size = size;
    d.stride = 1;
  }
  void addIndex(int64_t value) { scalars.push_back(value); }

  /// Pointers to each parameter, in order: buffers first, then scalars (the
  /// kernels' signatures put their index arguments last).
  std::vector<void *> pointers() {
    std::vector<void *> result;
    for (Descriptor &d : descriptors) {
      result.push_back(&d.allocated);
      result.push_back(&d.aligned);
      result.push_back(&d.offset);
      result.push_back(&d.size);
      result.push_back(&d.stride);
    }
    for (int64_t &s : scalars)
      result.push_back(&s);
    return result;
  }

private:
  struct Descriptor {
    void *allocated, *aligned;
    int64_t offset, size, stride;
  };
  std::vector<Descriptor> descriptors; // reserved: pointers stay valid
  std::vector<int64_t> scalars;

public:
  KernelParams() {
    descriptors.reserve(8);
    scalars.reserve(4);
  }
};

/// Launches kernel `name` (`function`) with its parameters and reports a
/// failure with the kernel and launch shape; `dependent`: as a programmatic
/// dependent of the stream's previous kernel (it may start before that one
/// ends; the kernel's griddepcontrol wait orders its memory accesses).
int launch(CUfunction function, const char *name, const int64_t grid[3],
           const int64_t block[3], int64_t sharedBytes, CUstream stream,
           void **params, bool dependent) {
  auto dim = [](int64_t v) { return static_cast<unsigned>(v); };
  CUresult result;
  if (!dependent) {
    result = cuLaunchKernel(function, dim(grid[0]), dim(grid[1]),
                            dim(grid[2]), dim(block[0]), dim(block[1]),
                            dim(block[2]), dim(sharedBytes), stream, params,
                            nullptr);
  } else {
    CUlaunchAttribute attribute{};
    attribute.id = CU_LAUNCH_ATTRIBUTE_PROGRAMMATIC_STREAM_SERIALIZATION;
    attribute.value.programmaticStreamSerializationAllowed = 1;
    CUlaunchConfig config{};
    config.gridDimX = dim(grid[0]);
    config.gridDimY = dim(grid[1]);
    config.gridDimZ = dim(grid[2]);
    config.blockDimX = dim(block[0]);
    config.blockDimY = dim(block[1]);
    config.blockDimZ = dim(block[2]);
    config.sharedMemBytes = dim(sharedBytes);
    config.hStream = stream;
    config.attrs = &attribute;
    config.numAttrs = 1;
    result = cuLaunchKernelEx(&config, function, params, nullptr);
  }
  return check(result, [&] {
    return std::string(dependent ? "cuLaunchKernelEx(" : "cuLaunchKernel(") +
           name + ", grid " + formatShape(grid, block) + ", " +
           std::to_string(sharedBytes) + " bytes shared)";
  });
}

int launchKernel(FpxModule *module, const char *name, unsigned gridX,
                 unsigned gridY, unsigned gridZ, unsigned blockX,
                 int64_t sharedBytes, CUstream stream, KernelParams &params,
                 bool dependent) {
  CUfunction function;
  if (getFunction(module, name, function) ||
      allowSharedMemory(module, function, name, sharedBytes))
    return 1;
  std::vector<void *> pointers = params.pointers();
  const int64_t grid[3] = {gridX, gridY, gridZ}, block[3] = {blockX, 1, 1};
  return launch(function, name, grid, block, sharedBytes, stream,
                pointers.data(), dependent);
}

} // namespace

extern "C" int fpxModuleLoadFile(const char *path, FpxModule **result) {
  if (ensureContext())
    return 1;
  std::ifstream file(path, std::ios::binary);
  if (!file)
    return fail(std::string("cannot open kernel file '") + path + "'");
  std::vector<char> data((std::istreambuf_iterator<char>(file)),
                         std::istreambuf_iterator<char>());
  data.push_back('\0'); // PTX must be NUL-terminated; harmless for cubins
  auto module = std::make_unique<FpxModule>();
  module->path = path;
  if (check(cuModuleLoadData(&module->module, data.data()),
            std::string("cuModuleLoadData(") + path + ")"))
    return 1;
  *result = module.release();
  return succeed();
}

extern "C" int fpxModuleUnload(FpxModule *module) {
  if (!module)
    return succeed();
  int status = check(cuModuleUnload(module->module), "cuModuleUnload");
  delete module;
  return status ? status : succeed();
}

namespace {
/// The kernels' activation (and dense weight) row stride: K rounded up to
/// 8 elements, so that rows start 16-byte aligned (GemmCodegen.md).
int64_t rowStride(const FpxQMatmulLaunch *launch) {
  return (launch->k + 7) / 8 * 8;
}

size_t denseWeightBytes(const FpxQMatmulLaunch *launch) {
  return static_cast<size_t>(launch->n) * rowStride(launch) * 2;
}

/// Bytes of split-K partial sums, rounded up so that the padded copy of x
/// after them starts aligned.
size_t partialSumBytes(const FpxQMatmulLaunch *launch, int64_t m) {
  if (launch->splitK <= 1)
    return 0;
  size_t bytes = static_cast<size_t>(launch->splitK) * m * launch->n * 4;
  return (bytes + 255) / 256 * 256;
}

/// Bytes of x copied to rows of rowStride elements (0 when K is already
/// a multiple of 8).
size_t paddedActivationBytes(const FpxQMatmulLaunch *launch, int64_t m) {
  if (rowStride(launch) == launch->k)
    return 0;
  return static_cast<size_t>(m) * rowStride(launch) * 2;
}

int checkBlas(cublasStatus_t status, const std::string &what) {
  if (status == CUBLAS_STATUS_SUCCESS)
    return 0;
  return fail(what + " failed: " + cublasGetStatusName(status) + ": " +
              cublasGetStatusString(status));
}

/// One cuBLAS handle per thread (handles are not thread-safe).
int getBlas(cublasHandle_t &handle) {
  thread_local cublasHandle_t cached = nullptr;
  if (!cached && checkBlas(cublasCreate(&cached), "cublasCreate"))
    return 1;
  handle = cached;
  return 0;
}

cudaDataType blasType(int64_t code) {
  return code == 0 ? CUDA_R_16F : code == 1 ? CUDA_R_16BF : CUDA_R_32F;
}

/// x W^T through a dense weight decoded into the workspace.
int launchDequantThenDense(FpxModule *module, const FpxQMatmulLaunch *launch,
                           const void *x, const void *words, int64_t numWords,
                           const void *scales, const void *bias, void *y,
                           void *workspace, int64_t m, CUstream stream);
} // namespace

extern "C" size_t fpxQMatmulWorkspaceBytes(const FpxQMatmulLaunch *launch,
                                           int64_t m) {
  if (launch->dequantKernel)
    return denseWeightBytes(launch) +
           (launch->reduceKernel ? static_cast<size_t>(m) * launch->n * 4 : 0);
  return partialSumBytes(launch, m) + paddedActivationBytes(launch, m);
}

extern "C" int fpxQMatmulLaunchAsync(FpxModule *module,
                                     const FpxQMatmulLaunch *launch,
                                     const void *x, const void *words,
                                     int64_t numWords, const void *scales,
                                     const void *bias, void *y,
                                     void *workspace, int64_t m, void *stream) {
  if (m <= 0)
    return fail(std::string(launch->kernel) + ": M must be positive, got " +
                std::to_string(m));
  if (launch->dequantKernel) {
    if (!workspace)
      return fail(std::string(launch->kernel) +
                  ": dequantize-then-dense needs a workspace");
    if (ensureContext())
      return 1;
    return launchDequantThenDense(module, launch, x, words, numWords, scales,
                                  bias, y, workspace, m,
                                  static_cast<CUstream>(stream));
  }
  if (launch->splitK > 1 && (!workspace || !launch->reduceKernel))
    return fail(std::string(launch->kernel) +
                ": split-K launch needs a workspace and a reduce kernel");
  size_t paddedBytes = paddedActivationBytes(launch, m);
  if (paddedBytes && !workspace)
    return fail(std::string(launch->kernel) + ": K = " +
                std::to_string(launch->k) +
                " is not a multiple of 8, so the launch needs a workspace "
                "for the padded activations");
  if (ensureContext())
    return 1;
  auto cuStream = static_cast<CUstream>(stream);
  int64_t n = launch->n, k = launch->k;
  if (paddedBytes) {
    // The kernel reads rows of rowStride elements, 16-byte aligned: copy x
    // into such rows (the padding is never read: the kernel zero-fills
    // columns >= K).
    void *padded = static_cast<char *>(workspace) + partialSumBytes(launch, m);
    CUDA_MEMCPY2D copy{};
    copy.srcMemoryType = CU_MEMORYTYPE_DEVICE;
    copy.srcDevice = reinterpret_cast<CUdeviceptr>(x);
    copy.srcPitch = static_cast<size_t>(k) * 2;
    copy.dstMemoryType = CU_MEMORYTYPE_DEVICE;
    copy.dstDevice = reinterpret_cast<CUdeviceptr>(padded);
    copy.dstPitch = static_cast<size_t>(rowStride(launch)) * 2;
    copy.WidthInBytes = static_cast<size_t>(k) * 2;
    copy.Height = static_cast<size_t>(m);
    if (check(cuMemcpy2DAsync(&copy, cuStream), [&] {
          return std::string("cuMemcpy2DAsync(padded activations of ") +
                 launch->kernel + ")";
        }))
      return 1;
    x = padded;
  }
  // A placeholder for absent buffers: the kernel never reads it.
  const void *biasOrAny = bias ? bias : y;
  void *workspaceOrAny = workspace ? workspace : y;
  int64_t splitWork = launch->splitK > 1 ? launch->splitK * m * n : 0;

  KernelParams gemm;
  gemm.addBuffer(x, m * rowStride(launch));
  gemm.addBuffer(words, numWords);
  gemm.addBuffer(scales, n);
  gemm.addBuffer(biasOrAny, n);
  gemm.addBuffer(y, m * n);
  gemm.addBuffer(workspaceOrAny, splitWork);
  gemm.addIndex(m);
  unsigned gridZ =
      static_cast<unsigned>((m + launch->tokensPerCTA - 1) / launch->tokensPerCTA);
  if (launchKernel(module, launch->kernel, static_cast<unsigned>(launch->gridX),
             static_cast<unsigned>(launch->splitK), gridZ,
             static_cast<unsigned>(launch->blockX), launch->dynamicSharedBytes,
             cuStream, gemm, launch->dependentLaunch != 0))
    return 1;
  if (launch->splitK <= 1)
    return succeed();

  KernelParams reduce;
  reduce.addBuffer(workspace, splitWork);
  reduce.addBuffer(biasOrAny, n);
  reduce.addBuffer(y, m * n);
  reduce.addIndex(m);
  constexpr int64_t threads = 256;
  unsigned blocks = static_cast<unsigned>((m * n + threads - 1) / threads);
  if (launchKernel(module, launch->reduceKernel, blocks, 1, 1, threads, 0,
                   cuStream, reduce, launch->dependentLaunch != 0))
    return 1;
  return succeed();
}

namespace {
int launchDequantThenDense(FpxModule *module, const FpxQMatmulLaunch *launch,
                           const void *x, const void *words, int64_t numWords,
                           const void *scales, const void *bias, void *y,
                           void *workspace, int64_t m, CUstream stream) {
  int64_t n = launch->n, k = launch->k;
  auto *bytes = static_cast<char *>(workspace);
  void *dense = bytes;
  void *partial = bytes + denseWeightBytes(launch);

  KernelParams dequant;
  dequant.addBuffer(words, numWords);
  dequant.addBuffer(scales, n);
  dequant.addBuffer(dense, n * rowStride(launch));
  unsigned blocksK = static_cast<unsigned>((k + 63) / 64);
  if (launchKernel(module, launch->dequantKernel,
                   static_cast<unsigned>(launch->gridX), blocksK, 1, 32, 0,
                   stream, dequant, launch->dependentLaunch != 0))
    return 1;

  // Row-major y[M,N] = x[M,K] W[N,K]^T is column-major y^T = W x^T.
  cublasHandle_t handle;
  if (getBlas(handle) ||
      checkBlas(cublasSetStream(handle, stream), "cublasSetStream"))
    return 1;
  bool epilogue = launch->reduceKernel != nullptr;
  void *c = epilogue ? partial : y;
  cudaDataType cType = epilogue ? CUDA_R_32F : blasType(launch->resultType);
  float alpha = 1.0f, beta = 0.0f;
  // (The dense weight's rows are rowStride elements apart.)
  if (checkBlas(cublasGemmEx(handle, CUBLAS_OP_T, CUBLAS_OP_N, n, m, k, &alpha,
                             dense, blasType(launch->activationType),
                             rowStride(launch), x,
                             blasType(launch->activationType), k, &beta, c,
                             cType, n, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT),
                std::string("cublasGemmEx for ") + launch->kernel))
    return 1;
  if (!epilogue)
    return succeed();

  KernelParams reduce;
  reduce.addBuffer(partial, m * n);
  reduce.addBuffer(bias ? bias : y, n);
  reduce.addBuffer(y, m * n);
  reduce.addIndex(m);
  constexpr int64_t threads = 256;
  unsigned blocks = static_cast<unsigned>((m * n + threads - 1) / threads);
  if (launchKernel(module, launch->reduceKernel, blocks, 1, 1, threads, 0,
                   stream, reduce, launch->dependentLaunch != 0))
    return 1;
  return succeed();
}
} // namespace

extern "C" int fpxLaunchKernelAsync(FpxModule *module, const char *kernel,
                                    int64_t gridX, int64_t blockX,
                                    int64_t dynamicSharedBytes,
                                    const void *const *buffers,
                                    const int64_t *sizes, int64_t numBuffers,
                                    int dependent, void *stream) {
  if (!module || !kernel)
    return fail("fpxLaunchKernelAsync: no module or kernel name");
  if (gridX <= 0 || blockX <= 0 || blockX > 1024)
    return fail(std::string(kernel) + ": bad launch shape, grid " +
                std::to_string(gridX) + ", block " + std::to_string(blockX));
  if (ensureContext())
    return 1;
  KernelParams params;
  for (int64_t i = 0; i < numBuffers; ++i)
    params.addBuffer(buffers[i], sizes[i]);
  if (launchKernel(module, kernel, static_cast<unsigned>(gridX), 1, 1,
                   static_cast<unsigned>(blockX), dynamicSharedBytes,
                   static_cast<CUstream>(stream), params, dependent != 0))
    return 1;
  return succeed();
}

extern "C" int fpxLaunchKernelArgsAsync(FpxModule *module, const char *kernel,
                                        const int64_t *grid,
                                        const int64_t *block,
                                        int64_t dynamicSharedBytes,
                                        const int64_t *args, int64_t numArgs,
                                        int dependent, void *stream) {
  if (!module || !kernel || !grid || !block || (numArgs > 0 && !args))
    return fail("fpxLaunchKernelArgsAsync: no module, kernel name, launch "
                "shape or arguments");
  for (int i = 0; i < 3; ++i)
    if (grid[i] <= 0 || grid[i] > INT32_MAX || block[i] <= 0 ||
        block[i] > 1024)
      return fail(std::string(kernel) + ": bad launch shape, grid " +
                  formatShape(grid, block));
  if (block[0] * block[1] * block[2] > 1024)
    return fail(std::string(kernel) + ": more than 1024 threads per block, " +
                formatShape(grid, block));
  if (ensureContext())
    return 1;
  CUfunction function;
  if (getFunction(module, kernel, function) ||
      allowSharedMemory(module, function, kernel, dynamicSharedBytes))
    return 1;
  // cuLaunchKernel reads each parameter through a pointer, as many bytes
  // as the kernel's signature says: a 4-byte parameter takes the low bytes
  // of its (little-endian) slot.
  std::vector<void *> pointers(static_cast<size_t>(numArgs));
  for (int64_t i = 0; i < numArgs; ++i)
    pointers[i] = const_cast<int64_t *>(args + i);
  return launch(function, kernel, grid, block, dynamicSharedBytes,
                static_cast<CUstream>(stream), pointers.data(), dependent != 0)
             ? 1
             : succeed();
}

extern "C" int fpxDeviceAlloc(size_t bytes, void **pointer) {
  if (!pointer)
    return fail("fpxDeviceAlloc: no result pointer");
  *pointer = nullptr;
  if (bytes == 0)
    return succeed();
  if (ensureContext())
    return 1;
  CUdeviceptr device = 0;
  if (check(cuMemAlloc(&device, bytes),
            "cuMemAlloc(" + std::to_string(bytes) + " bytes)"))
    return 1;
  *pointer = reinterpret_cast<void *>(device);
  return succeed();
}

extern "C" int fpxDeviceFree(void *pointer) {
  if (!pointer)
    return succeed();
  return check(cuMemFree(reinterpret_cast<CUdeviceptr>(pointer)), "cuMemFree")
             ? 1
             : succeed();
}

extern "C" int fpxMemcpyAsync(void *destination, const void *source,
                              size_t bytes, void *stream) {
  if (bytes == 0)
    return succeed();
  if (!destination || !source)
    return fail("fpxMemcpyAsync: NULL pointer");
  if (ensureContext())
    return 1;
  return check(cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(destination),
                             reinterpret_cast<CUdeviceptr>(source), bytes,
                             static_cast<CUstream>(stream)),
               [&] {
                 return "cuMemcpyAsync(" + std::to_string(bytes) + " bytes)";
               })
             ? 1
             : succeed();
}

extern "C" int fpxStreamSynchronize(void *stream) {
  if (ensureContext())
    return 1;
  return check(cuStreamSynchronize(static_cast<CUstream>(stream)),
               "cuStreamSynchronize")
             ? 1
             : succeed();
}

extern "C" int fpxStreamCreate(void **stream) {
  if (!stream)
    return fail("fpxStreamCreate: no result pointer");
  if (ensureContext())
    return 1;
  CUstream created = nullptr;
  if (check(cuStreamCreate(&created, CU_STREAM_NON_BLOCKING), "cuStreamCreate"))
    return 1;
  *stream = created;
  return succeed();
}

extern "C" int fpxStreamDestroy(void *stream) {
  if (!stream)
    return succeed();
  return check(cuStreamDestroy(static_cast<CUstream>(stream)),
               "cuStreamDestroy")
             ? 1
             : succeed();
}

struct FpxGraph {
  CUgraph graph = nullptr;
  CUgraphExec exec = nullptr;
};

extern "C" int fpxGraphBeginCapture(void *stream) {
  if (!stream)
    return fail("fpxGraphBeginCapture: the default stream cannot be captured");
  if (ensureContext())
    return 1;
  return check(cuStreamBeginCapture(static_cast<CUstream>(stream),
                                    CU_STREAM_CAPTURE_MODE_THREAD_LOCAL),
               "cuStreamBeginCapture")
             ? 1
             : succeed();
}

extern "C" int fpxGraphEndCapture(void *stream, FpxGraph **result) {
  if (!stream || !result)
    return fail("fpxGraphEndCapture: no stream or result pointer");
  auto graph = std::make_unique<FpxGraph>();
  if (check(cuStreamEndCapture(static_cast<CUstream>(stream), &graph->graph),
            "cuStreamEndCapture"))
    return 1;
  if (check(cuGraphInstantiate(&graph->exec, graph->graph, 0),
            "cuGraphInstantiate")) {
    cuGraphDestroy(graph->graph);
    return 1;
  }
  *result = graph.release();
  return succeed();
}

extern "C" int fpxGraphLaunch(FpxGraph *graph, void *stream) {
  if (!graph)
    return fail("fpxGraphLaunch: no graph");
  return check(cuGraphLaunch(graph->exec, static_cast<CUstream>(stream)),
               "cuGraphLaunch")
             ? 1
             : succeed();
}

extern "C" int fpxGraphDestroy(FpxGraph *graph) {
  if (!graph)
    return succeed();
  int status = 0;
  if (graph->exec)
    status |= check(cuGraphExecDestroy(graph->exec), "cuGraphExecDestroy");
  if (graph->graph)
    status |= check(cuGraphDestroy(graph->graph), "cuGraphDestroy");
  delete graph;
  return status ? 1 : succeed();
}
