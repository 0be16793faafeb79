//===- Npy.cpp - NumPy .npy and .npz files --------------------------------===//
//
// The .npy format: the magic "\x93NUMPY", a major and a minor version byte,
// the header length (2 bytes little-endian in version 1, 4 bytes in 2 and
// 3), then the header, the repr of a Python dict padded with spaces and
// ended by '\n', then the raw array data.
//
//===----------------------------------------------------------------------===//

#include "fpx/Driver/Npy.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <zip.h>

#include <limits>

using namespace fpx::driver;
using llvm::StringRef;

static_assert(llvm::endianness::native == llvm::endianness::little,
              "the .npy reader and writer copy data as little-endian");

namespace {

constexpr StringRef kMagic("\x93NUMPY", 6);
/// NumPy pads the header so that the data starts at a multiple of 64 bytes,
/// which lets readers map the data aligned for any element type.
constexpr size_t kHeaderAlignment = 64;

llvm::Error makeError(StringRef fileName, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (fileName + ": " + message).str());
}

/// The descriptor written for each type; bf16 gets NumPy's descriptor of an
/// ml_dtypes.bfloat16 array, which `.view(ml_dtypes.bfloat16)` restores.
StringRef getWrittenDescr(ElementType type) {
  switch (type) {
  case ElementType::F32:
    return "<f4";
  case ElementType::F16:
    return "<f2";
  case ElementType::BF16:
    return "<V2";
  case ElementType::I32:
    return "<i4";
  case ElementType::I64:
    return "<i8";
  }
  llvm_unreachable("unknown element type");
}

llvm::Expected<ElementType> parseDescr(StringRef descr, StringRef fileName) {
  // np.save writes '<V2' for ml_dtypes.bfloat16 (and '|V2' for a plain
  // 2-byte void type); saving with the dtype's name gives 'bfloat16'.
  if (descr == "<V2" || descr == "|V2" || descr == "bfloat16")
    return ElementType::BF16;
  for (ElementType type :
       {ElementType::F32, ElementType::F16, ElementType::I32, ElementType::I64})
    if (descr == getWrittenDescr(type))
      return type;
  if (descr.starts_with(">"))
    return makeError(fileName, "big-endian data ('" + descr +
                                   "') is not supported; save the array "
                                   "little-endian");
  return makeError(fileName,
                   "unsupported dtype '" + descr +
                       "'; supported: '<f4' (f32), '<f2' (f16), '<V2' or "
                       "'bfloat16' (bf16), '<i4' (i32), '<i8' (i64)");
}

/// Reads the header dictionary, e.g.
///   {'descr': '<f4', 'fortran_order': False, 'shape': (8, 64), }
class HeaderParser {
public:
  HeaderParser(StringRef text, StringRef fileName)
      : rest(text), fileName(fileName) {}

  llvm::Expected<HostArray> parse() {
    std::optional<std::string> descr;
    std::optional<bool> fortranOrder;
    std::optional<llvm::SmallVector<int64_t>> shape;
    if (!consume('{'))
      return fail("expected '{'");
    while (!consume('}')) {
      llvm::Expected<std::string> key = parseString();
      if (!key)
        return key.takeError();
      if (!consume(':'))
        return fail("expected ':' after '" + *key + "'");
      if (*key == "descr" && !descr) {
        llvm::Expected<std::string> value = parseString();
        if (!value)
          return value.takeError();
        descr = *value;
      } else if (*key == "fortran_order" && !fortranOrder) {
        llvm::Expected<bool> value = parseBool();
        if (!value)
          return value.takeError();
        fortranOrder = *value;
      } else if (*key == "shape" && !shape) {
        llvm::Expected<llvm::SmallVector<int64_t>> value = parseShape();
        if (!value)
          return value.takeError();
        shape = std::move(*value);
      } else {
        return fail("unexpected or repeated key '" + *key + "'");
      }
      if (!consume(',')) {
        if (!consume('}'))
          return fail("expected ',' or '}'");
        break;
      }
    }
    skipSpace();
    if (!rest.empty())
      return fail("unexpected text after the dictionary");
    if (!descr || !fortranOrder || !shape)
      return fail("the header needs 'descr', 'fortran_order' and 'shape'");
    if (*fortranOrder)
      return makeError(fileName, "Fortran-ordered arrays are not supported; "
                                 "save np.ascontiguousarray(a)");
    llvm::Expected<ElementType> type = parseDescr(*descr, fileName);
    if (!type)
      return type.takeError();
    HostArray array;
    array.type = *type;
    array.shape = std::move(*shape);
    return array;
  }

private:
  void skipSpace() { rest = rest.ltrim(" \t\n"); }

  bool consume(char c) {
    skipSpace();
    return rest.consume_front(StringRef(&c, 1));
  }

  llvm::Error fail(const llvm::Twine &message) {
    return makeError(fileName, "malformed .npy header: " + message);
  }

  llvm::Expected<std::string> parseString() {
    skipSpace();
    if (rest.empty() || (rest.front() != '\'' && rest.front() != '"'))
      return fail("expected a quoted string");
    char quote = rest.front();
    size_t end = rest.find(quote, 1);
    if (end == StringRef::npos)
      return fail("unterminated string");
    std::string value = rest.slice(1, end).str();
    rest = rest.drop_front(end + 1);
    return value;
  }

  llvm::Expected<bool> parseBool() {
    skipSpace();
    if (rest.consume_front("True"))
      return true;
    if (rest.consume_front("False"))
      return false;
    return fail("expected True or False");
  }

  /// A tuple of non-negative integers: (), (8,), (8, 64).
  llvm::Expected<llvm::SmallVector<int64_t>> parseShape() {
    if (!consume('('))
      return fail("expected '(' to start the shape");
    llvm::SmallVector<int64_t> shape;
    while (!consume(')')) {
      skipSpace();
      size_t digits = rest.find_first_not_of("0123456789");
      uint64_t size;
      if (digits == 0 || rest.take_front(digits).getAsInteger(10, size) ||
          size > uint64_t(std::numeric_limits<int64_t>::max()))
        return fail("expected a non-negative size in the shape");
      rest = rest.drop_front(digits);
      shape.push_back(int64_t(size));
      if (!consume(',')) {
        if (!consume(')'))
          return fail("expected ',' or ')' in the shape");
        break;
      }
    }
    return shape;
  }

  StringRef rest;
  StringRef fileName;
};

std::string formatHeaderDict(const HostArray &array) {
  std::string dict;
  llvm::raw_string_ostream os(dict);
  os << "{'descr': '" << getWrittenDescr(array.type)
     << "', 'fortran_order': False, 'shape': (";
  // Python's tuple repr: (), (8,), (8, 64).
  llvm::interleaveComma(array.shape, os);
  if (array.shape.size() == 1)
    os << ',';
  os << "), }";
  return dict;
}

} // namespace

llvm::Expected<HostArray> fpx::driver::parseNpy(StringRef bytes,
                                                StringRef fileName) {
  if (!bytes.starts_with(kMagic) || bytes.size() < 10)
    return makeError(fileName, "not a .npy file (no \\x93NUMPY magic)");
  uint8_t major = bytes[6];
  size_t prefixSize;
  uint64_t headerSize;
  if (major == 1) {
    prefixSize = 10;
    headerSize = llvm::support::endian::read16le(bytes.data() + 8);
  } else if (major == 2 || major == 3) {
    prefixSize = 12;
    if (bytes.size() < prefixSize)
      return makeError(fileName, "truncated .npy header");
    headerSize = llvm::support::endian::read32le(bytes.data() + 8);
  } else {
    return makeError(fileName, "unsupported .npy version " +
                                   llvm::Twine(unsigned(major)) +
                                   "; expected 1, 2 or 3");
  }
  if (bytes.size() - prefixSize < headerSize)
    return makeError(fileName, "truncated .npy header");
  llvm::Expected<HostArray> array =
      HeaderParser(bytes.substr(prefixSize, headerSize), fileName).parse();
  if (!array)
    return array.takeError();

  // The product of the sizes, guarded against overflow from a corrupt shape.
  int64_t expectedBytes = getElementSize(array->type);
  for (int64_t size : array->shape)
    if (llvm::MulOverflow(expectedBytes, size, expectedBytes))
      return makeError(fileName, "the shape " + formatShape(array->shape) +
                                     " is too large");
  StringRef data = bytes.drop_front(prefixSize + headerSize);
  if (int64_t(data.size()) != expectedBytes)
    return makeError(fileName, "has " + llvm::Twine(data.size()) +
                                   " bytes of data, but shape " +
                                   formatShape(array->shape) + " of " +
                                   getElementTypeName(array->type) + " needs " +
                                   llvm::Twine(expectedBytes));
  array->data.assign(data.begin(), data.end());
  return array;
}

llvm::Expected<HostArray> fpx::driver::readNpy(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError(path, buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), path);
}

std::string fpx::driver::encodeNpy(const HostArray &array) {
  std::string dict = formatHeaderDict(array);
  // Version 1 stores the header length in 2 bytes; longer headers (only
  // from arrays of very high rank) need version 2.
  size_t prefixSize = 10;
  uint8_t major = 1;
  auto paddedSize = [&] {
    return llvm::alignTo(prefixSize + dict.size() + 1, kHeaderAlignment) -
           prefixSize;
  };
  if (paddedSize() > 0xffff) {
    prefixSize = 12;
    major = 2;
  }
  size_t headerSize = paddedSize();
  std::string file;
  file.reserve(prefixSize + headerSize + array.data.size());
  file += kMagic;
  file += char(major);
  file += char(0);
  char length[4];
  llvm::support::endian::write32le(length, uint32_t(headerSize));
  file.append(length, prefixSize - kMagic.size() - 2);
  file += dict;
  file.append(headerSize - dict.size() - 1, ' ');
  file += '\n';
  file.append(array.data.begin(), array.data.end());
  return file;
}

llvm::Error fpx::driver::writeNpy(StringRef path, const HostArray &array) {
  std::error_code error;
  llvm::ToolOutputFile out(path, error, llvm::sys::fs::OF_None);
  if (error)
    return makeError(path, error.message());
  out.os() << encodeNpy(array);
  out.os().close();
  if (out.os().has_error())
    return makeError(path, out.os().error().message());
  out.keep();
  return llvm::Error::success();
}

namespace {
/// Owns an open archive; one that is not closed is discarded, leaving no
/// partial file behind.
/// 1980-01-01 00:00:00 UTC, the earliest time a zip member can carry.
constexpr time_t kZipEpoch = 315532800;

class ZipArchive {
public:
  explicit ZipArchive(zip_t *archive) : archive(archive) {}
  ~ZipArchive() {
    if (archive)
      zip_discard(archive);
  }
  zip_t *get() const { return archive; }
  std::string getErrorMessage() const { return zip_strerror(archive); }
  /// Writes the archive; returns false on failure (the archive stays open
  /// for getErrorMessage() and is discarded later).
  bool close() {
    if (zip_close(archive) != 0)
      return false;
    archive = nullptr;
    return true;
  }

private:
  zip_t *archive;
};
} // namespace

llvm::Error fpx::driver::writeNpz(
    StringRef path,
    llvm::ArrayRef<std::pair<std::string, const HostArray *>> arrays) {
  // libzip removes an archive that ends up empty instead of writing it.
  if (arrays.empty())
    return makeError(path, "an .npz file needs at least one array");
  llvm::StringSet<> names;
  for (const auto &[name, array] : arrays)
    if (!names.insert(name).second)
      return makeError(path, "two arrays are named '" + name + "'");

  int openError = 0;
  ZipArchive archive(
      zip_open(path.str().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &openError));
  if (!archive.get()) {
    zip_error_t error;
    zip_error_init_with_code(&error, openError);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return makeError(path, message);
  }
  // libzip reads the member data when the archive is closed, so it must
  // outlive close().
  std::vector<std::string> members;
  members.reserve(arrays.size());
  for (const auto &[name, array] : arrays) {
    members.push_back(encodeNpy(*array));
    zip_source_t *source = zip_source_buffer(
        archive.get(), members.back().data(), members.back().size(), 0);
    if (!source)
      return makeError(path, archive.getErrorMessage());
    zip_int64_t index = zip_file_add(archive.get(), (name + ".npy").c_str(),
                                     source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      return makeError(path, archive.getErrorMessage());
    }
    if (zip_set_file_compression(archive.get(), index, ZIP_CM_STORE, 0) != 0)
      return makeError(path, archive.getErrorMessage());
    // A fixed member time (the zip epoch, 1980-01-01) makes the same arrays
    // give the same bytes, whenever they are written.
    if (zip_file_set_mtime(archive.get(), index, kZipEpoch, 0) != 0)
      return makeError(path, archive.getErrorMessage());
  }
  if (!archive.close())
    return makeError(path, archive.getErrorMessage());
  return llvm::Error::success();
}
