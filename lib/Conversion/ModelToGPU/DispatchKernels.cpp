//===- DispatchKernels.cpp - Groups and qmatmuls to fpx.dispatch ----------===//
//
// The kernel generators leave their launch facts on the ops they compiled;
// a model compiled for the GPU needs those ops as launches on buffers.
// fpx.dispatch is that launch, in destination style so that one-shot
// bufferization allocates (or reuses) its outputs like any linalg op's.
//
//===----------------------------------------------------------------------===//

#include "fpx/Conversion/Passes.h"
#include "fpx/Conversion/Utils/KernelModule.h"
#include "fpx/Dialect/FPx/IR/FPx.h"
#include "fpx/Dialect/Fusion/IR/Fusion.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace fpx {
#define GEN_PASS_DEF_FPXGPUDISPATCHKERNELS
#include "fpx/Conversion/Passes.h.inc"
} // namespace fpx

using namespace mlir;
using namespace fpx;

namespace {

/// A tensor.empty of `type` for each result type (static shapes: the kernel
/// generators take static shapes only).
SmallVector<Value> createOutputs(OpBuilder &builder, Location loc,
                                 TypeRange types) {
  SmallVector<Value> outputs;
  for (Type type : types) {
    auto tensor = cast<RankedTensorType>(type);
    outputs.push_back(tensor::EmptyOp::create(builder, loc, tensor.getShape(),
                                              tensor.getElementType()));
  }
  return outputs;
}

/// The qmatmul's launch facts plus the shapes and types the runtime's
/// FpxQMatmulLaunch takes.
DictionaryAttr qmatmulLaunch(QMatmulOp op, DictionaryAttr launch) {
  Builder b(op.getContext());
  NamedAttrList attrs(launch);
  PackingAttr packing = op.getPacking();
  int64_t m = 1;
  for (int64_t dim : op.getInput().getType().getShape().drop_back())
    m *= dim;
  attrs.set("m", b.getI64IntegerAttr(m));
  attrs.set("n", b.getI64IntegerAttr(packing.getRows()));
  attrs.set("k", b.getI64IntegerAttr(packing.getCols()));
  attrs.set("num_words", b.getI64IntegerAttr(packing.getNumWords()));
  attrs.set("activation_type",
            b.getStringAttr(printType(op.getInput().getType().getElementType())));
  attrs.set("result_type",
            b.getStringAttr(printType(op.getType().getElementType())));
  attrs.set("has_bias", b.getBoolAttr(static_cast<bool>(op.getBias())));
  return attrs.getDictionary(op.getContext());
}

struct DispatchKernelsPass
    : public fpx::impl::FPxGPUDispatchKernelsBase<DispatchKernelsPass> {
  void runOnOperation() override {
    SmallVector<Operation *> launched;
    getOperation().walk([&](Operation *op) {
      if (isa<fusion::GroupOp, QMatmulOp>(op) &&
          op->hasAttrOfType<DictionaryAttr>("fpx.launch"))
        launched.push_back(op);
    });
    for (Operation *op : launched) {
      auto launch = op->getAttrOfType<DictionaryAttr>("fpx.launch");
      for (Type type : op->getResultTypes())
        if (!cast<RankedTensorType>(type).hasStaticShape()) {
          op->emitOpError() << "has a launch but a dynamic result shape "
                            << type << "; GPU dispatch needs static shapes";
          return signalPassFailure();
        }
      OpBuilder builder(op);
      SmallVector<Value> outputs =
          createOutputs(builder, op->getLoc(), op->getResultTypes());
      DispatchOp dispatch;
      if (auto group = dyn_cast<fusion::GroupOp>(op)) {
        dispatch = DispatchOp::create(
            builder, op->getLoc(), op->getResultTypes(), "fusion", launch,
            group.getInputs(), outputs);
      } else {
        auto qmatmul = cast<QMatmulOp>(op);
        SmallVector<Value> inputs = {qmatmul.getInput(), qmatmul.getWords(),
                                     qmatmul.getScales()};
        if (Value bias = qmatmul.getBias())
          inputs.push_back(bias);
        dispatch = DispatchOp::create(builder, op->getLoc(),
                                      op->getResultTypes(), "qmatmul",
                                      qmatmulLaunch(qmatmul, launch), inputs,
                                      outputs);
      }
      op->replaceAllUsesWith(dispatch.getResults());
      op->erase();
    }
  }
};

} // namespace
