//===- FusionDialect.cpp - Fusion group dialect -----------------------------===//

#include "fpx/Dialect/Fusion/IR/Fusion.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace fpx::fusion;

#include "fpx/Dialect/Fusion/IR/FusionEnums.cpp.inc"
#include "fpx/Dialect/Fusion/IR/FusionOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "fpx/Dialect/Fusion/IR/FusionAttributes.cpp.inc"

void FusionDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "fpx/Dialect/Fusion/IR/FusionAttributes.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "fpx/Dialect/Fusion/IR/FusionOps.cpp.inc"
      >();
}

LogicalResult FusionDialect::verifyOperationAttribute(Operation *op,
                                                      NamedAttribute attr) {
  if (attr.getName() != kStitchAttrName)
    return op->emitError() << "unknown fpx_fusion attribute '"
                           << attr.getName().getValue() << "'";
  auto stitch = dyn_cast<StitchSchemeAttr>(attr.getValue());
  if (!stitch)
    return op->emitError() << "'" << kStitchAttrName
                           << "' must be a #fpx_fusion.stitch<...> attribute";
  auto group = dyn_cast_or_null<GroupOp>(op->getParentOp());
  if (!group)
    return op->emitError() << "'" << kStitchAttrName
                           << "' is only meaningful on ops directly inside a "
                              "fpx_fusion.group";
  StitchScheme scheme = stitch.getValue();
  if ((scheme == StitchScheme::Shared || scheme == StitchScheme::Global) &&
      group.getKind() == FusionKind::Loop)
    return op->emitError() << "stitch scheme '" << stringifyStitchScheme(scheme)
                           << "' needs a group of kind input or stitch; a loop "
                              "group passes values in registers only";
  return success();
}

void GroupOp::build(OpBuilder &builder, OperationState &state,
                    TypeRange resultTypes, ValueRange inputs, FusionKind kind) {
  state.addOperands(inputs);
  state.addTypes(resultTypes);
  state.addAttribute(getKindAttrName(state.name),
                     FusionKindAttr::get(builder.getContext(), kind));
  Region *body = state.addRegion();
  Block *block = new Block();
  body->push_back(block);
  for (Value input : inputs)
    block->addArgument(input.getType(), state.location);
}

LogicalResult GroupOp::verify() {
  if (getNumResults() == 0)
    return emitOpError() << "must produce at least one result; a group whose "
                            "values are unused should be erased";
  return success();
}

LogicalResult GroupOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != getInputs().size())
    return emitOpError() << "has " << getInputs().size()
                         << " inputs but its block takes "
                         << body.getNumArguments() << " arguments";
  for (auto [index, pair] :
       llvm::enumerate(llvm::zip(getInputs(), body.getArguments()))) {
    auto [input, argument] = pair;
    if (input.getType() != argument.getType())
      return emitOpError() << "block argument #" << index << " has type "
                           << argument.getType() << " but input #" << index
                           << " is " << input.getType();
  }
  auto yield = cast<YieldOp>(body.getTerminator());
  if (yield.getValues().getTypes() != getResultTypes())
    return yield.emitOpError()
           << "yields types that differ from the enclosing group's results";

  for (Operation &op : body.without_terminator()) {
    if (isa<GroupOp>(op))
      return op.emitOpError() << "cannot nest inside another fpx_fusion.group; "
                                 "merge the groups instead";
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
      if (linalg::isaContractionOpInterface(linalgOp) ||
          linalg::isaConvolutionOpInterface(linalgOp))
        return op.emitOpError()
               << "is compute-bound and cannot join a fpx_fusion.group (it "
                  "holds memory-bound ops only); move it out of the group";
    }
    if (!isMemoryEffectFree(&op))
      return op.emitOpError() << "has memory side effects and cannot join a "
                                 "fpx_fusion.group of tensor ops";
  }
  return success();
}

#define GET_OP_CLASSES
#include "fpx/Dialect/Fusion/IR/FusionOps.cpp.inc"
