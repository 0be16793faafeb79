//===- SparseOps.td - Tiled-CSL ops ------------------------*- tablegen -*-===//

#ifndef FPX_DIALECT_SPARSE_SPARSEOPS_TD
#define FPX_DIALECT_SPARSE_SPARSEOPS_TD

include "fpx/Dialect/Sparse/IR/SparseDialect.td"
include "fpx/Dialect/Sparse/IR/SparseTypes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Sparse_AssembleOp : Sparse_Op<"assemble", [Pure]> {
  let summary = "Build a Tiled-CSL weight from its arrays";
  let description = [{
    `tile_offsets` has one entry per tile plus a final one equal to `nnz`;
    `values` and `locations` hold the non-zeros, tile after tile.

    Example:
    ```mlir
    %w = fpx_sparse.assemble %offsets, %values, %locations
        : tensor<5xi32>, tensor<100xf16>, tensor<100xi16>
        -> !fpx_sparse.tiled_csl<128x128xf16, tile = 64x64, nnz = 100>
    ```
  }];
  let arguments = (ins 1DTensorOf<[I32]>:$tile_offsets,
                       1DTensorOf<[F16, BF16]>:$values,
                       1DTensorOf<[I16]>:$locations);
  let results = (outs Sparse_TiledCSLType:$result);
  let assemblyFormat = [{
    $tile_offsets `,` $values `,` $locations attr-dict `:` type($tile_offsets)
    `,` type($values) `,` type($locations) `->` qualified(type($result))
  }];
  let hasVerifier = 1;
}

def Sparse_SpMMOp : Sparse_Op<"spmm", [Pure]> {
  let summary = "Activations times a Tiled-CSL weight";
  let description = [{
    `result[..., m, n] = sum_k input[..., m, k] * W[n, k]` with W sparse.
    Input and weight share the element type; the result is that type or f32.
    The reduction accumulates in f32.

    Example:
    ```mlir
    %y = fpx_sparse.spmm %x, %w : tensor<16x128xf16>,
        !fpx_sparse.tiled_csl<256x128xf16, tile = 64x64, nnz = 3000>
        -> tensor<16x256xf16>
    ```
  }];
  let arguments = (ins RankedTensorOf<[F16, BF16]>:$input,
                       Sparse_TiledCSLType:$weight);
  let results = (outs RankedTensorOf<[F16, BF16, F32]>:$result);
  let assemblyFormat = [{
    $input `,` $weight attr-dict `:` type($input) `,` qualified(type($weight))
    `->` type($result)
  }];
  let hasVerifier = 1;
}

#endif // FPX_DIALECT_SPARSE_SPARSEOPS_TD
