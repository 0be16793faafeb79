//===- Signature.h - signature.json of a compiled model ---------*- C++ -*-===//
//
// What a caller needs to know to run a compiled model: its entry function,
// and the name, element type and shape of every input and output, in the
// order the entry takes and returns them. fpx-compile writes it next to the
// module; fpx-run checks the given inputs against it.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_DRIVER_SIGNATURE_H
#define FPX_DRIVER_SIGNATURE_H

#include "fpx/Driver/HostArray.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace fpx::driver {

/// Version of the artifact layout (signature.json, module.mlir and
/// weights.safetensors) that fpx-compile writes. Version 2 moved the
/// weights out of module.mlir into weights.safetensors, bound at load time
/// (WeightBinding); version 1 modules embed them and still run, since
/// nothing else changed. Readers reject every other version.
constexpr int64_t kArtifactVersion = 2;
constexpr int64_t kOldestArtifactVersion = 1;

/// Size of a dimension that is only known at run time (null in JSON).
constexpr int64_t kDynamicSize = -1;

struct TensorSignature {
  std::string name;
  ElementType type = ElementType::F32;
  /// Sizes, kDynamicSize where any size is accepted.
  llvm::SmallVector<int64_t> shape;
  /// Inputs only: an `{fpx.weight}` argument, quantized when the model runs.
  bool isWeight = false;

  /// True when `actual` has this rank and agrees on every static size.
  bool acceptsShape(llvm::ArrayRef<int64_t> actual) const;
};

/// How the weights were quantized; recorded for the reader, not needed to
/// run the model.
struct QuantizationSummary {
  /// FPx format name (e3m2, e2m3, e2m2, e2m1) or "none".
  std::string format = "none";
  int64_t groupSize = 0;
  std::vector<std::string> skip;
  bool weightArguments = false;
  /// fpx.qmatmul ops in the compiled model: weights packed at compile time
  /// and weights quantized at run time.
  int64_t packedConstantWeights = 0;
  int64_t runtimeWeights = 0;
};

/// A weight of module.mlir that is read from weights.safetensors: the
/// module declares `symbol` as an external global of the tensor's byte
/// size, and the loader defines it at the tensor's data.
struct WeightBinding {
  std::string symbol;
  /// The tensor's name in weights.safetensors.
  std::string tensor;
  /// Its safetensors dtype (F32, F16, I32, BOOL, ...) and shape.
  std::string dtype;
  llvm::SmallVector<int64_t> shape;
};

struct ModelSignature {
  /// The version the file was written with (kOldestArtifactVersion to
  /// kArtifactVersion); writing always records kArtifactVersion.
  int64_t version = kArtifactVersion;
  /// Name of the entry function; the module exports it through the C
  /// interface `_mlir_ciface_<entry>`.
  std::string entry;
  /// "cpu"; the only target so far.
  std::string target = "cpu";
  std::vector<TensorSignature> inputs;
  std::vector<TensorSignature> outputs;
  QuantizationSummary quantization;
  /// Version 2: the globals of module.mlir to bind to weights.safetensors
  /// ("weights": {"tensors": [...]}); empty in version 1.
  std::vector<WeightBinding> weights;
};

llvm::json::Value toJSON(const ModelSignature &signature);
bool fromJSON(const llvm::json::Value &value, ModelSignature &signature,
              llvm::json::Path path);

/// Reads and checks signature.json: the version, the fields, unique input
/// and output names, sizes that are non-negative or null, and for the
/// weights unique symbols, known dtypes and static shapes.
llvm::Expected<ModelSignature> readSignature(llvm::StringRef path);
llvm::Error writeSignature(llvm::StringRef path,
                           const ModelSignature &signature);

} // namespace fpx::driver

#endif // FPX_DRIVER_SIGNATURE_H
