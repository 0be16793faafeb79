// Runs generated TC-FPx GEMM kernels on the GPU against a float64 CPU
// reference at odd shapes (N, K not multiples of the 64x64 tiles, K odd or
// not a multiple of 8 as well; M = 1, 3, 17, 129 through one dynamic-M
// kernel each), for FP6/FP5/FP4, f16/bf16,
// split-K and fused bias + activation, scales folded with the exponent-bias
// fix or applied separately (then with channels of large magnitude). See
// Inputs/check_qmatmul.py.
//
// REQUIRES: cuda, torch
// RUN: rm -rf %t && fpx-opt %s --fpx-gpu-gemm-kernels --fpx-gpu-kernel-pipeline \
// RUN:   | fpx-opt --fpx-export-gpu-binaries=directory=%t -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t --lib-dir %fpx_lib_dir | FileCheck %s
//
// The same layers with split-K forced (3 K-slices, partial sums reduced by a
// second kernel) and a 2-stage pipeline of 4 warps:
// RUN: rm -rf %t.splitk && fpx-opt %s --fpx-gpu-gemm-kernels="split-k=3 warps=4 stages=2 token-tiles=1 assume-scales-fit=true" \
// RUN:   --fpx-gpu-kernel-pipeline | fpx-opt --fpx-export-gpu-binaries=directory=%t.splitk -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.splitk --lib-dir %fpx_lib_dir | FileCheck %s
//
// Warps splitting N and sharing the activation tile, the larger-M layout:
// RUN: rm -rf %t.alongn && fpx-opt %s --fpx-gpu-gemm-kernels="warp-split=n token-tiles=2 assume-scales-fit=true" \
// RUN:   --fpx-gpu-kernel-pipeline | fpx-opt --fpx-export-gpu-binaries=directory=%t.alongn -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.alongn --lib-dir %fpx_lib_dir | FileCheck %s
//
// Weights dequantized once into shared memory for 128-token tiles:
// RUN: rm -rf %t.shared && fpx-opt %s --fpx-gpu-gemm-kernels="warp-split=shared" \
// RUN:   --fpx-gpu-kernel-pipeline | fpx-opt --fpx-export-gpu-binaries=directory=%t.shared -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.shared --lib-dir %fpx_lib_dir | FileCheck %s
// RUN: rm -rf %t.shared2 && fpx-opt %s --fpx-gpu-gemm-kernels="warp-split=shared split-k=2" \
// RUN:   --fpx-gpu-kernel-pipeline | fpx-opt --fpx-export-gpu-binaries=directory=%t.shared2 -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.shared2 --lib-dir %fpx_lib_dir | FileCheck %s
//
// Weights decoded into a dense workspace, then the runtime's cuBLAS GEMM
// (with the reduce kernel applying bias, activation and result type):
// RUN: rm -rf %t.dense && fpx-opt %s --fpx-gpu-gemm-kernels="warp-split=dense" \
// RUN:   --fpx-gpu-kernel-pipeline | fpx-opt --fpx-export-gpu-binaries=directory=%t.dense -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.dense --lib-dir %fpx_lib_dir | FileCheck %s
//
// sm_90a: warpgroups decoding into wgmma's register A operand, with the
// cost model's configuration and three fixed ones (two warpgroups of two
// row tiles with split-K; one row tile of 256 tokens; two K blocks per
// pipeline stage with split-K 3):
// RUN: rm -rf %t.wgmma && fpx-opt %s --fpx-gpu-gemm-kernels="chip=sm_90a warp-split=wgmma" \
// RUN:   --fpx-gpu-kernel-pipeline=chip=sm_90a | fpx-opt --fpx-export-gpu-binaries=directory=%t.wgmma -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.wgmma --lib-dir %fpx_lib_dir | FileCheck %s
// RUN: rm -rf %t.wgmma2 && fpx-opt %s --fpx-gpu-gemm-kernels="chip=sm_90a warp-split=wgmma warps=8 row-tiles=2 token-tiles=8 split-k=2 stages=4" \
// RUN:   --fpx-gpu-kernel-pipeline=chip=sm_90a | fpx-opt --fpx-export-gpu-binaries=directory=%t.wgmma2 -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.wgmma2 --lib-dir %fpx_lib_dir | FileCheck %s
// RUN: rm -rf %t.wgmma3 && fpx-opt %s --fpx-gpu-gemm-kernels="chip=sm_90a warp-split=wgmma row-tiles=1 token-tiles=32 stages=5 assume-scales-fit=true" \
// RUN:   --fpx-gpu-kernel-pipeline=chip=sm_90a | fpx-opt --fpx-export-gpu-binaries=directory=%t.wgmma3 -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.wgmma3 --lib-dir %fpx_lib_dir | FileCheck %s
// RUN: rm -rf %t.wgmma4 && fpx-opt %s --fpx-gpu-gemm-kernels="chip=sm_90a warp-split=wgmma warps=4 row-tiles=1 token-tiles=16 split-k=3 stages=4 blocks-per-stage=2" \
// RUN:   --fpx-gpu-kernel-pipeline=chip=sm_90a | fpx-opt --fpx-export-gpu-binaries=directory=%t.wgmma4 -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.wgmma4 --lib-dir %fpx_lib_dir | FileCheck %s
//
// CHECK-NOT: FAIL
// CHECK: {{^}}32 passed, 0 failed

!x = tensor<?x200xf16>
func.func @fp6_odd(%x: !x, %w: tensor<15360xi32>, %s: tensor<300xf16>) -> tensor<?x300xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 300, cols = 200, layout = tc_fpx>}
      : (!x, tensor<15360xi32>, tensor<300xf16>) -> tensor<?x300xf16>
  return %y : tensor<?x300xf16>
}

func.func @fp6_bias_silu(%x: tensor<?x72xf16>, %w: tensor<24576xi32>, %s: tensor<1000xf16>, %b: tensor<1000xf16>) -> tensor<?x1000xf16> {
  %y = fpx.qmatmul %x, %w, %s bias %b {activation = #fpx.activation<silu>, packing = #fpx.packing<format = e3m2, rows = 1000, cols = 72, layout = tc_fpx>}
      : (tensor<?x72xf16>, tensor<24576xi32>, tensor<1000xf16>, tensor<1000xf16>) -> tensor<?x1000xf16>
  return %y : tensor<?x1000xf16>
}

func.func @fp5_bf16(%x: tensor<?x520xbf16>, %w: tensor<17280xi32>, %s: tensor<130xf16>) -> tensor<?x130xbf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e2m2, rows = 130, cols = 520, layout = tc_fpx>}
      : (tensor<?x520xbf16>, tensor<17280xi32>, tensor<130xf16>) -> tensor<?x130xbf16>
  return %y : tensor<?x130xbf16>
}

func.func @fp4_f32_gelu(%x: tensor<?x256xf16>, %w: tensor<8192xi32>, %s: tensor<250xf16>, %b: tensor<250xf32>) -> tensor<?x250xf32> {
  %y = fpx.qmatmul %x, %w, %s bias %b {activation = #fpx.activation<gelu_tanh>, packing = #fpx.packing<format = e2m1, rows = 250, cols = 256, layout = tc_fpx>}
      : (tensor<?x256xf16>, tensor<8192xi32>, tensor<250xf16>, tensor<250xf32>) -> tensor<?x250xf32>
  return %y : tensor<?x250xf32>
}

// Group-wise scales: FP4 in groups of 32 K elements (K = 200 leaves a last,
// partial group), FP6 in groups of 128.
func.func @fp4_group32(%x: tensor<?x200xf16>, %w: tensor<10240xi32>, %s: tensor<300x7xf16>) -> tensor<?x300xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e2m1, rows = 300, cols = 200, group_size = 32, layout = tc_fpx>}
      : (tensor<?x200xf16>, tensor<10240xi32>, tensor<300x7xf16>) -> tensor<?x300xf16>
  return %y : tensor<?x300xf16>
}

func.func @fp6_group128_bf16(%x: tensor<?x512xbf16>, %w: tensor<12288xi32>, %s: tensor<128x4xf16>) -> tensor<?x128xbf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 128, cols = 512, group_size = 128, layout = tc_fpx>}
      : (tensor<?x512xbf16>, tensor<12288xi32>, tensor<128x4xf16>) -> tensor<?x128xbf16>
  return %y : tensor<?x128xbf16>
}

// K not a multiple of 8: the runtime copies x into rows of K rounded up to
// 8 (16-byte aligned) before the kernel; odd K, and K = 60 with bf16.
func.func @fp6_odd_k(%x: tensor<?x203xf16>, %w: tensor<9216xi32>, %s: tensor<150xf16>) -> tensor<?x150xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 150, cols = 203, layout = tc_fpx>}
      : (tensor<?x203xf16>, tensor<9216xi32>, tensor<150xf16>) -> tensor<?x150xf16>
  return %y : tensor<?x150xf16>
}

func.func @fp4_k60_bf16(%x: tensor<?x60xbf16>, %w: tensor<1024xi32>, %s: tensor<70xf16>) -> tensor<?x70xbf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e2m1, rows = 70, cols = 60, layout = tc_fpx>}
      : (tensor<?x60xbf16>, tensor<1024xi32>, tensor<70xf16>) -> tensor<?x70xbf16>
  return %y : tensor<?x70xbf16>
}
