//===- FPxDialect.cpp - FPx dialect and attributes -------------------------===//

#include "fpx/Dialect/FPx/IR/FPx.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace fpx;

#include "fpx/Dialect/FPx/IR/FPxEnums.cpp.inc"
#include "fpx/Dialect/FPx/IR/FPxOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "fpx/Dialect/FPx/IR/FPxAttributes.cpp.inc"

void FPxDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "fpx/Dialect/FPx/IR/FPxAttributes.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "fpx/Dialect/FPx/IR/FPxOps.cpp.inc"
      >();
}

Operation *FPxDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  if (auto elements = dyn_cast<DenseElementsAttr>(value))
    if (elements.getType() == type)
      return arith::ConstantOp::create(builder, loc, type, elements);
  return nullptr;
}

LogicalResult FPxDialect::verifyRegionArgAttribute(Operation *op,
                                                   unsigned regionIndex,
                                                   unsigned argIndex,
                                                   NamedAttribute attribute) {
  if (attribute.getName() != "fpx.weight")
    return op->emitError() << "unknown fpx argument attribute '"
                           << attribute.getName().getValue()
                           << "'; did you mean 'fpx.weight'?";
  if (!isa<UnitAttr>(attribute.getValue()))
    return op->emitError() << "'fpx.weight' on argument #" << argIndex
                           << " takes no value; write {fpx.weight}";
  Type type = op->getRegion(regionIndex).getArgument(argIndex).getType();
  // Bufferization keeps the mark on the memref the tensor becomes.
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasRank() ||
      (shaped.getRank() != 2 && shaped.getRank() != 3) ||
      !isa<FloatType>(shaped.getElementType()))
    return op->emitError() << "'fpx.weight' marks a 2-D or batched 3-D float "
                              "weight, but argument #"
                           << argIndex << " is " << type;
  return success();
}

numerics::Format fpx::toNumericsFormat(FloatFormatKind kind) {
  switch (kind) {
  case FloatFormatKind::E3M2:
    return numerics::Format::E3M2;
  case FloatFormatKind::E2M3:
    return numerics::Format::E2M3;
  case FloatFormatKind::E2M2:
    return numerics::Format::E2M2;
  case FloatFormatKind::E2M1:
    return numerics::Format::E2M1;
  }
  llvm_unreachable("unknown float format");
}

FloatFormatKind fpx::fromNumericsFormat(numerics::Format format) {
  switch (format) {
  case numerics::Format::E3M2:
    return FloatFormatKind::E3M2;
  case numerics::Format::E2M3:
    return FloatFormatKind::E2M3;
  case numerics::Format::E2M2:
    return FloatFormatKind::E2M2;
  case numerics::Format::E2M1:
    return FloatFormatKind::E2M1;
  }
  llvm_unreachable("unknown float format");
}

numerics::PackedLayoutKind fpx::toNumericsLayout(PackedLayoutKind kind) {
  return kind == PackedLayoutKind::TcFpx ? numerics::PackedLayoutKind::TcFpx
                                         : numerics::PackedLayoutKind::RowMajor;
}

//===----------------------------------------------------------------------===//
// PackingAttr
//===----------------------------------------------------------------------===//

LogicalResult
PackingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                    FloatFormatKind format, int64_t rows, int64_t cols,
                    int64_t groupSize, PackedLayoutKind layout, unsigned blockN,
                    unsigned blockK) {
  if (rows <= 0 || cols <= 0)
    return emitError() << "packing needs a positive weight shape, got rows = "
                       << rows << ", cols = " << cols;
  if (groupSize < 0)
    return emitError() << "group_size must be 0 (one scale per output "
                          "channel) or positive, got "
                       << groupSize;
  if (layout == PackedLayoutKind::TcFpx &&
      !numerics::TcFpxBlock{blockN, blockK}.isValid())
    return emitError() << "tc_fpx block of " << blockN << "x" << blockK
                       << " fragments is invalid: block_n * block_k must be a "
                          "positive multiple of 16";
  return success();
}

numerics::FloatFormat PackingAttr::getFloatFormat() const {
  return numerics::getFloatFormat(toNumericsFormat(getFormat()));
}

numerics::PackedLayout PackingAttr::getNumericsLayout() const {
  return numerics::getPackedLayout(toNumericsLayout(getLayout()),
                                   getFloatFormat(), getRows(), getCols(),
                                   numerics::TcFpxBlock{getBlockN(), getBlockK()});
}

int64_t PackingAttr::getNumWords() const {
  return getNumericsLayout().numWords;
}

int64_t PackingAttr::getNumScaleGroups() const {
  return getGroupSize() == 0 ? 1
                             : (getCols() + getGroupSize() - 1) / getGroupSize();
}

SmallVector<int64_t> PackingAttr::getScaleShape() const {
  if (getGroupSize() == 0)
    return {getRows()};
  return {getRows(), getNumScaleGroups()};
}
