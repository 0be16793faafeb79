// A model compiled for sm_90a (`fpx-compile --target=cuda:sm_90a`) whose
// three FP6 matmuls run on the wgmma GEMM kernels (a tuning table names
// them for these layers at 128 tokens; the cost model would take the
// mma.sync kernels for layers this small) matches the CPU artifact on
// random inputs. See Inputs/check_models.py.
//
// REQUIRES: cuda
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/gen_f16_block.py %t/block.mlir --tokens 128 --hidden 512 --ffn 1024
// RUN: %python %S/Inputs/check_models.py prepare %t/block.mlir %t/block-wgmma --bin-dir %fpx_tools_dir \
// RUN:   --gpu-target=cuda:sm_90a --gpu-option=--gemm-tuning-table=%S/Inputs/block-wgmma-tuning-table.json \
// RUN:   -- --quantize=fp6
// RUN: grep -c '"warpgroup_mma": true' %t/block-wgmma/gpu.fpx/plan.json | FileCheck %s --check-prefix=PLAN
// RUN: %python %S/Inputs/check_models.py check %t/block-wgmma --lib-dir %fpx_lib_dir | FileCheck %s
//
// PLAN: 3
// CHECK-NOT: FAIL
// CHECK: block-wgmma: {{.*}}: PASS
