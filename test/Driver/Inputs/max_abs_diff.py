#!/usr/bin/env python3
"""Prints the largest |OUT - REF| of a model output against a stored reference.

Usage: max_abs_diff.py OUT.npy REF.npz KEY
OUT is fpx-run's output (.npy); REF[KEY] is the framework's array (e.g. the
logits torch computed when the model was exported). Shapes must agree.
"""
import sys

import numpy as np

out = np.load(sys.argv[1])
ref = np.load(sys.argv[2])[sys.argv[3]]
if out.shape != ref.shape:
    sys.exit(f"shape {out.shape} differs from the reference's {ref.shape}")
diff = np.abs(out.astype(np.float64) - ref.astype(np.float64)).max()
print(f"max abs diff: {diff:.3e}")
