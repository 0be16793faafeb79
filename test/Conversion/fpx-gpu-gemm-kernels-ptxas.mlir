// The generated kernels assemble with ptxas for sm_90 (and sm_80) without
// spilling registers to local memory.
//
// REQUIRES: cuda-toolkit
// RUN: rm -rf %t && fpx-opt %s --fpx-gpu-gemm-kernels --fpx-gpu-kernel-pipeline="format=isa" \
// RUN:   | fpx-opt --fpx-export-gpu-binaries=directory=%t -o /dev/null
// RUN: %ptxas -arch=sm_90 -v %t/fpx_kernels.ptx -o %t/k.cubin 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{[1-9][0-9]* bytes (spill|stack)}}'
// RUN: rm -rf %t.80 && fpx-opt %s --fpx-gpu-gemm-kernels \
// RUN:   --fpx-gpu-kernel-pipeline="chip=sm_80 features=+ptx80 format=isa" \
// RUN:   | fpx-opt --fpx-export-gpu-binaries=directory=%t.80 -o /dev/null
// RUN: %ptxas -arch=sm_80 -v %t.80/fpx_kernels.ptx -o %t.80/k.cubin 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{[1-9][0-9]* bytes (spill|stack)}}'

// ptxas reports the functions in no fixed order; no line anywhere may report
// a non-zero spill or stack frame.
// CHECK-DAG: Compiling entry function 'qmatmul_0'
// CHECK-DAG: Compiling entry function 'qmatmul_1'


// LLaMA-70B decode shapes: FP6 at M = 1 and 16 tokens.
func.func @m1(%x: tensor<1x8192xf16>, %w: tensor<12582912xi32>, %s: tensor<8192xf16>) -> tensor<1x8192xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 8192, cols = 8192, layout = tc_fpx>}
      : (tensor<1x8192xf16>, tensor<12582912xi32>, tensor<8192xf16>) -> tensor<1x8192xf16>
  return %y : tensor<1x8192xf16>
}

func.func @m16(%x: tensor<16x28672xbf16>, %w: tensor<44040192xi32>, %s: tensor<8192xf16>) -> tensor<16x8192xbf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 8192, cols = 28672, layout = tc_fpx>}
      : (tensor<16x28672xbf16>, tensor<44040192xi32>, tensor<8192xf16>) -> tensor<16x8192xbf16>
  return %y : tensor<16x8192xbf16>
}
