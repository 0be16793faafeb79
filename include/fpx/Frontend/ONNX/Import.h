//===- Import.h - ONNX model to func/linalg on tensors ----------*- C++ -*-===//
//
// Imports an ONNX ModelProto (a .onnx file, with optional external data) into
// one `func.func` whose body uses linalg, tensor, arith and math ops on
// statically shaped tensors: the graph level FPX's passes start from.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_FRONTEND_ONNX_IMPORT_H
#define FPX_FRONTEND_ONNX_IMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace fpx {

/// Result attribute of the imported function: the graph output's name.
inline constexpr llvm::StringLiteral kONNXOutputNameAttr = "onnx.name";

/// The default-domain opsets the importer understands.
inline constexpr int64_t kMinONNXOpset = 11;
inline constexpr int64_t kMaxONNXOpset = 18;

struct ONNXImportOptions {
  /// Concrete shapes of graph inputs, by input name. They replace symbolic
  /// and unknown dimensions (and must agree with the known ones); every graph
  /// input must end up fully static.
  llvm::StringMap<llvm::SmallVector<int64_t>> inputShapes;
  /// Name of the function the graph becomes.
  std::string functionName = "forward";
};

/// Parses one `name=1x16` shape (`name=` alone is a scalar) into
/// `options.inputShapes`. Returns false and sets `error` on a malformed one.
bool parseONNXInputShape(llvm::StringRef spec, ONNXImportOptions &options,
                         std::string &error);

/// Reads the model at `path` and imports its graph. Errors (unreadable or
/// corrupt files, unsupported ops or types, bad shapes) are emitted as MLIR
/// diagnostics on `context` and give failure; node errors name the node, its
/// op type and the opset. Loads the dialects the result uses into `context`.
///
/// Every op carries a location: initializer constants a `NameLoc` of the
/// initializer, ops built for a node a `NameLoc` of the node (fused with the
/// weight's name where a MatMul or Gemm multiplies by an initializer).
/// Arguments are located at a `NameLoc` of their graph input, and each
/// result carries its graph output's name as `kONNXOutputNameAttr`.
mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>>
importONNXModel(mlir::MLIRContext *context, llvm::StringRef path,
                const ONNXImportOptions &options);

/// Imports a model from the serialized ModelProto `bytes`, as if read from
/// `path`: diagnostics name `path`, and external data is looked up in its
/// folder.
mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>>
importONNXModelFromBytes(mlir::MLIRContext *context, llvm::StringRef bytes,
                         llvm::StringRef path,
                         const ONNXImportOptions &options);

} // namespace fpx

#endif // FPX_FRONTEND_ONNX_IMPORT_H
