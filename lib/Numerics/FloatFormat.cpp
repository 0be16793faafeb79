//===- FloatFormat.cpp - Narrow float formats (FP6/FP5/FP4) ---------------===//
//
// All rounding goes through roundMagnitude(), which rounds a double onto the
// grid of any binary format with subnormals, arithmetically (frexp/ldexp) and
// exactly. The narrow formats and binary16 are both just (manBits, minExp)
// instances of it; only their overflow rules differ.
//
//===----------------------------------------------------------------------===//

#include "fpx/Numerics/FloatFormat.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

using namespace fpx::numerics;

namespace {

uint32_t floatBits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

float bitsToFloat(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

/// Rounds the finite magnitude `a` >= 0 to nearest-even on the grid of a binary
/// format with `manBits` explicit mantissa bits and smallest normal exponent
/// `minExp` (values below 2^minExp are subnormal), with no upper bound.
/// Returns the magnitude code (biasedExp << manBits) | mantissa, where biased
/// exponent 0 is subnormal. A mantissa that rounds up to 2^manBits carries
/// into the exponent field by plain addition, which is also how the largest
/// subnormal rounds up to the smallest normal.
uint64_t roundMagnitude(double a, unsigned manBits, int minExp) {
  assert(a >= 0 && std::isfinite(a));
  if (a == 0)
    return 0;
  int frexpExp;
  std::frexp(a, &frexpExp); // a = f * 2^frexpExp, f in [0.5, 1).
  // Exponent of the binade; the subnormal range shares the lowest binade's
  // spacing 2^(minExp - manBits).
  int exp = std::max(frexpExp - 1, minExp);
  // Multiples of the grid spacing 2^(exp - manBits); scaling by a power of two
  // is exact here (the result is < 2^(manBits + 1), never a lost subnormal).
  double scaled = std::ldexp(a, static_cast<int>(manBits) - exp);
  double mantissa = std::floor(scaled);
  double fraction = scaled - mantissa; // Exact: both are < 2^(manBits + 1).
  if (fraction > 0.5 || (fraction == 0.5 && std::fmod(mantissa, 2.0) != 0))
    mantissa += 1;
  return (static_cast<uint64_t>(exp - minExp) << manBits) +
         static_cast<uint64_t>(mantissa);
}

constexpr unsigned kHalfManBits = 10;
constexpr int kHalfMinExp = -14;
constexpr uint16_t kHalfInf = 0x7C00;
constexpr uint16_t kHalfQuietNaN = 0x7E00;

} // namespace

double FloatFormat::maxValue() const {
  // All-ones exponent and mantissa: (2^(M+1) - 1) * 2^(2^E - 1 - bias - M).
  int maxExp = static_cast<int>((1u << expBits) - 1) - bias();
  return std::ldexp(static_cast<double>((2u << manBits) - 1),
                    maxExp - static_cast<int>(manBits));
}

double FloatFormat::minNormal() const { return std::ldexp(1.0, 1 - bias()); }

double FloatFormat::minSubnormal() const {
  return std::ldexp(1.0, 1 - bias() - static_cast<int>(manBits));
}

FloatFormat fpx::numerics::getFloatFormat(Format format) {
  switch (format) {
  case Format::E3M2:
    return {3, 2};
  case Format::E2M3:
    return {2, 3};
  case Format::E2M2:
    return {2, 2};
  case Format::E2M1:
    return {2, 1};
  }
  assert(false && "unknown format");
  return {3, 2};
}

std::string_view fpx::numerics::getFormatName(Format format) {
  switch (format) {
  case Format::E3M2:
    return "e3m2";
  case Format::E2M3:
    return "e2m3";
  case Format::E2M2:
    return "e2m2";
  case Format::E2M1:
    return "e2m1";
  }
  assert(false && "unknown format");
  return "";
}

std::optional<Format> fpx::numerics::parseFormat(std::string_view name) {
  for (Format format : {Format::E3M2, Format::E2M3, Format::E2M2, Format::E2M1})
    if (name == getFormatName(format))
      return format;
  if (name == "fp6")
    return Format::E3M2;
  if (name == "fp5")
    return Format::E2M2;
  if (name == "fp4")
    return Format::E2M1;
  return std::nullopt;
}

double fpx::numerics::decode(FloatFormat format, uint32_t code) {
  unsigned magBits = format.expBits + format.manBits;
  uint32_t mantissa = code & ((1u << format.manBits) - 1);
  uint32_t biasedExp = (code >> format.manBits) & ((1u << format.expBits) - 1);
  // Subnormals are the biased-exponent-1 binade without the implicit one.
  double significand =
      biasedExp == 0 ? mantissa : mantissa | (1u << format.manBits);
  int exp = static_cast<int>(std::max(biasedExp, 1u)) - format.bias() -
            static_cast<int>(format.manBits);
  double magnitude = std::ldexp(significand, exp);
  return (code >> magBits) & 1 ? -magnitude : magnitude;
}

uint32_t fpx::numerics::encode(FloatFormat format, double value) {
  if (std::isnan(value))
    return 0;
  unsigned magBits = format.expBits + format.manBits;
  uint32_t sign = std::signbit(value) ? 1u << magBits : 0;
  double magnitude = std::fabs(value);
  // No Inf code: everything from maxValue up saturates. Below it, the nearest
  // grid point is at most maxValue, so roundMagnitude() cannot overflow.
  if (magnitude >= format.maxValue())
    return sign | ((1u << magBits) - 1);
  return sign | static_cast<uint32_t>(roundMagnitude(magnitude, format.manBits,
                                                     1 - format.bias()));
}

uint16_t fpx::numerics::doubleToHalf(double value) {
  uint16_t sign = std::signbit(value) ? 0x8000 : 0;
  if (std::isnan(value))
    return sign | kHalfQuietNaN;
  double magnitude = std::fabs(value);
  // 65520 is halfway between the largest half (65504) and 2^16; RNE sends it
  // and everything above to Inf. Checking first keeps ldexp in range.
  if (magnitude >= 65520.0)
    return sign | kHalfInf;
  return sign | static_cast<uint16_t>(
                    roundMagnitude(magnitude, kHalfManBits, kHalfMinExp));
}

uint16_t fpx::numerics::floatToHalf(float value) {
  if (std::isnan(value)) {
    // Keep the sign and the top payload bits; the quiet bit keeps it a NaN
    // even when the payload lived only in the dropped low bits.
    uint32_t bits = floatBits(value);
    return static_cast<uint16_t>(((bits >> 16) & 0x8000) | kHalfQuietNaN |
                                 ((bits >> 13) & 0x3FF));
  }
  // Float -> double is exact, so this is a single rounding.
  return doubleToHalf(value);
}

float fpx::numerics::halfToFloat(uint16_t bits) {
  uint32_t sign = static_cast<uint32_t>(bits & 0x8000) << 16;
  uint32_t biasedExp = (bits >> 10) & 0x1F;
  uint32_t mantissa = bits & 0x3FF;
  if (biasedExp == 0x1F) // Inf/NaN: widen the payload.
    return bitsToFloat(sign | 0x7F800000 | (mantissa << 13));
  // Every half is exact in float; ldexp does the (sub)normal bookkeeping.
  float magnitude = biasedExp == 0
                        ? std::ldexp(static_cast<float>(mantissa), -24)
                        : std::ldexp(static_cast<float>(mantissa | 0x400),
                                     static_cast<int>(biasedExp) - 25);
  return bitsToFloat(sign | floatBits(magnitude));
}

uint16_t fpx::numerics::floatToBFloat16(float value) {
  uint32_t bits = floatBits(value);
  // The carry trick below would turn a NaN with only low payload bits into
  // Inf, so NaNs just truncate and get the quiet bit.
  if (std::isnan(value))
    return static_cast<uint16_t>((bits >> 16) | 0x0040);
  // bfloat16 is the top half of a float: add just under half an ulp, plus one
  // when the kept LSB is odd, and truncate. Carries move into the exponent
  // (and to Inf) exactly as RNE requires; float subnormals work unchanged.
  bits += 0x7FFF + ((bits >> 16) & 1);
  return static_cast<uint16_t>(bits >> 16);
}

float fpx::numerics::bfloat16ToFloat(uint16_t bits) {
  return bitsToFloat(static_cast<uint32_t>(bits) << 16);
}
