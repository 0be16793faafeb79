#!/usr/bin/env python3
"""Every fusion group of a real model: GPU kernel against the CPU path.

`prepare MODEL.onnx OUT --input-shape name=2x8 --bin-dir DIR` (build machine):
imports the model, plans it (`--fpx-fusion-plan`), copies each group into a
function of its own (`--fpx-extract-fusion-groups`), generates and exports
one kernel per group, and for each group compiles its function with
`fpx-compile` and runs it with `fpx-run` on fresh random inputs (floats
normal, integers in [0, 8): small enough for the models' gathers), keeping
inputs and outputs as .npy.

`check OUT --lib-dir DIR` (GPU machine): runs each group's kernel on the
same inputs with NaN-poisoned outputs and compares with the CPU results:
max |gpu - cpu| <= 1e-4 * max |cpu| (f32; the summation order differs).
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from compare import max_relative_error, run

DTYPES = {"f32": np.float32, "f16": np.float16, "i64": np.int64,
          "i32": np.int32, "i1": np.bool_}
TOLERANCE = 1e-4


def prepare(args):
    bins = Path(args.bin_dir)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.model.endswith(".onnx"):
        imported = run([bins / "fpx-import-onnx", args.model, "--input-shape",
                        args.input_shape], capture_output=True).stdout
    else:  # MLIR text, StableHLO included: as fpx-compile lowers it
        imported = run([bins / "fpx-compile", args.model, "--emit=mlir"],
                       capture_output=True).stdout
    planned = out / "planned.mlir"
    run([bins / "fpx-opt", "-", "--inline", "--canonicalize",
         "--fpx-fusion-plan", "--fpx-extract-fusion-groups", "-o", planned],
        input=imported)
    kernels = run([bins / "fpx-opt", planned, "--fpx-gpu-fusion-kernels",
                   "--fpx-gpu-kernel-pipeline"], capture_output=True).stdout
    run([bins / "fpx-opt", "-", f"--fpx-export-gpu-binaries=directory={out}",
         "-o", "/dev/null"], input=kernels)
    manifest = json.loads((out / "manifest.json").read_text())
    rng = np.random.default_rng(7)
    for entry in manifest["fusions"]:
        name = f"{entry['function']}_group_{entry['group']}"
        artifact = out / f"{name}.fpx"
        compiled = subprocess.run(
            [str(bins / "fpx-compile"), str(planned), f"--entry={name}",
             "--quantize=none", "-o", str(artifact)], capture_output=True,
            text=True)
        if compiled.returncode != 0:
            # e.g. an i1 result (a mask), which fpx-run cannot write.
            print(f"skipped {name}: {compiled.stderr.strip().splitlines()[0]}")
            continue
        signature = json.loads((artifact / "signature.json").read_text())
        flags = []
        for i, spec in enumerate(signature["inputs"]):
            dtype = DTYPES[spec["dtype"]]
            shape = spec["shape"]
            if np.issubdtype(dtype, np.floating):
                value = rng.standard_normal(shape).astype(dtype)
            elif dtype == np.bool_:
                value = rng.integers(0, 2, shape).astype(dtype)
            else:
                value = rng.integers(0, 8, shape).astype(dtype)
            path = out / f"{name}.in{i}.npy"
            np.save(path, value)
            flags.append(f"--input={spec['name']}={path}")
        reference = out / f"{name}.ref.npz"
        run([bins / "fpx-run", artifact, *flags, f"--output={reference}"])
    print(f"prepared {len(manifest['fusions'])} groups in {out}")


def check(args):
    import torch
    sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "python"))
    from fpx.runtime import FusionKernels, Runtime
    out = Path(args.out)
    kernels = FusionKernels(out, Runtime(args.lib_dir))
    torch_types = {np.dtype(np.float32): torch.float32,
                   np.dtype(np.float16): torch.float16,
                   np.dtype(np.int64): torch.int64,
                   np.dtype(np.int32): torch.int32,
                   np.dtype(np.bool_): torch.bool}
    failures = 0
    for kernel, entry in kernels.fusions.items():
        name = f"{entry['function']}_group_{entry['group']}"
        if not (out / f"{name}.ref.npz").exists():
            print(f"skipped {kernel} ({name}): no CPU reference")
            continue
        inputs = [torch.from_numpy(np.load(out / f"{name}.in{i}.npy")).cuda()
                  for i in range(len(entry["inputs"]))]
        with np.load(out / f"{name}.ref.npz") as archive:
            refs = [archive[key] for key in archive.files]
        outs = []
        for ref in refs:
            t = torch.empty(ref.shape, dtype=torch_types[ref.dtype],
                            device="cuda")
            if t.is_floating_point():
                t.fill_(float("nan"))
            outs.append(t)
        kernels.launch(kernel, [t.data_ptr() for t in inputs + outs])
        torch.cuda.synchronize()
        worst, stray_nan = max_relative_error(outs, refs)
        bad = stray_nan or not worst <= TOLERANCE
        failures += bad
        print(f"{'FAIL' if bad else 'ok'} {kernel} ({name}, "
              f"{entry['rows']} rows x {entry['cols']}): max rel. error "
              f"{worst:.1e}")
    total = len(kernels.fusions)
    print(f"{total - failures}/{total} groups match the CPU path")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("model")
    p.add_argument("out")
    p.add_argument("--input-shape", help="ONNX models: name=2x8")
    p.add_argument("--bin-dir", required=True)
    c = sub.add_parser("check")
    c.add_argument("out")
    c.add_argument("--lib-dir")
    args = parser.parse_args()
    return prepare(args) if args.step == "prepare" else check(args)


if __name__ == "__main__":
    sys.exit(main() or 0)
