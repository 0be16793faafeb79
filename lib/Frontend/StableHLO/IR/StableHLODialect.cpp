//===- StableHLODialect.cpp - StableHLO dialect and attributes ------------===//

#include "fpx/Frontend/StableHLO/IR/StableHLO.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Transforms/InliningUtils.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace fpx::stablehlo;

#include "fpx/Frontend/StableHLO/IR/StableHLOEnums.cpp.inc"
#include "fpx/Frontend/StableHLO/IR/StableHLOOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "fpx/Frontend/StableHLO/IR/StableHLOAttributes.cpp.inc"

namespace {
/// JAX outlines helpers (e.g. `silu`) into private functions called with
/// func.call; the upstream `inline` pass moves their bodies into the caller
/// only if every dialect involved allows it. All ops here are pure values,
/// and `stablehlo.return` only ends a reducer region, never a callable.
struct StableHLOInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;

  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
  bool isLegalToInline(Region *, Region *, bool, IRMapping &) const final {
    return true;
  }
};
} // namespace

void StableHLODialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "fpx/Frontend/StableHLO/IR/StableHLOAttributes.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "fpx/Frontend/StableHLO/IR/StableHLOOps.cpp.inc"
      >();
  addInterfaces<StableHLOInlinerInterface>();
}

//===----------------------------------------------------------------------===//
// Struct-like attributes: `<name = [1, 2], other = 3>`
//===----------------------------------------------------------------------===//

namespace {
/// One `name = value` field of a struct-like attribute.
struct Field {
  StringRef name;
  function_ref<ParseResult()> parseValue;
};
} // namespace

/// Parses `<field = value, ...>` with the fields in any order, each at most
/// once. Errors name the attribute and list the valid fields, since a
/// misspelt field is the common mistake.
static ParseResult parseStruct(AsmParser &parser, StringRef attrName,
                               ArrayRef<Field> fields) {
  if (parser.parseLess())
    return failure();
  if (succeeded(parser.parseOptionalGreater()))
    return success();
  llvm::SmallDenseSet<StringRef> seen;
  do {
    SMLoc loc = parser.getCurrentLocation();
    StringRef name;
    if (parser.parseKeyword(&name))
      return failure();
    const Field *field = llvm::find_if(
        fields, [&](const Field &candidate) { return candidate.name == name; });
    if (field == fields.end()) {
      InFlightDiagnostic diag = parser.emitError(loc)
                                << "unknown field '" << name
                                << "' in #stablehlo." << attrName
                                << "; expected one of: ";
      llvm::interleaveComma(fields, diag,
                            [&](const Field &f) { diag << f.name; });
      return diag;
    }
    if (!seen.insert(name).second)
      return parser.emitError(loc)
             << "field '" << name << "' appears twice in #stablehlo."
             << attrName;
    if (parser.parseEqual() || field->parseValue())
      return failure();
  } while (succeeded(parser.parseOptionalComma()));
  return parser.parseGreater();
}

static ParseResult parseDimList(AsmParser &parser,
                                SmallVectorImpl<int64_t> &dims) {
  return parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
    return parser.parseInteger(dims.emplace_back());
  });
}

namespace {
/// Prints `name = [..]` fields, skipping empty lists (and zero integers) as
/// upstream StableHLO does.
class StructPrinter {
public:
  explicit StructPrinter(AsmPrinter &printer) : printer(printer) {
    printer << "<";
  }
  ~StructPrinter() { printer << ">"; }

  void field(StringRef name, ArrayRef<int64_t> values) {
    if (values.empty())
      return;
    separate() << name << " = [";
    llvm::interleaveComma(values, printer);
    printer << "]";
  }
  void field(StringRef name, int64_t value) {
    if (value != 0)
      separate() << name << " = " << value;
  }

private:
  AsmPrinter &separate() {
    if (!first)
      printer << ", ";
    first = false;
    return printer;
  }
  AsmPrinter &printer;
  bool first = true;
};
} // namespace

void DotDimensionNumbersAttr::print(AsmPrinter &printer) const {
  StructPrinter fields(printer);
  fields.field("lhs_batching_dimensions", getLhsBatchingDimensions());
  fields.field("rhs_batching_dimensions", getRhsBatchingDimensions());
  fields.field("lhs_contracting_dimensions", getLhsContractingDimensions());
  fields.field("rhs_contracting_dimensions", getRhsContractingDimensions());
}

Attribute DotDimensionNumbersAttr::parse(AsmParser &parser, Type) {
  SmallVector<int64_t> lhsBatch, rhsBatch, lhsContract, rhsContract;
  if (parseStruct(parser, "dot",
                  {{"lhs_batching_dimensions",
                    [&] { return parseDimList(parser, lhsBatch); }},
                   {"rhs_batching_dimensions",
                    [&] { return parseDimList(parser, rhsBatch); }},
                   {"lhs_contracting_dimensions",
                    [&] { return parseDimList(parser, lhsContract); }},
                   {"rhs_contracting_dimensions",
                    [&] { return parseDimList(parser, rhsContract); }}}))
    return {};
  return DotDimensionNumbersAttr::get(parser.getContext(), lhsBatch, rhsBatch,
                                      lhsContract, rhsContract);
}

void GatherDimensionNumbersAttr::print(AsmPrinter &printer) const {
  StructPrinter fields(printer);
  fields.field("offset_dims", getOffsetDims());
  fields.field("collapsed_slice_dims", getCollapsedSliceDims());
  fields.field("operand_batching_dims", getOperandBatchingDims());
  fields.field("start_indices_batching_dims", getStartIndicesBatchingDims());
  fields.field("start_index_map", getStartIndexMap());
  fields.field("index_vector_dim", getIndexVectorDim());
}

Attribute GatherDimensionNumbersAttr::parse(AsmParser &parser, Type) {
  SmallVector<int64_t> offsetDims, collapsedDims, operandBatchDims,
      indicesBatchDims, startIndexMap;
  int64_t indexVectorDim = 0;
  if (parseStruct(
          parser, "gather",
          {{"offset_dims", [&] { return parseDimList(parser, offsetDims); }},
           {"collapsed_slice_dims",
            [&] { return parseDimList(parser, collapsedDims); }},
           {"operand_batching_dims",
            [&] { return parseDimList(parser, operandBatchDims); }},
           {"start_indices_batching_dims",
            [&] { return parseDimList(parser, indicesBatchDims); }},
           {"start_index_map",
            [&] { return parseDimList(parser, startIndexMap); }},
           {"index_vector_dim",
            [&] { return parser.parseInteger(indexVectorDim); }}}))
    return {};
  return GatherDimensionNumbersAttr::get(
      parser.getContext(), offsetDims, collapsedDims, operandBatchDims,
      indicesBatchDims, startIndexMap, indexVectorDim);
}
