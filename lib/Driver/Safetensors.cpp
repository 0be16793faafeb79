//===- Safetensors.cpp - Writing .safetensors files -----------------------===//

#include "fpx/Driver/Safetensors.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace fpx::driver;
using llvm::StringRef;

static_assert(llvm::endianness::native == llvm::endianness::little,
              "safetensors data is little-endian and is copied as is");

int64_t fpx::driver::getSafetensorsElementSize(StringRef dtype) {
  return llvm::StringSwitch<int64_t>(dtype)
      .Cases({"F64", "I64", "U64"}, 8)
      .Cases({"F32", "I32", "U32"}, 4)
      .Cases({"F16", "BF16", "I16", "U16"}, 2)
      .Cases({"I8", "U8", "BOOL"}, 1)
      .Default(0);
}

static llvm::Error makeError(StringRef path, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (path + ": " + message).str());
}

llvm::Error fpx::driver::writeSafetensors(
    StringRef path, llvm::ArrayRef<SafetensorsTensor> tensors,
    const std::map<std::string, std::string> &metadata) {
  llvm::StringSet<> names;
  for (const SafetensorsTensor &tensor : tensors) {
    if (tensor.name == "__metadata__" || !names.insert(tensor.name).second)
      return makeError(path, "duplicate or reserved tensor name '" +
                                 tensor.name + "'");
    int64_t elementSize = getSafetensorsElementSize(tensor.dtype);
    if (elementSize == 0)
      return makeError(path, "tensor '" + tensor.name +
                                 "' has unknown dtype '" + tensor.dtype + "'");
    int64_t expectedBytes = elementSize;
    for (int64_t size : tensor.shape)
      expectedBytes *= size;
    if (expectedBytes != int64_t(tensor.data.size()))
      return makeError(path, "tensor '" + tensor.name + "' has " +
                                 llvm::Twine(tensor.data.size()) +
                                 " bytes, its dtype and shape need " +
                                 llvm::Twine(expectedBytes));
  }

  llvm::SmallVector<const SafetensorsTensor *> ordered;
  for (const SafetensorsTensor &tensor : tensors)
    ordered.push_back(&tensor);
  llvm::stable_sort(ordered,
                    [](const SafetensorsTensor *a, const SafetensorsTensor *b) {
                      int64_t sizeA = getSafetensorsElementSize(a->dtype);
                      int64_t sizeB = getSafetensorsElementSize(b->dtype);
                      return sizeA != sizeB ? sizeA > sizeB : a->name < b->name;
                    });

  llvm::json::Object header;
  int64_t offset = 0;
  for (const SafetensorsTensor *tensor : ordered) {
    int64_t end = offset + int64_t(tensor->data.size());
    header[tensor->name] =
        llvm::json::Object{{"dtype", tensor->dtype},
                           {"shape", llvm::json::Array(tensor->shape)},
                           {"data_offsets", llvm::json::Array{offset, end}}};
    offset = end;
  }
  if (!metadata.empty()) {
    llvm::json::Object metadataObject;
    for (const auto &[key, value] : metadata)
      metadataObject[key] = value;
    header["__metadata__"] = std::move(metadataObject);
  }
  std::string headerText;
  llvm::raw_string_ostream(headerText) << llvm::json::Value(std::move(header));
  // The data section then starts 8-byte aligned, and with the tensors in
  // decreasing element size every tensor is aligned to its element size.
  headerText.resize(llvm::alignTo(headerText.size(), 8), ' ');

  std::error_code error;
  llvm::ToolOutputFile out(path, error, llvm::sys::fs::OF_None);
  if (error)
    return makeError(path, error.message());
  char headerSize[8];
  llvm::support::endian::write64le(headerSize, headerText.size());
  out.os().write(headerSize, sizeof(headerSize));
  out.os() << headerText;
  for (const SafetensorsTensor *tensor : ordered)
    out.os().write(tensor->data.data(), tensor->data.size());
  out.os().close();
  if (out.os().has_error())
    return makeError(path, out.os().error().message());
  out.keep();
  return llvm::Error::success();
}
