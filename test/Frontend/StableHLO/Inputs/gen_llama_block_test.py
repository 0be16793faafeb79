#!/usr/bin/env python3
"""Writes the LLaMA-style block tests of the StableHLO frontend.

Outputs, next to this script's parent directory:
  Inputs/llama_block_jax.mlir  the block exactly as `jax.jit(f).lower(ids)
                               .as_text()` prints it (entry @main);
  llama-block-cpu.mlir         the same functions with the entry renamed
                               @llama_block, a @main that runs it on the CPU
                               and prints max |y - reference|, and the
                               reference computed here in double precision.

The block: embedding lookup (gather, with JAX's negative-index fix-up),
RMSNorm, q/k/v projections, rotary embedding (iota, cos, sin, slice,
concatenate), causal attention with softmax (reduce max and sum), output
projection, residual, RMSNorm, SwiGLU MLP (SiLU through logistic), residual.
Weights are multiples of 1/32 or 1/64, exact in f32 and printed by MLIR
in 7 digits. Only the standard
library is used. Run it from anywhere after changing the block:

    python3 test/Frontend/StableHLO/Inputs/gen_llama_block_test.py
"""

import math
import os
import struct

S, D, H, DH, F, V = 4, 8, 2, 4, 16, 16  # tokens, hidden, heads, head dim, MLP, vocab
EPS = 1e-5
TOKEN_IDS = [3, -1, 7, 0]  # -1 is the last row, as in NumPy indexing


def f32(x):
    """Rounds a Python float to the nearest float32."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


class Lcg:
    """Deterministic weights without NumPy."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * 1103515245 + 12345) % (1 << 31)
        return (self.state >> 16) % 64 - 32


def matrix(rng, rows, cols, denominator):
    return [[rng.next() / denominator for _ in range(cols)] for _ in range(rows)]


def norm_weight(rng):
    return [1 + (rng.next() % 8 - 4) / 32 for _ in range(D)]


rng = Lcg(2026)
EMBED = matrix(rng, V, D, 32)            # [vocab, hidden]
ATTN_NORM = norm_weight(rng)
WQ = matrix(rng, D, D, 64)              # [in, out]: x @ W
WK = matrix(rng, D, D, 64)
WV = matrix(rng, D, D, 64)
WO = matrix(rng, D, D, 64)              # [out, in]: x @ W.T
MLP_NORM = norm_weight(rng)
W_GATE = matrix(rng, D, F, 64)          # [in, out]
W_UP = matrix(rng, D, F, 64)
W_DOWN = matrix(rng, D, F, 64)          # [out, in]
INV_FREQ = [f32(1.0 / 10000 ** (2 * i / DH)) for i in range(DH // 2)]
# MLIR's text for f32(1e-5) and the rotary frequencies (more than 6 digits).
EPS_TEXT = "9.99999974E-6"
INV_FREQ_TEXT = "dense<[1.000000e+00, 0.00999999977]> : tensor<2xf32>"


# --- Reference, double precision -----------------------------------------

def matmul(x, w, transposed=False):
    """x [m, k] times w [k, n], or w [n, k] when transposed."""
    if transposed:
        return [[sum(a * b for a, b in zip(row, col)) for col in w] for row in x]
    cols = list(zip(*w))
    return [[sum(a * b for a, b in zip(row, col)) for col in cols] for row in x]


def rms_norm(x, weight):
    out = []
    for row in x:
        scale = 1 / math.sqrt(sum(v * v for v in row) / len(row) + f32(EPS))
        out.append([v * scale * g for v, g in zip(row, weight)])
    return out


def rope(x):
    """x [S, H, DH]; rotate_half convention (HF LLaMA)."""
    out = []
    for pos, heads in enumerate(x):
        angles = [pos * f for f in INV_FREQ] * 2
        cos = [math.cos(a) for a in angles]
        sin = [math.sin(a) for a in angles]
        new_heads = []
        for h in heads:
            half = DH // 2
            rotated = [-v for v in h[half:]] + h[:half]
            new_heads.append([h[i] * cos[i] + rotated[i] * sin[i] for i in range(DH)])
        out.append(new_heads)
    return out


def split_heads(x):
    return [[row[h * DH:(h + 1) * DH] for h in range(H)] for row in x]


def silu(v):
    return v / (1 + math.exp(-v))


# FP6 (e3m2) and FP4 (e2m1) as --fpx-quantize-weights applies them: one fp16
# scale per output channel, round to nearest (ties to an even mantissa),
# dequantized in f32. The scale is FPX's search (docs/Numerics.md): of
# absmax / largest code * (16 + i) / 16, i = 0..15, each rounded to fp16,
# the first whose codes have the least squared error.
FORMATS = {"fp6": (3, 2), "fp4": (2, 1)}


def grid(exp_bits, man_bits):
    """Code magnitudes, index = magnitude code (even index = even mantissa)."""
    bias = (1 << (exp_bits - 1)) - 1
    values = []
    for e in range(1 << exp_bits):
        for m in range(1 << man_bits):
            frac = m / (1 << man_bits)
            values.append(frac * 2.0 ** (1 - bias) if e == 0
                          else (1 + frac) * 2.0 ** (e - bias))
    return values


def f16(x):
    return struct.unpack("<e", struct.pack("<e", x))[0]


def nearest(x, values):
    """The grid value nearest to |x|, ties to the even index."""
    code = min(range(len(values)),
               key=lambda i: (abs(values[i] - abs(x)), i % 2))
    return values[code]


def channel_scale(channel, values):
    absmax = max(abs(v) for v in channel)
    if absmax == 0:
        return 1.0
    best, best_error = None, None
    for i in range(16):
        scale = f16(absmax * (16 + i) / (16 * values[-1])) or 2.0 ** -24
        error = sum((nearest(v / scale, values) * scale - abs(v)) ** 2
                    for v in channel)
        if best is None or error < best_error:
            best, best_error = scale, error
    return best


def quantize_channels(channels, fmt):
    values = grid(*FORMATS[fmt])
    out = []
    for channel in channels:
        scale = channel_scale(channel, values)
        out.append([f32(math.copysign(nearest(v / scale, values), v) * scale)
                    for v in channel])
    return out


def weights(fmt):
    """The projection weights as the quantized program sees them."""
    def in_out(w):  # [in, out]: channels are columns
        if fmt is None:
            return w
        return [list(r) for r in zip(*quantize_channels([list(c) for c in zip(*w)], fmt))]

    def out_in(w):  # [out, in]: channels are rows
        return w if fmt is None else quantize_channels(w, fmt)

    return (in_out(WQ), in_out(WK), in_out(WV), out_in(WO), in_out(W_GATE),
            in_out(W_UP), out_in(W_DOWN))


def reference(fmt=None):
    wq, wk, wv, wo, w_gate, w_up, w_down = weights(fmt)
    x = [EMBED[i % V] for i in TOKEN_IDS]
    h = rms_norm(x, ATTN_NORM)
    q = rope(split_heads(matmul(h, wq)))
    k = rope(split_heads(matmul(h, wk)))
    v = split_heads(matmul(h, wv))
    attn = [[0.0] * D for _ in range(S)]
    for head in range(H):
        for i in range(S):
            scores = [sum(a * b for a, b in zip(q[i][head], k[j][head])) * 0.5
                      for j in range(i + 1)]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            for d in range(DH):
                attn[i][head * DH + d] = sum(
                    e / total * v[j][head][d] for j, e in enumerate(exps))
    x = [[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(x, matmul(attn, wo, True))]
    h = rms_norm(x, MLP_NORM)
    gate = matmul(h, w_gate)
    up = matmul(h, w_up)
    act = [[silu(g) * u for g, u in zip(gr, ur)] for gr, ur in zip(gate, up)]
    down = matmul(act, w_down, True)
    return [[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(x, down)]


# --- MLIR text, as MLIR's printer writes it --------------------------------

def mlir_float(x):
    """A float32 as MLIR prints it when 6 significant digits hold it exactly
    (every weight here is chosen so); other values need hand-written text."""
    if float("%.5e" % x) != x:
        raise ValueError("%r needs more than 6 significant digits" % x)
    return "%.6e" % x


def reference_float(x):
    return "%.9e" % f32(x)


def dense(values, shape, fmt=mlir_float):
    """dense<...> : tensor<...>, in hex above 100 elements as MLIR prints."""
    flat = [v for row in values for v in row] if isinstance(values[0], list) else values
    type_ = "tensor<%sxf32>" % "x".join(str(d) for d in shape)
    if len(flat) > 100:
        data = b"".join(struct.pack("<f", v) for v in flat)
        return 'dense<"0x%s"> : %s' % (data.hex().upper(), type_)
    if isinstance(values[0], list):
        body = ", ".join("[%s]" % ", ".join(fmt(v) for v in row) for row in values)
        return "dense<[%s]> : %s" % (body, type_)
    return "dense<[%s]> : %s" % (", ".join(fmt(v) for v in flat), type_)


def program(entry):
    """The JAX-printed module; `entry` names the public function."""
    return f"""module @jit_llama_block attributes {{mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32}} {{
  func.func public @{entry}(%arg0: tensor<4xi32> {{mhlo.sharding = "{{replicated}}"}}) -> (tensor<4x8xf32> {{jax.result_info = ""}}) {{
    %cst = stablehlo.constant {dense(EMBED, [V, D])}
    %cst_0 = stablehlo.constant {dense(ATTN_NORM, [D])}
    %cst_1 = stablehlo.constant {dense(WQ, [D, D])}
    %cst_2 = stablehlo.constant {dense(WK, [D, D])}
    %cst_3 = stablehlo.constant {dense(WV, [D, D])}
    %cst_4 = stablehlo.constant {dense(WO, [D, D])}
    %cst_5 = stablehlo.constant {dense(MLP_NORM, [D])}
    %cst_6 = stablehlo.constant {dense(W_GATE, [D, F])}
    %cst_7 = stablehlo.constant {dense(W_UP, [D, F])}
    %cst_8 = stablehlo.constant {dense(W_DOWN, [D, F])}
    %c = stablehlo.constant dense<0> : tensor<i32>
    %0 = stablehlo.broadcast_in_dim %c, dims = [] : (tensor<i32>) -> tensor<4xi32>
    %1 = stablehlo.compare LT, %arg0, %0, SIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
    %c_9 = stablehlo.constant dense<16> : tensor<i32>
    %2 = stablehlo.broadcast_in_dim %c_9, dims = [] : (tensor<i32>) -> tensor<4xi32>
    %3 = stablehlo.add %arg0, %2 : tensor<4xi32>
    %4 = stablehlo.select %1, %3, %arg0 : tensor<4xi1>, tensor<4xi32>
    %5 = stablehlo.broadcast_in_dim %4, dims = [0] : (tensor<4xi32>) -> tensor<4x1xi32>
    %6 = "stablehlo.gather"(%cst, %5) <{{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 8>}}> : (tensor<16x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
    %7 = call @rms_norm(%6, %cst_0) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
    %8 = stablehlo.dot_general %7, %cst_1, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
    %9 = stablehlo.dot_general %7, %cst_2, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
    %10 = stablehlo.dot_general %7, %cst_3, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
    %11 = stablehlo.reshape %8 : (tensor<4x8xf32>) -> tensor<4x2x4xf32>
    %12 = stablehlo.reshape %9 : (tensor<4x8xf32>) -> tensor<4x2x4xf32>
    %13 = stablehlo.reshape %10 : (tensor<4x8xf32>) -> tensor<4x2x4xf32>
    %14 = call @rope(%11) : (tensor<4x2x4xf32>) -> tensor<4x2x4xf32>
    %15 = call @rope(%12) : (tensor<4x2x4xf32>) -> tensor<4x2x4xf32>
    %16 = stablehlo.dot_general %14, %15, batching_dims = [1] x [1], contracting_dims = [2] x [2], precision = [DEFAULT, DEFAULT] : (tensor<4x2x4xf32>, tensor<4x2x4xf32>) -> tensor<2x4x4xf32>
    %cst_10 = stablehlo.constant dense<5.000000e-01> : tensor<f32>
    %17 = stablehlo.broadcast_in_dim %cst_10, dims = [] : (tensor<f32>) -> tensor<2x4x4xf32>
    %18 = stablehlo.multiply %16, %17 : tensor<2x4x4xf32>
    %19 = stablehlo.iota dim = 0 : tensor<4x4xi32>
    %20 = stablehlo.iota dim = 1 : tensor<4x4xi32>
    %21 = stablehlo.compare GE, %19, %20, SIGNED : (tensor<4x4xi32>, tensor<4x4xi32>) -> tensor<4x4xi1>
    %22 = stablehlo.broadcast_in_dim %21, dims = [1, 2] : (tensor<4x4xi1>) -> tensor<2x4x4xi1>
    %cst_11 = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %23 = stablehlo.broadcast_in_dim %cst_11, dims = [] : (tensor<f32>) -> tensor<2x4x4xf32>
    %24 = stablehlo.select %22, %18, %23 : tensor<2x4x4xi1>, tensor<2x4x4xf32>
    %25 = call @softmax(%24) : (tensor<2x4x4xf32>) -> tensor<2x4x4xf32>
    %26 = stablehlo.dot_general %25, %13, batching_dims = [0] x [1], contracting_dims = [2] x [0], precision = [DEFAULT, DEFAULT] : (tensor<2x4x4xf32>, tensor<4x2x4xf32>) -> tensor<2x4x4xf32>
    %27 = stablehlo.transpose %26, dims = [1, 0, 2] : (tensor<2x4x4xf32>) -> tensor<4x2x4xf32>
    %28 = stablehlo.reshape %27 : (tensor<4x2x4xf32>) -> tensor<4x8xf32>
    %29 = stablehlo.dot_general %28, %cst_4, contracting_dims = [1] x [1], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
    %30 = stablehlo.add %6, %29 : tensor<4x8xf32>
    %31 = call @rms_norm(%30, %cst_5) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
    %32 = stablehlo.dot_general %31, %cst_6, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
    %33 = stablehlo.dot_general %31, %cst_7, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
    %34 = call @silu(%32) : (tensor<4x16xf32>) -> tensor<4x16xf32>
    %35 = stablehlo.multiply %34, %33 : tensor<4x16xf32>
    %36 = stablehlo.dot_general %35, %cst_8, contracting_dims = [1] x [1], precision = [DEFAULT, DEFAULT] : (tensor<4x16xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
    %37 = stablehlo.add %30, %36 : tensor<4x8xf32>
    return %37 : tensor<4x8xf32>
  }}
  func.func private @rms_norm(%arg0: tensor<4x8xf32>, %arg1: tensor<8xf32>) -> tensor<4x8xf32> {{
    %0 = stablehlo.multiply %arg0, %arg0 : tensor<4x8xf32>
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %1 = stablehlo.reduce(%0 init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
    %cst_0 = stablehlo.constant dense<8.000000e+00> : tensor<f32>
    %2 = stablehlo.broadcast_in_dim %cst_0, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %3 = stablehlo.divide %1, %2 : tensor<4xf32>
    %cst_1 = stablehlo.constant dense<{EPS_TEXT}> : tensor<f32>
    %4 = stablehlo.broadcast_in_dim %cst_1, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %5 = stablehlo.add %3, %4 : tensor<4xf32>
    %6 = stablehlo.rsqrt %5 : tensor<4xf32>
    %7 = stablehlo.broadcast_in_dim %6, dims = [0] : (tensor<4xf32>) -> tensor<4x8xf32>
    %8 = stablehlo.multiply %arg0, %7 : tensor<4x8xf32>
    %9 = stablehlo.broadcast_in_dim %arg1, dims = [1] : (tensor<8xf32>) -> tensor<4x8xf32>
    %10 = stablehlo.multiply %8, %9 : tensor<4x8xf32>
    return %10 : tensor<4x8xf32>
  }}
  func.func private @rope(%arg0: tensor<4x2x4xf32>) -> tensor<4x2x4xf32> {{
    %0 = stablehlo.iota dim = 0 : tensor<4xi32>
    %1 = stablehlo.convert %0 : (tensor<4xi32>) -> tensor<4xf32>
    %cst = stablehlo.constant {INV_FREQ_TEXT}
    %2 = stablehlo.broadcast_in_dim %1, dims = [0] : (tensor<4xf32>) -> tensor<4x2xf32>
    %3 = stablehlo.broadcast_in_dim %cst, dims = [1] : (tensor<2xf32>) -> tensor<4x2xf32>
    %4 = stablehlo.multiply %2, %3 : tensor<4x2xf32>
    %5 = stablehlo.cosine %4 : tensor<4x2xf32>
    %6 = stablehlo.sine %4 : tensor<4x2xf32>
    %7 = stablehlo.concatenate %5, %5, dim = 1 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x4xf32>
    %8 = stablehlo.concatenate %6, %6, dim = 1 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x4xf32>
    %9 = stablehlo.broadcast_in_dim %7, dims = [0, 2] : (tensor<4x4xf32>) -> tensor<4x2x4xf32>
    %10 = stablehlo.broadcast_in_dim %8, dims = [0, 2] : (tensor<4x4xf32>) -> tensor<4x2x4xf32>
    %11 = stablehlo.slice %arg0 [0:4, 0:2, 0:2] : (tensor<4x2x4xf32>) -> tensor<4x2x2xf32>
    %12 = stablehlo.slice %arg0 [0:4, 0:2, 2:4] : (tensor<4x2x4xf32>) -> tensor<4x2x2xf32>
    %13 = stablehlo.negate %12 : tensor<4x2x2xf32>
    %14 = stablehlo.concatenate %13, %11, dim = 2 : (tensor<4x2x2xf32>, tensor<4x2x2xf32>) -> tensor<4x2x4xf32>
    %15 = stablehlo.multiply %arg0, %9 : tensor<4x2x4xf32>
    %16 = stablehlo.multiply %14, %10 : tensor<4x2x4xf32>
    %17 = stablehlo.add %15, %16 : tensor<4x2x4xf32>
    return %17 : tensor<4x2x4xf32>
  }}
  func.func private @softmax(%arg0: tensor<2x4x4xf32>) -> tensor<2x4x4xf32> {{
    %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.maximum across dimensions = [2] : (tensor<2x4x4xf32>, tensor<f32>) -> tensor<2x4xf32>
    %1 = stablehlo.broadcast_in_dim %0, dims = [0, 1] : (tensor<2x4xf32>) -> tensor<2x4x4xf32>
    %2 = stablehlo.subtract %arg0, %1 : tensor<2x4x4xf32>
    %3 = stablehlo.exponential %2 : tensor<2x4x4xf32>
    %cst_0 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %4 = stablehlo.reduce(%3 init: %cst_0) applies stablehlo.add across dimensions = [2] : (tensor<2x4x4xf32>, tensor<f32>) -> tensor<2x4xf32>
    %5 = stablehlo.broadcast_in_dim %4, dims = [0, 1] : (tensor<2x4xf32>) -> tensor<2x4x4xf32>
    %6 = stablehlo.divide %3, %5 : tensor<2x4x4xf32>
    return %6 : tensor<2x4x4xf32>
  }}
  func.func private @silu(%arg0: tensor<4x16xf32>) -> tensor<4x16xf32> {{
    %0 = stablehlo.logistic %arg0 : tensor<4x16xf32>
    %1 = stablehlo.multiply %arg0, %0 : tensor<4x16xf32>
    return %1 : tensor<4x16xf32>
  }}
"""


DRIVER = """  // The test driver (not JAX output): runs the block and prints
  // max |y - reference| for the f32, FP6 and FP4 references.
  func.func @main() {{
    %c = stablehlo.constant dense<[{ids}]> : tensor<4xi32>
    %0 = call @llama_block(%c) : (tensor<4xi32>) -> tensor<4x8xf32>
{checks}    return
  }}
  func.func private @max_abs_diff(%arg0: tensor<4x8xf32>, %arg1: tensor<4x8xf32>) -> f32 {{
    %0 = stablehlo.subtract %arg0, %arg1 : tensor<4x8xf32>
    %1 = stablehlo.negate %0 : tensor<4x8xf32>
    %2 = stablehlo.maximum %0, %1 : tensor<4x8xf32>
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %3 = stablehlo.reduce(%2 init: %cst) applies stablehlo.maximum across dimensions = [0, 1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<f32>
    %4 = tensor.extract %3[] : tensor<f32>
    return %4 : f32
  }}
}}
"""

CHECK = """    %ref_{name} = stablehlo.constant {reference}
    %diff_{name} = call @max_abs_diff(%0, %ref_{name}) : (tensor<4x8xf32>, tensor<4x8xf32>) -> f32
    vector.print str "{name} max-abs-diff: "
    vector.print %diff_{name} : f32
"""

HEADER = """// GENERATED by Inputs/gen_llama_block_test.py; edit the script and rerun it.
//
// A LLaMA-style transformer block written as JAX prints it (the functions
// of Inputs/llama_block_jax.mlir with the entry renamed @llama_block),
// lowered by --convert-stablehlo-to-linalg and run on the CPU, with or
// without inlining the private helpers first. The references come from the
// script (double precision, standard library only): unquantized, and with
// the seven projection weights quantized to FP6 (e3m2) or FP4 (e2m1) as
// --fpx-quantize-weights does. The run must match its own reference to
// 1e-5 and miss the others by more than 1e-4.
//
// RUN: fpx-opt %s --convert-stablehlo-to-linalg --fpx-cpu-pipeline \\
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils,%mlir_runner_utils \\
// RUN: | FileCheck %s --check-prefix=F32
// RUN: fpx-opt %s --inline --convert-stablehlo-to-linalg --fpx-cpu-pipeline \\
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils,%mlir_runner_utils \\
// RUN: | FileCheck %s --check-prefix=F32
// RUN: fpx-opt %s --inline --convert-stablehlo-to-linalg --fpx-quantize-weights="format=fp6" --fpx-cpu-pipeline \\
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils,%mlir_runner_utils \\
// RUN: | FileCheck %s --check-prefix=FP6
// RUN: fpx-opt %s --inline --convert-stablehlo-to-linalg --fpx-quantize-weights="format=fp4" --fpx-cpu-pipeline \\
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils,%mlir_runner_utils \\
// RUN: | FileCheck %s --check-prefix=FP4

// F32: f32 max-abs-diff: {{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}
// F32-NEXT: fp6 max-abs-diff: {{([0-9]+\\.[0-9]+|[0-9.]+e-0[1-4])$}}
// F32-NEXT: fp4 max-abs-diff: {{([0-9]+\\.[0-9]+|[0-9.]+e-0[1-4])$}}

// FP6: f32 max-abs-diff: {{([0-9]+\\.[0-9]+|[0-9.]+e-0[1-4])$}}
// FP6-NEXT: fp6 max-abs-diff: {{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}
// FP6-NEXT: fp4 max-abs-diff: {{([0-9]+\\.[0-9]+|[0-9.]+e-0[1-4])$}}

// FP4: f32 max-abs-diff: {{([0-9]+\\.[0-9]+|[0-9.]+e-0[1-4])$}}
// FP4-NEXT: fp6 max-abs-diff: {{([0-9]+\\.[0-9]+|[0-9.]+e-0[1-4])$}}
// FP4-NEXT: fp4 max-abs-diff: {{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}

"""


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "llama_block_jax.mlir"), "w") as out:
        # fpx-opt (as mlir-opt) ends its output with an empty line.
        out.write(program("main") + "}\n\n")
    checks = "".join(
        CHECK.format(name=fmt or "f32",
                     reference=dense(reference(fmt), [S, D], reference_float))
        for fmt in (None, "fp6", "fp4"))
    driver = DRIVER.format(ids=", ".join(str(i) for i in TOKEN_IDS), checks=checks)
    with open(os.path.join(os.path.dirname(here), "llama-block-cpu.mlir"), "w") as out:
        out.write(HEADER + program("llama_block") + driver)


if __name__ == "__main__":
    main()
