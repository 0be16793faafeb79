// RUN: fpx-opt %s --fpx-gpu-dependent-launch | FileCheck %s

// Every kernel without its own griddepcontrol lets the next kernel launch,
// then waits for the previous one, before anything else; kernels that
// synchronize themselves and device functions are left alone. The module
// records it for the launch plan.

// CHECK: module attributes {fpx.dependent_launch, gpu.container_module}
module attributes {gpu.container_module} {
  gpu.module @fpx_kernels {
    // CHECK-LABEL: gpu.func @plain
    // CHECK-NEXT: nvvm.griddepcontrol {{ *}}launch_dependents
    // CHECK-NEXT: nvvm.griddepcontrol {{ *}}wait
    // CHECK-NEXT: arith.constant
    // CHECK-NEXT: memref.load
    gpu.func @plain(%in: memref<4xf32>, %out: memref<4xf32>) kernel {
      %c0 = arith.constant 0 : index
      %v = memref.load %in[%c0] : memref<4xf32>
      memref.store %v, %out[%c0] : memref<4xf32>
      gpu.return
    }

    // CHECK-LABEL: gpu.func @prefetching
    // CHECK-NEXT: nvvm.griddepcontrol {{ *}}launch_dependents
    // CHECK-NEXT: arith.constant
    // CHECK-NEXT: memref.load
    // CHECK-NEXT: nvvm.griddepcontrol {{ *}}wait
    // CHECK-NOT: griddepcontrol
    // CHECK: gpu.return
    gpu.func @prefetching(%w: memref<4xf32>, %out: memref<4xf32>) kernel {
      nvvm.griddepcontrol launch_dependents
      %c0 = arith.constant 0 : index
      %v = memref.load %w[%c0] : memref<4xf32>
      nvvm.griddepcontrol wait
      memref.store %v, %out[%c0] : memref<4xf32>
      gpu.return
    }

    // Only launch_dependents, no wait: it still needs the wait.
    // CHECK-LABEL: gpu.func @triggers_only
    // CHECK-NEXT: nvvm.griddepcontrol {{ *}}launch_dependents
    // CHECK-NEXT: nvvm.griddepcontrol {{ *}}wait
    // CHECK-NEXT: nvvm.griddepcontrol {{ *}}launch_dependents
    // CHECK-NEXT: gpu.return
    gpu.func @triggers_only() kernel {
      nvvm.griddepcontrol launch_dependents
      gpu.return
    }

    // CHECK-LABEL: gpu.func @helper
    // CHECK-NOT: griddepcontrol
    // CHECK: gpu.return
    gpu.func @helper(%x: f32) {
      gpu.return
    }
  }
}
