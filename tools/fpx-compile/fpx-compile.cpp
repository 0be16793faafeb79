//===- fpx-compile.cpp - Compile a whole model to an FPX artifact ---------===//
//
//   fpx-compile model.mlir -o model.fpx [--quantize=fp6] [--skip=lm_head]
//
// Reads a model as MLIR text (StableHLO as JAX prints it, or func/linalg on
// tensors), quantizes its matmul weights, lowers it for the CPU and writes
// the artifact folder fpx-run loads (docs/Drivers.md). --emit=mlir or
// --emit=llvm print an intermediate module instead.
//
//===----------------------------------------------------------------------===//

#include "fpx/Driver/Artifact.h"
#include "fpx/Driver/Compile.h"
#include "fpx/InitAllDialects.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"

#include "llvm/Support/CommandLine.h"
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

cl::OptionCategory compileCategory("fpx-compile options");

cl::opt<std::string> inputFilename(cl::Positional, cl::desc("<model.mlir>"),
                                   cl::init("-"), cl::cat(compileCategory));

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

cl::opt<std::string> target("target",
                            cl::desc("Target: cpu (cuda is not supported yet)"),
                            cl::init("cpu"), cl::cat(compileCategory));

cl::opt<EmitKind>
    emit("emit", cl::desc("What to produce"), cl::init(EmitKind::Artifact),
         cl::values(clEnumValN(EmitKind::Mlir, "mlir",
                               "the module on tensors, after frontend lowering "
                               "and quantization"),
                    clEnumValN(EmitKind::Llvm, "llvm",
                               "the module lowered to the LLVM dialect (the "
                               "artifact's module.mlir)"),
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
      "FPX model compiler: StableHLO or linalg model -> CPU artifact\n\n"
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
  if (llvm::Error error = fpx::driver::checkTarget(target))
    return fail(toString(std::move(error)));
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
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(input), llvm::SMLoc());
  // Diagnostics print with the file, line and column of the op concerned.
  SourceMgrDiagnosticHandler diagnosticHandler(sourceMgr, &context);

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

  compiler.startPhase("parsing " + inputFilename);
  TimingScope parseTiming = timing.nest("parse");
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&context));
  parseTiming.stop();
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
  // Collected on tensors: after lowering, constants are LLVM globals.
  fpx::driver::ArtifactWeights weights;
  if (emit == EmitKind::Artifact)
    weights = fpx::driver::collectWeights(*module);
  if (failed(compiler.lowerToLLVM(*module)))
    return 1;
  if (emit == EmitKind::Llvm)
    return printModule(*module, output);

  compiler.startPhase("writing " + output);
  TimingScope writeTiming = timing.nest("write artifact");
  if (llvm::Error error =
          fpx::driver::writeArtifact(output, *module, *signature, weights))
    return fail(toString(std::move(error)));
  writeTiming.stop();
  compiler.startPhase("done");
  return 0;
}
