//===- Npy.h - NumPy .npy and .npz files ------------------------*- C++ -*-===//
//
// fpx-run reads its inputs from .npy files and writes its outputs as .npy or
// .npz, the formats NumPy, JAX and PyTorch users already have at hand.
//
// Supported subset of the .npy format (versions 1.0, 2.0 and 3.0):
//   - C order only (`'fortran_order': False`);
//   - little-endian data; descriptors '<f4' (f32), '<f2' (f16), '<i4' (i32),
//     '<i8' (i64) and, for bf16, '<V2' or '|V2' (what np.save writes for an
//     ml_dtypes.bfloat16 array) or 'bfloat16';
//   - the header dictionary with exactly the keys 'descr', 'fortran_order'
//     and 'shape', in any order;
//   - the data size must match the shape exactly.
// Written files use version 1.0 (2.0 if the header needs it), '<V2' for
// bf16, and a header padded to 64 bytes as NumPy does.
//
// An .npz file is a zip archive with one `<name>.npy` member per array; it
// is written uncompressed (ZIP_STORED), like np.savez, with libzip.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_DRIVER_NPY_H
#define FPX_DRIVER_NPY_H

#include "fpx/Driver/HostArray.h"

#include "llvm/Support/Error.h"

#include <string>
#include <utility>

namespace fpx::driver {

/// Parses the bytes of a .npy file. `fileName` only names the file in error
/// messages.
llvm::Expected<HostArray> parseNpy(llvm::StringRef bytes,
                                   llvm::StringRef fileName);
/// Reads a .npy file.
llvm::Expected<HostArray> readNpy(llvm::StringRef path);

/// The bytes of a .npy file holding `array`.
std::string encodeNpy(const HostArray &array);
llvm::Error writeNpy(llvm::StringRef path, const HostArray &array);

/// Writes an uncompressed .npz archive with one member `<name>.npy` per
/// array. Names must be unique, and there must be at least one array;
/// `np.load(path)[name]` gives the array back.
llvm::Error
writeNpz(llvm::StringRef path,
         llvm::ArrayRef<std::pair<std::string, const HostArray *>> arrays);

} // namespace fpx::driver

#endif // FPX_DRIVER_NPY_H
