//===- FPxAttributes.td - FPx attributes -------------------*- tablegen -*-===//

#ifndef FPX_DIALECT_FPX_FPXATTRIBUTES_TD
#define FPX_DIALECT_FPX_FPXATTRIBUTES_TD

include "fpx/Dialect/FPx/IR/FPxDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def FPx_FormatE3M2 : I32EnumAttrCase<"E3M2", 0, "e3m2">;
def FPx_FormatE2M3 : I32EnumAttrCase<"E2M3", 1, "e2m3">;
def FPx_FormatE2M2 : I32EnumAttrCase<"E2M2", 2, "e2m2">;
def FPx_FormatE2M1 : I32EnumAttrCase<"E2M1", 3, "e2m1">;
def FPx_Format : I32EnumAttr<"FloatFormatKind",
    "narrow float format of a quantized weight",
    [FPx_FormatE3M2, FPx_FormatE2M3, FPx_FormatE2M2, FPx_FormatE2M1]> {
  let cppNamespace = "::fpx";
  let genSpecializedAttr = 0;
}

def FPx_LayoutRowMajor : I32EnumAttrCase<"RowMajor", 0, "row_major">;
def FPx_LayoutTcFpx : I32EnumAttrCase<"TcFpx", 1, "tc_fpx">;
def FPx_Layout : I32EnumAttr<"PackedLayoutKind",
    "bit layout of packed weight words",
    [FPx_LayoutRowMajor, FPx_LayoutTcFpx]> {
  let cppNamespace = "::fpx";
  let genSpecializedAttr = 0;
}

def FPx_ActNone : I32EnumAttrCase<"None", 0, "none">;
def FPx_ActRelu : I32EnumAttrCase<"Relu", 1, "relu">;
def FPx_ActSilu : I32EnumAttrCase<"Silu", 2, "silu">;
def FPx_ActGeluTanh : I32EnumAttrCase<"GeluTanh", 3, "gelu_tanh">;
def FPx_ActGeluErf : I32EnumAttrCase<"GeluErf", 4, "gelu_erf">;
def FPx_Activation : I32EnumAttr<"Activation",
    "activation fused into a matmul epilogue",
    [FPx_ActNone, FPx_ActRelu, FPx_ActSilu, FPx_ActGeluTanh, FPx_ActGeluErf]> {
  let cppNamespace = "::fpx";
  let genSpecializedAttr = 0;
}

class FPx_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<FPx_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def FPx_ActivationAttr : EnumAttr<FPx_Dialect, FPx_Activation, "activation"> {
  let assemblyFormat = "`<` $value `>`";
}

def FPx_PackingAttr : FPx_Attr<"Packing", "packing"> {
  let summary = "How a quantized weight W[N,K] is stored";
  let description = [{
    Records everything needed to read a packed weight: the narrow float
    `format`, the logical `rows` (N, output channels) and `cols` (K,
    reduction), the scale granularity (`group_size` = 0: one fp16 scale per
    output channel; otherwise one per `group_size` consecutive K elements),
    and the bit `layout` of the 32-bit words. `tc_fpx` is the Tensor Core
    pre-packed layout (docs/Numerics.md); its block is `block_n` x `block_k`
    mma fragments of 16x16.

    Example:
    ```mlir
    #fpx.packing<format = e3m2, rows = 4096, cols = 4096, group_size = 0,
                 layout = tc_fpx, block_n = 4, block_k = 4>
    ```
  }];
  let parameters = (ins
    EnumParameter<FPx_Format>:$format,
    "int64_t":$rows,
    "int64_t":$cols,
    DefaultValuedParameter<"int64_t", "0">:$group_size,
    EnumParameter<FPx_Layout>:$layout,
    DefaultValuedParameter<"unsigned", "4">:$block_n,
    DefaultValuedParameter<"unsigned", "4">:$block_k
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The numerics library's description of this layout.
    ::fpx::numerics::PackedLayout getNumericsLayout() const;
    ::fpx::numerics::FloatFormat getFloatFormat() const;
    /// Number of 32-bit words of the packed weight.
    int64_t getNumWords() const;
    int64_t getNumScaleGroups() const;
    /// [N] for per-channel scales, [N, groups] for group-wise ones.
    ::llvm::SmallVector<int64_t> getScaleShape() const;
  }];
}

#endif // FPX_DIALECT_FPX_FPXATTRIBUTES_TD
