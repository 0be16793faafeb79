//===- Passes.h - FPx transformation passes -----------------------*- C++ -*-===//

#ifndef FPX_DIALECT_FPX_TRANSFORMS_PASSES_H
#define FPX_DIALECT_FPX_TRANSFORMS_PASSES_H

#include "fpx/Dialect/FPx/IR/FPx.h"
#include "mlir/Pass/Pass.h"

namespace fpx {

#define GEN_PASS_DECL
#include "fpx/Dialect/FPx/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "fpx/Dialect/FPx/Transforms/Passes.h.inc"

} // namespace fpx

#endif // FPX_DIALECT_FPX_TRANSFORMS_PASSES_H
