//===- Passes.h - StableHLO frontend passes ---------------------*- C++ -*-===//

#ifndef FPX_FRONTEND_STABLEHLO_TRANSFORMS_PASSES_H
#define FPX_FRONTEND_STABLEHLO_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace fpx {

#define GEN_PASS_DECL
#include "fpx/Frontend/StableHLO/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "fpx/Frontend/StableHLO/Transforms/Passes.h.inc"

} // namespace fpx

#endif // FPX_FRONTEND_STABLEHLO_TRANSFORMS_PASSES_H
