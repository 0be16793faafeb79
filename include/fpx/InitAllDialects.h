//===- InitAllDialects.h - Register FPX and upstream dialects -----*- C++ -*-===//

#ifndef FPX_INITALLDIALECTS_H
#define FPX_INITALLDIALECTS_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace fpx {
/// FPX's dialects plus the upstream dialects (and their interface models)
/// that FPX pipelines and users need.
void registerAllDialects(mlir::DialectRegistry &registry);
} // namespace fpx

#endif // FPX_INITALLDIALECTS_H
