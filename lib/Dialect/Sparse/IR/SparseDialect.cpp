//===- SparseDialect.cpp - Tiled-CSL dialect --------------------------------===//

#include "fpx/Dialect/Sparse/IR/Sparse.h"
#include "fpx/Dialect/Common/LinearShapes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace fpx::sparse;

#include "fpx/Dialect/Sparse/IR/SparseOpsDialect.cpp.inc"

// `RxCxT`, printed like a tensor shape.
static ParseResult parseShape(AsmParser &parser, int64_t &rows, int64_t &cols,
                              Type &elementType) {
  SmallVector<int64_t> dims;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseDimensionList(dims, /*allowDynamic=*/false) ||
      parser.parseType(elementType))
    return failure();
  if (dims.size() != 2)
    return parser.emitError(loc) << "expected a 2-D weight shape (N x K), got "
                                 << dims.size() << " dimensions";
  rows = dims[0];
  cols = dims[1];
  return success();
}

static void printShape(AsmPrinter &printer, int64_t rows, int64_t cols,
                       Type elementType) {
  printer << rows << "x" << cols << "x" << elementType;
}

// `RxC` without a trailing element type.
static ParseResult parseTile(AsmParser &parser, int64_t &rows, int64_t &cols) {
  SmallVector<int64_t> dims;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseDimensionList(dims, /*allowDynamic=*/false,
                                /*withTrailingX=*/false))
    return failure();
  if (dims.size() != 2)
    return parser.emitError(loc) << "expected a 2-D tile shape, got "
                                 << dims.size() << " dimensions";
  rows = dims[0];
  cols = dims[1];
  return success();
}

static void printTile(AsmPrinter &printer, int64_t rows, int64_t cols) {
  printer << rows << "x" << cols;
}

#define GET_TYPEDEF_CLASSES
#include "fpx/Dialect/Sparse/IR/SparseOpsTypes.cpp.inc"

void SparseDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "fpx/Dialect/Sparse/IR/SparseOpsTypes.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "fpx/Dialect/Sparse/IR/SparseOps.cpp.inc"
      >();
}

// Locations are 16-bit offsets inside a tile.
static constexpr int64_t kMaxTileElements = 1 << 16;

LogicalResult TiledCSLType::verify(function_ref<InFlightDiagnostic()> emitError,
                                   int64_t rows, int64_t cols, Type elementType,
                                   int64_t tileRows, int64_t tileCols,
                                   int64_t nnz) {
  if (rows <= 0 || cols <= 0)
    return emitError() << "tiled_csl needs a positive shape, got " << rows
                       << "x" << cols;
  if (!elementType.isF16() && !elementType.isBF16())
    return emitError() << "tiled_csl element type must be f16 or bf16, got "
                       << elementType;
  if (tileRows <= 0 || tileCols <= 0 || tileRows * tileCols > kMaxTileElements)
    return emitError() << "tile of " << tileRows << "x" << tileCols
                       << " is invalid: both sizes must be positive and a tile "
                          "may hold at most 65536 elements (16-bit locations)";
  if (nnz < 0 || nnz > rows * cols)
    return emitError() << "nnz = " << nnz << " must lie in [0, " << rows * cols
                       << "] for a " << rows << "x" << cols << " weight";
  return success();
}

LogicalResult AssembleOp::verify() {
  TiledCSLType type = getResult().getType();
  int64_t offsets = getTileOffsets().getType().getDimSize(0);
  if (offsets != type.getNumTiles() + 1)
    return emitOpError() << "expects " << type.getNumTiles() + 1
                         << " tile offsets (one per tile plus the end) for "
                         << type << ", got " << offsets;
  for (Value array : {getValues(), getLocations()}) {
    int64_t size = cast<RankedTensorType>(array.getType()).getDimSize(0);
    if (size != type.getNnz())
      return emitOpError() << "expects " << type.getNnz()
                           << " values and locations (nnz), got " << size;
  }
  if (getValues().getType().getElementType() != type.getElementType())
    return emitOpError() << "values of type "
                         << getValues().getType().getElementType()
                         << " do not match the weight's element type "
                         << type.getElementType();
  return success();
}

LogicalResult SpMMOp::verify() {
  TiledCSLType weight = getWeight().getType();
  auto inputType = getInput().getType();
  auto resultType = getResult().getType();
  if (inputType.getElementType() != weight.getElementType())
    return emitOpError() << "input element type " << inputType.getElementType()
                         << " must match the weight's "
                         << weight.getElementType();
  Type resultElement = resultType.getElementType();
  if (resultElement != weight.getElementType() && !resultElement.isF32())
    return emitOpError() << "result element type must be "
                         << weight.getElementType() << " or f32, got "
                         << resultElement;
  return fpx::verifyLinearShapes(*this, inputType, resultType,
                                 weight.getRows(), weight.getCols());
}

#define GET_OP_CLASSES
#include "fpx/Dialect/Sparse/IR/SparseOps.cpp.inc"
