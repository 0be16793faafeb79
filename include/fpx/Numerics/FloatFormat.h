//===- FloatFormat.h - Narrow float formats (FP6/FP5/FP4) -------*- C++ -*-===//
//
// Encode/decode of the sign-exponent-mantissa formats FPX quantizes weights to.
// Formats have no Inf/NaN (every code is finite, as in FP6-LLM), IEEE-style
// subnormals and bias 2^(E-1)-1. One parameterized implementation serves all
// formats. No MLIR dependency: used by passes, runtime and tests alike.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_NUMERICS_FLOATFORMAT_H
#define FPX_NUMERICS_FLOATFORMAT_H

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace fpx::numerics {

/// A sign + `expBits` exponent + `manBits` mantissa float with no Inf/NaN.
struct FloatFormat {
  unsigned expBits;
  unsigned manBits;

  unsigned bitWidth() const { return 1 + expBits + manBits; }
  unsigned numCodes() const { return 1u << bitWidth(); }
  int bias() const { return (1 << (expBits - 1)) - 1; }
  /// Largest finite magnitude, e.g. 28 for E3M2.
  double maxValue() const;
  /// Smallest positive normal and subnormal magnitudes.
  double minNormal() const;
  double minSubnormal() const;

  bool operator==(const FloatFormat &o) const {
    return expBits == o.expBits && manBits == o.manBits;
  }
};

/// The formats FPX supports by name.
enum class Format : uint8_t { E3M2, E2M3, E2M2, E2M1 };

FloatFormat getFloatFormat(Format format);
/// "e3m2", "e2m3", "e2m2", "e2m1".
std::string_view getFormatName(Format format);
/// Accepts the names above and the aliases "fp6" (E3M2), "fp5" (E2M2),
/// "fp4" (E2M1).
std::optional<Format> parseFormat(std::string_view name);

/// Value of `code` (the low bitWidth() bits are used).
double decode(FloatFormat format, uint32_t code);

/// Nearest code to `value`, ties to the code with even mantissa; magnitudes
/// beyond maxValue() (Inf included) saturate; NaN encodes as +0 (callers reject
/// NaN first). The sign bit is always the sign of `value`, so negative values
/// that round to zero (and -0.0) give the -0 code and every code round-trips
/// through decode().
uint32_t encode(FloatFormat format, double value);

/// The value of the code nearest to a magnitude, |decode(encode(format, x))|
/// for x >= 0 (ties to the even code, saturating at maxValue()), without
/// forming the code: exponent bits and one rounding of a double, a few
/// nanoseconds where encode() and decode() take tens. The scale search of
/// quantize() calls it for every weight and candidate scale.
class GridRounder {
public:
  explicit GridRounder(FloatFormat format)
      : maxValue(format.maxValue()), manBits(int(format.manBits)),
        minExp(1 - format.bias()) {}

  double operator()(double x) const {
    if (!(x < maxValue)) // NaN never reaches here: quantize() rejects it.
      return maxValue;
    uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    int exp = int((bits >> 52) & 0x7FF) - 1023; // floor(log2 x) for normals.
    // Grid step of x's binade; the subnormals share the lowest binade's.
    int quantumExp = (exp < minExp ? minExp : exp) - manBits;
    double quantum = powerOfTwo(quantumExp);
    double inverse = powerOfTwo(-quantumExp);
    // x / quantum < 2^(manBits + 1): adding and subtracting 2^52 rounds it to
    // an integer, to nearest even (the default rounding mode), exactly as a
    // tie between two codes goes to the even one. A carry to 2^(manBits+1)
    // is the next binade's first value; none passes maxValue.
    double steps = x * inverse;
    steps = (steps + 0x1p52) - 0x1p52;
    return steps * quantum;
  }

private:
  static double powerOfTwo(int exp) { // Normal doubles only: |exp| < 1023.
    uint64_t bits = uint64_t(exp + 1023) << 52;
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }

  double maxValue;
  int manBits;
  int minExp;
};

/// IEEE binary16 / bfloat16 conversions (round to nearest even; overflow goes
/// to Inf; NaN stays a quiet NaN of the same sign).
uint16_t floatToHalf(float value);
/// Rounds a double to binary16 directly, without the double rounding of going
/// through float (used for quantization scales).
uint16_t doubleToHalf(double value);
float halfToFloat(uint16_t bits);
uint16_t floatToBFloat16(float value);
float bfloat16ToFloat(uint16_t bits);

} // namespace fpx::numerics

#endif // FPX_NUMERICS_FLOATFORMAT_H
