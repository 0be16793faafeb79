//===- Artifact.h - The folder a compiled model is written to ---*- C++ -*-===//
//
// fpx-compile writes a model to a folder (`model.fpx/`) holding
//
//   module.mlir          the model lowered to the LLVM dialect; the entry
//                        function has a C interface (`_mlir_ciface_<entry>`)
//                        and the module records its type on tensors. Each
//                        weight is an external global declaration
//                        (`llvm.mlir.global external constant
//                        @fpx_weight.<tensor>`) without its bytes
//   signature.json       entry, inputs and outputs, and the binding of each
//                        such global to a tensor (Signature.h)
//   weights.safetensors  the packed words and scales of every weight
//                        quantized at compile time, and the model's other
//                        large constants, as named tensors
//
// fpx-run maps weights.safetensors, checks every bound tensor's dtype,
// shape, size and alignment, and defines each global at its tensor's bytes
// in the mapping (Runner.h): the weights are neither embedded in the
// module text nor copied at load time. This is artifact version 2; version
// 1 modules embed their constants and run without the file.
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
  /// For each tensor, in the same order, the global that replaced it.
  std::vector<WeightBinding> bindings;
  /// "<weight>.packing": the printed #fpx.packing of each quantized weight.
  std::map<std::string, std::string> metadata;
  /// Bytes converted for the file (i1 constants, one byte per element);
  /// other tensors point into the constants' attributes, which live as
  /// long as the MLIRContext.
  std::deque<std::vector<char>> convertedData;
};

/// Moves the weights of a module on tensors, after quantization and before
/// bufferization, out of the module:
///   - for every fpx.qmatmul and fpx.dequantize whose words and scales are
///     constants, `<name>.words` (I32) and `<name>.scales` (F16), with the
///     packing in the metadata;
///   - every other constant in use that is not a splat and has at least
///     kMinExportedConstantBytes, as `<name>`.
/// `<name>` is the last name in the op's location (a NameLoc, as importers
/// write node and initializer names), else `<function>.qmatmul<i>` or
/// `<function>.constant<i>`; repeated names get a `.<n>` suffix. Constants
/// of element types safetensors has no dtype for stay in the module, as do
/// the small ones.
/// Each constant written is replaced by
///   memref.global constant @fpx_weight.<name> : memref<...> (no value)
///   %m = memref.get_global ... ; %t = bufferization.to_tensor %m restrict
/// and its binding (symbol, tensor name, dtype, shape) is returned with it.
/// With `everyConstant` (GPU models, whose host code cannot read constants
/// in host memory), every constant tensor of a safetensors dtype goes to the
/// file, small ones included (splats stay in the module: kernels fold them
/// and the GPU plan exports those that end up read from memory).
ArtifactWeights externalizeWeights(mlir::ModuleOp module,
                                   bool everyConstant = false);

/// Appends `elements` to the file's tensors as `name` (the caller keeps
/// names unique); false if its element type has no safetensors dtype.
bool appendConstantTensor(ArtifactWeights &weights, llvm::StringRef name,
                          mlir::DenseIntOrFPElementsAttr elements);

/// Writes signature.json (with `weights.bindings`) and weights.safetensors
/// into `directory`, creating it if needed: the files every target has.
llvm::Error writeArtifactData(llvm::StringRef directory,
                              const ModelSignature &signature,
                              const ArtifactWeights &weights);

/// Writes the three files into `directory`, creating it if needed.
/// `llvmModule` is the module after lowerToLLVM; signature.json gets
/// `weights.bindings`.
llvm::Error writeArtifact(llvm::StringRef directory, mlir::ModuleOp llvmModule,
                          const ModelSignature &signature,
                          const ArtifactWeights &weights);

} // namespace fpx::driver

#endif // FPX_DRIVER_ARTIFACT_H
