//===- onnx-fuzzer.cpp - libFuzzer target for the ONNX frontend -----------===//
//
// Imports the input as the bytes of an ONNX ModelProto, as fpx-compile and
// fpx-import-onnx do with a .onnx file. Any outcome but a crash, a
// sanitizer report or a hang is fine: errors are expected.
//
//===----------------------------------------------------------------------===//

#include "fpx/Frontend/ONNX/Import.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>

using namespace mlir;

// Manual poisoning off: see stablehlo-fuzzer.cpp.
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A fresh context per input (see stablehlo-fuzzer.cpp).
  MLIRContext context(MLIRContext::Threading::DISABLED);
  ScopedDiagnosticHandler quiet(&context,
                                [](Diagnostic &) { return success(); });

  fpx::ONNXImportOptions options;
  // The seeds' symbolic dimensions (the real exports' batch and sequence)
  // get sizes, so that mutants of them reach the op converters.
  options.inputShapes["input_ids"] = {1, 4};
  // External data is looked up next to a model that does not exist: a
  // mutant naming a file gets the missing-file error, and never reads
  // what happens to lie around.
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  (void)fpx::importONNXModelFromBytes(
      &context, bytes, "/nonexistent-fpx-fuzz/model.onnx", options);
  return 0;
}
