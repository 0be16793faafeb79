//===- Quantize.h - Weight quantization with fp16 scales --------*- C++ -*-===//
//
// Quantizes a weight matrix W[N,K] (N output channels, K reduction) to a narrow
// float format with fp16 scales per output channel or per group of `groupSize`
// consecutive K elements of a channel. scale = absmax / maxValue, rounded to
// fp16; w ≈ decode(code) * scale.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_NUMERICS_QUANTIZE_H
#define FPX_NUMERICS_QUANTIZE_H

#include "fpx/Numerics/FloatFormat.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fpx::numerics {

struct QuantizedMatrix {
  Format format;
  int64_t rows = 0; // N
  int64_t cols = 0; // K
  /// 0 means one scale per row (per output channel).
  int64_t groupSize = 0;
  /// One code per element, row-major [rows][cols].
  std::vector<uint8_t> codes;
  /// fp16 bits, row-major [rows][numScaleGroups()].
  std::vector<uint16_t> scales;

  int64_t numScaleGroups() const {
    return groupSize == 0 ? 1 : (cols + groupSize - 1) / groupSize;
  }
  float scale(int64_t row, int64_t col) const;
};

/// Quantizes `weights` (row-major rows x cols). Returns an error message in
/// `error` (when non-null) and an empty matrix when an input is NaN/Inf,
/// groupSize < 0, or a scale overflows fp16 (absmax > 65504 * maxValue).
/// An all-zero channel/group gets scale 1; a scale too small for fp16 becomes
/// the smallest fp16 subnormal.
QuantizedMatrix quantize(const float *weights, int64_t rows, int64_t cols,
                         Format format, int64_t groupSize, std::string *error);

/// decode(code) * scale, row-major rows x cols.
std::vector<float> dequantize(const QuantizedMatrix &matrix);

} // namespace fpx::numerics

#endif // FPX_NUMERICS_QUANTIZE_H
