//===- KernelModule.cpp - The gpu.module that holds FPX's kernels ---------===//

#include "fpx/Conversion/Utils/KernelModule.h"

using namespace mlir;

static constexpr llvm::StringLiteral kKernelModule = "fpx_kernels";

gpu::GPUModuleOp fpx::getOrCreateKernelModule(ModuleOp module) {
  if (auto kernels = module.lookupSymbol<gpu::GPUModuleOp>(kKernelModule))
    return kernels;
  OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
  module->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                  builder.getUnitAttr());
  return gpu::GPUModuleOp::create(builder, module.getLoc(), kKernelModule);
}

std::string fpx::uniqueKernelName(gpu::GPUModuleOp kernels, StringRef base,
                                  ArrayRef<StringRef> suffixes) {
  for (unsigned i = 0;; ++i) {
    std::string name = (base + "_" + Twine(i)).str();
    if (kernels.lookupSymbol(name) ||
        llvm::any_of(suffixes, [&](StringRef suffix) {
          return kernels.lookupSymbol(name + suffix.str());
        }))
      continue;
    return name;
  }
}

llvm::StringRef fpx::getObjectFileExtension(gpu::ObjectAttr object) {
  if (object.getFormat() == gpu::CompilationTarget::Assembly)
    return ".ptx";
  if (object.getFormat() == gpu::CompilationTarget::Fatbin)
    return ".fatbin";
  return ".cubin";
}

llvm::json::Value fpx::attributeToJSON(Attribute attr) {
  if (auto b = dyn_cast<BoolAttr>(attr))
    return b.getValue();
  if (auto i = dyn_cast<IntegerAttr>(attr))
    return i.getInt();
  if (auto f = dyn_cast<FloatAttr>(attr))
    return f.getValueAsDouble();
  if (auto s = dyn_cast<StringAttr>(attr))
    return s.str();
  std::string text;
  llvm::raw_string_ostream os(text);
  attr.print(os);
  return text;
}

std::string fpx::printType(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

void fpx::emitDependentLaunchStart(OpBuilder &builder, Location loc) {
  NVVM::GriddepcontrolOp::create(builder, loc,
                                 NVVM::GridDepActionKind::launch_dependents);
  NVVM::GriddepcontrolOp::create(builder, loc, NVVM::GridDepActionKind::wait);
}
