//===- Importer.h - ONNX graph importer internals ---------------*- C++ -*-===//
//
// The state of one graph import (the ONNX values seen so far, the builder) and
// the interface op converters see (NodeContext).
//
//===----------------------------------------------------------------------===//

#ifndef FPX_LIB_FRONTEND_ONNX_IMPORTER_H
#define FPX_LIB_FRONTEND_ONNX_IMPORTER_H

#include "IntTensor.h"
#include "Tensors.h"

#include "fpx/Frontend/ONNX/Import.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringMap.h"

#include <optional>

namespace fpx::onnx_import {

/// Integer constants up to this many elements are evaluated at import time
/// (shape computations are far smaller; larger ones stay in the IR).
inline constexpr int64_t kMaxFoldedElements = 1 << 16;

/// Tensors may have at most this many elements (2^60): then the byte size of
/// any tensor of an imported element type, which later passes compute in
/// 64-bit integers, cannot overflow.
inline constexpr int64_t kMaxTensorElements = int64_t(1) << 60;

/// An ONNX value during import.
struct TensorValue {
  TensorValue(mlir::RankedTensorType type, mlir::Location loc)
      : type(type), loc(loc) {}

  mlir::RankedTensorType type;
  /// The SSA value. Constants get one only when an op needs it, so shape
  /// constants that are folded away leave nothing behind.
  mlir::Value value;
  /// Known contents: initializers, Constant nodes, folded computations.
  mlir::DenseElementsAttr constant;
  /// Where the value comes from: an initializer's NameLoc, or its node's.
  mlir::Location loc;
  /// Set for the Transpose (perm = [1, 0]) of a 2-D constant. MatMul
  /// multiplies by the constant with transposed indexing maps instead, so a
  /// weight stays a plain constant that fpx-quantize-weights can take.
  TensorValue *transposeOf = nullptr;
};

class GraphImporter;

/// What an op converter sees of the node it converts.
class NodeContext {
public:
  NodeContext(GraphImporter &graph, const onnx::NodeProto &node,
              mlir::Location loc, std::string label);

  const onnx::NodeProto &node;
  mlir::Location loc;
  mlir::OpBuilder &builder;

  mlir::MLIRContext *getContext() const { return builder.getContext(); }
  int64_t opset() const;

  /// An error about this node: "node 'n' (MatMul, opset 18): ...".
  mlir::InFlightDiagnostic emitError();

  //--- Inputs -------------------------------------------------------------//
  unsigned numInputs() const { return node.input_size(); }
  /// Whether optional input `i` is given (present and not "").
  bool hasInput(unsigned i) const;
  /// Input `i`, which must be given (hasInput).
  TensorValue &input(unsigned i);
  mlir::RankedTensorType inputType(unsigned i) { return input(i).type; }
  llvm::ArrayRef<int64_t> inputShape(unsigned i) {
    return input(i).type.getShape();
  }
  mlir::Type inputElementType(unsigned i) {
    return input(i).type.getElementType();
  }
  /// Input `i` as an SSA tensor value.
  mlir::Value operand(unsigned i);
  /// For an input set by setTransposedConstantOutput: the constant it is the
  /// transpose of, as an SSA value.
  mlir::Value transposeSource(unsigned i);
  /// Input `i` as an SSA value; a splat constant becomes a scalar (see
  /// createElementwise).
  mlir::Value operandOrScalar(unsigned i);
  /// The contents of input `i`, which must be known at import time; `role`
  /// names it in the error ("shape", "axes").
  mlir::FailureOr<mlir::DenseElementsAttr> constantInput(unsigned i,
                                                         llvm::StringRef role);
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  constantInts(unsigned i, llvm::StringRef role);
  /// The given inputs as integer tensors when each is an integer or bool
  /// constant and they and the result (of `resultShape`) have at most
  /// kMaxFoldedElements each; absent inputs stay empty.
  std::optional<llvm::SmallVector<IntTensor>>
  foldableInputs(llvm::ArrayRef<int64_t> resultShape);

  //--- Outputs ------------------------------------------------------------//
  unsigned numOutputs() const { return node.output_size(); }
  bool hasOutput(unsigned i) const;
  void setOutput(unsigned i, mlir::Value value);
  void setOutput(unsigned i, mlir::DenseElementsAttr constant);
  void setOutput(unsigned i, const IntTensor &folded, mlir::Type elementType);
  /// Output `i` is the same value as `value` (Identity, Dropout).
  void forwardOutput(unsigned i, const TensorValue &value);
  /// Output `i` is the transpose of the 2-D constant `constant`.
  void setTransposedConstantOutput(unsigned i, TensorValue &constant);

  //--- Attributes ---------------------------------------------------------//
  // A present attribute of the wrong kind is an error (reported once the
  // converter returns); the getters then give the default.
  const onnx::AttributeProto *attribute(llvm::StringRef name) const;
  int64_t intAttr(llvm::StringRef name, int64_t defaultValue);
  float floatAttr(llvm::StringRef name, float defaultValue);
  std::optional<llvm::SmallVector<int64_t>> intsAttr(llvm::StringRef name);
  /// The contents of TENSOR attribute `attr` (which may use external data).
  mlir::FailureOr<mlir::DenseElementsAttr>
  tensorAttr(const onnx::AttributeProto &attr);
  bool hadAttributeError() const { return attributeError; }

  /// Normalizes an axis in [-rank, rank) to [0, rank); fails with an error.
  mlir::FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank);

private:
  const onnx::AttributeProto *typedAttribute(llvm::StringRef name,
                                             int expectedType);

  GraphImporter &graph;
  std::string label;
  bool attributeError = false;
};

using ConvertFn = mlir::LogicalResult (*)(NodeContext &);
struct OpConverter {
  ConvertFn convert;
  /// The opset that introduced the op (or its form we implement).
  int64_t sinceOpset;
};
using OpTable = llvm::StringMap<OpConverter>;

void addElementwiseOps(OpTable &table);
void addTensorOps(OpTable &table);
void addReductionOps(OpTable &table);
void addMatMulOps(OpTable &table);

class GraphImporter {
public:
  GraphImporter(mlir::MLIRContext *context, const onnx::ModelProto &model,
                llvm::StringRef modelPath, const ONNXImportOptions &options);

  mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>> run();

  /// The SSA value of `value`, creating it for constants.
  mlir::Value materialize(TensorValue &value);

  mlir::OpBuilder builder;
  /// The model's default-domain opset.
  int64_t opset = 0;
  /// Every ONNX value defined so far, by name. StringMap entries never move,
  /// so TensorValue::transposeOf pointers stay valid.
  llvm::StringMap<TensorValue> values;
  ExternalDataReader externalData;

private:
  mlir::LogicalResult readOpset();
  mlir::LogicalResult addInitializers();
  mlir::FailureOr<llvm::SmallVector<mlir::Type>> readInputTypes();
  mlir::LogicalResult importNode(const onnx::NodeProto &node, int index);
  mlir::InFlightDiagnostic emitError();

  mlir::MLIRContext *context;
  const onnx::ModelProto &model;
  const ONNXImportOptions &options;
  mlir::Location fileLoc;
  OpTable ops;
};

} // namespace fpx::onnx_import

#endif // FPX_LIB_FRONTEND_ONNX_IMPORTER_H
