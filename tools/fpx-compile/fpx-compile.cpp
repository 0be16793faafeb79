//===- fpx-compile.cpp - Compile a whole model to an FPX artifact ---------===//
//
//   fpx-compile model.mlir -o model.fpx [--quantize=fp6] [--skip=lm_head]
//   fpx-compile model.onnx --input-shape input_ids=1x16 -o model.fpx
//
// Reads a model as MLIR text (StableHLO as JAX prints it, or func/linalg on
// tensors) or as an ONNX file (imported as fpx-import-onnx does), quantizes
// its matmul weights, lowers it for the CPU and writes the artifact folder
// fpx-run loads (docs/Drivers.md). --emit=mlir or --emit=llvm print an
// intermediate module instead.
//
//===----------------------------------------------------------------------===//

#include "fpx/Driver/Artifact.h"
#include "fpx/Driver/Compile.h"
#include "fpx/Driver/GPUPlan.h"
#include "fpx/Frontend/ONNX/Import.h"
#include "fpx/InitAllDialects.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
namespace cl = llvm::cl;
using fpx::driver::ModelCompiler;

namespace {

enum class EmitKind { Mlir, Llvm, Artifact };
enum class InputFormat { Auto, Mlir, Onnx };

cl::OptionCategory compileCategory("fpx-compile options");

cl::opt<std::string> inputFilename(cl::Positional,
                                   cl::desc("<model.mlir|model.onnx>"),
                                   cl::init("-"), cl::cat(compileCategory));

cl::opt<InputFormat> inputFormat(
    "input-format", cl::desc("How to read the model"),
    cl::init(InputFormat::Auto),
    cl::values(clEnumValN(InputFormat::Auto, "auto",
                          "by extension (.mlir, .onnx), else by content"),
               clEnumValN(InputFormat::Mlir, "mlir", "MLIR text"),
               clEnumValN(InputFormat::Onnx, "onnx",
                          "an ONNX ModelProto file")),
    cl::cat(compileCategory));

cl::list<std::string> inputShapes(
    "input-shape",
    cl::desc("ONNX models: concrete shape of a graph input, replacing its "
             "symbolic dimensions: name=1x16 (name= for a scalar); "
             "repeatable"),
    cl::value_desc("name=DIMS"), cl::cat(compileCategory));

cl::opt<std::string> outputPath(
    "o",
    cl::desc("The artifact folder (default: the input's name with .fpx), or "
             "with --emit=mlir/llvm the file to print to (default: stdout)"),
    cl::value_desc("path"), cl::cat(compileCategory));

cl::opt<std::string> quantize(
    "quantize",
    cl::desc("Format of matmul weights: fp6, fp5, fp4, e2m3 (or e3m2, e2m2, "
             "e2m1), or none"),
    cl::init("none"), cl::cat(compileCategory));

cl::opt<int64_t> groupSize(
    "group-size",
    cl::desc("K elements per quantization scale; 0 = one scale per output "
             "channel"),
    cl::init(0), cl::cat(compileCategory));

cl::list<std::string>
    skip("skip",
         cl::desc("Leave matmuls whose location names or function name "
                  "contain one of these strings unquantized"),
         cl::CommaSeparated, cl::value_desc("name,..."),
         cl::cat(compileCategory));

cl::opt<bool> quantizeWeightArgs(
    "quantize-weight-args",
    cl::desc("Also quantize matmul weights that are 2-D or 3-D float "
             "arguments of the entry (quantized when the model runs)"),
    cl::init(false), cl::cat(compileCategory));

cl::opt<std::string>
    target("target",
           cl::desc("Target: cpu (the reference path, run by fpx-run), or "
                    "cuda / cuda:sm_<NN> (GPU kernels and a launch plan, run "
                    "by the Python package's fpx.load)"),
           cl::init("cpu"), cl::cat(compileCategory));

cl::opt<bool> gpuFusion(
    "gpu-fusion",
    cl::desc("GPU targets: fuse memory-bound ops into one kernel per fusion "
             "group (=false: one simple kernel per op, to compare)"),
    cl::init(true), cl::cat(compileCategory));

cl::opt<bool> gpuDependentLaunch(
    "gpu-dependent-launch",
    cl::desc("GPU targets from sm_90 on: launch each kernel as a "
             "programmatic dependent of the one before, so that it starts "
             "while that one finishes (=false: plain launches, to compare)"),
    cl::init(true), cl::cat(compileCategory));

cl::opt<std::string> gemmTuningTable(
    "gemm-tuning-table",
    cl::desc("GPU targets: JSON table of measured GEMM configurations "
             "(python/fpx/bench_gemm.py table) that overrides the cost model "
             "for the layers and token counts it lists"),
    cl::value_desc("file"), cl::cat(compileCategory));

cl::opt<EmitKind>
    emit("emit", cl::desc("What to produce"), cl::init(EmitKind::Artifact),
         cl::values(clEnumValN(EmitKind::Mlir, "mlir",
                               "the module on tensors, after frontend lowering "
                               "and quantization"),
                    clEnumValN(EmitKind::Llvm, "llvm",
                               "the module lowered for the target: the LLVM "
                               "dialect for cpu (the artifact's module.mlir), "
                               "host launches and kernel binaries for cuda"),
                    clEnumValN(EmitKind::Artifact, "artifact",
                               "the artifact folder for fpx-run")),
         cl::cat(compileCategory));

cl::opt<std::string> entry("entry", cl::desc("The function to compile"),
                           cl::init("main"), cl::cat(compileCategory));

cl::opt<cl::boolOrDefault> progress(
    "progress",
    cl::desc("Print a line as each phase starts (default: when stderr is a "
             "terminal); --mlir-timing reports the time of every pass"),
    cl::cat(compileCategory));

int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "fpx-compile") << message << '\n';
  return 1;
}

int printModule(ModuleOp module, llvm::StringRef path) {
  std::string errorMessage;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(path.empty() ? "-" : path, &errorMessage);
  if (!output)
    return fail(errorMessage);
  module.print(output->os());
  output->os() << '\n';
  output->keep();
  return 0;
}

/// The format of the model `contents`, read from `path`. Serialized
/// protobuf is binary (a ModelProto starts with field tags such as 0x08, and
/// holds raw tensor bytes), while MLIR text has no control characters other
/// than whitespace.
InputFormat detectFormat(llvm::StringRef path, llvm::StringRef contents) {
  llvm::StringRef extension = llvm::sys::path::extension(path);
  if (extension.equals_insensitive(".onnx"))
    return InputFormat::Onnx;
  if (extension.equals_insensitive(".mlir"))
    return InputFormat::Mlir;
  for (unsigned char c : contents.take_front(4096))
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
      return InputFormat::Onnx;
  return InputFormat::Mlir;
}

/// The first name in `loc` (importers name ops after ONNX nodes and
/// initializers), or "" when it has none.
std::string locationName(Location loc) {
  std::string name;
  loc->walk([&](Location inner) {
    if (auto nameLoc = dyn_cast<NameLoc>(inner)) {
      name = nameLoc.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  // libLLVM registers hundreds of backend options; --help lists this tool's
  // own, and MLIR's stay usable (listed by --help-hidden).
  cl::HideUnrelatedOptions(compileCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "FPX model compiler: StableHLO, linalg or ONNX model -> CPU "
      "artifact\n\n"
      "MLIR's options are accepted too, e.g. --mlir-timing, "
      "--mlir-print-ir-after-all (see --help-hidden).\n");

  // Check every option before the (possibly long) compilation starts.
  fpx::driver::CompileOptions options;
  llvm::Expected<std::optional<fpx::numerics::Format>> format =
      fpx::driver::parseQuantizeOption(quantize);
  if (!format)
    return fail(toString(format.takeError()));
  options.quantizeFormat = *format;
  if (groupSize < 0)
    return fail("--group-size must be 0 (one scale per output channel) or "
                "positive, got " +
                llvm::Twine(groupSize));
  options.groupSize = groupSize;
  options.skip = skip;
  options.quantizeWeightArguments = quantizeWeightArgs;
  options.entry = entry;
  llvm::Expected<std::string> canonicalTarget =
      fpx::driver::parseTarget(target);
  if (!canonicalTarget)
    return fail(toString(canonicalTarget.takeError()));
  options.target = *canonicalTarget;
  options.gpuFusion = gpuFusion;
  options.gpuDependentLaunch = gpuDependentLaunch;
  options.gemmTuningTable = gemmTuningTable;
  bool gpu = options.target != "cpu";
  fpx::ONNXImportOptions onnxOptions;
  // The graph becomes the entry, so that --entry names it in the artifact.
  onnxOptions.functionName = options.entry;
  for (const std::string &spec : inputShapes) {
    std::string error;
    if (!fpx::parseONNXInputShape(spec, onnxOptions, error))
      return fail("--input-shape: " + error);
  }
  std::string output = outputPath;
  if (emit == EmitKind::Artifact && output.empty()) {
    if (inputFilename == "-")
      return fail("-o <folder> is needed when the model comes from stdin");
    llvm::SmallString<256> defaultOutput(inputFilename.getValue());
    llvm::sys::path::replace_extension(defaultOutput, "fpx");
    output = std::string(defaultOutput);
  }

  DialectRegistry registry;
  fpx::registerAllDialects(registry);
  MLIRContext context(registry);
  // Errors name the op and point at its line; the generic form of the op
  // that MLIR would print after them helps compiler developers (fpx-opt),
  // not users of the driver.
  context.printOpOnDiagnostic(false);
  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> input =
      openInputFile(inputFilename, &errorMessage);
  if (!input)
    return fail(errorMessage);
  InputFormat modelFormat = inputFormat;
  if (modelFormat == InputFormat::Auto)
    modelFormat = detectFormat(inputFilename, input->getBuffer());
  if (modelFormat == InputFormat::Onnx && inputFilename == "-")
    return fail("an ONNX model must be given as a file, not on stdin (its "
                "external data is found next to it)");
  if (modelFormat == InputFormat::Mlir && !inputShapes.empty())
    return fail("--input-shape applies to ONNX models only, and '" +
                inputFilename + "' is read as MLIR text");

  // MLIR text: diagnostics print with the file, line and column of the op
  // concerned. ONNX has no lines to show: the importer's messages name the
  // node, tensor or file themselves, and later errors are given the name of
  // the op's location (the ONNX node or initializer it came from).
  llvm::SourceMgr sourceMgr;
  std::optional<SourceMgrDiagnosticHandler> mlirDiagnostics;
  std::optional<ScopedDiagnosticHandler> onnxDiagnostics;
  bool importing = true;
  if (modelFormat == InputFormat::Mlir) {
    sourceMgr.AddNewSourceBuffer(std::move(input), llvm::SMLoc());
    mlirDiagnostics.emplace(sourceMgr, &context);
  } else {
    onnxDiagnostics.emplace(&context, [&](Diagnostic &diag) {
      llvm::raw_ostream &os = llvm::errs();
      os << inputFilename << ": "
         << (diag.getSeverity() == DiagnosticSeverity::Error     ? "error"
             : diag.getSeverity() == DiagnosticSeverity::Warning ? "warning"
                                                                 : "note")
         << ": ";
      std::string name = importing ? "" : locationName(diag.getLocation());
      if (!name.empty())
        os << "at '" << name << "': ";
      os << diag << '\n';
      for (const Diagnostic &note : diag.getNotes())
        os << inputFilename << ": note: " << note << '\n';
      return success();
    });
  }

  DefaultTimingManager timingManager;
  applyDefaultTimingManagerCLOptions(timingManager);
  TimingScope timing = timingManager.getRootScope();

  ModelCompiler compiler(options);
  bool showProgress = progress == cl::BOU_UNSET ? llvm::errs().is_displayed()
                                                : progress == cl::BOU_TRUE;
  if (showProgress)
    compiler.setStatusStream(&llvm::errs());
  compiler.setTimingScope(timing);
  compiler.setPassManagerHook(
      [](PassManager &pm) { return applyPassManagerCLOptions(pm); });

  OwningOpRef<ModuleOp> module;
  if (modelFormat == InputFormat::Mlir) {
    compiler.startPhase("parsing " + inputFilename);
    TimingScope parseTiming = timing.nest("parse");
    module = parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&context));
  } else {
    compiler.startPhase("importing ONNX model " + inputFilename);
    TimingScope importTiming = timing.nest("import ONNX");
    // The file is already in memory; its path locates external data.
    FailureOr<OwningOpRef<ModuleOp>> imported =
        fpx::importONNXModelFromBytes(&context, input->getBuffer(),
                                      inputFilename, onnxOptions);
    if (succeeded(imported))
      module = std::move(*imported);
  }
  importing = false;
  if (!module)
    return 1;

  if (failed(compiler.lowerToTensors(*module)))
    return 1;
  if (emit == EmitKind::Mlir)
    return printModule(*module, output);

  FailureOr<fpx::driver::ModelSignature> signature =
      compiler.getSignature(*module);
  if (failed(signature))
    return 1;
  // On tensors, before bufferization turns constants into globals; for
  // --emit=llvm too, so that it prints the artifact's module.mlir.
  fpx::driver::ArtifactWeights weights =
      fpx::driver::externalizeWeights(*module, /*everyConstant=*/gpu);
  if (failed(gpu ? compiler.lowerToGPU(*module)
                 : compiler.lowerToLLVM(*module)))
    return 1;
  if (emit == EmitKind::Llvm)
    return printModule(*module, output);
  std::optional<fpx::driver::GPUPlan> plan;
  if (gpu) {
    compiler.startPhase("planning launches and memory");
    FailureOr<fpx::driver::GPUPlan> built = fpx::driver::buildGPUPlan(
        *module, options.entry, fpx::driver::getTargetChip(options.target),
        weights);
    if (failed(built))
      return 1;
    plan = std::move(*built);
    compiler.reportStatus(llvm::formatv(
        "{0} kernel launches, {1} kernel binaries, {2} MiB of intermediate "
        "buffers",
        plan->numLaunches, plan->binaries.size(),
        llvm::formatv("{0:f2}", plan->arenaBytes / 1048576.0)));
  }
  compiler.startPhase("writing " + output);
  TimingScope writeTiming = timing.nest("write artifact");
  if (llvm::Error error =
          plan ? fpx::driver::writeGPUArtifact(output, *plan, *signature,
                                               weights)
               : fpx::driver::writeArtifact(output, *module, *signature,
                                            weights))
    return fail(toString(std::move(error)));
  writeTiming.stop();
  compiler.startPhase("done");
  return 0;
}
