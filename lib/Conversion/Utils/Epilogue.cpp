//===- Epilogue.cpp - Scalar epilogue code shared by lowerings -------------===//

#include "fpx/Conversion/Utils/Epilogue.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>

using namespace mlir;

Value fpx::castFloat(OpBuilder &b, Location loc, Value value, Type to) {
  Type from = value.getType();
  if (from == to)
    return value;
  if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
    return arith::ExtFOp::create(b, loc, to, value);
  return arith::TruncFOp::create(b, loc, to, value);
}

Value fpx::emitActivation(OpBuilder &b, Location loc, Activation activation,
                          Value x) {
  Type type = x.getType();
  auto cst = [&](double v) {
    return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, v))
        .getResult();
  };
  switch (activation) {
  case Activation::None:
    return x;
  case Activation::Relu:
    return arith::MaximumFOp::create(b, loc, x, cst(0.0));
  case Activation::Silu: {
    Value negExp = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
    return arith::DivFOp::create(b, loc, x,
                                 arith::AddFOp::create(b, loc, cst(1.0), negExp));
  }
  case Activation::GeluTanh: {
    Value cube =
        arith::MulFOp::create(b, loc, x, arith::MulFOp::create(b, loc, x, x));
    Value inner = arith::MulFOp::create(
        b, loc, cst(std::sqrt(2.0 / M_PI)),
        arith::AddFOp::create(
            b, loc, x, arith::MulFOp::create(b, loc, cst(0.044715), cube)));
    Value t = math::TanhOp::create(b, loc, inner);
    return arith::MulFOp::create(b, loc,
                                 arith::MulFOp::create(b, loc, cst(0.5), x),
                                 arith::AddFOp::create(b, loc, cst(1.0), t));
  }
  case Activation::GeluErf: {
    Value e = math::ErfOp::create(
        b, loc, arith::MulFOp::create(b, loc, x, cst(M_SQRT1_2)));
    return arith::MulFOp::create(b, loc,
                                 arith::MulFOp::create(b, loc, cst(0.5), x),
                                 arith::AddFOp::create(b, loc, cst(1.0), e));
  }
  }
  llvm_unreachable("unknown activation");
}
