//===- Tensors.h - ONNX protobuf files and tensors --------------*- C++ -*-===//
//
// Reading ONNX protobuf messages from files and turning TensorProtos (inline,
// typed-field or external data) into DenseElementsAttrs. Internal to
// FPXFrontendONNX: only this library sees the protobuf types.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_LIB_FRONTEND_ONNX_TENSORS_H
#define FPX_LIB_FRONTEND_ONNX_TENSORS_H

#include "onnx/onnx_pb.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>

namespace fpx::onnx_import {

using EmitErrorFn = llvm::function_ref<mlir::InFlightDiagnostic()>;

/// Parses a binary protobuf message of type `Message` from `path`. Fails on
/// an unreadable file and on bytes that do not parse (corrupt, truncated).
template <typename Message>
mlir::LogicalResult readProtoFile(llvm::StringRef path, Message &message,
                                  EmitErrorFn emitError);
/// Parses `bytes`, the contents of `path`, as readProtoFile does.
template <typename Message>
mlir::LogicalResult parseProtoBytes(llvm::StringRef bytes,
                                    llvm::StringRef path, Message &message,
                                    EmitErrorFn emitError);

/// The MLIR element type of an ONNX TensorProto.DataType, or a null type for
/// types FPX does not import (strings, unsigned and complex types, 8-bit
/// floats).
mlir::Type getElementType(mlir::MLIRContext *context, int32_t dataType);

/// Name of an ONNX data type for messages ("FLOAT16", "UINT8", "type 23").
std::string dataTypeName(int32_t dataType);

/// Reads the bytes of tensors stored outside the model file. Paths in
/// `location` are resolved against the model's folder; absolute paths, `..`
/// components and symbolic links are refused. Each file is read once.
class ExternalDataReader {
public:
  explicit ExternalDataReader(llvm::StringRef baseDir) : baseDir(baseDir) {}

  /// The `length` bytes at `offset` of the tensor's file (the whole rest of
  /// the file when no length is given).
  mlir::FailureOr<llvm::ArrayRef<char>> read(const onnx::TensorProto &tensor,
                                             EmitErrorFn emitError);

private:
  std::string baseDir;
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> files;
};

/// Converts a TensorProto to a DenseElementsAttr of its type and shape.
mlir::FailureOr<mlir::DenseElementsAttr>
convertTensor(mlir::MLIRContext *context, const onnx::TensorProto &tensor,
              ExternalDataReader &externalData, EmitErrorFn emitError);

} // namespace fpx::onnx_import

#endif // FPX_LIB_FRONTEND_ONNX_TENSORS_H
