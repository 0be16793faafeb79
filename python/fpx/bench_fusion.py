#!/usr/bin/env python3
"""Fused memory-bound blocks against torch eager and torch.compile (Inductor).

Two steps, because the GPU machine has no MLIR:

  generate OUT   (build machine) writes the patterns of fusion_patterns.py
                 at T tokens x hidden 8192 (fp16), plans them with
                 --fpx-fusion-plan, generates one kernel per group and
                 exports the cubin + manifest to OUT;
  run OUT        (GPU machine) times each FPX kernel, the same block in
                 torch eager and under torch.compile, in one run, and the
                 device's copy bandwidth; prints a markdown table and writes
                 OUT/results.json.

Each implementation's `--inner` back-to-back calls are captured in one CUDA
graph and replayed between CUDA events (median of `--reps`): the figures
are GPU time per call, without Python's or the driver's launch overhead,
for all three alike. `generate --sweep` also writes the T = 4096 kernels
with each forced threads-per-row into OUT/sweep-<n>/, and `run --sweep`
times them, to check the cost model's choice.

Bytes are what the block must move at least: its inputs read once and its
results written once (the same for all three implementations).
"""
import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fpx import fusion_patterns as patterns  # noqa: E402

TOKENS = (16, 4096, 32768)
HIDDEN = 8192
SWEEP = (2, 4, 8, 16, 128, 256, 512, 1024)


def generate(args):
    root = Path(__file__).resolve().parents[2]
    fpx_opt = Path(args.fpx_opt or root / "build" / "bin" / "fpx-opt")
    functions = [(n, t, HIDDEN, f"_t{t}") for n in args.patterns
                 for t in args.tokens]
    text = patterns.module(functions)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "patterns.mlir").write_text(text)
    options = []
    if args.fast_math:
        options.append("fast-math=true")
    if args.no_masked_load_skipping:
        options.append("skip-masked-loads=false")
    kernels = "--fpx-gpu-fusion-kernels"
    if options:
        kernels += "=" + " ".join(options)
    passes = ["--fpx-fusion-plan", kernels]
    if args.dependent_launch:
        passes.append("--fpx-gpu-dependent-launch")
    planned = subprocess.run(
        [fpx_opt, "-", *passes, "--fpx-gpu-kernel-pipeline"], input=text,
        capture_output=True, text=True, check=True).stdout
    subprocess.run([fpx_opt, "-", f"--fpx-export-gpu-binaries=directory={out}",
                    "-o", "/dev/null"], input=planned, text=True, check=True)
    print(f"wrote {out}")
    if not args.sweep:
        return
    for tpr in SWEEP:
        # Row blocks per pattern: RoPE rows are 16 vectors, the others 1024.
        names = [n for n in args.patterns if (n == "rope") == (tpr <= 16)]
        text = patterns.module([(n, 4096, HIDDEN, "_t4096") for n in names])
        sweep = out / f"sweep-{tpr}"
        planned = subprocess.run(
            [fpx_opt, "-", "--fpx-fusion-plan",
             f"--fpx-gpu-fusion-kernels=threads-per-row={tpr}"
             + (" fast-math=true" if args.fast_math else ""),
             "--fpx-gpu-kernel-pipeline"], input=text, capture_output=True,
            text=True, check=True).stdout
        subprocess.run([fpx_opt, "-",
                        f"--fpx-export-gpu-binaries=directory={sweep}",
                        "-o", "/dev/null"], input=planned, text=True,
                       check=True)
    print(f"wrote {out}/sweep-*")


def torch_blocks():
    import torch
    import torch.nn.functional as F

    def add_rmsnorm(x, res, g):
        h = x + res
        hf = h.float()
        y = hf * torch.rsqrt(hf.pow(2).mean(-1, keepdim=True) + patterns.EPS)
        return h, (y * g.float()).half()

    def layernorm_gelu(x, gamma, beta):
        return F.gelu(F.layer_norm(x, (x.shape[-1],), gamma, beta,
                                   patterns.EPS))

    def silu_mul(gate, up):
        return F.silu(gate) * up

    def softmax(x):
        t, h = x.shape
        rows = torch.arange(t, device=x.device)[:, None] + max(h - t, 0)
        cols = torch.arange(h, device=x.device)[None, :]
        s = x.float() * (1.0 / patterns.HEAD_DIM ** 0.5)
        s = s.masked_fill(cols > rows, float("-inf"))
        return torch.softmax(s, dim=-1).half()

    def rope(x, cos, sin):
        half = x.shape[-1] // 2
        rot = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
        return x * cos[:, None, :] + rot * sin[:, None, :]

    return {"add_rmsnorm": add_rmsnorm, "layernorm_gelu": layernorm_gelu,
            "silu_mul": silu_mul, "softmax": softmax, "rope": rope}


def time_us(fn, inner, reps):
    """GPU microseconds per call of `fn`, replayed from a CUDA graph."""
    import torch
    stream = torch.cuda.Stream()
    stream.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(stream):
        for _ in range(3):
            fn()
    torch.cuda.current_stream().wait_stream(stream)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        for _ in range(inner):
            fn()
    start = torch.cuda.Event(enable_timing=True)
    stop = torch.cuda.Event(enable_timing=True)
    graph.replay()
    samples = []
    for _ in range(reps):
        start.record()
        graph.replay()
        stop.record()
        stop.synchronize()
        samples.append(start.elapsed_time(stop) * 1e3 / inner)
    return statistics.median(samples)


def copy_bandwidth(reps):
    """Device-to-device copy of 1 GiB, read + written, between events (not
    from a graph: captured copies become copy-engine nodes, which are
    slower than the copy kernel that eager copies use)."""
    import torch
    src = torch.empty(1 << 30, dtype=torch.uint8, device="cuda")
    dst = torch.empty_like(src)
    start = torch.cuda.Event(enable_timing=True)
    stop = torch.cuda.Event(enable_timing=True)
    dst.copy_(src)
    samples = []
    for _ in range(reps):
        start.record()
        dst.copy_(src)
        stop.record()
        stop.synchronize()
        samples.append(start.elapsed_time(stop) * 1e3)
    return 2 * src.numel() / (statistics.median(samples) * 1e-6) / 1e9


def run(args):
    import torch
    from fpx.runtime import FusionKernels, Runtime
    kernels = FusionKernels(args.out, Runtime(args.lib_dir))
    blocks = torch_blocks()
    compiled = {n: torch.compile(f, dynamic=False) for n, f in blocks.items()}
    bandwidth = copy_bandwidth(args.reps)
    props = torch.cuda.get_device_properties(0)
    rows = []
    for kernel, entry in kernels.fusions.items():
        name, tokens = kernel.removeprefix("fusion_").rsplit("_t", 1)
        tokens = int(tokens.split("_")[0])
        gen = torch.Generator(device="cuda").manual_seed(tokens)
        args_ = [torch.randn(a["shape"], device="cuda", generator=gen,
                             dtype=torch.float16) for a in entry["inputs"]]
        outs = [torch.empty(r["shape"], device="cuda", dtype=torch.float16)
                for r in entry["results"]]
        pointers = [t.data_ptr() for t in args_ + outs]
        nbytes = sum(t.numel() * t.element_size() for t in args_ + outs)
        inner = args.inner if tokens <= 16 else max(1, args.inner // 10)
        fpx_us = time_us(lambda: kernels.launch(
            kernel, pointers, torch.cuda.current_stream().cuda_stream),
            inner, args.reps)
        eager_us = time_us(lambda: blocks[name](*args_), inner, args.reps)
        inductor_us = time_us(lambda: compiled[name](*args_), inner, args.reps)
        # The kernels compute the same block: check before reporting.
        ref = blocks[name](*args_)
        ref = ref if isinstance(ref, tuple) else (ref,)
        err = max(float((o.float() - r.float()).abs().max() /
                        r.float().abs().max().clamp_min(1e-30))
                  for o, r in zip(outs, ref))
        gbs = nbytes / (fpx_us * 1e-6) / 1e9
        rows.append({"block": name, "tokens": tokens, "kernel": kernel,
                     "threads_per_row": entry["threads_per_row"],
                     "bytes": nbytes, "fpx_us": fpx_us, "fpx_gbs": gbs,
                     "pct_copy": 100 * gbs / bandwidth, "eager_us": eager_us,
                     "inductor_us": inductor_us,
                     "inductor_pct_copy": 100 * nbytes / (inductor_us * 1e-6)
                     / 1e9 / bandwidth,
                     "vs_inductor": inductor_us / fpx_us,
                     "vs_eager": eager_us / fpx_us, "max_rel_err": err})
        print(f"{kernel}: {fpx_us:.1f} us", file=sys.stderr, flush=True)
    result = {"device": props.name, "copy_gbs": bandwidth, "rows": rows,
              "torch": torch.__version__}
    Path(args.out, "results.json").write_text(json.dumps(result, indent=1))
    print(f"Device: {props.name}; copy bandwidth {bandwidth:.0f} GB/s; "
          f"torch {torch.__version__}\n")
    print("| block | T | FPX us | FPX GB/s | % copy | eager us | Inductor us "
          "| Inductor % copy | vs Inductor | vs eager | max rel. err |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['block']} | {r['tokens']} | {r['fpx_us']:.1f} | "
              f"{r['fpx_gbs']:.0f} | {r['pct_copy']:.0f}% | "
              f"{r['eager_us']:.1f} | {r['inductor_us']:.1f} | "
              f"{r['inductor_pct_copy']:.0f}% | {r['vs_inductor']:.2f}x | "
              f"{r['vs_eager']:.2f}x | {r['max_rel_err']:.1e} |")


def run_sweep(args):
    import torch
    from fpx.runtime import FusionKernels, Runtime
    runtime = Runtime(args.lib_dir)
    timings = {}
    for tpr in SWEEP:
        # (A sweep point that generated no pattern has no kernels.)
        kernels = FusionKernels(Path(args.out, f"sweep-{tpr}"), runtime)
        for kernel, entry in kernels.fusions.items():
            bufs = [torch.randn(a["shape"], device="cuda",
                                dtype=torch.float16)
                    for a in entry["inputs"] + entry["results"]]
            pointers = [t.data_ptr() for t in bufs]
            timings.setdefault(kernel, {})[tpr] = time_us(
                lambda: kernels.launch(
                    kernel, pointers, torch.cuda.current_stream().cuda_stream),
                10, args.reps)
    print("\n| kernel (T = 4096) | " +
          " | ".join(f"{t} threads/row" for t in SWEEP) + " |")
    print("|---" * (len(SWEEP) + 1) + "|")
    for kernel, row in timings.items():
        print(f"| {kernel} | " + " | ".join(
            f"{row[t]:.1f}" if t in row else "" for t in SWEEP) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("out")
    gen.add_argument("--fpx-opt")
    gen.add_argument("--dependent-launch", action="store_true",
                     help="kernels for programmatic dependent launch: "
                          "back-to-back calls overlap (sm_90)")
    gen.add_argument("--tokens", type=int, nargs="+", default=list(TOKENS))
    gen.add_argument("--sweep", action="store_true")
    gen.add_argument("--no-masked-load-skipping", action="store_true",
                     help="generate with --fpx-gpu-fusion-kernels="
                          "skip-masked-loads=false (for comparison)")
    gen.add_argument("--fast-math", action="store_true",
                     help="generate with --fpx-gpu-fusion-kernels=fast-math=true")
    gen.add_argument("--patterns", nargs="+", default=list(patterns.PATTERNS))
    runp = sub.add_parser("run")
    runp.add_argument("out")
    runp.add_argument("--lib-dir")
    runp.add_argument("--reps", type=int, default=30)
    runp.add_argument("--inner", type=int, default=100)
    runp.add_argument("--sweep", action="store_true")
    args = parser.parse_args()
    if args.step == "generate":
        generate(args)
    else:
        run(args)
        if args.sweep:
            run_sweep(args)


if __name__ == "__main__":
    main()
