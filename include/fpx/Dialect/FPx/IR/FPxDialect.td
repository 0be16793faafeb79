//===- FPxDialect.td - FPx quantization dialect ------------*- tablegen -*-===//

#ifndef FPX_DIALECT_FPX_FPXDIALECT_TD
#define FPX_DIALECT_FPX_FPXDIALECT_TD

include "mlir/IR/OpBase.td"

def FPx_Dialect : Dialect {
  let name = "fpx";
  let cppNamespace = "::fpx";
  let summary = "Narrow-float (FP6/FP5/FP4) weight quantization";
  let description = [{
    Linear layers whose weights are stored in 6-, 5- or 4-bit floats with fp16
    scales, as in TC-FPx (FP6-LLM) and ZeroQuant(4+2). A packed weight is a
    1-D i32 tensor of words (exactly as many as the packing needs) plus a
    tensor of fp16 scales; the
    `#fpx.packing` attribute on every op that touches it records the format,
    the logical N x K shape, the scale granularity and the bit layout
    (plain row-major or TC-FPx pre-packed for Tensor Core fragments).
  }];
  let useDefaultAttributePrinterParser = 1;
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
  let hasConstantMaterializer = 1;
  // `fpx.weight` marks function arguments that fpx-quantize-weights quantizes.
  let hasRegionArgAttrVerify = 1;
}

class FPx_Op<string mnemonic, list<Trait> traits = []>
    : Op<FPx_Dialect, mnemonic, traits>;

#endif // FPX_DIALECT_FPX_FPXDIALECT_TD
