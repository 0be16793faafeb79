//===- StableHLOOps.td - StableHLO op subset ---------------*- tablegen -*-===//
//
// The umbrella file of the `stablehlo` dialect. Assembly formats follow the
// text that upstream StableHLO prints (and JAX therefore emits), so that
// `jax.jit(f).lower(...).as_text()` parses unchanged.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_FRONTEND_STABLEHLO_STABLEHLOOPS_TD
#define FPX_FRONTEND_STABLEHLO_STABLEHLOOPS_TD

include "fpx/Frontend/StableHLO/IR/StableHLODialect.td"
include "fpx/Frontend/StableHLO/IR/StableHLOAttributes.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

// `%r = stablehlo.op %a, %b : T` when all types are T, otherwise the
// functional type `(A, B) -> R`; both forms parse.
class StableHLO_ElementwiseOp<string mnemonic, list<Trait> traits = []>
    : StableHLO_Op<mnemonic, traits # [Pure]> {
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verify() {
      return verifyElementwise(*this);
    }
  }];
}

class StableHLO_UnaryOp<string mnemonic, Type tensorType, string text>
    : StableHLO_ElementwiseOp<mnemonic> {
  let summary = "Elementwise " # text;
  let description = !strconcat([{
    Computes the }], text, [{ of each element.

    Example:
    ```mlir
    %0 = stablehlo.}], mnemonic, [{ %arg0 : tensor<4xf32>
    ```
  }]);
  let arguments = (ins tensorType:$operand);
  let results = (outs tensorType:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` custom<SameOperandsAndResultType>(type($operand),
                                                             type($result))
  }];
}

class StableHLO_BinaryOp<string mnemonic, Type tensorType, string text,
                         list<Trait> traits = []>
    : StableHLO_ElementwiseOp<mnemonic, traits> {
  let summary = "Elementwise " # text;
  let description = !strconcat([{
    Computes the }], text, [{ of `lhs` and `rhs` element by element.
    The operands and the result have one type; StableHLO does not
    broadcast implicitly (JAX inserts `broadcast_in_dim`).

    Example:
    ```mlir
    %0 = stablehlo.}], mnemonic, [{ %arg0, %arg1 : tensor<4xf32>
    ```
  }]);
  let arguments = (ins tensorType:$lhs, tensorType:$rhs);
  let results = (outs tensorType:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` custom<SameOperandsAndResultType>(type($lhs),
                                                   type($rhs), type($result))
  }];
}

def StableHLO_AddOp : StableHLO_BinaryOp<"add", SHLO_Tensor, "sum",
                                         [Commutative]>;
def StableHLO_SubtractOp : StableHLO_BinaryOp<"subtract", SHLO_Tensor,
                                              "difference">;
def StableHLO_MultiplyOp : StableHLO_BinaryOp<"multiply", SHLO_Tensor,
                                              "product", [Commutative]>;
def StableHLO_DivideOp : StableHLO_BinaryOp<"divide", SHLO_Tensor,
                                            "quotient">;
def StableHLO_MaximumOp : StableHLO_BinaryOp<"maximum", SHLO_Tensor,
    "maximum (NaN if either is NaN)", [Commutative]>;
def StableHLO_MinimumOp : StableHLO_BinaryOp<"minimum", SHLO_Tensor,
    "minimum (NaN if either is NaN)", [Commutative]>;
def StableHLO_PowerOp : StableHLO_BinaryOp<"power", SHLO_Tensor,
                                           "power `lhs ^ rhs`">;
def StableHLO_AndOp : StableHLO_BinaryOp<"and", SHLO_IntTensor,
    "bitwise (logical for i1) and", [Commutative]>;
def StableHLO_OrOp : StableHLO_BinaryOp<"or", SHLO_IntTensor,
    "bitwise (logical for i1) or", [Commutative]>;

def StableHLO_NegateOp : StableHLO_UnaryOp<"negate", SHLO_Tensor, "negation">;
def StableHLO_ExpOp : StableHLO_UnaryOp<"exponential", SHLO_FloatTensor,
                                        "exponential `e^x`">;
def StableHLO_LogOp : StableHLO_UnaryOp<"log", SHLO_FloatTensor,
                                        "natural logarithm">;
def StableHLO_RsqrtOp : StableHLO_UnaryOp<"rsqrt", SHLO_FloatTensor,
                                          "reciprocal square root">;
def StableHLO_SqrtOp : StableHLO_UnaryOp<"sqrt", SHLO_FloatTensor,
                                         "square root">;
def StableHLO_LogisticOp : StableHLO_UnaryOp<"logistic", SHLO_FloatTensor,
    "logistic sigmoid `1 / (1 + e^-x)`">;
def StableHLO_TanhOp : StableHLO_UnaryOp<"tanh", SHLO_FloatTensor,
                                         "hyperbolic tangent">;
def StableHLO_CosineOp : StableHLO_UnaryOp<"cosine", SHLO_FloatTensor,
                                           "cosine">;
def StableHLO_SineOp : StableHLO_UnaryOp<"sine", SHLO_FloatTensor, "sine">;
def StableHLO_NotOp : StableHLO_UnaryOp<"not", SHLO_IntTensor,
                                        "bitwise (logical for i1) not">;

def StableHLO_ConvertOp : StableHLO_ElementwiseOp<"convert"> {
  let summary = "Elementwise element type conversion";
  let description = [{
    Converts each element to the result's element type: floats round to
    nearest even, floats to integers round toward zero, integers are
    sign-extended or truncated, and anything to `i1` compares with zero.

    Example:
    ```mlir
    %0 = stablehlo.convert %arg0 : (tensor<4xi32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins SHLO_Tensor:$operand);
  let results = (outs SHLO_Tensor:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` custom<SameOperandsAndResultType>(type($operand),
                                                             type($result))
  }];
}

def StableHLO_CompareOp : StableHLO_ElementwiseOp<"compare"> {
  let summary = "Elementwise comparison";
  let description = [{
    Compares `lhs` and `rhs` element by element in `comparison_direction`.
    The optional `compare_type` is `FLOAT` (IEEE, NaN unordered),
    `SIGNED` or `UNSIGNED`; without it the element type decides.

    Example:
    ```mlir
    %0 = stablehlo.compare LT, %arg0, %arg1, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
    ```
  }];
  let arguments = (ins SHLO_Tensor:$lhs, SHLO_Tensor:$rhs,
                       SHLO_ComparisonDirectionAttr:$comparison_direction,
                       OptionalAttr<SHLO_ComparisonTypeAttr>:$compare_type);
  let results = (outs SHLO_PredTensor:$result);
  let assemblyFormat = [{
    custom<ComparisonDirection>($comparison_direction) `,` $lhs `,` $rhs
    (`,` custom<ComparisonType>($compare_type)^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

def StableHLO_SelectOp : StableHLO_ElementwiseOp<"select"> {
  let summary = "Elementwise choice between two tensors";
  let description = [{
    `result[i] = pred[i] ? on_true[i] : on_false[i]`. A rank-0 `pred` selects
    whole tensors.

    Example:
    ```mlir
    %0 = stablehlo.select %pred, %arg0, %arg1 : tensor<4xi1>, tensor<4xf32>
    ```
  }];
  let arguments = (ins SHLO_PredTensor:$pred, SHLO_Tensor:$on_true,
                       SHLO_Tensor:$on_false);
  let results = (outs SHLO_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:` custom<SelectOpType>(type($pred), type($on_true),
                                                type($on_false), type($result))
  }];
}

//===----------------------------------------------------------------------===//
// Tensor creation and data movement
//===----------------------------------------------------------------------===//

def StableHLO_ConstantOp : StableHLO_Op<"constant", [Pure,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "Constant tensor";
  let description = [{
    A tensor given by a dense elements attribute, including the hex form
    `dense<"0x...">` that JAX prints for large or non-finite constants.

    Example:
    ```mlir
    %cst = stablehlo.constant dense<[1.0, 2.0]> : tensor<2xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs SHLO_Tensor:$output);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

def StableHLO_IotaOp : StableHLO_Op<"iota", [Pure]> {
  let summary = "Tensor of indices along one dimension";
  let description = [{
    `result[..., i, ...] = i` where `i` is the index along `iota_dimension`.

    Example:
    ```mlir
    %0 = stablehlo.iota dim = 0 : tensor<8xi32>
    ```
  }];
  let arguments = (ins I64Attr:$iota_dimension);
  let results = (outs SHLO_Tensor:$output);
  let assemblyFormat = "`dim` `=` $iota_dimension attr-dict `:` type($output)";
  let hasVerifier = 1;
}

def StableHLO_BroadcastInDimOp : StableHLO_Op<"broadcast_in_dim", [Pure]> {
  let summary = "Broadcast to a larger shape";
  let description = [{
    Operand dimension `i` becomes result dimension `broadcast_dimensions[i]`;
    it must have the result's size or size 1 (then it is repeated).

    Example:
    ```mlir
    %0 = stablehlo.broadcast_in_dim %arg0, dims = [0] : (tensor<4xf32>) -> tensor<4x8xf32>
    ```
  }];
  let arguments = (ins SHLO_Tensor:$operand,
                       DenseI64ArrayAttr:$broadcast_dimensions);
  let results = (outs SHLO_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `dims` `=` $broadcast_dimensions attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def StableHLO_ReshapeOp : StableHLO_Op<"reshape", [Pure]> {
  let summary = "Reshape in row-major order";
  let description = [{
    Example:
    ```mlir
    %0 = stablehlo.reshape %arg0 : (tensor<2x8xf32>) -> tensor<2x2x4xf32>
    ```
  }];
  let arguments = (ins SHLO_Tensor:$operand);
  let results = (outs SHLO_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def StableHLO_TransposeOp : StableHLO_Op<"transpose", [Pure]> {
  let summary = "Permute dimensions";
  let description = [{
    Result dimension `i` is operand dimension `permutation[i]`.

    Example:
    ```mlir
    %0 = stablehlo.transpose %arg0, dims = [1, 0] : (tensor<2x8xf32>) -> tensor<8x2xf32>
    ```
  }];
  let arguments = (ins SHLO_Tensor:$operand, DenseI64ArrayAttr:$permutation);
  let results = (outs SHLO_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `dims` `=` $permutation attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def StableHLO_SliceOp : StableHLO_Op<"slice", [Pure]> {
  let summary = "Static strided slice";
  let description = [{
    `[start:limit:stride]` per dimension; the stride is omitted when it is 1.

    Example:
    ```mlir
    %0 = stablehlo.slice %arg0 [0:2, 4:8:2] : (tensor<2x8xf32>) -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins SHLO_Tensor:$operand,
                       DenseI64ArrayAttr:$start_indices,
                       DenseI64ArrayAttr:$limit_indices,
                       DenseI64ArrayAttr:$strides);
  let results = (outs SHLO_Tensor:$result);
  let assemblyFormat = [{
    $operand custom<SliceRanges>($start_indices, $limit_indices, $strides)
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def StableHLO_DynamicSliceOp : StableHLO_Op<"dynamic_slice", [Pure]> {
  let summary = "Slice at run-time offsets";
  let description = [{
    Extracts a `slice_sizes` block starting at the rank-0 `start_indices`,
    one per dimension. Starts are clamped so that the block stays inside the
    operand, as StableHLO specifies.

    Example:
    ```mlir
    %0 = stablehlo.dynamic_slice %arg0, %i, %j, sizes = [1, 4] : (tensor<8x4xf32>, tensor<i32>, tensor<i32>) -> tensor<1x4xf32>
    ```
  }];
  let arguments = (ins SHLO_Tensor:$operand,
                       Variadic<SHLO_ScalarIntTensor>:$start_indices,
                       DenseI64ArrayAttr:$slice_sizes);
  let results = (outs SHLO_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` custom<VariadicOperandWithAttribute>($start_indices)
    `sizes` `=` $slice_sizes attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def StableHLO_DynamicUpdateSliceOp : StableHLO_Op<"dynamic_update_slice",
                                                  [Pure]> {
  let summary = "Overwrite a block at run-time offsets";
  let description = [{
    The operand with the block at the rank-0 `start_indices` replaced by
    `update`. Starts are clamped so that the block stays inside the operand.

    Example:
    ```mlir
    %0 = stablehlo.dynamic_update_slice %cache, %row, %i, %c : (tensor<8x4xf32>, tensor<1x4xf32>, tensor<i32>, tensor<i32>) -> tensor<8x4xf32>
    ```
  }];
  let arguments = (ins SHLO_Tensor:$operand, SHLO_Tensor:$update,
                       Variadic<SHLO_ScalarIntTensor>:$start_indices);
  let results = (outs SHLO_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def StableHLO_ConcatenateOp : StableHLO_Op<"concatenate", [Pure]> {
  let summary = "Concatenate along one dimension";
  let description = [{
    Example:
    ```mlir
    %0 = stablehlo.concatenate %arg0, %arg1, dim = 1 : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x8xf32>
    ```
  }];
  let arguments = (ins Variadic<SHLO_Tensor>:$inputs, I64Attr:$dimension);
  let results = (outs SHLO_Tensor:$result);
  let assemblyFormat = [{
    custom<VariadicOperandWithAttribute>($inputs) `dim` `=` $dimension
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def StableHLO_GatherOp : StableHLO_Op<"gather", [Pure]> {
  let summary = "Gather slices at run-time indices";
  let description = [{
    The general gather of the StableHLO specification (embedding lookups,
    `x[idx]` indexing). Start indices are clamped so that each slice stays
    inside the operand. Upstream has no custom assembly for this op, so JAX
    prints it in the generic form.

    Example:
    ```mlir
    %0 = "stablehlo.gather"(%table, %ids) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 16>}> : (tensor<32x16xf32>, tensor<4x1xi32>) -> tensor<4x16xf32>
    ```
  }];
  let arguments = (ins SHLO_Tensor:$operand, SHLO_IntTensor:$start_indices,
                       SHLO_GatherDimensionNumbers:$dimension_numbers,
                       DenseI64ArrayAttr:$slice_sizes,
                       DefaultValuedOptionalAttr<BoolAttr, "false">:
                           $indices_are_sorted);
  let results = (outs SHLO_Tensor:$result);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Contractions and reductions
//===----------------------------------------------------------------------===//

def StableHLO_DotGeneralOp : StableHLO_Op<"dot_general", [Pure]> {
  let summary = "General tensor contraction";
  let description = [{
    Contracts `lhs` and `rhs` over the contracting dimensions, batched over
    the batching dimensions. The result dimensions are the batch dimensions,
    then the remaining `lhs` dimensions, then the remaining `rhs` dimensions.
    `precision` is a hint and is kept but ignored by the lowering. The
    `algorithm` field of upstream StableHLO is not supported.

    Example:
    ```mlir
    %0 = stablehlo.dot_general %arg0, %arg1, batching_dims = [0] x [0], contracting_dims = [2] x [1], precision = [DEFAULT, DEFAULT] : (tensor<2x4x8xf32>, tensor<2x8x16xf32>) -> tensor<2x4x16xf32>
    ```
  }];
  let arguments = (ins SHLO_Tensor:$lhs, SHLO_Tensor:$rhs,
                       SHLO_DotDimensionNumbers:$dot_dimension_numbers,
                       OptionalAttr<SHLO_PrecisionConfigAttr>:
                           $precision_config);
  let results = (outs SHLO_Tensor:$result);
  // The empty literal keeps `, precision = [...]` next to the dimensions.
  let assemblyFormat = [{
    $lhs `,` $rhs `,` custom<DotDimensionNumbers>($dot_dimension_numbers) ``
    custom<PrecisionConfig>($precision_config) attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def StableHLO_ReduceOp : StableHLO_Op<"reduce", [RecursiveMemoryEffects,
    SameVariadicOperandSize]> {
  let summary = "Reduce tensors over dimensions with a reducer region";
  let description = [{
    Reduces each of `inputs` over `dimensions`, starting from the rank-0
    `init_values`. The body takes `2 * N` rank-0 tensors, the N accumulators
    then the N input elements, and returns N. When the body is a single
    commutative binary op, the op prints in the compact form.

    Example:
    ```mlir
    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
    %1:2 = stablehlo.reduce(%arg0 init: %cst), (%arg1 init: %c) across dimensions = [1] : (tensor<4x8xf32>, tensor<4x8xi32>, tensor<f32>, tensor<i32>) -> (tensor<4xf32>, tensor<4xi32>)
     reducer(%a: tensor<f32>, %b: tensor<f32>) (%i: tensor<i32>, %j: tensor<i32>)  {
      ...
      stablehlo.return %x, %y : tensor<f32>, tensor<i32>
    }
    ```
  }];
  let arguments = (ins Variadic<SHLO_Tensor>:$inputs,
                       Variadic<SHLO_Tensor>:$init_values,
                       DenseI64ArrayAttr:$dimensions);
  let results = (outs Variadic<SHLO_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasRegionVerifier = 1;
}

def StableHLO_ReturnOp : StableHLO_Op<"return", [Pure, Terminator,
    HasParent<"ReduceOp">]> {
  let summary = "Terminator of a reducer region";
  let description = [{
    Example:
    ```mlir
    stablehlo.return %0 : tensor<f32>
    ```
  }];
  let arguments = (ins Variadic<SHLO_Tensor>:$results);
  let assemblyFormat = "$results attr-dict (`:` type($results)^)?";
}

#endif // FPX_FRONTEND_STABLEHLO_STABLEHLOOPS_TD
