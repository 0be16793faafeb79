//===- fpx-import-onnx.cpp - ONNX model to MLIR ---------------------------===//
//
// fpx-import-onnx model.onnx [--input-shape name=1x16]... [-o out.mlir]
//
// Imports an ONNX model into func + linalg/tensor/arith/math on tensors.
//
//===----------------------------------------------------------------------===//

#include "fpx/Frontend/ONNX/Import.h"
#include "fpx/Frontend/ONNX/TestMain.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
namespace cl = llvm::cl;

// libLLVM registers hundreds of global options; --help shows these only.
// (MLIR's printing options, e.g. --mlir-print-local-scope, still work.)
static cl::OptionCategory importCategory("fpx-import-onnx options");

static cl::opt<std::string> modelPath(cl::Positional, cl::Required,
                                      cl::desc("<model.onnx>"),
                                      cl::cat(importCategory));

static cl::opt<std::string>
    outputPath("o", cl::init("-"), cl::desc("Output file (default: stdout)"),
               cl::value_desc("filename"), cl::cat(importCategory));

static cl::list<std::string> inputShapes(
    "input-shape",
    cl::desc("Concrete shape of a graph input, replacing its symbolic "
             "dimensions: name=1x16 (name= for a scalar); repeatable"),
    cl::value_desc("name=DIMS"), cl::cat(importCategory));

static cl::opt<std::string>
    functionName("function-name", cl::init("forward"),
                 cl::desc("Name of the function the graph becomes"),
                 cl::cat(importCategory));

static cl::opt<bool> printLocations(
    "print-locations", cl::init(true),
    cl::desc("Print op locations: the ONNX node and initializer names, which "
             "later passes read (e.g. fpx-quantize-weights skip=lm_head)"),
    cl::cat(importCategory));

static cl::opt<std::string>
    testDataDir("test-data-dir",
                cl::desc("Testing: also emit @main, which runs the function on "
                         "DIR/input_<i>.pb and prints, per result, its max abs "
                         "difference from DIR/output_<i>.pb"),
                cl::value_desc("DIR"), cl::cat(importCategory));

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  cl::HideUnrelatedOptions(importCategory);
  cl::ParseCommandLineOptions(argc, argv, "FPX ONNX importer\n");

  fpx::ONNXImportOptions options;
  options.functionName = functionName;
  for (const std::string &spec : inputShapes) {
    std::string error;
    if (!fpx::parseONNXInputShape(spec, options, error)) {
      llvm::errs() << "fpx-import-onnx: --input-shape: " << error << "\n";
      return 1;
    }
  }

  MLIRContext context;
  // Messages name the node, file or tensor themselves; the model path tells
  // which invocation failed.
  ScopedDiagnosticHandler handler(&context, [](Diagnostic &diag) {
    llvm::errs() << modelPath << ": "
                 << (diag.getSeverity() == DiagnosticSeverity::Error
                         ? "error"
                         : "warning")
                 << ": " << diag << "\n";
    for (const Diagnostic &note : diag.getNotes())
      llvm::errs() << modelPath << ": note: " << note << "\n";
    return success();
  });

  FailureOr<OwningOpRef<ModuleOp>> module =
      fpx::importONNXModel(&context, modelPath, options);
  if (failed(module))
    return 1;
  if (!testDataDir.empty() &&
      failed(fpx::addONNXTestMain(**module, functionName, testDataDir)))
    return 1;

  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputPath, &error);
  if (!output) {
    llvm::errs() << "fpx-import-onnx: " << error << "\n";
    return 1;
  }
  OpPrintingFlags flags;
  if (printLocations)
    flags.enableDebugInfo();
  (*module)->print(output->os(), flags);
  output->keep();
  return 0;
}
