// The decoder-layer patterns of python/fpx/fusion_patterns.py at the GPU
// test's odd shapes: planned, one kernel per group, lowered to PTX. The
// kernels use 16-byte global accesses and warp shuffles, libdevice math is
// inlined (no calls), and ptxas assembles them for sm_90 and sm_80 without
// spilling registers to local memory.
//
// REQUIRES: cuda-toolkit
// RUN: %python %S/../Integration/GPU/Inputs/check_fusion.py emit > %t.mlir
// RUN: rm -rf %t && fpx-opt %t.mlir --fpx-fusion-plan --fpx-gpu-fusion-kernels \
// RUN:   --fpx-gpu-kernel-pipeline="format=isa" \
// RUN:   | fpx-opt --fpx-export-gpu-binaries=directory=%t -o /dev/null
// RUN: FileCheck %s --check-prefix=PTX < %t/fpx_kernels.ptx
// RUN: %ptxas -arch=sm_90 -v %t/fpx_kernels.ptx -o %t/k.cubin 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTXAS --implicit-check-not='{{[1-9][0-9]* bytes (spill|stack)}}'
// RUN: rm -rf %t.80 && fpx-opt %t.mlir --fpx-fusion-plan --fpx-gpu-fusion-kernels \
// RUN:   --fpx-gpu-kernel-pipeline="chip=sm_80 features=+ptx80 format=isa" \
// RUN:   | fpx-opt --fpx-export-gpu-binaries=directory=%t.80 -o /dev/null
// RUN: %ptxas -arch=sm_80 -v %t.80/fpx_kernels.ptx -o %t.80/k.cubin 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTXAS --implicit-check-not='{{[1-9][0-9]* bytes (spill|stack)}}'

// PTX-NOT: call.uni
// PTX-LABEL: .entry fusion_add_rmsnorm_t1_h768_0
// PTX: ld.global.v4.b32
// PTX: shfl.sync.bfly.b32
// PTX: bar.sync
// PTX: st.global.v4.b32
// PTX-LABEL: .entry fusion_layernorm_gelu_t37_h1001_0
// Rows of 1001 f16 are not 16-byte aligned: scalar accesses.
// PTX-NOT: ld.global.v4
// PTX: ld.global.b16
// PTX-LABEL: .entry fusion_rope_t1_h256_0
// PTX-NOT: bar.sync
// PTX: ld.global.v4.b32
// PTX: st.global.v4.b32

// PTXAS-COUNT-23: 0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
