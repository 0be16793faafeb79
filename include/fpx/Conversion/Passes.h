//===- Passes.h - FPX conversion passes ---------------------------*- C++ -*-===//

#ifndef FPX_CONVERSION_PASSES_H
#define FPX_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"

namespace fpx {

#define GEN_PASS_DECL
#include "fpx/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "fpx/Conversion/Passes.h.inc"

} // namespace fpx

#endif // FPX_CONVERSION_PASSES_H
