#!/usr/bin/env python3
"""Builds the ONNX models of FPX's ONNX importer tests, with reference data.

    onnx_models.py OUTDIR NAME [NAME ...]

writes OUTDIR/NAME.onnx for each model NAME (see MODELS below; `--list`
prints them) and, for models run numerically, OUTDIR/NAME-data/ with
input_<i>.pb and output_<i>.pb (ONNX's test-data layout, one TensorProto per
graph input and output), which `fpx-import-onnx --test-data-dir` reads. Some
models also write external-data files, symbolic links or broken bytes next
to the model.

The lit tests in test/Frontend/ONNX run this script at test time, so models
and references always match the script. Expected outputs are computed here
with numpy in float64 (then rounded to the output type), independently of
FPX. Needs Debian's python3-onnx (1.12) and python3-numpy; models are built
with onnx.helper and not checked by onnx.checker, which in onnx 1.12 knows
opsets up to 17 only (and the error models are invalid on purpose).
"""
import math
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FLOAT, DOUBLE, FLOAT16, BFLOAT16 = (TensorProto.FLOAT, TensorProto.DOUBLE,
                                    TensorProto.FLOAT16, TensorProto.BFLOAT16)
INT64, INT32, INT16, INT8 = (TensorProto.INT64, TensorProto.INT32,
                             TensorProto.INT16, TensorProto.INT8)
BOOL, UINT8 = TensorProto.BOOL, TensorProto.UINT8
INT64_MAX = 2**63 - 1

MODELS = {}


def model(fn):
    """Registers a model builder under its function name. A builder takes
    the output folder and returns the ModelProto, or (model, inputs,
    outputs) with numpy reference data."""
    MODELS[fn.__name__] = fn
    return fn


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

class BF16:
    """A bfloat16 tensor given by float32 values (numpy has no bfloat16)."""

    def __init__(self, values):
        self.values = bf16_round(np.asarray(values, dtype=np.float32))

    def bits(self):
        return (self.values.view(np.uint32) >> 16).astype(np.uint16)


def bf16_round(values):
    """float32 -> nearest bfloat16 (ties to even), as float32."""
    bits = np.asarray(values, dtype=np.float32).view(np.uint32)
    rounding = ((bits >> 16) & 1) + 0x7FFF
    return ((bits + rounding) & 0xFFFF0000).astype(np.uint32).view(np.float32)


def tensor(name, value):
    """A TensorProto (raw data) from a numpy array or BF16."""
    if isinstance(value, BF16):
        return helper.make_tensor(name, BFLOAT16, value.values.shape,
                                  value.bits().tobytes(), raw=True)
    return numpy_helper.from_array(np.asarray(value), name)


def io(name, elem_type, shape=None):
    """A graph input/output; shape None leaves it unknown, strings in it are
    symbolic dimensions."""
    return helper.make_tensor_value_info(name, elem_type, shape)


def node(op, inputs, outputs, name=None, domain=None, **attrs):
    """A node named after its first output unless `name` is given."""
    return helper.make_node(op, inputs, outputs, name=name or outputs[0],
                            domain=domain, **attrs)


def make(nodes, inputs, outputs, initializers=(), opset=18):
    graph = helper.make_graph(nodes, "test", inputs, outputs,
                              initializer=list(initializers))
    return helper.make_model(graph, producer_name="onnx_models.py",
                             ir_version=8,
                             opset_imports=[helper.make_opsetid("", opset)])


def const(name, value):
    """A Constant node producing `value` (a numpy array)."""
    return node("Constant", [], [name], value=tensor(name, value))


def ints(*values):
    return np.array(values, dtype=np.int64)


def f32(values):
    return np.asarray(values, dtype=np.float32)


def rng(seed):
    return np.random.default_rng(seed)


def uniform(generator, shape, low=-1.0, high=1.0):
    """Values on a 1/64 grid, exact in f32, f16 and bf16."""
    values = generator.uniform(low, high, size=shape)
    return f32(np.round(values * 64) / 64)


def elem_type(value):
    if isinstance(value, BF16):
        return BFLOAT16
    return onnx.mapping.NP_TYPE_TO_TENSOR_TYPE[np.asarray(value).dtype]


def save_data(folder, inputs, outputs):
    os.makedirs(folder, exist_ok=True)
    for prefix, values in (("input", inputs), ("output", outputs)):
        for i, value in enumerate(values):
            with open(os.path.join(folder, f"{prefix}_{i}.pb"), "wb") as f:
                f.write(tensor(f"{prefix}_{i}", value).SerializeToString())


def numeric(nodes, inputs, outputs, initializers=(), opset=18):
    """A model whose graph inputs (numpy arrays) and outputs (arrays or BF16)
    are given by name: returns (model, input values, output values) in graph
    order."""
    graph_inputs = [io(name, elem_type(v), list(v.shape)) for name, v in inputs]
    graph_outputs = [io(name, elem_type(v)) for name, v in outputs]
    return (make(nodes, graph_inputs, graph_outputs, initializers, opset),
            [v for _, v in inputs], [v for _, v in outputs])


# numpy references of ONNX ops -----------------------------------------------

def erf(x):
    return np.vectorize(math.erf)(np.asarray(x, dtype=np.float64))


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


def softmax(x, axes):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x.max(axis=axes, keepdims=True))
    return e / e.sum(axis=axes, keepdims=True)


def layer_norm(x, scale, bias, axis):
    x = np.asarray(x, dtype=np.float64)
    axes = tuple(range(axis % x.ndim, x.ndim))
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    inv = 1.0 / np.sqrt(var + 1e-5)
    y = (x - mean) * inv * scale
    return y + bias if bias is not None else y, mean, inv


def trunc_div(a, b):
    """ONNX integer Div (truncates toward zero, like C)."""
    return (np.sign(a) * np.sign(b) * (np.abs(a) // np.abs(b))).astype(a.dtype)


# ---------------------------------------------------------------------------
# Elementwise ops and casts (elementwise.mlir)
# ---------------------------------------------------------------------------

@model
def elementwise(outdir):
    g = rng(1)
    x = uniform(g, (2, 3), -2, 2)
    x[0, 1] = -1.5  # Cast to int64 truncates toward zero
    x[1, 1] = 0.5
    y = f32([0.75, x[1, 1], -1.25])  # y[1] == x[1, 1]: Equal is true there
    p = uniform(g, (2, 3), 0.25, 3)
    i = ints(7, -7, 9, 0, 5, -12).reshape(2, 3)
    j = ints(2, 3, -4)
    b = np.array([[True, False, True], [False, True, True]])
    c = np.array([True, True, False])
    n = f32([1.0, np.nan, np.inf, -0.0])
    x64 = x.astype(np.float64)
    y64 = y.astype(np.float64)
    two = tensor("two", ints(2))
    nodes = [
        node("Add", ["x", "y"], ["add"]),
        node("Sub", ["x", "y"], ["sub"]),
        node("Mul", ["x", "y"], ["mul"]),
        node("Div", ["x", "y"], ["div"]),
        node("Add", ["i", "j"], ["add_i"]),
        node("Sub", ["i", "j"], ["sub_i"]),
        node("Mul", ["i", "j"], ["mul_i"]),
        node("Div", ["i", "j"], ["div_i"]),
        node("Pow", ["p", "y"], ["pow"]),
        node("Pow", ["x", "two"], ["pow_int_exponent"]),
        node("Sqrt", ["p"], ["sqrt"]),
        node("Reciprocal", ["y"], ["reciprocal"]),
        node("Neg", ["x"], ["neg"]),
        node("Neg", ["i"], ["neg_i"]),
        node("Exp", ["x"], ["exp"]),
        node("Tanh", ["x"], ["tanh"]),
        node("Sigmoid", ["x"], ["sigmoid"]),
        node("Erf", ["x"], ["erf"]),
        node("Cos", ["x"], ["cos"]),
        node("Sin", ["x"], ["sin"]),
        node("IsNaN", ["n"], ["isnan"]),
        node("Equal", ["x", "y"], ["equal"]),
        node("Equal", ["i", "j"], ["equal_i"]),
        node("Less", ["x", "y"], ["less"]),
        node("Greater", ["i", "j"], ["greater_i"]),
        node("And", ["b", "c"], ["and"]),
        node("Not", ["b"], ["not"]),
        node("Where", ["b", "x", "y"], ["where"]),
        node("Cast", ["x"], ["cast_f32_i64"], to=INT64),
        node("Cast", ["i"], ["cast_i64_f32"], to=FLOAT),
        node("Cast", ["i"], ["cast_i64_i32"], to=INT32),
        node("Cast", ["x"], ["cast_f32_f16"], to=FLOAT16),
        node("Cast", ["x"], ["cast_f32_bf16"], to=BFLOAT16),
        node("Cast", ["x"], ["cast_f32_f64"], to=DOUBLE),
        node("Cast", ["x"], ["cast_f32_bool"], to=BOOL),
        node("Cast", ["b"], ["cast_bool_f32"], to=FLOAT),
        node("Cast", ["b"], ["cast_bool_i32"], to=INT32),
        node("CastLike", ["i", "x"], ["castlike"]),
    ]
    outputs = [
        ("add", f32(x64 + y64)), ("sub", f32(x64 - y64)),
        ("mul", f32(x64 * y64)), ("div", f32(x64 / y64)),
        ("add_i", i + j), ("sub_i", i - j), ("mul_i", i * j),
        ("div_i", trunc_div(i, j)),
        ("pow", f32(p.astype(np.float64) ** y64)),
        ("pow_int_exponent", f32(x64 ** 2)),
        ("sqrt", f32(np.sqrt(p.astype(np.float64)))),
        ("reciprocal", f32(1.0 / y64)), ("neg", -x), ("neg_i", -i),
        ("exp", f32(np.exp(x64))), ("tanh", f32(np.tanh(x64))),
        ("sigmoid", f32(sigmoid(x64))), ("erf", f32(erf(x64))),
        ("cos", f32(np.cos(x64))), ("sin", f32(np.sin(x64))),
        ("isnan", np.isnan(n)), ("equal", x == y), ("equal_i", i == j),
        ("less", x < y), ("greater_i", i > j), ("and", b & c), ("not", ~b),
        ("where", np.where(b, x, y)),
        ("cast_f32_i64", np.trunc(x).astype(np.int64)),
        ("cast_i64_f32", i.astype(np.float32)),
        ("cast_i64_i32", i.astype(np.int32)),
        ("cast_f32_f16", x.astype(np.float16)),
        ("cast_f32_bf16", BF16(x)),
        ("cast_f32_f64", x64),
        ("cast_f32_bool", x != 0),
        ("cast_bool_f32", b.astype(np.float32)),
        ("cast_bool_i32", b.astype(np.int32)),
        ("castlike", i.astype(np.float32)),
    ]
    return numeric(nodes, [("x", x), ("y", y), ("p", p), ("i", i), ("j", j),
                           ("b", b), ("c", c), ("n", n)],
                   outputs, [two])


# ---------------------------------------------------------------------------
# MatMul and Gemm (matmul.mlir)
# ---------------------------------------------------------------------------

@model
def matmul(outdir):
    g = rng(2)
    a3 = uniform(g, (2, 3, 4))
    a2 = uniform(g, (3, 4))
    v = uniform(g, (4,))
    ba = uniform(g, (2, 1, 3, 4))
    bb = uniform(g, (3, 4, 2))
    at = uniform(g, (4, 3))
    w = uniform(g, (4, 5))       # [K, N]: MatMul's layout
    lm = uniform(g, (5, 4))      # [N, K]: torch Linear's layout
    gb = uniform(g, (5, 4))
    gc = uniform(g, (5,))
    nodes = [
        node("MatMul", ["a3", "proj.weight"], ["mm_weight"],
             name="layers.0/proj/MatMul"),
        node("Transpose", ["lm_head.weight"], ["lm_head_t"], perm=[1, 0]),
        node("MatMul", ["a2", "lm_head_t"], ["mm_transposed_weight"],
             name="lm_head/MatMul"),
        node("MatMul", ["ba", "bb"], ["mm_batch"]),
        node("MatMul", ["v", "proj.weight"], ["mm_vector_lhs"]),
        node("MatMul", ["a3", "v"], ["mm_vector_rhs"]),
        node("Transpose", ["a2"], ["a2_t"]),
        node("MatMul", ["a2", "a2_t"], ["mm_dynamic_rhs"]),
        node("Gemm", ["a2", "gemm.b", "gemm.c"], ["gemm"], transB=1,
             alpha=0.5, beta=2.0),
        node("Gemm", ["at", "proj.weight"], ["gemm_trans_a"], transA=1),
        node("Gemm", ["a2", "lm_head_t"], ["gemm_transposed_weight"]),
    ]
    d = np.float64
    outputs = [
        ("mm_weight", f32(a3.astype(d) @ w)),
        ("mm_transposed_weight", f32(a2.astype(d) @ lm.T)),
        ("mm_batch", f32(np.matmul(ba.astype(d), bb.astype(d)))),
        ("mm_vector_lhs", f32(v.astype(d) @ w)),
        ("mm_vector_rhs", f32(a3.astype(d) @ v)),
        ("mm_dynamic_rhs", f32(a2.astype(d) @ a2.T)),
        ("gemm", f32(0.5 * (a2.astype(d) @ gb.T) + 2.0 * gc)),
        ("gemm_trans_a", f32(at.T.astype(d) @ w)),
        ("gemm_transposed_weight", f32(a2.astype(d) @ lm.T)),
    ]
    inits = [tensor("proj.weight", w), tensor("lm_head.weight", lm),
             tensor("gemm.b", gb), tensor("gemm.c", gc)]
    return numeric(nodes, [("a3", a3), ("a2", a2), ("v", v), ("ba", ba),
                           ("bb", bb), ("at", at)], outputs, inits)


# ---------------------------------------------------------------------------
# Reductions, Softmax, LayerNormalization (reductions.mlir)
# ---------------------------------------------------------------------------

def reduction_inputs():
    g = rng(3)
    return uniform(g, (2, 3, 4), -3, 3), ints(4, -2, 7, 1, 0, 3).reshape(2, 3)


@model
def reductions_opset18(outdir):
    x, i = reduction_inputs()
    d = x.astype(np.float64)
    nodes = [
        const("axes_1", ints(1)),
        const("axes_last", ints(-1)),
        const("axes_0_2", ints(0, 2)),
        node("ReduceMean", ["x", "axes_1"], ["mean"]),
        node("ReduceMean", ["x"], ["mean_all"], keepdims=0),
        node("ReduceSum", ["x", "axes_last"], ["sum"], keepdims=0),
        node("ReduceSum", ["i", "axes_last"], ["sum_i"]),
        node("ReduceMax", ["x", "axes_0_2"], ["max"]),
        node("ReduceSum", ["x"], ["sum_noop"], noop_with_empty_axes=1),
        node("Softmax", ["x"], ["softmax"]),
        node("Softmax", ["x"], ["softmax_axis1"], axis=1),
    ]
    outputs = [
        ("mean", f32(d.mean(axis=1, keepdims=True))),
        ("mean_all", f32(d.mean())),
        ("sum", f32(d.sum(axis=-1))),
        ("sum_i", i.sum(axis=-1, keepdims=True)),
        ("max", x.max(axis=(0, 2), keepdims=True)),
        ("sum_noop", x),
        ("softmax", f32(softmax(x, -1))),
        ("softmax_axis1", f32(softmax(x, 1))),
    ]
    return numeric(nodes, [("x", x), ("i", i)], outputs, opset=18)


@model
def reductions_opset13(outdir):
    x, _ = reduction_inputs()
    d = x.astype(np.float64)
    nodes = [
        const("axes_1", ints(1)),
        node("ReduceMean", ["x"], ["mean"], axes=[1]),
        node("ReduceSum", ["x", "axes_1"], ["sum"], keepdims=0),
        node("ReduceMax", ["x"], ["max"], axes=[-1], keepdims=0),
        node("Softmax", ["x"], ["softmax"]),
    ]
    outputs = [
        ("mean", f32(d.mean(axis=1, keepdims=True))),
        ("sum", f32(d.sum(axis=1))),
        ("max", x.max(axis=-1)),
        ("softmax", f32(softmax(x, -1))),
    ]
    return numeric(nodes, [("x", x)], outputs, opset=13)


@model
def reductions_opset11(outdir):
    x, _ = reduction_inputs()
    d = x.astype(np.float64)
    nodes = [
        node("ReduceSum", ["x"], ["sum"], axes=[0, -1]),
        # Before opset 13, Softmax flattens to 2-D at `axis` (default 1).
        node("Softmax", ["x"], ["softmax"]),
    ]
    outputs = [
        ("sum", f32(d.sum(axis=(0, 2), keepdims=True))),
        ("softmax", f32(softmax(x, (1, 2)))),
    ]
    return numeric(nodes, [("x", x)], outputs, opset=11)


@model
def layernorm(outdir):
    g = rng(4)
    x = uniform(g, (2, 3, 4), -3, 3)
    scale = uniform(g, (4,), 0.5, 1.5)
    bias = uniform(g, (4,))
    scale2 = uniform(g, (3, 4), 0.5, 1.5)
    y, mean, inv = layer_norm(x, scale, bias, -1)
    y2, _, _ = layer_norm(x, scale2, None, 1)
    nodes = [
        node("LayerNormalization", ["x", "ln.scale", "ln.bias"],
             ["y", "mean", "inv_std_dev"], epsilon=1e-5),
        node("LayerNormalization", ["x", "ln2.scale"], ["y_axis1"], axis=1),
    ]
    outputs = [("y", f32(y)), ("mean", f32(mean)), ("inv_std_dev", f32(inv)),
               ("y_axis1", f32(y2))]
    return numeric(nodes, [("x", x)], outputs,
                   [tensor("ln.scale", scale), tensor("ln.bias", bias),
                    tensor("ln2.scale", scale2)], opset=17)


@model
def layernorm_f16(outdir):
    """fp16 data, statistics in the default stash type (f32)."""
    nodes = [node("LayerNormalization", ["x", "scale"], ["y"])]
    return make(nodes, [io("x", FLOAT16, [2, 4])], [io("y", FLOAT16)],
                [tensor("scale", np.ones(4, np.float16))], opset=17)


# ---------------------------------------------------------------------------
# Constants, shapes and data movement (tensor-ops.mlir)
# ---------------------------------------------------------------------------

@model
def tensor_ops(outdir):
    g = rng(5)
    x = uniform(g, (2, 3, 4))
    col = uniform(g, (3, 1))
    m = uniform(g, (4, 4))
    emb = uniform(g, (5, 3))
    idx = ints(0, 4, -1, 2).reshape(2, 2)
    nodes = [
        const("shape_0_m1", ints(0, -1)),
        node("Reshape", ["x", "shape_0_m1"], ["reshape"]),
        node("Transpose", ["x"], ["transpose"], perm=[2, 0, 1]),
        node("Neg", ["x"], ["neg_x"]),
        node("Concat", ["x", "neg_x"], ["concat"], axis=-1),
        const("starts", ints(1, -3)),
        const("ends", ints(INT64_MAX, 4)),
        const("axes", ints(1, 2)),
        const("steps", ints(1, 2)),
        node("Slice", ["x", "starts", "ends", "axes", "steps"], ["slice"]),
        node("Split", ["x"], ["split_a", "split_b"], axis=1, num_outputs=2),
        const("split_sizes", ints(1, 3)),
        node("Split", ["x", "split_sizes"], ["split_c", "split_d"], axis=2),
        node("Gather", ["embedding", "idx"], ["gather_rows"]),
        const("last", ints(-1)[0]),
        node("Gather", ["x", "last"], ["gather_scalar"], axis=1),
        const("unsqueeze_axes", ints(0, -1)),
        node("Unsqueeze", ["x", "unsqueeze_axes"], ["unsqueeze"]),
        const("squeeze_axes", ints(0)),
        node("Squeeze", ["unsqueeze", "squeeze_axes"], ["squeeze"]),
        node("Squeeze", ["unsqueeze"], ["squeeze_all"]),
        const("expand_shape", ints(2, 3, 4)),
        node("Expand", ["col", "expand_shape"], ["expand"]),
        node("Shape", ["x"], ["shape"], start=1),
        const("r_start", ints(0)[0]), const("r_limit", ints(10)[0]),
        const("r_delta", ints(3)[0]),
        node("Range", ["r_start", "r_limit", "r_delta"], ["range"]),
        const("rf_start", f32(1.0)), const("rf_limit", f32(2.0)),
        const("rf_delta", f32(0.25)),
        node("Range", ["rf_start", "rf_limit", "rf_delta"], ["range_f32"]),
        const("cos_shape", ints(2, 3)),
        node("ConstantOfShape", ["cos_shape"], ["constant_of_shape"],
             value=tensor("v", ints(7))),
        node("ConstantOfShape", ["cos_shape"], ["constant_of_shape_default"]),
        node("Identity", ["x"], ["identity"]),
        node("Dropout", ["x"], ["dropout", "dropout_mask"]),
        node("Trilu", ["m"], ["trilu_upper"]),
        const("k_minus_1", ints(-1)[0]),
        node("Trilu", ["m", "k_minus_1"], ["trilu_lower"], upper=0),
        node("Constant", [], ["const_float"], value_float=2.5),
        node("Constant", [], ["const_floats"], value_floats=[1.0, -2.0]),
        node("Constant", [], ["const_int"], value_int=-3),
        node("Constant", [], ["const_ints"], value_ints=[4, 5, 6]),
    ]
    outputs = [
        ("reshape", x.reshape(2, 12)),
        ("transpose", x.transpose(2, 0, 1)),
        ("concat", np.concatenate([x, -x], axis=-1)),
        ("slice", x[:, 1:, 1::2]),
        ("split_a", x[:, :2]), ("split_b", x[:, 2:]),
        ("split_c", x[:, :, :1]), ("split_d", x[:, :, 1:]),
        ("gather_rows", emb[idx]),
        ("gather_scalar", x[:, -1]),
        ("unsqueeze", x[None, ..., None]),
        ("squeeze", x[..., None]),
        ("squeeze_all", x),
        ("expand", np.broadcast_to(col, (2, 3, 4))),
        ("shape", ints(3, 4)),
        ("range", ints(0, 3, 6, 9)),
        ("range_f32", f32([1.0, 1.25, 1.5, 1.75])),
        ("constant_of_shape", np.full((2, 3), 7, np.int64)),
        ("constant_of_shape_default", np.zeros((2, 3), np.float32)),
        ("identity", x),
        ("dropout", x), ("dropout_mask", np.ones(x.shape, bool)),
        ("trilu_upper", np.triu(m)),
        ("trilu_lower", np.tril(m, -1)),
        ("const_float", f32(2.5)), ("const_floats", f32([1.0, -2.0])),
        ("const_int", ints(-3)[0]), ("const_ints", ints(4, 5, 6)),
    ]
    return numeric(nodes, [("x", x), ("col", col), ("m", m), ("idx", idx)],
                   outputs, [tensor("embedding", emb)], opset=18)


@model
def tensor_ops_opset11(outdir):
    """Opset 11 takes Split sizes and (Un)Squeeze axes as attributes."""
    x = uniform(rng(6), (2, 3, 4))
    nodes = [
        node("Split", ["x"], ["split_a", "split_b"], axis=2, split=[3, 1]),
        node("Split", ["x"], ["third_a", "third_b", "third_c"], axis=1),
        node("Unsqueeze", ["x"], ["unsqueeze"], axes=[1]),
        node("Squeeze", ["unsqueeze"], ["squeeze"], axes=[-3]),
    ]
    outputs = [("split_a", x[..., :3]), ("split_b", x[..., 3:]),
               ("third_a", x[:, :1]), ("third_b", x[:, 1:2]),
               ("third_c", x[:, 2:]),
               ("unsqueeze", x[:, None]), ("squeeze", x)]
    return numeric(nodes, [("x", x)], outputs, opset=11)


@model
def tensor_ops_opset13(outdir):
    """Opset 13 takes Split sizes and (Un)Squeeze axes as inputs."""
    x = uniform(rng(7), (2, 3, 4))
    nodes = [
        const("sizes", ints(3, 1)),
        node("Split", ["x", "sizes"], ["split_a", "split_b"], axis=-1),
        node("Split", ["x"], ["half_a", "half_b"]),
        const("axes", ints(1)),
        node("Unsqueeze", ["x", "axes"], ["unsqueeze"]),
        node("Squeeze", ["unsqueeze", "axes"], ["squeeze"]),
    ]
    outputs = [("split_a", x[..., :3]), ("split_b", x[..., 3:]),
               ("half_a", x[:1]), ("half_b", x[1:]),
               ("unsqueeze", x[:, None]), ("squeeze", x)]
    return numeric(nodes, [("x", x)], outputs, opset=13)


# ---------------------------------------------------------------------------
# Shape computations on symbolic dimensions (shape-folding.mlir)
# ---------------------------------------------------------------------------

def shape_folding_graph():
    """x: [batch, seq, 8]. The shapes used below come from Shape(x), as
    exporters emit them for dynamic axes."""
    nodes = [
        node("Shape", ["x"], ["x_shape"]),
        const("zero", ints(0)[0]), const("one", ints(1)[0]),
        const("axis0", ints(0)),
        node("Gather", ["x_shape", "zero"], ["batch"], axis=0),
        node("Gather", ["x_shape", "one"], ["seq"], axis=0),
        node("Unsqueeze", ["batch", "axis0"], ["batch_1d"]),
        node("Unsqueeze", ["seq", "axis0"], ["seq_1d"]),
        const("heads", ints(2, 4)),
        node("Concat", ["batch_1d", "seq_1d", "heads"], ["heads_shape"],
             axis=0),
        node("Reshape", ["x", "heads_shape"], ["x_heads"]),
        node("Transpose", ["x_heads"], ["per_head"], perm=[0, 2, 1, 3]),
        # position ids: Range(0, seq) expanded to [batch, seq], as float
        node("Range", ["zero", "seq", "one"], ["positions_1d"]),
        node("Concat", ["batch_1d", "seq_1d"], ["batch_seq"], axis=0),
        node("Expand", ["positions_1d", "batch_seq"], ["positions_i64"]),
        node("Cast", ["positions_i64"], ["positions"], to=FLOAT),
        # causal mask [seq, seq]: large negative above the diagonal
        node("Concat", ["seq_1d", "seq_1d"], ["seq_seq"], axis=0),
        node("ConstantOfShape", ["seq_seq"], ["filled"],
             value=tensor("v", f32([-10000.0]))),
        node("Trilu", ["filled", "one"], ["mask"]),
        # rows = batch * seq; flatten x to [rows, -1]
        node("Mul", ["batch", "seq"], ["rows"]),
        node("Unsqueeze", ["rows", "axis0"], ["rows_1d"]),
        const("minus_one", ints(-1)),
        node("Concat", ["rows_1d", "minus_one"], ["flat_shape"], axis=0),
        node("Reshape", ["x", "flat_shape"], ["flat"]),
        # Equal/Div/Where on the shape: [batch, seq, 8] -> [batch, seq, 4, 2]
        const("eight", ints(8)[0]), const("two", ints(2)[0]),
        node("Equal", ["x_shape", "eight"], ["is_eight"]),
        node("Div", ["x_shape", "two"], ["halves"]),
        node("Where", ["is_eight", "halves", "x_shape"], ["half_shape"]),
        const("pair", ints(2)),
        node("Concat", ["half_shape", "pair"], ["pairs_shape"], axis=0),
        node("Reshape", ["x", "pairs_shape"], ["pairs"]),
        # Slice and Cast of the shape: [seq, 8] as int32
        const("from_1", ints(1)), const("to_end", ints(INT64_MAX)),
        node("Slice", ["x_shape", "from_1", "to_end"], ["tail"]),
        node("Cast", ["tail"], ["tail_i32"], to=INT32),
    ]
    outputs = ["per_head", "positions", "mask", "flat", "pairs", "tail_i32"]
    return nodes, outputs


def shape_folding_reference(x):
    b, s, _ = x.shape
    mask = np.triu(np.full((s, s), -10000.0, np.float32), 1)
    positions = np.broadcast_to(np.arange(s, dtype=np.float32), (b, s))
    return [x.reshape(b, s, 2, 4).transpose(0, 2, 1, 3), positions, mask,
            x.reshape(b * s, 8), x.reshape(b, s, 4, 2),
            np.array([s, 8], np.int32)]


@model
def shape_folding(outdir):
    nodes, outputs = shape_folding_graph()
    elem = {"per_head": FLOAT, "positions": FLOAT, "mask": FLOAT,
            "flat": FLOAT, "pairs": FLOAT, "tail_i32": INT32}
    m = make(nodes, [io("x", FLOAT, ["batch", "seq", 8])],
             [io(name, elem[name]) for name in outputs])
    x = uniform(rng(8), (2, 3, 8))
    return m, [x], shape_folding_reference(x)


# ---------------------------------------------------------------------------
# CumSum, GatherND, LessOrEqual, Max (scan-gather.mlir)
# ---------------------------------------------------------------------------

def cumsum(x, axis, exclusive=0, reverse=0):
    """ONNX CumSum."""
    x = np.asarray(x)
    if reverse:
        x = np.flip(x, axis)
    y = np.cumsum(x, axis=axis, dtype=x.dtype)
    if exclusive:
        y = y - x
    return np.flip(y, axis) if reverse else y


def gather_nd(data, indices, batch_dims=0):
    """ONNX GatherND."""
    depth = indices.shape[-1]
    batch = data.shape[:batch_dims]
    rows = indices.reshape(-1, depth)
    per_batch = rows.shape[0] // max(int(np.prod(batch)), 1)
    out = []
    for r, row in enumerate(rows):
        b = np.unravel_index(r // per_batch, batch) if batch_dims else ()
        out.append(data[tuple(b) + tuple(row)])
    return np.array(out).reshape(
        indices.shape[:-1] + data.shape[batch_dims + depth:])


@model
def scan_gather(outdir):
    g = rng(11)
    x = uniform(g, (2, 3, 4))
    y = uniform(g, (3, 1))
    z = uniform(g, (4,))
    ix = g.integers(-5, 6, size=(2, 3)).astype(np.int64)
    jx = g.integers(-5, 6, size=(3,)).astype(np.int64)
    nd = ints(1, 2, 0, -1, 0, 0).reshape(3, 2)
    nd_batch = ints(2, 0, -1, 1).reshape(2, 2, 1)
    # The folded variants take constants, as the attention-mask and
    # position-id subgraphs of exported decoders do.
    mask = ints(1, 1, 0, 1, 0, 1, 1, 1).reshape(2, 4)
    nodes = [
        const("axis1", ints(1)[0]), const("axis_m1", ints(-1)),
        node("CumSum", ["x", "axis1"], ["cumsum"]),
        node("CumSum", ["x", "axis_m1"], ["cumsum_excl_rev"], exclusive=1,
             reverse=1),
        node("CumSum", ["x", "axis1"], ["cumsum_rev"], reverse=1),
        node("CumSum", ["ix", "axis_m1"], ["cumsum_i64_excl"], exclusive=1),
        node("GatherND", ["x", "nd"], ["gathernd"]),
        node("GatherND", ["x", "nd_batch"], ["gathernd_batch"], batch_dims=1),
        node("GatherND", ["ix", "nd"], ["gathernd_i64"]),
        node("LessOrEqual", ["x", "z"], ["le"]),
        node("LessOrEqual", ["ix", "jx"], ["le_i64"]),
        node("Max", ["x", "y", "z"], ["max3"]),
        node("Max", ["ix", "jx"], ["max_i64"]),
        node("Max", ["x"], ["max1"]),
        const("mask", mask),
        node("CumSum", ["mask", "axis_m1"], ["folded_cumsum"]),
        const("rows", ints(1, 0, 1, 3).reshape(2, 2)),
        node("GatherND", ["folded_cumsum", "rows"], ["folded_gathernd"]),
        const("three", ints(3)),
        node("Max", ["folded_cumsum", "three", "mask"], ["folded_max"]),
        node("LessOrEqual", ["folded_cumsum", "three"], ["folded_le"]),
    ]
    folded = cumsum(mask, 1)
    outputs = [
        ("cumsum", cumsum(x, 1)),
        ("cumsum_excl_rev", cumsum(x, 2, exclusive=1, reverse=1)),
        ("cumsum_rev", cumsum(x, 1, reverse=1)),
        ("cumsum_i64_excl", cumsum(ix, 1, exclusive=1)),
        ("gathernd", gather_nd(x, nd)),
        ("gathernd_batch", gather_nd(x, nd_batch, 1)),
        ("gathernd_i64", gather_nd(ix, nd)),
        ("le", x <= z), ("le_i64", ix <= jx),
        ("max3", np.maximum(np.maximum(x, y), z)),
        ("max_i64", np.maximum(ix, jx)), ("max1", x),
        ("folded_cumsum", folded),
        ("folded_gathernd", gather_nd(folded, ints(1, 0, 1, 3).reshape(2, 2))),
        ("folded_max", np.maximum(np.maximum(folded, 3), mask)),
        ("folded_le", folded <= 3),
    ]
    return numeric(nodes, [("x", x), ("y", y), ("z", z), ("ix", ix),
                           ("jx", jx), ("nd", nd), ("nd_batch", nd_batch)],
                   outputs, opset=18)


# ---------------------------------------------------------------------------
# Initializer encodings and dtypes (initializers.mlir)
# ---------------------------------------------------------------------------

@model
def initializers(outdir):
    """Each dtype as raw_data and in its typed field, passed to an output."""
    f = [1.5, -2.25, 0.0]
    i = [3, -4, 0]
    b = [True, False, True]
    arrays = {
        "f32": f32(f), "f16": np.array(f, np.float16), "bf16": BF16(f),
        "f64": np.array(f, np.float64), "i64": np.array(i, np.int64),
        "i32": np.array(i, np.int32), "i16": np.array(i, np.int16),
        "i8": np.array(i, np.int8), "bool": np.array(b),
    }
    onnx_types = {"f32": FLOAT, "f16": FLOAT16, "bf16": BFLOAT16,
                  "f64": DOUBLE, "i64": INT64, "i32": INT32, "i16": INT16,
                  "i8": INT8, "bool": BOOL}
    inits, nodes, outputs = [], [], []
    for key, value in arrays.items():
        values = value.values if isinstance(value, BF16) else value
        # make_tensor without raw fills float_data, int32_data (fp16/bf16
        # bit patterns, narrow ints, bools), int64_data or double_data.
        typed = helper.make_tensor(f"{key}_typed", onnx_types[key], [3],
                                   values.tolist())
        inits += [tensor(f"{key}_raw", value), typed]
        for form in ("raw", "typed"):
            nodes.append(node("Identity", [f"{key}_{form}"],
                              [f"out_{key}_{form}"]))
            outputs.append((f"out_{key}_{form}", value))
    # A Constant node with a typed-field fp16 tensor.
    nodes.append(node("Constant", [], ["out_constant_f16"],
                      value=helper.make_tensor("c", FLOAT16, [2],
                                               [0.5, -1.0])))
    outputs.append(("out_constant_f16", np.array([0.5, -1.0], np.float16)))
    # A scalar initializer (dims = []).
    inits.append(tensor("scalar", f32(4.0)))
    nodes.append(node("Identity", ["scalar"], ["out_scalar"]))
    outputs.append(("out_scalar", f32(4.0)))
    return numeric(nodes, [], outputs, inits)


# ---------------------------------------------------------------------------
# External data (external-data.mlir)
# ---------------------------------------------------------------------------

def external(name, value, location, offset=None, length=None):
    """A TensorProto whose data lives in `location`; returns it and the
    bytes to store there."""
    proto = tensor(name, value)
    data = proto.raw_data
    proto.ClearField("raw_data")
    proto.data_location = TensorProto.EXTERNAL
    entries = [("location", location)]
    if offset is not None:
        entries.append(("offset", str(offset)))
    if length is not None:
        entries.append(("length", str(length)))
    for key, text in entries:
        entry = proto.external_data.add()
        entry.key, entry.value = key, text
    return proto, data


def external_weights():
    return f32([[1.0, 2.0, 3.0], [-4.0, 5.5, 0.25]]), ints(10, -20, 30)


def identity_model(inits, names):
    nodes = [node("Identity", [n], [f"out_{n}"]) for n in names]
    outputs = [io(f"out_{n}", init.data_type) for n, init in
               zip(names, inits)]
    return make(nodes, [], outputs, inits)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


@model
def external_single_file(outdir):
    """Both tensors in one file, the second at an aligned offset."""
    w, v = external_weights()
    w_proto, w_data = external("w", w, "external_single_file.data", 0,
                               len(w.tobytes()))
    v_proto, v_data = external("v", v, "external_single_file.data", 32,
                               len(v.tobytes()))
    write(os.path.join(outdir, "external_single_file.data"),
          w_data + b"\0" * (32 - len(w_data)) + v_data)
    return identity_model([w_proto, v_proto], ["w", "v"]), [], [w, v]


@model
def external_per_tensor(outdir):
    """One file per tensor in a subfolder, without offset and length."""
    w, v = external_weights()
    w_proto, w_data = external("w", w, "weights/w.bin")
    v_proto, v_data = external("v", v, "weights/v.bin")
    write(os.path.join(outdir, "weights", "w.bin"), w_data)
    write(os.path.join(outdir, "weights", "v.bin"), v_data)
    return identity_model([w_proto, v_proto], ["w", "v"]), [], [w, v]


def bad_location(outdir, name, location):
    w, _ = external_weights()
    write(os.path.join(outdir, "weights", f"{name}.data"), w.tobytes())
    proto, _ = external("w", w, location)
    return identity_model([proto], ["w"])


@model
def external_missing_file(outdir):
    w, _ = external_weights()
    proto, _ = external("w", w, "missing.data")
    return identity_model([proto], ["w"])


@model
def external_absolute_path(outdir):
    path = os.path.abspath(
        os.path.join(outdir, "weights", "external_absolute_path.data"))
    return bad_location(outdir, "external_absolute_path", path)


@model
def external_dotdot(outdir):
    # Stays inside the folder once resolved, but `..` is refused as such.
    return bad_location(outdir, "external_dotdot",
                        "weights/../weights/external_dotdot.data")


@model
def external_symlink(outdir):
    link = os.path.join(outdir, "external_symlink.data")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.join("weights", "external_symlink.data"), link)
    return bad_location(outdir, "external_symlink", "external_symlink.data")


@model
def external_symlink_folder(outdir):
    link = os.path.join(outdir, "linked_weights")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink("weights", link)
    return bad_location(outdir, "external_symlink_folder",
                        "linked_weights/external_symlink_folder.data")


@model
def external_out_of_bounds(outdir):
    w, _ = external_weights()
    write(os.path.join(outdir, "external_out_of_bounds.data"), w.tobytes())
    proto, _ = external("w", w, "external_out_of_bounds.data", 16, 24)
    return identity_model([proto], ["w"])


@model
def external_wrong_size(outdir):
    """The file holds 6 floats; the tensor claims 4."""
    w, _ = external_weights()
    write(os.path.join(outdir, "external_wrong_size.data"), w.tobytes())
    proto, _ = external("w", w, "external_wrong_size.data")
    del proto.dims[:]
    proto.dims.extend([4])
    return identity_model([proto], ["w"])


# ---------------------------------------------------------------------------
# Bad input (errors.mlir)
# ---------------------------------------------------------------------------

def one_node(op, inputs, init=(), outputs=("y",), opset=18, **attrs):
    """A model with one node named `bad_node`; `inputs` are (name, type,
    shape) graph inputs or names of `init`."""
    graph_inputs = [io(*i) for i in inputs if isinstance(i, tuple)]
    names = [i[0] if isinstance(i, tuple) else i for i in inputs]
    return make([node(op, names, list(outputs), name="bad_node", **attrs)],
                graph_inputs, [io(o, FLOAT) for o in outputs], init, opset)


@model
def error_cumsum_exclusive(outdir):
    return one_node("CumSum", [("x", FLOAT, [2, 3]), "axis"],
                    [tensor("axis", ints(1)[0])], exclusive=2)


@model
def error_gathernd_batch_dims(outdir):
    return one_node("GatherND", [("x", FLOAT, [2, 3]), "idx"],
                    [tensor("idx", ints(0, 1).reshape(1, 2))], batch_dims=2)


@model
def error_corrupt(outdir):
    # Field 0x1fffffff with the invalid wire type 7: no protobuf parses it.
    write(os.path.join(outdir, "error_corrupt.onnx"), b"\xff" * 16)


@model
def error_truncated(outdir):
    m = make([node("Identity", ["w"], ["y"])], [], [io("y", FLOAT)],
             [tensor("w", np.zeros(1024, np.float32))])
    data = m.SerializeToString()
    write(os.path.join(outdir, "error_truncated.onnx"), data[:len(data) // 2])


@model
def error_unsupported_op(outdir):
    return one_node("Foo", [("x", FLOAT, [2])])


@model
def error_custom_domain(outdir):
    return one_node("Bar", [("x", FLOAT, [2])], domain="com.example")


@model
def error_op_too_new(outdir):
    """Trilu exists from opset 14."""
    return one_node("Trilu", [("x", FLOAT, [2, 2])], opset=13)


@model
def error_opset_19(outdir):
    return one_node("Identity", [("x", FLOAT, [2])], opset=19)


@model
def error_opset_10(outdir):
    return one_node("Identity", [("x", FLOAT, [2])], opset=10)


@model
def error_uint8_input(outdir):
    return one_node("Identity", [("x", UINT8, [2])])


@model
def error_string_initializer(outdir):
    return one_node("Identity", ["s"], [helper.make_tensor(
        "s", TensorProto.STRING, [1], [b"text"])])


@model
def error_bad_raw_size(outdir):
    """raw_data of 3 floats for a tensor of 4."""
    w = tensor("w", np.zeros(3, np.float32))
    w.dims[:] = [4]
    return one_node("Identity", ["w"], [w])


@model
def error_matmul_mismatch(outdir):
    return one_node("MatMul", [("x", FLOAT, [2, 3]), "w"],
                    [tensor("w", np.zeros((4, 5), np.float32))])


@model
def error_broadcast(outdir):
    return one_node("Add", [("a", FLOAT, [2, 3]), ("b", FLOAT, [4])])


@model
def error_element_types(outdir):
    return one_node("Add", [("a", FLOAT, [2]), ("b", FLOAT16, [2])])


@model
def error_float_only(outdir):
    return one_node("Sqrt", [("i", INT64, [2])])


@model
def error_concat_rank(outdir):
    return one_node("Concat", [("a", FLOAT, [2, 3]), ("b", FLOAT, [2])],
                    axis=0)


@model
def error_axis_range(outdir):
    return one_node("Softmax", [("x", FLOAT, [2, 3])], axis=2)


@model
def error_reshape_dynamic(outdir):
    """The target shape is a graph input, not known at import time."""
    return one_node("Reshape", [("x", FLOAT, [6]), ("shape", INT64, [2])])


@model
def error_reshape_count(outdir):
    return one_node("Reshape", [("x", FLOAT, [6]), "shape"],
                    [tensor("shape", ints(4, -1))])


@model
def error_gather_range(outdir):
    return one_node("Gather", [("x", FLOAT, [3]), "index"],
                    [tensor("index", ints(3))])


@model
def error_squeeze(outdir):
    return one_node("Squeeze", [("x", FLOAT, [2, 3]), "axes"],
                    [tensor("axes", ints(0))])


@model
def error_dropout_training(outdir):
    return one_node("Dropout", [("x", FLOAT, [2]), "ratio", "training"],
                    [tensor("ratio", f32(0.5)),
                     tensor("training", np.array(True))])


@model
def error_attribute_type(outdir):
    return one_node("Concat", [("a", FLOAT, [2]), ("b", FLOAT, [2])],
                    axis=0.5)


@model
def error_undefined_input(outdir):
    return one_node("Identity", ["nowhere"])


@model
def error_redefined_value(outdir):
    nodes = [node("Identity", ["x"], ["y"], name="first"),
             node("Neg", ["x"], ["y"], name="second")]
    return make(nodes, [io("x", FLOAT, [2])], [io("y", FLOAT)])


@model
def error_output_type(outdir):
    """The declared output shape contradicts the computed one."""
    return make([node("Identity", ["x"], ["y"])], [io("x", FLOAT, [2])],
                [io("y", FLOAT, [3])])


# Shapes computed from the model's data whose element count overflows
# int64. They used to wrap around below the import-time evaluation limit:
# Expand of a constant to 2^64 elements made a constant with no values
# (an invalid attribute), to 2^63 elements an evaluation that never ended.
@model
def error_huge_expand(outdir):
    return make([node("Expand", ["c", "shape"], ["y"])], [],
                [io("y", INT64)],
                [tensor("c", ints(7)), tensor("shape", ints(2**32, 2**32))])


@model
def error_huge_expand_fold(outdir):
    return make([node("Expand", ["c", "shape"], ["y"])], [],
                [io("y", INT64)],
                [tensor("c", ints(7)), tensor("shape", ints(2**31, 2**32))])


@model
def error_huge_constant_of_shape(outdir):
    return make([node("ConstantOfShape", ["shape"], ["y"])], [],
                [io("y", FLOAT)], [tensor("shape", ints(2**32, 2**32))])


@model
def error_huge_reshape(outdir):
    return one_node("Reshape", [("x", FLOAT, [4]), "shape"],
                    [tensor("shape", ints(2**32, 2**32, 4))])


@model
def error_dynamic_input(outdir):
    return make([node("Identity", ["x"], ["y"])],
                [io("x", FLOAT, ["batch", 4])], [io("y", FLOAT)])


# ---------------------------------------------------------------------------
# With fpx-quantize-weights (quantize-weights.mlir)
# ---------------------------------------------------------------------------

@model
def tiny_lm(outdir):
    """fc (weight [K, N], as MatMul stores it) + bias, SiLU, then lm_head
    (weight [N, K], through Transpose, as torch's exporter emits Linear)."""
    g = rng(9)
    x = uniform(g, (1, 4, 8))
    w = uniform(g, (8, 16), -0.5, 0.5)
    bias = uniform(g, (16,), -0.25, 0.25)
    lm = uniform(g, (10, 16), -0.5, 0.5)
    nodes = [
        node("MatMul", ["x", "model.fc.weight"], ["fc_mm"],
             name="node_MatMul_0"),
        node("Add", ["fc_mm", "model.fc.bias"], ["fc"], name="node_Add_1"),
        node("Sigmoid", ["fc"], ["gate"], name="node_Sigmoid_2"),
        node("Mul", ["fc", "gate"], ["act"], name="node_Mul_3"),
        node("Transpose", ["lm_head.weight"], ["lm_t"], perm=[1, 0],
             name="node_Transpose_4"),
        node("MatMul", ["act", "lm_t"], ["logits"], name="node_MatMul_5"),
    ]
    h = x.astype(np.float64) @ w + bias
    logits = (h * sigmoid(h)) @ lm.T.astype(np.float64)
    return numeric(nodes, [("x", x)], [("logits", f32(logits))],
                   [tensor("model.fc.weight", w),
                    tensor("model.fc.bias", bias),
                    tensor("lm_head.weight", lm)])


# ---------------------------------------------------------------------------
# Decoder models in the style of torch's dynamo exporter (decoders.mlir)
# ---------------------------------------------------------------------------

class GraphBuilder:
    """Builds a graph the way torch's exporter names it: node_<Op>_<n>
    nodes, val_<n> values, Constant nodes for scalars and shapes."""

    def __init__(self):
        self.nodes, self.inits, self.count = [], [], 0

    def op(self, op_type, *inputs, outputs=1, **attrs):
        self.count += 1
        names = [f"val_{self.count}_{i}" for i in range(outputs)]
        self.nodes.append(helper.make_node(
            op_type, list(inputs), names, name=f"node_{op_type}_{self.count}",
            **attrs))
        return names[0] if outputs == 1 else names

    def const(self, value):
        self.count += 1
        name = f"val_{self.count}"
        self.nodes.append(helper.make_node(
            "Constant", [], [name], name=f"node_Constant_{self.count}",
            value=tensor(name, value)))
        return name

    def weight(self, name, value):
        self.inits.append(tensor(name, value))
        return name

    def linear(self, x, name, weight):
        """torch Linear without bias: MatMul(x, Transpose(W))."""
        w = self.weight(name, weight)
        return self.op("MatMul", x, self.op("Transpose", w, perm=[1, 0]))

    def dims(self, x):
        """batch and seq of x as 1-D int64 tensors, from Shape(x)."""
        shape = self.op("Shape", x)
        zero, one = self.const(ints(0)[0]), self.const(ints(1)[0])
        axes = self.const(ints(0))
        batch = self.op("Unsqueeze", self.op("Gather", shape, zero), axes)
        seq = self.op("Unsqueeze", self.op("Gather", shape, one), axes)
        return batch, seq

    def split_heads(self, x, batch, seq, heads, head_dim):
        """[b, s, h * d] -> [b, h, s, d]."""
        shape = self.op("Concat", batch, seq, self.const(ints(heads, head_dim)),
                        axis=0)
        return self.op("Transpose", self.op("Reshape", x, shape),
                       perm=[0, 2, 1, 3])

    def merge_heads(self, x, batch, seq):
        shape = self.op("Concat", batch, seq, self.const(ints(-1)), axis=0)
        return self.op("Reshape", self.op("Transpose", x, perm=[0, 2, 1, 3]),
                       shape)

    def positions(self, x):
        """Range(0, seq) as int64, from Shape(x)."""
        shape = self.op("Shape", x)
        seq = self.op("Gather", shape, self.const(ints(1)[0]))
        return self.op("Range", self.const(ints(0)[0]), seq,
                       self.const(ints(1)[0]))

    def model(self, inputs, output):
        """The model whose output `logits` is `output`, the last node's."""
        assert self.nodes[-1].output[0] == output
        self.nodes[-1].output[0] = "logits"
        return make(self.nodes, inputs, [io("logits", FLOAT)], self.inits)


def rms_norm(x, w):
    return w * x / np.sqrt((x * x).mean(-1, keepdims=True) + 1e-6)


def causal_softmax(scores):
    s = scores.shape[-1]
    scores = np.where(np.tril(np.ones((s, s), bool)), scores, -np.inf)
    return softmax(scores, -1)


LLAMA = dict(vocab=20, hidden=16, heads=2, head_dim=8, ffn=32)


def llama_weights():
    g = rng(10)
    h, f, v = LLAMA["hidden"], LLAMA["ffn"], LLAMA["vocab"]
    w = {"model.embed_tokens.weight": uniform(g, (v, h)),
         "model.norm.weight": uniform(g, (h,), 0.5, 1.5),
         "lm_head.weight": uniform(g, (v, h), -0.5, 0.5)}
    p = "model.layers.0."
    w[p + "input_layernorm.weight"] = uniform(g, (h,), 0.5, 1.5)
    w[p + "post_attention_layernorm.weight"] = uniform(g, (h,), 0.5, 1.5)
    for name in ("q_proj", "k_proj", "v_proj", "o_proj"):
        w[p + f"self_attn.{name}.weight"] = uniform(g, (h, h), -0.5, 0.5)
    w[p + "mlp.gate_proj.weight"] = uniform(g, (f, h), -0.5, 0.5)
    w[p + "mlp.up_proj.weight"] = uniform(g, (f, h), -0.5, 0.5)
    w[p + "mlp.down_proj.weight"] = uniform(g, (h, f), -0.5, 0.5)
    d = LLAMA["head_dim"]
    w["inv_freq"] = f32(1.0 / 10000 ** (np.arange(0, d, 2) / d))
    return w


def llama_reference(ids, w):
    h, n, d = LLAMA["hidden"], LLAMA["heads"], LLAMA["head_dim"]
    w = {k: v.astype(np.float64) for k, v in w.items()}
    p = "model.layers.0."
    b, s = ids.shape
    x = w["model.embed_tokens.weight"][ids]
    freqs = np.outer(np.arange(s), w["inv_freq"])
    emb = np.concatenate([freqs, freqs], -1)
    cos, sin = np.cos(emb), np.sin(emb)

    def rotate(t):
        return t * cos + np.concatenate([-t[..., d // 2:], t[..., :d // 2]],
                                        -1) * sin

    def heads(t):
        return t.reshape(b, s, n, d).transpose(0, 2, 1, 3)

    a = rms_norm(x, w[p + "input_layernorm.weight"])
    q = rotate(heads(a @ w[p + "self_attn.q_proj.weight"].T))
    k = rotate(heads(a @ w[p + "self_attn.k_proj.weight"].T))
    v = heads(a @ w[p + "self_attn.v_proj.weight"].T)
    probs = causal_softmax(q @ k.transpose(0, 1, 3, 2) / np.sqrt(d))
    attn = (probs @ v).transpose(0, 2, 1, 3).reshape(b, s, h)
    x = x + attn @ w[p + "self_attn.o_proj.weight"].T
    m = rms_norm(x, w[p + "post_attention_layernorm.weight"])
    gate = m @ w[p + "mlp.gate_proj.weight"].T
    up = m @ w[p + "mlp.up_proj.weight"].T
    x = x + (gate * sigmoid(gate) * up) @ w[p + "mlp.down_proj.weight"].T
    return rms_norm(x, w["model.norm.weight"]) @ w["lm_head.weight"].T


@model
def llama(outdir):
    """A one-layer LLaMA: RMSNorm, rotary embeddings, causal attention
    (bool mask from Trilu, Where), SiLU MLP, untied lm_head."""
    w = llama_weights()
    n, d = LLAMA["heads"], LLAMA["head_dim"]
    g = GraphBuilder()
    p = "model.layers.0."

    def rms(x, name):
        two = g.const(f32(2.0))
        var = g.op("ReduceMean", g.op("Pow", x, two), g.const(ints(-1)))
        eps = g.const(f32(1e-6))
        inv = g.op("Reciprocal", g.op("Sqrt", g.op("Add", var, eps)))
        return g.op("Mul", g.weight(name, w[name]), g.op("Mul", x, inv))

    x = g.op("Gather", g.weight("model.embed_tokens.weight",
                                w["model.embed_tokens.weight"]), "input_ids")
    batch, seq = g.dims("input_ids")
    # Rotary tables: inv_freq [1, d/2, 1] x positions [1, 1, s].
    positions = g.op("Cast", g.positions("input_ids"), to=FLOAT)
    inv_freq = g.op("Unsqueeze", g.weight("inv_freq", w["inv_freq"]),
                    g.const(ints(0, 2)))
    pos = g.op("Unsqueeze", positions, g.const(ints(0, 1)))
    freqs = g.op("Transpose", g.op("MatMul", inv_freq, pos), perm=[0, 2, 1])
    emb = g.op("Concat", freqs, freqs, axis=-1)
    cos = g.op("Unsqueeze", g.op("Cos", emb), g.const(ints(1)))
    sin = g.op("Unsqueeze", g.op("Sin", emb), g.const(ints(1)))

    def rotate(t):
        last = g.const(ints(-1))
        first = g.op("Slice", t, g.const(ints(0)), g.const(ints(d // 2)),
                     last)
        second = g.op("Slice", t, g.const(ints(d // 2)),
                      g.const(ints(INT64_MAX)), last)
        rotated = g.op("Concat", g.op("Neg", second), first, axis=-1)
        return g.op("Add", g.op("Mul", t, cos), g.op("Mul", rotated, sin))

    a = rms(x, p + "input_layernorm.weight")
    q = rotate(g.split_heads(g.linear(a, p + "self_attn.q_proj.weight",
                                      w[p + "self_attn.q_proj.weight"]),
                             batch, seq, n, d))
    k = rotate(g.split_heads(g.linear(a, p + "self_attn.k_proj.weight",
                                      w[p + "self_attn.k_proj.weight"]),
                             batch, seq, n, d))
    v = g.split_heads(g.linear(a, p + "self_attn.v_proj.weight",
                               w[p + "self_attn.v_proj.weight"]),
                      batch, seq, n, d)
    scores = g.op("Div", g.op("MatMul", q, g.op("Transpose", k,
                                                perm=[0, 1, 3, 2])),
                  g.const(f32(math.sqrt(d))))
    ones = g.op("ConstantOfShape", g.op("Concat", seq, seq, axis=0),
                value=tensor("v", np.array([True])))
    causal = g.op("Trilu", ones, upper=0)
    masked = g.op("Where", causal, scores, g.const(f32(-np.inf)))
    attn = g.op("MatMul", g.op("Softmax", masked, axis=-1), v)
    x = g.op("Add", x, g.linear(g.merge_heads(attn, batch, seq),
                                p + "self_attn.o_proj.weight",
                                w[p + "self_attn.o_proj.weight"]))
    m = rms(x, p + "post_attention_layernorm.weight")
    gate = g.linear(m, p + "mlp.gate_proj.weight", w[p + "mlp.gate_proj.weight"])
    up = g.linear(m, p + "mlp.up_proj.weight", w[p + "mlp.up_proj.weight"])
    silu = g.op("Mul", gate, g.op("Sigmoid", gate))
    down = g.linear(g.op("Mul", silu, up), p + "mlp.down_proj.weight",
                    w[p + "mlp.down_proj.weight"])
    x = g.op("Add", x, down)
    logits = g.linear(rms(x, "model.norm.weight"), "lm_head.weight",
                      w["lm_head.weight"])
    m = g.model([io("input_ids", INT64, ["batch", "sequence_length"])],
                logits)
    ids = ints(1, 5, 19, 0, 7, 3, 12, 8).reshape(2, 4)
    return m, [ids], [f32(llama_reference(ids, w))]


GPT2 = dict(vocab=20, hidden=16, heads=2, head_dim=8, positions=8)


def gpt2_weights():
    g = rng(11)
    h, v = GPT2["hidden"], GPT2["vocab"]
    w = {"transformer.wte.weight": uniform(g, (v, h)),
         "transformer.wpe.weight": uniform(g, (GPT2["positions"], h)),
         "transformer.ln_f.weight": uniform(g, (h,), 0.5, 1.5),
         "transformer.ln_f.bias": uniform(g, (h,), -0.25, 0.25)}
    p = "transformer.h.0."
    for ln in ("ln_1", "ln_2"):
        w[p + ln + ".weight"] = uniform(g, (h,), 0.5, 1.5)
        w[p + ln + ".bias"] = uniform(g, (h,), -0.25, 0.25)
    # Conv1D weights are [in, out].
    for name, (k, n) in {"attn.c_attn": (h, 3 * h), "attn.c_proj": (h, h),
                         "mlp.c_fc": (h, 4 * h),
                         "mlp.c_proj": (4 * h, h)}.items():
        w[p + name + ".weight"] = uniform(g, (k, n), -0.5, 0.5)
        w[p + name + ".bias"] = uniform(g, (n,), -0.25, 0.25)
    positions = GPT2["positions"]
    w[p + "attn.bias"] = np.tril(np.ones((positions, positions), bool))[
        None, None]
    return w


def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) *
                                  (x + 0.044715 * x ** 3)))


def gpt2_reference(ids, w):
    h, n, d = GPT2["hidden"], GPT2["heads"], GPT2["head_dim"]
    w = {k: v.astype(np.float64) for k, v in w.items()}
    p = "transformer.h.0."
    b, s = ids.shape
    x = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][
        np.arange(s)]

    def ln(t, name):
        return layer_norm(t, w[name + ".weight"], w[name + ".bias"], -1)[0]

    def conv1d(t, name):
        return t @ w[name + ".weight"] + w[name + ".bias"]

    def heads(t):
        return t.reshape(b, s, n, d).transpose(0, 2, 1, 3)

    qkv = conv1d(ln(x, p + "ln_1"), p + "attn.c_attn")
    q, k, v = (heads(t) for t in np.split(qkv, 3, axis=-1))
    probs = causal_softmax(q @ k.transpose(0, 1, 3, 2) / np.sqrt(d))
    attn = (probs @ v).transpose(0, 2, 1, 3).reshape(b, s, h)
    x = x + conv1d(attn, p + "attn.c_proj")
    m = gelu_tanh(conv1d(ln(x, p + "ln_2"), p + "mlp.c_fc"))
    x = x + conv1d(m, p + "mlp.c_proj")
    return ln(x, "transformer.ln_f") @ w["transformer.wte.weight"].T


@model
def gpt2(outdir):
    """A one-layer GPT-2: LayerNormalization, Conv1D as Gemm on flattened
    rows, Split of qkv, causal mask sliced from a bool buffer, tanh GELU,
    lm_head tied to the token embedding."""
    w = gpt2_weights()
    n, d = GPT2["heads"], GPT2["head_dim"]
    g = GraphBuilder()
    p = "transformer.h.0."

    def ln(x, name):
        return g.op("LayerNormalization", x,
                    g.weight(name + ".weight", w[name + ".weight"]),
                    g.weight(name + ".bias", w[name + ".bias"]), axis=-1,
                    epsilon=1e-5)

    def conv1d(x, name):
        """HF Conv1D: addmm(bias, x.view(-1, in), W).view(..., out)."""
        weight = w[name + ".weight"]
        rows = g.op("Reshape", x, g.const(ints(-1, weight.shape[0])))
        y = g.op("Gemm", rows, g.weight(name + ".weight", weight),
                 g.weight(name + ".bias", w[name + ".bias"]))
        shape = g.op("Concat", g.op("Slice", g.op("Shape", x),
                                    g.const(ints(0)), g.const(ints(-1))),
                     g.const(ints(weight.shape[1])), axis=0)
        return g.op("Reshape", y, shape)

    wte = g.weight("transformer.wte.weight", w["transformer.wte.weight"])
    positions = g.positions("input_ids")
    x = g.op("Add", g.op("Gather", wte, "input_ids"),
             g.op("Gather", g.weight("transformer.wpe.weight",
                                     w["transformer.wpe.weight"]), positions))
    batch, seq = g.dims("input_ids")
    qkv = conv1d(ln(x, p + "ln_1"), p + "attn.c_attn")
    q, k, v = (g.split_heads(t, batch, seq, n, d) for t in
               g.op("Split", qkv, axis=2, num_outputs=3, outputs=3))
    scores = g.op("Div", g.op("MatMul", q, g.op("Transpose", k,
                                                perm=[0, 1, 3, 2])),
                  g.op("Sqrt", g.const(f32(d))))
    # bias[:, :, 0:seq, 0:seq], as HF slices its causal buffer.
    zeros = g.const(ints(0, 0))
    mask = g.op("Slice", g.weight(p + "attn.bias", w[p + "attn.bias"]),
                zeros, g.op("Concat", seq, seq, axis=0), g.const(ints(2, 3)))
    lowest = g.const(f32(np.finfo(np.float32).min))
    probs = g.op("Softmax", g.op("Where", mask, scores, lowest), axis=-1)
    x = g.op("Add", x, conv1d(g.merge_heads(g.op("MatMul", probs, v), batch,
                                            seq), p + "attn.c_proj"))
    fc = conv1d(ln(x, p + "ln_2"), p + "mlp.c_fc")
    cube = g.op("Pow", fc, g.const(f32(3.0)))
    inner = g.op("Mul", g.op("Add", fc, g.op("Mul", cube,
                                             g.const(f32(0.044715)))),
                 g.const(f32(math.sqrt(2 / math.pi))))
    gelu = g.op("Mul", g.op("Mul", fc, g.const(f32(0.5))),
                g.op("Add", g.op("Tanh", inner), g.const(f32(1.0))))
    x = g.op("Add", x, conv1d(gelu, p + "mlp.c_proj"))
    logits = g.op("MatMul", ln(x, "transformer.ln_f"),
                  g.op("Transpose", wte, perm=[1, 0]))
    m = g.model([io("input_ids", INT64, ["batch", "sequence_length"])],
                logits)
    ids = ints(4, 0, 17, 9, 2, 11).reshape(2, 3)
    return m, [ids], [f32(gpt2_reference(ids, w))]


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        print("\n".join(MODELS))
        return 0
    if len(argv) < 3 or any(name not in MODELS for name in argv[2:]):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        print("models: " + " ".join(MODELS), file=sys.stderr)
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    for name in argv[2:]:
        result = MODELS[name](outdir)
        if result is None:  # the builder wrote its own file
            continue
        if isinstance(result, tuple):
            result, inputs, outputs = result
            save_data(os.path.join(outdir, f"{name}-data"), inputs, outputs)
        onnx.save(result, os.path.join(outdir, f"{name}.onnx"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
