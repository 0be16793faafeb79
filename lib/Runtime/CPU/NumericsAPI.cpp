//===- NumericsAPI.cpp - C API over the numerics library -------------------===//

#include "fpx/Numerics/Packing.h"
#include "fpx/Numerics/Quantize.h"
#include "fpx/Runtime/Runtime.h"

#include "../Error.h"

#include <cstring>

using namespace fpx::numerics;
using fpx::runtime::fail;
using fpx::runtime::succeed;

namespace {
thread_local std::string lastError;

bool toFormat(int64_t code, Format &format) {
  if (code < 0 || code > 3)
    return false;
  format = static_cast<Format>(code);
  return true;
}

/// Validates the common arguments; fills `layout`.
int makeLayout(int64_t formatCode, int64_t layoutCode, int64_t rows,
               int64_t cols, int64_t blockN, int64_t blockK, Format &format,
               PackedLayout &layout) {
  if (!toFormat(formatCode, format))
    return fail("unknown format code " + std::to_string(formatCode) +
                " (0 e3m2, 1 e2m3, 2 e2m2, 3 e2m1)");
  if (layoutCode != 0 && layoutCode != 1)
    return fail("unknown layout code " + std::to_string(layoutCode) +
                " (0 row_major, 1 tc_fpx)");
  if (rows <= 0 || cols <= 0)
    return fail("weight shape must be positive, got " + std::to_string(rows) +
                "x" + std::to_string(cols));
  TcFpxBlock block{static_cast<unsigned>(blockN), static_cast<unsigned>(blockK)};
  if (layoutCode == 1 && (blockN <= 0 || blockK <= 0 || !block.isValid()))
    return fail("invalid tc_fpx block " + std::to_string(blockN) + "x" +
                std::to_string(blockK));
  layout = getPackedLayout(layoutCode == 1 ? PackedLayoutKind::TcFpx
                                           : PackedLayoutKind::RowMajor,
                           getFloatFormat(format), rows, cols, block);
  return succeed();
}
} // namespace

int fpx::runtime::fail(std::string message) {
  lastError = std::move(message);
  return 1;
}

int fpx::runtime::succeed() {
  lastError.clear();
  return 0;
}

extern "C" const char *fpxGetLastError(void) { return lastError.c_str(); }

extern "C" int64_t fpxPackedNumWords(int64_t format, int64_t layout,
                                     int64_t rows, int64_t cols, int64_t blockN,
                                     int64_t blockK) {
  Format f;
  PackedLayout packed;
  if (makeLayout(format, layout, rows, cols, blockN, blockK, f, packed))
    return -1;
  return packed.numWords;
}

extern "C" int fpxQuantizePack(const float *weights, int64_t rows, int64_t cols,
                               int64_t format, int64_t layout,
                               int64_t groupSize, int64_t blockN,
                               int64_t blockK, uint32_t *words,
                               uint16_t *scales) {
  Format f;
  PackedLayout packed;
  if (makeLayout(format, layout, rows, cols, blockN, blockK, f, packed))
    return 1;
  std::string error;
  QuantizedMatrix quantized = quantize(weights, rows, cols, f, groupSize, &error);
  if (!error.empty())
    return fail(error);
  std::vector<uint32_t> result = pack(packed, quantized.codes);
  std::memcpy(words, result.data(), result.size() * sizeof(uint32_t));
  std::memcpy(scales, quantized.scales.data(),
              quantized.scales.size() * sizeof(uint16_t));
  return succeed();
}

extern "C" int fpxDequantizePacked(const uint32_t *words,
                                   const uint16_t *scales, int64_t rows,
                                   int64_t cols, int64_t format, int64_t layout,
                                   int64_t groupSize, int64_t blockN,
                                   int64_t blockK, float *weights) {
  Format f;
  PackedLayout packed;
  if (makeLayout(format, layout, rows, cols, blockN, blockK, f, packed))
    return 1;
  if (groupSize < 0)
    return fail("group size must be >= 0");
  QuantizedMatrix matrix;
  matrix.format = f;
  matrix.rows = rows;
  matrix.cols = cols;
  matrix.groupSize = groupSize;
  matrix.codes =
      unpack(packed, std::vector<uint32_t>(words, words + packed.numWords));
  matrix.scales.assign(scales, scales + rows * matrix.numScaleGroups());
  std::vector<float> result = dequantize(matrix);
  std::memcpy(weights, result.data(), result.size() * sizeof(float));
  return succeed();
}
