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

} // namespace

float QuantizedMatrix::scale(int64_t row, int64_t col) const {
  int64_t group = groupSize == 0 ? 0 : col / groupSize;
  return halfToFloat(scales[row * numScaleGroups() + group]);
}

QuantizedMatrix fpx::numerics::quantize(const float *weights, int64_t rows,
                                        int64_t cols, Format format,
                                        int64_t groupSize, std::string *error) {
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
        scaleBits = doubleToHalf(absMax / maxValue);
        if (scaleBits == kHalfInf)
          return fail(error,
                      "scale of row " + std::to_string(row) + ", cols [" +
                          std::to_string(begin) + ", " + std::to_string(end) +
                          ") overflows fp16 (absmax " + std::to_string(absMax) +
                          ")",
                      format);
        // Tiny groups: the smallest scale keeps codes finite (they round to
        // about zero anyway).
        if (scaleBits == 0)
          scaleBits = kHalfMinSubnormal;
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
