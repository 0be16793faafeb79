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
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>

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

/// Sets the fields a configuration dictionary (an op's `fpx.gemm_config` or
/// a tuning-table entry) names.
void applyConfig(DictionaryAttr fixed, GemmKernelConfig &config) {
  auto get = [&](StringRef key, unsigned &field) {
    if (auto v = fixed.getAs<IntegerAttr>(key))
      field = v.getInt();
  };
  get("warps", config.warps);
  get("token_tiles", config.tokenTiles);
  get("split_k", config.splitK);
  get("stages", config.stages);
  get("row_tiles", config.rowTilesPerWarpgroup);
  get("blocks_per_stage", config.blocksPerStage);
  // A layout named explicitly replaces whichever the cost model chose.
  if (auto v = fixed.getAs<BoolAttr>("warpgroup_mma")) {
    config.warpgroupMma = v.getValue();
    if (config.warpgroupMma)
      config.warpsAlongN = config.dequantToShared = config.dequantThenDense =
          false;
  }
  if (auto v = fixed.getAs<BoolAttr>("warps_along_n"))
    config.warpsAlongN = v.getValue();
  if (auto v = fixed.getAs<BoolAttr>("dequant_to_shared"))
    config.dequantToShared = v.getValue();
  if (auto v = fixed.getAs<BoolAttr>("dequant_then_dense"))
    config.dequantThenDense = v.getValue();
}

/// Measured best configurations (python/fpx/bench_gemm.py `table`):
/// {"device": ..., "entries": [{"n", "k", "format", "m", "us", "config":
/// {"warps", "token_tiles", "split_k", "stages", "warps_along_n"}}]}: fused
/// kernel configurations (no dequantize-then-dense) measured on a device.
class TuningTable {
public:
  LogicalResult load(StringRef path, ModuleOp module) {
    if (path.empty())
      return success();
    auto buffer = llvm::MemoryBuffer::getFile(path);
    if (!buffer)
      return module.emitError() << "fpx-gpu-gemm-kernels: cannot read tuning "
                                   "table '"
                                << path << "': " << buffer.getError().message();
    llvm::Expected<llvm::json::Value> json =
        llvm::json::parse((*buffer)->getBuffer());
    if (!json)
      return module.emitError()
             << "fpx-gpu-gemm-kernels: tuning table '" << path
             << "' is not JSON: " << llvm::toString(json.takeError());
    const llvm::json::Array *list =
        json->getAsObject() ? json->getAsObject()->getArray("entries")
                            : nullptr;
    if (!list)
      return module.emitError() << "fpx-gpu-gemm-kernels: tuning table '"
                                << path << "' has no \"entries\" array";
    Builder b(module.getContext());
    for (auto [i, item] : llvm::enumerate(*list)) {
      const llvm::json::Object *entry = item.getAsObject();
      auto n = entry ? entry->getInteger("n") : std::nullopt;
      auto k = entry ? entry->getInteger("k") : std::nullopt;
      auto m = entry ? entry->getInteger("m") : std::nullopt;
      auto format = entry ? entry->getString("format") : std::nullopt;
      const llvm::json::Object *fields =
          entry ? entry->getObject("config") : nullptr;
      if (!n || !k || !m || !format || !fields)
        return module.emitError()
               << "fpx-gpu-gemm-kernels: tuning table '" << path << "' entry "
               << i << " needs integer n, k, m, a string format and a config "
                       "object";
      SmallVector<NamedAttribute> attrs;
      for (StringRef key : {"warps", "token_tiles", "split_k", "stages",
                            "row_tiles", "blocks_per_stage"})
        if (auto v = fields->getInteger(key)) {
          if (*v <= 0)
            return module.emitError()
                   << "fpx-gpu-gemm-kernels: tuning table '" << path
                   << "' entry " << i << ": " << key << " must be positive";
          attrs.push_back(b.getNamedAttr(key, b.getI64IntegerAttr(*v)));
        }
      for (StringRef key : {"warps_along_n", "warpgroup_mma"})
        if (auto v = fields->getBoolean(key))
          attrs.push_back(b.getNamedAttr(key, b.getBoolAttr(*v)));
      // Entries are fused-kernel configurations measured by the sweep.
      attrs.push_back(b.getNamedAttr("dequant_to_shared", b.getBoolAttr(false)));
      attrs.push_back(b.getNamedAttr("dequant_then_dense", b.getBoolAttr(false)));
      entries[{*n, *k, format->str()}].push_back(
          {*m, b.getDictionaryAttr(attrs)});
    }
    return success();
  }

  /// The entry measured at exactly this M: on the H100, a configuration
  /// tuned for 16 tokens applied to 32 was slower than the cost model's.
  DictionaryAttr lookup(PackingAttr packing, int64_t m) const {
    auto it = entries.find({packing.getRows(), packing.getCols(),
                            stringifyFloatFormatKind(packing.getFormat()).str()});
    if (it == entries.end())
      return {};
    for (const auto &[tableM, config] : it->second)
      if (tableM == m)
        return config;
    return {};
  }

private:
  std::map<std::tuple<int64_t, int64_t, std::string>,
           std::vector<std::pair<int64_t, DictionaryAttr>>>
      entries;
};

struct GemmKernelsPass
    : public fpx::impl::FPxGPUGemmKernelsBase<GemmKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<QMatmulOp> ops;
    module.walk([&](QMatmulOp op) { ops.push_back(op); });
    // (A table that cannot be read is an error even without GEMMs.)
    OpBuilder builder(module.getContext());
    TuningTable table;
    if (failed(table.load(tuningTable, module)))
      return signalPassFailure();
    if (ops.empty())
      return;
    gpu::GPUModuleOp kernels = getOrCreateKernelModule(module);
    DeviceDescription device = DeviceDescription::h100();
    device.warpgroupMma = chip == "sm_90a";
    if (weightsReadOnly && !dependentLaunch) {
      module.emitError() << "fpx-gpu-gemm-kernels: weights-read-only only "
                            "applies with dependent-launch=true";
      return signalPassFailure();
    }
    if (dependentLaunch && !supportsDependentLaunch(chip)) {
      module.emitError() << "fpx-gpu-gemm-kernels: dependent-launch needs "
                            "sm_90 or later (griddepcontrol), got chip="
                         << chip;
      return signalPassFailure();
    }
    if (warpSplit == "wgmma" && !device.warpgroupMma) {
      module.emitError() << "fpx-gpu-gemm-kernels: warp-split=wgmma needs "
                            "chip=sm_90a (wgmma is an sm_90a instruction), "
                            "got chip="
                         << chip;
      return signalPassFailure();
    }
    // The layout the options force on every op, if any.
    std::optional<GemmLayout> forcedByOptions;
    if (warpSplit != "auto") {
      forcedByOptions =
          llvm::StringSwitch<std::optional<GemmLayout>>(warpSplit)
              .Case("k", GemmLayout::SplitK)
              .Case("n", GemmLayout::SplitN)
              .Case("shared", GemmLayout::DequantToShared)
              .Case("dense", GemmLayout::DequantThenDense)
              .Case("wgmma", GemmLayout::WarpgroupMma)
              .Default(std::nullopt);
      if (!forcedByOptions) {
        module.emitError() << "fpx-gpu-gemm-kernels: warp-split must be auto, "
                              "k, n, shared, dense or wgmma, got '"
                           << warpSplit << "'";
        return signalPassFailure();
      }
    }
    // Explicit warps, token tiles, split-K or stages only fit the kernels
    // whose warps split K or N.
    if (!forcedByOptions && (warps || tokenTiles || splitK || stages))
      forcedByOptions = GemmLayout::SplitK;

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
      std::optional<GemmLayout> forced = forcedByOptions;
      GemmKernelConfig config =
          chooseGemmConfig(device, op.getPacking(), act, res, m, forced);
      config.hasBias = static_cast<bool>(op.getBias());
      config.activation = op.getActivation();
      // A measured best configuration from the tuning table beats the cost
      // model (unless a layout is forced); explicit options beat the table,
      // and a per-op choice wins over all.
      DictionaryAttr tuned = forced ? DictionaryAttr()
                                    : table.lookup(op.getPacking(), m);
      // (An entry measured with wgmma needs an sm_90a target.)
      auto wgmmaEntry =
          tuned ? tuned.getAs<BoolAttr>("warpgroup_mma") : BoolAttr();
      if (wgmmaEntry && wgmmaEntry.getValue() && !device.warpgroupMma) {
        if (reportEstimates)
          op.emitRemark() << "tuning table entry for M = " << m
                          << " needs chip=sm_90a (wgmma); using the cost "
                             "model";
        tuned = DictionaryAttr();
      }
      if (tuned)
        applyConfig(tuned, config);
      if (warps)
        config.warps = warps;
      if (tokenTiles)
        config.tokenTiles = tokenTiles;
      if (splitK)
        config.splitK = splitK;
      if (stages)
        config.stages = stages;
      if (rowTiles)
        config.rowTilesPerWarpgroup = rowTiles;
      if (blocksPerStage)
        config.blocksPerStage = blocksPerStage;
      if (auto fixed = op->getAttrOfType<DictionaryAttr>("fpx.gemm_config"))
        applyConfig(fixed, config);
      if (reportEstimates)
        op.emitRemark() << "GEMM for M = " << m << ": "
                        << (config.dequantThenDense  ? "dequantize + dense"
                            : config.warpgroupMma    ? "wgmma"
                            : config.dequantToShared ? "shared"
                            : config.warpsAlongN     ? "N-split"
                                                     : "K-split")
                        << (config.warpgroupMma
                                ? ", " + std::to_string(
                                             config.rowTilesPerWarpgroup) +
                                      " row tiles per warpgroup"
                                : std::string())
                        << ", " << config.warps << " warps, "
                        << config.tokensPerCTA() << " tokens per CTA, split-K "
                        << config.splitK << ", " << config.stages
                        << " stages" << (tuned ? " (tuning table)" : "")
                        << "; estimated "
                        << estimateGemmMicros(device, config, m) << " us";
      config.foldScale = assumeScalesFit || foldedScalesFit(op, config);
      config.dependentLaunch = dependentLaunch;
      config.weightsReadOnly =
          dependentLaunch &&
          (weightsReadOnly || (matchPattern(op.getWords(), m_Constant()) &&
                               matchPattern(op.getScales(), m_Constant())));
      if (forced) {
        GemmLayout chosen = config.dequantThenDense ? GemmLayout::DequantThenDense
                            : config.warpgroupMma ? GemmLayout::WarpgroupMma
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
        if (fallback) {
          if (reportEstimates)
            op.emitRemark() << "no Tensor Core GEMM (" << message
                            << "); left for the generic lowering";
          continue;
        }
        op.emitOpError() << "cannot run on the GPU: " << message;
        return signalPassFailure();
      }

      std::string name =
          uniqueKernelName(kernels, "qmatmul", {"_dequant", "_reduce"});
      if (failed(buildGemmKernels(builder, op.getLoc(), kernels, name, config,
                                  device)))
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
          builder.getNamedAttr("dependent_launch",
                               builder.getBoolAttr(config.dependentLaunch)),
          // (Weights fetched before waiting for the previous kernel: no
          // kernel may write them.)
          builder.getNamedAttr("weights_read_only",
                               builder.getBoolAttr(config.weightsReadOnly)),
          builder.getNamedAttr("dynamic_shared_bytes",
                               builder.getI64IntegerAttr(config.sharedBytes()))};
      if (config.splitK > 1 ||
          (config.dequantThenDense && needsDenseEpilogue(config)))
        launch.push_back(builder.getNamedAttr(
            "reduce_kernel", builder.getStringAttr(name + "_reduce")));
      if (config.dequantThenDense)
        launch.push_back(builder.getNamedAttr(
            "dequant_kernel", builder.getStringAttr(name + "_dequant")));
      if (config.warpgroupMma) {
        launch.push_back(
            builder.getNamedAttr("warpgroup_mma", builder.getBoolAttr(true)));
        launch.push_back(builder.getNamedAttr(
            "row_tiles",
            builder.getI64IntegerAttr(config.rowTilesPerWarpgroup)));
        launch.push_back(builder.getNamedAttr(
            "blocks_per_stage",
            builder.getI64IntegerAttr(config.blocksPerStage)));
      }
      op->setAttr("fpx.launch", builder.getDictionaryAttr(launch));
    }
  }
};
} // namespace
