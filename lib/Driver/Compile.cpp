//===- Compile.cpp - Compiling a whole model for the CPU ------------------===//

#include "fpx/Driver/Compile.h"

#include "fpx/Driver/Artifact.h"

#include "fpx/Dialect/FPx/IR/FPx.h"
#include "fpx/Dialect/FPx/Transforms/Passes.h"
#include "fpx/Frontend/StableHLO/IR/CHLO.h"
#include "fpx/Frontend/StableHLO/IR/StableHLO.h"
#include "fpx/Frontend/StableHLO/Transforms/Passes.h"
#include "fpx/Pipelines/Pipelines.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace fpx::driver;
using llvm::StringRef;

/// Unit attribute of fpx-quantize-weights marking a weight argument.
static constexpr llvm::StringLiteral kWeightArgAttr = "fpx.weight";
/// Names JAX gives the parameters and results of an exported function.
static constexpr llvm::StringLiteral kJaxArgInfoAttr = "jax.arg_info";
static constexpr llvm::StringLiteral kJaxResultInfoAttr = "jax.result_info";
/// The ONNX importer's name of a graph output (fpx::kONNXOutputNameAttr; the
/// driver library does not depend on the importer).
static constexpr llvm::StringLiteral kONNXOutputNameAttr = "onnx.name";

llvm::Expected<std::optional<fpx::numerics::Format>>
fpx::driver::parseQuantizeOption(StringRef value) {
  if (value == "none")
    return std::optional<numerics::Format>();
  if (std::optional<numerics::Format> format = numerics::parseFormat(value))
    return format;
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "unknown --quantize value '" + value +
          "'; expected fp6, fp5, fp4, e2m3 (or e3m2, e2m2, e2m1), or none");
}

llvm::Expected<std::string> fpx::driver::parseTarget(StringRef target) {
  if (target == "cpu")
    return target.str();
  if (target == "cuda")
    return std::string("cuda:sm_90");
  StringRef chip = target;
  unsigned version = 0;
  if (chip.consume_front("cuda:sm_")) {
    chip.consume_back("a");
    if (!chip.getAsInteger(10, version) && version >= 80)
      return target.str();
  }
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "unknown target '" + target +
          "'; expected cpu, cuda (= cuda:sm_90) or cuda:sm_<NN> with NN >= "
          "80, e.g. cuda:sm_80, cuda:sm_90a");
}

StringRef fpx::driver::getTargetChip(StringRef target) {
  target.consume_front("cuda:");
  return target;
}

/// Splats at least this large become fills for a GPU target.
static constexpr int64_t kMinFilledSplatElements = 1024;

/// Replaces large splat constant tensors by fills: a GPU model reads every
/// constant from weights.safetensors, and a fill kernel beats a file of
/// repeated values. Small splats stay constants (the fusion kernel
/// generator folds them into its kernels).
static void materializeSplats(ModuleOp module) {
  SmallVector<arith::ConstantOp> splats;
  module.walk([&](arith::ConstantOp op) {
    auto elements = dyn_cast<DenseElementsAttr>(op.getValue());
    if (elements && elements.isSplat() &&
        isa<RankedTensorType>(elements.getType()) &&
        elements.getType().hasStaticShape() &&
        elements.getNumElements() >= kMinFilledSplatElements)
      splats.push_back(op);
  });
  for (arith::ConstantOp op : splats) {
    auto elements = cast<DenseElementsAttr>(op.getValue());
    auto type = cast<RankedTensorType>(elements.getType());
    OpBuilder builder(op);
    Value scalar = arith::ConstantOp::create(
        builder, op.getLoc(), cast<TypedAttr>(elements.getSplatValue<Attribute>()));
    Value empty = tensor::EmptyOp::create(builder, op.getLoc(), type.getShape(),
                                          type.getElementType());
    Value fill =
        linalg::FillOp::create(builder, op.getLoc(), scalar, empty).getResult(0);
    op.replaceAllUsesWith(fill);
    op.erase();
  }
}

ModelCompiler::ModelCompiler(CompileOptions options)
    : options(std::move(options)), startTime(std::chrono::steady_clock::now()) {
}

void ModelCompiler::startPhase(StringRef description) {
  if (!statusStream)
    return;
  std::chrono::duration<double> elapsed =
      std::chrono::steady_clock::now() - startTime;
  *statusStream << llvm::format("[%7.2f s] ", elapsed.count()) << description
                << '\n';
  statusStream->flush();
}

void ModelCompiler::reportStatus(const llvm::Twine &message) {
  if (!statusStream)
    return;
  *statusStream << "            " << message << '\n';
  statusStream->flush();
}

FailureOr<func::FuncOp> ModelCompiler::lookupEntry(ModuleOp module) {
  if (auto entry = module.lookupSymbol<func::FuncOp>(options.entry))
    return entry;
  InFlightDiagnostic diag = emitError(module.getLoc())
                            << "no function @" << options.entry
                            << " to compile (choose another with --entry)";
  SmallVector<StringRef> candidates;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal())
      candidates.push_back(func.getSymName());
  if (!candidates.empty())
    diag << "; the module's public functions are @"
         << llvm::join(candidates, ", @");
  return failure();
}

LogicalResult ModelCompiler::runPasses(
    ModuleOp module, StringRef phase,
    llvm::function_ref<void(PassManager &)> buildPipeline) {
  PassManager pm(module->getName());
  buildPipeline(pm);
  std::optional<TimingScope> timing;
  if (rootTiming) {
    timing.emplace(rootTiming->nest(phase));
    pm.enableTiming(*timing);
  }
  if (passManagerHook && failed(passManagerHook(pm)))
    return failure();
  return pm.run(module);
}

/// True when the module holds ops of the StableHLO frontend's dialects.
static bool containsStableHLO(ModuleOp module) {
  return module
      .walk([](Operation *op) {
        Dialect *dialect = op->getDialect();
        return dialect && isa<fpx::stablehlo::StableHLODialect,
                              fpx::chlo::CHLODialect>(dialect)
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// Static shapes may have at most this many elements (2^60, the ONNX
/// importer's limit too): the lowering computes byte sizes in 64 bits, and
/// a size that wraps makes the compiled code write past its allocations.
static constexpr int64_t kMaxTensorElements = int64_t(1) << 60;

/// True when `type` is shaped with static dimensions whose product exceeds
/// kMaxTensorElements (computed without overflowing).
static bool isTooLarge(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasRank())
    return false;
  ArrayRef<int64_t> shape = shaped.getShape();
  if (llvm::is_contained(shape, 0))
    return false;
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (ShapedType::isDynamic(dim))
      continue;
    if (dim > kMaxTensorElements / count)
      return true;
    count *= dim;
  }
  return false;
}

/// Refuses values (op results and block arguments) of types that are too
/// large, at their location.
static LogicalResult checkTensorSizes(ModuleOp module) {
  auto report = [](Location loc, Type type) {
    return emitError(loc) << "type " << type
                          << " has more than 2^60 elements; FPX compiles "
                             "smaller tensors only";
  };
  WalkResult result = module.walk([&](Operation *op) {
    for (Type type : op->getResultTypes())
      if (isTooLarge(type)) {
        report(op->getLoc(), type);
        return WalkResult::interrupt();
      }
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          if (isTooLarge(arg.getType())) {
            report(arg.getLoc(), arg.getType());
            return WalkResult::interrupt();
          }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

/// The argument types fpx-quantize-weights accepts as `{fpx.weight}`.
static bool isWeightLike(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && (tensor.getRank() == 2 || tensor.getRank() == 3) &&
         isa<Float16Type, BFloat16Type, Float32Type>(tensor.getElementType());
}

LogicalResult ModelCompiler::lowerToTensors(ModuleOp module) {
  FailureOr<func::FuncOp> entry = lookupEntry(module);
  if (failed(entry))
    return failure();
  // The inliner deletes private functions once their calls are inlined;
  // the entry must survive whatever its visibility in the input.
  entry->setPublic();
  if (failed(checkTensorSizes(module)))
    return failure();

  if (containsStableHLO(module)) {
    startPhase("lowering StableHLO to linalg");
    if (failed(runPasses(module, "frontend", [](PassManager &pm) {
          pm.addPass(fpx::createConvertStableHLOToLinalg());
          // JAX outlines jitted helpers into private functions. Inlined, a
          // weight a helper receives as a parameter is again the constant
          // or entry argument that the quantizer recognizes.
          pm.addPass(createInlinerPass());
        })))
      return failure();
  }

  quantization = QuantizationSummary();
  if (options.target != "cpu")
    materializeSplats(module);
  if (!options.quantizeFormat)
    return success();

  if (options.quantizeWeightArguments)
    for (BlockArgument arg : entry->getArguments())
      if (isWeightLike(arg.getType()))
        entry->setArgAttr(arg.getArgNumber(), kWeightArgAttr,
                          UnitAttr::get(module.getContext()));

  StringRef formatName = numerics::getFormatName(*options.quantizeFormat);
  startPhase(("quantizing matmul weights to " + formatName).str());
  fpx::FPxQuantizeWeightsOptions passOptions;
  passOptions.format = formatName.str();
  passOptions.groupSize = options.groupSize;
  passOptions.skip.assign(options.skip.begin(), options.skip.end());
  if (failed(runPasses(module, "quantize", [&](PassManager &pm) {
        pm.addPass(fpx::createFPxQuantizeWeights(passOptions));
      })))
    return failure();
  summarizeQuantization(module);
  return success();
}

void ModelCompiler::summarizeQuantization(ModuleOp module) {
  quantization.format =
      std::string(numerics::getFormatName(*options.quantizeFormat));
  quantization.groupSize = options.groupSize;
  quantization.skip = options.skip;
  quantization.weightArguments = options.quantizeWeightArguments;
  module.walk([&](fpx::QMatmulOp op) {
    Operation *producer = op.getWords().getDefiningOp();
    if (isa_and_nonnull<fpx::QuantizeOp>(producer))
      ++quantization.runtimeWeights;
    else if (isa_and_nonnull<arith::ConstantOp>(producer))
      ++quantization.packedConstantWeights;
  });
  if (quantization.packedConstantWeights + quantization.runtimeWeights == 0) {
    emitWarning(module.getLoc())
        << "nothing was quantized: no matmul that is not skipped has a "
           "constant weight or an {fpx.weight} argument";
    return;
  }
  reportStatus(llvm::Twine(quantization.packedConstantWeights) +
               " matmul weights packed now, " +
               llvm::Twine(quantization.runtimeWeights) +
               " quantized when the model runs");
}

static std::optional<ElementType> toElementType(Type type) {
  if (type.isF32())
    return ElementType::F32;
  if (type.isF16())
    return ElementType::F16;
  if (type.isBF16())
    return ElementType::BF16;
  if (type.isSignlessInteger(32))
    return ElementType::I32;
  if (type.isSignlessInteger(64))
    return ElementType::I64;
  return std::nullopt;
}

/// Fills in a tensor's type and shape; fails on anything else but a ranked
/// tensor of a supported element type.
static LogicalResult describeTensor(Type type, TensorSignature &tensor) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  std::optional<ElementType> elementType =
      tensorType ? toElementType(tensorType.getElementType()) : std::nullopt;
  if (!elementType)
    return failure();
  tensor.type = *elementType;
  for (int64_t size : tensorType.getShape())
    tensor.shape.push_back(ShapedType::isDynamic(size) ? kDynamicSize : size);
  return success();
}

/// `preferred` if it is a usable, still unused name, else `positional`
/// (made unique). fpx-run's `--input name=file` splits at the first '=',
/// so names must not contain one.
static std::string chooseName(StringRef preferred,
                              const llvm::Twine &positional,
                              llvm::StringSet<> &used) {
  if (!preferred.empty() && !preferred.contains('=') &&
      used.insert(preferred).second)
    return preferred.str();
  std::string name = positional.str();
  for (int suffix = 1; !used.insert(name).second; ++suffix)
    name = (positional + "_" + llvm::Twine(suffix)).str();
  return name;
}

FailureOr<ModelSignature> ModelCompiler::getSignature(ModuleOp module) {
  FailureOr<func::FuncOp> entry = lookupEntry(module);
  if (failed(entry))
    return failure();
  if (entry->isExternal())
    return emitError(entry->getLoc())
           << "the entry function @" << options.entry << " has no body";

  ModelSignature signature;
  signature.entry = options.entry;
  signature.target = options.target;
  signature.quantization = quantization;
  FunctionType type = entry->getFunctionType();
  llvm::StringSet<> inputNames, outputNames;
  for (BlockArgument arg : entry->getArguments()) {
    unsigned index = arg.getArgNumber();
    TensorSignature input;
    if (failed(describeTensor(arg.getType(), input)))
      return emitError(arg.getLoc())
             << "entry argument #" << index << " of @" << options.entry
             << " has type " << arg.getType()
             << "; model inputs and outputs must be ranked tensors of "
             << listElementTypeNames();
    // JAX names parameters in jax.arg_info; importers name arguments with
    // a NameLoc (loc("input_ids")).
    StringRef preferred;
    if (auto info = entry->getArgAttrOfType<StringAttr>(index, kJaxArgInfoAttr))
      preferred = info.getValue();
    else if (auto nameLoc = dyn_cast<NameLoc>(arg.getLoc()))
      preferred = nameLoc.getName().getValue();
    input.name = chooseName(preferred, "arg" + llvm::Twine(index), inputNames);
    input.isWeight = bool(entry->getArgAttr(index, kWeightArgAttr));
    signature.inputs.push_back(std::move(input));
  }
  for (auto [index, resultType] : llvm::enumerate(type.getResults())) {
    TensorSignature output;
    if (failed(describeTensor(resultType, output)))
      return emitError(entry->getLoc())
             << "result #" << index << " of @" << options.entry << " has type "
             << resultType
             << "; model inputs and outputs must be ranked tensors of "
             << listElementTypeNames();
    StringRef preferred;
    if (auto info =
            entry->getResultAttrOfType<StringAttr>(index, kJaxResultInfoAttr))
      preferred = info.getValue();
    else if (auto name = entry->getResultAttrOfType<StringAttr>(
                 index, kONNXOutputNameAttr))
      preferred = name.getValue();
    output.name =
        chooseName(preferred, "result" + llvm::Twine(index), outputNames);
    signature.outputs.push_back(std::move(output));
  }
  return signature;
}

LogicalResult ModelCompiler::lowerToLLVM(ModuleOp module) {
  FailureOr<func::FuncOp> entry = lookupEntry(module);
  if (failed(entry))
    return failure();
  MLIRContext *context = module.getContext();
  module->setAttr(kEntryTypeAttrName, TypeAttr::get(entry->getFunctionType()));
  // `_mlir_ciface_<entry>` takes every memref as a pointer to its
  // descriptor, whatever the rank: the one calling convention fpx-run
  // needs to implement.
  (*entry)->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                    UnitAttr::get(context));
  for (BlockArgument arg : entry->getArguments()) {
    // Read-only arguments: bufferization then never writes into the
    // caller's buffers, so the same inputs can be passed to every call.
    entry->setArgAttr(arg.getArgNumber(),
                      bufferization::BufferizationDialect::kWritableAttrName,
                      BoolAttr::get(context, false));
    // The quantizer has used the marks. The C interface wrapper would copy
    // them onto its pointer arguments, where the fpx dialect rejects them.
    entry->removeArgAttr(arg.getArgNumber(), kWeightArgAttr);
  }

  startPhase("lowering to the LLVM dialect (CPU pipeline)");
  if (failed(runPasses(module, "lower to LLVM",
                       [](PassManager &pm) { fpx::buildCPUPipeline(pm); })))
    return failure();
  // Conversions stop at ops they do not know without failing; report the
  // first such op here rather than as a parse error in fpx-run.
  WalkResult leftover = module.walk([](Operation *op) {
    Dialect *dialect = op->getDialect();
    if (isa<ModuleOp>(op) || (dialect && isa<LLVM::LLVMDialect>(dialect)))
      return WalkResult::advance();
    op->emitError() << "'" << op->getName()
                    << "' is left after the CPU pipeline; it has no lowering "
                       "to the LLVM dialect yet";
    return WalkResult::interrupt();
  });
  return failure(leftover.wasInterrupted());
}

LogicalResult ModelCompiler::lowerToGPU(ModuleOp module) {
  FailureOr<func::FuncOp> entry = lookupEntry(module);
  if (failed(entry))
    return failure();
  WalkResult runtimeQuantize = module.walk([](fpx::QuantizeOp op) {
    op.emitError() << "quantizes a weight when the model runs, which GPU "
                      "models do not do yet; pass the weights as constants "
                      "(or compile without --quantize-weight-args)";
    return WalkResult::interrupt();
  });
  if (runtimeQuantize.wasInterrupted())
    return failure();
  MLIRContext *context = module.getContext();
  for (BlockArgument arg : entry->getArguments()) {
    // Read-only inputs, as for the CPU: the executor uploads them once and
    // the plan never writes into them.
    entry->setArgAttr(arg.getArgNumber(),
                      bufferization::BufferizationDialect::kWritableAttrName,
                      BoolAttr::get(context, false));
    entry->removeArgAttr(arg.getArgNumber(), kWeightArgAttr);
  }
  startPhase(("lowering to GPU kernels for " + getTargetChip(options.target) +
              " (GPU model pipeline)")
                 .str());
  fpx::GPUModelPipelineOptions pipelineOptions;
  pipelineOptions.chip = getTargetChip(options.target).str();
  pipelineOptions.fusion = options.gpuFusion;
  pipelineOptions.dependentLaunch = options.gpuDependentLaunch;
  pipelineOptions.gemmTuningTable = options.gemmTuningTable;
  return runPasses(module, "lower to GPU", [&](PassManager &pm) {
    fpx::buildGPUModelPipeline(pm, pipelineOptions);
  });
}
