//===- FloatFormatTest.cpp - Narrow float and fp16/bf16 conversions -------===//
//
// encode() and floatToHalf() are checked against a brute-force reference that
// knows nothing about exponents: it decodes every code from its bit fields into
// a sorted table, finds the two neighbours of the input in it and compares with
// their exact midpoint.
//
//===----------------------------------------------------------------------===//

#include "fpx/Numerics/FloatFormat.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

using namespace fpx::numerics;

namespace {

constexpr Format kAllFormats[] = {Format::E3M2, Format::E2M3, Format::E2M2,
                                  Format::E2M1};

/// Value of a sign-magnitude code from its fields:
/// (-1)^s * 2^(max(e,1) - bias) * ((e != 0) + m / 2^manBits).
double fieldValue(unsigned expBits, unsigned manBits, int bias, uint32_t code) {
  uint32_t m = code & ((1u << manBits) - 1);
  uint32_t e = (code >> manBits) & ((1u << expBits) - 1);
  bool negative = (code >> (expBits + manBits)) & 1;
  double fraction = (e != 0 ? 1.0 : 0.0) + double(m) / double(1u << manBits);
  double value = fraction * std::pow(2.0, int(e == 0 ? 1 : e) - bias);
  return negative ? -value : value;
}

/// Round-to-nearest-even onto an ascending table of non-negative values,
/// indexed by magnitude code. Magnitudes at or beyond `overflowAt` give
/// `overflowCode`; without it, the largest value (saturation).
struct NearestEvenReference {
  std::vector<double> values;
  double overflowAt = std::numeric_limits<double>::infinity();
  uint32_t overflowCode = 0;

  uint32_t roundMagnitude(double a) const {
    if (a >= overflowAt)
      return overflowCode;
    // The largest value <= a (values[0] is 0).
    size_t lo = size_t(std::upper_bound(values.begin(), values.end(), a) -
                       values.begin()) -
                1;
    if (lo + 1 == values.size())
      return uint32_t(lo);
    // Adjacent values have few significant bits, so the midpoint is exact.
    double mid = (values[lo] + values[lo + 1]) / 2;
    if (a < mid)
      return uint32_t(lo);
    if (a > mid)
      return uint32_t(lo + 1);
    return uint32_t(lo % 2 == 0 ? lo : lo + 1);
  }
};

NearestEvenReference makeReference(FloatFormat format) {
  NearestEvenReference ref;
  for (uint32_t code = 0; code < format.numCodes() / 2; ++code)
    ref.values.push_back(
        fieldValue(format.expBits, format.manBits, format.bias(), code));
  return ref;
}

uint32_t referenceEncode(const NearestEvenReference &ref, FloatFormat format,
                         double value) {
  uint32_t sign = std::signbit(value) ? format.numCodes() / 2 : 0;
  return sign | ref.roundMagnitude(std::fabs(value));
}

/// binary16 as the same kind of table; values >= 65520 (halfway from 65504 to
/// 2^16) round to Inf.
NearestEvenReference makeHalfReference() {
  NearestEvenReference ref;
  for (uint32_t code = 0; code < 0x7C00; ++code)
    ref.values.push_back(fieldValue(5, 10, 15, code));
  ref.overflowAt = 65520.0;
  ref.overflowCode = 0x7C00;
  return ref;
}

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

bool isHalfNaN(uint16_t bits) {
  return (bits & 0x7C00) == 0x7C00 && (bits & 0x3FF) != 0;
}

bool isBFloat16NaN(uint16_t bits) {
  return (bits & 0x7F80) == 0x7F80 && (bits & 0x7F) != 0;
}

std::string formatTestName(const testing::TestParamInfo<Format> &info) {
  return std::string(getFormatName(info.param));
}

//===----------------------------------------------------------------------===//
// Format properties and known values
//===----------------------------------------------------------------------===//

TEST(FloatFormatTest, Properties) {
  struct Expected {
    Format format;
    unsigned bitWidth;
    int bias;
    double maxValue, minNormal, minSubnormal;
  };
  const Expected table[] = {
      {Format::E3M2, 6, 3, 28.0, 0.25, 0.0625},
      {Format::E2M3, 6, 1, 7.5, 1.0, 0.125},
      {Format::E2M2, 5, 1, 7.0, 1.0, 0.25},
      {Format::E2M1, 4, 1, 6.0, 1.0, 0.5},
  };
  for (const Expected &e : table) {
    SCOPED_TRACE(std::string(getFormatName(e.format)));
    FloatFormat format = getFloatFormat(e.format);
    EXPECT_EQ(format.bitWidth(), e.bitWidth);
    EXPECT_EQ(format.numCodes(), 1u << e.bitWidth);
    EXPECT_EQ(format.bias(), e.bias);
    EXPECT_EQ(format.maxValue(), e.maxValue);
    EXPECT_EQ(format.minNormal(), e.minNormal);
    EXPECT_EQ(format.minSubnormal(), e.minSubnormal);
  }
}

TEST(FloatFormatTest, Names) {
  for (Format format : kAllFormats)
    EXPECT_EQ(parseFormat(getFormatName(format)), format);
  EXPECT_EQ(getFormatName(Format::E3M2), "e3m2");
  EXPECT_EQ(getFormatName(Format::E2M3), "e2m3");
  EXPECT_EQ(getFormatName(Format::E2M2), "e2m2");
  EXPECT_EQ(getFormatName(Format::E2M1), "e2m1");
  EXPECT_EQ(parseFormat("fp6"), Format::E3M2);
  EXPECT_EQ(parseFormat("fp5"), Format::E2M2);
  EXPECT_EQ(parseFormat("fp4"), Format::E2M1);
  EXPECT_EQ(parseFormat("fp8"), std::nullopt);
  EXPECT_EQ(parseFormat("E3M2"), std::nullopt);
  EXPECT_EQ(parseFormat(""), std::nullopt);
}

TEST(FloatFormatTest, KnownValues) {
  FloatFormat e3m2 = getFloatFormat(Format::E3M2);
  EXPECT_EQ(decode(e3m2, 0x1F), 28.0);
  EXPECT_EQ(decode(e3m2, 0x3F), -28.0);
  EXPECT_EQ(decode(e3m2, 0x01), 0.0625);
  EXPECT_EQ(decode(e3m2, 0x03), 0.1875); // Largest subnormal.
  EXPECT_EQ(decode(e3m2, 0x04), 0.25);   // Smallest normal.
  EXPECT_EQ(decode(e3m2, 0x0C), 1.0);
  EXPECT_EQ(decode(e3m2, 0x0F), 1.75);

  FloatFormat e2m1 = getFloatFormat(Format::E2M1);
  const double e2m1Values[] = {0, 0.5, 1, 1.5, 2, 3, 4, 6};
  for (uint32_t code = 0; code < 8; ++code) {
    EXPECT_EQ(decode(e2m1, code), e2m1Values[code]);
    EXPECT_EQ(decode(e2m1, code | 8), -e2m1Values[code]);
  }

  EXPECT_EQ(decode(getFloatFormat(Format::E2M3), 0x1F), 7.5);
  EXPECT_EQ(decode(getFloatFormat(Format::E2M3), 0x01), 0.125);
  EXPECT_EQ(decode(getFloatFormat(Format::E2M2), 0x0F), 7.0);
  EXPECT_EQ(decode(getFloatFormat(Format::E2M2), 0x01), 0.25);

  // Only the low bitWidth() bits of a code matter.
  EXPECT_EQ(decode(e2m1, 0xF7), 6.0);
  EXPECT_EQ(decode(e2m1, 0x7F), -6.0);
}

TEST(FloatFormatTest, NegativeZero) {
  // -0 is a code of its own: decode gives -0.0 and encode keeps the sign of
  // negative zeros and of negative values that round to zero.
  for (Format f : kAllFormats) {
    FloatFormat format = getFloatFormat(f);
    uint32_t negZero = format.numCodes() / 2;
    EXPECT_EQ(decode(format, negZero), 0.0);
    EXPECT_TRUE(std::signbit(decode(format, negZero)));
    EXPECT_EQ(encode(format, -0.0), negZero);
    EXPECT_EQ(encode(format, 0.0), 0u);
    EXPECT_EQ(encode(format, -format.minSubnormal() / 2), negZero); // Tie.
    EXPECT_EQ(encode(format, -1e-300), negZero);
  }
}

TEST(FloatFormatTest, SpecialInputs) {
  for (Format f : kAllFormats) {
    SCOPED_TRACE(std::string(getFormatName(f)));
    FloatFormat format = getFloatFormat(f);
    uint32_t maxCode = format.numCodes() / 2 - 1;
    uint32_t negMaxCode = format.numCodes() - 1;
    double inf = std::numeric_limits<double>::infinity();
    EXPECT_EQ(encode(format, std::nan("")), 0u);
    EXPECT_EQ(encode(format, -std::nan("")), 0u);
    EXPECT_EQ(encode(format, inf), maxCode);
    EXPECT_EQ(encode(format, -inf), negMaxCode);
    EXPECT_EQ(encode(format, std::numeric_limits<double>::max()), maxCode);
    EXPECT_EQ(encode(format, format.maxValue()), maxCode);
    EXPECT_EQ(encode(format, std::nextafter(format.maxValue(), inf)), maxCode);
    EXPECT_EQ(encode(format, -1e300), negMaxCode);
    EXPECT_EQ(encode(format, std::numeric_limits<double>::denorm_min()), 0u);
    // Just over half the smallest subnormal rounds up to it.
    EXPECT_EQ(encode(format, std::nextafter(format.minSubnormal() / 2, inf)),
              1u);
  }
}

//===----------------------------------------------------------------------===//
// Per-format exhaustive and randomized checks
//===----------------------------------------------------------------------===//

class FormatTest : public testing::TestWithParam<Format> {
protected:
  FloatFormat format = getFloatFormat(GetParam());
};

TEST_P(FormatTest, DecodeMatchesFields) {
  for (uint32_t code = 0; code < format.numCodes(); ++code)
    EXPECT_EQ(decode(format, code),
              fieldValue(format.expBits, format.manBits, format.bias(), code))
        << "code " << code;
}

TEST_P(FormatTest, EveryCodeRoundTrips) {
  // Including the -0 code, since encode() keeps the sign of -0.0.
  for (uint32_t code = 0; code < format.numCodes(); ++code)
    EXPECT_EQ(encode(format, decode(format, code)), code) << "code " << code;
}

TEST_P(FormatTest, MidpointsTieToEven) {
  NearestEvenReference ref = makeReference(format);
  for (uint32_t lo = 0; lo + 1 < ref.values.size(); ++lo) {
    double mid = (ref.values[lo] + ref.values[lo + 1]) / 2;
    uint32_t even = lo % 2 == 0 ? lo : lo + 1;
    EXPECT_EQ(encode(format, mid), even) << "midpoint above code " << lo;
    EXPECT_EQ(encode(format, std::nextafter(mid, 0.0)), lo);
    EXPECT_EQ(encode(format, std::nextafter(mid, 100.0)), lo + 1);
    uint32_t sign = format.numCodes() / 2;
    EXPECT_EQ(encode(format, -mid), sign | even);
  }
}

/// A mix of inputs that stresses every rounding path; each kind is drawn in
/// turn.
double drawValue(std::mt19937_64 &rng, const NearestEvenReference &ref,
                 FloatFormat format, uint64_t i) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  double maxValue = format.maxValue();
  double sign = (rng() & 1) ? -1.0 : 1.0;
  size_t numValues = ref.values.size();
  switch (i % 8) {
  case 0: // Anywhere in (and a bit beyond) the range.
    return sign * unit(rng) * 1.25 * maxValue;
  case 1: { // Log-uniform over 10 binades below and 4 above the format.
    int exp = std::uniform_int_distribution<int>(
        1 - format.bias() - int(format.manBits) - 10,
        int((1u << format.expBits) - format.bias()) + 4)(rng);
    return sign * std::ldexp(1.0 + unit(rng), exp);
  }
  case 2: // Subnormal range and the first normal binade.
    return sign * unit(rng) * 2 * format.minNormal();
  case 3:   // Exact midpoint between adjacent codes.
  case 4: { // The same, one double ulp off either way.
    size_t lo = std::uniform_int_distribution<size_t>(0, numValues - 2)(rng);
    double mid = (ref.values[lo] + ref.values[lo + 1]) / 2;
    if (i % 8 == 4)
      mid = std::nextafter(mid, (rng() & 1) ? 0.0 : 1e9);
    return sign * mid;
  }
  case 5: // Exactly a code.
    return sign * ref.values[std::uniform_int_distribution<size_t>(
                      0, numValues - 1)(rng)];
  case 6: // Overflow, up to huge.
    return sign * maxValue * std::pow(10.0, 6 * unit(rng));
  default: // Raw random doubles, from far below the format to modest.
    return sign * std::ldexp(unit(rng),
                             std::uniform_int_distribution<int>(-80, 8)(rng));
  }
}

TEST_P(FormatTest, EncodeMatchesReference) {
  NearestEvenReference ref = makeReference(format);
  std::mt19937_64 rng(0x5EED0000 + unsigned(GetParam()));
  constexpr uint64_t kSamples = 1000000;
  uint64_t failures = 0;
  for (uint64_t i = 0; i < kSamples; ++i) {
    double value = drawValue(rng, ref, format, i);
    uint32_t expected = referenceEncode(ref, format, value);
    uint32_t actual = encode(format, value);
    if (actual != expected && ++failures <= 10)
      ADD_FAILURE() << "encode(" << std::hexfloat << value << ") = " << actual
                    << ", expected " << expected;
  }
  EXPECT_EQ(failures, 0u);
}

TEST_P(FormatTest, GridRounderMatchesEncode) {
  // GridRounder(|x|) is the magnitude of the code the reference picks, on the
  // same mix of inputs (midpoints and their neighbours included), and on
  // every midpoint and code exactly.
  NearestEvenReference ref = makeReference(format);
  GridRounder round(format);
  for (uint32_t lo = 0; lo + 1 < ref.values.size(); ++lo) {
    double mid = (ref.values[lo] + ref.values[lo + 1]) / 2;
    uint32_t even = lo % 2 == 0 ? lo : lo + 1;
    EXPECT_EQ(round(mid), ref.values[even]) << "midpoint above code " << lo;
    EXPECT_EQ(round(std::nextafter(mid, 0.0)), ref.values[lo]);
    EXPECT_EQ(round(std::nextafter(mid, 100.0)), ref.values[lo + 1]);
    EXPECT_EQ(round(ref.values[lo]), ref.values[lo]);
  }
  EXPECT_EQ(round(0.0), 0.0);
  EXPECT_EQ(round(format.maxValue()), format.maxValue());
  EXPECT_EQ(round(1e300), format.maxValue());
  std::mt19937_64 rng(0x6A1D0000 + unsigned(GetParam()));
  constexpr uint64_t kSamples = 1000000;
  uint64_t failures = 0;
  for (uint64_t i = 0; i < kSamples; ++i) {
    double value = std::fabs(drawValue(rng, ref, format, i));
    double expected = std::fabs(decode(format, referenceEncode(ref, format, value)));
    double actual = round(value);
    if (actual != expected && ++failures <= 10)
      ADD_FAILURE() << "GridRounder(" << std::hexfloat << value << ") = "
                    << actual << ", expected " << expected;
  }
  EXPECT_EQ(failures, 0u);
}

TEST_P(FormatTest, HalfReinterpretation) {
  // The in-register dequantization of docs/Numerics.md: with the code at the
  // top of a 16-bit lane, fp16 = sign | (rest >> (5 - E)) is the value times
  // 2^(bias - 15), subnormals included.
  unsigned width = format.bitWidth();
  double rescale = std::ldexp(1.0, 15 - format.bias());
  for (uint32_t code = 0; code < format.numCodes(); ++code) {
    uint16_t top = uint16_t(code << (16 - width));
    uint16_t half =
        uint16_t((top & 0x8000) | ((top & 0x7FFF) >> (5 - format.expBits)));
    EXPECT_EQ(double(halfToFloat(half)) * rescale, decode(format, code))
        << "code " << code;
  }
}

INSTANTIATE_TEST_SUITE_P(AllFormats, FormatTest, testing::ValuesIn(kAllFormats),
                         formatTestName);

//===----------------------------------------------------------------------===//
// binary16
//===----------------------------------------------------------------------===//

TEST(HalfTest, DecodeExhaustive) {
  for (uint32_t bits = 0; bits < 0x10000; ++bits) {
    float value = halfToFloat(uint16_t(bits));
    bool negative = bits & 0x8000;
    EXPECT_EQ(std::signbit(value), negative) << bits;
    if ((bits & 0x7C00) == 0x7C00) {
      if (bits & 0x3FF)
        EXPECT_TRUE(std::isnan(value)) << bits;
      else
        EXPECT_TRUE(std::isinf(value)) << bits;
      continue;
    }
    EXPECT_EQ(double(value), fieldValue(5, 10, 15, bits)) << bits;
  }
}

TEST(HalfTest, RoundTripExhaustive) {
  for (uint32_t bits = 0; bits < 0x10000; ++bits) {
    uint16_t back = floatToHalf(halfToFloat(uint16_t(bits)));
    if (!isHalfNaN(uint16_t(bits))) {
      EXPECT_EQ(back, bits);
      continue;
    }
    // NaNs stay NaN with their sign and payload; signalling ones get quieted.
    EXPECT_TRUE(isHalfNaN(back)) << bits;
    EXPECT_EQ(back, bits | 0x200) << bits;
  }
}

TEST(HalfTest, TiesToEven) {
  // Every pair of adjacent finite halves; midpoints are exact in float.
  for (uint32_t lo = 0; lo < 0x7C00; ++lo) {
    float loValue = halfToFloat(uint16_t(lo));
    float hiValue = lo + 1 == 0x7C00 ? 65536.0f : halfToFloat(uint16_t(lo + 1));
    float mid = (loValue + hiValue) / 2;
    uint32_t even = lo % 2 == 0 ? lo : lo + 1;
    EXPECT_EQ(floatToHalf(mid), even) << lo;
    EXPECT_EQ(floatToHalf(-mid), even | 0x8000) << lo;
    EXPECT_EQ(floatToHalf(std::nextafter(mid, 0.0f)), lo) << lo;
    EXPECT_EQ(floatToHalf(std::nextafter(mid, 1e9f)), lo + 1) << lo;
  }
  // 65504 is odd, so 65520 ties up to Inf.
  EXPECT_EQ(floatToHalf(65520.0f), 0x7C00);
  EXPECT_EQ(floatToHalf(std::nextafter(65520.0f, 0.0f)), 0x7BFF);
}

TEST(HalfTest, Specials) {
  float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(floatToHalf(inf), 0x7C00);
  EXPECT_EQ(floatToHalf(-inf), 0xFC00);
  EXPECT_EQ(floatToHalf(1e10f), 0x7C00);
  EXPECT_EQ(floatToHalf(-1e10f), 0xFC00);
  EXPECT_EQ(floatToHalf(0.0f), 0x0000);
  EXPECT_EQ(floatToHalf(-0.0f), 0x8000);
  EXPECT_EQ(floatToHalf(std::numeric_limits<float>::denorm_min()), 0x0000);
  EXPECT_EQ(floatToHalf(-std::numeric_limits<float>::denorm_min()), 0x8000);
  EXPECT_EQ(floatToHalf(1.0f), 0x3C00);
  EXPECT_EQ(floatToHalf(-2.0f), 0xC000);
  EXPECT_EQ(floatToHalf(65504.0f), 0x7BFF);
  EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -14)), 0x0400);
  EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -24)), 0x0001);
  // NaNs, including ones whose payload is only in the dropped bits.
  EXPECT_TRUE(isHalfNaN(floatToHalf(std::numeric_limits<float>::quiet_NaN())));
  EXPECT_TRUE(isHalfNaN(floatToHalf(bitsToFloat(0x7F800001))));
  EXPECT_EQ(floatToHalf(bitsToFloat(0xFF800001)) & 0x8000, 0x8000);
  EXPECT_TRUE(isHalfNaN(doubleToHalf(std::nan(""))));
  EXPECT_EQ(doubleToHalf(1e300), 0x7C00);
  EXPECT_EQ(doubleToHalf(-1e-300), 0x8000);
}

TEST(HalfTest, RandomMatchesReference) {
  NearestEvenReference ref = makeHalfReference();
  auto referenceHalf = [&](double value) {
    uint32_t sign = std::signbit(value) ? 0x8000 : 0;
    return uint16_t(sign | ref.roundMagnitude(std::fabs(value)));
  };
  std::mt19937 rng(12345);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  uint64_t failures = 0;
  for (int i = 0; i < 300000; ++i) {
    float value;
    switch (i % 3) {
    case 0: // Any finite float bit pattern.
      do
        value = bitsToFloat(uint32_t(rng()));
      while (!std::isfinite(value));
      break;
    case 1: // Log-uniform over the half range and a bit beyond.
      value = std::ldexp(1.0f + unit(rng),
                         std::uniform_int_distribution<int>(-30, 17)(rng));
      break;
    default: // Around the subnormal range.
      value = unit(rng) * std::ldexp(1.0f, -13);
      break;
    }
    if (rng() & 1)
      value = -value;
    uint16_t expected = referenceHalf(value);
    if (floatToHalf(value) != expected && ++failures <= 10)
      ADD_FAILURE() << "floatToHalf(" << std::hexfloat << value << ")";
    // Doubles near a half midpoint: float would round onto the midpoint.
    double nearTie = double(value) + std::ldexp(double(value), -40);
    if (doubleToHalf(nearTie) != referenceHalf(nearTie) && ++failures <= 10)
      ADD_FAILURE() << "doubleToHalf(" << std::hexfloat << nearTie << ")";
  }
  EXPECT_EQ(failures, 0u);
}

TEST(HalfTest, DoubleAvoidsDoubleRounding) {
  // 1 + 2^-11 + 2^-30 is just above the midpoint of 1 and its successor, but
  // rounds to that midpoint as a float.
  double value = 1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -30);
  EXPECT_EQ(doubleToHalf(value), 0x3C01);
  EXPECT_EQ(floatToHalf(float(value)), 0x3C00);
}

//===----------------------------------------------------------------------===//
// bfloat16
//===----------------------------------------------------------------------===//

TEST(BFloat16Test, RoundTripExhaustive) {
  for (uint32_t bits = 0; bits < 0x10000; ++bits) {
    float value = bfloat16ToFloat(uint16_t(bits));
    EXPECT_EQ(floatBits(value), bits << 16);
    uint16_t back = floatToBFloat16(value);
    if (isBFloat16NaN(uint16_t(bits)))
      EXPECT_EQ(back, bits | 0x40) << bits; // Quieted, payload and sign kept.
    else
      EXPECT_EQ(back, bits) << bits;
  }
}

TEST(BFloat16Test, TiesToEvenExhaustive) {
  // The float below, at and above the midpoint after every finite bfloat16
  // (the last one's successor being Inf), both signs, subnormals included.
  for (uint32_t bits = 0; bits < 0x10000; ++bits) {
    if ((bits & 0x7F80) == 0x7F80)
      continue;
    uint32_t even = bits % 2 == 0 ? bits : bits + 1;
    EXPECT_EQ(floatToBFloat16(bitsToFloat(bits << 16 | 0x7FFF)), bits);
    EXPECT_EQ(floatToBFloat16(bitsToFloat(bits << 16 | 0x8000)), even);
    EXPECT_EQ(floatToBFloat16(bitsToFloat(bits << 16 | 0x8001)), bits + 1);
  }
  EXPECT_EQ(floatToBFloat16(std::numeric_limits<float>::max()), 0x7F80);
  EXPECT_EQ(floatToBFloat16(1.0f), 0x3F80);
  EXPECT_EQ(floatToBFloat16(-0.0f), 0x8000);
}

TEST(BFloat16Test, NaNStaysNaN) {
  EXPECT_TRUE(isBFloat16NaN(floatToBFloat16(bitsToFloat(0x7F800001))));
  EXPECT_TRUE(isBFloat16NaN(floatToBFloat16(bitsToFloat(0xFFFFFFFF))));
  EXPECT_EQ(floatToBFloat16(bitsToFloat(0xFF800001)), 0xFFC0);
  EXPECT_EQ(floatToBFloat16(std::numeric_limits<float>::infinity()), 0x7F80);
}

} // namespace
