//===- FusionOps.td - Fusion ops ---------------------------*- tablegen -*-===//

#ifndef FPX_DIALECT_FUSION_FUSIONOPS_TD
#define FPX_DIALECT_FUSION_FUSIONOPS_TD

include "fpx/Dialect/Fusion/IR/FusionDialect.td"
include "fpx/Dialect/Fusion/IR/FusionAttributes.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Fusion_GroupOp : Fusion_Op<"group", [IsolatedFromAbove,
    SingleBlockImplicitTerminator<"YieldOp">, RecursiveMemoryEffects]> {
  let summary = "A group of memory-bound ops that becomes one kernel";
  let description = [{
    The region's block arguments stand for `inputs`; the ops inside compute
    the values that `fpx_fusion.yield` returns as the group's results. Only
    memory-bound, side-effect-free tensor ops may be grouped: matmuls and
    convolutions stay outside, and groups do not nest. An op inside may carry
    `fpx_fusion.stitch = #fpx_fusion.stitch<...>` to fix how its result is
    passed on inside the kernel; `shared` and `global` need kind `input` or
    `stitch`.

    Example (RMSNorm, one kernel):
    ```mlir
    %y = fpx_fusion.group stitch ins(%x, %g)
        : (tensor<16x4096xf16>, tensor<4096xf16>) -> tensor<16x4096xf16> {
    ^bb0(%a: tensor<16x4096xf16>, %b: tensor<4096xf16>):
      ...
      %sum = linalg.reduce ... {fpx_fusion.stitch = #fpx_fusion.stitch<shared>}
      ...
      fpx_fusion.yield %r : tensor<16x4096xf16>
    }
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs, Fusion_Kind:$kind);
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $kind (`ins` `(` $inputs^ `)`)? attr-dict-with-keyword `:`
    functional-type($inputs, $results) $body
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::TypeRange":$resultTypes, "::mlir::ValueRange":$inputs,
                   "::fpx::fusion::FusionKind":$kind)>
  ];
}

def Fusion_YieldOp : Fusion_Op<"yield", [Pure, Terminator, ReturnLike,
    HasParent<"GroupOp">]> {
  let summary = "Results of a fusion group";
  let description = [{
    Example: `fpx_fusion.yield %a, %b : tensor<16xf32>, tensor<16x8xf32>`
  }];
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
  let builders = [OpBuilder<(ins), [{ /* nothing to yield */ }]>];
}

#endif // FPX_DIALECT_FUSION_FUSIONOPS_TD
