//===- TestMain.cpp - Run an imported graph on ONNX test data -------------===//

#include "fpx/Frontend/ONNX/TestMain.h"

#include "Builders.h"
#include "Tensors.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace fpx::onnx_import;

/// Reads `<dir>/<prefix>_<i>.pb` for each of `types` and checks its type.
static FailureOr<SmallVector<DenseElementsAttr>>
readTestTensors(ModuleOp module, StringRef dir, StringRef prefix,
                TypeRange types) {
  ExternalDataReader externalData(dir);
  SmallVector<DenseElementsAttr> tensors;
  for (auto [i, type] : llvm::enumerate(types)) {
    SmallString<256> path(dir);
    llvm::sys::path::append(path, prefix + "_" + Twine(i) + ".pb");
    auto emitTensorError = [&] {
      return emitError(module.getLoc()) << "test tensor '" << path << "' ";
    };
    onnx::TensorProto proto;
    if (failed(readProtoFile(path, proto,
                             [&] { return emitError(module.getLoc()); })))
      return failure();
    FailureOr<DenseElementsAttr> tensor = convertTensor(
        module.getContext(), proto, externalData, emitTensorError);
    if (failed(tensor))
      return failure();
    if (tensor->getType() != type)
      return emitTensorError()
             << "holds " << tensor->getType() << ", but " << prefix << " " << i
             << " of the function is " << type;
    tensors.push_back(*tensor);
  }
  return tensors;
}

/// max |actual - expected| over all elements, as f64.
static Value createMaxAbsDiff(OpBuilder &b, Location loc, Value actual,
                              Value expected) {
  MLIRContext *context = b.getContext();
  auto type = cast<RankedTensorType>(actual.getType());
  Type f64 = b.getF64Type();
  Value init = createFilled(b, loc, {}, createScalar(b, loc, f64, 0.0));
  auto identity = AffineMap::getMultiDimIdentityMap(type.getRank(), context);
  auto scalar = AffineMap::get(type.getRank(), 0, {}, context);
  SmallVector<utils::IteratorType> iterators(type.getRank(),
                                             utils::IteratorType::reduction);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{actual, expected}, init,
      ArrayRef<AffineMap>{identity, identity, scalar}, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value x = convertScalar(nb, nl, args[0], f64);
        Value y = convertScalar(nb, nl, args[1], f64);
        Value diff = arith::SubFOp::create(nb, nl, x, y);
        Value magnitude = math::AbsFOp::create(nb, nl, diff);
        linalg::YieldOp::create(
            nb, nl,
            arith::MaximumFOp::create(nb, nl, args[2], magnitude).getResult());
      });
  return tensor::ExtractOp::create(b, loc, generic.getResult(0), ValueRange())
      .getResult();
}

LogicalResult fpx::addONNXTestMain(ModuleOp module, StringRef entry,
                                   StringRef dataDir) {
  MLIRContext *context = module.getContext();
  context->loadDialect<vector::VectorDialect>();
  auto func = module.lookupSymbol<func::FuncOp>(entry);
  if (!func)
    return emitError(module.getLoc())
           << "no function '" << entry << "' to test";
  if (module.lookupSymbol("main"))
    return emitError(module.getLoc())
           << "the module already has a symbol 'main'; import the graph "
              "under another function name";
  FunctionType type = func.getFunctionType();
  FailureOr<SmallVector<DenseElementsAttr>> inputs =
      readTestTensors(module, dataDir, "input", type.getInputs());
  if (failed(inputs))
    return failure();
  FailureOr<SmallVector<DenseElementsAttr>> expected =
      readTestTensors(module, dataDir, "output", type.getResults());
  if (failed(expected))
    return failure();

  // The test program's only entry point is @main; a private @forward can be
  // inlined into it and dropped.
  func.setPrivate();
  Location loc = NameLoc::get(StringAttr::get(context, "test-main"));
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  auto main = func::FuncOp::create(b, loc, "main", b.getFunctionType({}, {}));
  b.setInsertionPointToStart(main.addEntryBlock());
  SmallVector<Value> arguments;
  for (DenseElementsAttr input : *inputs)
    arguments.push_back(arith::ConstantOp::create(b, loc, input));
  auto call = func::CallOp::create(b, loc, func, arguments);
  for (auto [i, result] : llvm::enumerate(call.getResults())) {
    Value reference = arith::ConstantOp::create(b, loc, (*expected)[i]);
    Value diff = createMaxAbsDiff(b, loc, result, reference);
    vector::PrintOp::create(b, loc,
                            ("output " + Twine(i) + " max-abs-diff: ").str());
    vector::PrintOp::create(b, loc, diff);
  }
  func::ReturnOp::create(b, loc);
  return success();
}
