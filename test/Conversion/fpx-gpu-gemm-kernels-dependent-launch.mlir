// dependent-launch: GEMM kernels for programmatic dependent launch. Every
// kernel lets the next one launch first (griddepcontrol.launch_dependents)
// and waits for the previous one (griddepcontrol.wait) before it reads
// activations or writes anything; weights and scales that no kernel writes
// (constants, or any with weights-read-only) are fetched before the wait.
// The launch facts say so, for the runtime. Only from sm_90 on.
//
// REQUIRES: cuda-toolkit
// RUN: rm -rf %t.ro && fpx-opt %s --fpx-gpu-gemm-kernels="dependent-launch=true weights-read-only=true split-k=2" \
// RUN:   --fpx-gpu-kernel-pipeline="format=isa" | fpx-opt --fpx-export-gpu-binaries=directory=%t.ro -o /dev/null
// RUN: FileCheck %s --check-prefix=READONLY < %t.ro/fpx_kernels.ptx
// RUN: rm -rf %t.args && fpx-opt %s --fpx-gpu-gemm-kernels="dependent-launch=true" \
// RUN:   --fpx-gpu-kernel-pipeline="format=isa" | fpx-opt --fpx-export-gpu-binaries=directory=%t.args -o /dev/null
// RUN: FileCheck %s --check-prefix=ARGS < %t.args/fpx_kernels.ptx
// RUN: FileCheck %s --check-prefix=MANIFEST < %t.args/manifest.json
// RUN: rm -rf %t.wgmma && fpx-opt %s --fpx-gpu-gemm-kernels="dependent-launch=true chip=sm_90a warp-split=wgmma" \
// RUN:   --fpx-gpu-kernel-pipeline="chip=sm_90a format=isa" | fpx-opt --fpx-export-gpu-binaries=directory=%t.wgmma -o /dev/null
// RUN: FileCheck %s --check-prefix=WGMMA < %t.wgmma/fpx_kernels.ptx
// RUN: fpx-opt %s --fpx-gpu-gemm-kernels -o - | FileCheck %s --check-prefix=OFF
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="dependent-launch=true chip=sm_80" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SM80

// With weights-read-only, @args's weights go out first: its K-split kernel
// issues the weight copies of the pipeline prologue and loads its scales,
// then waits, then copies activations. Its split-K reduce kernel waits
// before reading the workspace.
// READONLY-LABEL: .entry qmatmul_0(
// READONLY: griddepcontrol.launch_dependents;
// READONLY-NOT: griddepcontrol.wait
// READONLY: cp.async.cg.shared.global
// READONLY-NOT: griddepcontrol.wait
// READONLY: ld.global.b16
// READONLY: griddepcontrol.wait;
// READONLY: cp.async.cg.shared.global
// READONLY: cp.async.commit_group;
// READONLY-LABEL: .entry qmatmul_0_reduce(
// READONLY: griddepcontrol.launch_dependents;
// READONLY-NEXT: griddepcontrol.wait;
// READONLY: ld.global

// Function-argument weights may be another kernel's results: wait first.
// ARGS-LABEL: .entry qmatmul_0(
// ARGS: griddepcontrol.launch_dependents;
// ARGS-NOT: cp.async
// ARGS: griddepcontrol.wait;
// ARGS: cp.async.cg.shared.global
// Constant weights and scales are fetched before the wait even so.
// ARGS-LABEL: .entry qmatmul_1(
// ARGS: griddepcontrol.launch_dependents;
// ARGS-NOT: griddepcontrol.wait
// ARGS: cp.async.cg.shared.global
// ARGS: griddepcontrol.wait;
// ARGS: cp.async.cg.shared.global

// MANIFEST: "dependent_launch": true

// WGMMA-LABEL: .entry qmatmul_0(
// WGMMA: griddepcontrol.launch_dependents;
// WGMMA-NOT: cp.async
// WGMMA: griddepcontrol.wait;
// WGMMA: cp.async.cg.shared.global
// WGMMA: wgmma.mma_async

// OFF-NOT: griddepcontrol
// OFF: dependent_launch = false

// SM80: dependent-launch needs sm_90 or later (griddepcontrol), got chip=sm_80

func.func @args(%x: tensor<128x256xf16>, %w: tensor<3072xi32>, %s: tensor<64xf16>) -> tensor<128x64xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 64, cols = 256, layout = tc_fpx>}
      : (tensor<128x256xf16>, tensor<3072xi32>, tensor<64xf16>) -> tensor<128x64xf16>
  return %y : tensor<128x64xf16>
}

func.func @constants(%x: tensor<4x256xf16>) -> tensor<4x64xf16> {
  %w = arith.constant dense<123456> : tensor<3072xi32>
  %s = arith.constant dense<0.5> : tensor<64xf16>
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 64, cols = 256, layout = tc_fpx>}
      : (tensor<4x256xf16>, tensor<3072xi32>, tensor<64xf16>) -> tensor<4x64xf16>
  return %y : tensor<4x64xf16>
}
