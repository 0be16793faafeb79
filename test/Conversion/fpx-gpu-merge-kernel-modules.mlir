// RUN: fpx-opt %s --fpx-gpu-merge-kernel-modules | FileCheck %s

// Two outlined modules hold the same kernel, a third a different one: the
// copies become one kernel of @fpx_kernels, next to the kernel already
// there, and every launch is retargeted; the outlined modules are gone.
// CHECK-LABEL: func.func @main
// CHECK: gpu.launch_func @fpx_kernels::@loop_main_kernel_0
// CHECK: gpu.launch_func @fpx_kernels::@loop_main_kernel_0
// CHECK: gpu.launch_func @fpx_kernels::@loop_main_kernel_1
// CHECK: gpu.launch_func @fpx_kernels::@fusion_main_0
// CHECK: gpu.module @fpx_kernels
// CHECK: gpu.func @fusion_main_0
// CHECK: gpu.func @loop_main_kernel_0
// CHECK: arith.addf
// CHECK: gpu.func @loop_main_kernel_1
// CHECK: arith.mulf
// CHECK-NOT: gpu.module
// CHECK-NOT: gpu.func

module attributes {gpu.container_module} {
  func.func @main(%a: memref<4xf32>, %b: memref<4xf32>) {
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    gpu.launch_func @main_kernel::@main_kernel blocks in (%c1, %c1, %c1) threads in (%c4, %c1, %c1) args(%a : memref<4xf32>)
    gpu.launch_func @main_kernel_0::@main_kernel blocks in (%c1, %c1, %c1) threads in (%c4, %c1, %c1) args(%b : memref<4xf32>)
    gpu.launch_func @main_kernel_1::@main_kernel blocks in (%c1, %c1, %c1) threads in (%c4, %c1, %c1) args(%a : memref<4xf32>)
    gpu.launch_func @fpx_kernels::@fusion_main_0 blocks in (%c1, %c1, %c1) threads in (%c4, %c1, %c1) args(%a : memref<4xf32>)
    return
  }
  gpu.module @fpx_kernels {
    gpu.func @fusion_main_0(%x: memref<4xf32>) kernel {
      gpu.return
    }
  }
  gpu.module @main_kernel {
    gpu.func @main_kernel(%x: memref<4xf32>) kernel {
      %i = gpu.thread_id x
      %v = memref.load %x[%i] : memref<4xf32>
      %w = arith.addf %v, %v : f32
      memref.store %w, %x[%i] : memref<4xf32>
      gpu.return
    }
  }
  gpu.module @main_kernel_0 {
    gpu.func @main_kernel(%x: memref<4xf32>) kernel {
      %i = gpu.thread_id x
      %v = memref.load %x[%i] : memref<4xf32>
      %w = arith.addf %v, %v : f32
      memref.store %w, %x[%i] : memref<4xf32>
      gpu.return
    }
  }
  gpu.module @main_kernel_1 {
    gpu.func @main_kernel(%x: memref<4xf32>) kernel {
      %i = gpu.thread_id x
      %v = memref.load %x[%i] : memref<4xf32>
      %w = arith.mulf %v, %v : f32
      memref.store %w, %x[%i] : memref<4xf32>
      gpu.return
    }
  }
}
