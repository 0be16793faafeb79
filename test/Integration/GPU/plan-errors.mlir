// A broken GPU artifact (plan.json, kernels or weights) is an error from
// the runtime's executor (fpxModelLoad) that names the file and the step,
// never a crash or an out-of-bounds launch: every pointer of the plan is
// checked against its buffer when the model loads. See
// Inputs/plan_errors.py.
//
// REQUIRES: cuda
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/gen_f16_block.py %t/block.mlir
// RUN: fpx-compile %t/block.mlir --target=cuda --quantize=fp6 -o %t/block.fpx
// RUN: %python %S/Inputs/plan_errors.py %t/block.fpx --lib-dir %fpx_lib_dir | FileCheck %s

// CHECK: intact: ok (16, 64)
// CHECK-NEXT: no plan: fpx.load: cannot read <dir>/plan.json (is <dir> an artifact of fpx-compile --target=cuda?)
// CHECK-NEXT: not json: fpx.load: <dir>/plan.json: invalid JSON
// CHECK-NEXT: old version: fpx.load: <dir>/plan.json: not an FPX GPU plan of version 2 (format 'fpx-gpu-plan', version 1); compile the model again with this FPX
// CHECK-NEXT: no steps: fpx.load: <dir>/plan.json: top level: missing "steps"
// CHECK-NEXT: grid not a list: fpx.load: <dir>/plan.json: step #0: "grid" must be an array
// CHECK-NEXT: step kind: fpx.load: <dir>/plan.json: step #0: unknown step kind 'teleport'
// CHECK-NEXT: unknown binary: fpx.load: <dir>/plan.json: step #0: unknown binary 'nope'
// CHECK-NEXT: binary outside the folder: fpx.load: <dir>/plan.json: binaries: 'fpx_kernels' must name a file in the artifact folder
// CHECK-NEXT: arena offset: fpx.load: <dir>/plan.json: step #{{[0-9]+}}{{.*}}: offset {{[0-9]+}} lies outside the arena ({{[0-9]+}} bytes)
// CHECK-NEXT: input index: fpx.load: <dir>/plan.json: output #0: input #9 does not exist
// CHECK-NEXT: unknown weight: fpx.load: <dir>: the plan reads weight 'no.such.weight', which weights.safetensors lacks
// CHECK-NEXT: bad argument: fpx.load: <dir>/plan.json: step #0, argument 0: unknown kernel argument "f64" (or not an integer)
// CHECK-NEXT: corrupt kernels: fpx.load: cuModuleLoadData(<dir>/fpx_kernels.cubin) failed: CUDA_ERROR_{{.*}}
// CHECK-NEXT: truncated weights: fpx.load: <dir>/weights.safetensors: not a safetensors file (truncated)
// CHECK-NEXT: weights header: fpx.load: <dir>/weights.safetensors: not a safetensors file (header size {{[0-9]+}} past the end)
