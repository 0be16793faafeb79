//===- stablehlo-fuzzer.cpp - libFuzzer target for the StableHLO frontend -===//
//
// Parses the input as MLIR text with the stablehlo, chlo and func dialects
// (the form JAX prints) and, when it parses and verifies, runs
// --convert-stablehlo-to-linalg on it, as fpx-compile does. Any outcome but
// a crash, a sanitizer report or a hang is fine: errors are expected.
//
//===----------------------------------------------------------------------===//

#include "fpx/Frontend/StableHLO/IR/CHLO.h"
#include "fpx/Frontend/StableHLO/IR/StableHLO.h"
#include "fpx/Frontend/StableHLO/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <cstddef>
#include <cstdint>

using namespace mlir;

// LLVM's headers poison and unpoison BumpPtrAllocator slabs by hand when
// compiled with AddressSanitizer, but libLLVM/libMLIR are not: memory our
// instrumented inline code poisons is then handed out by their code without
// being unpoisoned (false "use-after-poison"). Manual poisoning is therefore
// off; ASan's own redzones and checks stay on.
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static DialectRegistry *registry = [] {
    auto *r = new DialectRegistry;
    r->insert<func::FuncDialect, fpx::stablehlo::StableHLODialect,
              fpx::chlo::CHLODialect>();
    return r;
  }();
  // A fresh context per input: uniqued types and attributes of one input
  // must not make another behave differently (or grow memory forever).
  // One thread, so that a report points at the code that failed.
  MLIRContext context(*registry, MLIRContext::Threading::DISABLED);
  context.printOpOnDiagnostic(false);
  ScopedDiagnosticHandler quiet(&context,
                                [](Diagnostic &) { return success(); });

  // Read as fpx-compile reads a file: a copy ending in a NUL, which MLIR's
  // lexer relies on (libFuzzer's buffer has no byte past the input).
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(data), size),
          "fuzz"),
      llvm::SMLoc());
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&context));
  if (!module)
    return 0;
  PassManager pm(&context);
  pm.addPass(fpx::createConvertStableHLOToLinalg());
  (void)pm.run(*module);
  return 0;
}
