// The wgmma layout needs an sm_90a target, at most 128 accumulators per
// thread and at least 3 pipeline stages; more than one K block per stage is a wgmma
// option only.
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="warp-split=wgmma" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TARGET
// TARGET: error: fpx-gpu-gemm-kernels: warp-split=wgmma needs chip=sm_90a (wgmma is an sm_90a instruction), got chip=sm_90
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="chip=sm_90a warp-split=wgmma row-tiles=2 token-tiles=32" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ACCUMULATORS
// ACCUMULATORS: error: 'fpx.qmatmul' op cannot run on the GPU: the warpgroup GEMM holds at most 128 accumulators per thread (row tiles x tokens <= 256)
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="chip=sm_90a warp-split=wgmma stages=2" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=STAGES
// STAGES: error: 'fpx.qmatmul' op cannot run on the GPU: the warpgroup GEMM takes 4 or 8 warps, up to 256 tokens per CTA and at least 3 stages
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="warp-split=n blocks-per-stage=2" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BLOCKS
// BLOCKS: error: 'fpx.qmatmul' op cannot run on the GPU: blocks per stage: 1 to 4, more than 1 only with the warpgroup GEMM

func.func @prefill(%x: tensor<128x512xf16>, %w: tensor<24576xi32>, %s: tensor<256xf16>) -> tensor<128x256xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 256, cols = 512, layout = tc_fpx>}
      : (tensor<128x512xf16>, tensor<24576xi32>, tensor<256xf16>) -> tensor<128x256xf16>
  return %y : tensor<128x256xf16>
}
