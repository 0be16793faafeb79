// fpx-run --device=cuda runs a GPU artifact through the runtime's executor
// and gives the CPU artifact's results: an f16 MLP block with FP6 weights
// (Tensor Core GEMMs, a fusion kernel, loop kernels) on random inputs,
// called 3 times (the later calls replay the CUDA graph), and once more
// launched step by step.
//
// REQUIRES: cuda
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/gen_f16_block.py %t/block.mlir
// RUN: %python %S/Inputs/check_models.py prepare %t/block.mlir %t/block --bin-dir %fpx_tools_dir -- --quantize=fp6
// RUN: fpx-run %t/block/gpu.fpx --device=cuda --input arg0=%t/block/input_0.npy --output %t/gpu.npz --repeat 3 \
// RUN:   | FileCheck %s --check-prefix=TIMES
// TIMES: load: {{[0-9.]+}} ms
// TIMES-NEXT: @main, 3 calls: min
// RUN: fpx-run %t/block/gpu.fpx --input arg0=%t/block/input_0.npy --output %t/gpu-steps.npz --cuda-graph=false
// RUN: %python %S/Inputs/check_models.py compare %t/block %t/gpu.npz | FileCheck %s
// RUN: %python %S/Inputs/check_models.py compare %t/block %t/gpu-steps.npz | FileCheck %s
// CHECK: max rel. error {{.*}}: PASS
// A wrong input shape is refused before anything runs.
// RUN: %python %S/../../Driver/Inputs/npy_tool.py write %t/bad.npy "<f2" 8x64
// RUN: not fpx-run %t/block/gpu.fpx --input arg0=%t/bad.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: error: input 'arg0' (from {{.*}}bad.npy): expected shape [16, 64], got [8, 64]
