// Fixtures written by fpx.export_torch and fpx.export_jax
// (Inputs/gen_python_exports.py, run on the GPU machine, which has torch,
// onnxscript and JAX): the same LayerNorm + Linear + exact GELU + Linear +
// residual block from PyTorch (ONNX, dynamo exporter, opset 18) and from
// JAX (StableHLO text; its exact GELU is chlo.erfc). Each compiles
// unchanged and matches the framework's output stored beside it.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np, sys; np.save(sys.argv[2], np.load(sys.argv[1])['x'])" \
// RUN:   %S/Inputs/exports/torch_mlp.npz %t/x.npy
// RUN: fpx-compile %S/Inputs/exports/torch_mlp.onnx -o %t/torch.fpx
// RUN: fpx-run %t/torch.fpx --input x=%t/x.npy --output %t/torch.npy
// RUN: %python %S/Inputs/max_abs_diff.py %t/torch.npy %S/Inputs/exports/torch_mlp.npz y | FileCheck %s --check-prefix=TORCH
// TORCH: max abs diff: {{[0-9.]+e-0[6-9]}}
// RUN: fpx-compile %S/Inputs/exports/jax_mlp.mlir -o %t/jax.fpx
// RUN: fpx-run %t/jax.fpx --input arg0=%t/x.npy --output %t/jax.npy
// RUN: %python %S/Inputs/max_abs_diff.py %t/jax.npy %S/Inputs/exports/jax_mlp.npz y | FileCheck %s --check-prefix=JAX
// JAX: max abs diff: {{[0-9.]+e-0[6-9]}}
