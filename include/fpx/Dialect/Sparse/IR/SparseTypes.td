//===- SparseTypes.td - Tiled-CSL type ---------------------*- tablegen -*-===//

#ifndef FPX_DIALECT_SPARSE_SPARSETYPES_TD
#define FPX_DIALECT_SPARSE_SPARSETYPES_TD

include "fpx/Dialect/Sparse/IR/SparseDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinTypeInterfaces.td"

def Sparse_TiledCSLType : TypeDef<Sparse_Dialect, "TiledCSL"> {
  let mnemonic = "tiled_csl";
  let summary = "A pruned N x K weight in Tiled-CSL format";
  let description = [{
    `rows` x `cols` (N output channels x K) weight of `elementType` (f16 or
    bf16) with `nnz` stored non-zeros, cut into `tileRows` x `tileCols`
    tiles in row-major tile order. A location is the row-major offset of the
    element inside its tile and must fit 16 bits, so a tile holds at most
    65536 elements.

    Example: `!fpx_sparse.tiled_csl<4096x4096xf16, tile = 64x64, nnz = 1677722>`
  }];
  let parameters = (ins "int64_t":$rows, "int64_t":$cols,
                        "::mlir::Type":$elementType,
                        "int64_t":$tileRows, "int64_t":$tileCols,
                        "int64_t":$nnz);
  let assemblyFormat = [{
    `<` custom<Shape>($rows, $cols, $elementType) `,` `tile` `=`
    custom<Tile>($tileRows, $tileCols) `,` `nnz` `=` $nnz `>`
  }];
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    int64_t getNumTileRows() const { return (getRows() + getTileRows() - 1) / getTileRows(); }
    int64_t getNumTileCols() const { return (getCols() + getTileCols() - 1) / getTileCols(); }
    int64_t getNumTiles() const { return getNumTileRows() * getNumTileCols(); }
  }];
}

#endif // FPX_DIALECT_SPARSE_SPARSETYPES_TD
