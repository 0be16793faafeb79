//===- InitAllPasses.h - Register FPX and upstream passes ---------*- C++ -*-===//

#ifndef FPX_INITALLPASSES_H
#define FPX_INITALLPASSES_H

namespace fpx {
/// FPX's passes and pipelines plus the upstream passes users need.
void registerAllPasses();
} // namespace fpx

#endif // FPX_INITALLPASSES_H
