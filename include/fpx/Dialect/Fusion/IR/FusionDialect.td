//===- FusionDialect.td - Fusion groups --------------------*- tablegen -*-===//

#ifndef FPX_DIALECT_FUSION_FUSIONDIALECT_TD
#define FPX_DIALECT_FUSION_FUSIONDIALECT_TD

include "mlir/IR/OpBase.td"

def Fusion_Dialect : Dialect {
  let name = "fpx_fusion";
  let cppNamespace = "::fpx::fusion";
  let summary = "Groups of memory-bound ops stitched into one kernel";
  let description = [{
    FusionStitching's unit of code generation: a `fpx_fusion.group` holds a
    set of memory-bound tensor ops (elementwise, broadcasts, reductions,
    reshapes) that become one GPU kernel. Each intermediate value may carry a
    `fpx_fusion.stitch` attribute saying how it passes from producer to
    consumers inside the kernel: `independent` (no exchange needed),
    `register` (same thread), `shared` (through shared memory within a
    block) or `global` (through global memory with a grid-wide barrier).
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
}

class Fusion_Op<string mnemonic, list<Trait> traits = []>
    : Op<Fusion_Dialect, mnemonic, traits>;

#endif // FPX_DIALECT_FUSION_FUSIONDIALECT_TD
