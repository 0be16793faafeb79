//===- Epilogue.h - Scalar epilogue code shared by lowerings ------*- C++ -*-===//

#ifndef FPX_CONVERSION_UTILS_EPILOGUE_H
#define FPX_CONVERSION_UTILS_EPILOGUE_H

#include "fpx/Dialect/FPx/IR/FPx.h"

#include "mlir/IR/Builders.h"

namespace fpx {

/// `activation(x)` on a float scalar, in x's type (the CPU reference and the
/// GPU kernels compute it the same way, in f32).
mlir::Value emitActivation(mlir::OpBuilder &b, mlir::Location loc,
                           Activation activation, mlir::Value x);

/// extf/truncf `value` to the float type `to` (no-op when equal).
mlir::Value castFloat(mlir::OpBuilder &b, mlir::Location loc,
                      mlir::Value value, mlir::Type to);

} // namespace fpx

#endif // FPX_CONVERSION_UTILS_EPILOGUE_H
