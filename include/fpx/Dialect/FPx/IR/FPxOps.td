//===- FPxOps.td - FPx quantization ops --------------------*- tablegen -*-===//

#ifndef FPX_DIALECT_FPX_FPXOPS_TD
#define FPX_DIALECT_FPX_FPXOPS_TD

include "fpx/Dialect/FPx/IR/FPxDialect.td"
include "fpx/Dialect/FPx/IR/FPxAttributes.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def FPx_FloatTensor : RankedTensorOf<[F16, BF16, F32]>;
def FPx_WordTensor : 1DTensorOf<[I32]>;
def FPx_ScaleTensor : RankedTensorOf<[F16]>;

def FPx_QuantizeOp : FPx_Op<"quantize", [Pure]> {
  let summary = "Quantize a weight matrix to packed narrow floats";
  let description = [{
    Quantizes `weight` (N x K, output channels x reduction) to the format of
    `packing`, computing fp16 scales (per channel or per group, the one of
    absmax / max value of the format times (16 + i) / 16, i = 0..15, with the
    least squared error; docs/Numerics.md) and the packed words in the
    packing's layout.
    With a constant operand it folds to constants at compile time, so
    quantized weights ship pre-packed.

    Example:
    ```mlir
    %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e3m2,
        rows = 96, cols = 64, layout = tc_fpx>}
        : tensor<96x64xf32> -> tensor<1536xi32>, tensor<96xf16>
    ```
  }];
  let arguments = (ins FPx_FloatTensor:$weight, FPx_PackingAttr:$packing);
  let results = (outs FPx_WordTensor:$words, FPx_ScaleTensor:$scales);
  let assemblyFormat = [{
    $weight attr-dict `:` type($weight) `->` type($words) `,` type($scales)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def FPx_DequantizeOp : FPx_Op<"dequantize", [Pure]> {
  let summary = "Expand packed narrow-float weights to a dense tensor";
  let description = [{
    Decodes the packed `words` and multiplies by `scales`, giving the N x K
    weight in f16, bf16 or f32.

    Example:
    ```mlir
    %w = fpx.dequantize %words, %scales {packing = #fpx.packing<format = e2m1,
        rows = 96, cols = 64, layout = row_major>}
        : tensor<769xi32>, tensor<96xf16> -> tensor<96x64xf32>
    ```
  }];
  let arguments = (ins FPx_WordTensor:$words, FPx_ScaleTensor:$scales,
                       FPx_PackingAttr:$packing);
  let results = (outs FPx_FloatTensor:$result);
  let assemblyFormat = [{
    $words `,` $scales attr-dict `:` type($words) `,` type($scales) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def FPx_QMatmulOp : FPx_Op<"qmatmul", [Pure]> {
  let summary = "Matmul with a packed narrow-float weight and fused epilogue";
  let description = [{
    `result[..., m, n] = act(sum_k input[..., m, k] * W[n, k] + bias[n])`
    where W is the weight packed in `words` with `scales` as described by
    `packing`. `input` has the shape `[batch..., M, K]` with the weight shared
    across the batch. Activations and results are f16, bf16 or f32; the
    reduction accumulates in f32. `bias` (shape [N], same element type as the
    result) and `activation` form the optional epilogue.

    Example:
    ```mlir
    %y = fpx.qmatmul %x, %words, %scales bias %b {activation = #fpx.activation<silu>,
        packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
        : (tensor<8x64xf16>, tensor<1536xi32>, tensor<96xf16>, tensor<96xf16>)
        -> tensor<8x96xf16>
    ```
  }];
  let arguments = (ins FPx_FloatTensor:$input, FPx_WordTensor:$words,
                       FPx_ScaleTensor:$scales,
                       Optional<RankedTensorOf<[F16, BF16, F32]>>:$bias,
                       FPx_PackingAttr:$packing,
                       DefaultValuedAttr<FPx_ActivationAttr,
                           "::fpx::Activation::None">:$activation);
  let results = (outs FPx_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $words `,` $scales (`bias` $bias^)? attr-dict `:`
    `(` type($input) `,` type($words) `,` type($scales) (`,` type($bias)^)? `)`
    `->` type($result)
  }];
  let hasVerifier = 1;
}

def FPx_DispatchOp : FPx_Op<"dispatch", [AttrSizedOperandSegments,
    DestinationStyleOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "Run a generated GPU kernel (or runtime routine) on buffers";
  let description = [{
    One step of a model compiled for the GPU: a fusion group's kernel
    (`kind = "fusion"`) or an `fpx.qmatmul`'s kernels (`kind = "qmatmul"`),
    launched as `launch` (the `fpx.launch` facts the kernel generators
    recorded) with `inputs` read and `outputs` written. It is in destination
    style: on tensors each output is tied to a result and bufferization
    writes the results in place of the outputs; on memrefs it has no
    results. `--fpx-gpu-dispatch-kernels` creates it; the GPU artifact
    writer turns it into a launch.

    Example:
    ```mlir
    %y = fpx.dispatch "fusion" ins(%x : tensor<16x64xf16>)
        outs(%e : tensor<16x64xf16>) {launch = {kernel = "forward_group_0"}}
        -> tensor<16x64xf16>
    ```
  }];
  let arguments = (ins StrAttr:$kind, DictionaryAttr:$launch,
                       Variadic<AnyShaped>:$inputs,
                       Variadic<AnyShaped>:$outputs);
  let results = (outs Variadic<AnyRankedTensor>:$results);
  let assemblyFormat = [{
    $kind (`ins` `(` $inputs^ `:` type($inputs) `)`)?
    `outs` `(` $outputs `:` type($outputs) `)` attr-dict (`->` type($results)^)?
  }];
  let extraClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() {
      return getOutputsMutable();
    }
    /// The launched kernel's name (the `kernel` entry of `launch`).
    ::llvm::StringRef getKernelName();
  }];
  let hasVerifier = 1;
}

#endif // FPX_DIALECT_FPX_FPXOPS_TD
