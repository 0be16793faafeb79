#!/usr/bin/env python3
"""Whole models compiled for the GPU against the same models on the CPU path.

`prepare MODEL OUT --bin-dir DIR [-- fpx-compile options]` (build machine):
compiles MODEL twice with the same options, for the CPU (`--target=cpu`)
and the GPU (`--target=cuda`), makes random inputs for the signature
(floats normal with standard deviation 0.5; integers in [0, 8), valid token
ids for the fixtures' vocabularies), and runs the CPU artifact with
`fpx-run`, keeping inputs and outputs in OUT.

`dlpack OUT... --lib-dir DIR` (GPU machine, with PyTorch): the same inputs
as CUDA tensors give CUDA tensors equal to the NumPy run; strided and
wrongly typed tensors are refused.

`compare OUT OUTPUTS.npz`: outputs of the GPU artifact that `fpx-run
--device=cuda` wrote, against the CPU run's, with the tolerances below.

`check OUT... --lib-dir DIR` (GPU machine): loads each GPU artifact with
`fpx.load`, poisons its intermediate buffers with NaN bytes, runs it twice
on the same inputs and compares the outputs with the CPU's:
max |gpu - cpu| <= tolerance * max |cpu| (1e-4 for f32 outputs, 2e-2 for
f16/bf16: the GPU sums in another order and in f32 where the CPU path
rounds to the narrow type), no NaN, and both runs equal (the second
replays the CUDA graph captured by the first). Also prints the mean wall
time of a forward pass (inputs already on the GPU) launched step by step
from Python and replayed as the graph.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from compare import max_relative_error, run

TOLERANCE = {"f32": 1e-4, "f16": 2e-2, "bf16": 2e-2, "i32": 0, "i64": 0}


def prepare(args):
    bins = Path(args.bin_dir)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for target, folder in (("cpu", "cpu.fpx"), (args.gpu_target, "gpu.fpx")):
        gpu_only = args.gpu_options if target != "cpu" else []
        run([bins / "fpx-compile", args.model, f"--target={target}", "-o",
             out / folder] + args.options + gpu_only)
    signature = json.loads((out / "cpu.fpx" / "signature.json").read_text())
    rng = np.random.default_rng(args.seed)
    flags = []
    for spec in signature["inputs"]:
        shape = spec["shape"]
        if spec["dtype"] in ("i32", "i64"):
            array = rng.integers(0, 8, size=shape).astype(
                np.int32 if spec["dtype"] == "i32" else np.int64)
        else:
            array = (0.5 * rng.standard_normal(shape)).astype(np.float32)
            if spec["dtype"] == "f16":
                array = array.astype(np.float16)
            elif spec["dtype"] == "bf16":
                # bf16 bit patterns (2-byte void, as fpx-run reads them).
                bits = (array.view(np.uint32) >> 16).astype("<u2")
                array = bits.view("V2")
        file = out / f"input_{len(flags)}.npy"
        np.save(file, array)
        flags.append(f"--input={spec['name']}={file}")
    run([bins / "fpx-run", out / "cpu.fpx"] + flags +
        ["--output", out / "cpu_outputs.npz"])


def loaded_models(args):
    """(folder, GPU model, its inputs) for each prepared folder."""
    import fpx

    for folder in args.out:
        out = Path(folder)
        model = fpx.load(out / "gpu.fpx", lib_dir=args.lib_dir)
        inputs = [np.load(out / f"input_{i}.npy")
                  for i in range(len(model.inputs))]
        yield out, model, inputs
        model.close()


def check(args):
    import fpx

    failures = 0
    for out, model, inputs in loaded_models(args):
        arena, arena_bytes = model.arena()
        poison = np.full(arena_bytes, 0xFF, dtype=np.uint8)
        model.device.copy(arena, poison.ctypes.data, poison.nbytes,
                          model.stream)
        first = model(*inputs)
        second = model(*inputs)
        if len(model.outputs) == 1:
            first, second = (first,), (second,)
        expected = np.load(out / "cpu_outputs.npz")
        worst = 0.0
        ok = True
        for spec, gpu, again in zip(model.outputs, first, second):
            cpu = expected[spec["name"]]
            if spec["dtype"] == "bf16":
                cpu = fpx.compiler._bf16_bits_to_float32(cpu)
            error, stray_nan = max_relative_error([gpu], [cpu])
            worst = max(worst, error)
            if (stray_nan or error > TOLERANCE[spec["dtype"]]
                    or not np.array_equal(again, gpu)):
                ok = False
        def time_us(run, repeats=50):
            run()
            model.device.synchronize(model.stream)
            start = time.perf_counter()
            for _ in range(repeats):
                run()
            model.device.synchronize(model.stream)
            return (time.perf_counter() - start) / repeats * 1e6

        eager = time_us(model.launch)
        graph = time_us(model.replay)
        mode = "graph" if model.graph_error is None \
            else f"no graph ({model.graph_error})"
        print(f"{out.name}: {model.num_launches} launches, max rel. error "
              f"{worst:.2e}, {eager:.0f} us per forward launched one by one, "
              f"{graph:.0f} us replayed ({mode}): "
              f"{'PASS' if ok else 'FAIL'}")
        failures += not ok
    return failures


def compare(args):
    """Outputs fpx-run wrote (an .npz) against the CPU run's."""
    import fpx

    got = np.load(args.outputs)
    expected = np.load(Path(args.out) / "cpu_outputs.npz")
    signature = json.loads((Path(args.out) / "cpu.fpx" /
                            "signature.json").read_text())
    failures = 0
    for spec in signature["outputs"]:
        cpu, gpu = expected[spec["name"]], got[spec["name"]]
        if spec["dtype"] == "bf16":
            cpu = fpx.compiler._bf16_bits_to_float32(cpu)
            gpu = fpx.compiler._bf16_bits_to_float32(gpu)
        error, stray_nan = max_relative_error([gpu], [cpu])
        ok = not stray_nan and error <= TOLERANCE[spec["dtype"]]
        print(f"{args.outputs}: {spec['name']} max rel. error {error:.2e}: "
              f"{'PASS' if ok else 'FAIL'}")
        failures += not ok
    return failures


def dlpack(args):
    """The same inputs as PyTorch CUDA tensors (through DLPack): the model
    returns CUDA tensors equal to its NumPy results; strided and wrongly
    typed tensors are refused."""
    import torch

    failures = 0
    import fpx

    for out, model, inputs in loaded_models(args):
        expected = model(*inputs)
        tensors = []
        for array, spec in zip(inputs, model.inputs):
            if spec["dtype"] == "bf16":
                bits = array.view("<u2").astype(np.int16)
                tensors.append(torch.from_numpy(bits).cuda().view(torch.bfloat16))
            else:
                tensors.append(torch.from_numpy(array).cuda())
        got = model(*tensors)
        if len(model.outputs) == 1:
            expected, got = (expected,), (got,)
        same = all(isinstance(g, torch.Tensor) and g.is_cuda and np.array_equal(
            g.float().cpu().numpy(), np.asarray(e, dtype=np.float32))
            for g, e in zip(got, expected))
        print(f"{out.name}: torch CUDA tensors in and out, same results as "
              f"NumPy: {'PASS' if same else 'FAIL'}")
        failures += not same
        first = tensors[0]
        # Same shape, column-major: a strided view.
        strided = first.t().contiguous().t() if first.dim() == 2 else None
        for name, bad in (("strided", strided),
                          ("dtype", first.double())):
            if bad is None:
                continue
            try:
                model(bad, *tensors[1:])
                print(f"{out.name}: {name} tensor accepted: FAIL")
                failures += 1
            except fpx.FpxError as error:
                print(f"{out.name}: {name} tensor refused: {error}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("model")
    p.add_argument("out")
    p.add_argument("--bin-dir", required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--gpu-target", default="cuda",
                   help="fpx-compile target of the GPU artifact")
    p.add_argument("--gpu-option", dest="gpu_options", action="append",
                   default=[], help="fpx-compile option for the GPU artifact only")
    c = sub.add_parser("check")
    c.add_argument("out", nargs="+")
    c.add_argument("--lib-dir", required=True)
    r = sub.add_parser("compare")
    r.add_argument("out")
    r.add_argument("outputs")
    d = sub.add_parser("dlpack")
    d.add_argument("out", nargs="+")
    d.add_argument("--lib-dir", required=True)
    # The fpx package of this source tree.
    sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "python"))
    argv = sys.argv[1:]
    options = []
    if "--" in argv:
        options = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    args = parser.parse_args(argv)
    args.options = options
    if args.command == "prepare":
        prepare(args)
    elif args.command == "compare":
        sys.exit(1 if compare(args) else 0)
    elif args.command == "dlpack":
        sys.exit(1 if dlpack(args) else 0)
    else:
        sys.exit(1 if check(args) else 0)


if __name__ == "__main__":
    main()
