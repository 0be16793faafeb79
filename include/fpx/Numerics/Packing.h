//===- Packing.h - Bit-level weight pre-packing (TC-FPx) --------*- C++ -*-===//
//
// Two layouts for a matrix of narrow-float codes W[N,K]:
//
//  * RowMajor: a little-endian bit stream of `bitWidth` bits per code in
//    row-major order, stored in 32-bit words (a code may straddle two words);
//    one zero word of tail padding so that a 64-bit window read never runs off.
//
//  * TcFpx: the ahead-of-time pre-packing of TC-FPx (FP6-LLM) generalized to
//    any format. Each code is split, MSB first, into power-of-two bit segments
//    (FP6 = 2+4, FP5 = 1+4, FP4 = 4; the ZeroQuant(4+2) split). Every segment
//    is stored in its own array, laid out so that the lanes of a warp load the
//    bits of their `mma.m16n8k16` A fragments as 16-byte chunks:
//
//      block   = (16*fragsN) rows x (16*fragsK) cols, blocks in row-major order
//      in block: fragments (kf, mf) in kf-major order, 4 register pairs each
//      in lane: pair sequence P = (kf*fragsN + mf)*4 + j, packed 16/b pairs per
//               32-bit word; word w of a lane goes to chunk w/4, slot w%4
//      storage: [block][chunk][lane 0..31][slot 0..3] words
//
//    Register pair j of a fragment holds (row, col) = (g + 8*(j&1),
//    2t + 8*(j>>1) + e) for lane = 4g + t and element e in {0,1}. In a word,
//    pair p puts element 0's segment bits at [16-b(p+1), 16-bp) and element
//    1's at 16 bits above, so `(word << b*p) & topBits(b)` brings both
//    elements' bits to the top of their 16-bit halves at once.
//
//    N and K are padded up to the block shape with code 0 (+0.0).
//
// docs/Numerics.md has a picture.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_NUMERICS_PACKING_H
#define FPX_NUMERICS_PACKING_H

#include "fpx/Numerics/FloatFormat.h"

#include <cstdint>
#include <vector>

namespace fpx::numerics {

enum class PackedLayoutKind : uint8_t { RowMajor, TcFpx };

/// Shape of one TC-FPx block in mma fragments (16x16 each). fragsN*fragsK
/// must be a positive multiple of 16 so every segment width fills whole
/// 16-byte chunks per lane (getPackedLayout asserts isValid()).
struct TcFpxBlock {
  unsigned fragsN = 4;
  unsigned fragsK = 4;
  bool isValid() const;
};

/// Bit-segment widths of a format, MSB first: binary decomposition of the
/// bit width in ascending order (6 -> {2,4}, 5 -> {1,4}, 4 -> {4}).
std::vector<unsigned> getSegmentWidths(FloatFormat format);

/// Where the packed words of an N x K matrix live.
struct PackedLayout {
  PackedLayoutKind kind;
  FloatFormat format;
  int64_t rows = 0, cols = 0;             // logical N, K
  int64_t paddedRows = 0, paddedCols = 0; // TcFpx: rounded up to the block
  TcFpxBlock block;
  std::vector<unsigned> segmentWidths; // RowMajor: {bitWidth}
  std::vector<int64_t> segmentOffsets; // first word of each segment
  int64_t numWords = 0;                // total 32-bit words

  /// Word index and bit position (of the field's lowest bit) of segment
  /// `segment` of element (row, col); row < paddedRows, col < paddedCols.
  /// RowMajor has one segment, the whole code, which may continue into
  /// word+1 when bit + width > 32.
  struct BitLocation {
    int64_t word;
    unsigned bit;
  };
  BitLocation locate(unsigned segment, int64_t row, int64_t col) const;
};

PackedLayout getPackedLayout(PackedLayoutKind kind, FloatFormat format,
                             int64_t rows, int64_t cols,
                             TcFpxBlock block = TcFpxBlock());

/// Packs row-major codes (one per byte, rows x cols) into `layout`.
std::vector<uint32_t> pack(const PackedLayout &layout,
                           const std::vector<uint8_t> &codes);
/// Exact inverse of pack() on the logical rows x cols (padding dropped).
std::vector<uint8_t> unpack(const PackedLayout &layout,
                            const std::vector<uint32_t> &words);

} // namespace fpx::numerics

#endif // FPX_NUMERICS_PACKING_H
