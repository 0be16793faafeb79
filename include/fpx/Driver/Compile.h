//===- Compile.h - Compiling a whole model for the CPU ----------*- C++ -*-===//
//
// The pipeline behind fpx-compile, as a library so that other drivers and
// tests run exactly the same passes:
//
//   1. lowerToTensors: StableHLO/CHLO input goes through
//      convert-stablehlo-to-linalg and the inliner; then, unless
//      quantization is off, fpx-quantize-weights. The module is then func,
//      linalg, tensor, arith, math and fpx ops on tensors.
//   2. getSignature: the entry function's inputs and outputs.
//   3. externalizeWeights (Artifact.h), still on tensors: the weights leave
//      the module for weights.safetensors and are read through external
//      globals that fpx-run binds.
//   4. lowerToLLVM: the entry gets a C interface and read-only arguments,
//      then the CPU pipeline lowers the module to the LLVM dialect.
//   5. writeArtifact (Artifact.h) writes the folder fpx-run loads.
// For a CUDA target, splat constants become fills in step 1, step 3 moves
// every other constant out too, step 4 is lowerToGPU and step 5
// buildGPUPlan + writeGPUArtifact (GPUPlan.h).
//
// Errors are reported as MLIR diagnostics at the location of the op or
// argument concerned; the functions return failure after reporting.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_DRIVER_COMPILE_H
#define FPX_DRIVER_COMPILE_H

#include "fpx/Driver/Signature.h"
#include "fpx/Numerics/FloatFormat.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace fpx::driver {

struct CompileOptions {
  /// FPx format of matmul weights; std::nullopt leaves the weights as they
  /// are.
  std::optional<numerics::Format> quantizeFormat;
  /// K elements per scale; 0 is one scale per output channel.
  int64_t groupSize = 0;
  /// Matmuls whose location names or function name contain one of these
  /// are not quantized (fpx-quantize-weights' `skip`).
  std::vector<std::string> skip;
  /// Marks the entry's 2-D and 3-D float arguments `{fpx.weight}`, so that
  /// those used as matmul weights are quantized when the model runs (JAX
  /// exports that take their parameters as arguments).
  bool quantizeWeightArguments = false;
  /// The function to compile and export.
  std::string entry = "main";
  /// "cpu", or "cuda:sm_<NN>" (parseTarget's canonical form).
  std::string target = "cpu";
  /// GPU targets: fuse memory-bound ops (off: one simple kernel per op).
  bool gpuFusion = true;
  /// GPU targets from sm_90 on: kernels launch as programmatic dependents
  /// of the step before (false: plain launches, to compare).
  bool gpuDependentLaunch = true;
  /// GPU targets: measured GEMM configurations (fpx-gpu-gemm-kernels'
  /// tuning-table); empty: the cost model alone.
  std::string gemmTuningTable;
};

/// Parses a --quantize value: "none", or an FPx format name that
/// numerics::parseFormat accepts (fp6/e3m2, e2m3, fp5/e2m2, fp4/e2m1).
llvm::Expected<std::optional<numerics::Format>>
parseQuantizeOption(llvm::StringRef value);

/// Parses a --target value into its canonical form: "cpu", or
/// "cuda:sm_<NN>[a]" for "cuda" (sm_90) and "cuda:sm_NN" with NN >= 80 (the
/// Tensor Core GEMM needs cp.async and bf16 mma).
llvm::Expected<std::string> parseTarget(llvm::StringRef target);

/// The SM of a canonical CUDA target ("sm_90" for "cuda:sm_90").
llvm::StringRef getTargetChip(llvm::StringRef target);

/// Runs the phases of a compilation on one module, reporting progress and
/// timing as it goes.
class ModelCompiler {
public:
  explicit ModelCompiler(CompileOptions options);

  /// Prints a line to `stream` as each phase starts, with the time since
  /// this compiler was created, so that long phases show what is running.
  void setStatusStream(llvm::raw_ostream *stream) { statusStream = stream; }
  /// Times each phase, and the passes it runs, in a scope nested in `scope`.
  void setTimingScope(mlir::TimingScope &scope) { rootTiming = &scope; }
  /// Called on each pass manager before it runs, e.g. to apply MLIR's
  /// command-line options (IR printing, crash reproducers).
  void setPassManagerHook(
      std::function<mlir::LogicalResult(mlir::PassManager &)> hook) {
    passManagerHook = std::move(hook);
  }
  /// Announces a phase the caller runs itself (parsing, writing).
  void startPhase(llvm::StringRef description);
  /// Prints an indented line about the current phase (with progress on).
  void reportStatus(const llvm::Twine &message);

  /// Phase 1: frontend lowering and weight quantization. Fails first on
  /// values of static shapes with more than 2^60 elements.
  mlir::LogicalResult lowerToTensors(mlir::ModuleOp module);
  /// Phase 2: the signature of the entry on tensors. Fails on inputs or
  /// outputs that are not tensors of f32, f16, bf16, i32 or i64.
  mlir::FailureOr<ModelSignature> getSignature(mlir::ModuleOp module);
  /// Phase 3: lowering to the LLVM dialect.
  mlir::LogicalResult lowerToLLVM(mlir::ModuleOp module);
  /// Phase 3 for a CUDA target: the GPU model pipeline (Pipelines.h), which
  /// leaves the entry as allocations, views and launches for buildGPUPlan
  /// (GPUPlan.h).
  mlir::LogicalResult lowerToGPU(mlir::ModuleOp module);

private:
  mlir::FailureOr<mlir::func::FuncOp> lookupEntry(mlir::ModuleOp module);
  mlir::LogicalResult
  runPasses(mlir::ModuleOp module, llvm::StringRef phase,
            llvm::function_ref<void(mlir::PassManager &)> buildPipeline);
  void summarizeQuantization(mlir::ModuleOp module);

  CompileOptions options;
  llvm::raw_ostream *statusStream = nullptr;
  mlir::TimingScope *rootTiming = nullptr;
  std::function<mlir::LogicalResult(mlir::PassManager &)> passManagerHook;
  std::chrono::steady_clock::time_point startTime;
  QuantizationSummary quantization;
};

} // namespace fpx::driver

#endif // FPX_DRIVER_COMPILE_H
