"""Helpers shared by the GPU check scripts."""
import subprocess

import numpy as np


def run(cmd, **kwargs):
    """Runs a build-machine tool, failing on a non-zero exit."""
    return subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def max_relative_error(outs, refs):
    """(max over outputs of max |got - ref| / max |ref|, whether some output
    has a NaN where its reference has none). `outs` are torch tensors on
    the GPU or NumPy arrays, `refs` NumPy arrays."""
    worst, stray_nan = 0.0, False
    for out, ref in zip(outs, refs):
        got = out.cpu().numpy() if hasattr(out, "cpu") else out
        got = np.asarray(got, dtype=np.float64)
        ref = np.asarray(ref, dtype=np.float64)
        stray_nan |= bool((np.isnan(got) & ~np.isnan(ref)).any())
        scale = max(np.nanmax(np.abs(ref)), 1e-30)
        worst = max(worst, float(np.nanmax(np.abs(got - ref)) / scale))
    return worst, stray_nan
