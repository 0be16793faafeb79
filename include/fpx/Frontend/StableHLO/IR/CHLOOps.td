//===- CHLOOps.td - The chlo ops JAX emits -----------------*- tablegen -*-===//
//
// The umbrella file of the `chlo` dialect: the client-side HLO ops that JAX
// emits next to StableHLO (today `chlo.erf` and `chlo.erfc`, from exact GELU).
//
//===----------------------------------------------------------------------===//

#ifndef FPX_FRONTEND_STABLEHLO_CHLOOPS_TD
#define FPX_FRONTEND_STABLEHLO_CHLOOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def CHLO_Dialect : Dialect {
  let name = "chlo";
  let cppNamespace = "::fpx::chlo";
  let summary = "The CHLO ops that JAX emits for transformer models";
  let description = [{
    FPX's definition of the `chlo` ops found in JAX output, printed and
    parsed as upstream StableHLO's CHLO dialect does.
    `--convert-stablehlo-to-linalg` lowers them together with `stablehlo`.
  }];
}

def CHLO_ErfOp : Op<CHLO_Dialect, "erf", [Pure, SameOperandsAndResultType]> {
  let summary = "Elementwise Gauss error function";
  let description = [{
    `erf(x)` of each element; `jax.nn.gelu(x, approximate=False)` emits it.

    Example:
    ```mlir
    %0 = chlo.erf %arg0 : tensor<4xf32> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins RankedTensorOf<[AnyFloat]>:$operand);
  let results = (outs RankedTensorOf<[AnyFloat]>:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` type($operand) `->` type($result)
  }];
}

def CHLO_ErfcOp : Op<CHLO_Dialect, "erfc", [Pure, SameOperandsAndResultType]> {
  let summary = "Elementwise complementary error function";
  let description = [{
    `erfc(x) = 1 - erf(x)` of each element, computed without the
    cancellation of that difference for large `x`; recent JAX writes
    `jax.nn.gelu(x, approximate=False)` with it.

    Example:
    ```mlir
    %0 = chlo.erfc %arg0 : tensor<4xf32> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins RankedTensorOf<[AnyFloat]>:$operand);
  let results = (outs RankedTensorOf<[AnyFloat]>:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` type($operand) `->` type($result)
  }];
}

#endif // FPX_FRONTEND_STABLEHLO_CHLOOPS_TD
