//===- GPUPlan.cpp - The host program of a GPU model as data --------------===//

#include "fpx/Driver/GPUPlan.h"

#include "fpx/Conversion/Utils/KernelModule.h"
#include "fpx/Dialect/FPx/IR/FPx.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

#include <algorithm>
#include <limits>

using namespace mlir;
using namespace fpx::driver;
using llvm::json::Array;
using llvm::json::Object;

namespace {

/// Bytes of one element in device memory (i1 takes a byte, as LLVM stores
/// it; index is 64 bits in the kernels).
int64_t elementBytes(Type type) {
  if (type.isIndex())
    return 8;
  return std::max<int64_t>(1, (type.getIntOrFloatBitWidth() + 7) / 8);
}

/// A buffer the host program uses: an entry argument, a weight, or an
/// allocation placed in the arena.
struct Buffer {
  enum Kind { Input, Weight, Arena } kind;
  int64_t index = 0;      // Input: argument number
  std::string weight;     // Weight: tensor name
  int64_t bytes = 0;      // Arena: size
  int64_t firstUse = 0;   // Arena: op index of the allocation
  int64_t lastUse = 0;    // Arena: last op index using it or a view of it
  int64_t offset = 0;     // Arena: assigned byte offset
};

class PlanBuilder {
public:
  PlanBuilder(func::FuncOp entry, ArtifactWeights &weights)
      : entry(entry), weights(weights) {
    for (const WeightBinding &binding : weights.bindings)
      weightOfSymbol[binding.symbol] = binding.tensor;
    for (const SafetensorsTensor &tensor : weights.tensors)
      tensorNames.insert(tensor.name);
  }

  LogicalResult analyze();
  void assignArena();
  FailureOr<Array> emitSteps(int64_t &numLaunches);
  FailureOr<Array> emitInputs();
  FailureOr<Array> emitOutputs();
  int64_t arenaBytes() const { return arenaSize; }

private:
  LogicalResult define(Operation *op, int64_t position);
  Object pointer(Value value, int64_t extraBytes) const;
  int64_t typeOffsetBytes(Value value) const;
  FailureOr<Object> launchStep(gpu::LaunchFuncOp launch);
  FailureOr<Object> dispatchStep(fpx::DispatchOp dispatch);

  FailureOr<std::string> exportGlobal(memref::GetGlobalOp op);

  func::FuncOp entry;
  ArtifactWeights &weights;
  llvm::StringSet<> tensorNames;
  llvm::StringMap<std::string> weightOfSymbol;
  llvm::StringMap<int> bufferOfWeight;
  std::vector<Buffer> buffers;
  DenseMap<Value, int> baseOf;
  int64_t arenaSize = 0;
};

/// The static strides and offset of a memref type, or failure.
LogicalResult getStaticLayout(MemRefType type, SmallVectorImpl<int64_t> &strides,
                              int64_t &offset) {
  if (!type.hasStaticShape() ||
      failed(type.getStridesAndOffset(strides, offset)) ||
      ShapedType::isDynamic(offset) ||
      llvm::any_of(strides, ShapedType::isDynamic))
    return failure();
  return success();
}

std::string printLocation(Location loc) {
  std::string text;
  llvm::raw_string_ostream os(text);
  loc.print(os);
  return text;
}

/// Constants made after the weights left the module (lowerings create
/// decoding tables) go to weights.safetensors too, under their symbol.
FailureOr<std::string> PlanBuilder::exportGlobal(memref::GetGlobalOp op) {
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      op, op.getNameAttr());
  auto elements =
      global ? dyn_cast_or_null<DenseIntOrFPElementsAttr>(
                   global.getInitialValue().value_or(Attribute()))
             : DenseIntOrFPElementsAttr();
  std::string name = ("constant." + op.getName()).str();
  if (!elements || !global.getConstant() || !tensorNames.insert(name).second ||
      !appendConstantTensor(weights, name, elements))
    return op.emitError()
           << "reads the global @" << op.getName()
           << ", which is neither a weight nor a constant of a type "
              "weights.safetensors holds; a GPU model reads all its data "
              "from device buffers";
  return name;
}

LogicalResult PlanBuilder::define(Operation *op, int64_t position) {
  if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
    MemRefType type = alloc.getType();
    if (!type.hasStaticShape() || !type.getLayout().isIdentity())
      return alloc.emitError() << "GPU models need static, row-major "
                                  "buffers, got "
                               << type;
    Buffer buffer{Buffer::Arena};
    buffer.bytes = type.getNumElements() * elementBytes(type.getElementType());
    buffer.firstUse = buffer.lastUse = position;
    baseOf[alloc] = buffers.size();
    buffers.push_back(buffer);
    return success();
  }
  if (auto global = dyn_cast<memref::GetGlobalOp>(op)) {
    auto it = weightOfSymbol.find(global.getName());
    if (it == weightOfSymbol.end()) {
      FailureOr<std::string> exported = exportGlobal(global);
      if (failed(exported))
        return failure();
      it = weightOfSymbol.try_emplace(global.getName(), *exported).first;
    }
    auto [slot, inserted] =
        bufferOfWeight.try_emplace(it->second, static_cast<int>(buffers.size()));
    if (inserted) {
      Buffer buffer{Buffer::Weight};
      buffer.weight = it->second;
      buffers.push_back(buffer);
    }
    baseOf[global] = slot->second;
    return success();
  }
  if (isa<memref::SubViewOp, memref::ExpandShapeOp, memref::CollapseShapeOp,
          memref::ReinterpretCastOp, memref::CastOp>(op)) {
    baseOf[op->getResult(0)] = baseOf.lookup(op->getOperand(0));
    return success();
  }
  if (isa<arith::ConstantOp, gpu::LaunchFuncOp, fpx::DispatchOp,
          func::ReturnOp>(op))
    return success();
  return op->emitError()
         << "'" << op->getName()
         << "' would run on the host in a GPU model, which only allocates, "
            "views and launches kernels; it has no GPU lowering yet";
}

LogicalResult PlanBuilder::analyze() {
  if (!entry.getBody().hasOneBlock())
    return entry.emitError() << "the GPU model's host code must be "
                                "straight-line (one block)";
  for (BlockArgument arg : entry.getArguments()) {
    if (!isa<MemRefType>(arg.getType()))
      return entry.emitError() << "argument #" << arg.getArgNumber()
                               << " is not a buffer after bufferization";
    Buffer buffer{Buffer::Input};
    buffer.index = arg.getArgNumber();
    baseOf[arg] = buffers.size();
    buffers.push_back(buffer);
  }
  int64_t position = 0;
  for (Operation &op : entry.getBody().front()) {
    ++position;
    for (Value operand : op.getOperands()) {
      auto it = baseOf.find(operand);
      if (it == baseOf.end())
        continue;
      Buffer &buffer = buffers[it->second];
      // Results live to the end: the caller reads them after the last step.
      buffer.lastUse = isa<func::ReturnOp>(op)
                           ? std::numeric_limits<int64_t>::max()
                           : std::max(buffer.lastUse, position);
    }
    if (failed(define(&op, position)))
      return failure();
  }
  return success();
}

void PlanBuilder::assignArena() {
  // Largest first, each at the lowest aligned offset where it overlaps no
  // placed buffer that is alive at the same time.
  SmallVector<Buffer *> order;
  for (Buffer &buffer : buffers)
    if (buffer.kind == Buffer::Arena)
      order.push_back(&buffer);
  llvm::stable_sort(order, [](const Buffer *a, const Buffer *b) {
    return a->bytes > b->bytes;
  });
  SmallVector<Buffer *> placed;
  for (Buffer *buffer : order) {
    SmallVector<std::pair<int64_t, int64_t>> busy;
    for (Buffer *other : placed)
      if (other->firstUse <= buffer->lastUse &&
          buffer->firstUse <= other->lastUse)
        busy.push_back({other->offset, other->offset + other->bytes});
    llvm::sort(busy);
    int64_t offset = 0;
    for (auto [start, end] : busy) {
      if (offset + buffer->bytes <= start)
        break;
      offset = std::max<int64_t>(offset, llvm::alignTo(end, kArenaAlignment));
    }
    buffer->offset = offset;
    arenaSize = std::max(arenaSize, offset + buffer->bytes);
    placed.push_back(buffer);
  }
  arenaSize = static_cast<int64_t>(llvm::alignTo(arenaSize, kArenaAlignment));
}

Object PlanBuilder::pointer(Value value, int64_t extraBytes) const {
  const Buffer &buffer = buffers[baseOf.lookup(value)];
  switch (buffer.kind) {
  case Buffer::Input:
    return Object{{"buffer", "input"},
                  {"index", buffer.index},
                  {"offset", extraBytes}};
  case Buffer::Weight:
    return Object{{"buffer", "weight"},
                  {"name", buffer.weight},
                  {"offset", extraBytes}};
  case Buffer::Arena:
    return Object{{"buffer", "arena"}, {"offset", buffer.offset + extraBytes}};
  }
  llvm_unreachable("unknown buffer kind");
}

int64_t PlanBuilder::typeOffsetBytes(Value value) const {
  auto type = cast<MemRefType>(value.getType());
  SmallVector<int64_t> strides;
  int64_t offset = 0;
  (void)getStaticLayout(type, strides, offset);
  return offset * elementBytes(type.getElementType());
}

FailureOr<Object> PlanBuilder::launchStep(gpu::LaunchFuncOp launch) {
  auto constant = [&](Value value, StringRef what) -> FailureOr<int64_t> {
    APInt result;
    if (!value || !matchPattern(value, m_ConstantInt(&result)))
      return launch.emitError() << "the " << what
                                << " of a GPU model's launch must be a constant";
    return result.getSExtValue();
  };
  Array grid, block;
  gpu::KernelDim3 gridSize = launch.getGridSizeOperandValues();
  gpu::KernelDim3 blockSize = launch.getBlockSizeOperandValues();
  for (auto [value, array] :
       {std::pair{gridSize.x, &grid}, {gridSize.y, &grid}, {gridSize.z, &grid},
        {blockSize.x, &block}, {blockSize.y, &block}, {blockSize.z, &block}}) {
    FailureOr<int64_t> size = constant(value, "launch shape");
    if (failed(size))
      return failure();
    array->push_back(*size);
  }
  int64_t shared = 0;
  if (Value dynamicShared = launch.getDynamicSharedMemorySize()) {
    FailureOr<int64_t> bytes = constant(dynamicShared, "shared memory size");
    if (failed(bytes))
      return failure();
    shared = *bytes;
  }
  Array args;
  for (Value operand : launch.getKernelOperands()) {
    if (auto type = dyn_cast<MemRefType>(operand.getType())) {
      SmallVector<int64_t> strides;
      int64_t offset;
      if (failed(getStaticLayout(type, strides, offset)) ||
          !baseOf.count(operand))
        return launch.emitError() << "kernel argument of type " << type
                                  << " has no static layout";
      // The kernel takes the host's memref type, static offset included:
      // it adds the offset itself.
      args.push_back(Object{{"pointer", pointer(operand, 0)}});
      args.push_back(Object{{"pointer", pointer(operand, 0)}});
      args.push_back(Object{{"i64", offset}});
      for (int64_t size : type.getShape())
        args.push_back(Object{{"i64", size}});
      for (int64_t stride : strides)
        args.push_back(Object{{"i64", stride}});
      continue;
    }
    Attribute value;
    if (!matchPattern(operand, m_Constant(&value)))
      return launch.emitError()
             << "kernel argument of type " << operand.getType()
             << " is computed on the host; a GPU model passes only buffers "
                "and constants";
    Type type = operand.getType();
    if (auto integer = dyn_cast<IntegerAttr>(value)) {
      args.push_back(Object{{type.isIndex() || type.isInteger(64) ? "i64" : "i32",
                             integer.getValue().getSExtValue()}});
    } else if (auto real = dyn_cast<FloatAttr>(value)) {
      // The value's bits in the slot's low bytes, whatever the float type.
      args.push_back(Object{
          {"bits",
           static_cast<int64_t>(real.getValue().bitcastToAPInt().getZExtValue())}});
    } else {
      return launch.emitError() << "kernel argument of type " << type
                                << " cannot be passed by a GPU model yet";
    }
  }
  return Object{{"kind", "launch"},
                {"binary", launch.getKernelModuleName().getValue()},
                {"kernel", launch.getKernelName().getValue()},
                {"grid", std::move(grid)},
                {"block", std::move(block)},
                {"shared_bytes", shared},
                {"args", std::move(args)},
                {"location", printLocation(launch.getLoc())}};
}

FailureOr<Object> PlanBuilder::dispatchStep(fpx::DispatchOp dispatch) {
  Object launch;
  for (NamedAttribute attr : dispatch.getLaunch())
    launch[attr.getName().getValue()] = fpx::attributeToJSON(attr.getValue());
  // The generated kernels and the runtime take each operand as a dense
  // buffer from its first element (fpx-gpu-loop-kernels made them so).
  auto flatPointer = [&](Value value) {
    return pointer(value, typeOffsetBytes(value));
  };
  if (dispatch.getKind() == "qmatmul") {
    auto inputs = dispatch.getInputs();
    return Object{
        {"kind", "qmatmul"},
        {"binary", "fpx_kernels"},
        {"launch", std::move(launch)},
        {"x", flatPointer(inputs[0])},
        {"words", flatPointer(inputs[1])},
        {"scales", flatPointer(inputs[2])},
        {"bias", inputs.size() > 3 ? llvm::json::Value(flatPointer(inputs[3]))
                                   : llvm::json::Value(nullptr)},
        {"y", flatPointer(dispatch.getOutputs()[0])},
        {"location", printLocation(dispatch.getLoc())}};
  }
  Array args;
  for (Value operand :
       llvm::concat<Value>(dispatch.getInputs(), dispatch.getOutputs())) {
    auto type = cast<MemRefType>(operand.getType());
    Object start = flatPointer(operand);
    args.push_back(Object{{"pointer", Object(start)}});
    args.push_back(Object{{"pointer", std::move(start)}});
    args.push_back(Object{{"i64", 0}});
    args.push_back(Object{{"i64", type.getNumElements()}});
    args.push_back(Object{{"i64", 1}});
  }
  auto i64 = [&](StringRef key) {
    auto value = dispatch.getLaunch().getAs<IntegerAttr>(key);
    return value ? value.getInt() : 0;
  };
  return Object{{"kind", "launch"},
                {"binary", "fpx_kernels"},
                {"kernel", dispatch.getKernelName()},
                {"grid", Array{i64("grid_x"), 1, 1}},
                {"block", Array{i64("block_x"), 1, 1}},
                // Fusion kernels declare their shared memory statically.
                {"shared_bytes", 0},
                {"args", std::move(args)},
                {"location", printLocation(dispatch.getLoc())}};
}

FailureOr<Array> PlanBuilder::emitSteps(int64_t &numLaunches) {
  Array steps;
  numLaunches = 0;
  // (fpx-gpu-dependent-launch made every kernel wait for the one before;
  // qmatmul steps say so in their launch facts.)
  auto module = entry->getParentOfType<ModuleOp>();
  bool dependent = module && module->hasAttr(fpx::kDependentLaunchAttrName);
  for (Operation &op : entry.getBody().front()) {
    FailureOr<Object> step = failure();
    if (auto launch = dyn_cast<gpu::LaunchFuncOp>(op))
      step = launchStep(launch);
    else if (auto dispatch = dyn_cast<fpx::DispatchOp>(op))
      step = dispatchStep(dispatch);
    else
      continue;
    if (failed(step))
      return failure();
    if (dependent && *step->getString("kind") == "launch")
      (*step)["dependent_launch"] = true;
    steps.push_back(std::move(*step));
    ++numLaunches;
  }
  return steps;
}

FailureOr<Array> PlanBuilder::emitInputs() {
  Array inputs;
  for (BlockArgument arg : entry.getArguments()) {
    auto type = cast<MemRefType>(arg.getType());
    if (!type.hasStaticShape())
      return entry.emitError() << "argument #" << arg.getArgNumber()
                               << " of type " << type
                               << " has a dynamic shape; GPU models have "
                                  "static shapes";
    inputs.push_back(Object{
        {"bytes", type.getNumElements() * elementBytes(type.getElementType())}});
  }
  return inputs;
}

FailureOr<Array> PlanBuilder::emitOutputs() {
  Array outputs;
  auto ret = cast<func::ReturnOp>(entry.getBody().front().getTerminator());
  for (Value value : ret.getOperands()) {
    auto type = cast<MemRefType>(value.getType());
    if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
        !baseOf.count(value))
      return ret.emitError() << "result of type " << type
                             << " is not a static, row-major buffer";
    outputs.push_back(Object{
        {"pointer", pointer(value, typeOffsetBytes(value))},
        {"bytes", type.getNumElements() * elementBytes(type.getElementType())}});
  }
  return outputs;
}

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}

llvm::Error writeBytes(StringRef path, StringRef bytes, bool text) {
  std::error_code error;
  llvm::ToolOutputFile out(path, error,
                           text ? llvm::sys::fs::OF_Text : llvm::sys::fs::OF_None);
  if (error)
    return makeError(path + ": " + error.message());
  out.os() << bytes;
  out.os().close();
  if (out.os().has_error())
    return makeError(path + ": " + out.os().error().message());
  out.keep();
  return llvm::Error::success();
}

} // namespace

FailureOr<GPUPlan> fpx::driver::buildGPUPlan(ModuleOp module, StringRef entry,
                                             StringRef chip,
                                             ArtifactWeights &weights) {
  auto function = module.lookupSymbol<func::FuncOp>(entry);
  if (!function)
    return module.emitError() << "no function @" << entry;
  PlanBuilder builder(function, weights);
  if (failed(builder.analyze()))
    return failure();
  builder.assignArena();
  GPUPlan plan;
  FailureOr<Array> steps = builder.emitSteps(plan.numLaunches);
  if (failed(steps))
    return failure();
  FailureOr<Array> inputs = builder.emitInputs();
  if (failed(inputs))
    return failure();
  FailureOr<Array> outputs = builder.emitOutputs();
  if (failed(outputs))
    return failure();

  Object binaries;
  WalkResult result = module.walk([&](gpu::BinaryOp binary) {
    auto objects = binary.getObjects();
    if (objects.size() != 1) {
      binary.emitError() << "expected one object (one target) per binary";
      return WalkResult::interrupt();
    }
    auto object = cast<gpu::ObjectAttr>(objects[0]);
    std::string file =
        (binary.getSymName() + fpx::getObjectFileExtension(object)).str();
    binaries[binary.getSymName()] = file;
    plan.binaries.emplace_back(file, object.getObject().getValue().str());
    return WalkResult::advance();
  });
  if (result.wasInterrupted())
    return failure();

  plan.arenaBytes = builder.arenaBytes();
  plan.plan = Object{{"format", "fpx-gpu-plan"},
                     {"version", kPlanVersion},
                     {"chip", chip},
                     {"binaries", std::move(binaries)},
                     {"arena_bytes", plan.arenaBytes},
                     {"inputs", std::move(*inputs)},
                     {"steps", std::move(*steps)},
                     {"outputs", std::move(*outputs)}};
  return plan;
}

llvm::Error fpx::driver::writeGPUArtifact(StringRef directory,
                                          const GPUPlan &plan,
                                          const ModelSignature &signature,
                                          const ArtifactWeights &weights) {
  if (llvm::Error error = writeArtifactData(directory, signature, weights))
    return error;
  auto pathOf = [&](StringRef file) {
    llvm::SmallString<256> path(directory);
    llvm::sys::path::append(path, file);
    return std::string(path);
  };
  for (const auto &[file, bytes] : plan.binaries)
    if (llvm::Error error = writeBytes(pathOf(file), bytes, /*text=*/false))
      return error;
  std::string text = llvm::formatv("{0:1}", llvm::json::Value(Object(plan.plan)));
  return writeBytes(pathOf(kPlanFileName), text + "\n", /*text=*/true);
}
