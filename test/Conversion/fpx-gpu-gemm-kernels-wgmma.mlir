// The sm_90a warpgroup GEMM: the cost model takes it for prefill-sized M
// (not for decode, and never without an sm_90a target); its PTX decodes the
// weight with integer bit operations into wgmma's register A operand, reads
// activations through a 128-byte-swizzle descriptor after cp.async, and
// assembles for sm_90a without spilling.
//
// REQUIRES: cuda-toolkit
// RUN: fpx-opt %s --fpx-gpu-gemm-kernels="chip=sm_90a report-estimates=true" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHOICE
// RUN: fpx-opt %s --fpx-gpu-gemm-kernels="report-estimates=true" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SM90
// RUN: rm -rf %t && fpx-opt %s --fpx-gpu-gemm-kernels="chip=sm_90a" \
// RUN:   --fpx-gpu-kernel-pipeline="chip=sm_90a format=isa" \
// RUN:   | fpx-opt --fpx-export-gpu-binaries=directory=%t -o /dev/null
// RUN: FileCheck %s --check-prefix=PTX < %t/fpx_kernels.ptx
// RUN: %ptxas -arch=sm_90a -v %t/fpx_kernels.ptx -o %t/k.cubin 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTXAS --implicit-check-not='{{[1-9][0-9]* bytes (spill|stack)}}'

// CHOICE: GEMM for M = 16: K-split
// CHOICE: GEMM for M = 128: wgmma, 1 row tiles per warpgroup, 8 warps, 128 tokens per CTA
// CHOICE: GEMM for M = 512: wgmma, 1 row tiles per warpgroup, 8 warps, 256 tokens per CTA
// SM90-NOT: GEMM for M = {{[0-9]+}}: wgmma

// PTX-LABEL: .entry qmatmul_1(
// PTX: cp.async.cg.shared.global
// PTX: fence.proxy.async.shared::cta;
// PTX: bar.sync
// The previous block's wgmmas finish before the decode overwrites their A
// registers (after this block's copies are issued).
// PTX: cp.async.commit_group;
// PTX-NEXT: wgmma.wait_group.sync.aligned{{[[:space:]]+}}0;
// Decoding: the sign bits of a register pair (0x80008000) stay in place.
// f16 with one scale per row: the codes go to wgmma unscaled (no f16
// multiply); the f32 sums get the row's scale times 2^12 (E3M2) after the
// loop.
// PTX: and.b32 {{.*}}, -2147450880;
// PTX-NOT: mul.rn.f16x2
// PTX: wgmma.fence.sync.aligned;
// PTX: wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16
// PTX: wgmma.commit_group.sync.aligned;
// PTX-NOT: wgmma.wait_group
// PTX: bra
// PTX: wgmma.wait_group.sync.aligned{{[[:space:]]+}}0;
// PTX: mul.rn.f32 {{.*}}, 0f45800000;
// PTX-LABEL: .entry qmatmul_2(
// bf16 keeps the scale in the decode (the smallest codes unscaled would be
// bf16 subnormals).
// PTX: mul.rn.bf16x2
// PTX: wgmma.mma_async.sync.aligned.m64n256k16.f32.bf16.bf16

// PTXAS-DAG: Compiling entry function 'qmatmul_1' for 'sm_90a'
// PTXAS-DAG: Compiling entry function 'qmatmul_2' for 'sm_90a'

func.func @decode(%x: tensor<16x8192xf16>, %w: tensor<12582912xi32>, %s: tensor<8192xf16>) -> tensor<16x8192xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 8192, cols = 8192, layout = tc_fpx>}
      : (tensor<16x8192xf16>, tensor<12582912xi32>, tensor<8192xf16>) -> tensor<16x8192xf16>
  return %y : tensor<16x8192xf16>
}

func.func @prefill128(%x: tensor<128x8192xf16>, %w: tensor<12582912xi32>, %s: tensor<8192xf16>) -> tensor<128x8192xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 8192, cols = 8192, layout = tc_fpx>}
      : (tensor<128x8192xf16>, tensor<12582912xi32>, tensor<8192xf16>) -> tensor<128x8192xf16>
  return %y : tensor<128x8192xf16>
}

func.func @prefill512(%x: tensor<512x28672xbf16>, %w: tensor<44040192xi32>, %s: tensor<8192xf16>) -> tensor<512x8192xbf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 8192, cols = 28672, layout = tc_fpx>}
      : (tensor<512x28672xbf16>, tensor<44040192xi32>, tensor<8192xf16>) -> tensor<512x8192xbf16>
  return %y : tensor<512x8192xbf16>
}
