//===- Safetensors.h - Reading and writing .safetensors files ---*- C++ -*-===//
//
// The weights of a compiled model are written in the safetensors format
// (https://huggingface.co/docs/safetensors) so that other tools can read
// them without MLIR:
//
//   8 bytes     N, the header size, unsigned little-endian
//   N bytes     a JSON object: for each tensor
//                 "<name>": {"dtype": "F32", "shape": [64, 32],
//                            "data_offsets": [begin, end]}
//               and an optional "__metadata__" object of string values;
//               padded with spaces to a multiple of 8 bytes
//   the rest    the tensors' bytes, little-endian, C order; the offsets are
//               relative to the start of this section, which the tensors
//               cover without gaps or overlaps.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_DRIVER_SAFETENSORS_H
#define FPX_DRIVER_SAFETENSORS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace fpx::driver {

struct SafetensorsTensor {
  std::string name;
  /// A safetensors dtype: F64, F32, F16, BF16, I64, I32, I16, I8, U64, U32,
  /// U16, U8 or BOOL.
  std::string dtype;
  llvm::SmallVector<int64_t> shape;
  /// The raw little-endian bytes; must stay alive until written.
  llvm::ArrayRef<char> data;
};

/// Bytes per element of a safetensors dtype, or 0 for an unknown name.
int64_t getSafetensorsElementSize(llvm::StringRef dtype);

/// Writes `tensors` to `path`. Checks that names are unique and that every
/// tensor's data size matches its dtype and shape. Tensors are stored by
/// decreasing element size, then by name, so that every tensor starts
/// aligned to its element size.
llvm::Error
writeSafetensors(llvm::StringRef path,
                 llvm::ArrayRef<SafetensorsTensor> tensors,
                 const std::map<std::string, std::string> &metadata);

/// A tensor of a file that SafetensorsFile read.
struct SafetensorsEntry {
  std::string dtype;
  llvm::SmallVector<int64_t> shape;
  /// Its bytes, inside the file's buffer.
  llvm::ArrayRef<char> data;
};

/// A .safetensors file in memory: llvm::MemoryBuffer maps files of more
/// than a few pages rather than copying them, so a multi-GB file costs
/// address space, and only the pages that are read are loaded.
class SafetensorsFile {
public:
  /// Reads `path` and checks its header: the header size fits in the file,
  /// the header is a JSON object, every tensor has a known dtype, a shape
  /// of non-negative sizes and `data_offsets` inside the data section
  /// spanning exactly the bytes its dtype and shape need, and
  /// `__metadata__` holds strings. Errors start with the path and name the
  /// tensor concerned. Tensors may be in any order; gaps are allowed.
  static llvm::Expected<SafetensorsFile> open(llvm::StringRef path);
  /// The same for a file already in memory; `path` names it in errors.
  static llvm::Expected<SafetensorsFile>
  read(std::unique_ptr<llvm::MemoryBuffer> buffer, llvm::StringRef path);

  /// The tensor `name`, or null.
  const SafetensorsEntry *lookup(llvm::StringRef name) const;
  const std::map<std::string, std::string> &getMetadata() const {
    return metadata;
  }
  llvm::StringRef getPath() const { return path; }

private:
  SafetensorsFile() = default;

  std::string path;
  std::unique_ptr<llvm::MemoryBuffer> buffer;
  llvm::StringMap<SafetensorsEntry> tensors;
  std::map<std::string, std::string> metadata;
};

} // namespace fpx::driver

#endif // FPX_DRIVER_SAFETENSORS_H
