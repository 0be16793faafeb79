/*===- Runtime.h - FPX runtime C API ------------------------------*- C -*-===*\
|*                                                                            *|
|* What compiled FPX programs, Python and benchmarks call at run time. No     *|
|* MLIR dependency: builds with a C++ compiler (and the CUDA toolkit for the  *|
|* GPU part). Functions return 0 on success; on failure they return non-zero  *|
|* and fpxGetLastError() says what failed (with the kernel's name for GPU     *|
|* errors).                                                                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef FPX_RUNTIME_RUNTIME_H
#define FPX_RUNTIME_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Message of the last failure in this thread ("" if none).
const char *fpxGetLastError(void);

/*--- Numerics (host) -------------------------------------------------------*/

/// Format codes follow the fpx dialect: 0 e3m2, 1 e2m3, 2 e2m2, 3 e2m1.
/// Layout codes: 0 row_major, 1 tc_fpx (block blockN x blockK fragments).
int64_t fpxPackedNumWords(int64_t format, int64_t layout, int64_t rows,
                          int64_t cols, int64_t blockN, int64_t blockK);

/// Quantizes row-major `weights` (rows x cols) with fp16 scales (per channel
/// when groupSize == 0) and packs them: `words` holds
/// fpxPackedNumWords(...) words, `scales` rows * ceil(cols / groupSize)
/// fp16 values (rows when per channel).
int fpxQuantizePack(const float *weights, int64_t rows, int64_t cols,
                    int64_t format, int64_t layout, int64_t groupSize,
                    int64_t blockN, int64_t blockK, uint32_t *words,
                    uint16_t *scales);

/// Inverse of fpxQuantizePack up to rounding: decode(code) * scale.
int fpxDequantizePacked(const uint32_t *words, const uint16_t *scales,
                        int64_t rows, int64_t cols, int64_t format,
                        int64_t layout, int64_t groupSize, int64_t blockN,
                        int64_t blockK, float *weights);

/*--- CUDA (present when built with the CUDA toolkit) -----------------------*/

typedef struct FpxModule FpxModule;

/// Loads a cubin or PTX file on the current device's primary context.
int fpxModuleLoadFile(const char *path, FpxModule **module);
int fpxModuleUnload(FpxModule *module);

/// How to launch one fpx.qmatmul's kernels (see GemmKernel.h); the fields
/// come from the `fpx.launch` manifest entry.
typedef struct FpxQMatmulLaunch {
  const char *kernel;
  const char *reduceKernel; /* NULL without split-K or dense epilogue */
  int64_t n, k;
  int64_t gridX, blockX, splitK, tokensPerCTA, dynamicSharedBytes;
  /* Dequantize-then-dense: the decoding kernel (NULL otherwise), and the
     element types the BLAS GEMM sees: 0 f16, 1 bf16 (activations), plus
     2 f32 for results. */
  const char *dequantKernel;
  int64_t activationType, resultType;
  /* Nonzero: the kernels synchronize through griddepcontrol (compiled with
     dependent-launch), so they are launched as programmatic dependents of
     the stream's previous kernel. */
  int64_t dependentLaunch;
} FpxQMatmulLaunch;

/// Bytes of workspace the launch needs for M tokens: f32 partial sums for
/// split-K, and when K is not a multiple of 8 a copy of x in rows of K
/// rounded up to 8; the dense weight (and f32 results before the epilogue)
/// for dequantize-then-dense; 0 otherwise.
size_t fpxQMatmulWorkspaceBytes(const FpxQMatmulLaunch *launch, int64_t m);

/// y[M,N] = epilogue(x[M,K] W^T) on `stream` (a CUstream; NULL = default).
/// Device pointers; `bias` may be NULL when the kernel has none.
int fpxQMatmulLaunchAsync(FpxModule *module, const FpxQMatmulLaunch *launch,
                          const void *x, const void *words, int64_t numWords,
                          const void *scales, const void *bias, void *y,
                          void *workspace, int64_t m, void *stream);

/// Launches `kernel` on a 1-D grid with `numBuffers` 1-D buffer arguments
/// (device pointers of `sizes[i]` elements, passed as memref descriptors),
/// e.g. a fusion group's kernel: its inputs, then its results, as listed in
/// the manifest's `fusions` entry.
/// Nonzero `dependent`: as for fpxLaunchKernelArgsAsync.
int fpxLaunchKernelAsync(FpxModule *module, const char *kernel, int64_t gridX,
                         int64_t blockX, int64_t dynamicSharedBytes,
                         const void *const *buffers, const int64_t *sizes,
                         int64_t numBuffers, int dependent, void *stream);

/// Launches `kernel` with grid `grid[3]` and block `block[3]` and the
/// kernel's parameters in order, one 8-byte slot each (`args[i]`): pointers
/// and 64-bit integers whole, 32-bit values in the low bytes. A memref
/// parameter takes 3 + 2 * rank slots (its descriptor: allocated and aligned
/// pointers, offset, sizes, strides). Nonzero `dependent` launches it as a
/// programmatic dependent of the stream's previous kernel (only for kernels
/// that wait for it with griddepcontrol before touching memory). Compiled
/// GPU models launch every kernel through this call.
int fpxLaunchKernelArgsAsync(FpxModule *module, const char *kernel,
                             const int64_t *grid, const int64_t *block,
                             int64_t dynamicSharedBytes, const int64_t *args,
                             int64_t numArgs, int dependent, void *stream);

/// Device memory on the current context (`bytes` may be 0: NULL).
int fpxDeviceAlloc(size_t bytes, void **pointer);
int fpxDeviceFree(void *pointer);
/// Copies `bytes` between host and device memory (either way, by unified
/// addressing) in `stream` order; returns once queued. Pageable host
/// memory makes a host-to-device copy complete before it returns.
int fpxMemcpyAsync(void *destination, const void *source, size_t bytes,
                   void *stream);
int fpxStreamSynchronize(void *stream);
/// A non-blocking stream of the current context (the legacy default stream
/// cannot be captured into a graph).
int fpxStreamCreate(void **stream);
int fpxStreamDestroy(void *stream);

/// CUDA graphs: the work queued on `stream` between begin and end is
/// recorded instead of run, then instantiated; launching the graph replays
/// it with one call. Used to replay a GPU model's launches.
typedef struct FpxGraph FpxGraph;
int fpxGraphBeginCapture(void *stream);
int fpxGraphEndCapture(void *stream, FpxGraph **graph);
int fpxGraphLaunch(FpxGraph *graph, void *stream);
int fpxGraphDestroy(FpxGraph *graph);

/*--- Models compiled for the GPU (fpx-compile --target=cuda) ---------------*/

/// The executor of a GPU artifact's plan.json (format in
/// include/fpx/Driver/GPUPlan.h): kernel launches on buffers that are
/// inputs, weights or places in one device arena.
typedef struct FpxModel FpxModel;

/// Loads the artifact folder `directory`: reads plan.json, loads its kernel
/// binaries, uploads the weights the plan reads from weights.safetensors
/// (once), allocates the inputs, the arena and the GEMM workspace, checks
/// that every pointer of the plan lies in its buffer, creates the model's
/// stream and precomputes every launch's parameters.
int fpxModelLoad(const char *directory, FpxModel **model);
/// Waits for the model's stream, frees its memory and unloads its kernels.
int fpxModelDestroy(FpxModel *model);

int64_t fpxModelNumInputs(const FpxModel *model);
int64_t fpxModelNumOutputs(const FpxModel *model);
/// Kernel launches (plan steps) per forward pass.
int64_t fpxModelNumSteps(const FpxModel *model);
/// The non-blocking stream fpxModelRun queues on.
void *fpxModelStream(const FpxModel *model);

/// The device buffer of input `index` (dense, row-major, the signature's
/// element type) and its size; callers copy the input there before a run.
int fpxModelInput(FpxModel *model, int64_t index, void **pointer,
                  size_t *bytes);
/// Where output `index` is after a run (in the arena, a weight or an
/// input), and its size; valid until the next run.
int fpxModelOutput(FpxModel *model, int64_t index, void **pointer,
                   size_t *bytes);

/// The arena of intermediate buffers (tests poison it before a run).
int fpxModelArena(FpxModel *model, void **pointer, size_t *bytes);

/// Queues every step on `stream` (NULL: the model's stream) one by one.
int fpxModelLaunch(FpxModel *model, void *stream);
/// Queues one forward pass on the model's stream. With `useGraph` the
/// first run captures the steps into a CUDA graph and later runs replay it
/// with one launch; should capture fail, the model launches step by step
/// from then on and fpxModelGraphError says why.
int fpxModelRun(FpxModel *model, int useGraph);
/// Why graph capture failed, or NULL (not tried yet, or captured).
const char *fpxModelGraphError(const FpxModel *model);

#ifdef __cplusplus
}
#endif

#endif /* FPX_RUNTIME_RUNTIME_H */
