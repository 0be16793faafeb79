//===- InitAll.cpp - Register FPX and upstream dialects and passes ---------===//

#include "fpx/InitAllDialects.h"
#include "fpx/InitAllPasses.h"

#include "fpx/Conversion/Passes.h"
#include "fpx/Dialect/FPx/IR/FPx.h"
#include "fpx/Dialect/FPx/Transforms/Passes.h"
#include "fpx/Dialect/Fusion/IR/Fusion.h"
#include "fpx/Dialect/Fusion/Transforms/Passes.h"
#include "fpx/Dialect/Sparse/IR/Sparse.h"
#include "fpx/Frontend/StableHLO/IR/CHLO.h"
#include "fpx/Frontend/StableHLO/IR/StableHLO.h"
#include "fpx/Frontend/StableHLO/Transforms/Passes.h"
#include "fpx/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

void fpx::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<FPxDialect, sparse::SparseDialect, fusion::FusionDialect>();
  registry.insert<stablehlo::StableHLODialect, chlo::CHLODialect>();
  registerBufferizableOpInterfaceExternalModels(registry);
  // Upstream dialects and their external interface models (bufferization,
  // tiling, conversions to LLVM), so fpx-opt reads anything mlir-opt reads.
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  // gpu-module-to-binary translates kernels to LLVM IR in-process.
  mlir::registerAllToLLVMIRTranslations(registry);
}

void fpx::registerAllPasses() {
  mlir::registerAllPasses();
  registerFPxPasses();
  fusion::registerFusionPasses();
  registerFPxConversionPasses();
  registerStableHLOPasses();
  registerPipelines();
}
