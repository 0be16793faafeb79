//===- HostArray.cpp - Arrays in host memory for the drivers --------------===//

#include "fpx/Driver/HostArray.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace fpx::driver;

namespace {
struct ElementTypeInfo {
  ElementType type;
  llvm::StringLiteral name;
  int64_t size;
};
constexpr ElementTypeInfo kElementTypes[] = {
    {ElementType::F32, "f32", 4},   {ElementType::F16, "f16", 2},
    {ElementType::BF16, "bf16", 2}, {ElementType::I32, "i32", 4},
    {ElementType::I64, "i64", 8},
};

const ElementTypeInfo &getInfo(ElementType type) {
  return *llvm::find_if(kElementTypes, [&](const ElementTypeInfo &info) {
    return info.type == type;
  });
}
} // namespace

llvm::StringRef fpx::driver::getElementTypeName(ElementType type) {
  return getInfo(type).name;
}

std::optional<ElementType>
fpx::driver::parseElementTypeName(llvm::StringRef name) {
  for (const ElementTypeInfo &info : kElementTypes)
    if (info.name == name)
      return info.type;
  return std::nullopt;
}

int64_t fpx::driver::getElementSize(ElementType type) {
  return getInfo(type).size;
}

std::string fpx::driver::listElementTypeNames() {
  std::string names;
  llvm::raw_string_ostream os(names);
  llvm::interleaveComma(kElementTypes, os,
                        [&](const ElementTypeInfo &info) { os << info.name; });
  return names;
}

std::string fpx::driver::formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(shape, os, [&](int64_t size) {
    if (size < 0)
      os << '?';
    else
      os << size;
  });
  os << ']';
  return text;
}

HostArray::HostArray(ElementType type, llvm::ArrayRef<int64_t> shape)
    : type(type), shape(shape) {
  data.resize(getNumElements() * getElementSize(type));
}

int64_t HostArray::getNumElements() const {
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  return count;
}
