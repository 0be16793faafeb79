//===- Signature.cpp - signature.json of a compiled model -----------------===//

#include "fpx/Driver/Signature.h"

#include "fpx/Driver/Safetensors.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace fpx::driver;
using llvm::StringRef;
namespace json = llvm::json;

bool TensorSignature::acceptsShape(llvm::ArrayRef<int64_t> actual) const {
  if (actual.size() != shape.size())
    return false;
  for (auto [expected, size] : llvm::zip_equal(shape, actual))
    if (expected != kDynamicSize && expected != size)
      return false;
  return true;
}

static json::Value toJSON(const TensorSignature &tensor, bool isInput) {
  json::Array shape;
  for (int64_t size : tensor.shape) {
    if (size == kDynamicSize)
      shape.push_back(nullptr);
    else
      shape.push_back(size);
  }
  json::Object object{{"name", tensor.name},
                      {"dtype", getElementTypeName(tensor.type)},
                      {"shape", std::move(shape)}};
  if (isInput)
    object["weight"] = tensor.isWeight;
  return object;
}

static json::Value toJSON(const WeightBinding &weight) {
  return json::Object{{"symbol", weight.symbol},
                      {"tensor", weight.tensor},
                      {"dtype", weight.dtype},
                      {"shape", json::Array(weight.shape)}};
}

json::Value fpx::driver::toJSON(const ModelSignature &signature) {
  json::Array inputs, outputs, weights;
  for (const TensorSignature &input : signature.inputs)
    inputs.push_back(::toJSON(input, /*isInput=*/true));
  for (const TensorSignature &output : signature.outputs)
    outputs.push_back(::toJSON(output, /*isInput=*/false));
  for (const WeightBinding &weight : signature.weights)
    weights.push_back(::toJSON(weight));
  const QuantizationSummary &quantization = signature.quantization;
  return json::Object{
      {"fpx_artifact_version", kArtifactVersion},
      {"entry", signature.entry},
      {"target", signature.target},
      {"inputs", std::move(inputs)},
      {"outputs", std::move(outputs)},
      {"quantization",
       json::Object{
           {"format", quantization.format},
           {"group_size", quantization.groupSize},
           {"skip", json::Array(quantization.skip)},
           {"weight_arguments", quantization.weightArguments},
           {"packed_constant_weights", quantization.packedConstantWeights},
           {"runtime_weights", quantization.runtimeWeights}}},
      {"weights", json::Object{{"file", "weights.safetensors"},
                               {"tensors", std::move(weights)}}}};
}

namespace fpx::driver {
static bool fromJSON(const json::Value &value, ElementType &type,
                     json::Path path) {
  std::optional<StringRef> name = value.getAsString();
  std::optional<ElementType> parsed =
      name ? parseElementTypeName(*name) : std::nullopt;
  if (!parsed) {
    path.report("expected one of \"f32\", \"f16\", \"bf16\", \"i32\", \"i64\"");
    return false;
  }
  type = *parsed;
  return true;
}

/// A shape: sizes that are non-negative integers, or null where dynamic.
static bool parseShape(const json::Value &value,
                       llvm::SmallVector<int64_t> &shape, json::Path path) {
  const json::Array *sizes = value.getAsArray();
  if (!sizes) {
    path.report("expected an array of sizes");
    return false;
  }
  shape.clear();
  for (auto [index, size] : llvm::enumerate(*sizes)) {
    if (size.kind() == json::Value::Null) {
      shape.push_back(kDynamicSize);
      continue;
    }
    std::optional<int64_t> number = size.getAsInteger();
    if (!number || *number < 0) {
      path.index(index).report("expected a non-negative size or null");
      return false;
    }
    shape.push_back(*number);
  }
  return true;
}

static bool fromJSON(const json::Value &value, TensorSignature &tensor,
                     json::Path path) {
  json::ObjectMapper mapper(value, path);
  if (!mapper || !mapper.map("name", tensor.name) ||
      !mapper.map("dtype", tensor.type) ||
      !mapper.mapOptional("weight", tensor.isWeight))
    return false;
  const json::Value *shape = value.getAsObject()->get("shape");
  if (!shape) {
    path.field("shape").report("missing value");
    return false;
  }
  return parseShape(*shape, tensor.shape, path.field("shape"));
}

static bool fromJSON(const json::Value &value, WeightBinding &weight,
                     json::Path path) {
  json::ObjectMapper mapper(value, path);
  if (!mapper || !mapper.map("symbol", weight.symbol) ||
      !mapper.map("tensor", weight.tensor) || !mapper.map("dtype", weight.dtype))
    return false;
  if (weight.symbol.empty() || weight.tensor.empty()) {
    path.report("expected a non-empty symbol and tensor name");
    return false;
  }
  if (getSafetensorsElementSize(weight.dtype) == 0) {
    path.field("dtype").report("expected a safetensors dtype (F64, F32, F16, "
                               "BF16, I64, I32, I16, I8, U64, U32, U16, U8, "
                               "BOOL)");
    return false;
  }
  const json::Value *shape = value.getAsObject()->get("shape");
  if (!shape) {
    path.field("shape").report("missing value");
    return false;
  }
  if (!parseShape(*shape, weight.shape, path.field("shape")))
    return false;
  // Weights have static shapes: the module declares their byte size.
  if (llvm::is_contained(weight.shape, kDynamicSize)) {
    path.field("shape").report("a weight's sizes must all be given");
    return false;
  }
  return true;
}

/// "weights": {"file": "weights.safetensors", "tensors": [...]}.
static bool parseWeights(const json::Value &value,
                         std::vector<WeightBinding> &weights, json::Path path) {
  json::ObjectMapper mapper(value, path);
  std::string file;
  if (!mapper || !mapper.map("file", file) ||
      !mapper.map("tensors", weights))
    return false;
  // The loader reads this one file; another name would be ignored.
  if (file != "weights.safetensors") {
    path.field("file").report("expected \"weights.safetensors\"");
    return false;
  }
  return true;
}

static bool fromJSON(const json::Value &value, QuantizationSummary &summary,
                     json::Path path) {
  json::ObjectMapper mapper(value, path);
  return mapper && mapper.mapOptional("format", summary.format) &&
         mapper.mapOptional("group_size", summary.groupSize) &&
         mapper.mapOptional("skip", summary.skip) &&
         mapper.mapOptional("weight_arguments", summary.weightArguments) &&
         mapper.mapOptional("packed_constant_weights",
                            summary.packedConstantWeights) &&
         mapper.mapOptional("runtime_weights", summary.runtimeWeights);
}
} // namespace fpx::driver

bool fpx::driver::fromJSON(const json::Value &value, ModelSignature &signature,
                           json::Path path) {
  json::ObjectMapper mapper(value, path);
  if (!mapper || !mapper.map("entry", signature.entry) ||
      !mapper.map("target", signature.target) ||
      !mapper.map("inputs", signature.inputs) ||
      !mapper.map("outputs", signature.outputs) ||
      !mapper.mapOptional("quantization", signature.quantization))
    return false;
  // Version 1 modules embed their weights; its "weights" object only named
  // the file.
  signature.weights.clear();
  if (signature.version < 2)
    return true;
  const json::Value *weights = value.getAsObject()->get("weights");
  if (!weights) {
    path.field("weights").report("missing value");
    return false;
  }
  return parseWeights(*weights, signature.weights, path.field("weights"));
}

static llvm::Error makeError(StringRef path, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (path + ": " + message).str());
}

llvm::Expected<ModelSignature> fpx::driver::readSignature(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return makeError(path, buffer.getError().message());
  llvm::Expected<json::Value> value = json::parse((*buffer)->getBuffer());
  if (!value)
    return makeError(path, "invalid JSON: " + toString(value.takeError()));

  // Check the version first: a newer layout may not map onto this one.
  const json::Object *object = value->getAsObject();
  std::optional<int64_t> version =
      object ? object->getInteger("fpx_artifact_version") : std::nullopt;
  if (!version)
    return makeError(path, "not an FPX signature (no integer "
                           "\"fpx_artifact_version\")");
  if (*version < kOldestArtifactVersion || *version > kArtifactVersion)
    return makeError(path, "artifact version " + llvm::Twine(*version) +
                               " is not supported; this build reads "
                               "versions " +
                               llvm::Twine(kOldestArtifactVersion) + " to " +
                               llvm::Twine(kArtifactVersion));

  ModelSignature signature;
  signature.version = *version;
  json::Path::Root root("signature.json");
  if (!fromJSON(*value, signature, root))
    return makeError(path, toString(root.getError()));

  for (auto [kind, tensors] :
       {std::pair<StringRef, const std::vector<TensorSignature> *>{
            "input", &signature.inputs},
        {"output", &signature.outputs}}) {
    llvm::StringSet<> names;
    for (const TensorSignature &tensor : *tensors)
      if (tensor.name.empty() || !names.insert(tensor.name).second)
        return makeError(path, "empty or repeated " + kind + " name '" +
                                   tensor.name + "'");
  }
  llvm::StringSet<> symbols;
  for (const WeightBinding &weight : signature.weights)
    if (!symbols.insert(weight.symbol).second)
      return makeError(path, "weight symbol '" + weight.symbol +
                                 "' is bound twice");
  return signature;
}

llvm::Error fpx::driver::writeSignature(StringRef path,
                                        const ModelSignature &signature) {
  std::error_code error;
  llvm::ToolOutputFile out(path, error, llvm::sys::fs::OF_Text);
  if (error)
    return makeError(path, error.message());
  json::OStream(out.os(), /*IndentSize=*/2).value(toJSON(signature));
  out.os() << '\n';
  out.os().close();
  if (out.os().has_error())
    return makeError(path, out.os().error().message());
  out.keep();
  return llvm::Error::success();
}
