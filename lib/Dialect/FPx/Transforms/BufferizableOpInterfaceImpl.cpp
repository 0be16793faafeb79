//===- BufferizableOpInterfaceImpl.cpp - Bufferizing fpx.dispatch ---------===//

#include "fpx/Dialect/FPx/IR/FPx.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/DstBufferizableOpInterfaceImpl.h"

using namespace mlir;
using namespace mlir::bufferization;
using namespace fpx;

namespace {

/// fpx.dispatch in destination style: inputs are read, outputs written in
/// place, and each result is its output's buffer.
struct DispatchOpInterface
    : public DstBufferizableOpInterfaceExternalModel<DispatchOpInterface,
                                                     DispatchOp> {
  /// A kernel overwrites every element of its outputs without reading them,
  /// so an output's old contents need no copy (a tensor.empty stays an
  /// uninitialized allocation).
  bool bufferizesToMemoryRead(Operation *op, OpOperand &operand,
                              const AnalysisState &state) const {
    return !cast<DispatchOp>(op).isDpsInit(&operand);
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    auto dispatch = cast<DispatchOp>(op);
    SmallVector<Value> inputs, outputs;
    for (Value input : dispatch.getInputs()) {
      FailureOr<Value> buffer = getBuffer(rewriter, input, options, state);
      if (failed(buffer))
        return failure();
      inputs.push_back(*buffer);
    }
    for (Value output : dispatch.getOutputs()) {
      FailureOr<Value> buffer = getBuffer(rewriter, output, options, state);
      if (failed(buffer))
        return failure();
      outputs.push_back(*buffer);
    }
    rewriter.setInsertionPoint(op);
    DispatchOp::create(rewriter, op->getLoc(), TypeRange(),
                       dispatch.getKindAttr(), dispatch.getLaunchAttr(), inputs,
                       outputs);
    replaceOpWithBufferizedValues(rewriter, op, outputs);
    return success();
  }
};

} // namespace

void fpx::registerBufferizableOpInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, FPxDialect *) {
    DispatchOp::attachInterface<DispatchOpInterface>(*context);
  });
}
