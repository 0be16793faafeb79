//===- Importer.cpp - ONNX graph to func/linalg on tensors ----------------===//
//
// Walks the graph's nodes in order (ONNX graphs are topologically sorted),
// keeping every ONNX value as a TensorValue: a static tensor type, its SSA
// value and, when known at import time, its contents. Op converters (the
// *Ops.cpp files) build the IR of one node each.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "Builders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace fpx;
using namespace fpx::onnx_import;

/// "2x3" for a shape; "scalar" for rank 0.
static std::string formatShape(ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(
      shape, os,
      [&](int64_t dim) {
        if (ShapedType::isDynamic(dim))
          os << '?';
        else
          os << dim;
      },
      "x");
  return text;
}

//===----------------------------------------------------------------------===//
// NodeContext
//===----------------------------------------------------------------------===//

NodeContext::NodeContext(GraphImporter &graph, const onnx::NodeProto &node,
                         Location loc, std::string label)
    : node(node), loc(loc), builder(graph.builder), graph(graph),
      label(std::move(label)) {}

int64_t NodeContext::opset() const { return graph.opset; }

InFlightDiagnostic NodeContext::emitError() {
  return mlir::emitError(loc) << "node " << label << " (" << node.op_type()
                              << ", opset " << graph.opset << "): ";
}

bool NodeContext::hasInput(unsigned i) const {
  return i < numInputs() && !node.input(i).empty();
}

TensorValue &NodeContext::input(unsigned i) {
  return graph.values.find(node.input(i))->second;
}

Value NodeContext::operand(unsigned i) { return graph.materialize(input(i)); }

Value NodeContext::transposeSource(unsigned i) {
  return graph.materialize(*input(i).transposeOf);
}

Value NodeContext::operandOrScalar(unsigned i) {
  TensorValue &value = input(i);
  if (value.constant && value.constant.isSplat())
    return arith::ConstantOp::create(
        builder, value.loc,
        cast<TypedAttr>(value.constant.getSplatValue<Attribute>()));
  return operand(i);
}

FailureOr<DenseElementsAttr> NodeContext::constantInput(unsigned i,
                                                        StringRef role) {
  if (!hasInput(i))
    return emitError() << "has no input '" << role << "'";
  TensorValue &value = input(i);
  if (!value.constant)
    return emitError() << "input '" << role << "' ('" << node.input(i)
                       << "') must be known at import time, but it depends "
                          "on the graph's inputs";
  return value.constant;
}

FailureOr<SmallVector<int64_t>> NodeContext::constantInts(unsigned i,
                                                          StringRef role) {
  FailureOr<DenseElementsAttr> attr = constantInput(i, role);
  if (failed(attr))
    return failure();
  std::optional<IntTensor> ints = IntTensor::fromAttr(*attr);
  if (!ints || ints->shape.size() > 1)
    return emitError() << "input '" << role
                       << "' must be a 1-D integer tensor or a scalar, got "
                       << attr->getType();
  return ints->values;
}

std::optional<SmallVector<IntTensor>>
NodeContext::foldableInputs(ArrayRef<int64_t> resultShape) {
  if (numElements(resultShape) > kMaxFoldedElements)
    return std::nullopt;
  SmallVector<IntTensor> result(numInputs());
  for (unsigned i = 0; i < numInputs(); ++i) {
    if (!hasInput(i))
      continue;
    DenseElementsAttr constant = input(i).constant;
    if (!constant || constant.getNumElements() > kMaxFoldedElements)
      return std::nullopt;
    std::optional<IntTensor> ints = IntTensor::fromAttr(constant);
    if (!ints)
      return std::nullopt;
    result[i] = std::move(*ints);
  }
  return result;
}

bool NodeContext::hasOutput(unsigned i) const {
  return i < numOutputs() && !node.output(i).empty();
}

void NodeContext::setOutput(unsigned i, Value value) {
  if (!hasOutput(i))
    return;
  auto type = cast<RankedTensorType>(value.getType());
  graph.values.try_emplace(node.output(i), type, loc).first->second.value =
      value;
}

void NodeContext::setOutput(unsigned i, DenseElementsAttr constant) {
  if (!hasOutput(i))
    return;
  auto type = cast<RankedTensorType>(constant.getType());
  graph.values.try_emplace(node.output(i), type, loc).first->second.constant =
      constant;
}

void NodeContext::setOutput(unsigned i, const IntTensor &folded,
                            Type elementType) {
  setOutput(i, folded.toAttr(elementType));
}

void NodeContext::forwardOutput(unsigned i, const TensorValue &value) {
  if (hasOutput(i))
    graph.values.try_emplace(node.output(i), value);
}

void NodeContext::setTransposedConstantOutput(unsigned i,
                                              TensorValue &constant) {
  if (!hasOutput(i))
    return;
  ArrayRef<int64_t> shape = constant.type.getShape();
  auto type = RankedTensorType::get({shape[1], shape[0]},
                                    constant.type.getElementType());
  graph.values.try_emplace(node.output(i), type, loc)
      .first->second.transposeOf = &constant;
}

const onnx::AttributeProto *NodeContext::attribute(StringRef name) const {
  for (const onnx::AttributeProto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

const onnx::AttributeProto *NodeContext::typedAttribute(StringRef name,
                                                        int expectedType) {
  const onnx::AttributeProto *attr = attribute(name);
  if (!attr || attr->type() == expectedType)
    return attr;
  emitError() << "attribute '" << name << "' must be of type "
              << onnx::AttributeProto::AttributeType_Name(
                     static_cast<onnx::AttributeProto::AttributeType>(
                         expectedType));
  attributeError = true;
  return nullptr;
}

int64_t NodeContext::intAttr(StringRef name, int64_t defaultValue) {
  const onnx::AttributeProto *attr =
      typedAttribute(name, onnx::AttributeProto::INT);
  return attr ? attr->i() : defaultValue;
}

float NodeContext::floatAttr(StringRef name, float defaultValue) {
  const onnx::AttributeProto *attr =
      typedAttribute(name, onnx::AttributeProto::FLOAT);
  return attr ? attr->f() : defaultValue;
}

std::optional<SmallVector<int64_t>> NodeContext::intsAttr(StringRef name) {
  const onnx::AttributeProto *attr =
      typedAttribute(name, onnx::AttributeProto::INTS);
  if (!attr)
    return std::nullopt;
  return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

FailureOr<DenseElementsAttr>
NodeContext::tensorAttr(const onnx::AttributeProto &attr) {
  return convertTensor(getContext(), attr.t(), graph.externalData, [&] {
    return emitError() << "attribute '" << attr.name() << "' ";
  });
}

FailureOr<int64_t> NodeContext::normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return emitError() << "axis " << axis << " is out of range for rank "
                       << rank;
  return axis < 0 ? axis + rank : axis;
}

//===----------------------------------------------------------------------===//
// GraphImporter
//===----------------------------------------------------------------------===//

GraphImporter::GraphImporter(MLIRContext *context,
                             const onnx::ModelProto &model, StringRef modelPath,
                             const ONNXImportOptions &options)
    : builder(context), externalData(llvm::sys::path::parent_path(modelPath)),
      context(context), model(model), options(options),
      fileLoc(FileLineColLoc::get(context, modelPath, 0, 0)) {
  addElementwiseOps(ops);
  addTensorOps(ops);
  addReductionOps(ops);
  addMatMulOps(ops);
}

InFlightDiagnostic GraphImporter::emitError() {
  return mlir::emitError(fileLoc);
}

Value GraphImporter::materialize(TensorValue &value) {
  if (value.value)
    return value.value;
  if (value.transposeOf)
    value.value = createTranspose(builder, value.loc,
                                  materialize(*value.transposeOf), {1, 0});
  else
    value.value = arith::ConstantOp::create(builder, value.loc, value.constant);
  return value.value;
}

static bool isDefaultDomain(StringRef domain) {
  return domain.empty() || domain == "ai.onnx";
}

LogicalResult GraphImporter::readOpset() {
  for (const onnx::OperatorSetIdProto &entry : model.opset_import())
    if (isDefaultDomain(entry.domain()))
      opset = entry.version();
  if (opset == 0)
    return emitError() << "the model imports no opset of the default ONNX "
                          "domain";
  if (opset < kMinONNXOpset || opset > kMaxONNXOpset)
    return emitError() << "the model uses opset " << opset
                       << "; FPX imports opsets " << kMinONNXOpset << " to "
                       << kMaxONNXOpset;
  return success();
}

LogicalResult GraphImporter::addInitializers() {
  for (const onnx::TensorProto &tensor : model.graph().initializer()) {
    const std::string &name = tensor.name();
    auto emitTensorError = [&] {
      return emitError() << "initializer '" << name << "' ";
    };
    if (values.count(name))
      return emitTensorError() << "is defined twice";
    FailureOr<DenseElementsAttr> attr =
        convertTensor(context, tensor, externalData, emitTensorError);
    if (failed(attr))
      return failure();
    TensorValue &value =
        values
            .try_emplace(name, cast<RankedTensorType>(attr->getType()),
                         NameLoc::get(StringAttr::get(context, name)))
            .first->second;
    value.constant = *attr;
  }
  return success();
}

FailureOr<SmallVector<Type>> GraphImporter::readInputTypes() {
  const onnx::GraphProto &graph = model.graph();
  llvm::StringSet<> inputNames;
  SmallVector<Type> types;
  for (const onnx::ValueInfoProto &input : graph.input()) {
    const std::string &name = input.name();
    // Old exporters list initializers as inputs too: they are constants.
    if (values.count(name))
      continue;
    if (!inputNames.insert(name).second)
      return emitError() << "graph input '" << name << "' is listed twice";
    auto emitInputError = [&] {
      return emitError() << "graph input '" << name << "' ";
    };
    if (!input.type().has_tensor_type())
      return emitInputError() << "is not a tensor";
    const onnx::TypeProto::Tensor &tensorType = input.type().tensor_type();
    Type elementType = getElementType(context, tensorType.elem_type());
    if (!elementType)
      return emitInputError()
             << "has data type " << dataTypeName(tensorType.elem_type())
             << ", which FPX does not import";

    std::optional<SmallVector<int64_t>> declared;
    if (tensorType.has_shape()) {
      declared.emplace();
      for (const onnx::TensorShapeProto::Dimension &dim :
           tensorType.shape().dim())
        declared->push_back(dim.has_dim_value() && dim.dim_value() >= 0
                                ? dim.dim_value()
                                : ShapedType::kDynamic);
    }
    SmallVector<int64_t> shape;
    auto given = options.inputShapes.find(name);
    if (given != options.inputShapes.end()) {
      shape = given->second;
      if (declared && declared->size() != shape.size())
        return emitInputError()
               << "has rank " << declared->size() << " ("
               << formatShape(*declared) << "), but its given shape "
               << formatShape(shape) << " has rank " << shape.size();
      for (size_t d = 0; declared && d < shape.size(); ++d)
        if (!ShapedType::isDynamic((*declared)[d]) &&
            (*declared)[d] != shape[d])
          return emitInputError()
                 << "has shape " << formatShape(*declared)
                 << ", which its given shape " << formatShape(shape)
                 << " contradicts in dimension " << d;
    } else {
      if (!declared)
        return emitInputError() << "has no shape; give it one (e.g. "
                                   "--input-shape "
                                << name << "=1x16)";
      shape = *declared;
      for (auto [d, dim] : llvm::enumerate(tensorType.shape().dim())) {
        if (!ShapedType::isDynamic(shape[d]))
          continue;
        SmallVector<int64_t> example = llvm::map_to_vector(
            shape, [](int64_t s) { return ShapedType::isDynamic(s) ? 1 : s; });
        return emitInputError()
               << "has a dynamic dimension "
               << (dim.has_dim_param() ? "'" + dim.dim_param() + "'"
                                       : std::string("?"))
               << " (dimension " << d << " of " << formatShape(shape)
               << "); give its shape, e.g. --input-shape " << name << "="
               << formatShape(example);
      }
    }
    if (numElements(shape) > kMaxTensorElements)
      return emitInputError() << "has shape " << formatShape(shape)
                              << ", more than 2^60 elements";
    types.push_back(RankedTensorType::get(shape, elementType));
  }
  for (const auto &entry : options.inputShapes)
    if (!inputNames.contains(entry.getKey()))
      return emitError() << "a shape is given for '" << entry.getKey()
                         << "', which is not an input of the graph";
  return types;
}

LogicalResult GraphImporter::importNode(const onnx::NodeProto &node,
                                        int index) {
  std::string label = node.name().empty() ? "#" + std::to_string(index)
                                          : "'" + node.name() + "'";
  std::string locName = node.name().empty()
                            ? node.op_type() + "#" + std::to_string(index)
                            : node.name();
  NodeContext ctx(*this, node, NameLoc::get(StringAttr::get(context, locName)),
                  label);
  if (!isDefaultDomain(node.domain()))
    return ctx.emitError() << "ops of domain '" << node.domain()
                           << "' are not supported (only the default ONNX "
                              "domain is; model-local functions are not "
                              "inlined)";
  auto it = ops.find(node.op_type());
  if (it == ops.end())
    return ctx.emitError() << "unsupported op '" << node.op_type() << "'";
  if (opset < it->second.sinceOpset)
    return ctx.emitError() << node.op_type() << " needs opset "
                           << it->second.sinceOpset << " or later";
  for (const std::string &name : node.input())
    if (!name.empty() && !values.count(name))
      return ctx.emitError() << "input '" << name
                             << "' is not defined by a graph input, an "
                                "initializer or an earlier node";
  for (const std::string &name : node.output())
    if (!name.empty() && values.count(name))
      return ctx.emitError() << "output '" << name
                             << "' is already defined (ONNX values are "
                                "assigned once)";
  if (failed(it->second.convert(ctx)) || ctx.hadAttributeError())
    return failure();
  for (const std::string &name : node.output()) {
    if (name.empty())
      continue;
    auto value = values.find(name);
    if (value == values.end())
      return ctx.emitError()
             << "output '" << name << "' is not supported by the importer";
    // Shapes computed from the model's data (Expand, Reshape, Tile-like
    // broadcasts) can be arbitrarily large.
    if (numElements(value->second.type.getShape()) > kMaxTensorElements)
      return ctx.emitError()
             << "output '" << name << "' would have shape "
             << formatShape(value->second.type.getShape())
             << ", more than 2^60 elements";
  }
  return success();
}

FailureOr<OwningOpRef<ModuleOp>> GraphImporter::run() {
  if (!model.has_graph())
    return emitError() << "the model has no graph";
  if (failed(readOpset()) || failed(addInitializers()))
    return failure();
  FailureOr<SmallVector<Type>> inputTypes = readInputTypes();
  if (failed(inputTypes))
    return failure();

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder, fileLoc, options.functionName,
                                   builder.getFunctionType(*inputTypes, {}));
  Block *body = func.addEntryBlock();
  unsigned argIndex = 0;
  for (const onnx::ValueInfoProto &input : model.graph().input()) {
    if (values.count(input.name()))
      continue;
    BlockArgument arg = body->getArgument(argIndex++);
    auto loc = NameLoc::get(StringAttr::get(context, input.name()));
    arg.setLoc(loc);
    values.try_emplace(input.name(), cast<RankedTensorType>(arg.getType()), loc)
        .first->second.value = arg;
  }
  builder.setInsertionPointToEnd(body);
  for (auto [index, node] : llvm::enumerate(model.graph().node()))
    if (failed(importNode(node, index)))
      return failure();

  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &output : model.graph().output()) {
    auto it = values.find(output.name());
    if (it == values.end())
      return emitError() << "graph output '" << output.name()
                         << "' is not computed by the graph";
    TensorValue &value = it->second;
    if (output.type().has_tensor_type()) {
      const onnx::TypeProto::Tensor &declared = output.type().tensor_type();
      bool mismatch = declared.elem_type() != onnx::TensorProto::UNDEFINED &&
                      getElementType(context, declared.elem_type()) !=
                          value.type.getElementType();
      SmallVector<int64_t> declaredShape;
      for (const onnx::TensorShapeProto::Dimension &dim :
           declared.shape().dim())
        declaredShape.push_back(dim.has_dim_value() ? dim.dim_value()
                                                    : ShapedType::kDynamic);
      mismatch |= declared.has_shape() &&
                  !llvm::equal(declaredShape, value.type.getShape(),
                               [](int64_t declaredDim, int64_t dim) {
                                 return ShapedType::isDynamic(declaredDim) ||
                                        declaredDim == dim;
                               });
      if (mismatch)
        return emitError() << "graph output '" << output.name()
                           << "' is declared as "
                           << dataTypeName(declared.elem_type()) << " of shape "
                           << (declared.has_shape() ? formatShape(declaredShape)
                                                    : std::string("(any)"))
                           << ", but the graph computes " << value.type;
    }
    results.push_back(materialize(value));
  }
  func::ReturnOp::create(builder, fileLoc, results);
  func.setType(
      builder.getFunctionType(*inputTypes, ValueRange(results).getTypes()));
  // Results have no locations to carry a name, as arguments do.
  for (auto [index, output] : llvm::enumerate(model.graph().output()))
    func.setResultAttr(index, kONNXOutputNameAttr,
                       builder.getStringAttr(output.name()));

  if (failed(verify(*module)))
    return emitError() << "internal error: the imported IR does not verify";
  return module;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

bool fpx::parseONNXInputShape(StringRef spec, ONNXImportOptions &options,
                              std::string &error) {
  auto [name, dims] = spec.rsplit('=');
  if (name.empty() || name.size() == spec.size()) {
    error =
        "expected name=1x16 (name=, for a scalar), got '" + spec.str() + "'";
    return false;
  }
  SmallVector<int64_t> shape;
  if (!dims.empty()) {
    SmallVector<StringRef> parts;
    dims.split(parts, 'x');
    for (StringRef part : parts) {
      int64_t dim;
      if (part.getAsInteger(10, dim) || dim < 0) {
        error = "'" + part.str() + "' in '" + spec.str() +
                "' is not a dimension (a non-negative integer)";
        return false;
      }
      shape.push_back(dim);
    }
  }
  options.inputShapes[name] = shape;
  return true;
}

static FailureOr<OwningOpRef<ModuleOp>>
importGraph(MLIRContext *context, const onnx::ModelProto &model,
            StringRef path, const ONNXImportOptions &options) {
  context->loadDialect<arith::ArithDialect, func::FuncDialect,
                       linalg::LinalgDialect, math::MathDialect,
                       tensor::TensorDialect>();
  return GraphImporter(context, model, path, options).run();
}

FailureOr<OwningOpRef<ModuleOp>>
fpx::importONNXModel(MLIRContext *context, StringRef path,
                     const ONNXImportOptions &options) {
  Location fileLoc = FileLineColLoc::get(context, path, 0, 0);
  onnx::ModelProto model;
  if (failed(readProtoFile(path, model, [&] { return emitError(fileLoc); })))
    return failure();
  return importGraph(context, model, path, options);
}

FailureOr<OwningOpRef<ModuleOp>>
fpx::importONNXModelFromBytes(MLIRContext *context, StringRef bytes,
                              StringRef path,
                              const ONNXImportOptions &options) {
  Location fileLoc = FileLineColLoc::get(context, path, 0, 0);
  onnx::ModelProto model;
  if (failed(parseProtoBytes(bytes, path, model,
                             [&] { return emitError(fileLoc); })))
    return failure();
  return importGraph(context, model, path, options);
}
