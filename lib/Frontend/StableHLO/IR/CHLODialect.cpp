//===- CHLODialect.cpp - The chlo ops JAX emits ---------------------------===//

#include "fpx/Frontend/StableHLO/IR/CHLO.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Transforms/InliningUtils.h"

using namespace mlir;
using namespace fpx::chlo;

#include "fpx/Frontend/StableHLO/IR/CHLOOpsDialect.cpp.inc"

#define GET_OP_CLASSES
#include "fpx/Frontend/StableHLO/IR/CHLOOps.cpp.inc"

namespace {
/// chlo ops appear in the private helper functions JAX outlines (e.g. exact
/// GELU); they are pure, so the `inline` pass may move them.
struct CHLOInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;

  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
};
} // namespace

void CHLODialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "fpx/Frontend/StableHLO/IR/CHLOOps.cpp.inc"
      >();
  addInterfaces<CHLOInlinerInterface>();
}
