//===- Packing.cpp - Bit-level weight pre-packing (TC-FPx) ----------------===//
//
// PackedLayout::locate() is the only place that knows where bits go; pack()
// and unpack() just move each segment to or from the location it names.
//
//===----------------------------------------------------------------------===//

#include "fpx/Numerics/Packing.h"

#include <cassert>

using namespace fpx::numerics;

namespace {

constexpr unsigned kFragSize = 16; // mma.m16n8k16 A fragment: 16 x 16.
constexpr unsigned kWarpLanes = 32;
constexpr unsigned kPairsPerFrag = 4;  // Register pairs a[2j], a[2j+1].
constexpr unsigned kWordsPerChunk = 4; // 16 bytes: one cp.async per lane.

int64_t roundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

/// Words of a `width`-bit segment in one block: each lane holds
/// 4 pairs * fragments * 2 elements * width bits.
int64_t wordsPerBlock(const TcFpxBlock &block, unsigned width) {
  return int64_t(kWarpLanes) * kPairsPerFrag * block.fragsN * block.fragsK * 2 *
         width / 32;
}

/// How far segment `segment` sits above the code's LSB (segments go MSB
/// first).
unsigned segmentShift(const PackedLayout &layout, unsigned segment) {
  unsigned shift = layout.format.bitWidth();
  for (unsigned i = 0; i <= segment; ++i)
    shift -= layout.segmentWidths[i];
  return shift;
}

} // namespace

bool TcFpxBlock::isValid() const {
  return fragsN > 0 && fragsK > 0 && (fragsN * fragsK) % 16 == 0;
}

std::vector<unsigned> fpx::numerics::getSegmentWidths(FloatFormat format) {
  // Set bits of the width, low to high: the narrow segments come first and
  // hold the most significant bits.
  std::vector<unsigned> widths;
  unsigned bitWidth = format.bitWidth();
  for (unsigned width = 1; width <= bitWidth; width <<= 1)
    if (bitWidth & width)
      widths.push_back(width);
  return widths;
}

PackedLayout fpx::numerics::getPackedLayout(PackedLayoutKind kind,
                                            FloatFormat format, int64_t rows,
                                            int64_t cols, TcFpxBlock block) {
  assert(rows >= 0 && cols >= 0 && "negative shape");
  assert(format.bitWidth() <= 8 && "codes are stored one per byte");
  PackedLayout layout;
  layout.kind = kind;
  layout.format = format;
  layout.rows = rows;
  layout.cols = cols;
  layout.block = block;

  if (kind == PackedLayoutKind::RowMajor) {
    unsigned width = format.bitWidth();
    layout.paddedRows = rows;
    layout.paddedCols = cols;
    layout.segmentWidths = {width};
    layout.segmentOffsets = {0};
    // Plus one zero word so a 64-bit window at the last code stays in bounds.
    layout.numWords = (rows * cols * width + 31) / 32 + 1;
    return layout;
  }

  assert(block.isValid() &&
         "fragsN * fragsK must be a positive multiple of 16");
  layout.paddedRows = roundUp(rows, int64_t(kFragSize) * block.fragsN);
  layout.paddedCols = roundUp(cols, int64_t(kFragSize) * block.fragsK);
  layout.segmentWidths = getSegmentWidths(format);
  int64_t numBlocks = layout.paddedRows / (kFragSize * block.fragsN) *
                      (layout.paddedCols / (kFragSize * block.fragsK));
  int64_t offset = 0;
  for (unsigned width : layout.segmentWidths) {
    layout.segmentOffsets.push_back(offset);
    offset += numBlocks * wordsPerBlock(block, width);
  }
  layout.numWords = offset;
  return layout;
}

PackedLayout::BitLocation PackedLayout::locate(unsigned segment, int64_t row,
                                               int64_t col) const {
  assert(segment < segmentWidths.size() && "no such segment");
  assert(row >= 0 && row < paddedRows && col >= 0 && col < paddedCols &&
         "element out of range");
  unsigned width = segmentWidths[segment];

  if (kind == PackedLayoutKind::RowMajor) {
    int64_t firstBit = (row * cols + col) * width;
    return {firstBit / 32, static_cast<unsigned>(firstBit % 32)};
  }

  int64_t blockRows = int64_t(kFragSize) * block.fragsN;
  int64_t blockCols = int64_t(kFragSize) * block.fragsK;
  int64_t blockIndex =
      row / blockRows * (paddedCols / blockCols) + col / blockCols;

  // Fragment within the block, kf-major.
  int64_t mf = row % blockRows / kFragSize;
  int64_t kf = col % blockCols / kFragSize;
  int64_t fragIndex = kf * block.fragsN + mf;

  // mma.m16n8k16 A fragment: lane 4g+t holds rows g and g+8, columns 2t, 2t+1
  // and 2t+8, 2t+9; pair j picks the row half (bit 0) and column half (bit 1).
  unsigned fragRow = static_cast<unsigned>(row % kFragSize);
  unsigned fragCol = static_cast<unsigned>(col % kFragSize);
  unsigned group = fragRow % 8;
  unsigned threadInGroup = fragCol % 8 / 2;
  unsigned element = fragCol % 2;
  unsigned pair = fragRow / 8 + 2 * (fragCol / 8);
  unsigned lane = 4 * group + threadInGroup;

  // The lane's pairs in sequence, 16/width pairs per word, first pair at the
  // top of each 16-bit half so a left shift by width*p exposes pair p.
  int64_t pairSeq = fragIndex * kPairsPerFrag + pair;
  unsigned pairsPerWord = 16 / width;
  int64_t laneWord = pairSeq / pairsPerWord;
  unsigned pairInWord = static_cast<unsigned>(pairSeq % pairsPerWord);
  int64_t chunk = laneWord / kWordsPerChunk;
  int64_t slot = laneWord % kWordsPerChunk;

  int64_t word = segmentOffsets[segment] +
                 blockIndex * wordsPerBlock(block, width) +
                 (chunk * kWarpLanes + lane) * kWordsPerChunk + slot;
  unsigned bit = 16 - width * (pairInWord + 1) + 16 * element;
  return {word, bit};
}

std::vector<uint32_t> fpx::numerics::pack(const PackedLayout &layout,
                                          const std::vector<uint8_t> &codes) {
  assert(static_cast<int64_t>(codes.size()) == layout.rows * layout.cols &&
         "codes do not match the layout shape");
  // Padding elements are code 0, so zero-filled words already hold them.
  std::vector<uint32_t> words(static_cast<size_t>(layout.numWords), 0);
  for (unsigned segment = 0; segment < layout.segmentWidths.size(); ++segment) {
    unsigned shift = segmentShift(layout, segment);
    uint32_t mask = (1u << layout.segmentWidths[segment]) - 1;
    for (int64_t row = 0; row < layout.rows; ++row) {
      for (int64_t col = 0; col < layout.cols; ++col) {
        uint32_t bits = (codes[row * layout.cols + col] >> shift) & mask;
        PackedLayout::BitLocation loc = layout.locate(segment, row, col);
        // A 64-bit field handles a RowMajor code straddling two words.
        uint64_t field = static_cast<uint64_t>(bits) << loc.bit;
        words[loc.word] |= static_cast<uint32_t>(field);
        if (field >> 32)
          words[loc.word + 1] |= static_cast<uint32_t>(field >> 32);
      }
    }
  }
  return words;
}

std::vector<uint8_t> fpx::numerics::unpack(const PackedLayout &layout,
                                           const std::vector<uint32_t> &words) {
  assert(static_cast<int64_t>(words.size()) == layout.numWords &&
         "words do not match the layout");
  std::vector<uint8_t> codes(static_cast<size_t>(layout.rows * layout.cols), 0);
  for (unsigned segment = 0; segment < layout.segmentWidths.size(); ++segment) {
    unsigned width = layout.segmentWidths[segment];
    unsigned shift = segmentShift(layout, segment);
    uint32_t mask = (1u << width) - 1;
    for (int64_t row = 0; row < layout.rows; ++row) {
      for (int64_t col = 0; col < layout.cols; ++col) {
        PackedLayout::BitLocation loc = layout.locate(segment, row, col);
        uint64_t window = words[loc.word];
        if (loc.bit + width > 32)
          window |= static_cast<uint64_t>(words[loc.word + 1]) << 32;
        uint32_t bits = static_cast<uint32_t>(window >> loc.bit) & mask;
        codes[row * layout.cols + col] |= static_cast<uint8_t>(bits << shift);
      }
    }
  }
  return codes;
}
