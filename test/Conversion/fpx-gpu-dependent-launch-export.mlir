// Fusion kernels through fpx-gpu-dependent-launch: in the PTX each kernel
// lets the next launch and waits for the previous one before its first
// global load, and the manifest tells runtimes to launch them as
// programmatic dependents.
//
// REQUIRES: cuda-toolkit
// RUN: %python %S/../Integration/GPU/Inputs/check_fusion.py emit > %t.mlir
// RUN: rm -rf %t && fpx-opt %t.mlir --fpx-fusion-plan --fpx-gpu-fusion-kernels \
// RUN:   --fpx-gpu-dependent-launch --fpx-gpu-kernel-pipeline="format=isa" \
// RUN:   | fpx-opt --fpx-export-gpu-binaries=directory=%t -o /dev/null
// RUN: FileCheck %s --check-prefix=PTX < %t/fpx_kernels.ptx
// RUN: FileCheck %s --check-prefix=MANIFEST < %t/manifest.json
// Without the pass: plain launches.
// RUN: rm -rf %t.plain && fpx-opt %t.mlir --fpx-fusion-plan --fpx-gpu-fusion-kernels \
// RUN:   --fpx-gpu-kernel-pipeline="format=isa" \
// RUN:   | fpx-opt --fpx-export-gpu-binaries=directory=%t.plain -o /dev/null
// RUN: FileCheck %s --check-prefix=PLAIN < %t.plain/manifest.json

// PTX-LABEL: .entry fusion_add_rmsnorm_t1_h768_0
// PTX-NOT: ld.global
// PTX: griddepcontrol.launch_dependents;
// PTX-NOT: ld.global
// PTX: griddepcontrol.wait;
// PTX: ld.global

// MANIFEST-NOT: "dependent_launch": false
// MANIFEST: "dependent_launch": true
// MANIFEST-NOT: "dependent_launch": false

// PLAIN-NOT: "dependent_launch": true
// PLAIN: "dependent_launch": false
// PLAIN-NOT: "dependent_launch": true
