//===- ElementwiseOps.cpp - Elementwise ONNX ops --------------------------===//
//
// Unary, binary and ternary elementwise ops with numpy broadcasting, and the
// casts. Each becomes one linalg.generic; on small integer constants (shape
// arithmetic) the op is evaluated at import time instead.
//
//===----------------------------------------------------------------------===//

#include "Builders.h"
#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace fpx::onnx_import;

namespace {

/// Which element types an op accepts.
enum class Accepts { Float, Numeric, Bool, Any };

using ScalarBuildFn = Value (*)(OpBuilder &, Location, ValueRange);
/// Import-time evaluation on integers; nullopt where it is undefined.
using ScalarFoldFn = std::optional<int64_t> (*)(ArrayRef<int64_t>);

struct ElementwiseOp {
  llvm::StringLiteral name;
  unsigned arity;
  Accepts accepts;
  bool boolResult;
  ScalarBuildFn build;
  ScalarFoldFn fold; // null: not evaluated at import time
};

bool isFloat(Value v) { return isa<FloatType>(v.getType()); }

/// Import-time integer arithmetic wraps around, as arith's does.
int64_t wrap(uint64_t value) { return static_cast<int64_t>(value); }

/// One of two builders depending on the operands' element type.
template <typename FloatOp, typename IntOp>
Value buildArith(OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0]))
    return FloatOp::create(b, loc, args[0], args[1]);
  return IntOp::create(b, loc, args[0], args[1]);
}

template <arith::CmpFPredicate FloatPredicate,
          arith::CmpIPredicate IntPredicate>
Value buildCompare(OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0]))
    return arith::CmpFOp::create(b, loc, FloatPredicate, args[0], args[1]);
  return arith::CmpIOp::create(b, loc, IntPredicate, args[0], args[1]);
}

template <typename MathOp>
Value buildUnary(OpBuilder &b, Location loc, ValueRange args) {
  return MathOp::create(b, loc, args[0]);
}

Value buildNeg(OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0]))
    return arith::NegFOp::create(b, loc, args[0]);
  Value zero = createScalar(b, loc, args[0].getType(), 0.0);
  return arith::SubIOp::create(b, loc, zero, args[0]);
}

Value buildReciprocal(OpBuilder &b, Location loc, ValueRange args) {
  Value one = createScalar(b, loc, args[0].getType(), 1.0);
  return arith::DivFOp::create(b, loc, one, args[0]);
}

Value buildSigmoid(OpBuilder &b, Location loc, ValueRange args) {
  Value one = createScalar(b, loc, args[0].getType(), 1.0);
  Value negated = arith::NegFOp::create(b, loc, args[0]);
  Value exp = math::ExpOp::create(b, loc, negated);
  Value denominator = arith::AddFOp::create(b, loc, one, exp);
  return arith::DivFOp::create(b, loc, one, denominator);
}

Value buildIsNaN(OpBuilder &b, Location loc, ValueRange args) {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, args[0],
                               args[0]);
}

Value buildNot(OpBuilder &b, Location loc, ValueRange args) {
  Value trueValue = createScalar(b, loc, b.getI1Type(), 1.0);
  return arith::XOrIOp::create(b, loc, args[0], trueValue);
}

const ElementwiseOp kElementwiseOps[] = {
    {"Neg", 1, Accepts::Numeric, false, buildNeg,
     [](ArrayRef<int64_t> v) -> std::optional<int64_t> {
       return wrap(0 - uint64_t(v[0]));
     }},
    {"Sqrt", 1, Accepts::Float, false, buildUnary<math::SqrtOp>, nullptr},
    {"Reciprocal", 1, Accepts::Float, false, buildReciprocal, nullptr},
    {"Exp", 1, Accepts::Float, false, buildUnary<math::ExpOp>, nullptr},
    {"Tanh", 1, Accepts::Float, false, buildUnary<math::TanhOp>, nullptr},
    {"Sigmoid", 1, Accepts::Float, false, buildSigmoid, nullptr},
    {"Erf", 1, Accepts::Float, false, buildUnary<math::ErfOp>, nullptr},
    {"Cos", 1, Accepts::Float, false, buildUnary<math::CosOp>, nullptr},
    {"Sin", 1, Accepts::Float, false, buildUnary<math::SinOp>, nullptr},
    {"IsNaN", 1, Accepts::Float, true, buildIsNaN, nullptr},
    {"Not", 1, Accepts::Bool, true, buildNot,
     [](ArrayRef<int64_t> v) -> std::optional<int64_t> { return !v[0]; }},
    {"Add", 2, Accepts::Numeric, false,
     buildArith<arith::AddFOp, arith::AddIOp>,
     [](ArrayRef<int64_t> v) -> std::optional<int64_t> {
       return wrap(uint64_t(v[0]) + uint64_t(v[1]));
     }},
    {"Sub", 2, Accepts::Numeric, false,
     buildArith<arith::SubFOp, arith::SubIOp>,
     [](ArrayRef<int64_t> v) -> std::optional<int64_t> {
       return wrap(uint64_t(v[0]) - uint64_t(v[1]));
     }},
    {"Mul", 2, Accepts::Numeric, false,
     buildArith<arith::MulFOp, arith::MulIOp>,
     [](ArrayRef<int64_t> v) -> std::optional<int64_t> {
       return wrap(uint64_t(v[0]) * uint64_t(v[1]));
     }},
    // Integer Div truncates toward zero, as onnxruntime's does.
    {"Div", 2, Accepts::Numeric, false,
     buildArith<arith::DivFOp, arith::DivSIOp>,
     [](ArrayRef<int64_t> v) -> std::optional<int64_t> {
       if (v[1] == 0)
         return std::nullopt;
       if (v[1] == -1) // INT64_MIN / -1 traps
         return wrap(0 - uint64_t(v[0]));
       return v[0] / v[1];
     }},
    {"Equal", 2, Accepts::Any, true,
     buildCompare<arith::CmpFPredicate::OEQ, arith::CmpIPredicate::eq>,
     [](ArrayRef<int64_t> v) -> std::optional<int64_t> {
       return v[0] == v[1];
     }},
    {"Less", 2, Accepts::Numeric, true,
     buildCompare<arith::CmpFPredicate::OLT, arith::CmpIPredicate::slt>,
     [](ArrayRef<int64_t> v) -> std::optional<int64_t> { return v[0] < v[1]; }},
    {"LessOrEqual", 2, Accepts::Numeric, true,
     buildCompare<arith::CmpFPredicate::OLE, arith::CmpIPredicate::sle>,
     [](ArrayRef<int64_t> v) -> std::optional<int64_t> {
       return v[0] <= v[1];
     }},
    {"Greater", 2, Accepts::Numeric, true,
     buildCompare<arith::CmpFPredicate::OGT, arith::CmpIPredicate::sgt>,
     [](ArrayRef<int64_t> v) -> std::optional<int64_t> { return v[0] > v[1]; }},
    {"And", 2, Accepts::Bool, true, buildArith<arith::AndIOp, arith::AndIOp>,
     [](ArrayRef<int64_t> v) -> std::optional<int64_t> {
       return v[0] && v[1];
     }},
};

const ElementwiseOp &lookup(StringRef name) {
  for (const ElementwiseOp &op : kElementwiseOps)
    if (op.name == name)
      return op;
  llvm_unreachable("op not in kElementwiseOps");
}

bool accepts(Accepts accepts, Type type) {
  switch (accepts) {
  case Accepts::Float:
    return isa<FloatType>(type);
  case Accepts::Numeric:
    return !type.isInteger(1);
  case Accepts::Bool:
    return type.isInteger(1);
  case Accepts::Any:
    return true;
  }
  llvm_unreachable("unknown Accepts");
}

StringRef describe(Accepts accepts) {
  switch (accepts) {
  case Accepts::Float:
    return "floating-point";
  case Accepts::Numeric:
    return "numeric (not bool)";
  case Accepts::Bool:
    return "bool";
  case Accepts::Any:
    return "any";
  }
  llvm_unreachable("unknown Accepts");
}

/// Checks that node `ctx` has exactly `arity` inputs.
LogicalResult checkArity(NodeContext &ctx, unsigned arity) {
  for (unsigned i = 0; i < arity; ++i)
    if (!ctx.hasInput(i))
      return ctx.emitError()
             << "expects " << arity << " inputs, input " << i << " is missing";
  if (ctx.numInputs() != arity)
    return ctx.emitError() << "expects " << arity << " inputs, got "
                           << ctx.numInputs();
  return success();
}

/// The broadcast shape of inputs `first`..`first + count`, or an error.
FailureOr<SmallVector<int64_t>>
broadcastInputs(NodeContext &ctx, unsigned first, unsigned count) {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (unsigned i = first; i < first + count; ++i)
    shapes.push_back(ctx.inputShape(i));
  std::optional<SmallVector<int64_t>> shape = broadcastShapes(shapes);
  if (!shape) {
    InFlightDiagnostic diag = ctx.emitError() << "cannot broadcast shapes ";
    llvm::interleave(
        shapes, [&](ArrayRef<int64_t> s) { diag << "[" << s << "]"; },
        [&] { diag << " and "; });
    return diag;
  }
  return *shape;
}

LogicalResult convertElementwise(NodeContext &ctx) {
  const ElementwiseOp &op = lookup(ctx.node.op_type());
  if (failed(checkArity(ctx, op.arity)))
    return failure();
  Type elementType = ctx.inputElementType(0);
  for (unsigned i = 1; i < op.arity; ++i)
    if (ctx.inputElementType(i) != elementType)
      return ctx.emitError()
             << "inputs have different element types (" << elementType
             << " and " << ctx.inputElementType(i) << ")";
  if (!accepts(op.accepts, elementType))
    return ctx.emitError() << "needs " << describe(op.accepts)
                           << " inputs, got " << elementType;
  FailureOr<SmallVector<int64_t>> shape = broadcastInputs(ctx, 0, op.arity);
  if (failed(shape))
    return failure();
  Type resultType = op.boolResult ? ctx.builder.getI1Type() : elementType;

  if (op.fold) {
    if (std::optional<SmallVector<IntTensor>> inputs =
            ctx.foldableInputs(*shape)) {
      SmallVector<const IntTensor *> operands;
      for (const IntTensor &input : *inputs)
        operands.push_back(&input);
      bool undefined = false;
      IntTensor folded =
          mapBroadcast(operands, *shape, [&](ArrayRef<int64_t> v) {
            std::optional<int64_t> r = op.fold(v);
            undefined |= !r;
            return r.value_or(0);
          });
      if (undefined)
        return ctx.emitError() << "divides by zero in a constant computation";
      ctx.setOutput(0, folded, resultType);
      return success();
    }
  }

  SmallVector<Value> operands;
  for (unsigned i = 0; i < op.arity; ++i)
    operands.push_back(ctx.operandOrScalar(i));
  ctx.setOutput(
      0, createElementwise(ctx.builder, ctx.loc, operands, *shape, resultType,
                           [&](OpBuilder &b, Location loc, ValueRange args) {
                             return op.build(b, loc, args);
                           }));
  return success();
}

/// Max: the elementwise maximum of one or more inputs, all broadcast
/// together. A NaN operand gives NaN (arith.maximumf), as numpy's maximum.
LogicalResult convertMax(NodeContext &ctx) {
  unsigned count = ctx.numInputs();
  if (count == 0)
    return ctx.emitError() << "expects at least one input";
  for (unsigned i = 0; i < count; ++i)
    if (!ctx.hasInput(i))
      return ctx.emitError() << "input " << i << " is missing";
  Type elementType = ctx.inputElementType(0);
  for (unsigned i = 1; i < count; ++i)
    if (ctx.inputElementType(i) != elementType)
      return ctx.emitError()
             << "inputs have different element types (" << elementType
             << " and " << ctx.inputElementType(i) << ")";
  if (!accepts(Accepts::Numeric, elementType))
    return ctx.emitError() << "needs " << describe(Accepts::Numeric)
                           << " inputs, got " << elementType;
  FailureOr<SmallVector<int64_t>> shape = broadcastInputs(ctx, 0, count);
  if (failed(shape))
    return failure();
  if (std::optional<SmallVector<IntTensor>> inputs =
          ctx.foldableInputs(*shape)) {
    SmallVector<const IntTensor *> operands;
    for (const IntTensor &input : *inputs)
      operands.push_back(&input);
    ctx.setOutput(0,
                  mapBroadcast(operands, *shape,
                               [](ArrayRef<int64_t> v) {
                                 return *llvm::max_element(v);
                               }),
                  elementType);
    return success();
  }
  SmallVector<Value> operands;
  for (unsigned i = 0; i < count; ++i)
    operands.push_back(ctx.operandOrScalar(i));
  Value result = createElementwise(
      ctx.builder, ctx.loc, operands, *shape, elementType,
      [&](OpBuilder &b, Location loc, ValueRange args) {
        Value max = args[0];
        for (Value arg : args.drop_front())
          max = isFloat(max) ? Value(arith::MaximumFOp::create(b, loc, max, arg))
                             : Value(arith::MaxSIOp::create(b, loc, max, arg));
        return max;
      });
  ctx.setOutput(0, result);
  return success();
}

/// Pow allows an exponent of another numeric type than the base.
LogicalResult convertPow(NodeContext &ctx) {
  if (failed(checkArity(ctx, 2)))
    return failure();
  Type baseType = ctx.inputElementType(0);
  Type exponentType = ctx.inputElementType(1);
  if (!isa<FloatType>(baseType))
    return ctx.emitError() << "supports floating-point bases only, got "
                           << baseType;
  if (exponentType.isInteger(1))
    return ctx.emitError() << "needs a numeric exponent, got " << exponentType;
  FailureOr<SmallVector<int64_t>> shape = broadcastInputs(ctx, 0, 2);
  if (failed(shape))
    return failure();
  Value result = createElementwise(
      ctx.builder, ctx.loc, {ctx.operandOrScalar(0), ctx.operandOrScalar(1)},
      *shape, baseType, [&](OpBuilder &b, Location loc, ValueRange args) {
        Value exponent = convertScalar(b, loc, args[1], baseType);
        return math::PowFOp::create(b, loc, args[0], exponent);
      });
  ctx.setOutput(0, result);
  return success();
}

LogicalResult convertWhere(NodeContext &ctx) {
  if (failed(checkArity(ctx, 3)))
    return failure();
  if (!ctx.inputElementType(0).isInteger(1))
    return ctx.emitError() << "needs a bool condition, got "
                           << ctx.inputElementType(0);
  Type elementType = ctx.inputElementType(1);
  if (ctx.inputElementType(2) != elementType)
    return ctx.emitError() << "inputs have different element types ("
                           << elementType << " and " << ctx.inputElementType(2)
                           << ")";
  FailureOr<SmallVector<int64_t>> shape = broadcastInputs(ctx, 0, 3);
  if (failed(shape))
    return failure();
  if (std::optional<SmallVector<IntTensor>> inputs =
          ctx.foldableInputs(*shape)) {
    ctx.setOutput(
        0,
        mapBroadcast({&(*inputs)[0], &(*inputs)[1], &(*inputs)[2]}, *shape,
                     [](ArrayRef<int64_t> v) { return v[0] ? v[1] : v[2]; }),
        elementType);
    return success();
  }
  Value result = createElementwise(
      ctx.builder, ctx.loc,
      {ctx.operandOrScalar(0), ctx.operandOrScalar(1), ctx.operandOrScalar(2)},
      *shape, elementType, [](OpBuilder &b, Location loc, ValueRange args) {
        return arith::SelectOp::create(b, loc, args[0], args[1], args[2]);
      });
  ctx.setOutput(0, result);
  return success();
}

/// Cast and CastLike: input 0 converted to `to`.
LogicalResult convertTo(NodeContext &ctx, Type to) {
  TensorValue &input = ctx.input(0);
  Type from = input.type.getElementType();
  if (from == to) {
    ctx.forwardOutput(0, input);
    return success();
  }
  if (to.isInteger())
    if (std::optional<SmallVector<IntTensor>> inputs =
            ctx.foldableInputs(input.type.getShape())) {
      ctx.setOutput(0, (*inputs)[0], to);
      return success();
    }
  Value result = createElementwise(
      ctx.builder, ctx.loc, {ctx.operandOrScalar(0)}, input.type.getShape(), to,
      [&](OpBuilder &b, Location loc, ValueRange args) {
        return convertScalar(b, loc, args[0], to);
      });
  ctx.setOutput(0, result);
  return success();
}

LogicalResult convertCast(NodeContext &ctx) {
  if (failed(checkArity(ctx, 1)))
    return failure();
  const onnx::AttributeProto *toAttr = ctx.attribute("to");
  if (!toAttr || toAttr->type() != onnx::AttributeProto::INT)
    return ctx.emitError() << "needs an int attribute 'to'";
  Type to = getElementType(ctx.getContext(), int32_t(toAttr->i()));
  if (!to)
    return ctx.emitError() << "casts to " << dataTypeName(int32_t(toAttr->i()))
                           << ", which FPX does not import";
  return convertTo(ctx, to);
}

LogicalResult convertCastLike(NodeContext &ctx) {
  if (failed(checkArity(ctx, 2)))
    return failure();
  return convertTo(ctx, ctx.inputElementType(1));
}

} // namespace

void fpx::onnx_import::addElementwiseOps(OpTable &table) {
  for (const ElementwiseOp &op : kElementwiseOps)
    table[op.name] = {convertElementwise, op.name == "LessOrEqual" ? 12 : 1};
  table["Max"] = {convertMax, 8};
  table["Pow"] = {convertPow, 1};
  table["Where"] = {convertWhere, 1};
  table["Cast"] = {convertCast, 1};
  table["CastLike"] = {convertCastLike, 15};
}
