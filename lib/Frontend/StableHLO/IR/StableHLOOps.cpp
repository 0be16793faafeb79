//===- StableHLOOps.cpp - StableHLO operations ----------------------------===//
//
// Custom assembly that reproduces upstream StableHLO's printed form, and
// verifiers. Each verifier error says what to change in the input.
//
//===----------------------------------------------------------------------===//

#include "fpx/Frontend/StableHLO/IR/StableHLO.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace fpx::stablehlo;

//===----------------------------------------------------------------------===//
// Custom directives
//===----------------------------------------------------------------------===//

/// Types of an op whose operands and result usually share one type: `T` for
/// all of them, or a functional type `(A, B) -> R` otherwise.
// `LT` and `FLOAT` as bare keywords, single-spaced as JAX prints them (the
// default enum attribute syntax would add a second space).
static ParseResult parseComparisonDirection(OpAsmParser &parser,
                                            ComparisonDirectionAttr &attr) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef keyword;
  if (parser.parseKeyword(&keyword))
    return failure();
  std::optional<ComparisonDirection> value =
      symbolizeComparisonDirection(keyword);
  if (!value)
    return parser.emitError(loc)
           << "expected a comparison direction (EQ, NE, GE, GT, LE, LT), got '"
           << keyword << "'";
  attr = ComparisonDirectionAttr::get(parser.getContext(), *value);
  return success();
}

static void printComparisonDirection(OpAsmPrinter &printer, Operation *,
                                     ComparisonDirectionAttr attr) {
  printer << stringifyComparisonDirection(attr.getValue());
}

static ParseResult parseComparisonType(OpAsmParser &parser,
                                       ComparisonTypeAttr &attr) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef keyword;
  if (parser.parseKeyword(&keyword))
    return failure();
  std::optional<ComparisonType> value = symbolizeComparisonType(keyword);
  if (!value)
    return parser.emitError(loc) << "expected a comparison type (FLOAT, "
                                    "TOTALORDER, SIGNED, UNSIGNED), got '"
                                 << keyword << "'";
  attr = ComparisonTypeAttr::get(parser.getContext(), *value);
  return success();
}

static void printComparisonType(OpAsmPrinter &printer, Operation *,
                                ComparisonTypeAttr attr) {
  printer << stringifyComparisonType(attr.getValue());
}

static ParseResult parseSameTypes(OpAsmParser &parser,
                                  ArrayRef<Type *> operandTypes,
                                  Type &resultType) {
  SMLoc loc = parser.getCurrentLocation();
  Type type;
  if (parser.parseType(type))
    return failure();
  auto function = dyn_cast<FunctionType>(type);
  if (!function) {
    for (Type *operandType : operandTypes)
      *operandType = type;
    resultType = type;
    return success();
  }
  if (function.getNumInputs() != operandTypes.size() ||
      function.getNumResults() != 1)
    return parser.emitError(loc)
           << "expected a functional type with " << operandTypes.size()
           << " operand type(s) and one result type, got " << type;
  for (auto [operandType, input] :
       llvm::zip_equal(operandTypes, function.getInputs()))
    *operandType = input;
  resultType = function.getResult(0);
  return success();
}

static ParseResult parseSameOperandsAndResultType(OpAsmParser &parser,
                                                  Type &operand, Type &result) {
  return parseSameTypes(parser, {&operand}, result);
}

static ParseResult parseSameOperandsAndResultType(OpAsmParser &parser,
                                                  Type &lhs, Type &rhs,
                                                  Type &result) {
  return parseSameTypes(parser, {&lhs, &rhs}, result);
}

static void printSameOperandsAndResultType(OpAsmPrinter &printer, Operation *op,
                                           Type operand, Type result) {
  if (operand == result)
    printer << result;
  else
    printer.printFunctionalType(op);
}

static void printSameOperandsAndResultType(OpAsmPrinter &printer, Operation *op,
                                           Type lhs, Type rhs, Type result) {
  if (lhs == result && rhs == result)
    printer << result;
  else
    printer.printFunctionalType(op);
}

/// `select` prints `pred_type, result_type` when both branches have the
/// result type, otherwise a functional type.
static ParseResult parseSelectOpType(OpAsmParser &parser, Type &pred,
                                     Type &onTrue, Type &onFalse,
                                     Type &result) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<Type> types;
  if (parser.parseTypeList(types))
    return failure();
  if (types.size() == 2) {
    pred = types[0];
    onTrue = onFalse = result = types[1];
    return success();
  }
  auto function =
      types.size() == 1 ? dyn_cast<FunctionType>(types[0]) : FunctionType();
  if (!function || function.getNumInputs() != 3 ||
      function.getNumResults() != 1)
    return parser.emitError(loc)
           << "expected 'pred_type, result_type' or a functional type "
              "(pred, on_true, on_false) -> result";
  pred = function.getInput(0);
  onTrue = function.getInput(1);
  onFalse = function.getInput(2);
  result = function.getResult(0);
  return success();
}

static void printSelectOpType(OpAsmPrinter &printer, Operation *op, Type pred,
                              Type onTrue, Type onFalse, Type result) {
  if (onTrue == result && onFalse == result)
    printer << pred << ", " << result;
  else
    printer.printFunctionalType(op);
}

/// Operands followed by attributes: `%a, %b, dim = 0`. Every operand is
/// followed by a comma, so the list ends at the first non-operand.
static ParseResult parseVariadicOperandWithAttribute(
    OpAsmParser &parser,
    SmallVectorImpl<OpAsmParser::UnresolvedOperand> &operands) {
  OpAsmParser::UnresolvedOperand operand;
  OptionalParseResult parsed = parser.parseOptionalOperand(operand);
  while (parsed.has_value()) {
    if (failed(*parsed))
      return failure();
    operands.push_back(operand);
    if (parser.parseComma())
      return failure();
    parsed = parser.parseOptionalOperand(operand);
  }
  return success();
}

static void printVariadicOperandWithAttribute(OpAsmPrinter &printer,
                                              Operation *,
                                              OperandRange operands) {
  llvm::interleaveComma(operands, printer);
  printer << ",";
}

/// `[start:limit:stride, ...]`, the stride omitted when it is 1.
static ParseResult parseSliceRanges(OpAsmParser &parser,
                                    DenseI64ArrayAttr &startIndices,
                                    DenseI64ArrayAttr &limitIndices,
                                    DenseI64ArrayAttr &strides) {
  SmallVector<int64_t> starts, limits, steps;
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
        int64_t step = 1;
        if (parser.parseInteger(starts.emplace_back()) || parser.parseColon() ||
            parser.parseInteger(limits.emplace_back()))
          return failure();
        if (succeeded(parser.parseOptionalColon()) && parser.parseInteger(step))
          return failure();
        steps.push_back(step);
        return success();
      }))
    return failure();
  Builder &builder = parser.getBuilder();
  startIndices = builder.getDenseI64ArrayAttr(starts);
  limitIndices = builder.getDenseI64ArrayAttr(limits);
  strides = builder.getDenseI64ArrayAttr(steps);
  return success();
}

static void printSliceRanges(OpAsmPrinter &printer, Operation *,
                             DenseI64ArrayAttr startIndices,
                             DenseI64ArrayAttr limitIndices,
                             DenseI64ArrayAttr strides) {
  printer << "[";
  // Invalid IR is printed too (with the verifier's error); never index past
  // the shortest list.
  size_t count =
      std::min({startIndices.size(), limitIndices.size(), strides.size()});
  llvm::interleaveComma(llvm::seq<size_t>(0, count), printer, [&](size_t i) {
    printer << startIndices[i] << ":" << limitIndices[i];
    if (strides[i] != 1)
      printer << ":" << strides[i];
  });
  printer << "]";
}

static ParseResult parseDimPair(OpAsmParser &parser,
                                SmallVectorImpl<int64_t> &lhs,
                                SmallVectorImpl<int64_t> &rhs) {
  auto parseList = [&](SmallVectorImpl<int64_t> &dims) {
    return parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
      return parser.parseInteger(dims.emplace_back());
    });
  };
  return failure(parser.parseEqual() || parseList(lhs) ||
                 parser.parseKeyword("x") || parseList(rhs));
}

/// `batching_dims = [0] x [0], contracting_dims = [2] x [1]`; the batching
/// part is omitted when empty.
static ParseResult parseDotDimensionNumbers(OpAsmParser &parser,
                                            DotDimensionNumbersAttr &attr) {
  SmallVector<int64_t> lhsBatch, rhsBatch, lhsContract, rhsContract;
  if (succeeded(parser.parseOptionalKeyword("batching_dims")) &&
      (parseDimPair(parser, lhsBatch, rhsBatch) || parser.parseComma()))
    return failure();
  if (parser.parseKeyword("contracting_dims") ||
      parseDimPair(parser, lhsContract, rhsContract))
    return failure();
  attr = DotDimensionNumbersAttr::get(parser.getContext(), lhsBatch, rhsBatch,
                                      lhsContract, rhsContract);
  return success();
}

static void printDotDimensionNumbers(OpAsmPrinter &printer, Operation *,
                                     DotDimensionNumbersAttr attr) {
  auto printPair = [&](ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs) {
    printer << "[";
    llvm::interleaveComma(lhs, printer);
    printer << "] x [";
    llvm::interleaveComma(rhs, printer);
    printer << "]";
  };
  if (!attr.getLhsBatchingDimensions().empty() ||
      !attr.getRhsBatchingDimensions().empty()) {
    printer << "batching_dims = ";
    printPair(attr.getLhsBatchingDimensions(), attr.getRhsBatchingDimensions());
    printer << ", ";
  }
  printer << "contracting_dims = ";
  printPair(attr.getLhsContractingDimensions(),
            attr.getRhsContractingDimensions());
}

/// `, precision = [DEFAULT, HIGHEST]` or nothing.
static ParseResult parsePrecisionConfig(OpAsmParser &parser,
                                        ArrayAttr &precisionConfig) {
  if (failed(parser.parseOptionalComma()))
    return success();
  SMLoc loc = parser.getCurrentLocation();
  if (succeeded(parser.parseOptionalKeyword("algorithm")))
    return parser.emitError(loc)
           << "dot algorithms are not supported; remove 'algorithm = <...>' "
              "(JAX emits it only when a dot algorithm preset is requested)";
  if (parser.parseKeyword("precision") || parser.parseEqual())
    return failure();
  SmallVector<Attribute> precisions;
  if (parser.parseCommaSeparatedList(
          AsmParser::Delimiter::Square, [&]() -> ParseResult {
            SMLoc keywordLoc = parser.getCurrentLocation();
            StringRef keyword;
            if (parser.parseKeyword(&keyword))
              return failure();
            std::optional<Precision> precision = symbolizePrecision(keyword);
            if (!precision)
              return parser.emitError(keywordLoc)
                     << "unknown precision '" << keyword
                     << "'; expected DEFAULT, HIGH or HIGHEST";
            precisions.push_back(
                PrecisionAttr::get(parser.getContext(), *precision));
            return success();
          }))
    return failure();
  precisionConfig = parser.getBuilder().getArrayAttr(precisions);
  return success();
}

static void printPrecisionConfig(OpAsmPrinter &printer, Operation *,
                                 ArrayAttr precisionConfig) {
  if (!precisionConfig)
    return;
  printer << ", precision = [";
  llvm::interleaveComma(precisionConfig, printer, [&](Attribute attr) {
    printer << stringifyPrecision(cast<PrecisionAttr>(attr).getValue());
  });
  printer << "]";
}

//===----------------------------------------------------------------------===//
// Verifier helpers
//===----------------------------------------------------------------------===//

/// Checks that `dims` are distinct and within [0, rank); `what` names the
/// list in errors.
static LogicalResult verifyDimList(Operation *op, ArrayRef<int64_t> dims,
                                   int64_t rank, StringRef what) {
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t dim : dims) {
    if (dim < 0 || dim >= rank)
      return op->emitOpError() << what << " entry " << dim
                               << " is out of range; dimensions of a rank-"
                               << rank << " tensor are 0.." << rank - 1;
    if (!seen.insert(dim).second)
      return op->emitOpError()
             << what << " lists dimension " << dim << " twice";
  }
  return success();
}

static LogicalResult verifySameElementType(Operation *op, Type operandType,
                                           Type resultType) {
  if (getElementTypeOrSelf(operandType) == getElementTypeOrSelf(resultType))
    return success();
  return op->emitOpError() << "expects the result element type to be the "
                              "operand's "
                           << getElementTypeOrSelf(operandType) << ", got "
                           << getElementTypeOrSelf(resultType)
                           << "; convert element types with stablehlo.convert";
}

static LogicalResult verifyResultShape(Operation *op,
                                       ArrayRef<int64_t> expected,
                                       RankedTensorType resultType,
                                       StringRef why) {
  if (resultType.getShape() == expected)
    return success();
  InFlightDiagnostic diag = op->emitOpError() << "expects a result of shape [";
  llvm::interleaveComma(expected, diag);
  return diag << "] (" << why << "), got " << resultType;
}

/// Elementwise ops take operands of the result's type: StableHLO never
/// broadcasts or converts implicitly. `convert`, `compare` and `select`
/// differ in their element types only.
static LogicalResult verifyElementwise(Operation *op) {
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  if (auto convert = dyn_cast<ConvertOp>(op)) {
    if (convert.getOperand().getType().getShape() != resultType.getShape())
      return op->emitOpError()
             << "expects the result to have the operand's shape, got "
             << convert.getOperand().getType() << " -> " << resultType
             << "; convert changes only the element type";
    return success();
  }
  if (auto compare = dyn_cast<CompareOp>(op)) {
    Type operandType = compare.getLhs().getType();
    if (compare.getRhs().getType() != operandType)
      return op->emitOpError()
             << "expects both operands to have one type, got " << operandType
             << " and " << compare.getRhs().getType()
             << "; insert stablehlo.convert or stablehlo.broadcast_in_dim";
    if (compare.getLhs().getType().getShape() != resultType.getShape())
      return op->emitOpError()
             << "expects a result of the operands' shape, got " << resultType;
    if (std::optional<ComparisonType> compareType = compare.getCompareType()) {
      bool isFloat = isa<FloatType>(getElementTypeOrSelf(operandType));
      bool wantsFloat = *compareType == ComparisonType::FLOAT ||
                        *compareType == ComparisonType::TOTALORDER;
      if (*compareType != ComparisonType::NOTYPE && isFloat != wantsFloat)
        return op->emitOpError()
               << "compare type " << stringifyComparisonType(*compareType)
               << " does not fit " << getElementTypeOrSelf(operandType)
               << " operands; use "
               << (isFloat ? "FLOAT" : "SIGNED or UNSIGNED");
    }
    return success();
  }
  if (auto select = dyn_cast<SelectOp>(op)) {
    RankedTensorType predType = select.getPred().getType();
    if (predType.getRank() != 0 && predType.getShape() != resultType.getShape())
      return op->emitOpError()
             << "expects pred of rank 0 or of the result's shape, got "
             << predType << " for a result of type " << resultType;
    if (select.getOnTrue().getType() != resultType ||
        select.getOnFalse().getType() != resultType)
      return op->emitOpError()
             << "expects on_true, on_false and the result to have one type, "
                "got "
             << select.getOnTrue().getType() << ", "
             << select.getOnFalse().getType() << " and " << resultType;
    return success();
  }
  for (auto [index, operand] : llvm::enumerate(op->getOperands()))
    if (operand.getType() != resultType)
      return op->emitOpError()
             << "expects operand #" << index << " to have the result type "
             << resultType << ", got " << operand.getType()
             << "; StableHLO does not broadcast or convert implicitly: insert "
                "stablehlo.broadcast_in_dim or stablehlo.convert";
  return success();
}

#define GET_OP_CLASSES
#include "fpx/Frontend/StableHLO/IR/StableHLOOps.cpp.inc"

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

ParseResult ConstantOp::parse(OpAsmParser &parser, OperationState &result) {
  // `attr-dict value`, where the value carries the type.
  if (parser.parseOptionalAttrDict(result.attributes))
    return failure();
  SMLoc loc = parser.getCurrentLocation();
  Attribute value;
  if (parser.parseAttribute(value))
    return failure();
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements)
    return parser.emitError(loc)
           << "expected a tensor value such as dense<1.0> : tensor<f32>, got "
           << value;
  result.getOrAddProperties<Properties>().value = elements;
  result.addTypes(elements.getType());
  return success();
}

void ConstantOp::print(OpAsmPrinter &printer) {
  printer.printOptionalAttrDict((*this)->getAttrs(), {"value"});
  printer << ' ';
  printer.printAttribute(getValue());
}

void ConstantOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  // The names upstream StableHLO gives, so printed modules read like JAX's.
  setNameFn(getResult(),
            isa<IntegerType>(getType().getElementType()) ? "c" : "cst");
}

LogicalResult ConstantOp::verify() {
  if (getValue().getType() != getType())
    return emitOpError() << "expects the value's type " << getValue().getType()
                         << " to be the result type " << getType();
  return success();
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

LogicalResult IotaOp::verify() {
  int64_t rank = getType().getRank();
  int64_t dim = getIotaDimensionAttr().getInt();
  if (dim < 0 || dim >= rank)
    return emitOpError() << "iota dimension " << dim
                         << " is out of range for a result of rank " << rank
                         << "; use a dimension in 0.." << rank - 1;
  return success();
}

LogicalResult BroadcastInDimOp::verify() {
  RankedTensorType operandType = getOperand().getType();
  RankedTensorType resultType = getType();
  ArrayRef<int64_t> dims = getBroadcastDimensions();
  if (failed(verifySameElementType(*this, operandType, resultType)))
    return failure();
  if (static_cast<int64_t>(dims.size()) != operandType.getRank())
    return emitOpError() << "expects one entry in dims per operand dimension ("
                         << operandType.getRank() << "), got " << dims.size();
  if (failed(verifyDimList(*this, dims, resultType.getRank(), "dims")))
    return failure();
  for (auto [operandDim, resultDim] : llvm::enumerate(dims)) {
    int64_t size = operandType.getDimSize(operandDim);
    int64_t resultSize = resultType.getDimSize(resultDim);
    if (size != 1 && size != resultSize && !ShapedType::isDynamic(size) &&
        !ShapedType::isDynamic(resultSize))
      return emitOpError() << "operand dimension " << operandDim << " has size "
                           << size << ", which is neither 1 nor the size "
                           << resultSize << " of result dimension "
                           << resultDim;
  }
  return success();
}

LogicalResult ReshapeOp::verify() {
  RankedTensorType operandType = getOperand().getType();
  if (failed(verifySameElementType(*this, operandType, getType())))
    return failure();
  if (operandType.hasStaticShape() && getType().hasStaticShape() &&
      operandType.getNumElements() != getType().getNumElements())
    return emitOpError() << "cannot reshape " << operandType << " ("
                         << operandType.getNumElements() << " elements) to "
                         << getType() << " (" << getType().getNumElements()
                         << " elements)";
  return success();
}

LogicalResult TransposeOp::verify() {
  RankedTensorType operandType = getOperand().getType();
  ArrayRef<int64_t> permutation = getPermutation();
  if (failed(verifySameElementType(*this, operandType, getType())))
    return failure();
  if (static_cast<int64_t>(permutation.size()) != operandType.getRank())
    return emitOpError() << "expects a permutation of the "
                         << operandType.getRank() << " operand dimensions, got "
                         << permutation.size() << " entries";
  if (failed(verifyDimList(*this, permutation, operandType.getRank(), "dims")))
    return failure();
  SmallVector<int64_t> expected;
  for (int64_t dim : permutation)
    expected.push_back(operandType.getDimSize(dim));
  return verifyResultShape(*this, expected, getType(),
                           "result dimension i is operand dimension dims[i]");
}

LogicalResult SliceOp::verify() {
  RankedTensorType operandType = getOperand().getType();
  if (failed(verifySameElementType(*this, operandType, getType())))
    return failure();
  int64_t rank = operandType.getRank();
  if (static_cast<int64_t>(getStartIndices().size()) != rank ||
      static_cast<int64_t>(getLimitIndices().size()) != rank ||
      static_cast<int64_t>(getStrides().size()) != rank)
    return emitOpError() << "expects one start:limit[:stride] range per "
                            "operand dimension ("
                         << rank << ")";
  SmallVector<int64_t> expected;
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t start = getStartIndices()[dim], limit = getLimitIndices()[dim],
            stride = getStrides()[dim], size = operandType.getDimSize(dim);
    if (stride < 1)
      return emitOpError() << "stride " << stride << " of dimension " << dim
                           << " must be positive";
    if (start < 0 || start > limit ||
        (!ShapedType::isDynamic(size) && limit > size))
      return emitOpError() << "range " << start << ":" << limit
                           << " of dimension " << dim
                           << " must satisfy 0 <= start <= limit <= " << size;
    expected.push_back((limit - start + stride - 1) / stride);
  }
  return verifyResultShape(*this, expected, getType(),
                           "ceil((limit - start) / stride) per dimension");
}

LogicalResult DynamicSliceOp::verify() {
  RankedTensorType operandType = getOperand().getType();
  if (failed(verifySameElementType(*this, operandType, getType())))
    return failure();
  int64_t rank = operandType.getRank();
  if (static_cast<int64_t>(getStartIndices().size()) != rank)
    return emitOpError() << "expects one start index per operand dimension ("
                         << rank << "), got " << getStartIndices().size();
  if (static_cast<int64_t>(getSliceSizes().size()) != rank)
    return emitOpError() << "expects one slice size per operand dimension ("
                         << rank << "), got " << getSliceSizes().size();
  for (auto [dim, size] : llvm::enumerate(getSliceSizes())) {
    int64_t operandSize = operandType.getDimSize(dim);
    if (size < 0 || (!ShapedType::isDynamic(operandSize) && size > operandSize))
      return emitOpError() << "slice size " << size << " of dimension " << dim
                           << " must be in 0.." << operandSize;
  }
  if (!getStartIndices().empty() &&
      llvm::any_of(getStartIndices().getTypes(), [&](Type type) {
        return type != getStartIndices()[0].getType();
      }))
    return emitOpError() << "expects all start indices to have one type";
  return verifyResultShape(*this, getSliceSizes(), getType(),
                           "the slice sizes");
}

LogicalResult DynamicUpdateSliceOp::verify() {
  RankedTensorType operandType = getOperand().getType();
  RankedTensorType updateType = getUpdate().getType();
  if (getType() != operandType)
    return emitOpError() << "expects the result type to be the operand type "
                         << operandType << ", got " << getType();
  if (failed(verifySameElementType(*this, updateType, operandType)))
    return failure();
  int64_t rank = operandType.getRank();
  if (updateType.getRank() != rank)
    return emitOpError() << "expects an update of the operand's rank " << rank
                         << ", got " << updateType;
  if (static_cast<int64_t>(getStartIndices().size()) != rank)
    return emitOpError() << "expects one start index per operand dimension ("
                         << rank << "), got " << getStartIndices().size();
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t size = updateType.getDimSize(dim),
            operandSize = operandType.getDimSize(dim);
    if (!ShapedType::isDynamic(size) && !ShapedType::isDynamic(operandSize) &&
        size > operandSize)
      return emitOpError() << "update dimension " << dim << " of size " << size
                           << " does not fit in the operand's " << operandSize;
  }
  return success();
}

LogicalResult ConcatenateOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "expects at least one input";
  auto firstType = cast<RankedTensorType>(getInputs()[0].getType());
  int64_t rank = firstType.getRank();
  int64_t dimension = getDimension();
  if (dimension < 0 || dimension >= rank)
    return emitOpError() << "dimension " << dimension
                         << " is out of range for inputs of rank " << rank;
  SmallVector<int64_t> expected(firstType.getShape());
  expected[dimension] = 0;
  for (auto [index, input] : llvm::enumerate(getInputs())) {
    auto type = cast<RankedTensorType>(input.getType());
    if (failed(verifySameElementType(*this, type, getType())))
      return failure();
    if (type.getRank() != rank)
      return emitOpError() << "expects inputs of one rank, but input #" << index
                           << " is " << type;
    for (int64_t dim = 0; dim < rank; ++dim)
      if (dim != dimension && type.getDimSize(dim) != firstType.getDimSize(dim))
        return emitOpError()
               << "input #" << index << " (" << type
               << ") differs from input #0 (" << firstType << ") in dimension "
               << dim << ", which is not the concatenated dimension "
               << dimension;
    if (ShapedType::isDynamic(type.getDimSize(dimension)) ||
        ShapedType::isDynamic(expected[dimension]))
      expected[dimension] = ShapedType::kDynamic;
    else
      expected[dimension] += type.getDimSize(dimension);
  }
  return verifyResultShape(*this, expected, getType(),
                           "the inputs joined along the dimension");
}

//===----------------------------------------------------------------------===//
// GatherOp
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::verify() {
  RankedTensorType operandType = getOperand().getType();
  RankedTensorType indicesType = getStartIndices().getType();
  GatherDimensionNumbersAttr dims = getDimensionNumbers();
  ArrayRef<int64_t> sliceSizes = getSliceSizes();
  int64_t operandRank = operandType.getRank();
  int64_t indicesRank = indicesType.getRank();
  int64_t indexVectorDim = dims.getIndexVectorDim();
  if (failed(verifySameElementType(*this, operandType, getType())))
    return failure();

  if (indexVectorDim < 0 || indexVectorDim > indicesRank)
    return emitOpError() << "index_vector_dim " << indexVectorDim
                         << " must be in 0.." << indicesRank
                         << " for start indices of rank " << indicesRank;
  // index_vector_dim == rank means each start index is a scalar.
  int64_t indexVectorSize = indexVectorDim == indicesRank
                                ? 1
                                : indicesType.getDimSize(indexVectorDim);
  if (indexVectorSize != static_cast<int64_t>(dims.getStartIndexMap().size()))
    return emitOpError() << "start_index_map has "
                         << dims.getStartIndexMap().size()
                         << " entries but index vectors (dimension "
                         << indexVectorDim << " of the start indices) have "
                         << indexVectorSize;
  if (static_cast<int64_t>(sliceSizes.size()) != operandRank)
    return emitOpError() << "expects one slice size per operand dimension ("
                         << operandRank << "), got " << sliceSizes.size();
  for (auto [dim, size] : llvm::enumerate(sliceSizes))
    if (size < 0 ||
        (!operandType.isDynamicDim(dim) && size > operandType.getDimSize(dim)))
      return emitOpError() << "slice size " << size << " of dimension " << dim
                           << " must be in 0.." << operandType.getDimSize(dim);

  if (failed(verifyDimList(*this, dims.getCollapsedSliceDims(), operandRank,
                           "collapsed_slice_dims")) ||
      failed(verifyDimList(*this, dims.getOperandBatchingDims(), operandRank,
                           "operand_batching_dims")) ||
      failed(verifyDimList(*this, dims.getStartIndexMap(), operandRank,
                           "start_index_map")) ||
      failed(verifyDimList(*this, dims.getStartIndicesBatchingDims(),
                           indicesRank, "start_indices_batching_dims")))
    return failure();
  for (int64_t dim : dims.getCollapsedSliceDims()) {
    if (sliceSizes[dim] > 1)
      return emitOpError() << "collapsed dimension " << dim
                           << " needs a slice size of 0 or 1, got "
                           << sliceSizes[dim];
    if (llvm::is_contained(dims.getOperandBatchingDims(), dim))
      return emitOpError() << "dimension " << dim
                           << " is both collapsed and a batching dimension";
  }
  if (dims.getOperandBatchingDims().size() !=
      dims.getStartIndicesBatchingDims().size())
    return emitOpError() << "expects as many operand_batching_dims as "
                            "start_indices_batching_dims";
  if (llvm::is_contained(dims.getStartIndicesBatchingDims(), indexVectorDim))
    return emitOpError() << "index_vector_dim " << indexVectorDim
                         << " cannot be a start_indices_batching_dims entry";

  // The result: the start indices' dimensions other than index_vector_dim,
  // with the kept slice dimensions placed at offset_dims.
  ArrayRef<int64_t> offsetDims = dims.getOffsetDims();
  if (!llvm::is_sorted(offsetDims))
    return emitOpError() << "offset_dims must be sorted";
  SmallVector<int64_t> batchSizes, offsetSizes;
  for (int64_t dim = 0; dim < indicesRank; ++dim)
    if (dim != indexVectorDim)
      batchSizes.push_back(indicesType.getDimSize(dim));
  for (int64_t dim = 0; dim < operandRank; ++dim)
    if (!llvm::is_contained(dims.getCollapsedSliceDims(), dim) &&
        !llvm::is_contained(dims.getOperandBatchingDims(), dim))
      offsetSizes.push_back(sliceSizes[dim]);
  if (offsetSizes.size() != offsetDims.size())
    return emitOpError() << "expects " << offsetSizes.size()
                         << " offset_dims (one per slice dimension that is "
                            "neither collapsed nor batching), got "
                         << offsetDims.size();
  int64_t resultRank = batchSizes.size() + offsetSizes.size();
  if (failed(verifyDimList(*this, offsetDims, resultRank, "offset_dims")))
    return failure();
  SmallVector<int64_t> expected;
  auto batchSize = batchSizes.begin();
  auto offsetSize = offsetSizes.begin();
  for (int64_t dim = 0; dim < resultRank; ++dim)
    expected.push_back(llvm::is_contained(offsetDims, dim) ? *offsetSize++
                                                           : *batchSize++);
  return verifyResultShape(*this, expected, getType(),
                           "batch dimensions of the start indices, slice "
                           "dimensions at offset_dims");
}

//===----------------------------------------------------------------------===//
// DotGeneralOp
//===----------------------------------------------------------------------===//

LogicalResult DotGeneralOp::verify() {
  RankedTensorType lhsType = getLhs().getType(), rhsType = getRhs().getType();
  DotDimensionNumbersAttr dims = getDotDimensionNumbers();
  ArrayRef<int64_t> lhsBatch = dims.getLhsBatchingDimensions(),
                    rhsBatch = dims.getRhsBatchingDimensions(),
                    lhsContract = dims.getLhsContractingDimensions(),
                    rhsContract = dims.getRhsContractingDimensions();
  if (lhsBatch.size() != rhsBatch.size())
    return emitOpError() << "expects as many lhs as rhs batching dimensions, "
                            "got "
                         << lhsBatch.size() << " and " << rhsBatch.size();
  if (lhsContract.size() != rhsContract.size())
    return emitOpError() << "expects as many lhs as rhs contracting "
                            "dimensions, got "
                         << lhsContract.size() << " and " << rhsContract.size();
  SmallVector<int64_t> lhsUsed(lhsBatch), rhsUsed(rhsBatch);
  llvm::append_range(lhsUsed, lhsContract);
  llvm::append_range(rhsUsed, rhsContract);
  if (failed(verifyDimList(*this, lhsUsed, lhsType.getRank(),
                           "lhs batching + contracting dims")) ||
      failed(verifyDimList(*this, rhsUsed, rhsType.getRank(),
                           "rhs batching + contracting dims")))
    return failure();
  auto checkPairs = [&](ArrayRef<int64_t> lhsDims, ArrayRef<int64_t> rhsDims,
                        StringRef kind) -> LogicalResult {
    for (auto [lhsDim, rhsDim] : llvm::zip_equal(lhsDims, rhsDims))
      if (lhsType.getDimSize(lhsDim) != rhsType.getDimSize(rhsDim))
        return emitOpError()
               << kind << " dimension " << lhsDim << " of lhs (size "
               << lhsType.getDimSize(lhsDim) << ") and " << rhsDim
               << " of rhs (size " << rhsType.getDimSize(rhsDim)
               << ") must have one size";
    return success();
  };
  if (failed(checkPairs(lhsBatch, rhsBatch, "batching")) ||
      failed(checkPairs(lhsContract, rhsContract, "contracting")))
    return failure();
  if (std::optional<ArrayAttr> precision = getPrecisionConfig();
      precision && !precision->empty() && precision->size() != 2)
    return emitOpError() << "expects a precision for each operand (2), got "
                         << precision->size();

  SmallVector<int64_t> expected;
  for (int64_t dim : lhsBatch)
    expected.push_back(lhsType.getDimSize(dim));
  for (int64_t dim = 0; dim < lhsType.getRank(); ++dim)
    if (!llvm::is_contained(lhsUsed, dim))
      expected.push_back(lhsType.getDimSize(dim));
  for (int64_t dim = 0; dim < rhsType.getRank(); ++dim)
    if (!llvm::is_contained(rhsUsed, dim))
      expected.push_back(rhsType.getDimSize(dim));
  return verifyResultShape(*this, expected, getType(),
                           "batch, then lhs free, then rhs free dimensions");
}

//===----------------------------------------------------------------------===//
// ReduceOp
//===----------------------------------------------------------------------===//

/// A body that is one commutative binary op of this dialect applied to the
/// two block arguments, on rank-0 tensors of the first input's element
/// type, prints as `applies <op>`; everything else prints the region.
static Operation *getCompactReducer(ReduceOp op) {
  Block &body = op.getBody().front();
  if (op.getInputs().size() != 1 ||
      !llvm::hasSingleElement(body.without_terminator()))
    return nullptr;
  Operation &inner = body.front();
  auto scalarType = RankedTensorType::get(
      {}, getElementTypeOrSelf(op.getInputs()[0].getType()));
  if (inner.getDialect() != op->getDialect() ||
      !inner.hasTrait<OpTrait::IsCommutative>() ||
      inner.getNumOperands() != 2 || inner.getNumResults() != 1 ||
      inner.getNumRegions() != 0 ||
      !inner.getDiscardableAttrDictionary().empty() ||
      inner.getResult(0).getType() != scalarType ||
      !llvm::equal(inner.getOperands(), body.getArguments()) ||
      !llvm::all_of(inner.getOperandTypes(),
                    [&](Type type) { return type == scalarType; }))
    return nullptr;
  return llvm::equal(body.getTerminator()->getOperands(), inner.getResults())
             ? &inner
             : nullptr;
}

ParseResult ReduceOp::parse(OpAsmParser &parser, OperationState &result) {
  SMLoc loc = parser.getCurrentLocation();
  // (%input init: %init), ...
  SmallVector<OpAsmParser::UnresolvedOperand> inputs, inits;
  if (parser.parseCommaSeparatedList([&] {
        return failure(parser.parseLParen() ||
                       parser.parseOperand(inputs.emplace_back()) ||
                       parser.parseKeyword("init") || parser.parseColon() ||
                       parser.parseOperand(inits.emplace_back()) ||
                       parser.parseRParen());
      }))
    return failure();

  std::optional<OperationName> reducerName;
  if (succeeded(parser.parseOptionalKeyword("applies"))) {
    SMLoc nameLoc = parser.getCurrentLocation();
    FailureOr<OperationName> name = parser.parseCustomOperationName();
    if (failed(name))
      return failure();
    if (name->getDialectNamespace() != result.name.getDialectNamespace() ||
        !name->hasTrait<OpTrait::IsCommutative>())
      return parser.emitError(nameLoc)
             << "'applies' needs a commutative binary stablehlo op "
                "(stablehlo.add, multiply, maximum, minimum, and, or), got '"
             << name->getStringRef() << "'";
    reducerName = *name;
  }

  SmallVector<int64_t> dimensions;
  FunctionType type;
  SMLoc typeLoc;
  if (parser.parseKeyword("across") || parser.parseKeyword("dimensions") ||
      parser.parseEqual() ||
      parser.parseCommaSeparatedList(
          AsmParser::Delimiter::Square,
          [&] { return parser.parseInteger(dimensions.emplace_back()); }) ||
      parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      parser.getCurrentLocation(&typeLoc) || parser.parseType(type))
    return failure();
  result.getOrAddProperties<Properties>().dimensions =
      parser.getBuilder().getDenseI64ArrayAttr(dimensions);
  SmallVector<OpAsmParser::UnresolvedOperand> operands(inputs);
  llvm::append_range(operands, inits);
  if (type.getNumInputs() != operands.size())
    return parser.emitError(typeLoc)
           << "expected " << operands.size()
           << " operand types (inputs, then init values), got "
           << type.getNumInputs();
  if (parser.resolveOperands(operands, type.getInputs(), loc, result.operands))
    return failure();
  result.addTypes(type.getResults());
  Region *body = result.addRegion();

  if (reducerName) {
    // Rebuild the body the compact form stands for: one op on rank-0
    // tensors of the first input's element type.
    auto scalarType =
        RankedTensorType::get({}, getElementTypeOrSelf(type.getInput(0)));
    Location bodyLoc = parser.getEncodedSourceLoc(loc);
    Block &block = body->emplaceBlock();
    Value lhs = block.addArgument(scalarType, bodyLoc);
    Value rhs = block.addArgument(scalarType, bodyLoc);
    // The region has no parent op yet, so the builder cannot take its
    // context from the block.
    OpBuilder builder(parser.getContext());
    builder.setInsertionPointToStart(&block);
    OperationState innerState(bodyLoc, *reducerName);
    innerState.addOperands({lhs, rhs});
    innerState.addTypes(scalarType);
    Operation *inner = builder.create(innerState);
    ReturnOp::create(builder, bodyLoc, inner->getResults());
    return success();
  }

  // reducer(%acc: T, %elem: T) ... { body }: the pairs list accumulator i
  // with element i, while the block takes all accumulators first.
  if (parser.parseKeyword("reducer"))
    return failure();
  SmallVector<OpAsmParser::Argument> accumulators, elements;
  while (succeeded(parser.parseOptionalLParen())) {
    if (parser.parseArgument(accumulators.emplace_back(), /*allowType=*/true) ||
        parser.parseComma() ||
        parser.parseArgument(elements.emplace_back(), /*allowType=*/true) ||
        parser.parseRParen())
      return failure();
  }
  llvm::append_range(accumulators, elements);
  return parser.parseRegion(*body, accumulators);
}

void ReduceOp::print(OpAsmPrinter &printer) {
  size_t count = getInputs().size();
  printer << "(";
  llvm::interleave(
      llvm::seq<size_t>(0, count), printer,
      [&](size_t i) {
        printer << getInputs()[i] << " init: " << getInitValues()[i];
      },
      "), (");
  printer << ")";
  Operation *compact = getCompactReducer(*this);
  if (compact)
    printer << " applies " << compact->getName().getStringRef();
  printer << " across dimensions = [";
  llvm::interleaveComma(getDimensions(), printer);
  printer << "]";
  printer.printOptionalAttrDict((*this)->getAttrs(), {"dimensions"});
  printer << " : ";
  printer.printFunctionalType(*this);
  if (compact)
    return;
  printer.printNewline();
  printer << " reducer";
  Block &body = getBody().front();
  // Invalid IR is printed too (with the verifier's error); pair only the
  // arguments that exist.
  for (size_t i = 0; i < count && count + i < body.getNumArguments(); ++i) {
    printer << "(";
    printer.printRegionArgument(body.getArgument(i));
    printer << ", ";
    printer.printRegionArgument(body.getArgument(count + i));
    printer << ") ";
  }
  printer << ' ';
  printer.printRegion(getBody(), /*printEntryBlockArgs=*/false);
}

LogicalResult ReduceOp::verifyRegions() {
  size_t count = getInputs().size();
  if (count == 0)
    return emitOpError() << "expects at least one input";
  if (getNumResults() != count)
    return emitOpError() << "expects one result per input (" << count
                         << "), got " << getNumResults();
  auto firstType = cast<RankedTensorType>(getInputs()[0].getType());
  if (failed(verifyDimList(*this, getDimensions(), firstType.getRank(),
                           "dimensions")))
    return failure();
  SmallVector<int64_t> resultShape;
  for (int64_t dim = 0; dim < firstType.getRank(); ++dim)
    if (!llvm::is_contained(getDimensions(), dim))
      resultShape.push_back(firstType.getDimSize(dim));

  Block &body = getBody().front();
  if (body.getNumArguments() != 2 * count)
    return emitOpError() << "expects the reducer to take " << 2 * count
                         << " arguments (the accumulators, then the input "
                            "elements), got "
                         << body.getNumArguments();
  auto terminator = dyn_cast<ReturnOp>(body.getTerminator());
  if (!terminator || terminator.getResults().size() != count)
    return emitOpError() << "expects the reducer to end in stablehlo.return of "
                         << count << " value(s)";
  for (size_t i = 0; i < count; ++i) {
    auto inputType = cast<RankedTensorType>(getInputs()[i].getType());
    auto initType = cast<RankedTensorType>(getInitValues()[i].getType());
    auto resultType = cast<RankedTensorType>(getResult(i).getType());
    auto scalarType = RankedTensorType::get({}, inputType.getElementType());
    if (inputType.getShape() != firstType.getShape())
      return emitOpError() << "expects inputs of one shape, but input #" << i
                           << " is " << inputType << " and input #0 is "
                           << firstType;
    if (initType != scalarType)
      return emitOpError() << "expects init value #" << i << " to be "
                           << scalarType << ", got " << initType;
    if (resultType.getElementType() != inputType.getElementType() ||
        resultType.getShape() != ArrayRef<int64_t>(resultShape)) {
      InFlightDiagnostic diag = emitOpError()
                                << "expects result #" << i << " of shape [";
      llvm::interleaveComma(resultShape, diag);
      return diag << "] (the input without the reduced dimensions) and "
                     "element type "
                  << inputType.getElementType() << ", got " << resultType;
    }
    for (size_t arg : {i, count + i})
      if (body.getArgument(arg).getType() != scalarType)
        return emitOpError()
               << "expects reducer argument #" << arg << " to be " << scalarType
               << ", got " << body.getArgument(arg).getType();
    if (terminator.getResults()[i].getType() != scalarType)
      return emitOpError() << "expects the reducer to return " << scalarType
                           << " as value #" << i << ", got "
                           << terminator.getResults()[i].getType();
  }
  return success();
}
