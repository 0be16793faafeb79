//===- TestMain.h - Run an imported graph on ONNX test data -----*- C++ -*-===//
//
// Test support for the ONNX importer: builds a `main` that runs the imported
// function on the inputs of an ONNX test-data directory and prints how far
// each result is from the expected output, so a lit test can run an imported
// model under mlir-runner and check the numbers with FileCheck.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_FRONTEND_ONNX_TESTMAIN_H
#define FPX_FRONTEND_ONNX_TESTMAIN_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

namespace fpx {

/// Adds `func.func @main()` to `module`. `dataDir` is laid out as ONNX's own
/// node tests are: `input_<i>.pb` and `output_<i>.pb`, one TensorProto per
/// argument and per result of the function `entry`. `main` calls `entry` on
/// the inputs as constants and prints, for each result i,
///   output <i> max-abs-diff: <max |result - expected| as f64>
/// Types and shapes must match exactly; errors are emitted on the module.
/// `entry` becomes private: @main is the program's entry point.
mlir::LogicalResult addONNXTestMain(mlir::ModuleOp module,
                                    llvm::StringRef entry,
                                    llvm::StringRef dataDir);

} // namespace fpx

#endif // FPX_FRONTEND_ONNX_TESTMAIN_H
