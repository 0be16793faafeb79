// GEMM kernels compiled with dependent-launch (programmatic dependent
// launch: each kernel lets the next launch once all its CTAs run, fetches
// its weights, then waits for the previous kernel) on the GPU: the usual
// float64 checks at odd shapes, and chains of back-to-back launches where
// each reads the previous one's output (Inputs/check_qmatmul.py --chain),
// which would see poisoned NaN inputs if a kernel read its activations, or
// wrote the shared split-K workspace, before the previous kernel finished.
// Layouts: the cost model's (K-split), N-split with split-K 3 (a reduce
// kernel per launch), dequantize-then-dense (cuBLAS between the kernels),
// wgmma with split-K 2, and wgmma with 3 stages, two K blocks per stage and
// split-K 4 fetching its weights before the wait (before the decode waited
// for the previous block's wgmmas, whose A registers it overwrites, this
// one failed 5 of 9 chained runs on the H100: GemmCodegen.md). K = 204
// (not a multiple of 8) also puts the runtime's copy of x into padded rows
// between the chained kernels.
//
// REQUIRES: cuda, torch
// RUN: rm -rf %t && fpx-opt %s --fpx-gpu-gemm-kernels="dependent-launch=true weights-read-only=true" \
// RUN:   --fpx-gpu-kernel-pipeline | fpx-opt --fpx-export-gpu-binaries=directory=%t -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t --lib-dir %fpx_lib_dir --chain 6 | FileCheck %s
// RUN: rm -rf %t.splitk && fpx-opt %s --fpx-gpu-gemm-kernels="dependent-launch=true weights-read-only=true warp-split=n split-k=3 token-tiles=2" \
// RUN:   --fpx-gpu-kernel-pipeline | fpx-opt --fpx-export-gpu-binaries=directory=%t.splitk -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.splitk --lib-dir %fpx_lib_dir --chain 6 | FileCheck %s
// RUN: rm -rf %t.dense && fpx-opt %s --fpx-gpu-gemm-kernels="dependent-launch=true weights-read-only=true warp-split=dense" \
// RUN:   --fpx-gpu-kernel-pipeline | fpx-opt --fpx-export-gpu-binaries=directory=%t.dense -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.dense --lib-dir %fpx_lib_dir --chain 6 | FileCheck %s
// Without weights-read-only the function-argument weights are fetched after
// the wait:
// RUN: rm -rf %t.wgmma && fpx-opt %s --fpx-gpu-gemm-kernels="dependent-launch=true chip=sm_90a warp-split=wgmma split-k=2" \
// RUN:   --fpx-gpu-kernel-pipeline=chip=sm_90a | fpx-opt --fpx-export-gpu-binaries=directory=%t.wgmma -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.wgmma --lib-dir %fpx_lib_dir --chain 6 | FileCheck %s
// RUN: rm -rf %t.wgro && fpx-opt %s --fpx-gpu-gemm-kernels="dependent-launch=true weights-read-only=true chip=sm_90a warp-split=wgmma warps=8 token-tiles=8 blocks-per-stage=2 split-k=4 stages=3" \
// RUN:   --fpx-gpu-kernel-pipeline=chip=sm_90a | fpx-opt --fpx-export-gpu-binaries=directory=%t.wgro -o /dev/null
// RUN: %python %S/Inputs/check_qmatmul.py %t.wgro --lib-dir %fpx_lib_dir --chain 6 | FileCheck %s
//
// CHECK-NOT: FAIL
// CHECK: {{^}}24 passed, 0 failed

func.func @fp6_square(%x: tensor<?x1536xf16>, %w: tensor<442368xi32>, %s: tensor<1536xf16>) -> tensor<?x1536xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 1536, cols = 1536, layout = tc_fpx>}
      : (tensor<?x1536xf16>, tensor<442368xi32>, tensor<1536xf16>) -> tensor<?x1536xf16>
  return %y : tensor<?x1536xf16>
}

func.func @fp5_square_bias_silu_bf16(%x: tensor<?x520xbf16>, %w: tensor<51840xi32>, %s: tensor<520xf16>, %b: tensor<520xbf16>) -> tensor<?x520xbf16> {
  %y = fpx.qmatmul %x, %w, %s bias %b {activation = #fpx.activation<silu>, packing = #fpx.packing<format = e2m2, rows = 520, cols = 520, layout = tc_fpx>}
      : (tensor<?x520xbf16>, tensor<51840xi32>, tensor<520xf16>, tensor<520xbf16>) -> tensor<?x520xbf16>
  return %y : tensor<?x520xbf16>
}

func.func @fp6_square_odd_k(%x: tensor<?x204xf16>, %w: tensor<12288xi32>, %s: tensor<204xf16>) -> tensor<?x204xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 204, cols = 204, layout = tc_fpx>}
      : (tensor<?x204xf16>, tensor<12288xi32>, tensor<204xf16>) -> tensor<?x204xf16>
  return %y : tensor<?x204xf16>
}
