#!/usr/bin/env python3
"""Broken GPU artifacts get an error from the runtime's executor, never a
crash: `plan_errors.py ARTIFACT --lib-dir DIR` copies ARTIFACT (a
`fpx-compile --target=cuda` folder), breaks one thing per copy, loads each
with fpx.load and prints `<case>: <error>` (the folder's path shown as
<dir>). The intact copy must load, run and print `intact: ok`.
"""
import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np


def edit_plan(edit):
    def apply(folder):
        plan_file = folder / "plan.json"
        plan = json.loads(plan_file.read_text())
        edit(plan)
        plan_file.write_text(json.dumps(plan))
    return apply


def first_pointer(plan, kind):
    for step in plan["steps"]:
        for slot in step.get("args", []):
            if "pointer" in slot and slot["pointer"]["buffer"] == kind:
                return slot["pointer"]
        for key in ("x", "words", "scales", "y"):
            if step.get(key) and step[key]["buffer"] == kind:
                return step[key]
    raise SystemExit(f"the test artifact has no {kind} pointer")


def set_field(path, value):
    def edit(plan):
        target = plan
        for key in path[:-1]:
            target = target[key]
        if value is None:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return edit_plan(edit)


def truncate(file, size):
    def apply(folder):
        with open(folder / file, "r+b") as f:
            f.truncate(size)
    return apply


def overwrite(file, text):
    def apply(folder):
        (folder / file).write_bytes(text)
    return apply


def remove(file):
    return lambda folder: (folder / file).unlink()


def arena_offset_past_end(plan):
    first_pointer(plan, "arena")["offset"] = plan["arena_bytes"] + 256


def unknown_weight(plan):
    first_pointer(plan, "weight")["name"] = "no.such.weight"


CASES = [
    ("intact", lambda folder: None),
    ("no plan", remove("plan.json")),
    ("not json", overwrite("plan.json", b"{\"format\": ")),
    ("old version", set_field(["version"], 1)),
    ("no steps", set_field(["steps"], None)),
    ("grid not a list", set_field(["steps", 0, "grid"], 7)),
    ("step kind", set_field(["steps", 0, "kind"], "teleport")),
    ("unknown binary", set_field(["steps", 0, "binary"], "nope")),
    ("binary outside the folder",
     set_field(["binaries", "fpx_kernels"], "../fpx_kernels.cubin")),
    ("arena offset", edit_plan(arena_offset_past_end)),
    ("input index", set_field(["outputs", 0, "pointer"],
                              {"buffer": "input", "index": 9, "offset": 0})),
    ("unknown weight", edit_plan(unknown_weight)),
    ("bad argument", set_field(["steps", 0, "args", 0], {"f64": 1.5})),
    ("corrupt kernels", overwrite("fpx_kernels.cubin", b"\x7fELF broken")),
    ("truncated weights", truncate("weights.safetensors", 5)),
    ("weights header", truncate("weights.safetensors", 64)),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("artifact")
    parser.add_argument("--lib-dir", required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "python"))
    import fpx

    with tempfile.TemporaryDirectory() as scratch:
        for name, breakage in CASES:
            folder = Path(scratch) / name.replace(" ", "-")
            shutil.copytree(args.artifact, folder)
            breakage(folder)
            try:
                model = fpx.load(str(folder), lib_dir=args.lib_dir)
                inputs = [np.zeros(s["shape"], dtype=np.float16)
                          for s in model.inputs]
                output = model(*inputs)
                model.close()
                print(f"{name}: ok {np.asarray(output).shape}")
            except fpx.FpxError as error:
                print(f"{name}: {str(error).replace(str(folder), '<dir>')}")


if __name__ == "__main__":
    main()
