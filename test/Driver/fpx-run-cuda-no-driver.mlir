// Without an NVIDIA driver fpx-run still starts (the CUDA runtime is opened
// only for GPU models) and says why a GPU model cannot run.
//
// REQUIRES: cuda-toolkit
// UNSUPPORTED: cuda
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Integration/GPU/Inputs/gen_f16_block.py %t/block.mlir
// RUN: fpx-compile %t/block.mlir --target=cuda -o %t/block.fpx
// RUN: %python %S/Inputs/npy_tool.py write %t/x.npy "<f2" 16x64 0.5 -1.25 2
// RUN: not fpx-run %t/block.fpx --input x=%t/x.npy 2>&1 | FileCheck %s
// CHECK: error: cannot load the CUDA runtime {{.*}}libfpx_cuda_runtime.so: {{.*}}libcuda.so.1{{.*}}
