//===- FPxOps.cpp - FPx operations ------------------------------------------===//

#include "fpx/Dialect/FPx/IR/FPx.h"
#include "fpx/Dialect/Common/LinearShapes.h"
#include "fpx/Numerics/Quantize.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace fpx;

/// Checks that `words` and `scales` have exactly the static shapes that
/// `packing` implies.
static LogicalResult verifyPackedOperands(Operation *op, PackingAttr packing,
                                          RankedTensorType wordsType,
                                          RankedTensorType scalesType) {
  int64_t numWords = packing.getNumWords();
  if (wordsType.getDimSize(0) != numWords)
    return op->emitOpError() << "expects " << numWords
                             << " packed words for " << packing
                             << ", got a tensor of "
                             << (wordsType.isDynamicDim(0)
                                     ? std::string("dynamic size")
                                     : std::to_string(wordsType.getDimSize(0)));
  SmallVector<int64_t> scaleShape = packing.getScaleShape();
  if (scalesType.getShape() != ArrayRef<int64_t>(scaleShape)) {
    auto diag = op->emitOpError() << "expects scales of shape [";
    llvm::interleaveComma(scaleShape, diag);
    diag << "] ("
         << (packing.getGroupSize() == 0 ? "one per output channel"
                                         : "output channels x K groups")
         << "), got " << scalesType;
    return diag;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// QuantizeOp
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::verify() {
  PackingAttr packing = getPacking();
  auto weightType = getWeight().getType();
  if (weightType.getRank() != 2 || weightType.getDimSize(0) != packing.getRows() ||
      weightType.getDimSize(1) != packing.getCols())
    return emitOpError() << "expects a weight of shape " << packing.getRows()
                         << "x" << packing.getCols()
                         << " (output channels x K) as the packing says, got "
                         << weightType;
  return verifyPackedOperands(*this, packing, getWords().getType(),
                              getScales().getType());
}

LogicalResult QuantizeOp::fold(FoldAdaptor adaptor,
                               SmallVectorImpl<OpFoldResult> &results) {
  auto weights = dyn_cast_if_present<DenseElementsAttr>(adaptor.getWeight());
  if (!weights)
    return failure();
  std::string error;
  auto constants = quantizeToAttributes(
      getPacking(), getValuesAsFloats(weights), getWords().getType(),
      getScales().getType(), &error);
  // Non-finite weights: leave the op for the runtime path to report.
  if (failed(constants))
    return failure();
  results.push_back(constants->first);
  results.push_back(constants->second);
  return success();
}

std::vector<float> fpx::getValuesAsFloats(DenseElementsAttr elements) {
  std::vector<float> values;
  values.reserve(elements.getNumElements());
  for (APFloat value : elements.getValues<APFloat>()) {
    bool losesInfo = false;
    value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
    values.push_back(value.convertToFloat());
  }
  return values;
}

FailureOr<std::pair<DenseElementsAttr, DenseElementsAttr>>
fpx::quantizeToAttributes(PackingAttr packing, ArrayRef<float> weights,
                          RankedTensorType wordsType,
                          RankedTensorType scalesType, std::string *error,
                          numerics::ScaleRule rule) {
  numerics::QuantizedMatrix quantized = numerics::quantize(
      weights.data(), packing.getRows(), packing.getCols(),
      toNumericsFormat(packing.getFormat()), packing.getGroupSize(), error,
      rule);
  if (!error->empty())
    return failure();
  std::vector<uint32_t> words =
      numerics::pack(packing.getNumericsLayout(), quantized.codes);
  SmallVector<APInt> wordValues;
  wordValues.reserve(words.size());
  for (uint32_t word : words)
    wordValues.emplace_back(32, word);
  SmallVector<APFloat> scaleValues;
  scaleValues.reserve(quantized.scales.size());
  for (uint16_t bits : quantized.scales)
    scaleValues.emplace_back(APFloat::IEEEhalf(), APInt(16, bits));
  return std::make_pair(DenseElementsAttr::get(wordsType, wordValues),
                        DenseElementsAttr::get(scalesType, scaleValues));
}

//===----------------------------------------------------------------------===//
// DequantizeOp
//===----------------------------------------------------------------------===//

LogicalResult DequantizeOp::verify() {
  PackingAttr packing = getPacking();
  auto resultType = getResult().getType();
  if (resultType.getRank() != 2 ||
      resultType.getDimSize(0) != packing.getRows() ||
      resultType.getDimSize(1) != packing.getCols())
    return emitOpError() << "expects a result of shape " << packing.getRows()
                         << "x" << packing.getCols()
                         << " (output channels x K) as the packing says, got "
                         << resultType;
  return verifyPackedOperands(*this, packing, getWords().getType(),
                              getScales().getType());
}

//===----------------------------------------------------------------------===//
// QMatmulOp
//===----------------------------------------------------------------------===//

LogicalResult QMatmulOp::verify() {
  PackingAttr packing = getPacking();
  if (failed(verifyPackedOperands(*this, packing, getWords().getType(),
                                  getScales().getType())))
    return failure();

  auto resultType = getResult().getType();
  if (failed(verifyLinearShapes(*this, getInput().getType(), resultType,
                                packing.getRows(), packing.getCols())))
    return failure();
  if (Value bias = getBias()) {
    auto biasType = cast<RankedTensorType>(bias.getType());
    if (biasType.getRank() != 1 || biasType.getDimSize(0) != packing.getRows())
      return emitOpError() << "expects a bias of shape [" << packing.getRows()
                           << "], got " << biasType;
    if (biasType.getElementType() != resultType.getElementType())
      return emitOpError() << "bias element type "
                           << biasType.getElementType()
                           << " must match the result element type "
                           << resultType.getElementType();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// DispatchOp
//===----------------------------------------------------------------------===//

StringRef DispatchOp::getKernelName() {
  auto kernel = getLaunch().getAs<StringAttr>("kernel");
  return kernel ? kernel.getValue() : StringRef();
}

LogicalResult DispatchOp::verify() {
  if (getKind() != "fusion" && getKind() != "qmatmul")
    return emitOpError() << "kind must be \"fusion\" or \"qmatmul\", got \""
                         << getKind() << "\"";
  if (getKernelName().empty())
    return emitOpError() << "launch must name the kernel: "
                            "{kernel = \"<gpu.func name>\", ...}";
  if (getOutputs().empty())
    return emitOpError() << "expects at least one output";
  bool onTensors = isa<RankedTensorType>(getOutputs().front().getType());
  for (Value value : llvm::concat<Value>(getInputs(), getOutputs()))
    if (isa<RankedTensorType>(value.getType()) != onTensors ||
        !(isa<RankedTensorType>(value.getType()) ||
          isa<MemRefType>(value.getType())))
      return emitOpError() << "operands must be all ranked tensors or all "
                              "memrefs, got "
                           << value.getType();
  if (!onTensors) {
    if (!getResults().empty())
      return emitOpError() << "on memrefs has no results, got "
                           << getResults().size();
    return success();
  }
  if (getResults().size() != getOutputs().size())
    return emitOpError() << "on tensors expects one result per output ("
                         << getOutputs().size() << "), got "
                         << getResults().size();
  for (auto [index, output, result] :
       llvm::enumerate(getOutputs(), getResults()))
    if (output.getType() != result.getType())
      return emitOpError() << "result #" << index << " has type "
                           << result.getType() << " but its output has type "
                           << output.getType();
  return success();
}

void DispatchOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  for (OpOperand &operand : getInputsMutable())
    if (isa<MemRefType>(operand.get().getType()))
      effects.emplace_back(MemoryEffects::Read::get(), &operand,
                           SideEffects::DefaultResource::get());
  for (OpOperand &operand : getOutputsMutable())
    if (isa<MemRefType>(operand.get().getType()))
      effects.emplace_back(MemoryEffects::Write::get(), &operand,
                           SideEffects::DefaultResource::get());
}

#define GET_OP_CLASSES
#include "fpx/Dialect/FPx/IR/FPxOps.cpp.inc"
