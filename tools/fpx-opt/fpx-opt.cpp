//===- fpx-opt.cpp - FPX optimizer driver -----------------------------------===//
//
// mlir-opt with FPX's dialects, passes and pipelines registered.
//
//===----------------------------------------------------------------------===//

#include "fpx/InitAllDialects.h"
#include "fpx/InitAllPasses.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  fpx::registerAllPasses();
  mlir::DialectRegistry registry;
  fpx::registerAllDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "FPX optimizer driver\n", registry));
}
