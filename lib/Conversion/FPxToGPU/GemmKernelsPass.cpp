//===- GemmKernelsPass.cpp - Generate GEMM kernels for fpx.qmatmul ---------===//

#include "fpx/Conversion/FPxToGPU/GemmKernel.h"
#include "fpx/Conversion/Passes.h"
#include "fpx/Conversion/Utils/KernelModule.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"

namespace fpx {
#define GEN_PASS_DEF_FPXGPUGEMMKERNELS
#include "fpx/Conversion/Passes.h.inc"
} // namespace fpx

using namespace mlir;
using namespace fpx;

namespace {

/// True when the scales are constants whose values, times the exponent-bias
/// factor, stay finite in the activation type, so one multiply per pair can
/// do both. Scales known only at run time get two multiplies.
bool foldedScalesFit(QMatmulOp op, const GemmKernelConfig &config) {
  DenseElementsAttr scales;
  if (!matchPattern(op.getScales(), m_Constant(&scales)))
    return false;
  double factor = getExponentBiasFactor(config);
  auto floatType = cast<FloatType>(config.activationType);
  double largest = APFloat::getLargest(floatType.getFloatSemantics())
                       .convertToDouble();
  for (APFloat scale : scales.getValues<APFloat>()) {
    bool losesInfo = false;
    scale.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
    if (std::abs(scale.convertToDouble()) * factor > largest)
      return false;
  }
  return true;
}

struct GemmKernelsPass
    : public fpx::impl::FPxGPUGemmKernelsBase<GemmKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<QMatmulOp> ops;
    module.walk([&](QMatmulOp op) { ops.push_back(op); });
    if (ops.empty())
      return;

    OpBuilder builder(module.getContext());
    gpu::GPUModuleOp kernels = getOrCreateKernelModule(module);
    DeviceDescription device = DeviceDescription::h100();

    for (QMatmulOp op : ops) {
      auto inputType = op.getInput().getType();
      int64_t m = 1;
      for (int64_t dim : inputType.getShape().drop_back())
        m = ShapedType::isDynamic(dim) || ShapedType::isDynamic(m)
                ? ShapedType::kDynamic
                : m * dim;
      if (ShapedType::isDynamic(m))
        m = defaultM;
      Type act = inputType.getElementType();
      Type res = op.getType().getElementType();
      if (warpSplit != "auto" && warpSplit != "k" && warpSplit != "n" &&
          warpSplit != "shared" && warpSplit != "dense") {
        module.emitError() << "fpx-gpu-gemm-kernels: warp-split must be auto, "
                              "k, n, shared or dense, got '"
                           << warpSplit << "'";
        return signalPassFailure();
      }
      std::optional<GemmLayout> forced;
      if (warpSplit == "k")
        forced = GemmLayout::SplitK;
      else if (warpSplit == "n")
        forced = GemmLayout::SplitN;
      else if (warpSplit == "shared")
        forced = GemmLayout::DequantToShared;
      else if (warpSplit == "dense")
        forced = GemmLayout::DequantThenDense;
      // Explicit warps, token tiles, split-K or stages only fit the kernels
      // whose warps split K or N.
      if (!forced && (warps || tokenTiles || splitK || stages))
        forced = GemmLayout::SplitK;
      GemmKernelConfig config =
          chooseGemmConfig(device, op.getPacking(), act, res, m, forced);
      config.hasBias = static_cast<bool>(op.getBias());
      config.activation = op.getActivation();
      if (warps)
        config.warps = warps;
      if (tokenTiles)
        config.tokenTiles = tokenTiles;
      if (splitK)
        config.splitK = splitK;
      if (stages)
        config.stages = stages;
      // A per-op choice (e.g. from an autotuning run) wins over both.
      if (auto fixed = op->getAttrOfType<DictionaryAttr>("fpx.gemm_config")) {
        auto get = [&](StringRef key, unsigned &field) {
          if (auto v = fixed.getAs<IntegerAttr>(key))
            field = v.getInt();
        };
        get("warps", config.warps);
        get("token_tiles", config.tokenTiles);
        get("split_k", config.splitK);
        get("stages", config.stages);
        if (auto v = fixed.getAs<BoolAttr>("warps_along_n"))
          config.warpsAlongN = v.getValue();
        if (auto v = fixed.getAs<BoolAttr>("dequant_to_shared"))
          config.dequantToShared = v.getValue();
        if (auto v = fixed.getAs<BoolAttr>("dequant_then_dense"))
          config.dequantThenDense = v.getValue();
      }
      if (reportEstimates)
        op.emitRemark() << "GEMM for M = " << m << ": "
                        << (config.dequantThenDense  ? "dequantize + dense"
                            : config.dequantToShared ? "shared"
                            : config.warpsAlongN     ? "N-split"
                                                     : "K-split")
                        << ", " << config.warps << " warps, "
                        << config.tokensPerCTA() << " tokens per CTA, split-K "
                        << config.splitK << ", " << config.stages
                        << " stages; estimated "
                        << estimateGemmMicros(device, config, m) << " us";
      config.foldScale = assumeScalesFit || foldedScalesFit(op, config);
      if (forced) {
        GemmLayout chosen = config.dequantThenDense ? GemmLayout::DequantThenDense
                            : config.dequantToShared ? GemmLayout::DequantToShared
                            : config.warpsAlongN     ? GemmLayout::SplitN
                                                     : GemmLayout::SplitK;
        if (chosen != *forced)
          op.emitWarning() << "the requested warp split does not fit this "
                              "shape (too few K blocks to pipeline); using "
                              "warps that split K";
      }
      std::string message;
      if (failed(verifyGemmConfig(config, device, message))) {
        op.emitOpError() << "cannot run on the GPU: " << message;
        return signalPassFailure();
      }

      std::string name =
          uniqueKernelName(kernels, "qmatmul", {"_dequant", "_reduce"});
      if (failed(buildGemmKernels(builder, op.getLoc(), kernels, name, config)))
        return signalPassFailure();

      SmallVector<NamedAttribute> launch = {
          builder.getNamedAttr("kernel", builder.getStringAttr(name)),
          builder.getNamedAttr("dequant_then_dense",
                               builder.getBoolAttr(config.dequantThenDense)),
          builder.getNamedAttr("block_x",
                               builder.getI64IntegerAttr(32 * config.warps)),
          builder.getNamedAttr("grid_x",
                               builder.getI64IntegerAttr(config.gridX())),
          builder.getNamedAttr("split_k",
                               builder.getI64IntegerAttr(config.splitK)),
          builder.getNamedAttr("tokens_per_cta",
                               builder.getI64IntegerAttr(config.tokensPerCTA())),
          builder.getNamedAttr("stages",
                               builder.getI64IntegerAttr(config.stages)),
          builder.getNamedAttr("warps_along_n",
                               builder.getBoolAttr(config.warpsAlongN)),
          builder.getNamedAttr("dequant_to_shared",
                               builder.getBoolAttr(config.dequantToShared)),
          builder.getNamedAttr("fold_scale",
                               builder.getBoolAttr(config.foldScale)),
          builder.getNamedAttr("dynamic_shared_bytes",
                               builder.getI64IntegerAttr(config.sharedBytes()))};
      if (config.splitK > 1 ||
          (config.dequantThenDense && needsDenseEpilogue(config)))
        launch.push_back(builder.getNamedAttr(
            "reduce_kernel", builder.getStringAttr(name + "_reduce")));
      if (config.dequantThenDense)
        launch.push_back(builder.getNamedAttr(
            "dequant_kernel", builder.getStringAttr(name + "_dequant")));
      op->setAttr("fpx.launch", builder.getDictionaryAttr(launch));
    }
  }
};
} // namespace
