//===- Safetensors.cpp - Reading and writing .safetensors files -----------===//

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

llvm::Expected<SafetensorsFile> SafetensorsFile::open(StringRef path) {
  // No null terminator: MemoryBuffer then maps the file whatever its size
  // modulo the page size, instead of copying it.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError(path, buffer.getError().message());
  return read(std::move(*buffer), path);
}

/// Reads a non-negative integer from a JSON value.
static std::optional<int64_t> getSize(const llvm::json::Value &value) {
  std::optional<int64_t> number = value.getAsInteger();
  if (!number || *number < 0)
    return std::nullopt;
  return number;
}

llvm::Expected<SafetensorsFile>
SafetensorsFile::read(std::unique_ptr<llvm::MemoryBuffer> buffer,
                      StringRef path) {
  SafetensorsFile file;
  file.path = path.str();
  StringRef contents = buffer->getBuffer();
  if (contents.size() < 8)
    return makeError(path, "truncated: " + llvm::Twine(contents.size()) +
                               " bytes, not even the 8-byte header size");
  uint64_t headerSize = llvm::support::endian::read64le(contents.data());
  if (headerSize > contents.size() - 8)
    return makeError(path, "truncated or not safetensors: the header size " +
                               llvm::Twine(headerSize) + " exceeds the " +
                               llvm::Twine(contents.size() - 8) +
                               " bytes after it");
  StringRef headerText = contents.substr(8, headerSize);
  StringRef data = contents.substr(8 + headerSize);
  llvm::Expected<llvm::json::Value> header = llvm::json::parse(headerText);
  if (!header)
    return makeError(path, "invalid JSON header: " +
                               toString(header.takeError()));
  const llvm::json::Object *object = header->getAsObject();
  if (!object)
    return makeError(path, "the header is not a JSON object");

  for (const auto &[key, value] : *object) {
    StringRef name = key;
    if (name == "__metadata__") {
      const llvm::json::Object *entries = value.getAsObject();
      if (!entries)
        return makeError(path, "__metadata__ is not an object");
      for (const auto &[metadataKey, metadataValue] : *entries) {
        std::optional<StringRef> text = metadataValue.getAsString();
        if (!text)
          return makeError(path, "__metadata__ value '" +
                                     StringRef(metadataKey) +
                                     "' is not a string");
        file.metadata[metadataKey.str()] = text->str();
      }
      continue;
    }
    auto bad = [&](const llvm::Twine &what) {
      return makeError(path, "tensor '" + name + "': " + what);
    };
    const llvm::json::Object *info = value.getAsObject();
    if (!info)
      return bad("expected an object");
    SafetensorsEntry entry;
    std::optional<StringRef> dtype = info->getString("dtype");
    int64_t elementSize = dtype ? getSafetensorsElementSize(*dtype) : 0;
    if (elementSize == 0)
      return bad("missing or unknown dtype");
    entry.dtype = dtype->str();
    const llvm::json::Array *shape = info->getArray("shape");
    if (!shape)
      return bad("missing shape");
    int64_t bytes = elementSize;
    for (const llvm::json::Value &size : *shape) {
      std::optional<int64_t> dim = getSize(size);
      if (!dim)
        return bad("sizes must be non-negative integers");
      if (llvm::MulOverflow(bytes, *dim, bytes))
        return bad("the shape's byte size overflows 64 bits");
      entry.shape.push_back(*dim);
    }
    const llvm::json::Array *offsets = info->getArray("data_offsets");
    std::optional<int64_t> begin, end;
    if (offsets && offsets->size() == 2) {
      begin = getSize((*offsets)[0]);
      end = getSize((*offsets)[1]);
    }
    if (!begin || !end || *begin > *end)
      return bad("data_offsets must be [begin, end] with 0 <= begin <= end");
    if (uint64_t(*end) > data.size())
      return bad("data_offsets [" + llvm::Twine(*begin) + ", " +
                 llvm::Twine(*end) + "] exceed the " +
                 llvm::Twine(data.size()) +
                 " bytes of data (the file is truncated or corrupt)");
    if (*end - *begin != bytes)
      return bad("data_offsets span " + llvm::Twine(*end - *begin) +
                 " bytes, but dtype " + entry.dtype + " and its shape need " +
                 llvm::Twine(bytes));
    entry.data = llvm::ArrayRef<char>(data.data() + *begin, bytes);
    file.tensors[name] = std::move(entry);
  }
  file.buffer = std::move(buffer);
  return std::move(file);
}

const SafetensorsEntry *SafetensorsFile::lookup(StringRef name) const {
  auto found = tensors.find(name);
  return found == tensors.end() ? nullptr : &found->second;
}
