//===- Passes.h - Fusion planning passes --------------------------*- C++ -*-===//

#ifndef FPX_DIALECT_FUSION_TRANSFORMS_PASSES_H
#define FPX_DIALECT_FUSION_TRANSFORMS_PASSES_H

#include "fpx/Dialect/Fusion/IR/Fusion.h"
#include "mlir/Pass/Pass.h"

namespace fpx::fusion {

#define GEN_PASS_DECL
#include "fpx/Dialect/Fusion/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "fpx/Dialect/Fusion/Transforms/Passes.h.inc"

} // namespace fpx::fusion

#endif // FPX_DIALECT_FUSION_TRANSFORMS_PASSES_H
