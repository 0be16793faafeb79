//===- PackingTest.cpp - RowMajor and TC-FPx weight packing ---------------===//
//
// Round trips check pack/unpack against each other; the fragment tests below
// re-derive TC-FPx word addresses from the description in Packing.h and the
// PTX mma.m16n8k16 A-fragment layout, without PackedLayout::locate().
//
//===----------------------------------------------------------------------===//

#include "fpx/Numerics/Packing.h"

#include "gtest/gtest.h"

#include <bitset>
#include <cmath>
#include <random>
#include <string>
#include <tuple>

using namespace fpx::numerics;

namespace {

constexpr Format kAllFormats[] = {Format::E3M2, Format::E2M3, Format::E2M2,
                                  Format::E2M1};

std::vector<uint8_t> randomCodes(int64_t rows, int64_t cols, FloatFormat format,
                                 unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> codes(size_t(rows * cols));
  for (uint8_t &code : codes)
    code = uint8_t(rng() % format.numCodes());
  return codes;
}

int64_t popcount(const std::vector<uint32_t> &words) {
  int64_t count = 0;
  for (uint32_t word : words)
    count += int64_t(std::bitset<32>(word).count());
  return count;
}

TEST(PackingTest, SegmentWidths) {
  using Widths = std::vector<unsigned>;
  EXPECT_EQ(getSegmentWidths(getFloatFormat(Format::E3M2)), (Widths{2, 4}));
  EXPECT_EQ(getSegmentWidths(getFloatFormat(Format::E2M3)), (Widths{2, 4}));
  EXPECT_EQ(getSegmentWidths(getFloatFormat(Format::E2M2)), (Widths{1, 4}));
  EXPECT_EQ(getSegmentWidths(getFloatFormat(Format::E2M1)), (Widths{4}));
  EXPECT_EQ(getSegmentWidths(FloatFormat{3, 3}), (Widths{1, 2, 4}));
  EXPECT_EQ(getSegmentWidths(FloatFormat{4, 3}), (Widths{8}));
}

TEST(PackingTest, BlockValidity) {
  EXPECT_TRUE((TcFpxBlock{}).isValid());
  EXPECT_TRUE((TcFpxBlock{2, 8}).isValid());
  EXPECT_TRUE((TcFpxBlock{1, 16}).isValid());
  EXPECT_TRUE((TcFpxBlock{4, 8}).isValid());
  EXPECT_FALSE((TcFpxBlock{2, 2}).isValid());
  EXPECT_FALSE((TcFpxBlock{3, 4}).isValid());
  EXPECT_FALSE((TcFpxBlock{0, 16}).isValid());
  EXPECT_FALSE((TcFpxBlock{16, 0}).isValid());
}

TEST(PackingTest, RowMajorLayoutShape) {
  FloatFormat format = getFloatFormat(Format::E3M2);
  PackedLayout layout =
      getPackedLayout(PackedLayoutKind::RowMajor, format, 17, 33);
  EXPECT_EQ(layout.kind, PackedLayoutKind::RowMajor);
  EXPECT_EQ(layout.paddedRows, 17);
  EXPECT_EQ(layout.paddedCols, 33);
  EXPECT_EQ(layout.segmentWidths, std::vector<unsigned>{6});
  EXPECT_EQ(layout.segmentOffsets, std::vector<int64_t>{0});
  EXPECT_EQ(layout.numWords, (17 * 33 * 6 + 31) / 32 + 1);
  EXPECT_EQ(
      getPackedLayout(PackedLayoutKind::RowMajor, format, 16, 16).numWords,
      16 * 16 * 6 / 32 + 1);
}

TEST(PackingTest, TcFpxLayoutShape) {
  FloatFormat fp6 = getFloatFormat(Format::E3M2);
  PackedLayout layout = getPackedLayout(PackedLayoutKind::TcFpx, fp6, 17, 33);
  EXPECT_EQ(layout.paddedRows, 64);
  EXPECT_EQ(layout.paddedCols, 64);
  EXPECT_EQ(layout.segmentWidths, (std::vector<unsigned>{2, 4}));
  EXPECT_EQ(layout.segmentOffsets, (std::vector<int64_t>{0, 64 * 64 * 2 / 32}));
  EXPECT_EQ(layout.numWords, 64 * 64 * 6 / 32);

  PackedLayout wide =
      getPackedLayout(PackedLayoutKind::TcFpx, fp6, 33, 129, TcFpxBlock{2, 8});
  EXPECT_EQ(wide.paddedRows, 64);
  EXPECT_EQ(wide.paddedCols, 256);
  EXPECT_EQ(wide.numWords, 64 * 256 * 6 / 32);

  PackedLayout fp5 = getPackedLayout(PackedLayoutKind::TcFpx,
                                     getFloatFormat(Format::E2M2), 96, 64);
  EXPECT_EQ(fp5.paddedRows, 128);
  EXPECT_EQ(fp5.paddedCols, 64);
  EXPECT_EQ(fp5.segmentOffsets, (std::vector<int64_t>{0, 128 * 64 / 32}));
  EXPECT_EQ(fp5.numWords, 128 * 64 * 5 / 32);
}

//===----------------------------------------------------------------------===//
// Round trips over formats x layouts x odd shapes
//===----------------------------------------------------------------------===//

struct LayoutConfig {
  PackedLayoutKind kind;
  TcFpxBlock block;
  const char *name;
};

const LayoutConfig kLayoutConfigs[] = {
    {PackedLayoutKind::RowMajor, TcFpxBlock(), "RowMajor"},
    {PackedLayoutKind::TcFpx, TcFpxBlock{4, 4}, "TcFpx4x4"},
    {PackedLayoutKind::TcFpx, TcFpxBlock{2, 8}, "TcFpx2x8"},
    {PackedLayoutKind::TcFpx, TcFpxBlock{16, 1}, "TcFpx16x1"},
};

const std::pair<int64_t, int64_t> kShapes[] = {{1, 1},   {17, 33},   {65, 129},
                                               {96, 64}, {200, 300}, {3, 1000}};

using RoundTripParam = std::tuple<Format, LayoutConfig>;

class PackingRoundTripTest : public testing::TestWithParam<RoundTripParam> {
protected:
  Format formatName = std::get<0>(GetParam());
  FloatFormat format = getFloatFormat(formatName);
  LayoutConfig config = std::get<1>(GetParam());

  PackedLayout layoutFor(int64_t rows, int64_t cols) const {
    return getPackedLayout(config.kind, format, rows, cols, config.block);
  }
};

TEST_P(PackingRoundTripTest, RandomCodes) {
  unsigned seed = 7;
  for (auto [rows, cols] : kShapes) {
    SCOPED_TRACE(std::to_string(rows) + "x" + std::to_string(cols));
    PackedLayout layout = layoutFor(rows, cols);
    std::vector<uint8_t> codes = randomCodes(rows, cols, format, seed++);
    std::vector<uint32_t> words = pack(layout, codes);
    ASSERT_EQ(int64_t(words.size()), layout.numWords);
    EXPECT_EQ(unpack(layout, words), codes);
  }
}

TEST_P(PackingRoundTripTest, PaddingStaysZero) {
  // All-ones codes: exactly rows*cols*bitWidth bits may be set; any more
  // would be padding (or the RowMajor tail) written by mistake.
  for (auto [rows, cols] : kShapes) {
    SCOPED_TRACE(std::to_string(rows) + "x" + std::to_string(cols));
    PackedLayout layout = layoutFor(rows, cols);
    std::vector<uint8_t> codes(size_t(rows * cols),
                               uint8_t(format.numCodes() - 1));
    std::vector<uint32_t> words = pack(layout, codes);
    EXPECT_EQ(popcount(words), rows * cols * format.bitWidth());
    if (config.kind == PackedLayoutKind::RowMajor) {
      EXPECT_EQ(words.back(), 0u);
    }
    EXPECT_EQ(unpack(layout, words), codes);
  }
}

TEST_P(PackingRoundTripTest, LocateTilesTheWords) {
  // Over the padded shape, the segments of all elements cover disjoint bit
  // ranges; for TC-FPx they cover every bit, for RowMajor all but the tail.
  PackedLayout layout = layoutFor(65, 129);
  std::vector<bool> used(size_t(layout.numWords * 32), false);
  int64_t duplicates = 0;
  for (unsigned segment = 0; segment < layout.segmentWidths.size(); ++segment)
    for (int64_t row = 0; row < layout.paddedRows; ++row)
      for (int64_t col = 0; col < layout.paddedCols; ++col) {
        PackedLayout::BitLocation loc = layout.locate(segment, row, col);
        ASSERT_LT(loc.bit, 32u);
        for (unsigned i = 0; i < layout.segmentWidths[segment]; ++i) {
          size_t bit = size_t(loc.word * 32 + loc.bit + i);
          ASSERT_LT(bit, used.size());
          duplicates += used[bit];
          used[bit] = true;
        }
      }
  EXPECT_EQ(duplicates, 0);
  int64_t covered = std::count(used.begin(), used.end(), true);
  EXPECT_EQ(covered, layout.paddedRows * layout.paddedCols * format.bitWidth());
  if (config.kind == PackedLayoutKind::TcFpx) {
    EXPECT_EQ(covered, layout.numWords * 32);
  }
}

std::string
roundTripTestName(const testing::TestParamInfo<RoundTripParam> &info) {
  return std::string(getFormatName(std::get<0>(info.param))) + "_" +
         std::get<1>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(AllLayouts, PackingRoundTripTest,
                         testing::Combine(testing::ValuesIn(kAllFormats),
                                          testing::ValuesIn(kLayoutConfigs)),
                         roundTripTestName);

TEST(PackingTest, HighCodeBitsAreIgnored) {
  FloatFormat fp4 = getFloatFormat(Format::E2M1);
  std::vector<uint8_t> codes = {0xF3, 0xA5, 0x7E};
  for (const LayoutConfig &config : kLayoutConfigs) {
    PackedLayout layout = getPackedLayout(config.kind, fp4, 1, 3, config.block);
    EXPECT_EQ(unpack(layout, pack(layout, codes)),
              (std::vector<uint8_t>{0x3, 0x5, 0xE}));
  }
}

//===----------------------------------------------------------------------===//
// Independent checks of the bit positions
//===----------------------------------------------------------------------===//

TEST(PackingTest, RowMajorIsLittleEndianBitStream) {
  // Code i occupies bits [i*W, i*W + W) of the stream, LSB first.
  for (Format f : kAllFormats) {
    FloatFormat format = getFloatFormat(f);
    const int64_t rows = 13, cols = 29;
    PackedLayout layout =
        getPackedLayout(PackedLayoutKind::RowMajor, format, rows, cols);
    std::vector<uint8_t> codes = randomCodes(rows, cols, format, 11);
    std::vector<uint32_t> words = pack(layout, codes);
    unsigned width = format.bitWidth();
    for (int64_t i = 0; i < rows * cols; ++i) {
      int64_t bit = i * width;
      uint64_t window = words[bit / 32] | uint64_t(words[bit / 32 + 1]) << 32;
      EXPECT_EQ((window >> (bit % 32)) & ((1u << width) - 1), codes[i]) << i;
    }
  }
}

/// Which (row, col) of the padded matrix element `element` of register pair
/// `pair` of lane `lane` holds in fragment (mf, kf) of block (blockRow,
/// blockCol), straight from the PTX ISA's mma.m16n8k16 .f16 A layout:
/// groupID = lane / 4, threadID_in_group = lane % 4, and for a_i
/// row = groupID (+8 for a2, a3, a6, a7),
/// col = 2*threadID_in_group + (i & 1) (+8 for a4..a7);
/// pair j is registers a[2j], a[2j+1].
std::pair<int64_t, int64_t> fragmentElement(TcFpxBlock block, int64_t blockRow,
                                            int64_t blockCol, unsigned mf,
                                            unsigned kf, unsigned lane,
                                            unsigned pair, unsigned element) {
  unsigned reg = 2 * pair + element;
  unsigned groupId = lane / 4, threadInGroup = lane % 4;
  unsigned row = groupId + ((reg == 2 || reg == 3 || reg >= 6) ? 8 : 0);
  unsigned col = 2 * threadInGroup + (reg & 1) + (reg >= 4 ? 8 : 0);
  return {blockRow * 16 * block.fragsN + 16 * mf + row,
          blockCol * 16 * block.fragsK + 16 * kf + col};
}

/// Runs `check(lane, mf, kf, pair, row, col, segmentBits)` for every pair
/// element of every fragment, where segmentBits[s] is the 32-bit word of
/// segment s after `(word << b*p) & topBits(b)`, addressed as Packing.h
/// describes: pair sequence P = (kf*fragsN + mf)*4 + j, word w = P / (16/b),
/// p = P % (16/b), storage [block][chunk = w/4][lane][slot = w%4].
template <typename Check>
void forEachPair(const PackedLayout &layout, const std::vector<uint32_t> &words,
                 Check check) {
  TcFpxBlock block = layout.block;
  int64_t blockRows = 16 * block.fragsN, blockCols = 16 * block.fragsK;
  int64_t numBlockRows = layout.paddedRows / blockRows;
  int64_t numBlockCols = layout.paddedCols / blockCols;
  std::vector<unsigned> widths = layout.segmentWidths;
  // Segments one after another, each paddedRows*paddedCols*b bits.
  std::vector<int64_t> segmentBase;
  int64_t base = 0;
  for (unsigned b : widths) {
    segmentBase.push_back(base);
    base += layout.paddedRows * layout.paddedCols * b / 32;
  }
  ASSERT_EQ(base, int64_t(words.size()));

  for (int64_t blockRow = 0; blockRow < numBlockRows; ++blockRow)
    for (int64_t blockCol = 0; blockCol < numBlockCols; ++blockCol)
      for (unsigned lane = 0; lane < 32; ++lane)
        for (unsigned kf = 0; kf < block.fragsK; ++kf)
          for (unsigned mf = 0; mf < block.fragsN; ++mf)
            for (unsigned pair = 0; pair < 4; ++pair) {
              std::vector<uint32_t> segmentBits;
              for (size_t s = 0; s < widths.size(); ++s) {
                unsigned b = widths[s];
                int64_t laneWordsPerBlock =
                    int64_t(block.fragsN) * block.fragsK * 4 * b / 16;
                int64_t blockIndex = blockRow * numBlockCols + blockCol;
                int64_t seq = (int64_t(kf) * block.fragsN + mf) * 4 + pair;
                int64_t w = seq / (16 / b);
                unsigned p = unsigned(seq % (16 / b));
                int64_t index = segmentBase[s] +
                                blockIndex * 32 * laneWordsPerBlock +
                                (w / 4) * 32 * 4 + lane * 4 + w % 4;
                uint32_t top = ((1u << b) - 1) << (16 - b);
                uint32_t topBits = top | top << 16;
                segmentBits.push_back((words[index] << (b * p)) & topBits);
              }
              for (unsigned element = 0; element < 2; ++element) {
                auto [row, col] = fragmentElement(block, blockRow, blockCol, mf,
                                                  kf, lane, pair, element);
                check(lane, element, row, col, segmentBits);
              }
            }
}

TEST(PackingTest, TcFpxMatchesMmaFragments) {
  for (Format f : kAllFormats) {
    for (TcFpxBlock block : {TcFpxBlock{4, 4}, TcFpxBlock{2, 8}}) {
      SCOPED_TRACE(std::string(getFormatName(f)) + " block " +
                   std::to_string(block.fragsN) + "x" +
                   std::to_string(block.fragsK));
      FloatFormat format = getFloatFormat(f);
      const int64_t rows = 100, cols = 150; // Padding on both sides.
      PackedLayout layout =
          getPackedLayout(PackedLayoutKind::TcFpx, format, rows, cols, block);
      std::vector<uint8_t> codes = randomCodes(rows, cols, format, 5);
      std::vector<uint32_t> words = pack(layout, codes);
      int64_t checked = 0, failures = 0;
      forEachPair(layout, words,
                  [&](unsigned, unsigned element, int64_t row, int64_t col,
                      const std::vector<uint32_t> &segmentBits) {
                    uint32_t code = row < rows && col < cols
                                        ? codes[row * cols + col]
                                        : 0; // Padding.
                    unsigned shift = format.bitWidth();
                    for (size_t s = 0; s < segmentBits.size(); ++s) {
                      unsigned b = layout.segmentWidths[s];
                      shift -= b;
                      uint32_t expected = (code >> shift) & ((1u << b) - 1);
                      uint32_t actual =
                          segmentBits[s] >> (16 * element + 16 - b);
                      actual &= (1u << b) - 1;
                      if (actual != expected && ++failures <= 10)
                        ADD_FAILURE() << "segment " << s << " of row " << row
                                      << " col " << col << " is " << actual
                                      << ", expected " << expected;
                    }
                    ++checked;
                  });
      EXPECT_EQ(failures, 0);
      EXPECT_EQ(checked, layout.paddedRows * layout.paddedCols);
    }
  }
}

TEST(PackingTest, TcFpxInRegisterDequant) {
  // The kernel's view: OR the segments' top bits together (each shifted down
  // past the wider-placed ones) to get the code at the top of each 16-bit
  // half, then fp16 = sign | (rest >> (5 - E)) and scale by 2^(15 - bias).
  for (Format f : kAllFormats) {
    SCOPED_TRACE(std::string(getFormatName(f)));
    FloatFormat format = getFloatFormat(f);
    const int64_t rows = 64, cols = 80;
    PackedLayout layout =
        getPackedLayout(PackedLayoutKind::TcFpx, format, rows, cols);
    std::vector<uint8_t> codes = randomCodes(rows, cols, format, 9);
    std::vector<uint32_t> words = pack(layout, codes);
    double rescale = std::ldexp(1.0, 15 - format.bias());
    int64_t failures = 0;
    forEachPair(layout, words,
                [&](unsigned, unsigned element, int64_t row, int64_t col,
                    const std::vector<uint32_t> &segmentBits) {
                  uint32_t combined = 0;
                  unsigned placed = 0;
                  for (size_t s = 0; s < segmentBits.size(); ++s) {
                    combined |= segmentBits[s] >> placed;
                    placed += layout.segmentWidths[s];
                  }
                  uint16_t top = uint16_t(combined >> (16 * element));
                  uint16_t half =
                      uint16_t((top & 0x8000) |
                               ((top & 0x7FFF) >> (5 - format.expBits)));
                  uint32_t code =
                      row < rows && col < cols ? codes[row * cols + col] : 0;
                  double value = double(halfToFloat(half)) * rescale;
                  if (value != decode(format, code) && ++failures <= 10)
                    ADD_FAILURE()
                        << "row " << row << " col " << col << " dequantizes to "
                        << value << ", expected " << decode(format, code);
                });
    EXPECT_EQ(failures, 0);
  }
}

TEST(PackingTest, TcFpxLaneChunksAreContiguous) {
  // Each lane's words of one chunk are 16 contiguous bytes at a 16-byte
  // aligned offset, lanes side by side: one cp.async / ld.shared.v4 each.
  FloatFormat fp6 = getFloatFormat(Format::E3M2);
  PackedLayout layout = getPackedLayout(PackedLayoutKind::TcFpx, fp6, 64, 64);
  // Segment 1 (4 bits): fragment (kf=0, mf=0), pair 0 lives in the first chunk.
  for (unsigned lane = 0; lane < 32; ++lane) {
    int64_t row = lane / 4, col = 2 * (lane % 4);
    PackedLayout::BitLocation loc = layout.locate(1, row, col);
    EXPECT_EQ(loc.word, layout.segmentOffsets[1] + 4 * lane);
    EXPECT_EQ(loc.bit, 12u);
    EXPECT_EQ(layout.locate(1, row, col + 1).bit, 28u);
  }
}

} // namespace
