//===- QuantizeRuntime.cpp - Run-time weight quantization for CPU code -----===//
//
// `fpx.quantize` on a weight that is only known at run time lowers to a call
// of fpxQuantizeF32 (see convert-fpx-to-linalg). It runs the numerics library
// the compiler uses for constant weights, so both paths pack identically.
//
//===----------------------------------------------------------------------===//

#include "fpx/Runtime/Runtime.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
/// A 1-D memref descriptor as MLIR passes it to `_mlir_ciface_` functions.
template <typename T>
struct MemRef1D {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t size;
  int64_t stride;

  T *begin() const { return aligned + offset; }
};

[[noreturn]] void fail(const std::string &message) {
  std::fprintf(stderr, "fpx runtime: fpx.quantize: %s\n", message.c_str());
  std::exit(1);
}
} // namespace

extern "C" void _mlir_ciface_fpxQuantizeF32(
    MemRef1D<float> *weights, int64_t rows, int64_t cols, int64_t format,
    int64_t layout, int64_t groupSize, int64_t blockN, int64_t blockK,
    MemRef1D<uint32_t> *words, MemRef1D<uint16_t> *scales) {
  if (weights->size != rows * cols || weights->stride != 1)
    fail("weight buffer does not hold a contiguous " + std::to_string(rows) +
         "x" + std::to_string(cols) + " matrix");
  int64_t numWords = fpxPackedNumWords(format, layout, rows, cols, blockN, blockK);
  int64_t groups = groupSize == 0 ? 1 : (cols + groupSize - 1) / groupSize;
  if (numWords < 0)
    fail(fpxGetLastError());
  if (words->size != numWords || scales->size != rows * groups ||
      words->stride != 1 || scales->stride != 1)
    fail("output buffers do not match the packing");
  if (fpxQuantizePack(weights->begin(), rows, cols, format, layout, groupSize,
                      blockN, blockK, words->begin(), scales->begin()))
    fail(fpxGetLastError());
}
