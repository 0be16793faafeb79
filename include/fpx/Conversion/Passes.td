//===- Passes.td - FPX conversion passes -------------------*- tablegen -*-===//

#ifndef FPX_CONVERSION_PASSES_TD
#define FPX_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertFPxToLinalg : Pass<"convert-fpx-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower fpx ops to linalg/tensor/arith (CPU reference path)";
  let description = [{
    `fpx.dequantize` becomes a `linalg.generic` that reads each element's
    bits from the packed words (in either layout), decodes them through a
    small table of the format's values and multiplies by the scale.
    `fpx.qmatmul` becomes dequantize, a `linalg.matmul` accumulating in f32
    (with the weight transposed through `indexing_maps`), and an elementwise
    epilogue for bias and activation. `fpx.quantize` becomes a call to
    `fpxQuantizeF32`, served by the FPX CPU runtime library (the same numerics
    code that packs constant weights at compile time).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect"];
}

#endif // FPX_CONVERSION_PASSES_TD
