//===- Tensors.cpp - ONNX protobuf files and tensors ----------------------===//

#include "Tensors.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <climits>
#include <cstring>

using namespace mlir;
using namespace fpx::onnx_import;

template <typename Message>
LogicalResult fpx::onnx_import::readProtoFile(StringRef path, Message &message,
                                              EmitErrorFn emitError) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return emitError() << "cannot read '" << path
                       << "': " << buffer.getError().message();
  return parseProtoBytes((*buffer)->getBuffer(), path, message, emitError);
}

template <typename Message>
LogicalResult fpx::onnx_import::parseProtoBytes(StringRef bytes,
                                                StringRef path,
                                                Message &message,
                                                EmitErrorFn emitError) {
  // Protobuf's size limit: larger models keep their weights in external data.
  if (bytes.size() > size_t(INT_MAX))
    return emitError() << "'" << path
                       << "' is larger than 2 GiB; protobuf cannot parse it "
                          "(store the weights as external data)";
  google::protobuf::io::ArrayInputStream stream(bytes.data(),
                                                int(bytes.size()));
  google::protobuf::io::CodedInputStream coded(&stream);
  coded.SetTotalBytesLimit(INT_MAX);
  if (!message.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage())
    return emitError() << "'" << path
                       << "' is not a valid ONNX protobuf file (corrupt or "
                          "truncated)";
  return success();
}

template LogicalResult
fpx::onnx_import::readProtoFile(StringRef, onnx::ModelProto &, EmitErrorFn);
template LogicalResult
fpx::onnx_import::readProtoFile(StringRef, onnx::TensorProto &, EmitErrorFn);
template LogicalResult fpx::onnx_import::parseProtoBytes(StringRef, StringRef,
                                                         onnx::ModelProto &,
                                                         EmitErrorFn);

Type fpx::onnx_import::getElementType(MLIRContext *context, int32_t dataType) {
  Builder b(context);
  switch (dataType) {
  case onnx::TensorProto::FLOAT:
    return b.getF32Type();
  case onnx::TensorProto::FLOAT16:
    return b.getF16Type();
  case onnx::TensorProto::BFLOAT16:
    return b.getBF16Type();
  case onnx::TensorProto::DOUBLE:
    return b.getF64Type();
  case onnx::TensorProto::INT8:
    return b.getIntegerType(8);
  case onnx::TensorProto::INT16:
    return b.getIntegerType(16);
  case onnx::TensorProto::INT32:
    return b.getI32Type();
  case onnx::TensorProto::INT64:
    return b.getI64Type();
  case onnx::TensorProto::BOOL:
    return b.getI1Type();
  default:
    return Type();
  }
}

std::string fpx::onnx_import::dataTypeName(int32_t dataType) {
  if (onnx::TensorProto::DataType_IsValid(dataType))
    return onnx::TensorProto::DataType_Name(
        static_cast<onnx::TensorProto::DataType>(dataType));
  // Types newer than Debian's onnx 1.12 (8-bit floats, 4-bit ints).
  return "type " + std::to_string(dataType);
}

/// Refuses locations that could reach outside the model's folder.
static LogicalResult checkRelativeLocation(StringRef location,
                                           StringRef baseDir,
                                           EmitErrorFn emitError) {
  if (location.empty())
    return emitError() << "has external data with no 'location'";
  if (llvm::sys::path::is_absolute(location))
    return emitError() << "has external data at the absolute path '" << location
                       << "'; locations must be relative to the model's folder";
  SmallString<256> path(baseDir);
  for (StringRef component : llvm::make_range(llvm::sys::path::begin(location),
                                              llvm::sys::path::end(location))) {
    if (component == "..")
      return emitError() << "has external data at '" << location
                         << "', which has a '..' component; locations must "
                            "stay inside the model's folder";
    llvm::sys::path::append(path, component);
    if (llvm::sys::fs::is_symlink_file(path))
      return emitError() << "has external data at '" << location << "', but '"
                         << path << "' is a symbolic link, which is refused";
  }
  return success();
}

FailureOr<ArrayRef<char>>
ExternalDataReader::read(const onnx::TensorProto &tensor,
                         EmitErrorFn emitError) {
  std::string location;
  uint64_t offset = 0;
  std::optional<uint64_t> length;
  for (const onnx::StringStringEntryProto &entry : tensor.external_data()) {
    if (entry.key() == "location") {
      location = entry.value();
      continue;
    }
    if (entry.key() != "offset" && entry.key() != "length")
      continue; // e.g. "checksum": not verified
    uint64_t number;
    if (StringRef(entry.value()).getAsInteger(10, number))
      return emitError() << "has a malformed external data '" << entry.key()
                         << "': '" << entry.value() << "'";
    if (entry.key() == "offset")
      offset = number;
    else
      length = number;
  }
  if (failed(checkRelativeLocation(location, baseDir, emitError)))
    return failure();

  auto it = files.find(location);
  if (it == files.end()) {
    SmallString<256> path(baseDir);
    llvm::sys::path::append(path, location);
    if (!llvm::sys::fs::exists(path))
      return emitError() << "has external data in '" << location << "', but '"
                         << path << "' does not exist";
    if (!llvm::sys::fs::is_regular_file(path))
      return emitError() << "has external data in '" << location << "', but '"
                         << path << "' is not a regular file";
    auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!buffer)
      return emitError() << "cannot read external data file '" << path
                         << "': " << buffer.getError().message();
    it = files.try_emplace(location, std::move(*buffer)).first;
  }
  StringRef bytes = it->second->getBuffer();
  uint64_t size = bytes.size();
  uint64_t count = length.value_or(offset <= size ? size - offset : 0);
  if (offset > size || count > size - offset)
    return emitError() << "has external data at bytes [" << offset << ", "
                       << offset + count << ") of '" << location
                       << "', which has only " << size << " bytes";
  return ArrayRef<char>(bytes.data() + offset, count);
}

/// Bytes per element of a byte-aligned (non-bool) element type.
static size_t byteWidth(Type type) { return type.getIntOrFloatBitWidth() / 8; }

/// Repacks ONNX's typed-field storage into the little-endian raw layout.
/// Narrow types (8/16-bit ints, fp16, bf16) live in int32_data, one value
/// (or one bit pattern) per entry.
template <typename T>
static void appendNarrowed(SmallVectorImpl<char> &raw, int64_t value) {
  T narrowed = static_cast<T>(value);
  const char *bytes = reinterpret_cast<const char *>(&narrowed);
  raw.append(bytes, bytes + sizeof(T));
}

template <typename Field>
static void appendAll(SmallVectorImpl<char> &raw, const Field &field) {
  const char *begin = reinterpret_cast<const char *>(field.data());
  raw.append(begin, begin + field.size() * sizeof(*field.data()));
}

FailureOr<DenseElementsAttr> fpx::onnx_import::convertTensor(
    MLIRContext *context, const onnx::TensorProto &tensor,
    ExternalDataReader &externalData, EmitErrorFn emitError) {
  Type elementType = getElementType(context, tensor.data_type());
  if (!elementType)
    return emitError() << "has data type " << dataTypeName(tensor.data_type())
                       << ", which FPX does not import";
  SmallVector<int64_t> shape;
  int64_t count = 1;
  for (int64_t dim : tensor.dims()) {
    if (dim < 0 || (dim > 0 && count > INT64_MAX / dim))
      return emitError() << "has an invalid dimension " << dim;
    shape.push_back(dim);
    count *= dim;
  }
  auto type = RankedTensorType::get(shape, elementType);
  bool isBool = elementType.isInteger(1);
  size_t width = isBool ? 1 : byteWidth(elementType);

  ArrayRef<char> raw;
  SmallVector<char> repacked;
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    FailureOr<ArrayRef<char>> bytes = externalData.read(tensor, emitError);
    if (failed(bytes))
      return failure();
    raw = *bytes;
  } else if (!tensor.raw_data().empty()) {
    raw = ArrayRef<char>(tensor.raw_data().data(), tensor.raw_data().size());
  } else {
    int64_t fieldSize;
    switch (tensor.data_type()) {
    case onnx::TensorProto::FLOAT:
      fieldSize = tensor.float_data_size();
      appendAll(repacked, tensor.float_data());
      break;
    case onnx::TensorProto::DOUBLE:
      fieldSize = tensor.double_data_size();
      appendAll(repacked, tensor.double_data());
      break;
    case onnx::TensorProto::INT64:
      fieldSize = tensor.int64_data_size();
      appendAll(repacked, tensor.int64_data());
      break;
    default:
      fieldSize = tensor.int32_data_size();
      for (int32_t value : tensor.int32_data()) {
        if (width == 1)
          appendNarrowed<int8_t>(repacked, value);
        else if (width == 2)
          appendNarrowed<int16_t>(repacked, value);
        else
          appendNarrowed<int32_t>(repacked, value);
      }
      break;
    }
    if (fieldSize != count)
      return emitError() << "has " << fieldSize << " values for " << count
                         << " elements";
    raw = repacked;
  }
  if (raw.size() != size_t(count) * width)
    return emitError() << "has " << raw.size() << " bytes of data; its "
                       << count << " elements of type " << elementType
                       << " need " << size_t(count) * width;

  if (isBool) {
    // MLIR packs i1 into bits; ONNX stores one byte per bool.
    SmallVector<bool> values(raw.size());
    for (auto [i, byte] : llvm::enumerate(raw))
      values[i] = byte != 0;
    return DenseElementsAttr::get(type, ArrayRef<bool>(values));
  }
  if (count == 0)
    return DenseElementsAttr::get(type, ArrayRef<Attribute>());
  return DenseElementsAttr::getFromRawBuffer(type, raw);
}
