//===- Runner.cpp - Running a compiled model on the CPU -------------------===//

#include "fpx/Driver/Runner.h"

#include "fpx/Driver/GPURunner.h"

#include "fpx/Driver/Artifact.h"
#include "fpx/Driver/Safetensors.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"

#include <cstdlib>
#include <cstring>

using namespace fpx::driver;
using llvm::StringRef;

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}

/// The allocated pointer MLIR's memref.get_global lowering puts in the
/// descriptor of a global, which nobody may free. Outputs are normally
/// copies owned by the caller (the buffer deallocation pipeline clones
/// globals and arguments that are returned); this guards the free anyway.
constexpr uintptr_t kGlobalAllocatedPointer = 0xdeadbeef;

/// Words of a rank-`rank` strided memref descriptor.
size_t getDescriptorWords(size_t rank) { return 3 + 2 * rank; }

/// Appends the bytes of a strided array to `destination` in C order.
void copyStrided(const char *source, llvm::ArrayRef<int64_t> sizes,
                 llvm::ArrayRef<int64_t> strides, int64_t elementSize,
                 char *&destination) {
  if (sizes.empty()) {
    std::memcpy(destination, source, elementSize);
    destination += elementSize;
    return;
  }
  if (sizes.size() == 1 && strides[0] == 1) {
    std::memcpy(destination, source, sizes[0] * elementSize);
    destination += sizes[0] * elementSize;
    return;
  }
  for (int64_t i = 0; i < sizes[0]; ++i)
    copyStrided(source + i * strides[0] * elementSize, sizes.drop_front(),
                strides.drop_front(), elementSize, destination);
}

std::string describe(const TensorSignature &tensor) {
  return "'" + tensor.name + "' (" + getElementTypeName(tensor.type).str() +
         " " + formatShape(tensor.shape) + ")";
}

/// Compares signature.json with the entry type recorded in module.mlir.
llvm::Error checkEntryType(mlir::ModuleOp module,
                           const ModelSignature &signature,
                           StringRef modulePath) {
  auto recorded = module->getAttrOfType<mlir::TypeAttr>(kEntryTypeAttrName);
  auto entryType = recorded
                       ? llvm::dyn_cast<mlir::FunctionType>(recorded.getValue())
                       : nullptr;
  if (!entryType)
    return makeError(modulePath + " has no " + kEntryTypeAttrName +
                     " attribute; write it with fpx-compile");
  auto mismatch = [&](const llvm::Twine &what) {
    return makeError("signature.json does not describe " + modulePath + ": " +
                     what);
  };
  if (entryType.getNumInputs() != signature.inputs.size() ||
      entryType.getNumResults() != signature.outputs.size())
    return mismatch("it has " + llvm::Twine(signature.inputs.size()) +
                    " inputs and " + llvm::Twine(signature.outputs.size()) +
                    " outputs, the module's entry " +
                    llvm::Twine(entryType.getNumInputs()) + " and " +
                    llvm::Twine(entryType.getNumResults()));
  for (auto [kind, tensors, types] :
       {std::tuple<StringRef, const std::vector<TensorSignature> *,
                   llvm::ArrayRef<mlir::Type>>{"input", &signature.inputs,
                                               entryType.getInputs()},
        {"output", &signature.outputs, entryType.getResults()}}) {
    for (auto [tensor, type] : llvm::zip_equal(*tensors, types)) {
      auto tensorType = llvm::dyn_cast<mlir::RankedTensorType>(type);
      llvm::SmallVector<int64_t> shape;
      if (tensorType)
        for (int64_t size : tensorType.getShape())
          shape.push_back(mlir::ShapedType::isDynamic(size) ? kDynamicSize
                                                            : size);
      std::string typeName;
      if (tensorType)
        llvm::raw_string_ostream(typeName) << tensorType.getElementType();
      if (shape != tensor.shape ||
          typeName != getElementTypeName(tensor.type)) {
        std::string printed;
        llvm::raw_string_ostream(printed) << type;
        return mismatch(kind + " " + describe(tensor) + " is " + printed +
                        " in the module");
      }
    }
  }
  return llvm::Error::success();
}

/// Prefix of the globals fpx-compile binds to weights.safetensors.
constexpr llvm::StringLiteral kWeightSymbolPrefix = "fpx_weight.";

/// Bytes of a global of LLVM type `type` (nested arrays of integers or
/// floats; i1 takes a byte, as in LLVM's layout), or std::nullopt.
std::optional<int64_t> getByteSize(mlir::Type type) {
  if (auto array = llvm::dyn_cast<mlir::LLVM::LLVMArrayType>(type)) {
    std::optional<int64_t> element = getByteSize(array.getElementType());
    int64_t bytes;
    if (!element ||
        llvm::MulOverflow(*element, int64_t(array.getNumElements()), bytes))
      return std::nullopt;
    return bytes;
  }
  unsigned width = 0;
  if (auto integer = llvm::dyn_cast<mlir::IntegerType>(type))
    width = integer.getWidth() == 1 ? 8 : integer.getWidth();
  else if (auto floatType = llvm::dyn_cast<mlir::FloatType>(type))
    width = floatType.getWidth();
  if (width == 0 || width % 8 != 0)
    return std::nullopt;
  return width / 8;
}

std::string describe(const WeightBinding &weight) {
  return "'" + weight.tensor + "' (" + weight.dtype + " " +
         formatShape(weight.shape) + ")";
}

/// Checks that the module declares exactly the weights signature.json
/// binds, each with the byte size of its tensor: a global bound to fewer
/// bytes than the code reads would make it read past the tensor.
llvm::Error checkWeightDeclarations(mlir::ModuleOp module,
                                    const ModelSignature &signature,
                                    StringRef modulePath) {
  llvm::StringMap<mlir::LLVM::GlobalOp> declarations;
  for (auto global : module.getOps<mlir::LLVM::GlobalOp>())
    if (!global.getValueOrNull() && global.getInitializerRegion().empty())
      declarations[global.getSymName()] = global;
  auto mismatch = [&](const llvm::Twine &what) {
    return makeError("signature.json does not describe " + modulePath + ": " +
                     what);
  };
  for (const WeightBinding &weight : signature.weights) {
    auto found = declarations.find(weight.symbol);
    if (found == declarations.end())
      return mismatch("weight " + describe(weight) + " is bound to @" +
                      weight.symbol + ", which the module does not declare");
    int64_t expected = getSafetensorsElementSize(weight.dtype);
    for (int64_t size : weight.shape)
      if (llvm::MulOverflow(expected, size, expected))
        return mismatch("weight " + describe(weight) + " is too large");
    std::optional<int64_t> actual =
        getByteSize(found->second.getGlobalType());
    if (actual != expected)
      return mismatch("weight " + describe(weight) + " has " +
                      llvm::Twine(expected) + " bytes, but @" + weight.symbol +
                      " in the module has " +
                      (actual ? llvm::Twine(*actual) : llvm::Twine("unknown")));
    declarations.erase(found);
  }
  for (const auto &declaration : declarations)
    if (declaration.getKey().starts_with(kWeightSymbolPrefix))
      return mismatch("the module declares the weight @" +
                      declaration.getKey() +
                      ", which no tensor of weights.safetensors is bound to");
  return llvm::Error::success();
}

/// Finds every bound tensor in `file` and checks it against its binding;
/// returns the address of each, in the order of signature.weights.
llvm::Expected<std::vector<const char *>>
findWeights(const SafetensorsFile &file, const ModelSignature &signature) {
  std::vector<const char *> addresses;
  for (const WeightBinding &weight : signature.weights) {
    auto bad = [&](const llvm::Twine &what) {
      return makeError(file.getPath() + ": tensor '" + weight.tensor + "' " +
                       what);
    };
    const SafetensorsEntry *entry = file.lookup(weight.tensor);
    if (!entry)
      return makeError(file.getPath() + ": no tensor '" + weight.tensor +
                       "'; the model needs it as " + weight.dtype + " " +
                       formatShape(weight.shape));
    if (entry->dtype != weight.dtype)
      return bad("has dtype " + entry->dtype + "; the model needs " +
                 weight.dtype);
    if (entry->shape != weight.shape)
      return bad("has shape " + formatShape(entry->shape) +
                 "; the model needs " + formatShape(weight.shape));
    // The compiled code loads whole elements; the file's data section is
    // 8-byte aligned in memory (page-aligned mapping, 8-byte padded header).
    int64_t elementSize = getSafetensorsElementSize(entry->dtype);
    if (reinterpret_cast<uintptr_t>(entry->data.data()) % elementSize != 0)
      return bad("is not aligned to its " + llvm::Twine(elementSize) +
                 "-byte elements in the file; its data_offsets must be a "
                 "multiple of the element size");
    // The code loads booleans as i1, which must be 0 or 1.
    if (entry->dtype == "BOOL" && llvm::any_of(entry->data, [](char byte) {
          return byte != 0 && byte != 1;
        }))
      return bad("(BOOL) holds a byte other than 0 or 1");
    addresses.push_back(entry->data.data());
  }
  return addresses;
}

} // namespace

LoadedModel::~LoadedModel() = default;
CompiledModel::~CompiledModel() = default;

llvm::Expected<ModelSignature>
fpx::driver::readArtifactSignature(StringRef artifactDirectory) {
  if (!llvm::sys::fs::is_directory(artifactDirectory))
    return makeError(artifactDirectory +
                     (llvm::sys::fs::exists(artifactDirectory)
                          ? ": not a folder; fpx-compile writes an artifact "
                            "folder"
                          : ": no such artifact folder"));
  llvm::SmallString<256> path(artifactDirectory);
  llvm::sys::path::append(path, kSignatureFileName);
  return readSignature(path);
}

llvm::Expected<std::unique_ptr<LoadedModel>>
fpx::driver::loadModel(StringRef artifactDirectory,
                       const RunnerOptions &options) {
  llvm::Expected<ModelSignature> signature =
      readArtifactSignature(artifactDirectory);
  if (!signature)
    return signature.takeError();
  StringRef device = StringRef(signature->target).starts_with("cuda")
                         ? "cuda"
                         : StringRef(signature->target);
  if (!options.device.empty() && options.device != device)
    return makeError(artifactDirectory + " was compiled for '" +
                     signature->target + "' and cannot run on device '" +
                     options.device + "'; compile it with --target=" +
                     options.device + " for that");
  if (device == "cuda")
    return GPUModel::load(artifactDirectory, std::move(*signature), options);
  return CompiledModel::load(artifactDirectory, std::move(*signature),
                             options);
}

llvm::Expected<std::vector<HostArray>>
LoadedModel::run(llvm::ArrayRef<const HostArray *> inputs,
                 std::chrono::nanoseconds *callTime) {
  if (inputs.size() != signature.inputs.size())
    return makeError("the model takes " + llvm::Twine(signature.inputs.size()) +
                     " inputs, got " + llvm::Twine(inputs.size()));
  return runBound(inputs, callTime);
}

llvm::Expected<std::unique_ptr<LoadedModel>>
CompiledModel::load(StringRef artifactDirectory, ModelSignature signature,
                    const RunnerOptions &options) {
  auto pathOf = [&](StringRef file) {
    llvm::SmallString<256> path(artifactDirectory);
    llvm::sys::path::append(path, file);
    return std::string(path);
  };

  std::unique_ptr<CompiledModel> model(new CompiledModel());
  model->signature = std::move(signature);
  if (model->signature.target != "cpu")
    return makeError(pathOf(kSignatureFileName) + ": the model targets '" +
                     model->signature.target + "', not the CPU");

  std::string modulePath = pathOf(kModuleFileName);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> moduleText =
      llvm::MemoryBuffer::getFile(modulePath, /*IsText=*/true);
  if (!moduleText)
    return makeError(modulePath + ": " + moduleText.getError().message());

  // The module is in the LLVM dialect; nothing else needs to be loaded.
  mlir::DialectRegistry registry;
  registry.insert<mlir::LLVM::LLVMDialect>();
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
  model->context = std::make_unique<mlir::MLIRContext>(registry);
  // Parse and translation errors become part of the returned error.
  std::string diagnostics;
  llvm::raw_string_ostream diagnosticStream(diagnostics);
  mlir::ScopedDiagnosticHandler handler(
      model->context.get(), [&](mlir::Diagnostic &diagnostic) {
        diagnosticStream << "\n  " << diagnostic.getLocation() << ": "
                         << diagnostic;
        return mlir::success();
      });
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(*moduleText), llvm::SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, model->context.get());
  if (!module)
    return makeError(modulePath + ": cannot parse the module:" + diagnostics);

  // Calling the code with descriptors of other ranks or element types than
  // it was compiled for would read out of bounds, so check signature.json
  // against the entry type the module records.
  if (llvm::Error error = checkEntryType(*module, model->signature, modulePath))
    return std::move(error);
  if (llvm::Error error =
          checkWeightDeclarations(*module, model->signature, modulePath))
    return std::move(error);
  std::string interfaceName = "_mlir_ciface_" + model->signature.entry;
  auto interface = module->lookupSymbol<mlir::LLVM::LLVMFuncOp>(interfaceName);
  if (!interface || interface.isExternal())
    return makeError(modulePath + " has no function @" + interfaceName +
                     ", the C interface of the entry '" +
                     model->signature.entry + "' of signature.json");

  for (const std::string &library : options.sharedLibraries)
    if (!llvm::sys::fs::exists(library))
      return makeError("shared library '" + library + "' not found");
  if (options.optLevel > 3)
    return makeError("JIT optimization level " + llvm::Twine(options.optLevel) +
                     " is out of range; expected 0 to 3");

  // The file is read only when there is something to bind (version 1
  // artifacts and models without large constants need nothing from it).
  std::vector<const char *> weightAddresses;
  if (!model->signature.weights.empty()) {
    llvm::Expected<SafetensorsFile> weights =
        SafetensorsFile::open(pathOf(kWeightsFileName));
    if (!weights)
      return weights.takeError();
    model->weights = std::make_unique<SafetensorsFile>(std::move(*weights));
    llvm::Expected<std::vector<const char *>> addresses =
        findWeights(*model->weights, model->signature);
    if (!addresses)
      return addresses.takeError();
    weightAddresses = std::move(*addresses);
  }

  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::SmallVector<StringRef> libraries(options.sharedLibraries.begin(),
                                         options.sharedLibraries.end());
  std::function<llvm::Error(llvm::Module *)> optimize =
      mlir::makeOptimizingTransformer(options.optLevel, /*sizeLevel=*/0,
                                      /*targetMachine=*/nullptr);
  mlir::ExecutionEngineOptions engineOptions;
  engineOptions.sharedLibPaths = libraries;
  engineOptions.transformer = optimize;
  engineOptions.jitCodeGenOptLevel =
      static_cast<llvm::CodeGenOptLevel>(options.optLevel);
  llvm::Expected<std::unique_ptr<mlir::ExecutionEngine>> engine =
      mlir::ExecutionEngine::create(*module, engineOptions);
  if (!engine)
    return makeError(modulePath + ": JIT compilation failed: " +
                     toString(engine.takeError()) + diagnostics);
  model->engine = std::move(*engine);
  // Each weight global is defined at its tensor's bytes in the mapped file:
  // nothing is copied, and pages are loaded as the code first reads them.
  model->engine->registerSymbols([&](llvm::orc::MangleAndInterner mangle) {
    llvm::orc::SymbolMap symbols;
    for (auto [weight, address] :
         llvm::zip_equal(model->signature.weights, weightAddresses))
      symbols[mangle(weight.symbol)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                                        llvm::JITSymbolFlags::Exported};
    return symbols;
  });
  // The lookup compiles the code; unresolved symbols show up here.
  llvm::Expected<void (*)(void **)> entry =
      model->engine->lookupPacked(interfaceName);
  if (!entry)
    return makeError(modulePath + ": " + toString(entry.takeError()));
  model->engine->initialize();
  model->entryFunction = *entry;
  return std::unique_ptr<LoadedModel>(std::move(model));
}

llvm::Expected<std::vector<const HostArray *>>
LoadedModel::bindInputs(llvm::ArrayRef<NamedInput> inputs) const {
  llvm::StringMap<const NamedInput *> byName;
  for (const NamedInput &input : inputs) {
    bool known = llvm::any_of(signature.inputs, [&](const TensorSignature &t) {
      return t.name == input.name;
    });
    if (!known) {
      std::string names;
      for (auto [index, tensor] : llvm::enumerate(signature.inputs)) {
        if (index == 10) {
          names += ", ...";
          break;
        }
        names += (index ? ", " : "") + tensor.name;
      }
      return makeError("unknown input '" + input.name + "' (" + input.origin +
                       "); the model's inputs are: " + names);
    }
    if (!byName.try_emplace(input.name, &input).second)
      return makeError("input '" + input.name + "' is given twice");
  }

  std::vector<const HostArray *> bound;
  std::vector<std::string> missing;
  for (const TensorSignature &expected : signature.inputs) {
    auto found = byName.find(expected.name);
    if (found == byName.end()) {
      missing.push_back(describe(expected));
      continue;
    }
    const NamedInput &input = *found->second;
    if (input.array.type != expected.type)
      return makeError("input '" + expected.name + "' (" + input.origin +
                       "): expected dtype " +
                       getElementTypeName(expected.type) + ", got " +
                       getElementTypeName(input.array.type));
    if (!expected.acceptsShape(input.array.shape))
      return makeError("input '" + expected.name + "' (" + input.origin +
                       "): expected shape " + formatShape(expected.shape) +
                       ", got " + formatShape(input.array.shape));
    bound.push_back(&input.array);
  }
  if (!missing.empty())
    return makeError("missing input" +
                     llvm::Twine(missing.size() > 1 ? "s" : "") + " " +
                     llvm::join(missing, ", ") +
                     "; give each with --input <name>=<file.npy>");
  return bound;
}

llvm::Expected<std::vector<HostArray>>
CompiledModel::runBound(llvm::ArrayRef<const HostArray *> inputs,
                        std::chrono::nanoseconds *callTime) {
  // Input descriptors point at the caller's arrays: dense, C order.
  std::vector<std::vector<int64_t>> inputDescriptors;
  for (const HostArray *input : inputs) {
    size_t rank = input->shape.size();
    std::vector<int64_t> &descriptor =
        inputDescriptors.emplace_back(getDescriptorWords(rank));
    auto data = reinterpret_cast<intptr_t>(input->data.data());
    descriptor[0] = data;
    descriptor[1] = data;
    descriptor[2] = 0;
    int64_t stride = 1;
    for (size_t dim = rank; dim-- > 0;) {
      descriptor[3 + dim] = input->shape[dim];
      descriptor[3 + rank + dim] = stride;
      stride *= input->shape[dim];
    }
  }
  size_t resultWords = 0;
  for (const TensorSignature &output : signature.outputs)
    resultWords += getDescriptorWords(output.shape.size());
  std::vector<int64_t> results(resultWords);

  // The C interface's arguments, and the packed call's pointers to them.
  std::vector<void *> arguments;
  if (!signature.outputs.empty())
    arguments.push_back(results.data());
  for (std::vector<int64_t> &descriptor : inputDescriptors)
    arguments.push_back(descriptor.data());
  std::vector<void *> packed;
  for (void *&argument : arguments)
    packed.push_back(&argument);

  auto start = std::chrono::steady_clock::now();
  entryFunction(packed.data());
  if (callTime)
    *callTime = std::chrono::steady_clock::now() - start;

  // Copy every output out, then free the buffers (results may share one).
  std::vector<HostArray> outputs;
  llvm::SmallPtrSet<void *, 8> allocations;
  std::string problem;
  const int64_t *descriptor = results.data();
  for (const TensorSignature &output : signature.outputs) {
    size_t rank = output.shape.size();
    auto allocated = reinterpret_cast<void *>(descriptor[0]);
    auto aligned = reinterpret_cast<const char *>(descriptor[1]);
    int64_t offset = descriptor[2];
    llvm::ArrayRef<int64_t> sizes(descriptor + 3, rank);
    llvm::ArrayRef<int64_t> strides(descriptor + 3 + rank, rank);
    descriptor += getDescriptorWords(rank);
    if (reinterpret_cast<uintptr_t>(allocated) != kGlobalAllocatedPointer)
      allocations.insert(allocated);
    if (!output.acceptsShape(sizes) ||
        llvm::any_of(sizes, [](int64_t size) { return size < 0; })) {
      problem = "output '" + output.name + "': the model returned shape " +
                formatShape(sizes) + ", signature.json says " +
                formatShape(output.shape);
      continue;
    }
    HostArray &array = outputs.emplace_back(output.type, sizes);
    if (array.data.empty())
      continue;
    int64_t elementSize = getElementSize(output.type);
    char *destination = array.data.data();
    copyStrided(aligned + offset * elementSize, sizes, strides, elementSize,
                destination);
  }
  for (void *allocation : allocations)
    std::free(allocation);
  if (!problem.empty())
    return makeError(problem);
  return outputs;
}
