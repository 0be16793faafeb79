//===- StableHLOAttributes.td - StableHLO enums and attrs --*- tablegen -*-===//

#ifndef FPX_FRONTEND_STABLEHLO_STABLEHLOATTRIBUTES_TD
#define FPX_FRONTEND_STABLEHLO_STABLEHLOATTRIBUTES_TD

include "fpx/Frontend/StableHLO/IR/StableHLODialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def SHLO_CmpEQ : I32EnumAttrCase<"EQ", 0>;
def SHLO_CmpNE : I32EnumAttrCase<"NE", 1>;
def SHLO_CmpGE : I32EnumAttrCase<"GE", 2>;
def SHLO_CmpGT : I32EnumAttrCase<"GT", 3>;
def SHLO_CmpLE : I32EnumAttrCase<"LE", 4>;
def SHLO_CmpLT : I32EnumAttrCase<"LT", 5>;
def SHLO_ComparisonDirection : I32EnumAttr<"ComparisonDirection",
    "direction of stablehlo.compare",
    [SHLO_CmpEQ, SHLO_CmpNE, SHLO_CmpGE, SHLO_CmpGT, SHLO_CmpLE, SHLO_CmpLT]> {
  let cppNamespace = "::fpx::stablehlo";
  let genSpecializedAttr = 0;
}
// Prints as `#stablehlo<comparison_direction LT>`, as upstream does.
def SHLO_ComparisonDirectionAttr : EnumAttr<StableHLO_Dialect,
    SHLO_ComparisonDirection, "comparison_direction">;

def SHLO_CmpTypeNone : I32EnumAttrCase<"NOTYPE", 0>;
def SHLO_CmpTypeFloat : I32EnumAttrCase<"FLOAT", 1>;
def SHLO_CmpTypeTotalOrder : I32EnumAttrCase<"TOTALORDER", 2>;
def SHLO_CmpTypeSigned : I32EnumAttrCase<"SIGNED", 3>;
def SHLO_CmpTypeUnsigned : I32EnumAttrCase<"UNSIGNED", 4>;
def SHLO_ComparisonType : I32EnumAttr<"ComparisonType",
    "how stablehlo.compare orders its operands",
    [SHLO_CmpTypeNone, SHLO_CmpTypeFloat, SHLO_CmpTypeTotalOrder,
     SHLO_CmpTypeSigned, SHLO_CmpTypeUnsigned]> {
  let cppNamespace = "::fpx::stablehlo";
  let genSpecializedAttr = 0;
}
def SHLO_ComparisonTypeAttr : EnumAttr<StableHLO_Dialect, SHLO_ComparisonType,
    "comparison_type">;

def SHLO_PrecisionDefault : I32EnumAttrCase<"DEFAULT", 0>;
def SHLO_PrecisionHigh : I32EnumAttrCase<"HIGH", 1>;
def SHLO_PrecisionHighest : I32EnumAttrCase<"HIGHEST", 2>;
def SHLO_Precision : I32EnumAttr<"Precision",
    "precision hint of one dot_general operand",
    [SHLO_PrecisionDefault, SHLO_PrecisionHigh, SHLO_PrecisionHighest]> {
  let cppNamespace = "::fpx::stablehlo";
  let genSpecializedAttr = 0;
}
def SHLO_PrecisionAttr : EnumAttr<StableHLO_Dialect, SHLO_Precision,
    "precision">;
def SHLO_PrecisionConfigAttr : TypedArrayAttrBase<SHLO_PrecisionAttr,
    "precision config of the two dot_general operands">;

class StableHLO_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<StableHLO_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def SHLO_DotDimensionNumbers : StableHLO_Attr<"DotDimensionNumbers", "dot"> {
  let summary = "Batching and contracting dimensions of dot_general";
  let description = [{
    Lists of dimensions of the left and right operands. Empty lists are
    omitted when printed; `stablehlo.dot_general` prints this attribute in
    the short form `batching_dims = [0] x [0], contracting_dims = [2] x [1]`.

    Example:
    ```mlir
    #stablehlo.dot<lhs_batching_dimensions = [0],
                   rhs_batching_dimensions = [0],
                   lhs_contracting_dimensions = [2],
                   rhs_contracting_dimensions = [1]>
    ```
  }];
  let parameters = (ins
    ArrayRefParameter<"int64_t">:$lhsBatchingDimensions,
    ArrayRefParameter<"int64_t">:$rhsBatchingDimensions,
    ArrayRefParameter<"int64_t">:$lhsContractingDimensions,
    ArrayRefParameter<"int64_t">:$rhsContractingDimensions
  );
  let hasCustomAssemblyFormat = 1;
}

def SHLO_GatherDimensionNumbers : StableHLO_Attr<"GatherDimensionNumbers",
                                                 "gather"> {
  let summary = "How stablehlo.gather maps indices to operand slices";
  let description = [{
    The fields of the StableHLO specification. Empty lists and an
    `index_vector_dim` of 0 are omitted when printed.

    Example:
    ```mlir
    #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0],
                      start_index_map = [0], index_vector_dim = 1>
    ```
  }];
  let parameters = (ins
    ArrayRefParameter<"int64_t">:$offsetDims,
    ArrayRefParameter<"int64_t">:$collapsedSliceDims,
    ArrayRefParameter<"int64_t">:$operandBatchingDims,
    ArrayRefParameter<"int64_t">:$startIndicesBatchingDims,
    ArrayRefParameter<"int64_t">:$startIndexMap,
    "int64_t":$indexVectorDim
  );
  let hasCustomAssemblyFormat = 1;
}

#endif // FPX_FRONTEND_STABLEHLO_STABLEHLOATTRIBUTES_TD
