//===- SparseDialect.td - Tiled-CSL sparse weights ---------*- tablegen -*-===//

#ifndef FPX_DIALECT_SPARSE_SPARSEDIALECT_TD
#define FPX_DIALECT_SPARSE_SPARSEDIALECT_TD

include "mlir/IR/OpBase.td"

def Sparse_Dialect : Dialect {
  let name = "fpx_sparse";
  let cppNamespace = "::fpx::sparse";
  let summary = "Unstructured-sparse weights in Tiled-CSL (Flash-LLM)";
  let description = [{
    Pruned weights stored as Tiled-CSL: the N x K weight is cut into tiles;
    each tile's non-zeros are stored contiguously as (value, location in
    tile) pairs, and `tile_offsets[t]` is the index of tile t's first
    non-zero. Kernels load the sparse tiles and expand them into shared
    memory to compute densely on Tensor Cores ("Load-as-Sparse,
    Compute-as-Dense").
  }];
  let useDefaultTypePrinterParser = 1;
}

class Sparse_Op<string mnemonic, list<Trait> traits = []>
    : Op<Sparse_Dialect, mnemonic, traits>;

#endif // FPX_DIALECT_SPARSE_SPARSEDIALECT_TD
