#!/usr/bin/env python3
"""Generates three CPU integration tests of FPX's compile-time weight path and
the independent double-precision references they are checked against.

    python3 test/Integration/CPU/Inputs/gen_quantized_matmul_tests.py

rewrites, next to this directory (edit this script, not the outputs):

  quantized-matmul-constant.mlir
      linalg.matmul with a constant 40x24 weight (K x N) and x 3x40, through
      --fpx-quantize-weights (fp6 and fp4, tc_fpx and row_major, searched
      scales; fp6 and fp4 with scale-rule=absmax, where the planted ties
      are) and the CPU pipeline. The weight is packed at compile time, so the runs link no FPX
      runtime library. Checks: max |y - ref| < 1e-5 against the reference of
      the run's format, and >= 1e-4 against the other references (unquantized,
      other format), so a wrong format, scale or code cannot pass.
  qmatmul-epilogue.mlir
      fpx.qmatmul written directly, f16 activations/bias/result, with bias and
      each activation (none, relu, silu, gelu_tanh, gelu_erf), on a weight
      packed by fpx.quantize of a constant (e2m3, groups of 16, tc_fpx), which
      folds at compile time. Checks: max |y - ref| / max(|ref|, 2^-6) below
      5e-4 (an f16 result carries up to 2^-11 = 4.9e-4 of rounding), while the
      neighbouring activation's reference is far off.
  quantized-batch-matmul-constant.mlir
      linalg.batch_matmul with a per-batch constant weight 2x20x12 and a
      non-zero constant init (so the pass adds it back with linalg.add),
      fp6/tc_fpx and fp5 (e2m2)/row_major with groups of 8 (K = 20: groups of
      8, 8, 4).

The reference uses no FPX code: weights are quantized by brute force over the
format's value grid (nearest, ties to the even mantissa, saturating at the
largest value), with scales rounded to fp16 by struct 'e' (Python rounds
double -> binary16 correctly, ties to even): by default those of FPX's scale
search (of absmax / max * (16 + i) / 16, i = 0..15, the first with the least
squared error), and absmax / max for the runs with scale-rule=absmax; products
are summed in double. All literals are multiples of 2^-8 (2^-10 for a few tie
values) so they are exact in f32 and f16 and Python sees exactly what MLIR
parses. A few channels are built so that, with absmax scales, w / scale lands
exactly halfway between two grid values (ties) and on the saturation
boundary.

Python 3 standard library only (no numpy); seeded, so the output is stable.
"""
import math
import os
import random
import struct
import sys

# ---------------------------------------------------------------------------
# Numerics (independent of FPX)
# ---------------------------------------------------------------------------

FORMATS = {  # name -> (exponent bits, mantissa bits)
    "e3m2": (3, 2),
    "e2m3": (2, 3),
    "e2m2": (2, 2),
    "e2m1": (2, 1),
}


def grid(fmt):
    """Magnitudes of all codes of a format, index = magnitude code, so an even
    index is an even mantissa. No Inf/NaN; subnormals; bias 2^(E-1) - 1."""
    exp_bits, man_bits = FORMATS[fmt]
    bias = (1 << (exp_bits - 1)) - 1
    values = []
    for e in range(1 << exp_bits):
        for m in range(1 << man_bits):
            if e == 0:
                values.append(m / (1 << man_bits) * 2.0 ** (1 - bias))
            else:
                values.append((1 + m / (1 << man_bits)) * 2.0 ** (e - bias))
    return values


def f16(x):
    return struct.unpack("e", struct.pack("e", x))[0]


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def round_to_grid(v, values):
    mag = abs(v)
    best = min(range(len(values)), key=lambda i: (abs(values[i] - mag), i % 2))
    return math.copysign(values[best], v)


def scale_of(chunk, values, rule):
    """The fp16 scale of one channel or group. "absmax": absmax / max.
    "search" (FPX's default): of absmax / max * (16 + i) / 16, i = 0..15,
    each rounded to fp16 (0 -> the smallest subnormal, Inf ends the list),
    the first with the least sum of squared errors."""
    absmax = max(abs(v) for v in chunk)
    if absmax == 0:
        return 1.0
    best, best_error = None, None
    for i in range(16 if rule == "search" else 1):
        try:
            scale = f16(absmax * (16 + i) / (16 * values[-1])) or 2.0 ** -24
        except OverflowError:  # struct 'e' refuses what rounds to Inf
            break
        error = sum((round_to_grid(v / scale, values) * scale - v) ** 2
                    for v in chunk)
        if best is None or error < best_error:
            best, best_error = scale, error
    return best


def quantize(w_nk, fmt, group, rule="search"):
    """Dequantized N x K weight: round(w / s) * s per channel or group."""
    values = grid(fmt)
    out = []
    for row in w_nk:
        k = len(row)
        g = group or k
        q = []
        for k0 in range(0, k, g):
            chunk = row[k0:k0 + g]
            scale = scale_of(chunk, values, rule)
            q += [round_to_grid(v / scale, values) * scale for v in chunk]
        out.append(q)
    return out


def matmul_nk(x, w_nk):
    return [[sum(a * b for a, b in zip(row, wrow)) for wrow in w_nk]
            for row in x]


def transpose(m):
    return [list(r) for r in zip(*m)]


ACTIVATIONS = {
    "none": lambda v: v,
    "relu": lambda v: max(v, 0.0),
    "silu": lambda v: v / (1.0 + math.exp(-v)),
    "gelu_tanh": lambda v: 0.5 * v * (1.0 + math.tanh(
        math.sqrt(2.0 / math.pi) * (v + 0.044715 * v ** 3))),
    "gelu_erf": lambda v: 0.5 * v * (1.0 + math.erf(v / math.sqrt(2.0))),
}

# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------


def snap(v, step=256, limit=None):
    """Rounds to a multiple of 1/step (exact in f16 and f32)."""
    r = round(v * step) / step
    if limit is not None:
        r = max(-limit, min(limit, r))
    return r


def random_matrix(rng, rows, cols, sigma, step=256):
    return [[snap(rng.gauss(0.0, sigma), step, 1.0) for _ in range(cols)]
            for _ in range(rows)]


def uniform_matrix(rng, rows, cols, step=256):
    return [[snap(rng.uniform(-1.0, 1.0), step) for _ in range(cols)]
            for _ in range(rows)]


def plant_ties(w_nk):
    """Channel 0: absmax 0.875 = 28/32, so the e3m2 scale is exactly 1/32 and
    w * 32 falls on e3m2 ties: 1.125 (1.0 | 1.25 -> 1.0, even), 1.375
    (1.25 | 1.5 -> 1.5), 2.25 (2.0 | 2.5 -> 2.0), 0.09375 (subnormals
    0.0625 | 0.125 -> 0.125), -27.0 (24 = 1.10b * 2^4 | 28 = 1.11b * 2^4
    -> 24, the even mantissa). The other entries stay below 0.8.
    Channel 1: absmax 0.375 = 6/16, so the e2m1 scale is exactly 1/16 and
    w * 16 falls on e2m1 ties: 2.5 (2 | 3 -> 2), 5.0 (4 | 6 -> 4), 1.25
    (1 | 1.5 -> 1), 1.75 (1.5 | 2 -> 2). The other entries stay below 0.3.
    Channel 2 is all zero (scale 1.0, every code +0). Channel 3 has an
    outlier 1.0: fp16(1/28) < 1/28, so 1.0 / scale = 28.007 saturates to the
    largest e3m2 code."""
    ch0 = [0.875, 1.125 / 32, -1.375 / 32, 2.25 / 32, 0.09375 / 32,
           -27.0 / 32]
    ch1 = [-0.375, 2.5 / 16, 5.0 / 16, -1.25 / 16, 1.75 / 16]
    w_nk[0] = ch0 + [max(-0.8, min(0.8, v)) for v in w_nk[0][len(ch0):]]
    w_nk[1] = ch1 + [max(-0.3, min(0.3, v)) for v in w_nk[1][len(ch1):]]
    w_nk[2] = [0.0] * len(w_nk[2])
    w_nk[3][7] = 1.0


# ---------------------------------------------------------------------------
# MLIR printing
# ---------------------------------------------------------------------------


def mlir_float(s):
    """MLIR float literals need a '.' before any exponent."""
    mantissa, e, exponent = s.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return mantissa + e + exponent


def lit(v):
    return mlir_float(repr(float(v)))


def dense(m, indent):
    """Nested dense literal of a (possibly nested) list."""
    if not isinstance(m[0], list):
        return "[" + ", ".join(lit(v) for v in m) + "]"
    pad = " " * indent
    return "[" + (",\n" + pad).join(dense(r, indent + 1) for r in m) + "]"


def ref_lit(v):
    """A reference value as an f32 literal (9 significant digits round-trip
    f32; the comparison tolerance is far above f32's precision)."""
    return mlir_float("%.9g" % f32(v))


def ref_dense(m, indent):
    if not isinstance(m[0], list):
        return "[" + ", ".join(ref_lit(v) for v in m) + "]"
    pad = " " * indent
    return "[" + (",\n" + pad).join(ref_dense(r, indent + 1) for r in m) + "]"


def shape(m):
    s = []
    while isinstance(m, list):
        s.append(len(m))
        m = m[0]
    return "x".join(str(d) for d in s)


def max_abs_diff(a, b):
    if isinstance(a[0], list):
        return max(max_abs_diff(x, y) for x, y in zip(a, b))
    return max(abs(x - y) for x, y in zip(a, b))


HEADER = ("// GENERATED by Inputs/gen_quantized_matmul_tests.py; edit the "
          "script and rerun it.\n")

RUNNER = ("// RUN: | mlir-runner -e main -entry-point-result=void "
          "-shared-libs=%mlir_c_runner_utils \\\n")

SMALL = "{{(0|[0-9.]+e-(0[6-9]|[1-9][0-9]))$}}"  # %g of a value < 1e-5
LARGE = "{{[0-9]+\\.[0-9]+$}}"  # %g without exponent: >= 1e-4

MAX_ABS_DIFF_FN = """\
// max |a - b| over all elements.
func.func @max_abs_diff(%a: tensor<{s}xf32>, %b: tensor<{s}xf32>) -> f32 {{
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %r = linalg.generic {{indexing_maps = [#id, #id, #scalar],
                       iterator_types = [{it}]}}
      ins(%a, %b : tensor<{s}xf32>, tensor<{s}xf32>) outs(%init : tensor<f32>) {{
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %d = arith.subf %x, %y : f32
    %ad = math.absf %d : f32
    %m = arith.maximumf %acc, %ad : f32
    linalg.yield %m : f32
  }} -> tensor<f32>
  %v = tensor.extract %r[] : tensor<f32>
  return %v : f32
}}
"""


def write_module(path, out):
    """Closes @main and writes the generated test file."""
    out.append("  return\n}\n")
    with open(path, "w") as f:
        f.write("".join(out))


def maps(rank):
    dims = ", ".join("d%d" % i for i in range(rank))
    return ("#id = affine_map<(%s) -> (%s)>\n#scalar = affine_map<(%s) -> ()>\n"
            % (dims, dims, dims))


def iterators(rank, kind):
    return ", ".join('"%s"' % kind for _ in range(rank))


# ---------------------------------------------------------------------------
# (a) linalg.matmul with a constant weight
# ---------------------------------------------------------------------------


def gen_matmul(path):
    rng = random.Random(2024)
    M, K, N = 3, 40, 24
    x = uniform_matrix(rng, M, K)
    w_nk = random_matrix(rng, N, K, 0.25)
    plant_ties(w_nk)
    w_kn = transpose(w_nk)
    refs = {
        "f32": matmul_nk(x, w_nk),
        "fp6": matmul_nk(x, quantize(w_nk, "e3m2", 0)),
        "fp4": matmul_nk(x, quantize(w_nk, "e2m1", 0)),
        "fp6-absmax": matmul_nk(x, quantize(w_nk, "e3m2", 0, "absmax")),
        "fp4-absmax": matmul_nk(x, quantize(w_nk, "e2m1", 0, "absmax")),
    }
    # The reference of each run must be far (>= 1e-4) from the others.
    for a in refs:
        for b in refs:
            if a != b:
                assert max_abs_diff(refs[a], refs[b]) > 1e-3, (a, b)
    runs = [("FP6", "format=fp6"), ("FP6", "format=fp6 layout=row_major"),
            ("FP4", "format=fp4"), ("FP4", "format=fp4 layout=row_major"),
            ("FP6A", "format=fp6 scale-rule=absmax"),
            ("FP4A", "format=fp4 layout=row_major scale-rule=absmax"),
            ("F32", None)]
    own = {"FP6": "fp6", "FP4": "fp4", "FP6A": "fp6-absmax",
           "FP4A": "fp4-absmax", "F32": "f32"}
    out = [HEADER, """\
// linalg.matmul y = x W with a constant weight W (K x N = 40 x 24), quantized
// and packed at compile time by --fpx-quantize-weights, run on the CPU
// reference path. The runner links no FPX runtime: nothing is quantized at
// run time. max |y - ref| against double-precision references computed
// independently in Python (unquantized, fp6 = e3m2, fp4 = e2m1; per-channel
// fp16 scales, searched or, with scale-rule=absmax, absmax / max) must be
// < 1e-5 for the run's own format and rule and >= 1e-4 for the others. K and
// N are not multiples of the 64 x 64 tc_fpx block, so tc_fpx padding is
// exercised; with absmax scales channel 0/1 hold exact e3m2/e2m1 rounding
// ties; channel 2 is all zero.
//
"""]
    for prefix, opts in runs:
        if opts:
            out.append('// RUN: fpx-opt %%s --fpx-quantize-weights="%s" '
                       '--fpx-cpu-pipeline \\\n' % opts)
        else:
            out.append("// RUN: fpx-opt %s --fpx-cpu-pipeline \\\n")
        out.append(RUNNER)
        out.append("// RUN: | FileCheck %%s --check-prefix=%s\n" % prefix)
    out.append("\n")
    for prefix in ["FP6", "FP4", "FP6A", "FP4A", "F32"]:
        first = True
        for name in ["f32", "fp6", "fp4", "fp6-absmax", "fp4-absmax"]:
            check = "%s:" % prefix if first else "%s-NEXT:" % prefix
            first = False
            out.append("// %s %s max-abs-diff: %s\n" % (
                check, name, SMALL if own[prefix] == name else LARGE))
        out.append("\n")
    out.append(maps(2))
    out.append("\n")
    out.append("""\
func.func @layer(%%x: tensor<%dx%dxf32>) -> tensor<%dx%dxf32> {
  %%w = arith.constant dense<%s> : tensor<%dx%dxf32>
  %%zero = arith.constant 0.0 : f32
  %%e = tensor.empty() : tensor<%dx%dxf32>
  %%acc = linalg.fill ins(%%zero : f32) outs(%%e : tensor<%dx%dxf32>) -> tensor<%dx%dxf32>
  %%y = linalg.matmul ins(%%x, %%w : tensor<%dx%dxf32>, tensor<%dx%dxf32>)
                     outs(%%acc : tensor<%dx%dxf32>) -> tensor<%dx%dxf32>
  return %%y : tensor<%dx%dxf32>
}

""" % (M, K, M, N, dense(w_kn, 4), K, N, M, N, M, N, M, N, M, K, K, N, M, N,
       M, N, M, N))
    out.append(MAX_ABS_DIFF_FN.format(s="%dx%d" % (M, N),
                                      it=iterators(2, "reduction")))
    out.append("""
func.func @main() {
  %%x = arith.constant dense<%s> : tensor<%dx%dxf32>
  %%y = call @layer(%%x) : (tensor<%dx%dxf32>) -> tensor<%dx%dxf32>
""" % (dense(x, 4), M, K, M, K, M, N))
    for name in ["f32", "fp6", "fp4", "fp6-absmax", "fp4-absmax"]:
        var = name.replace("-", "_")
        out.append("""\
  %%ref_%s = arith.constant dense<%s> : tensor<%dx%dxf32>
  %%d_%s = call @max_abs_diff(%%y, %%ref_%s) : (tensor<%dx%dxf32>, tensor<%dx%dxf32>) -> f32
  vector.print str "%s max-abs-diff: "
  vector.print %%d_%s : f32
""" % (var, ref_dense(refs[name], 4), M, N, var, var, M, N, M, N, name,
           var))
    write_module(path, out)


# ---------------------------------------------------------------------------
# (b) fpx.qmatmul with bias and activations, f16
# ---------------------------------------------------------------------------


def gen_epilogue(path):
    rng = random.Random(7)
    M, K, N, G = 3, 40, 24, 16
    fmt = "e2m3"
    x = uniform_matrix(rng, M, K)
    w_nk = random_matrix(rng, N, K, 0.3)
    bias = [snap(rng.uniform(-0.5, 0.5)) for _ in range(N)]
    acc = matmul_nk(x, quantize(w_nk, fmt, G))
    pre = [[acc[m][n] + bias[n] for n in range(N)] for m in range(M)]
    acts = ["none", "relu", "silu", "gelu_tanh", "gelu_erf"]
    refs = {a: [[ACTIVATIONS[a](v) for v in row] for row in pre] for a in acts}

    def rel_metric(y, ref):
        return max(abs(a - b) / max(abs(b), 2.0 ** -6)
                   for ry, rr in zip(y, ref) for a, b in zip(ry, rr))

    # What the f16 result may differ by: its own rounding, < 2^-11 relative.
    for a in acts:
        got = [[f16(v) for v in row] for row in refs[a]]
        assert rel_metric(got, refs[a]) < 5e-4, a
    # Each activation's result must be far from its neighbour's reference.
    for a, b in zip(acts, acts[1:] + acts[:1]):
        assert rel_metric(refs[a], refs[b]) > 1e-2, (a, b)
    packing = ("#fpx.packing<format = %s, rows = %d, cols = %d, "
               "group_size = %d, layout = tc_fpx>" % (fmt, N, K, G))
    # tc_fpx pads 24 x 40 to one 64 x 64 block: 64 * 64 * 6 / 32 words.
    words = 64 * 64 * 6 // 32
    groups = (K + G - 1) // G
    out = [HEADER, """\
// fpx.qmatmul with f16 activations, bias and result and each fused
// activation, on a weight packed by fpx.quantize of a constant (e2m3, groups
// of 16 along K = 40: 16, 16, 8; tc_fpx). The quantize folds at compile time
// (the first RUN shows it; the runner links no FPX runtime, which the
// run-time path would need). Each result is compared with a double-precision
// Python reference of act(x Wq^T + b): max |y - ref| / max(|ref|, 2^-6) must
// be < 5e-4 (f16 rounding alone is up to 2^-11 = 4.9e-4), and the result of
// each activation must be far (> 1e-2) from the next one's reference.
//
// RUN: fpx-opt %s --canonicalize | FileCheck %s --check-prefix=FOLD
// RUN: fpx-opt %s --fpx-cpu-pipeline \\
""", RUNNER, """\
// RUN: | FileCheck %s

// FOLD-LABEL: func.func @layers
// FOLD-NOT: fpx.quantize
// FOLD-COUNT-5: fpx.qmatmul
// FOLD-NOT: fpx.quantize

"""]
    for i, a in enumerate(acts):
        check = "CHECK:" if i == 0 else "CHECK-NEXT:"
        out.append("// %s %s own: {{(0|0\\.000[0-4][0-9]*|[0-9.]+e-(0[5-9]|"
                   "[1-9][0-9]))$}}\n" % (check, a))
        out.append("// CHECK-NEXT: %s next: {{([1-9][0-9]*|0\\.[1-9]|0\\.0[1-9])"
                   "[0-9.]*(e\\+[0-9]+)?$}}\n" % a)
    out.append("\n")
    out.append(maps(2))
    out.append("\n")
    sig_in = "tensor<%dx%dxf16>" % (M, K)
    sig_out = "tensor<%dx%dxf16>" % (M, N)
    res_types = ", ".join([sig_out] * len(acts))
    out.append("""\
func.func @layers(%%x: %s, %%b: tensor<%dxf16>) -> (%s) {
  %%w = arith.constant dense<%s> : tensor<%dx%dxf16>
  %%words, %%scales = fpx.quantize %%w {packing = %s}
      : tensor<%dx%dxf16> -> tensor<%dxi32>, tensor<%dx%dxf16>
""" % (sig_in, N, res_types, dense(w_nk, 4), N, K, packing, N, K, words, N,
       groups))
    for a in acts:
        out.append("""\
  %%y_%s = fpx.qmatmul %%x, %%words, %%scales bias %%b {activation = #fpx.activation<%s>,
      packing = %s}
      : (%s, tensor<%dxi32>, tensor<%dx%dxf16>, tensor<%dxf16>) -> %s
""" % (a, a, packing, sig_in, words, N, groups, N, sig_out))
    out.append("  return %s : %s\n}\n\n" % (
        ", ".join("%y_" + a for a in acts), res_types))
    out.append("""\
// max |a - ref| / max(|ref|, 2^-6), the f16 result extended to f32.
func.func @max_rel_diff(%%a: tensor<%dx%dxf16>, %%ref: tensor<%dx%dxf32>) -> f32 {
  %%zero = arith.constant 0.0 : f32
  %%floor = arith.constant 0.015625 : f32
  %%e = tensor.empty() : tensor<f32>
  %%init = linalg.fill ins(%%zero : f32) outs(%%e : tensor<f32>) -> tensor<f32>
  %%r = linalg.generic {indexing_maps = [#id, #id, #scalar],
                       iterator_types = ["reduction", "reduction"]}
      ins(%%a, %%ref : tensor<%dx%dxf16>, tensor<%dx%dxf32>) outs(%%init : tensor<f32>) {
  ^bb0(%%h: f16, %%y: f32, %%acc: f32):
    %%x = arith.extf %%h : f16 to f32
    %%d = arith.subf %%x, %%y : f32
    %%ad = math.absf %%d : f32
    %%ay = math.absf %%y : f32
    %%den = arith.maximumf %%ay, %%floor : f32
    %%q = arith.divf %%ad, %%den : f32
    %%m = arith.maximumf %%acc, %%q : f32
    linalg.yield %%m : f32
  } -> tensor<f32>
  %%v = tensor.extract %%r[] : tensor<f32>
  return %%v : f32
}

func.func @main() {
  %%x = arith.constant dense<%s> : %s
  %%b = arith.constant dense<%s> : tensor<%dxf16>
  %%y:%d = call @layers(%%x, %%b) : (%s, tensor<%dxf16>) -> (%s)
""" % (M, N, M, N, M, N, M, N, dense(x, 4), sig_in, dense(bias, 4), N,
       len(acts), sig_in, N, res_types))
    for a in acts:
        out.append("  %%ref_%s = arith.constant dense<%s> : tensor<%dx%dxf32>\n"
                   % (a, ref_dense(refs[a], 4), M, N))
    for i, a in enumerate(acts):
        nxt = acts[(i + 1) % len(acts)]
        out.append("""\
  %%own_%s = call @max_rel_diff(%%y#%d, %%ref_%s) : (%s, tensor<%dx%dxf32>) -> f32
  vector.print str "%s own: "
  vector.print %%own_%s : f32
  %%next_%s = call @max_rel_diff(%%y#%d, %%ref_%s) : (%s, tensor<%dx%dxf32>) -> f32
  vector.print str "%s next: "
  vector.print %%next_%s : f32
""" % (a, i, a, sig_out, M, N, a, a, a, i, nxt, sig_out, M, N, a, a))
    write_module(path, out)


# ---------------------------------------------------------------------------
# (c) linalg.batch_matmul with per-batch constant weights and a non-zero init
# ---------------------------------------------------------------------------


def gen_batch(path):
    rng = random.Random(99)
    B, M, K, N = 2, 3, 20, 12
    x = [uniform_matrix(rng, M, K) for _ in range(B)]
    w_nk = [random_matrix(rng, N, K, 0.25) for _ in range(B)]
    # Batch 1 is 4x batch 0's scale range: scales must follow each batch.
    w_nk[1] = [[snap(4 * v) for v in row] for row in w_nk[1]]
    init = [[[snap(rng.uniform(-0.5, 0.5)) for _ in range(N)] for _ in range(M)]
            for _ in range(B)]

    def ref(fmt, group):
        out = []
        for b in range(B):
            w = w_nk[b] if fmt is None else quantize(w_nk[b], fmt, group)
            y = matmul_nk(x[b], w)
            out.append([[y[m][n] + init[b][m][n] for n in range(N)]
                        for m in range(M)])
        return out

    refs = {"f32": ref(None, 0), "fp6": ref("e3m2", 0),
            "fp5g8": ref("e2m2", 8)}
    for a in refs:
        for b in refs:
            if a != b:
                assert max_abs_diff(refs[a], refs[b]) > 1e-3, (a, b)
    # Swapping the two batches' weights must be caught too.
    swapped = [matmul_nk(x[b], quantize(w_nk[1 - b], "e3m2", 0))
               for b in range(B)]
    assert max_abs_diff(swapped, refs["fp6"]) > 1e-2
    runs = [("FP6", "format=fp6"),
            ("FP5G8", "format=fp5 group-size=8 layout=row_major"),
            ("F32", None)]
    own = {"FP6": "fp6", "FP5G8": "fp5g8", "F32": "f32"}
    s = "%dx%dx%d" % (B, M, N)
    out = [HEADER, """\
// linalg.batch_matmul with a per-batch constant weight (2 x K x N = 2 x 20 x
// 12) and a non-zero constant init, through --fpx-quantize-weights (one
// fpx.qmatmul per batch on compile-time packed weights, the init added back
// by linalg.add) and the CPU pipeline. max |y - ref| against independent
// double-precision references (unquantized, fp6 per channel, fp5 = e2m2 with
// groups of 8 along K = 20) must be < 1e-5 for the run's own format and
// >= 1e-4 for the others. Batch 1's weights are 4x batch 0's, so mixing up
// the batches' scales or words is caught.
//
"""]
    for prefix, opts in runs:
        if opts:
            out.append('// RUN: fpx-opt %%s --fpx-quantize-weights="%s" '
                       '--fpx-cpu-pipeline \\\n' % opts)
        else:
            out.append("// RUN: fpx-opt %s --fpx-cpu-pipeline \\\n")
        out.append(RUNNER)
        out.append("// RUN: | FileCheck %%s --check-prefix=%s\n" % prefix)
    out.append("""\
// RUN: fpx-opt %s --fpx-quantize-weights | FileCheck %s --check-prefix=IR

// IR-LABEL: func.func @layer
// IR-COUNT-2: fpx.qmatmul
// IR: linalg.add
// IR-NOT: linalg.batch_matmul

""")
    for prefix in ["FP6", "FP5G8", "F32"]:
        first = True
        for name in ["f32", "fp6", "fp5g8"]:
            check = "%s:" % prefix if first else "%s-NEXT:" % prefix
            first = False
            out.append("// %s %s max-abs-diff: %s\n" % (
                check, name, SMALL if own[prefix] == name else LARGE))
        out.append("\n")
    out.append(maps(3))
    out.append("\n")
    w_kn = [transpose(w) for w in w_nk]
    out.append("""\
func.func @layer(%%x: tensor<%dx%dx%dxf32>) -> tensor<%sxf32> {
  %%w = arith.constant dense<%s> : tensor<%dx%dx%dxf32>
  %%init = arith.constant dense<%s> : tensor<%sxf32>
  %%y = linalg.batch_matmul ins(%%x, %%w : tensor<%dx%dx%dxf32>, tensor<%dx%dx%dxf32>)
                           outs(%%init : tensor<%sxf32>) -> tensor<%sxf32>
  return %%y : tensor<%sxf32>
}

""" % (B, M, K, s, dense(w_kn, 4), B, K, N, dense(init, 4), s, B, M, K, B, K,
       N, s, s, s))
    out.append(MAX_ABS_DIFF_FN.format(s=s, it=iterators(3, "reduction")))
    out.append("""
func.func @main() {
  %%x = arith.constant dense<%s> : tensor<%dx%dx%dxf32>
  %%y = call @layer(%%x) : (tensor<%dx%dx%dxf32>) -> tensor<%sxf32>
""" % (dense(x, 4), B, M, K, B, M, K, s))
    for name in ["f32", "fp6", "fp5g8"]:
        out.append("""\
  %%ref_%s = arith.constant dense<%s> : tensor<%sxf32>
  %%d_%s = call @max_abs_diff(%%y, %%ref_%s) : (tensor<%sxf32>, tensor<%sxf32>) -> f32
  vector.print str "%s max-abs-diff: "
  vector.print %%d_%s : f32
""" % (name, ref_dense(refs[name], 4), s, name, name, s, s, name, name))
    write_module(path, out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(here)
    gen_matmul(os.path.join(outdir, "quantized-matmul-constant.mlir"))
    gen_epilogue(os.path.join(outdir, "qmatmul-epilogue.mlir"))
    gen_batch(os.path.join(outdir, "quantized-batch-matmul-constant.mlir"))


if __name__ == "__main__":
    main()
