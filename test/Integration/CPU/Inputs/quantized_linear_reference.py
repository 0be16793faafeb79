#!/usr/bin/env python3
"""Independent reference for quantized-linear-error.mlir.

Recomputes, in double precision and without FPX code, the relative error of
the quantized layer that the lit test checks: same hash-based random data,
per-channel (or per-group) fp16 scales chosen as FPX's scale search does
(docs/Numerics.md), round-to-nearest-even onto the format's value grid by
brute force. Also prints the error that a truncating encoder, a 2x-off scale
and absmax / max scales would give, to show the checked band separates them.

Usage: quantized_linear_reference.py
"""
import math
import struct

M, K, N = 8, 64, 96
MASK = 0xFFFFFFFF


def random_matrix(rows, cols, seed):
    out = []
    for i in range(rows):
        row = []
        for j in range(cols):
            a = ((i * cols + j) * (2654435761)) & MASK  # -1640531535 as u32
            b = a ^ seed
            c = b ^ (b >> 16)
            d = (c * 73244475) & MASK
            e = d ^ (d >> 16)
            u = float(e >> 8) * 1.1920929e-07
            u = struct.unpack("f", struct.pack("f", u))[0]
            row.append(struct.unpack("f", struct.pack("f", u - 1.0))[0])
        out.append(row)
    return out


def grid(exp_bits, man_bits):
    bias = (1 << (exp_bits - 1)) - 1
    values = []
    for e in range(1 << exp_bits):
        for m in range(1 << man_bits):
            if e == 0:
                v = m / (1 << man_bits) * 2.0 ** (1 - bias)
            else:
                v = (1 + m / (1 << man_bits)) * 2.0 ** (e - bias)
            values.append(v)
    return values  # index = magnitude code; even index = even mantissa


def encode(v, values, truncate=False):
    mag = abs(v)
    if truncate:
        best = max(i for i, g in enumerate(values) if g <= mag)
    else:
        best = min(range(len(values)),
                   key=lambda i: (abs(values[i] - mag), i % 2))
    return math.copysign(values[best], v)


def to_half(x):
    return struct.unpack("e", struct.pack("e", x))[0]


def scale_of(chunk, values, rule):
    """FPX's scale of a channel or group: "search" (the default) takes, of
    absmax / max * (16 + i) / 16 for i = 0..15 rounded to fp16, the first with
    the least squared error; "absmax" takes absmax / max."""
    absmax = max(abs(v) for v in chunk)
    if absmax == 0:
        return 1.0
    best, best_error = None, None
    for i in range(16 if rule == "search" else 1):
        scale = to_half(absmax * (16 + i) / (16 * values[-1])) or 2.0 ** -24
        err = sum((encode(v / scale, values) * scale - v) ** 2 for v in chunk)
        if best is None or err < best_error:
            best, best_error = scale, err
    return best


def error(fmt, group=0, truncate=False, scale_factor=1.0, rule="search"):
    values = grid(*fmt)
    x = random_matrix(M, K, 12345)
    w_kn = random_matrix(K, N, 777)
    w = [[w_kn[k][n] for k in range(K)] for n in range(N)]  # N x K
    g = group or K
    wq = []
    for n in range(N):
        row = []
        for k0 in range(0, K, g):
            chunk = w[n][k0:k0 + g]
            scale = scale_of(chunk, values, rule) * scale_factor
            row += [encode(v / scale, values, truncate) * scale for v in chunk]
        wq.append(row)
    num = den = 0.0
    for m in range(M):
        for n in range(N):
            ref = sum(x[m][k] * w[n][k] for k in range(K))
            q = sum(x[m][k] * wq[n][k] for k in range(K))
            num += (q - ref) ** 2
            den += ref ** 2
    return math.sqrt(num / den)


for name, fmt, group in [("fp6 e3m2", (3, 2), 0), ("fp4 e2m1", (2, 1), 0),
                         ("fp4 e2m1 group 16", (2, 1), 16)]:
    print(f"{name}: {error(fmt, group):.5f}  truncating: "
          f"{error(fmt, group, truncate=True):.5f}  scale x2: "
          f"{error(fmt, group, scale_factor=2.0):.5f}  scale x0.5: "
          f"{error(fmt, group, scale_factor=0.5):.5f}  absmax scales: "
          f"{error(fmt, group, rule='absmax'):.5f}")
