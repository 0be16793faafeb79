//===- Passes.td - FPX conversion passes -------------------*- tablegen -*-===//

#ifndef FPX_CONVERSION_PASSES_TD
#define FPX_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertFPxToLinalg : Pass<"convert-fpx-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower fpx ops to linalg/tensor/arith (CPU reference path)";
  let description = [{
    `fpx.dequantize` becomes a `linalg.generic` that reads each element's
    bits from the packed words (in either layout), decodes them through a
    small table of the format's values and multiplies by the scale.
    `fpx.qmatmul` becomes dequantize, a matmul-shaped `linalg.generic`
    (batch..., m, n parallel; k reduction) accumulating in f32 against the
    N x K weight, and an elementwise epilogue for bias and activation. `fpx.quantize` becomes a call to
    `fpxQuantizeF32`, served by the FPX CPU runtime library (the same numerics
    code that packs constant weights at compile time).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect"];
}

def FPxGPUGemmKernels : Pass<"fpx-gpu-gemm-kernels", "::mlir::ModuleOp"> {
  let summary = "Generate TC-FPx Tensor Core GEMM kernels for fpx.qmatmul";
  let description = [{
    For every `fpx.qmatmul` with f16/bf16 activations and a tc_fpx weight,
    chooses a kernel configuration with the GEMM cost model (or the
    overrides below), appends the kernel(s) to the `gpu.module`
    `@fpx_kernels`, and records on the op, as the `fpx.launch` dictionary,
    which kernels to launch and how. Ops the generator cannot handle get an
    error naming the op and what is supported.

    Without a static M the configuration is chosen for `default-m` tokens.
    Decoded weights need a multiply by 2^(target bias - format bias); it is
    folded into the per-channel scale when the scales are constants small
    enough for the product to stay finite, and done separately otherwise.
    With `tuning-table`, a measured best configuration for the layer's
    N x K, format and M overrides the cost model unless `warp-split`
    forces a layout. An op's own `fpx.gemm_config` dictionary
    (`warps`, `token_tiles`, `split_k`, `stages`, `warps_along_n`,
    `warpgroup_mma`, `row_tiles`, `blocks_per_stage`) overrides the cost model, the table and
    the options.

    With `chip=sm_90a` the warpgroup layout joins the candidates: wgmma
    with the decoded weight as its register A operand and the activation
    tile as its shared-memory B operand (the kernels then need an sm_90a
    target, as `fpx-gpu-kernel-pipeline=chip=sm_90a`).
  }];
  let options = [
    Option<"defaultM", "default-m", "int64_t", /*default=*/"16",
           "Token count to tune for when M is dynamic">,
    Option<"warps", "warps", "unsigned", /*default=*/"0",
           "Warps per CTA (0: cost model)">,
    Option<"tokenTiles", "token-tiles", "unsigned", /*default=*/"0",
           "8-token tiles per CTA (0: cost model)">,
    Option<"splitK", "split-k", "unsigned", /*default=*/"0",
           "CTAs along K (0: cost model)">,
    Option<"stages", "stages", "unsigned", /*default=*/"0",
           "cp.async pipeline stages (0: cost model)">,
    Option<"warpSplit", "warp-split", "std::string", /*default=*/"\"auto\"",
           "How warps share a CTA's work: k (K-slices of the same rows), n "
           "(row slices sharing the activation tile), shared (weights "
           "dequantized once into shared memory for many tokens), dense "
           "(weights dequantized to a workspace, then the runtime's BLAS "
           "GEMM), wgmma (warpgroups decode into wgmma's A registers; "
           "sm_90a) or auto (cost model)">,
    Option<"rowTiles", "row-tiles", "unsigned", /*default=*/"0",
           "64-row tiles per warpgroup of the wgmma layout (0: cost model)">,
    Option<"blocksPerStage", "blocks-per-stage", "unsigned", /*default=*/"0",
           "64-column K blocks per pipeline stage (one barrier each) of "
           "the wgmma layout (0: keep 1; measured within 2% of 1)">,
    Option<"chip", "chip", "std::string", /*default=*/"\"sm_90\"",
           "Target SM of the kernels: sm_90a allows the wgmma layout">,
    Option<"assumeScalesFit", "assume-scales-fit", "bool", /*default=*/"false",
           "Fold the exponent-bias fix into scales that are not constants "
           "(only correct when every scale times 2^(target bias - format "
           "bias) is finite in the activation type, e.g. scales below 16 "
           "for fp6 with f16: absmax <= 231, as scales are searched up to "
           "31/16 of absmax / 28)">,
    Option<"dependentLaunch", "dependent-launch", "bool", /*default=*/"false",
           "Programmatic dependent launch (sm_90 and later): each kernel "
           "lets the next one of the stream launch once all its CTAs run "
           "and waits for the previous one before it touches memory that "
           "kernel may write; constant weights and scales are fetched "
           "before that wait. The runtime launches such kernels with the "
           "programmatic stream serialization attribute">,
    Option<"weightsReadOnly", "weights-read-only", "bool", /*default=*/"false",
           "With dependent-launch: no kernel writes the weights and scales "
           "even where they are not constants (function arguments), so "
           "they too are fetched before waiting for the previous kernel">,
    Option<"tuningTable", "tuning-table", "std::string", /*default=*/"\"\"",
           "JSON file of measured best configurations per N x K, format and "
           "M (python/fpx/bench_gemm.py `table`); an entry for the layer and "
           "M overrides the cost model (a wgmma entry only with "
           "chip=sm_90a)">,
    Option<"reportEstimates", "report-estimates", "bool", /*default=*/"false",
           "Emit a remark per op with the chosen configuration and its "
           "estimated time">,
    Option<"fallback", "fallback", "bool", /*default=*/"false",
           "Leave ops the generator cannot take (e.g. f32 activations) "
           "without `fpx.launch`, for a generic "
           "lowering, instead of failing (remark with the reason under "
           "report-estimates)">,
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::nvgpu::NVGPUDialect",
                           "::mlir::NVVM::NVVMDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def FPxGPUFusionKernels : Pass<"fpx-gpu-fusion-kernels", "::mlir::ModuleOp"> {
  let summary = "Generate one GPU kernel per fpx_fusion.group";
  let description = [{
    For every `fpx_fusion.group` (from `--fpx-fusion-plan`) appends a
    `gpu.func` to the `gpu.module` `@fpx_kernels` that computes the whole
    group in one launch, and records how to launch it on the group as the
    `fpx.launch` dictionary (kernel, grid_x, block_x, rows, cols,
    threads_per_row, blocks_per_row, vector_width, shared_bytes,
    estimated_us).

    The group's body is first generalized to `linalg.generic`s. Its ops
    must share one iteration space: rows (the outer loops) x a row (the
    innermost loop); elementwise and broadcasting ops over it, reductions
    over the row (`addf`, `mulf`, `maximumf`, `minimumf`, `maxnumf`,
    `minnumf` combiners, f16/bf16 summed in f32) and per-row ops on reduced
    values. `tensor.extract` of a group input in a payload becomes a global
    load (gathers such as RoPE's rotate-half); reshapes keep the row-major
    order. Threads of a row keep its elements in registers, read and write
    them with 16-byte vectors, and reduce with warp shuffles plus shared
    memory across warps; rows too long for registers are streamed (a chunk
    loop per reduction, recomputing from the inputs), and the few rows of a
    group without reductions may be spread over several blocks. An input
    whose values only reach one arm of a `select` on loop indices (a
    causal mask) is not loaded for chunks whose columns the select all
    discards (`skip-masked-loads`). The launch
    shape (threads per row, rows per block, blocks per row) comes from a
    cost model over the device description. Groups the generator cannot
    handle get an error naming the op and the reason.
  }];
  let options = [
    Option<"threadsPerRow", "threads-per-row", "int64_t", /*default=*/"0",
           "Threads per row, a power of two up to 1024 (0: cost model)">,
    Option<"report", "report", "bool", /*default=*/"false",
           "Emit a remark per group with the launch shape and its estimated "
           "time">,
    Option<"fastMath", "fast-math", "bool", /*default=*/"false",
           "Approximate math: fast libdevice exp/log/sin/cos, erf from a "
           "branch-free approximation (|error| <= 1.5e-7 + the approximate "
           "exp's) and division by per-row values as a multiply by the "
           "reciprocal (as Triton kernels do by default); off: IEEE "
           "results">,
    Option<"skipMaskedLoads", "skip-masked-loads", "bool",
           /*default=*/"true",
           "Do not load the chunks of an input that a select on loop "
           "indices (a causal mask) discards entirely">,
    Option<"fallback", "fallback", "bool", /*default=*/"false",
           "Leave groups the generator cannot compile without `fpx.launch` "
           "(their ops then run unfused) instead of failing (remark with "
           "the reason under report)">,
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::NVVM::NVVMDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def FPxGPUDispatchKernels : Pass<"fpx-gpu-dispatch-kernels", "::mlir::ModuleOp"> {
  let summary = "Replace groups and qmatmuls that have GPU kernels by fpx.dispatch";
  let description = [{
    On tensors, after `--fpx-gpu-fusion-kernels` and
    `--fpx-gpu-gemm-kernels`: every `fpx_fusion.group` and `fpx.qmatmul`
    carrying `fpx.launch` becomes an `fpx.dispatch` (destination style, a
    `tensor.empty` per result), which bufferizes into a launch on buffers.
    A qmatmul's launch facts gain what the runtime's `FpxQMatmulLaunch`
    needs: `m`, `n`, `k`, `num_words`, `activation_type`, `result_type`,
    `has_bias`. Ops without `fpx.launch` are left alone.
  }];
  let dependentDialects = ["::fpx::FPxDialect",
                           "::mlir::tensor::TensorDialect"];
}

def FPxGPULoopKernels : Pass<"fpx-gpu-loop-kernels", "::mlir::ModuleOp"> {
  let summary = "Run every linalg op and copy on buffers as a simple GPU kernel";
  let description = [{
    On memrefs, after bufferization: each `linalg` op (named ops are
    generalized) and `memref.copy` in a function becomes a `gpu.launch` with
    one thread per point of its parallel loops; each thread runs the
    reduction loops, if any, accumulating in registers, then stores its
    outputs. Operands of `fpx.dispatch` that are not contiguous (strided
    views) are first copied to, and outputs back from, contiguous buffers,
    because the generated kernels and the runtime take dense buffers.
    Correct for any static shape, not fast: ops without a fused or Tensor
    Core kernel run this way. `gpu-kernel-outlining` then makes the
    launches kernels. Dynamic shapes, and outputs that several parallel
    iterations write, get an error naming the op.
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", /*default=*/"256",
           "Threads per block">,
  ];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::gpu::GPUDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
}

def FPxGPUMergeKernelModules : Pass<"fpx-gpu-merge-kernel-modules", "::mlir::ModuleOp"> {
  let summary = "Move outlined kernels into @fpx_kernels, one copy of each";
  let description = [{
    After `gpu-kernel-outlining`, which makes a `gpu.module` per launch:
    every `gpu.module` other than `@fpx_kernels` that holds nothing but
    kernels has them moved into `@fpx_kernels` (renamed
    `loop_<name>_<n>`), and a kernel identical to one already there (same
    body, signature and attributes, e.g. the same op at the same shapes in
    every layer) is not copied again: its launches use the first. The
    launches are retargeted and the emptied modules erased, so a model has
    one kernel binary and `ptxas` runs once.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def FPxGPUDependentLaunch : Pass<"fpx-gpu-dependent-launch", "::mlir::ModuleOp"> {
  let summary = "Make every kernel a programmatic dependent launch (sm_90+)";
  let description = [{
    For programmatic dependent launch, where a kernel may start while the
    previous kernel of the stream still runs: every kernel (`gpu.func`
    with the kernel attribute, in any `gpu.module`) that does not already
    synchronize itself with `nvvm.griddepcontrol` (the GEMM kernels built
    with `dependent-launch` do) gets, first thing, `griddepcontrol
    launch_dependents` (the next kernel may launch once every CTA of this
    one runs) and `griddepcontrol wait` (the previous kernel has finished
    and its memory is visible) before it touches memory. The module gets
    the unit attribute `fpx.dependent_launch`; the GPU launch plan then
    marks its launch steps `dependent_launch`, and the runtime launches
    them with the programmatic stream serialization attribute. Run it
    before the kernels are lowered, and only for sm_90 and later targets.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::NVVM::NVVMDialect"];
}

def FPxExportGPUBinaries : Pass<"fpx-export-gpu-binaries", "::mlir::ModuleOp"> {
  let summary = "Write gpu.binary objects and a launch manifest to a folder";
  let description = [{
    Writes the object of every `gpu.binary` (a cubin, or PTX for the `isa`
    format) to `<directory>/<name>.cubin|.ptx`, and `manifest.json` listing
    each `fpx.qmatmul`'s launch facts (`fpx.launch`), weight packing and
    shapes, and each `fpx_fusion.group`'s kernel, launch shape and the
    shapes and element types of its inputs and results (the kernel's
    arguments, in order), for runtimes and benchmarks that load kernels
    without MLIR.
  }];
  let options = [
    Option<"directory", "directory", "std::string", /*default=*/"\".\"",
           "Folder to write into (created if missing)">,
  ];
}

#endif // FPX_CONVERSION_PASSES_TD
