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

    Example (a row sum of squares feeding a broadcast consumer, one kernel):
    ```mlir
    %y = fpx_fusion.group stitch ins(%x) : (tensor<16x64xf32>) -> tensor<16x64xf32> {
    ^bb0(%a: tensor<16x64xf32>):
      %e = tensor.empty() : tensor<16x64xf32>
      %sq = linalg.mul ins(%a, %a : tensor<16x64xf32>, tensor<16x64xf32>)
                       outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
      %z = arith.constant 0.0 : f32
      %er = tensor.empty() : tensor<16xf32>
      %init = linalg.fill ins(%z : f32) outs(%er : tensor<16xf32>) -> tensor<16xf32>
      %sum = linalg.reduce ins(%sq : tensor<16x64xf32>) outs(%init : tensor<16xf32>)
          dimensions = [1] {fpx_fusion.stitch = #fpx_fusion.stitch<shared>}
        (%in: f32, %acc: f32) {
          %s = arith.addf %in, %acc : f32
          linalg.yield %s : f32
        }
      %b = linalg.broadcast ins(%sum : tensor<16xf32>) outs(%e : tensor<16x64xf32>)
          dimensions = [1]
      %r = linalg.div ins(%a, %b : tensor<16x64xf32>, tensor<16x64xf32>)
                      outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
      fpx_fusion.yield %r : tensor<16x64xf32>
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
