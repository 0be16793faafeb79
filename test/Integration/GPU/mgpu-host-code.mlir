// Host code compiled by MLIR's gpu-to-llvm runs against FPX's runtime: the
// mgpu* calls (module load, alloc, memcpy, launch, streams) and the error
// report that names the kernel of a failing launch.
//
// REQUIRES: cuda, llvm-tools
// RUN: fpx-opt %s --gpu-lower-to-nvvm-pipeline="cubin-chip=sm_90 cubin-features=+ptx80 cubin-format=bin" \
// RUN:   | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: llc -O2 -filetype=obj -relocation-model=pic %t.ll -o %t.o
// RUN: %cxx %S/Inputs/mgpu_host_main.cpp %t.o -L%fpx_lib_dir -lfpx_cuda_runtime \
// RUN:   -Wl,-rpath,%fpx_lib_dir -o %t.exe
// RUN: %t.exe | FileCheck %s
// RUN: not %t.exe --bad-launch 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK: doubled 1000 values on the GPU, 0 wrong
// BAD: fpx runtime: cuLaunchKernel(scale) failed: CUDA_ERROR_INVALID_VALUE

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @scale(%a: memref<?xf32>, %n: index) kernel {
      %i = gpu.thread_id x
      %b = gpu.block_id x
      %c256 = arith.constant 256 : index
      %o = arith.muli %b, %c256 : index
      %j = arith.addi %o, %i : index
      %in = arith.cmpi ult, %j, %n : index
      scf.if %in {
        %v = memref.load %a[%j] : memref<?xf32>
        %two = arith.constant 2.0 : f32
        %w = arith.mulf %v, %two : f32
        memref.store %w, %a[%j] : memref<?xf32>
      }
      gpu.return
    }
  }

  // Doubles `host` on the GPU with `threads` threads per block.
  func.func @double_on_gpu(%host: memref<?xf32>, %threads: index) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c256 = arith.constant 256 : index
    %c255 = arith.constant 255 : index
    %n = memref.dim %host, %c0 : memref<?xf32>
    %t0 = gpu.wait async
    %dev, %t1 = gpu.alloc async [%t0] (%n) : memref<?xf32>
    %t2 = gpu.memcpy async [%t1] %dev, %host : memref<?xf32>, memref<?xf32>
    %sum = arith.addi %n, %c255 : index
    %blocks = arith.divui %sum, %c256 : index
    %t3 = gpu.launch_func async [%t2] @kernels::@scale
        blocks in (%blocks, %c1, %c1) threads in (%threads, %c1, %c1)
        args(%dev : memref<?xf32>, %n : index)
    %t4 = gpu.memcpy async [%t3] %host, %dev : memref<?xf32>, memref<?xf32>
    %t5 = gpu.dealloc async [%t4] %dev : memref<?xf32>
    gpu.wait [%t5]
    return
  }
}
