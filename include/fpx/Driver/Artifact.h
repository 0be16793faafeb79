//===- Artifact.h - The folder a compiled model is written to ---*- C++ -*-===//
//
// fpx-compile writes a model to a folder (`model.fpx/`) holding
//
//   module.mlir          the model lowered to the LLVM dialect; the entry
//                        function has a C interface (`_mlir_ciface_<entry>`)
//                        and the module records its type on tensors
//   signature.json       entry, inputs and outputs (Signature.h)
//   weights.safetensors  the packed words and scales of every weight
//                        quantized at compile time, and the model's other
//                        large constants, as named tensors
//
// In this version module.mlir still embeds every constant, so the model
// runs from module.mlir alone; weights.safetensors is written for other
// tools (inspection, other runtimes) and fpx-run does not read it.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_DRIVER_ARTIFACT_H
#define FPX_DRIVER_ARTIFACT_H

#include "fpx/Driver/Safetensors.h"
#include "fpx/Driver/Signature.h"

#include "mlir/IR/BuiltinOps.h"

#include <deque>
#include <map>
#include <vector>

namespace fpx::driver {

constexpr llvm::StringLiteral kModuleFileName = "module.mlir";
constexpr llvm::StringLiteral kSignatureFileName = "signature.json";
constexpr llvm::StringLiteral kWeightsFileName = "weights.safetensors";

/// Attribute of module.mlir's module: the entry's function type on tensors,
/// e.g. `(tensor<8xi32>) -> tensor<8x64xf32>`. The lowered code no longer
/// shows element types or ranks at its boundary; with this record fpx-run
/// can refuse a signature.json that does not describe the code, instead of
/// calling it with descriptors it would read out of bounds.
constexpr llvm::StringLiteral kEntryTypeAttrName = "fpx_artifact.entry_type";

/// Non-splat constants smaller than this are not written to
/// weights.safetensors: they are index tables and the like, not weights. A
/// 16-element f32 vector (a tiny norm gain) is still written.
constexpr int64_t kMinExportedConstantBytes = 64;

/// The tensors of weights.safetensors.
struct ArtifactWeights {
  std::vector<SafetensorsTensor> tensors;
  /// "<weight>.packing": the printed #fpx.packing of each quantized weight.
  std::map<std::string, std::string> metadata;
  /// Bytes converted for the file (i1 constants, one byte per element);
  /// other tensors point into the constants' attributes, which live as
  /// long as the MLIRContext.
  std::deque<std::vector<char>> convertedData;
};

/// Collects the weights of a module on tensors, after quantization:
///   - for every fpx.qmatmul and fpx.dequantize whose words and scales are
///     constants, `<name>.words` (I32) and `<name>.scales` (F16), with the
///     packing in the metadata;
///   - every other constant in use that is not a splat and has at least
///     kMinExportedConstantBytes, as `<name>`.
/// `<name>` is the last name in the op's location (a NameLoc, as importers
/// write node and initializer names), else `<function>.qmatmul<i>` or
/// `<function>.constant<i>`; repeated names get a `.<n>` suffix. Constants
/// of element types safetensors has no dtype for are left out.
ArtifactWeights collectWeights(mlir::ModuleOp module);

/// Writes the three files into `directory`, creating it if needed.
/// `llvmModule` is the module after lowerToLLVM.
llvm::Error writeArtifact(llvm::StringRef directory, mlir::ModuleOp llvmModule,
                          const ModelSignature &signature,
                          const ArtifactWeights &weights);

} // namespace fpx::driver

#endif // FPX_DRIVER_ARTIFACT_H
