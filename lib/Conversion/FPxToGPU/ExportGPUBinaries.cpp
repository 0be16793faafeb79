//===- ExportGPUBinaries.cpp - Write kernels and launch facts to files -----===//

#include "fpx/Conversion/Passes.h"
#include "fpx/Conversion/Utils/KernelModule.h"
#include "fpx/Dialect/FPx/IR/FPx.h"
#include "fpx/Dialect/Fusion/IR/Fusion.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace fpx {
#define GEN_PASS_DEF_FPXEXPORTGPUBINARIES
#include "fpx/Conversion/Passes.h.inc"
} // namespace fpx

using namespace mlir;
using namespace fpx;

namespace {

LogicalResult writeFile(Operation *op, StringRef path, StringRef contents) {
  std::error_code error;
  llvm::raw_fd_ostream os(path, error, llvm::sys::fs::OF_None);
  if (error)
    return op->emitError() << "cannot write '" << path << "': "
                           << error.message();
  os << contents;
  return success();
}

/// The op's `fpx.launch` facts and its location, if it has them.
std::optional<llvm::json::Object> launchEntry(Operation *op) {
  auto launch = op->getAttrOfType<DictionaryAttr>("fpx.launch");
  if (!launch)
    return std::nullopt;
  llvm::json::Object entry;
  for (NamedAttribute attr : launch)
    entry[attr.getName().getValue()] = attributeToJSON(attr.getValue());
  std::string loc;
  llvm::raw_string_ostream os(loc);
  op->getLoc().print(os);
  entry["location"] = loc;
  return entry;
}

struct ExportGPUBinariesPass
    : public fpx::impl::FPxExportGPUBinariesBase<ExportGPUBinariesPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (std::error_code error = llvm::sys::fs::create_directories(directory)) {
      module.emitError() << "cannot create '" << directory
                         << "': " << error.message();
      return signalPassFailure();
    }
    llvm::json::Object manifest;
    llvm::json::Object binaries;
    WalkResult result = module.walk([&](gpu::BinaryOp binary) {
      for (Attribute attr : binary.getObjects()) {
        auto object = cast<gpu::ObjectAttr>(attr);
        std::string file =
            (binary.getSymName() + getObjectFileExtension(object)).str();
        SmallString<128> path(directory);
        llvm::sys::path::append(path, file);
        if (failed(writeFile(binary, path, object.getObject().getValue())))
          return WalkResult::interrupt();
        binaries[binary.getSymName()] = file;
      }
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      return signalPassFailure();

    llvm::json::Array gemms;
    module.walk([&](QMatmulOp op) {
      std::optional<llvm::json::Object> launch = launchEntry(op);
      if (!launch)
        return;
      llvm::json::Object &entry = *launch;
      PackingAttr packing = op.getPacking();
      entry["format"] = stringifyFloatFormatKind(packing.getFormat()).str();
      entry["n"] = packing.getRows();
      entry["k"] = packing.getCols();
      entry["num_words"] = packing.getNumWords();
      entry["group_size"] = packing.getGroupSize();
      entry["activation_type"] = printType(op.getInput().getType().getElementType());
      entry["result_type"] = printType(op.getType().getElementType());
      entry["has_bias"] = static_cast<bool>(op.getBias());
      entry["activation"] = stringifyActivation(op.getActivation()).str();
      gemms.push_back(std::move(entry));
    });
    llvm::json::Array fusions;
    module.walk([&](fusion::GroupOp group) {
      std::optional<llvm::json::Object> launch = launchEntry(group);
      if (!launch)
        return;
      llvm::json::Object &entry = *launch;
      auto describe = [](TypeRange types) {
        llvm::json::Array array;
        for (Type type : types) {
          auto shaped = cast<ShapedType>(type);
          array.push_back(llvm::json::Object{
              {"shape", llvm::json::Array(shaped.getShape())},
              {"dtype", printType(shaped.getElementType())}});
        }
        return array;
      };
      entry["inputs"] = describe(group.getInputs().getTypes());
      entry["results"] = describe(group.getResultTypes());
      // (fpx-gpu-dependent-launch made the kernel wait for the one before.)
      entry["dependent_launch"] = module->hasAttr(kDependentLaunchAttrName);
      fusions.push_back(std::move(entry));
    });
    manifest["binaries"] = std::move(binaries);
    manifest["fusions"] = std::move(fusions);
    manifest["gemms"] = std::move(gemms);

    SmallString<128> path(directory);
    llvm::sys::path::append(path, "manifest.json");
    std::string text;
    llvm::raw_string_ostream os(text);
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(manifest)));
    if (failed(writeFile(module, path, text)))
      signalPassFailure();
  }
};

} // namespace
