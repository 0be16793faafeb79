//===- GPUPlan.h - The host side of a model compiled for the GPU -*- C++ -*-===//
//
// A model compiled for the GPU (`fpx-compile --target=cuda`) leaves on the
// host only buffer allocations, views of buffers and kernel launches: the
// GPU model pipeline (Pipelines.h) puts every computation in a kernel. That
// host program is straight-line, so rather than compiling it to machine code
// FPX writes it down as data, `plan.json`, which the runtime's executor
// (fpxModelLoad/fpxModelRun in Runtime.h, used by fpx-run and fpx.gpu)
// replays: the approach of XLA's thunk sequences. The plan also assigns every intermediate buffer
// its place in one device arena, by the buffers' lifetimes.
//
// plan.json:
//   {"format": "fpx-gpu-plan", "version": 2, "chip": "sm_90",
//    "binaries": {"<gpu.binary name>": "<file>", ...},
//    "arena_bytes": N,
//    "inputs": [{"bytes": n}, ...],
//    "steps": [
//      {"kind": "launch", "binary": b, "kernel": k, "grid": [x, y, z],
//       "block": [x, y, z], "shared_bytes": s, "args": [slot, ...],
//       "location": "..."},
//      {"kind": "qmatmul", "binary": b, "launch": {fpx.launch facts},
//       "x": ptr, "words": ptr, "scales": ptr, "bias": ptr or null,
//       "y": ptr, "location": "..."}],
//    "outputs": [{"pointer": ptr, "bytes": n}, ...]}
// slot: {"pointer": ptr} | {"i64": v} | {"i32": v} | {"bits": v} (one 8-byte
//   kernel parameter slot each, "bits" a float's bit pattern in the low
//   bytes; a memref is 3 + 2 * rank slots)
// ptr: {"buffer": "input", "index": i, "offset": bytes}
//    | {"buffer": "weight", "name": tensor, "offset": bytes}
//    | {"buffer": "arena", "offset": bytes}
//
//===----------------------------------------------------------------------===//

#ifndef FPX_DRIVER_GPUPLAN_H
#define FPX_DRIVER_GPUPLAN_H

#include "fpx/Driver/Artifact.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace fpx::driver {

constexpr llvm::StringLiteral kPlanFileName = "plan.json";
/// Version 2 added "inputs" (the executor allocates them without reading
/// signature.json).
constexpr int64_t kPlanVersion = 2;
/// Alignment of every buffer in the arena (and of the arena).
constexpr int64_t kArenaAlignment = 256;

struct GPUPlan {
  llvm::json::Object plan;
  /// (file name, contents) of each kernel binary.
  std::vector<std::pair<std::string, std::string>> binaries;
  int64_t numLaunches = 0;
  int64_t arenaBytes = 0;
};

/// Reads the entry function of `module` after the GPU model pipeline into
/// a plan; errors (an op that would run on the host, a dynamic shape) are
/// emitted at the op. `weights` binds the weight globals to tensors;
/// constants that lowerings created since (decoding tables) are added to it
/// as `constant.<symbol>`.
mlir::FailureOr<GPUPlan> buildGPUPlan(mlir::ModuleOp module,
                                      llvm::StringRef entry,
                                      llvm::StringRef chip,
                                      ArtifactWeights &weights);

/// Writes signature.json, weights.safetensors, plan.json and the kernel
/// binaries into `directory`, creating it if needed.
llvm::Error writeGPUArtifact(llvm::StringRef directory, const GPUPlan &plan,
                             const ModelSignature &signature,
                             const ArtifactWeights &weights);

} // namespace fpx::driver

#endif // FPX_DRIVER_GPUPLAN_H
