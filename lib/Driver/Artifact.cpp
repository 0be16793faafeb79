//===- Artifact.cpp - The folder a compiled model is written to -----------===//

#include "fpx/Driver/Artifact.h"

#include "fpx/Dialect/FPx/IR/FPx.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace fpx::driver;
using llvm::StringRef;

static_assert(llvm::endianness::native == llvm::endianness::little,
              "constants are written to safetensors as they are in memory");

namespace {

/// The safetensors dtype of an element type, or "" where it has none.
std::string getSafetensorsDType(Type type) {
  if (type.isF64())
    return "F64";
  if (type.isF32())
    return "F32";
  if (type.isF16())
    return "F16";
  if (type.isBF16())
    return "BF16";
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return "";
  unsigned width = integer.getWidth();
  if (width == 1)
    return "BOOL";
  if (width != 8 && width != 16 && width != 32 && width != 64)
    return "";
  return (integer.isUnsigned() ? "U" : "I") + std::to_string(width);
}

/// The last NameLoc name inside `loc`: for an importer's
/// fused["node_MatMul_3", "model.layers.0.q_proj.weight"] that is the
/// weight's name.
std::string getLastLocationName(Location loc) {
  std::string name;
  loc->walk([&](Location inner) {
    if (auto nameLoc = dyn_cast<NameLoc>(inner))
      name = nameLoc.getName().str();
    return WalkResult::advance();
  });
  return name;
}

/// The little-endian bytes of every element, in C order; converted bytes
/// are kept in `weights`.
llvm::ArrayRef<char> getBytes(ArtifactWeights &weights,
                              DenseIntOrFPElementsAttr elements) {
  int64_t count = elements.getNumElements();
  if (elements.getElementType().isInteger(1)) {
    // The attribute stores booleans in its own packing; safetensors wants
    // one byte per element.
    std::vector<char> &bytes = weights.convertedData.emplace_back();
    for (bool value : elements.getValues<bool>())
      bytes.push_back(value ? 1 : 0);
    return bytes;
  }
  llvm::ArrayRef<char> raw = elements.getRawData();
  if (!elements.isSplat())
    return raw;
  // A splat stores its one element once.
  std::vector<char> &bytes = weights.convertedData.emplace_back();
  bytes.reserve(raw.size() * count);
  for (int64_t i = 0; i < count; ++i)
    bytes.insert(bytes.end(), raw.begin(), raw.end());
  return bytes;
}

class WeightCollector {
public:
  WeightCollector(ArtifactWeights &weights, bool everyConstant)
      : everyConstant(everyConstant), weights(weights) {}

  /// Adds the words and scales of a quantized weight when both are
  /// constants (those of an `{fpx.weight}` argument are computed at run
  /// time and have nothing to write).
  void addQuantized(Operation *op, Value words, Value scales,
                    fpx::PackingAttr packing, const llvm::Twine &fallbackName) {
    auto wordsOp = words.getDefiningOp<arith::ConstantOp>();
    auto scalesOp = scales.getDefiningOp<arith::ConstantOp>();
    // A weight used twice (tied) is written once.
    if (!wordsOp || !scalesOp ||
        (exported.contains(wordsOp) && exported.contains(scalesOp)))
      return;
    // A constant another weight shares is written for each, under each
    // weight's name: every tensor is bound to a global of its own.
    wordsOp = unshare(op, wordsOp);
    scalesOp = unshare(op, scalesOp);
    std::string name =
        makeUnique(getLastLocationName(op->getLoc()), fallbackName);
    if (addConstant(wordsOp, name + ".words") &&
        addConstant(scalesOp, name + ".scales")) {
      std::string printed;
      llvm::raw_string_ostream(printed) << packing;
      weights.metadata[name + ".packing"] = printed;
    }
  }

  /// Adds a constant tensor that is in use, not a splat and not small
  /// (any size with `everyConstant`). Splats stay: kernels fold them, and a
  /// GPU plan exports those that reach the host (GPUPlan.h).
  void addOtherConstant(arith::ConstantOp op, const llvm::Twine &fallbackName) {
    auto elements = dyn_cast<DenseIntOrFPElementsAttr>(op.getValue());
    if (op->use_empty() || exported.contains(op) || !elements ||
        !isa<RankedTensorType>(elements.getType()) || elements.isSplat())
      return;
    std::string dtype = getSafetensorsDType(elements.getElementType());
    if (dtype.empty() ||
        (!everyConstant &&
         elements.getNumElements() * getSafetensorsElementSize(dtype) <
             kMinExportedConstantBytes))
      return;
    addConstant(op,
                makeUnique(getLastLocationName(op->getLoc()), fallbackName));
  }

private:
  /// `constant`, or when it is already written, a copy of it that `user`
  /// uses instead.
  arith::ConstantOp unshare(Operation *user, arith::ConstantOp constant) {
    if (!exported.contains(constant))
      return constant;
    OpBuilder builder(constant);
    auto copy = cast<arith::ConstantOp>(builder.clone(*constant));
    user->replaceUsesOfWith(constant, copy);
    return copy;
  }

  /// Adds `op`'s value as tensor `name`; false if its type has no
  /// safetensors dtype.
  bool addConstant(arith::ConstantOp op, const std::string &name) {
    auto elements = dyn_cast<DenseIntOrFPElementsAttr>(op.getValue());
    if (!elements || !appendConstantTensor(weights, name, elements))
      return false;
    exported.insert(op);
    exportedInOrder.push_back(op);
    return true;
  }

  std::string makeUnique(std::string name, const llvm::Twine &fallbackName) {
    if (name.empty())
      name = fallbackName.str();
    std::string candidate = name;
    for (int suffix = 1; !usedNames.insert(candidate).second; ++suffix)
      candidate = name + "." + std::to_string(suffix);
    return candidate;
  }

public:
  /// The constants written, in the order of weights.tensors.
  SmallVector<arith::ConstantOp> exportedInOrder;

private:
  bool everyConstant;
  ArtifactWeights &weights;
  llvm::StringSet<> usedNames;
  llvm::DenseSet<Operation *> exported;
};

/// Replaces `constant` by a read of a public external `memref.global`
/// (named after `tensor`, made unique) that the loader defines at the
/// tensor's data, and returns the binding. The tensor is read-only
/// (to_tensor without `writable`): one-shot bufferization copies it before
/// any write, so the compiled code never writes into the mapped file.
WeightBinding externalize(arith::ConstantOp constant,
                          const SafetensorsTensor &tensor,
                          SymbolTable &symbols, OpBuilder &moduleBuilder) {
  auto type = cast<RankedTensorType>(constant.getType());
  auto memrefType = MemRefType::get(type.getShape(), type.getElementType());
  Location loc = constant.getLoc();
  // Public: symbol-dce keeps it, and the LLVM lowering gives a declaration
  // with external linkage, which the JIT resolves by name.
  auto global = memref::GlobalOp::create(
      moduleBuilder, loc, "fpx_weight." + tensor.name,
      /*sym_visibility=*/nullptr, memrefType, /*initial_value=*/nullptr,
      /*constant=*/true, /*alignment=*/nullptr);
  symbols.insert(global);

  OpBuilder builder(constant);
  Value buffer = memref::GetGlobalOp::create(builder, loc, memrefType,
                                             global.getSymName());
  Value value = bufferization::ToTensorOp::create(builder, loc, type, buffer,
                                                  /*restrict=*/true,
                                                  /*writable=*/false);
  constant.replaceAllUsesWith(value);
  constant.erase();
  return {global.getSymName().str(), tensor.name, tensor.dtype, tensor.shape};
}

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}

} // namespace

bool fpx::driver::appendConstantTensor(ArtifactWeights &weights,
                                       StringRef name,
                                       DenseIntOrFPElementsAttr elements) {
  std::string dtype = getSafetensorsDType(elements.getElementType());
  if (dtype.empty())
    return false;
  SafetensorsTensor tensor;
  tensor.name = name.str();
  tensor.dtype = dtype;
  tensor.shape.assign(elements.getType().getShape().begin(),
                      elements.getType().getShape().end());
  tensor.data = getBytes(weights, elements);
  weights.tensors.push_back(std::move(tensor));
  return true;
}

ArtifactWeights fpx::driver::externalizeWeights(ModuleOp module,
                                               bool everyConstant) {
  ArtifactWeights weights;
  WeightCollector collector(weights, everyConstant);
  // Quantized weights first, so that their constants get the weight's name
  // rather than a generic one.
  for (auto func : module.getOps<func::FuncOp>()) {
    int index = 0;
    func.walk([&](Operation *op) {
      std::string fallback =
          (func.getSymName() + ".qmatmul" + llvm::Twine(index)).str();
      if (auto qmatmul = dyn_cast<fpx::QMatmulOp>(op)) {
        collector.addQuantized(op, qmatmul.getWords(), qmatmul.getScales(),
                               qmatmul.getPacking(), fallback);
        ++index;
      } else if (auto dequantize = dyn_cast<fpx::DequantizeOp>(op)) {
        collector.addQuantized(op, dequantize.getWords(),
                               dequantize.getScales(), dequantize.getPacking(),
                               fallback);
        ++index;
      }
    });
  }
  for (auto func : module.getOps<func::FuncOp>()) {
    int index = 0;
    func.walk([&](arith::ConstantOp op) {
      collector.addOtherConstant(op, func.getSymName() + ".constant" +
                                         llvm::Twine(index++));
    });
  }

  // Neither dialect is in use before bufferization, so neither is loaded.
  module.getContext()
      ->loadDialect<memref::MemRefDialect,
                    bufferization::BufferizationDialect>();
  SymbolTable symbols(module);
  OpBuilder moduleBuilder = OpBuilder::atBlockBegin(module.getBody());
  for (auto [constant, tensor] :
       llvm::zip_equal(collector.exportedInOrder, weights.tensors))
    weights.bindings.push_back(
        externalize(constant, tensor, symbols, moduleBuilder));
  return weights;
}

llvm::Error fpx::driver::writeArtifactData(StringRef directory,
                                           const ModelSignature &signature,
                                           const ArtifactWeights &weights) {
  if (std::error_code error = llvm::sys::fs::create_directories(directory))
    return makeError(directory +
                     ": cannot create the folder: " + error.message());
  if (!llvm::sys::fs::is_directory(directory))
    return makeError(directory + ": exists and is not a folder");
  auto pathOf = [&](StringRef file) {
    llvm::SmallString<256> path(directory);
    llvm::sys::path::append(path, file);
    return std::string(path);
  };

  std::map<std::string, std::string> metadata = weights.metadata;
  metadata["fpx_artifact_version"] = std::to_string(kArtifactVersion);
  if (llvm::Error error =
          writeSafetensors(pathOf(kWeightsFileName), weights.tensors, metadata))
    return error;
  ModelSignature boundSignature = signature;
  boundSignature.weights = weights.bindings;
  return writeSignature(pathOf(kSignatureFileName), boundSignature);
}

llvm::Error fpx::driver::writeArtifact(StringRef directory, ModuleOp llvmModule,
                                       const ModelSignature &signature,
                                       const ArtifactWeights &weights) {
  if (llvm::Error error = writeArtifactData(directory, signature, weights))
    return error;
  llvm::SmallString<256> modulePathStorage(directory);
  llvm::sys::path::append(modulePathStorage, kModuleFileName);
  std::string modulePath(modulePathStorage);
  std::error_code error;
  llvm::ToolOutputFile out(modulePath, error, llvm::sys::fs::OF_Text);
  if (error)
    return makeError(modulePath + ": " + error.message());
  llvmModule.print(out.os());
  out.os() << '\n';
  out.os().close();
  if (out.os().has_error())
    return makeError(modulePath + ": " + out.os().error().message());
  out.keep();
  return llvm::Error::success();
}
