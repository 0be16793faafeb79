#!/usr/bin/env python3
"""Benchmark of FPX's TC-FPx GEMM kernels against cuBLAS fp16, in one run.

Two steps, because kernels are compiled where MLIR is and timed where the
GPU is:

  bench_gemm.py generate --out DIR [--format e3m2]   (needs build/bin/fpx-opt)
      writes one fpx.qmatmul per (layer, M) and compiles them into DIR
      (fpx_kernels.cubin + manifest.json).
  bench_gemm.py run DIR [--out RESULTS]               (needs a GPU + torch)
      measures the device's copy bandwidth, then for every point the FPX
      kernel and torch.matmul (cuBLAS) on fp16 weights, both with rotating
      weight buffers (never L2-resident), CUDA events around batches of
      launches queued behind a sleep kernel (so launch overhead is hidden),
      warm-up, median of repetitions. Prints a markdown table; writes JSON.
"""
import argparse
import itertools
import json
import math
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = [(10240, 8192), (8192, 8192), (57344, 8192), (8192, 28672)]
MS = [1, 8, 16, 32, 64, 128, 512, 2048, 8192]
BITS = {"e3m2": 6, "e2m3": 6, "e2m2": 5, "e2m1": 4}


def num_words(fmt, n, k):
    pn, pk = -(-n // 64) * 64, -(-k // 64) * 64
    return pn * pk * BITS[fmt] // 32


def sweep_configs(m, layout="mma", stage_counts=(2, 3, 4), split_ks=(1, 2, 4),
                  bits=6):
    """Kernel configurations tried for M tokens by `generate --sweep`
    (`bits` per weight: those that need more shared memory than a CTA may
    have are left out)."""
    block = 512 * bits  # bytes of one 64x64 weight block: a chunk per bit
    if layout == "wgmma":
        for tiles in (8, 16, 32):
            if tiles > 8 and 4 * tiles >= m:
                continue
            for row_tiles in (1, 2):
                if row_tiles * tiles > 32:
                    continue
                for warps, stages, split_k, per_stage in itertools.product(
                        (4, 8), (4, 5), (1, 2, 4), (1, 2)):
                    stage = per_stage * (8 * tiles * 128 + warps // 4 * row_tiles * block)
                    if stages * stage > 227 * 1024:
                        continue
                    yield (f"{{warpgroup_mma = true, warps = {warps} : i64, "
                           f"token_tiles = {tiles} : i64, row_tiles = {row_tiles} : i64, "
                           f"split_k = {split_k} : i64, stages = {stages} : i64, "
                           f"blocks_per_stage = {per_stage} : i64}}",
                           f"wg{warps}_t{8 * tiles}_r{row_tiles}_s{stages}_k{split_k}_b{per_stage}")
        return
    tiles = max(1, min(8, -(-m // 8)))
    for along_n in ("false", "true"):
        for warps in (4, 8):
            for stages in stage_counts:
                # A weight block per warp (split K) or per row tile (split
                # N) and 1024 bytes per token tile, per stage.
                stage = (warps * (block + 1024 * tiles) if along_n == "false"
                         else warps * block + 1024 * tiles)
                if stages * stage > 227 * 1024:
                    continue
                for split_k in split_ks:
                    yield (f"{{warps = {warps} : i64, token_tiles = {tiles} : i64, "
                           f"split_k = {split_k} : i64, stages = {stages} : i64, "
                           f"warps_along_n = {along_n}}}",
                           f"w{warps}_s{stages}_k{split_k}_{'n' if along_n == 'true' else 'k'}")


def generate(args):
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    points = [(n, k, m, None, "") for n, k in LAYERS for m in MS
              if args.min_m <= m <= args.max_m]
    if args.sweep:
        layers = LAYERS if args.sweep_all_layers else LAYERS[1:]
        points = [(n, k, m, cfg, tag) for n, k in layers for m in args.sweep_ms
                  for cfg, tag in sweep_configs(m, args.sweep_layout,
                                                args.sweep_stages,
                                                args.sweep_split_k,
                                                BITS[args.format])]
    for n, k, m, cfg, tag in points:
        words = num_words(args.format, n, k)
        name = f"l{n}x{k}_m{m}" + (f"_{tag}" if tag else "")
        attr = f"fpx.gemm_config = {cfg}, " if cfg else ""
        lines.append(
            f"func.func @{name}(%x: tensor<{m}x{k}xf16>, "
            f"%w: tensor<{words}xi32>, %s: tensor<{n}xf16>) -> tensor<{m}x{n}xf16> {{\n"
            f"  %y = fpx.qmatmul %x, %w, %s {{{attr}packing = #fpx.packing<format = "
            f"{args.format}, rows = {n}, cols = {k}, layout = tc_fpx>}}\n"
            f"      : (tensor<{m}x{k}xf16>, tensor<{words}xi32>, tensor<{n}xf16>)"
            f" -> tensor<{m}x{n}xf16> loc(\"{name}\")\n"
            f"  return %y : tensor<{m}x{n}xf16>\n}}\n")
    src = out / "bench.mlir"
    src.write_text("\n".join(lines))
    opt = args.fpx_opt
    # The benchmark's random scales are small, as real LLM weights' are, so
    # the exponent-bias fix is folded into them as for constant weights.
    gemm_pass = (f"--fpx-gpu-gemm-kernels=assume-scales-fit=true chip={args.chip} "
                 f"{args.gemm_options}")
    kernels = subprocess.run(
        [str(opt), str(src), gemm_pass,
         f"--fpx-gpu-kernel-pipeline=chip={args.chip}",
         "--mlir-print-debuginfo"],
        check=True, capture_output=True).stdout
    subprocess.run([str(opt), f"--fpx-export-gpu-binaries=directory={out}",
                    "-o", "/dev/null"], input=kernels, check=True)
    print(f"wrote {out}/manifest.json")


def run(args):
    import torch
    sys.path.insert(0, str(ROOT / "python"))
    from fpx.runtime import GemmKernels, Runtime

    torch.cuda.init()
    kernels = GemmKernels(args.artifacts, Runtime(args.lib_dir))
    dev = torch.device("cuda")
    stream = torch.cuda.current_stream().cuda_stream
    l2 = torch.cuda.get_device_properties(0).L2_cache_size
    by_name = {g["location"].split('"')[1]: g for g in kernels.gemms}

    def timed(fn, reps, batch):
        """Median per-call microseconds over `reps` batches of `batch` calls."""
        times = []
        for _ in range(reps):
            torch.cuda._sleep(2_000_000)  # lets the CPU queue the batch ahead
            start = torch.cuda.Event(enable_timing=True)
            end = torch.cuda.Event(enable_timing=True)
            start.record()
            for i in range(batch):
                fn(i)
            end.record()
            end.synchronize()
            times.append(start.elapsed_time(end) * 1000 / batch)
        return statistics.median(times)

    # Copy bandwidth (read + write bytes) of a 1 GiB device-to-device copy.
    size = 1 << 30
    src = torch.empty(size, dtype=torch.uint8, device=dev)
    dst = torch.empty_like(src)
    for _ in range(3):
        dst.copy_(src)
    copy_us = timed(lambda i: dst.copy_(src), 10, 4)
    copy_gbs = 2 * size / copy_us / 1e3
    del src, dst
    print(f"copy bandwidth: {copy_gbs:.0f} GB/s", flush=True)

    if args.sweep:
        return run_sweep(args, kernels, by_name, timed, l2, copy_gbs)

    results = []
    for n, k in LAYERS:
        present = [m for m in MS if f"l{n}x{k}_m{m}" in by_name]
        gemm0 = by_name[f"l{n}x{k}_m{present[0]}"]
        words = gemm0["num_words"]
        fpx_bytes = words * 4 + n * 2
        fp16_bytes = n * k * 2
        rot_q = max(2, math.ceil(4 * l2 / fpx_bytes))
        rot_h = max(2, math.ceil(4 * l2 / fp16_bytes))
        wq = [torch.randint(-2**31, 2**31 - 1, (words,), dtype=torch.int32, device=dev)
              for _ in range(rot_q)]
        sq = [(torch.rand(n, device=dev) * 0.01 + 0.001).half() for _ in range(rot_q)]
        wh = [torch.randn(n, k, device=dev, dtype=torch.float16) * 0.02
              for _ in range(rot_h)]
        for m in present:
            gemm = by_name[f"l{n}x{k}_m{m}"]
            x = torch.randn(m, k, device=dev, dtype=torch.float16)
            y = torch.empty(m, n, device=dev, dtype=torch.float16)
            y_ref = torch.empty(m, n, device=dev, dtype=torch.float16)
            ws_bytes = kernels.workspace_bytes(gemm, m)
            ws = torch.empty(max(ws_bytes, 4) // 4, device=dev)

            def fpx_call(i):
                kernels.launch(gemm, x.data_ptr(), wq[i % rot_q].data_ptr(),
                               sq[i % rot_q].data_ptr(), None, y.data_ptr(),
                               ws.data_ptr(), m, stream)

            def cublas_call(i):
                torch.matmul(x, wh[i % rot_h].t(), out=y_ref)

            batch = 20 if m <= 512 else 5
            for _ in range(2):  # warm-up
                fpx_call(0)
                cublas_call(0)
            torch.cuda.synchronize()
            t_fpx = timed(fpx_call, args.reps, batch)
            t_cub = timed(cublas_call, args.reps, batch)
            row = {
                "n": n, "k": k, "m": m, "fpx_us": t_fpx, "cublas_us": t_cub,
                "speedup": t_cub / t_fpx,
                "fpx_weight_gbs": fpx_bytes / t_fpx / 1e3,
                "fpx_pct_copy_bw": 100 * fpx_bytes / t_fpx / 1e3 / copy_gbs,
                "cublas_weight_gbs": fp16_bytes / t_cub / 1e3,
                "split_k": gemm["split_k"], "tokens_per_cta": gemm["tokens_per_cta"],
                "warps": gemm["block_x"] // 32, "stages": gemm["stages"],
                "layout": ("dense" if gemm.get("dequant_then_dense")
                           else f"wgmma r{gemm.get('row_tiles')}" if gemm.get("warpgroup_mma")
                           else "shared" if gemm.get("dequant_to_shared")
                           else "N" if gemm.get("warps_along_n") else "K"),
            }
            results.append(row)
            print(f"{n}x{k} M={m}: fpx {t_fpx:.1f} us, cuBLAS {t_cub:.1f} us, "
                  f"x{row['speedup']:.2f}, {row['fpx_pct_copy_bw']:.0f}% of copy BW",
                  flush=True)
        del wq, sq, wh
        torch.cuda.empty_cache()

    table = ["| N x K | M | FPX µs | cuBLAS fp16 µs | speedup | FPX weight GB/s | % copy BW | config (layout warps/tokens/splitK/stages) |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        table.append(f"| {r['n']}x{r['k']} | {r['m']} | {r['fpx_us']:.1f} | "
                     f"{r['cublas_us']:.1f} | {r['speedup']:.2f}x | "
                     f"{r['fpx_weight_gbs']:.0f} | {r['fpx_pct_copy_bw']:.0f}% | "
                     f"{r['layout']} {r['warps']}/{r['tokens_per_cta']}/{r['split_k']}/{r['stages']} |")
    summary = []
    for bucket, ms in [("M<=16", [1, 8, 16]), ("M=128", [128]),
                       ("M>=512", [512, 2048, 8192])]:
        vals = [r["speedup"] for r in results if r["m"] in ms]
        if not vals:
            continue
        summary.append(f"- {bucket}: median speedup over the layers "
                       f"{statistics.median(vals):.2f}x (min {min(vals):.2f}x)")
    text = (f"copy bandwidth: {copy_gbs:.0f} GB/s\n\n" + "\n".join(table) +
            "\n\n" + "\n".join(summary) + "\n")
    print(text)
    out = Path(args.out or ".")
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_gemm.md").write_text(text)
    (out / "bench_gemm.json").write_text(json.dumps(
        {"device": torch.cuda.get_device_name(0), "copy_gbs": copy_gbs,
         "results": results}, indent=1))


def run_sweep(args, kernels, by_name, timed, l2, copy_gbs):
    """Times every configuration of a `generate --sweep` folder."""
    import torch
    dev = torch.device("cuda")
    stream = torch.cuda.current_stream().cuda_stream
    points = {}
    for name, gemm in by_name.items():
        layer_m = "_".join(name.split("_")[:2])
        points.setdefault(layer_m, []).append((name, gemm))
    rows = []
    for layer_m, variants in sorted(points.items()):
        gemm0 = variants[0][1]
        n, k = gemm0["n"], gemm0["k"]
        m = int(layer_m.split("_m")[1])
        words = gemm0["num_words"]
        rot = max(2, math.ceil(4 * l2 / (words * 4)))
        wq = [torch.randint(-2**31, 2**31 - 1, (words,), dtype=torch.int32, device=dev)
              for _ in range(rot)]
        sq = (torch.rand(n, device=dev) * 0.01 + 0.001).half()
        x = torch.randn(m, k, device=dev, dtype=torch.float16)
        y = torch.empty(m, n, device=dev, dtype=torch.float16)
        ws = torch.empty(16 * m * n, device=dev)
        for name, gemm in variants:
            def call(i):
                kernels.launch(gemm, x.data_ptr(), wq[i % rot].data_ptr(),
                               sq.data_ptr(), None, y.data_ptr(), ws.data_ptr(),
                               m, stream)
            if os.environ.get("FPX_BENCH_TRACE"):
                print(f"trying {name}", flush=True)
            try:
                call(0)
                if os.environ.get("FPX_BENCH_TRACE"):
                    torch.cuda.synchronize()
            except Exception as error:  # e.g. more shared memory than the GPU has
                print(f"skipped {name}: {error}")
                continue
            t = timed(call, 7, 20)
            rows.append({"point": layer_m, "config": name[len(layer_m) + 1:],
                         "us": t, "pct_copy_bw": 100 * words * 4 / t / 1e3 / copy_gbs})
        best = min((r for r in rows if r["point"] == layer_m), key=lambda r: r["us"])
        print(f"{layer_m}: best {best['config']} {best['us']:.1f} us "
              f"({best['pct_copy_bw']:.0f}% copy BW)", flush=True)
        del wq
    out = Path(args.out or ".")
    out.mkdir(parents=True, exist_ok=True)
    (out / "sweep.json").write_text(json.dumps({"copy_gbs": copy_gbs, "rows": rows}, indent=1))


def table(args):
    """The fastest configuration of each point of a `run --sweep` result, as
    the tuning table `--fpx-gpu-gemm-kernels=tuning-table=` reads."""
    result = json.loads(Path(args.sweep_result).read_text())
    best = {}
    for row in result["rows"]:
        point = re.fullmatch(r"l(\d+)x(\d+)_m(\d+)", row["point"])
        config = (re.fullmatch(r"w(\d+)_s(\d+)_k(\d+)_([kn])", row["config"])
                  or re.fullmatch(r"wg(\d+)_t(\d+)_r(\d+)_s(\d+)_k(\d+)_b(\d+)",
                                  row["config"]))
        if not point or not config:
            raise SystemExit(f"unexpected sweep row {row}")
        if row["point"] not in best or row["us"] < best[row["point"]][0]:
            best[row["point"]] = (row["us"], point, config)
    entries = []
    for us, point, config in sorted(best.values(),
                                    key=lambda v: v[1].group(0)):
        n, k, m = (int(v) for v in point.groups())
        if config.re.pattern.startswith("wg"):
            # wgmma: the token tile is part of the measured shape.
            warps, tokens, rows, stages, split_k, per_stage = (
                int(v) for v in config.groups())
            fields = {"warpgroup_mma": True, "warps": warps,
                      "token_tiles": tokens // 8, "row_tiles": rows,
                      "split_k": split_k, "stages": stages,
                      "blocks_per_stage": per_stage}
        else:
            warps, stages, split_k = (int(v) for v in config.groups()[:3])
            # No token_tiles: the tile count follows the op's own M (the
            # cost model's), not the M the entry was measured at.
            fields = {"warps": warps, "split_k": split_k, "stages": stages,
                      "warps_along_n": config.group(4) == "n"}
        entries.append({"n": n, "k": k, "m": m, "format": args.format,
                        "us": round(us, 2), "config": fields})
    table = {"device": result.get("device", args.device), "entries": entries}
    Path(args.out).write_text(json.dumps(table, indent=1) + "\n")
    print(f"wrote {args.out}: {len(entries)} entries")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--out", required=True)
    g.add_argument("--format", default="e3m2", choices=sorted(BITS))
    g.add_argument("--fpx-opt", default=str(ROOT / "build" / "bin" / "fpx-opt"))
    g.add_argument("--gemm-options", default="",
                   help="options of fpx-gpu-gemm-kernels, e.g. warp-split=shared")
    g.add_argument("--min-m", type=int, default=1, help="skip smaller M")
    g.add_argument("--max-m", type=int, default=1 << 30, help="skip larger M")
    g.add_argument("--chip", default="sm_90a",
                   help="target SM (sm_90a lets the cost model use wgmma)")
    g.add_argument("--sweep-layout", choices=["mma", "wgmma"], default="mma",
                   help="configurations of the mma.sync layouts or of wgmma")
    g.add_argument("--sweep", action="store_true",
                   help="many configurations per point, to calibrate the cost model")
    g.add_argument("--sweep-ms", type=int, nargs="+", default=[1, 16, 128])
    g.add_argument("--sweep-stages", type=int, nargs="+", default=[2, 3, 4],
                   help="pipeline depths of the mma.sync sweep")
    g.add_argument("--sweep-split-k", type=int, nargs="+", default=[1, 2, 4],
                   help="split-K factors of the mma.sync sweep")
    g.add_argument("--sweep-all-layers", action="store_true",
                   help="sweep 10240x8192 too")
    t = sub.add_parser("table", help="tuning table from a sweep's results")
    t.add_argument("sweep_result")
    t.add_argument("--out", required=True)
    t.add_argument("--format", default="e3m2", choices=sorted(BITS))
    t.add_argument("--device", default="unknown")
    r = sub.add_parser("run")
    r.add_argument("artifacts")
    r.add_argument("--lib-dir")
    r.add_argument("--out")
    r.add_argument("--reps", type=int, default=15)
    r.add_argument("--sweep", action="store_true",
                   help="time every configuration of a generate --sweep folder")
    args = parser.parse_args()
    {"generate": generate, "run": run, "table": table}[args.cmd](args)


if __name__ == "__main__":
    main()
