//===- Error.h - Thread-local error message of the runtime C API -*- C++ -*-===//

#ifndef FPX_LIB_RUNTIME_ERROR_H
#define FPX_LIB_RUNTIME_ERROR_H

#include <string>

namespace fpx::runtime {
/// Records `message` for fpxGetLastError() and returns 1.
int fail(std::string message);
/// Clears the message and returns 0.
int succeed();
} // namespace fpx::runtime

#endif // FPX_LIB_RUNTIME_ERROR_H
