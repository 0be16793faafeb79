// Runs the kernels generated for fusion groups on the GPU against a float64
// reference: add + RMSNorm, LayerNorm + GELU, SiLU * up, softmax with scale
// and causal mask, RoPE and a per-head RMSNorm through reshapes
// (python/fpx/fusion_patterns.py), at odd shapes
// that take every launch shape the cost model picks (8 to 1024 threads per
// row, several rows per block, 1 to 4 chunks per thread, a predicated last
// chunk, a partial last block, scalar accesses for unaligned rows, rows
// too long for registers streamed in chunk loops, chunks past a causal
// mask's diagonal left unloaded), on
// random data with NaN-poisoned outputs. See Inputs/check_fusion.py.
//
// REQUIRES: cuda, torch
// RUN: %python %S/Inputs/check_fusion.py emit > %t.mlir
// RUN: rm -rf %t && fpx-opt %t.mlir --fpx-fusion-plan --fpx-gpu-fusion-kernels \
// RUN:   --fpx-gpu-kernel-pipeline | fpx-opt --fpx-export-gpu-binaries=directory=%t -o /dev/null
// RUN: %python %S/Inputs/check_fusion.py check %t --lib-dir %fpx_lib_dir | FileCheck %s
// The same kernels as programmatic dependent launches:
// RUN: rm -rf %t.dl && fpx-opt %t.mlir --fpx-fusion-plan --fpx-gpu-fusion-kernels --fpx-gpu-dependent-launch \
// RUN:   --fpx-gpu-kernel-pipeline | fpx-opt --fpx-export-gpu-binaries=directory=%t.dl -o /dev/null
// RUN: %python %S/Inputs/check_fusion.py check %t.dl --lib-dir %fpx_lib_dir | FileCheck %s

// CHECK-NOT: FAIL
// CHECK: 23/23 fusion kernels match the float64 reference
