#!/usr/bin/env python3
"""Kernels per forward pass: FPX's plan against torch eager and Inductor.

  fpx PLANNED.mlir      (build machine) counts what the planned entry
                        function would launch: one kernel per fusion group
                        and per other op that computes (matmuls, ops left
                        unfused); tensor.empty, constants, reshapes (views)
                        and linalg.fill (folded into the matmul that
                        initializes from it) launch nothing.
  torch --model NAME    (GPU machine) builds the tiny HF model of
                        test/Frontend/ONNX/Inputs/export_models.py and
                        counts the CUDA kernels one forward pass on 2 x 8
                        tokens launches in eager mode and under
                        torch.compile (torch.profiler, after warm-up).
"""
import argparse
import collections
import re
import sys
from pathlib import Path

NO_KERNEL = {"tensor.empty", "arith.constant", "tensor.expand_shape",
             "tensor.collapse_shape", "linalg.fill", "func.return"}


def count_fpx(path):
    text = Path(path).read_text()
    counts = collections.Counter()
    depth = 0
    for line in text.splitlines():
        # Top-level ops of functions: inside a func body, outside groups.
        if depth == 2 or (depth == 1 and "func.func" not in line):
            match = re.match(r"\s*(?:%[\w#:]+(?:, %[\w#:]+)* = )?"
                             r"\"?([a-z_]+\.[a-z_.]+)", line)
            if match and depth == 2:
                counts[match[1]] += 1
        depth += line.count("{") - line.count("}")
    kernels = {op: n for op, n in counts.items() if op not in NO_KERNEL}
    for op, n in sorted(kernels.items(), key=lambda kv: -kv[1]):
        print(f"{n:4d} {op}")
    print(f"{sum(kernels.values()):4d} kernels "
          f"({counts['fpx_fusion.group']} fused groups)")


def count_torch(model_name):
    import torch
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "test" /
                           "Frontend" / "ONNX" / "Inputs"))
    import export_models
    torch.manual_seed(0)
    model = export_models.MODELS[model_name]().eval().cuda()
    ids = torch.randint(0, 256, (2, 8), device="cuda")

    def kernels(fn):
        with torch.no_grad():
            for _ in range(3):
                fn()
            torch.cuda.synchronize()
            with torch.profiler.profile(
                    activities=[torch.profiler.ProfilerActivity.CUDA]) as prof:
                fn()
                torch.cuda.synchronize()
        return sum(1 for e in prof.events()
                   if e.device_type == torch.autograd.DeviceType.CUDA)

    compiled = torch.compile(model)
    print(f"{model_name}: eager {kernels(lambda: model(ids))} kernels, "
          f"Inductor {kernels(lambda: compiled(ids))} kernels "
          f"(torch {torch.__version__})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="side", required=True)
    fpx = sub.add_parser("fpx")
    fpx.add_argument("planned")
    tor = sub.add_parser("torch")
    tor.add_argument("--model", choices=["llama", "gpt2"], default="llama")
    args = parser.parse_args()
    if args.side == "fpx":
        count_fpx(args.planned)
    else:
        count_torch(args.model)


if __name__ == "__main__":
    main()
