//===- StableHLODialect.td - StableHLO op subset -----------*- tablegen -*-===//

#ifndef FPX_FRONTEND_STABLEHLO_STABLEHLODIALECT_TD
#define FPX_FRONTEND_STABLEHLO_STABLEHLODIALECT_TD

include "mlir/IR/OpBase.td"

def StableHLO_Dialect : Dialect {
  let name = "stablehlo";
  let cppNamespace = "::fpx::stablehlo";
  let summary = "The subset of StableHLO that JAX emits for transformer models";
  let description = [{
    FPX's own definition of the StableHLO ops that `jax.jit(f).lower(...)
    .as_text()` prints for LLaMA-style models. No StableHLO package is
    needed: the custom assembly of every op reads and prints the text exactly
    as JAX (through upstream StableHLO) writes it, and the generic form
    `"stablehlo.add"(%a, %b) : (...) -> ...` is accepted as well.

    `--convert-stablehlo-to-linalg` lowers these ops to `linalg`, `tensor`,
    `arith` and `math` on tensors. Ops of StableHLO that are not defined here
    (control flow, collectives, custom calls, ...) are rejected by the parser.
  }];
  let useDefaultAttributePrinterParser = 1;
}

class StableHLO_Op<string mnemonic, list<Trait> traits = []>
    : Op<StableHLO_Dialect, mnemonic, traits>;

// Element types the frontend accepts. Unsigned integers parse but the
// conversion rejects them (linalg and arith work on signless integers).
def SHLO_Tensor : RankedTensorOf<[AnyFloat, AnyInteger]>;
def SHLO_FloatTensor : RankedTensorOf<[AnyFloat]>;
def SHLO_IntTensor : RankedTensorOf<[AnyInteger]>;
def SHLO_PredTensor : RankedTensorOf<[I1]>;
def SHLO_ScalarIntTensor : 0DTensorOf<[AnyInteger]>;

#endif // FPX_FRONTEND_STABLEHLO_STABLEHLODIALECT_TD
