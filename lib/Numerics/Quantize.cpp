//===- Quantize.cpp - Weight quantization with fp16 scales ----------------===//

#include "fpx/Numerics/Quantize.h"

#include <algorithm>
#include <cmath>
#include <utility>

using namespace fpx::numerics;

namespace {

constexpr uint16_t kHalfOne = 0x3C00;
constexpr uint16_t kHalfMinSubnormal = 0x0001;
constexpr uint16_t kHalfInf = 0x7C00;

QuantizedMatrix fail(std::string *error, std::string message, Format format) {
  if (error)
    *error = std::move(message);
  QuantizedMatrix empty;
  empty.format = format;
  return empty;
}

/// fp16 bits of the scale `target`: a scale too small for fp16 becomes the
/// smallest subnormal (its group quantizes to about zero anyway); Inf stays
/// Inf for the caller to reject.
uint16_t toScaleBits(double target) {
  uint16_t bits = doubleToHalf(target);
  return bits == 0 ? kHalfMinSubnormal : bits;
}

/// Sum of squared errors of the group `weights[begin, end)` quantized with
/// the scale `scale`, i.e. of the codes encode(w / scale) that quantize()
/// stores: (|decode(code)| * scale - |w|)^2.
double squaredError(const GridRounder &round, const float *weights,
                    int64_t begin, int64_t end, double scale) {
  double sum = 0;
  for (int64_t col = begin; col < end; ++col) {
    double magnitude = std::fabs(double(weights[col]));
    double error = round(magnitude / scale) * scale - magnitude;
    sum += error * error;
  }
  return sum;
}

} // namespace

float QuantizedMatrix::scale(int64_t row, int64_t col) const {
  int64_t group = groupSize == 0 ? 0 : col / groupSize;
  return halfToFloat(scales[row * numScaleGroups() + group]);
}

QuantizedMatrix fpx::numerics::quantize(const float *weights, int64_t rows,
                                        int64_t cols, Format format,
                                        int64_t groupSize, std::string *error,
                                        ScaleRule rule) {
  if (error)
    error->clear();
  if (groupSize < 0)
    return fail(error,
                "groupSize must be >= 0, got " + std::to_string(groupSize),
                format);
  if (rows < 0 || cols < 0)
    return fail(error,
                "matrix shape must be non-negative, got " +
                    std::to_string(rows) + "x" + std::to_string(cols),
                format);
  if (rows * cols > 0 && !weights)
    return fail(error, "weights is null", format);

  // Reject non-finite inputs before anything else: they would poison absmax.
  for (int64_t row = 0; row < rows; ++row) {
    for (int64_t col = 0; col < cols; ++col) {
      float w = weights[row * cols + col];
      if (!std::isfinite(w))
        return fail(error,
                    std::string("weight at row ") + std::to_string(row) +
                        ", col " + std::to_string(col) + " is " +
                        (std::isnan(w) ? "NaN" : "Inf"),
                    format);
    }
  }

  FloatFormat floatFormat = getFloatFormat(format);
  double maxValue = floatFormat.maxValue();
  GridRounder round(floatFormat);

  QuantizedMatrix result;
  result.format = format;
  result.rows = rows;
  result.cols = cols;
  result.groupSize = groupSize;
  // A group as wide as the row is the per-channel case.
  int64_t groupWidth = groupSize == 0 ? cols : groupSize;
  int64_t numGroups = result.numScaleGroups();
  result.codes.resize(static_cast<size_t>(rows * cols));
  result.scales.resize(static_cast<size_t>(rows * numGroups));

  for (int64_t row = 0; row < rows; ++row) {
    for (int64_t group = 0; group < numGroups; ++group) {
      int64_t begin = group * groupWidth;
      int64_t end = std::min(begin + groupWidth, cols);
      const float *groupWeights = weights + row * cols;

      float absMax = 0;
      for (int64_t col = begin; col < end; ++col)
        absMax = std::max(absMax, std::fabs(groupWeights[col]));

      uint16_t scaleBits = kHalfOne;
      if (absMax > 0) {
        // The double quotient of a float by a short constant is never close
        // enough to an fp16 tie to double-round, so this is the correctly
        // rounded scale.
        scaleBits = toScaleBits(absMax / maxValue);
        if (scaleBits == kHalfInf)
          return fail(error,
                      "scale of row " + std::to_string(row) + ", cols [" +
                          std::to_string(begin) + ", " + std::to_string(end) +
                          ") overflows fp16 (absmax " + std::to_string(absMax) +
                          ")",
                      format);
      }
      if (absMax > 0 && rule == ScaleRule::SearchMinSquaredError) {
        // Candidates absMax / maxValue * (16 + i) / 16: the product of a float
        // and a 5-bit integer is exact in double, the one division is
        // correctly rounded, so every build computes the same candidates.
        double bestError =
            squaredError(round, groupWeights, begin, end, halfToFloat(scaleBits));
        uint16_t previousBits = scaleBits;
        for (int step = 1; step < kScaleSearchSteps; ++step) {
          uint16_t candidate = toScaleBits(
              double(absMax) * (kScaleSearchSteps + step) /
              (kScaleSearchSteps * maxValue));
          // Larger scales only overflow further; equal bits give equal codes.
          if (candidate == kHalfInf)
            break;
          if (candidate == previousBits)
            continue;
          previousBits = candidate;
          double candidateError =
              squaredError(round, groupWeights, begin, end,
                           halfToFloat(candidate));
          if (candidateError < bestError) {
            bestError = candidateError;
            scaleBits = candidate;
          }
        }
      }
      result.scales[row * numGroups + group] = scaleBits;

      // Divide by the scale actually stored so dequantization inverts it; when
      // rounding the scale down pushes absmax/scale past maxValue, encode()
      // saturates.
      double scale = halfToFloat(scaleBits);
      for (int64_t col = begin; col < end; ++col)
        result.codes[row * cols + col] = static_cast<uint8_t>(
            encode(floatFormat, groupWeights[col] / scale));
    }
  }
  return result;
}

std::vector<float> fpx::numerics::dequantize(const QuantizedMatrix &matrix) {
  FloatFormat floatFormat = getFloatFormat(matrix.format);
  std::vector<float> values(matrix.codes.size());
  for (int64_t row = 0; row < matrix.rows; ++row) {
    for (int64_t col = 0; col < matrix.cols; ++col) {
      int64_t index = row * matrix.cols + col;
      // Exact: a few code bits times 11 scale bits, well inside float range.
      values[index] = static_cast<float>(
          decode(floatFormat, matrix.codes[index]) * matrix.scale(row, col));
    }
  }
  return values;
}
