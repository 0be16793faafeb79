#!/usr/bin/env python3
"""Runs every fpx.qmatmul kernel of an artifact folder on the GPU and checks
it against a float64 reference on the CPU.

For each kernel: a fresh random weight (Gaussian with a few outliers, and
channels of magnitude ~1000 where the kernel does not fold scales) is
quantized and packed by FPX's numerics (the same code the compiler uses),
dequantized again for the reference, and the kernel runs for each M of
--m on fresh random activations, with its output poisoned (NaN) first. The
reference is y = act(x W^T + b) in float64 from the dequantized weights; the
check is max|y - ref| <= tol * max|ref| with tol from the output type, and no
NaN. Prints one line per case and exits non-zero on any failure.

With --chain S, square kernels whose result type is their activation type
(the others are skipped) also run as a chain: S launches back to back on
one stream, each reading the previous one's output (all outputs poisoned
before the first launch, one shared workspace, one synchronize at the
end; the launches are queued behind a sleep kernel so that the GPU runs
them back to back). Kernels compiled with dependent-launch start before
the previous one ends, so a read of the input or a write of the workspace
that is not ordered after the previous kernel shows up as NaN or a wrong
sum. Step i is
checked against the reference computed from step i-1's actual output.
"""
import argparse
import math
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "python"))
from fpx.runtime import GemmKernels, Runtime  # noqa: E402

DTYPES = {"f16": torch.float16, "bf16": torch.bfloat16, "f32": torch.float32}
# Dequantized weights are rounded to the activation type before the mma
# (2^-11 for f16, 2^-8 for bf16); outputs are rounded to the result type.
TOLERANCE = {"f16": 4e-3, "bf16": 2.5e-2, "f32": 4e-3}


def activation(name, v):
    if name == "none":
        return v
    if name == "relu":
        return torch.clamp(v, min=0)
    if name == "silu":
        return v * torch.sigmoid(v)
    if name == "gelu_tanh":
        return torch.nn.functional.gelu(v, approximate="tanh")
    if name == "gelu_erf":
        return torch.nn.functional.gelu(v)
    raise ValueError(name)


def pack(runtime, gemm, w):
    """Quantizes and packs `w` as the kernel expects (FPX's numerics, the
    compiler's code): the dequantized weight for the reference, and the
    packed words and scales on the GPU."""
    n, k, fmt = gemm["n"], gemm["k"], gemm["format"]
    group = gemm.get("group_size", 0)
    words, scales = runtime.quantize_pack(w.numpy(), fmt, group=group)
    w_dq = torch.from_numpy(runtime.dequantize(words, scales, n, k, fmt,
                                               group=group))
    return (w_dq, torch.from_numpy(words.view(np.int32)).cuda(),
            torch.from_numpy(scales.view(np.int16)).cuda())


def check_chains(kernels, runtime, gen, args):
    """Chains of back-to-back launches (see the module comment); returns
    (cases, failures), one case per kernel and M."""
    cases = failures = 0
    for gemm in kernels.gemms:
        n, k, fmt = gemm["n"], gemm["k"], gemm["format"]
        if n != k or gemm["activation_type"] != gemm["result_type"]:
            continue
        # Variance-preserving weights keep every step's output near 1.
        w = torch.randn(n, k, generator=gen) / math.sqrt(k)
        w_dq, d_words, d_scales = pack(runtime, gemm, w)
        w_dq = w_dq.double()
        dtype = DTYPES[gemm["result_type"]]
        bias = (torch.randn(n, generator=gen) * 0.1).to(dtype)
        d_bias = bias.cuda() if gemm["has_bias"] else None
        for m in [int(v) for v in args.m.split(",")]:
            outs = [torch.randn(m, k, generator=gen).to(dtype).cuda()]
            outs += [torch.full((m, n), float("nan"), dtype=dtype, device="cuda")
                     for _ in range(args.chain)]
            ws_bytes = kernels.workspace_bytes(gemm, m)
            d_ws = (torch.full((ws_bytes // 4,), float("nan"), device="cuda")
                    if ws_bytes else None)
            torch.cuda.synchronize()
            # Queued behind a long sleep, the chain's launches all reach the
            # GPU before it runs them: back to back, as in a model, rather
            # than each after the host's launch call (which would give the
            # previous kernel time to finish anyway).
            torch.cuda._sleep(20_000_000)
            for step in range(args.chain):
                kernels.launch(gemm, outs[step].data_ptr(), d_words.data_ptr(),
                               d_scales.data_ptr(),
                               d_bias.data_ptr() if d_bias is not None else None,
                               outs[step + 1].data_ptr(),
                               d_ws.data_ptr() if d_ws is not None else None, m)
            torch.cuda.synchronize()
            worst, nan = 0.0, False
            for step in range(args.chain):
                ref = outs[step].cpu().double() @ w_dq.t()
                if gemm["has_bias"]:
                    ref = ref + bias.double()
                ref = activation(gemm["activation"], ref)
                y = outs[step + 1].cpu().double()
                nan = nan or torch.isnan(y).any().item()
                worst = max(worst, (y - ref).abs().max().item()
                            / max(ref.abs().max().item(), 1e-6))
            ok = not nan and worst <= TOLERANCE[gemm["result_type"]]
            cases += 1
            failures += not ok
            print(f"{'PASS' if ok else 'FAIL'}: chain of {args.chain} "
                  f"{gemm['kernel']} {fmt} N=K={n} M={m} "
                  f"split_k={gemm['split_k']} "
                  f"dependent_launch={gemm.get('dependent_launch', False)} "
                  f"max_rel_err={worst:.3e} nan={nan}")
    return cases, failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("artifacts")
    parser.add_argument("--lib-dir")
    parser.add_argument("--m", default="1,3,17,129")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chain", type=int, default=0,
                        help="also run square kernels as chains of this many "
                             "back-to-back launches")
    args = parser.parse_args()

    runtime = Runtime(args.lib_dir)
    kernels = GemmKernels(args.artifacts, runtime)
    gen = torch.Generator().manual_seed(args.seed)
    failures = 0
    for gemm in kernels.gemms:
        n, k, fmt = gemm["n"], gemm["k"], gemm["format"]
        w = torch.randn(n, k, generator=gen) * 0.05
        w.view(-1)[torch.randint(0, n * k, (max(1, n * k // 500),),
                                  generator=gen)] *= 8  # outliers
        if not gemm.get("fold_scale", True):
            # Kernels that apply the exponent-bias fix separately must cope
            # with channels whose folded scale would overflow f16.
            w[: max(1, n // 16)] *= 500
            w[0, 0] = 1000.0  # over every format's folding limit (<= 448)
        group = gemm.get("group_size", 0)
        w_dq, d_words, d_scales = pack(runtime, gemm, w)
        act_t = DTYPES[gemm["activation_type"]]
        res_t = DTYPES[gemm["result_type"]]
        bias = (torch.randn(n, generator=gen) * 0.1).to(res_t)
        d_bias = bias.cuda() if gemm["has_bias"] else None
        for m in [int(v) for v in args.m.split(",")]:
            x = (torch.randn(m, k, generator=gen)).to(act_t)
            d_x = x.cuda()
            d_y = torch.full((m, n), float("nan"), dtype=res_t, device="cuda")
            ws_bytes = kernels.workspace_bytes(gemm, m)
            d_ws = (torch.full((ws_bytes // 4,), float("nan"), device="cuda")
                    if ws_bytes else None)
            kernels.launch(gemm, d_x.data_ptr(), d_words.data_ptr(),
                           d_scales.data_ptr(),
                           d_bias.data_ptr() if d_bias is not None else None,
                           d_y.data_ptr(),
                           d_ws.data_ptr() if d_ws is not None else None, m)
            torch.cuda.synchronize()
            ref = x.double() @ w_dq.double().t()
            if gemm["has_bias"]:
                ref = ref + bias.double()
            ref = activation(gemm["activation"], ref)
            y = d_y.cpu().double()
            err = (y - ref).abs().max().item()
            scale = ref.abs().max().item()
            tol = TOLERANCE[gemm["result_type"]] * max(scale, 1e-6)
            nan = torch.isnan(y).any().item()
            ok = not nan and err <= tol
            failures += not ok
            print(f"{'PASS' if ok else 'FAIL'}: {gemm['kernel']} {fmt} "
                  f"{gemm['activation_type']}->{gemm['result_type']} "
                  f"N={n} K={k} group={group} M={m} split_k={gemm['split_k']} "
                  f"act={gemm['activation']} bias={gemm['has_bias']} "
                  f"max_err={err:.3e} max_ref={scale:.3e} nan={nan}")
    cases = len(kernels.gemms) * len(args.m.split(','))
    if args.chain:
        chained, chain_failures = check_chains(kernels, runtime, gen, args)
        cases += chained
        failures += chain_failures
    print(f"{cases - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
