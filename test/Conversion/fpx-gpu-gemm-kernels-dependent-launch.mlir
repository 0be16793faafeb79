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
// RUN: rm -rf %t.wgro && fpx-opt %s --fpx-gpu-gemm-kernels="dependent-launch=true weights-read-only=true chip=sm_90a warp-split=wgmma blocks-per-stage=2" \
// RUN:   --fpx-gpu-kernel-pipeline="chip=sm_90a format=isa" | fpx-opt --fpx-export-gpu-binaries=directory=%t.wgro -o /dev/null
// RUN: FileCheck %s --check-prefix=WGMMA-RO < %t.wgro/fpx_kernels.ptx
// RUN: FileCheck %s --check-prefix=MANIFEST-RO < %t.wgro/manifest.json
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="dependent-launch=true chip=sm_80" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SM80
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="weights-read-only=true" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=RO-ALONE

// With weights-read-only, @args's weights go out first: its K-split kernel
// issues the weight copies of the pipeline prologue and loads its scales,
// then waits, then copies activations. Its split-K reduce kernel waits
// before reading the workspace.
// (Weight copies are left uncommitted until the activations' first
// commit: a commit before the wait would mean activations copied early.)
// READONLY-LABEL: .entry qmatmul_0(
// READONLY: griddepcontrol.launch_dependents;
// READONLY-NOT: griddepcontrol.wait
// READONLY-NOT: cp.async.commit_group
// READONLY: cp.async.cg.shared.global
// READONLY-NOT: griddepcontrol.wait
// READONLY-NOT: cp.async.commit_group
// READONLY: ld.global.b16
// READONLY-NOT: cp.async.commit_group
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
// ARGS-NOT: ld.global
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
// MANIFEST: "weights_read_only": false
// The constant weights of @constants:
// MANIFEST: "dependent_launch": true
// MANIFEST: "weights_read_only": true

// WGMMA-LABEL: .entry qmatmul_0(
// WGMMA: griddepcontrol.launch_dependents;
// WGMMA-NOT: cp.async
// WGMMA: griddepcontrol.wait;
// WGMMA: cp.async.cg.shared.global
// WGMMA: wgmma.mma_async

// With weights-read-only the wgmma kernel (two K blocks per stage) also
// fetches its weights first.
// WGMMA-RO-LABEL: .entry qmatmul_0(
// WGMMA-RO: griddepcontrol.launch_dependents;
// WGMMA-RO-NOT: griddepcontrol.wait
// WGMMA-RO-NOT: cp.async.commit_group
// WGMMA-RO: cp.async.cg.shared.global
// WGMMA-RO-NOT: cp.async.commit_group
// WGMMA-RO: griddepcontrol.wait;
// WGMMA-RO: cp.async.cg.shared.global
// WGMMA-RO: cp.async.commit_group;
// WGMMA-RO: wgmma.mma_async
// MANIFEST-RO: "weights_read_only": true

// OFF-NOT: griddepcontrol
// OFF: dependent_launch = false

// SM80: dependent-launch needs sm_90 or later (griddepcontrol), got chip=sm_80
// RO-ALONE: weights-read-only only applies with dependent-launch=true

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
