//===- Runner.h - Running a compiled model ----------------------*- C++ -*-===//
//
// loadModel() opens the folder fpx-compile wrote and returns a runner for
// its target: a CompiledModel for the CPU (below) or a GPU model
// (GPURunner.h), both behind LoadedModel.
//
// CompiledModel loads the folder fpx-compile wrote, JIT-compiles module.mlir with MLIR's
// ExecutionEngine, defines each weight global the module declares at its
// tensor in weights.safetensors (mapped, not copied; see Artifact.h), and
// calls the entry through its C interface:
//
//   void _mlir_ciface_<entry>(Results *results, Desc0 *in0, Desc1 *in1, ...)
//
// where every input and output is a strided memref descriptor
//   { T *allocated; T *aligned; int64_t offset;
//     int64_t sizes[rank]; int64_t strides[rank]; }
// and `Results` is the descriptor of the one output, or the outputs'
// descriptors one after the other (the pointer is absent without outputs).
// Inputs are passed in place (the compiled code does not write them);
// outputs are buffers the compiled code allocated with malloc, copied out
// and freed after each call.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_DRIVER_RUNNER_H
#define FPX_DRIVER_RUNNER_H

#include "fpx/Driver/HostArray.h"
#include "fpx/Driver/Signature.h"

#include "llvm/Support/Error.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace mlir {
class ExecutionEngine;
class MLIRContext;
} // namespace mlir

namespace fpx::driver {

class SafetensorsFile;

struct RunnerOptions {
  /// Shared libraries whose symbols the compiled code may call:
  /// libmlir_c_runner_utils (memrefCopy and friends) and
  /// libfpx_cpu_runtime (fpxQuantizeF32). Each must exist.
  std::vector<std::string> sharedLibraries;
  /// LLVM optimization level of the JIT, 0 to 3.
  unsigned optLevel = 2;
  /// GPU models: libfpx_cuda_runtime.so, loaded only when one runs (so the
  /// tools start on machines without a CUDA driver).
  std::string cudaRuntimeLibrary;
  /// GPU models: replay the launches as one CUDA graph after the first
  /// call.
  bool useCudaGraph = true;
  /// "cpu" or "cuda" to insist on a device; empty: the artifact's target.
  std::string device;
};

/// An input of a run: an array and where it came from (for messages).
struct NamedInput {
  std::string name;
  HostArray array;
  std::string origin;
};

/// A model loaded for running, whatever its device.
class LoadedModel {
public:
  virtual ~LoadedModel();

  const ModelSignature &getSignature() const { return signature; }

  /// Matches `inputs` to the signature by name and checks each one's
  /// element type and shape. Returns them in the entry's argument order.
  llvm::Expected<std::vector<const HostArray *>>
  bindInputs(llvm::ArrayRef<NamedInput> inputs) const;

  /// Calls the entry once on inputs from bindInputs. `callTime`, when
  /// given, receives the time of the call itself (not of copying out).
  llvm::Expected<std::vector<HostArray>>
  run(llvm::ArrayRef<const HostArray *> inputs,
      std::chrono::nanoseconds *callTime = nullptr);

protected:
  /// run() on as many inputs as the signature has.
  virtual llvm::Expected<std::vector<HostArray>>
  runBound(llvm::ArrayRef<const HostArray *> inputs,
           std::chrono::nanoseconds *callTime) = 0;

  ModelSignature signature;
};

/// Reads signature.json in `artifactDirectory` and loads the model for its
/// target (a `cuda:sm_NN` target on the GPU, see GPURunner.h); an error if
/// `options.device` names another device.
llvm::Expected<std::unique_ptr<LoadedModel>>
loadModel(llvm::StringRef artifactDirectory, const RunnerOptions &options);

/// Reads and checks signature.json of an artifact folder.
llvm::Expected<ModelSignature>
readArtifactSignature(llvm::StringRef artifactDirectory);

/// A model compiled for the CPU, JIT-compiled.
class CompiledModel : public LoadedModel {
public:
  /// Reads module.mlir from `artifactDirectory` (whose signature.json
  /// `signature` is, already read), maps weights.safetensors and checks the
  /// tensors the signature binds (present, dtype, shape, size, alignment),
  /// and JIT-compiles the module with its weight globals defined in the
  /// mapping.
  static llvm::Expected<std::unique_ptr<LoadedModel>>
  load(llvm::StringRef artifactDirectory, ModelSignature signature,
       const RunnerOptions &options);
  ~CompiledModel() override;

private:
  llvm::Expected<std::vector<HostArray>>
  runBound(llvm::ArrayRef<const HostArray *> inputs,
           std::chrono::nanoseconds *callTime) override;

  CompiledModel() = default;

  /// The mapped weights; the compiled code reads them in place.
  std::unique_ptr<SafetensorsFile> weights;
  std::unique_ptr<mlir::MLIRContext> context;
  std::unique_ptr<mlir::ExecutionEngine> engine;
  /// The packed wrapper of `_mlir_ciface_<entry>`: takes an array of
  /// pointers to the arguments.
  void (*entryFunction)(void **) = nullptr;
};

} // namespace fpx::driver

#endif // FPX_DRIVER_RUNNER_H
