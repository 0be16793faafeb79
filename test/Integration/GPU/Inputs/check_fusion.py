#!/usr/bin/env python3
"""Fusion-group kernels on the GPU against a float64 reference.

`emit` prints a module of the decoder-layer patterns (python/fpx/
fusion_patterns.py) at odd shapes: rows that do not fill the last block,
rows shorter than a warp's share and longer than one block's, row lengths
that are not multiples of the 16-byte vector (scalar accesses) or of the
threads' chunk (predicated last chunk). `check DIR` runs every kernel of the
exported folder on fresh random inputs with NaN-poisoned outputs and
compares with the numpy reference: max |y - ref| <= tol * max |ref|, no NaN.
"""
import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "python"))
from fpx import fusion_patterns as patterns  # noqa: E402
from compare import max_relative_error  # noqa: E402

CASES = [
    ("add_rmsnorm", 1, 768), ("add_rmsnorm", 37, 1000),
    ("add_rmsnorm", 5, 8192), ("add_rmsnorm", 600, 64),
    ("add_rmsnorm", 3000, 8192),
    ("layernorm_gelu", 3, 768), ("layernorm_gelu", 37, 1001),
    ("layernorm_gelu", 9000, 1000), ("layernorm_gelu", 1001, 256),
    ("silu_mul", 37, 1000), ("silu_mul", 2, 8192),
    ("softmax", 1, 768), ("softmax", 37, 1001), ("softmax", 130, 4096),
    ("softmax", 2000, 256), ("softmax", 1200, 4096),
    ("rope", 1, 256), ("rope", 37, 1024),
    ("qk_rmsnorm", 3, 1024), ("qk_rmsnorm", 4096, 1024),
    # Rows too long for registers: streamed in chunk loops, recomputed per
    # reduction (the last chunk predicated).
    ("softmax", 300, 131072), ("add_rmsnorm", 300, 100000),
    ("silu_mul", 2, 100000),
]
# Large enough to take 2 and 4 chunks per thread (and a predicated last
# chunk with several) where the rows fill the device.
# f16 results: one rounding of the result (2^-11 relative) plus f32
# arithmetic in a different order than the reference.
TOLERANCE = 2e-3


def emit():
    print(patterns.module([(n, t, h, f"_t{t}_h{h}") for n, t, h in CASES]))


def inputs(name, tokens, hidden, rng):
    arrays = []
    for i, shape in enumerate(patterns.shapes(name, tokens, hidden)):
        if name in ("add_rmsnorm", "layernorm_gelu", "qk_rmsnorm") and \
                len(shape) == 1:
            a = 1 + 0.1 * rng.standard_normal(shape)   # gamma-like
        elif name == "rope" and i > 0:
            pos = np.arange(tokens)[:, None]
            freq = 10000.0 ** (-np.arange(patterns.HEAD_DIM // 2) * 2 /
                               patterns.HEAD_DIM)
            angle = np.concatenate([pos * freq] * 2, axis=-1)
            a = np.cos(angle) if i == 1 else np.sin(angle)
        elif name == "softmax":
            a = 4 * rng.standard_normal(shape)
        else:
            a = rng.standard_normal(shape)
        arrays.append(a.astype(np.float16))
    return arrays


def check(directory, lib_dir):
    import torch
    from fpx.runtime import FusionKernels, Runtime
    kernels = FusionKernels(directory, Runtime(lib_dir))
    rng = np.random.default_rng(2026)
    failures = 0
    for kernel, entry in sorted(kernels.fusions.items()):
        match = re.fullmatch(r"fusion_(\w+)_t(\d+)_h(\d+)_\d+", kernel)
        name, tokens, hidden = match[1], int(match[2]), int(match[3])
        host = inputs(name, tokens, hidden, rng)
        # The group must be the whole function for the reference to apply.
        shapes = [tuple(a["shape"]) for a in entry["inputs"]]
        if shapes != [tuple(x) for x in patterns.shapes(name, tokens, hidden)]:
            failures += 1
            print(f"FAIL {kernel}: the planned group is not the whole "
                  f"function (inputs {shapes})")
            continue
        args = [torch.from_numpy(a).cuda() for a in host]
        outs = [torch.full(r["shape"], float("nan"), dtype=torch.float16,
                           device="cuda") for r in entry["results"]]
        kernels.launch(kernel, [t.data_ptr() for t in args + outs])
        torch.cuda.synchronize()
        refs = patterns.reference(name, *host)
        worst, stray_nan = max_relative_error(outs, refs)
        bad = stray_nan or not worst <= TOLERANCE
        failures += bad
        print(f"{'FAIL' if bad else 'ok'} {kernel}: {entry['rows']} rows x "
              f"{entry['cols']}, {entry['threads_per_row']} threads/row, "
              f"max rel. error {worst:.2e}")
    total = len(kernels.fusions)
    print(f"{total - failures}/{total} fusion kernels match the float64 "
          "reference")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["emit", "check"])
    parser.add_argument("directory", nargs="?")
    parser.add_argument("--lib-dir")
    args = parser.parse_args()
    if args.mode == "emit":
        emit()
        return 0
    return check(args.directory, args.lib_dir)


if __name__ == "__main__":
    sys.exit(main())
