//===- HostArray.h - Arrays in host memory for the drivers ------*- C++ -*-===//
//
// The values fpx-run passes to and receives from a compiled model: a dense,
// C-ordered, little-endian array of one of the element types the drivers
// support. The same element-type names appear in signature.json.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_DRIVER_HOSTARRAY_H
#define FPX_DRIVER_HOSTARRAY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fpx::driver {

/// Element types an entry function of a compiled model may take and return.
/// These are the types models exchange with their caller (activations,
/// token ids, positions); narrower or unusual types stay inside the model.
enum class ElementType { F32, F16, BF16, I32, I64 };

/// The MLIR spelling ("f32", "bf16", "i64", ...), also used in
/// signature.json.
llvm::StringRef getElementTypeName(ElementType type);
std::optional<ElementType> parseElementTypeName(llvm::StringRef name);
/// Bytes per element.
int64_t getElementSize(ElementType type);
/// "f32, f16, bf16, i32, i64", for error messages.
std::string listElementTypeNames();

/// "[8, 64]"; a dynamic (negative) size prints as "?".
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// A dense array in C order. Sizes are non-negative.
struct HostArray {
  ElementType type = ElementType::F32;
  llvm::SmallVector<int64_t> shape;
  /// getNumElements() * getElementSize(type) bytes. operator new aligns the
  /// buffer to at least 16 bytes, more than any element type needs, so the
  /// compiled code can read it in place.
  std::vector<char> data;

  HostArray() = default;
  /// An array of the given type and shape, zero-filled.
  HostArray(ElementType type, llvm::ArrayRef<int64_t> shape);

  int64_t getNumElements() const;
};

} // namespace fpx::driver

#endif // FPX_DRIVER_HOSTARRAY_H
