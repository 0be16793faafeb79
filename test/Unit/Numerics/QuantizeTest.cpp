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

/// fp16 bits of a candidate scale as the quantizer forms it (zero becomes the
/// smallest subnormal).
uint16_t candidateBits(double target) {
  uint16_t bits = doubleToHalf(target);
  return bits == 0 ? 0x0001 : bits;
}

/// Sum of squared errors of weights[begin, end) quantized with the fp16
/// scale `bits`, through encode() and decode().
double groupSquaredError(FloatFormat format, const float *weights,
                         int64_t begin, int64_t end, uint16_t bits) {
  double scale = halfToFloat(bits), sum = 0;
  for (int64_t col = begin; col < end; ++col) {
    double w = weights[col];
    double error = decode(format, encode(format, w / scale)) * scale - w;
    sum += error * error;
  }
  return sum;
}

/// Checks one scale group. The scale: for ScaleRule::AbsMax the fp16
/// nearest to absmax / maxValue (or 1 for zeros); for the search, the first
/// of the candidates fp16(absmax / maxValue * (16 + i) / 16) with the least
/// squared error, recomputed here with encode() and decode(). Each code is
/// encode(w / scale), and the dequantized value is within half a grid step
/// (or, when the rounded scale made w / scale overshoot maxValue, within
/// that overshoot).
void checkGroup(const QuantizedMatrix &matrix,
                const std::vector<float> &weights,
                const std::vector<float> &dequantized, int64_t row,
                int64_t begin, int64_t end, uint16_t scaleBits,
                ScaleRule rule) {
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
  } else if (rule == ScaleRule::AbsMax) {
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
  } else {
    const float *rowWeights = weights.data() + row * matrix.cols;
    uint16_t best = 0;
    double bestError = 0;
    for (int step = 0; step < kScaleSearchSteps; ++step) {
      uint16_t bits = candidateBits(absMax / format.maxValue() *
                                    (kScaleSearchSteps + step) /
                                    kScaleSearchSteps);
      if (bits == 0x7C00)
        break;
      double error = groupSquaredError(format, rowWeights, begin, end, bits);
      if (step == 0 || error < bestError) {
        best = bits;
        bestError = error;
      }
    }
    EXPECT_EQ(scaleBits, best);
    // Never below the AbsMax scale: nothing clips but by fp16 rounding.
    EXPECT_GE(scaleBits, candidateBits(absMax / format.maxValue()));
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
                 int64_t groupSize,
                 ScaleRule rule = ScaleRule::SearchMinSquaredError) {
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
                 matrix.scales[row * numGroups + group], rule);
}

class QuantizeFormatTest : public testing::TestWithParam<Format> {};

constexpr ScaleRule kAllRules[] = {ScaleRule::SearchMinSquaredError,
                                    ScaleRule::AbsMax};

TEST_P(QuantizeFormatTest, PerChannel) {
  const int64_t rows = 37, cols = 301;
  std::vector<float> weights = randomWeights(rows, cols, 1);
  for (ScaleRule rule : kAllRules) {
    SCOPED_TRACE(rule == ScaleRule::AbsMax ? "AbsMax" : "Search");
    std::string error = "stale";
    QuantizedMatrix matrix =
        quantize(weights.data(), rows, cols, GetParam(), 0, &error, rule);
    EXPECT_EQ(error, "");
    EXPECT_EQ(matrix.format, GetParam());
    checkMatrix(matrix, weights, rows, cols, 0, rule);
  }
}

TEST_P(QuantizeFormatTest, PerGroup) {
  const int64_t rows = 19, cols = 300;
  std::vector<float> weights = randomWeights(rows, cols, 2);
  // 300 = 9 * 32 + 12, 2 * 128 + 44, 5 * 60: ragged and even last groups.
  for (ScaleRule rule : kAllRules) {
    for (int64_t groupSize : {1, 32, 60, 128, 299}) {
      SCOPED_TRACE(std::string(rule == ScaleRule::AbsMax ? "AbsMax" : "Search") +
                   " groupSize " + std::to_string(groupSize));
      std::string error;
      QuantizedMatrix matrix = quantize(weights.data(), rows, cols, GetParam(),
                                        groupSize, &error, rule);
      EXPECT_EQ(error, "");
      checkMatrix(matrix, weights, rows, cols, groupSize, rule);
    }
  }
}

TEST_P(QuantizeFormatTest, SearchIsTheDefaultAndNeverWorse) {
  // Per group, the searched scale's squared error is at most the AbsMax
  // scale's (it is one of the candidates); the default rule is the search.
  const int64_t rows = 23, cols = 256, groupSize = 32;
  std::vector<float> weights = randomWeights(rows, cols, 5);
  QuantizedMatrix searched = quantize(weights.data(), rows, cols, GetParam(),
                                      groupSize, nullptr);
  QuantizedMatrix explicitSearch =
      quantize(weights.data(), rows, cols, GetParam(), groupSize, nullptr,
               ScaleRule::SearchMinSquaredError);
  QuantizedMatrix absMax = quantize(weights.data(), rows, cols, GetParam(),
                                    groupSize, nullptr, ScaleRule::AbsMax);
  EXPECT_EQ(searched.scales, explicitSearch.scales);
  EXPECT_EQ(searched.codes, explicitSearch.codes);
  FloatFormat format = getFloatFormat(GetParam());
  int64_t changed = 0;
  for (int64_t row = 0; row < rows; ++row)
    for (int64_t group = 0; group < cols / groupSize; ++group) {
      int64_t index = row * (cols / groupSize) + group;
      const float *rowWeights = weights.data() + row * cols;
      int64_t begin = group * groupSize, end = begin + groupSize;
      EXPECT_LE(groupSquaredError(format, rowWeights, begin, end,
                                  searched.scales[index]),
                groupSquaredError(format, rowWeights, begin, end,
                                  absMax.scales[index]));
      changed += searched.scales[index] != absMax.scales[index];
    }
  // The search moves many scales (measured: 142, 115, 101 and 91 of the 184
  // for E3M2, E2M3, E2M2 and E2M1).
  EXPECT_GT(changed, rows * (cols / groupSize) / 3);
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
      quantize(weights.data(), 1, 3, GetParam(), 0, &error, ScaleRule::AbsMax);
  EXPECT_EQ(error, "");
  EXPECT_EQ(matrix.scales[0], 0x3C00);
  EXPECT_EQ(matrix.codes[1], format.numCodes() - 1); // -max.
  checkMatrix(matrix, weights, 1, 3, 0, ScaleRule::AbsMax);
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

TEST(QuantizeTest, SearchExample) {
  // E2M1 (0, 0.5, 1, 1.5, 2, 3, 4, 6) and the channel [6, 5]. AbsMax: scale
  // 1, 6 -> 6 and 5 (a tie between 4 and 6) -> 4, squared error 1. Of the
  // candidates 6/6 * (16 + i)/16, i = 9 (scale 1.5625 = 25/16) is best:
  // 6 / 1.5625 = 3.84 -> 4 (6.25), 5 / 1.5625 = 3.2 -> 3 (4.6875), squared
  // error 0.0625 + 0.09765625 (i = 8, scale 1.5, gives 0 + 0.25).
  std::vector<float> weights = {6.0f, 5.0f};
  QuantizedMatrix absMax =
      quantize(weights.data(), 1, 2, Format::E2M1, 0, nullptr, ScaleRule::AbsMax);
  EXPECT_EQ(absMax.scales[0], floatToHalf(1.0f));
  EXPECT_EQ(dequantize(absMax), (std::vector<float>{6.0f, 4.0f}));
  QuantizedMatrix searched =
      quantize(weights.data(), 1, 2, Format::E2M1, 0, nullptr);
  EXPECT_EQ(searched.scales[0], floatToHalf(1.5625f));
  EXPECT_EQ(searched.codes, (std::vector<uint8_t>{6, 5}));
  EXPECT_EQ(dequantize(searched), (std::vector<float>{6.25f, 4.6875f}));
  // A channel whose AbsMax quantization is exact keeps that scale (ties go
  // to the first candidate).
  std::vector<float> exact = {6.0f, -3.0f, 0.5f};
  QuantizedMatrix kept = quantize(exact.data(), 1, 3, Format::E2M1, 0, nullptr);
  EXPECT_EQ(kept.scales[0], floatToHalf(1.0f));
  EXPECT_EQ(dequantize(kept), exact);
}

TEST(QuantizeTest, SearchLowersGaussianError) {
  // Normal weights as initializers draw them, K = 64 per channel: the
  // relative RMS error ||W - Q(W)|| / ||W|| with AbsMax scales and with the
  // search (measured: E3M2 0.0502 -> 0.0428, E2M3 0.0256 -> 0.0232).
  const int64_t rows = 256, cols = 64;
  std::mt19937 rng(7);
  std::normal_distribution<float> normal(0.0f, 0.02f);
  std::vector<float> weights(rows * cols);
  for (float &w : weights)
    w = normal(rng);
  auto relativeError = [&](Format format, ScaleRule rule) {
    std::vector<float> values = dequantize(
        quantize(weights.data(), rows, cols, format, 0, nullptr, rule));
    double num = 0, den = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
      num += std::pow(double(values[i]) - weights[i], 2);
      den += std::pow(double(weights[i]), 2);
    }
    return std::sqrt(num / den);
  };
  double e3m2AbsMax = relativeError(Format::E3M2, ScaleRule::AbsMax);
  double e3m2Search = relativeError(Format::E3M2, ScaleRule::SearchMinSquaredError);
  double e2m3AbsMax = relativeError(Format::E2M3, ScaleRule::AbsMax);
  double e2m3Search = relativeError(Format::E2M3, ScaleRule::SearchMinSquaredError);
  EXPECT_NEAR(e3m2AbsMax, 0.050, 0.002);
  EXPECT_NEAR(e2m3AbsMax, 0.0257, 0.001);
  EXPECT_LT(e3m2Search, 0.9 * e3m2AbsMax);
  EXPECT_LT(e2m3Search, 0.95 * e2m3AbsMax);
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
