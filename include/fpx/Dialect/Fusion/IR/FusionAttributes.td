//===- FusionAttributes.td - Fusion attributes -------------*- tablegen -*-===//

#ifndef FPX_DIALECT_FUSION_FUSIONATTRIBUTES_TD
#define FPX_DIALECT_FUSION_FUSIONATTRIBUTES_TD

include "fpx/Dialect/Fusion/IR/FusionDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Fusion_KindLoop : I32EnumAttrCase<"Loop", 0, "loop">;
def Fusion_KindInput : I32EnumAttrCase<"Input", 1, "input">;
def Fusion_KindStitch : I32EnumAttrCase<"Stitch", 2, "stitch">;
def Fusion_Kind : I32EnumAttr<"FusionKind", "kind of fusion group",
    [Fusion_KindLoop, Fusion_KindInput, Fusion_KindStitch]> {
  let cppNamespace = "::fpx::fusion";
  let description = [{
    `loop`: elementwise/broadcast/reshape ops, one thread per output element.
    `input`: rooted at one reduction whose inputs are fused in.
    `stitch`: several reductions and their broadcast consumers (RMSNorm,
    softmax) stitched through shared or global memory.
  }];
}

def Fusion_StitchIndependent : I32EnumAttrCase<"Independent", 0, "independent">;
def Fusion_StitchRegister : I32EnumAttrCase<"Register", 1, "register">;
def Fusion_StitchShared : I32EnumAttrCase<"Shared", 2, "shared">;
def Fusion_StitchGlobal : I32EnumAttrCase<"Global", 3, "global">;
def Fusion_StitchScheme : I32EnumAttr<"StitchScheme",
    "how an intermediate value reaches its consumers inside a kernel",
    [Fusion_StitchIndependent, Fusion_StitchRegister, Fusion_StitchShared,
     Fusion_StitchGlobal]> {
  let cppNamespace = "::fpx::fusion";
  let genSpecializedAttr = 0;
}

def Fusion_StitchAttr : EnumAttr<Fusion_Dialect, Fusion_StitchScheme, "stitch"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // FPX_DIALECT_FUSION_FUSIONATTRIBUTES_TD
