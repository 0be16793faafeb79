//===- QuantizeTest.cpp - Weight quantization with fp16 scales ------------===//

#include "fpx/Numerics/Quantize.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

using namespace fpx::numerics;

namespace {

constexpr Format kAllFormats[] = {Format::E3M2, Format::E2M3, Format::E2M2,
                                  Format::E2M1};

std::string formatTestName(const testing::TestParamInfo<Format> &info) {
  return std::string(getFormatName(info.param));
}

/// Rows of normal noise whose scale varies over five decades, a few outliers,
/// and an exact zero here and there.
std::vector<float> randomWeights(int64_t rows, int64_t cols, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> decade(-3.0f, 2.0f);
  std::uniform_int_distribution<int> percent(0, 99);
  std::vector<float> weights(size_t(rows * cols));
  for (int64_t row = 0; row < rows; ++row) {
    std::normal_distribution<float> noise(0.0f, std::pow(10.0f, decade(rng)));
    for (int64_t col = 0; col < cols; ++col) {
      float w = noise(rng);
      int dice = percent(rng);
      if (dice == 0)
        w *= 20; // Outlier.
      else if (dice == 1)
        w = 0;
      weights[row * cols + col] = w;
    }
  }
  return weights;
}

/// Spacing of the format's grid around magnitude x <= maxValue, from the
/// format's definition: 2^(max(floor(log2 x), 1 - bias) - manBits).
double gridSpacing(FloatFormat format, double x) {
  int exp = 1 - format.bias();
  if (x > 0)
    exp = std::max(exp, std::ilogb(x));
  return std::ldexp(1.0, exp - int(format.manBits));
}

/// Checks one scale group: the stored scale is the fp16 nearest to
/// absmax / maxValue (or 1 for zeros), each code is encode(w / scale), and the
/// dequantized value is within half a grid step (or, when the rounded scale
/// made w / scale overshoot maxValue, within that overshoot).
void checkGroup(const QuantizedMatrix &matrix,
                const std::vector<float> &weights,
                const std::vector<float> &dequantized, int64_t row,
                int64_t begin, int64_t end, uint16_t scaleBits) {
  FloatFormat format = getFloatFormat(matrix.format);
  SCOPED_TRACE("row " + std::to_string(row) + " cols [" +
               std::to_string(begin) + ", " + std::to_string(end) + ")");
  double absMax = 0;
  for (int64_t col = begin; col < end; ++col)
    absMax =
        std::max(absMax, std::fabs(double(weights[row * matrix.cols + col])));

  double scale = halfToFloat(scaleBits);
  if (absMax == 0) {
    EXPECT_EQ(scaleBits, 0x3C00);
  } else {
    // Nearest fp16: no farther than either neighbour, except that scales
    // rounding to zero are clamped to the smallest subnormal.
    double target = absMax / format.maxValue();
    double below = halfToFloat(uint16_t(scaleBits - 1));
    double above = halfToFloat(uint16_t(scaleBits + 1));
    if (scaleBits == 0x0001 && target <= std::ldexp(1.0, -25))
      below = scale;
    EXPECT_LE(std::fabs(scale - target), std::fabs(below - target));
    EXPECT_LE(std::fabs(scale - target), std::fabs(above - target));
    if (target >= std::ldexp(1.0, -14)) { // Normal fp16: 11 significant bits.
      EXPECT_LE(std::fabs(scale - target), std::ldexp(target, -11));
    }
  }

  for (int64_t col = begin; col < end; ++col) {
    int64_t index = row * matrix.cols + col;
    double w = weights[index];
    uint8_t code = matrix.codes[index];
    EXPECT_EQ(code, encode(format, w / scale)) << "col " << col;
    EXPECT_EQ(matrix.scale(row, col), float(scale));
    double value = dequantized[index];
    EXPECT_EQ(value, decode(format, code) * scale) << "col " << col;

    double x = std::fabs(w) / scale;
    double error = std::fabs(w - value);
    if (x <= format.maxValue()) {
      EXPECT_LE(error, 0.5 * scale * gridSpacing(format, x)) << "col " << col;
    } else {
      // Saturated: off by the overshoot, maxValue times the scale's rounding
      // error (2^-11 relative, or half the fp16 subnormal step 2^-24).
      EXPECT_EQ(std::fabs(value), format.maxValue() * scale);
      double scaleError = std::max(std::ldexp(absMax / format.maxValue(), -11),
                                   std::ldexp(1.0, -25));
      EXPECT_LE(error, format.maxValue() * scaleError) << "col " << col;
    }
  }
}

void checkMatrix(const QuantizedMatrix &matrix,
                 const std::vector<float> &weights, int64_t rows, int64_t cols,
                 int64_t groupSize) {
  ASSERT_EQ(matrix.rows, rows);
  ASSERT_EQ(matrix.cols, cols);
  ASSERT_EQ(matrix.groupSize, groupSize);
  int64_t groupWidth = groupSize == 0 ? cols : groupSize;
  int64_t numGroups = (cols + groupWidth - 1) / groupWidth;
  ASSERT_EQ(matrix.numScaleGroups(), numGroups);
  ASSERT_EQ(matrix.codes.size(), size_t(rows * cols));
  ASSERT_EQ(matrix.scales.size(), size_t(rows * numGroups));
  std::vector<float> dequantized = dequantize(matrix);
  ASSERT_EQ(dequantized.size(), size_t(rows * cols));
  for (int64_t row = 0; row < rows; ++row)
    for (int64_t group = 0; group < numGroups; ++group)
      checkGroup(matrix, weights, dequantized, row, group * groupWidth,
                 std::min(cols, (group + 1) * groupWidth),
                 matrix.scales[row * numGroups + group]);
}

class QuantizeFormatTest : public testing::TestWithParam<Format> {};

TEST_P(QuantizeFormatTest, PerChannel) {
  const int64_t rows = 37, cols = 301;
  std::vector<float> weights = randomWeights(rows, cols, 1);
  std::string error = "stale";
  QuantizedMatrix matrix =
      quantize(weights.data(), rows, cols, GetParam(), 0, &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(matrix.format, GetParam());
  checkMatrix(matrix, weights, rows, cols, 0);
}

TEST_P(QuantizeFormatTest, PerGroup) {
  const int64_t rows = 19, cols = 300;
  std::vector<float> weights = randomWeights(rows, cols, 2);
  // 300 = 9 * 32 + 12, 2 * 128 + 44, 5 * 60: ragged and even last groups.
  for (int64_t groupSize : {1, 32, 60, 128, 299}) {
    SCOPED_TRACE("groupSize " + std::to_string(groupSize));
    std::string error;
    QuantizedMatrix matrix =
        quantize(weights.data(), rows, cols, GetParam(), groupSize, &error);
    EXPECT_EQ(error, "");
    checkMatrix(matrix, weights, rows, cols, groupSize);
  }
}

TEST_P(QuantizeFormatTest, SaturatesWhenScaleRoundsDown) {
  // absmax / maxValue = 1 + 2^-11 - 2^-20 rounds down to scale 1, so absmax
  // lands just past maxValue and saturates to the largest code.
  FloatFormat format = getFloatFormat(GetParam());
  float absMax = float(format.maxValue() *
                       (1 + std::ldexp(1.0, -11) - std::ldexp(1.0, -20)));
  std::vector<float> weights = {0.5f, -absMax, 1.0f};
  std::string error;
  QuantizedMatrix matrix =
      quantize(weights.data(), 1, 3, GetParam(), 0, &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(matrix.scales[0], 0x3C00);
  EXPECT_EQ(matrix.codes[1], format.numCodes() - 1); // -max.
  checkMatrix(matrix, weights, 1, 3, 0);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, QuantizeFormatTest,
                         testing::ValuesIn(kAllFormats), formatTestName);

TEST(QuantizeTest, GroupAsWideAsRowIsPerChannel) {
  const int64_t rows = 8, cols = 100;
  std::vector<float> weights = randomWeights(rows, cols, 3);
  QuantizedMatrix perChannel =
      quantize(weights.data(), rows, cols, Format::E3M2, 0, nullptr);
  for (int64_t groupSize : {cols, 2 * cols}) {
    QuantizedMatrix grouped =
        quantize(weights.data(), rows, cols, Format::E3M2, groupSize, nullptr);
    EXPECT_EQ(grouped.numScaleGroups(), 1);
    EXPECT_EQ(grouped.scales, perChannel.scales);
    EXPECT_EQ(grouped.codes, perChannel.codes);
  }
}

TEST(QuantizeTest, GroupsTrackLocalRange) {
  // The first half of each row is 1000x larger than the second; per-channel
  // scales flush the small half to (almost) nothing, 64-wide groups do not.
  const int64_t rows = 4, cols = 256;
  std::vector<float> weights = randomWeights(rows, cols, 4);
  for (int64_t row = 0; row < rows; ++row)
    for (int64_t col = 0; col < cols / 2; ++col)
      weights[row * cols + col] *= 1000;
  auto smallHalfSquaredError = [&](int64_t groupSize) {
    QuantizedMatrix matrix =
        quantize(weights.data(), rows, cols, Format::E3M2, groupSize, nullptr);
    std::vector<float> values = dequantize(matrix);
    double sum = 0;
    for (int64_t row = 0; row < rows; ++row)
      for (int64_t col = cols / 2; col < cols; ++col) {
        int64_t i = row * cols + col;
        sum += std::pow(double(values[i]) - weights[i], 2);
      }
    return sum;
  };
  EXPECT_LT(smallHalfSquaredError(64), 0.1 * smallHalfSquaredError(0));
}

TEST(QuantizeTest, ZeroRowsAndGroupsGetUnitScale) {
  const int64_t rows = 3, cols = 8;
  std::vector<float> weights(rows * cols, 0.0f);
  weights[0] = 3.0f; // Row 0: first group (groupSize 4) non-zero.
  for (int64_t col = 0; col < cols; ++col)
    weights[2 * cols + col] = float(col) - 3.5f; // Row 2: all non-zero.
  std::string error;
  QuantizedMatrix matrix =
      quantize(weights.data(), rows, cols, Format::E2M1, 4, &error);
  EXPECT_EQ(error, "");
  ASSERT_EQ(matrix.scales.size(), 6u);
  EXPECT_EQ(matrix.scales[0], floatToHalf(0.5f)); // 3 / 6.
  EXPECT_EQ(matrix.scales[1], 0x3C00);
  EXPECT_EQ(matrix.scales[2], 0x3C00);
  EXPECT_EQ(matrix.scales[3], 0x3C00);
  for (int64_t col = 1; col < 2 * cols; ++col)
    EXPECT_EQ(matrix.codes[col], 0) << col;
  std::vector<float> values = dequantize(matrix);
  for (int64_t col = 1; col < 2 * cols; ++col)
    EXPECT_EQ(values[col], 0.0f) << col;
  checkMatrix(matrix, weights, rows, cols, 4);
}

TEST(QuantizeTest, TinyGroupsUseSmallestScale) {
  std::vector<float> weights = {1e-12f, -3e-12f, 0.0f};
  std::string error;
  QuantizedMatrix matrix =
      quantize(weights.data(), 1, 3, Format::E3M2, 0, &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(matrix.scales[0], 0x0001);
  std::vector<float> values = dequantize(matrix);
  for (float value : values)
    EXPECT_EQ(value, 0.0f);
}

TEST(QuantizeTest, RejectsNonFinite) {
  const int64_t rows = 5, cols = 9;
  std::vector<float> weights(rows * cols, 1.0f);
  struct Case {
    int64_t row, col;
    float value;
    const char *name;
  };
  const Case cases[] = {
      {3, 5, std::numeric_limits<float>::quiet_NaN(), "NaN"},
      {0, 7, std::numeric_limits<float>::infinity(), "Inf"},
      {4, 0, -std::numeric_limits<float>::infinity(), "Inf"},
  };
  for (const Case &c : cases) {
    std::vector<float> bad = weights;
    bad[c.row * cols + c.col] = c.value;
    for (int64_t groupSize : {0, 4}) {
      std::string error;
      QuantizedMatrix matrix =
          quantize(bad.data(), rows, cols, Format::E2M2, groupSize, &error);
      EXPECT_NE(error.find("row " + std::to_string(c.row)), std::string::npos)
          << error;
      EXPECT_NE(error.find("col " + std::to_string(c.col)), std::string::npos)
          << error;
      EXPECT_NE(error.find(c.name), std::string::npos) << error;
      EXPECT_EQ(matrix.rows, 0);
      EXPECT_EQ(matrix.cols, 0);
      EXPECT_TRUE(matrix.codes.empty());
      EXPECT_TRUE(matrix.scales.empty());
    }
  }
}

TEST(QuantizeTest, RejectsNegativeGroupSize) {
  std::vector<float> weights(16, 1.0f);
  std::string error;
  QuantizedMatrix matrix =
      quantize(weights.data(), 4, 4, Format::E3M2, -2, &error);
  EXPECT_NE(error.find("groupSize"), std::string::npos) << error;
  EXPECT_TRUE(matrix.codes.empty());
  EXPECT_TRUE(matrix.scales.empty());
}

TEST(QuantizeTest, RejectsScaleOverflow) {
  // 1e9 / 6 is far past the largest fp16 (65504).
  std::vector<float> weights = {1.0f, 1e9f};
  std::string error;
  QuantizedMatrix matrix =
      quantize(weights.data(), 1, 2, Format::E2M1, 0, &error);
  EXPECT_NE(error.find("overflows fp16"), std::string::npos) << error;
  EXPECT_NE(error.find("row 0"), std::string::npos) << error;
  EXPECT_TRUE(matrix.codes.empty());
}

TEST(QuantizeTest, EmptyMatrix) {
  std::string error;
  QuantizedMatrix matrix = quantize(nullptr, 0, 16, Format::E3M2, 0, &error);
  EXPECT_EQ(error, "");
  EXPECT_TRUE(matrix.codes.empty());
  EXPECT_TRUE(dequantize(matrix).empty());
}

} // namespace
