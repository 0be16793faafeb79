//===- Quantize.h - Weight quantization with fp16 scales --------*- C++ -*-===//
//
// Quantizes a weight matrix W[N,K] (N output channels, K reduction) to a narrow
// float format with fp16 scales per output channel or per group of `groupSize`
// consecutive K elements of a channel; w ≈ decode(code) * scale. The scale of
// each channel/group is the fp16 value, among absmax / maxValue * (16 + i) / 16
// for i = 0..15 (each rounded to fp16), whose quantization has the least
// squared error (ScaleRule::SearchMinSquaredError, the default), or just
// fp16(absmax / maxValue) (ScaleRule::AbsMax).
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

/// How quantize() chooses the scale of a channel or group.
enum class ScaleRule : uint8_t {
  /// fp16(absmax / maxValue): absmax lands on the largest code.
  AbsMax,
  /// The candidate fp16(absmax / maxValue * (16 + i) / 16), i = 0..15, whose
  /// codes give the least sum of squared errors (the first on a tie). A narrow
  /// float grid repeats itself every factor of two (between the subnormals
  /// and maxValue), and absmax / maxValue aligns it with the weights
  /// arbitrarily: the candidates try 16 alignments over one octave. None
  /// clips (every candidate is at least the AbsMax scale), and the AbsMax
  /// scale is among them, so no group gets a larger squared error.
  SearchMinSquaredError,
};

/// Scales tried per channel/group by ScaleRule::SearchMinSquaredError.
constexpr int kScaleSearchSteps = 16;

/// Quantizes `weights` (row-major rows x cols). Returns an error message in
/// `error` (when non-null) and an empty matrix when an input is NaN/Inf,
/// groupSize < 0, or a scale overflows fp16 (absmax > 65504 * maxValue).
/// An all-zero channel/group gets scale 1; a scale too small for fp16 becomes
/// the smallest fp16 subnormal. The compiler (constant weights) and the
/// runtime (fpxQuantizePack, weights quantized when the model runs) both call
/// this with the default rule, so they give the same bits.
QuantizedMatrix quantize(const float *weights, int64_t rows, int64_t cols,
                         Format format, int64_t groupSize, std::string *error,
                         ScaleRule rule = ScaleRule::SearchMinSquaredError);

/// decode(code) * scale, row-major rows x cols.
std::vector<float> dequantize(const QuantizedMatrix &matrix);

} // namespace fpx::numerics

#endif // FPX_NUMERICS_QUANTIZE_H
