// fpx-compile --target=cuda: kernels, weights and a launch plan (plan.json)
// for a model whose matmuls have FP6 weights and f16 activations (an MLP
// block): the RMSNorm runs as a fusion kernel, the three matmuls on the
// Tensor Core GEMM, the SiLU*up and the residual add as loop kernels.
// Running the artifacts is Integration/GPU/models.mlir's job.
//
// REQUIRES: cuda-toolkit
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Integration/GPU/Inputs/gen_f16_block.py %t/block.mlir
// RUN: fpx-compile %t/block.mlir --target=cuda --quantize=fp6 -o %t/block.fpx --progress 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PROGRESS
// PROGRESS: lowering to GPU kernels for sm_90 (GPU model pipeline)
// PROGRESS: planning launches and memory
// PROGRESS-NEXT: 6 kernel launches, 1 kernel binaries, {{[0-9.]+}} MiB of intermediate buffers
// RUN: FileCheck %s --check-prefix=SIG < %t/block.fpx/signature.json
// SIG: "target": "cuda:sm_90"
// RUN: %python -c "import json,sys; p=json.load(open(sys.argv[1])); \
// RUN:   print(p['format'], p['version'], p['chip'], sorted(p['binaries'].values())); \
// RUN:   [print(s['kind'], s.get('kernel') or s['launch']['kernel'], s.get('grid'), s.get('block'), len(s.get('args', [])), s.get('dependent_launch', s.get('launch', {}).get('dependent_launch'))) for s in p['steps']]; \
// RUN:   print('inputs', p['inputs']); print('outputs', p['outputs'])" %t/block.fpx/plan.json | FileCheck %s --check-prefix=PLAN
// Every kernel is in one binary (fpx-gpu-merge-kernel-modules).
// PLAN: fpx-gpu-plan 2 sm_90 ['fpx_kernels.cubin']
// The RMSNorm: 16 rows of 64, the input, gamma and the result as 1-D
// buffers (5 slots each).
// PLAN-NEXT: launch fusion_main_0 [1, 1, 1] [{{[0-9]+}}, 1, 1] 15 True
// Every step is a dependent launch (sm_90): it may start before the step
// before has ended and waits for it (the GEMMs after fetching their
// constant weights).
// PLAN-NEXT: qmatmul qmatmul_0 None None 0 True
// PLAN-NEXT: qmatmul qmatmul_1 None None 0 True
// SiLU(gate) * up: 16 x 128 points, 256 threads; three 2-D memrefs (7
// slots each) and the f32 constant 1.0, which outlining passes as a
// parameter.
// PLAN-NEXT: launch loop_main_kernel_0 [8, 1, 1] [256, 1, 1] 22 True
// PLAN-NEXT: qmatmul qmatmul_2 None None 0 True
// PLAN-NEXT: launch loop_main_kernel_1 [4, 1, 1] [256, 1, 1] 21 True
// The input and the result: 16 x 64 f16, the result in the arena.
// PLAN-NEXT: inputs [{'bytes': 2048}]
// PLAN-NEXT: outputs [{'bytes': 2048, 'pointer': {'buffer': 'arena', 'offset': {{[0-9]+}}}}]
// RUN: ls %t/block.fpx | FileCheck %s --check-prefix=FILES
// FILES: fpx_kernels.cubin
// FILES-NEXT: plan.json
// FILES: signature.json
// FILES: weights.safetensors
// RUN: %python %S/Inputs/npy_tool.py safetensors %t/block.fpx/weights.safetensors \
// RUN:   | FileCheck %s --check-prefix=WEIGHTS
// WEIGHTS: tensor {{.*}}.scales: F16
// WEIGHTS: tensor {{.*}}.words: I32

// The qmatmul's launch facts carry what the runtime's FpxQMatmulLaunch needs.
// RUN: %python -c "import json,sys; s=json.load(open(sys.argv[1]))['steps'][1]['launch']; \
// RUN:   print(s['m'], s['n'], s['k'], s['activation_type'], s['result_type'], s['has_bias'])" \
// RUN:   %t/block.fpx/plan.json | FileCheck %s --check-prefix=QMATMUL
// QMATMUL: 16 128 64 f16 f16 False

// sm_80 compiles too; without fusion every op is a loop kernel.
// RUN: fpx-compile %t/block.mlir --target=cuda:sm_80 --quantize=fp6 --gpu-fusion=false -o %t/sm80.fpx
// RUN: FileCheck %s --check-prefix=SM80 < %t/sm80.fpx/plan.json
// SM80: "chip": "sm_80"
// SM80-NOT: fusion_main
// sm_80 has no griddepcontrol: every step launches plainly.
// RUN: %python -c "import json,sys; p=json.load(open(sys.argv[1])); \
// RUN:   print(sorted({str(s.get('dependent_launch', s.get('launch', {}).get('dependent_launch'))) for s in p['steps']}))" \
// RUN:   %t/sm80.fpx/plan.json | FileCheck %s --check-prefix=SM80-PLAIN
// SM80-PLAIN: ['False', 'None']

// --emit=llvm prints the host code: allocations, views and launches.
// RUN: fpx-compile %t/block.mlir --target=cuda --quantize=fp6 --emit=llvm | FileCheck %s --check-prefix=HOST
// HOST: func.func @main(%{{.*}}: memref<16x64xf16>) -> memref<16x64xf16>
// HOST: fpx.dispatch "fusion"
// HOST: fpx.dispatch "qmatmul"
// HOST: gpu.launch_func @fpx_kernels::@loop_main_kernel_0
// HOST: gpu.binary @fpx_kernels
// HOST-NOT: gpu.binary

// Unquantized f32 models run every matmul as a loop kernel; the HF LLaMA
// export: 86 launches of 47 distinct kernels (its two layers share theirs).
// RUN: fpx-compile %S/../Frontend/ONNX/Inputs/hf/llama.onnx --input-shape input_ids=2x8 --entry=forward \
// RUN:   --target=cuda -o %t/llama.fpx --progress 2>&1 | FileCheck %s --check-prefix=LLAMA
// LLAMA: 86 kernel launches, 1 kernel binaries
// RUN: %python -c "import json,sys; p=json.load(open(sys.argv[1])); \
// RUN:   print(len({s['kernel'] for s in p['steps'] if s['kind'] == 'launch'}), 'kernels')" %t/llama.fpx/plan.json \
// RUN:   | FileCheck %s --check-prefix=DISTINCT
// DISTINCT: 47 kernels

// fpx-run runs a GPU artifact on the GPU only (Integration/GPU/fpx-run-cuda.mlir).
// RUN: not fpx-run %t/block.fpx --device=cpu 2>&1 | FileCheck %s --check-prefix=RUNNER -DDIR=%t/block.fpx
// RUNNER: error: [[DIR]] was compiled for 'cuda:sm_90' and cannot run on device 'cpu'; compile it with --target=cpu for that
