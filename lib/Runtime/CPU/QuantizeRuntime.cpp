//===- QuantizeRuntime.cpp - Run-time weight quantization for CPU code -----===//
//
// `fpx.quantize` on a weight that is only known at run time lowers to a call
// of fpxQuantizeF32 (see convert-fpx-to-linalg). It runs the numerics library
// the compiler uses for constant weights, so both paths pack identically.
//
//===----------------------------------------------------------------------===//

#include "fpx/Numerics/Packing.h"
#include "fpx/Numerics/Quantize.h"

#include "mlir/ExecutionEngine/CRunnerUtils.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace fpx::numerics;

namespace {
[[noreturn]] void fail(const std::string &message) {
  std::fprintf(stderr, "fpx runtime: fpx.quantize: %s\n", message.c_str());
  std::exit(1);
}

// Values of the fpx dialect's FloatFormatKind / PackedLayoutKind enums.
Format toFormat(int64_t kind) {
  switch (kind) {
  case 0:
    return Format::E3M2;
  case 1:
    return Format::E2M3;
  case 2:
    return Format::E2M2;
  case 3:
    return Format::E2M1;
  }
  fail("unknown format code " + std::to_string(kind));
}
} // namespace

extern "C" void _mlir_ciface_fpxQuantizeF32(
    StridedMemRefType<float, 1> *weights, int64_t rows, int64_t cols,
    int64_t formatKind, int64_t layoutKind, int64_t groupSize, int64_t blockN,
    int64_t blockK, StridedMemRefType<int32_t, 1> *words,
    StridedMemRefType<uint16_t, 1> *scales) {
  if (weights->sizes[0] != rows * cols || weights->strides[0] != 1)
    fail("weight buffer does not hold a contiguous " + std::to_string(rows) +
         "x" + std::to_string(cols) + " matrix");
  Format format = toFormat(formatKind);
  std::string error;
  QuantizedMatrix quantized =
      quantize(weights->data + weights->offset, rows, cols, format, groupSize,
               &error);
  if (!error.empty())
    fail(error);
  PackedLayout layout = getPackedLayout(
      layoutKind == 1 ? PackedLayoutKind::TcFpx : PackedLayoutKind::RowMajor,
      getFloatFormat(format), rows, cols,
      TcFpxBlock{static_cast<unsigned>(blockN), static_cast<unsigned>(blockK)});
  std::vector<uint32_t> packed = pack(layout, quantized.codes);
  if (words->sizes[0] != static_cast<int64_t>(packed.size()) ||
      scales->sizes[0] != static_cast<int64_t>(quantized.scales.size()))
    fail("output buffers do not match the packing");
  std::memcpy(words->data + words->offset, packed.data(),
              packed.size() * sizeof(uint32_t));
  std::memcpy(scales->data + scales->offset, quantized.scales.data(),
              quantized.scales.size() * sizeof(uint16_t));
}
