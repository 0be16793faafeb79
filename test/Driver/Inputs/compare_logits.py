#!/usr/bin/env python3
"""Compares a quantized model's logits with an unquantized run of the same
model (and the unquantized run with the framework's own logits).

Usage: compare_logits.py REFERENCE.npy QUANTIZED.npy [FRAMEWORK.npz]
Prints the largest difference of the reference from the framework's logits
(when FRAMEWORK is given), then the top-1 agreement (fraction of positions
whose argmax agrees, and the count) and the cosine similarity of the
quantized logits with the reference, over all positions.
"""
import sys

import numpy as np

reference = np.load(sys.argv[1]).astype(np.float64)
quantized = np.load(sys.argv[2]).astype(np.float64)
vocab = reference.shape[-1]
reference, quantized = reference.reshape(-1, vocab), quantized.reshape(-1, vocab)
if len(sys.argv) > 3:
    framework = np.load(sys.argv[3])["logits"].astype(np.float64)
    framework = framework.reshape(-1, vocab)
    print(f"reference vs framework max abs: {np.abs(reference - framework).max():.3e}")
agree = int((reference.argmax(-1) == quantized.argmax(-1)).sum())
cosine = (reference * quantized).sum() / np.sqrt(
    (reference * reference).sum() * (quantized * quantized).sum())
print(f"top-1 agreement: {agree / len(reference):.4f} ({agree} of {len(reference)})")
print(f"cosine: {cosine:.5f}")
