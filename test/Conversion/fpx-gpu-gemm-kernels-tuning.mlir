// RUN: fpx-opt %s --fpx-gpu-gemm-kernels="report-estimates=true tuning-table=%S/Inputs/gemm-tuning-table.json" \
// RUN:   --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s
// RUN: fpx-opt %s --fpx-gpu-gemm-kernels="chip=sm_90a report-estimates=true tuning-table=%S/Inputs/gemm-tuning-table.json" \
// RUN:   --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=WGMMA
// RUN: fpx-opt %s --fpx-gpu-gemm-kernels="report-estimates=true" \
// RUN:   --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=MODEL
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="tuning-table=%t.missing.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: echo '{"entries": [' > %t.bad.json
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="tuning-table=%t.bad.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOTJSON
// RUN: echo '{"entries": [{"n": 1000, "k": 512, "m": 16, "config": {}}]}' > %t.fields.json
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="tuning-table=%t.fields.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=FIELDS
// RUN: echo '{"entries": [{"n": 1000, "k": 512, "m": 16, "format": "e3m2", "config": {"warps": 0}}]}' > %t.zero.json
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="tuning-table=%t.zero.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: echo '{"runs": []}' > %t.noentries.json
// RUN: not fpx-opt %s --fpx-gpu-gemm-kernels="tuning-table=%t.noentries.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOENTRIES

// A tuning table (measured best configurations, python/fpx/bench_gemm.py
// `table`) overrides the cost model for the layers and token counts it
// covers, at exactly the M they were measured at. Elsewhere the cost model
// decides.

// CHECK: remark: GEMM for M = 16: N-split, 4 warps, 16 tokens per CTA, split-K 2, 2 stages (tuning table)
// M = 24 and 64 are not in the table: the cost model's choices.
// CHECK: remark: GEMM for M = 24: {{.*}} stages; estimated
// CHECK: remark: GEMM for M = 64: {{.*}} stages; estimated
// The FP4 layer of the same shape has its own entry.
// CHECK: remark: GEMM for M = 16: K-split, 8 warps, 8 tokens per CTA, split-K 1, 3 stages (tuning table)
// A wgmma entry needs an sm_90a target; there it decides.
// CHECK: remark: tuning table entry for M = 128 needs chip=sm_90a (wgmma); using the cost model
// CHECK-NOT: GEMM for M = 128: wgmma
// WGMMA: remark: GEMM for M = 128: wgmma, 1 row tiles per warpgroup, 4 warps, 128 tokens per CTA, split-K 2, 4 stages (tuning table)
// MODEL-NOT: tuning table

// MISSING: error: fpx-gpu-gemm-kernels: cannot read tuning table '{{.*}}missing.json'
// NOTJSON: error: fpx-gpu-gemm-kernels: tuning table '{{.*}}bad.json' is not JSON
// FIELDS: error: fpx-gpu-gemm-kernels: tuning table '{{.*}}fields.json' entry 0 needs integer n, k, m, a string format and a config object
// ZERO: error: fpx-gpu-gemm-kernels: tuning table '{{.*}}zero.json' entry 0: warps must be positive
// NOENTRIES: error: fpx-gpu-gemm-kernels: tuning table '{{.*}}noentries.json' has no "entries" array

#packing = #fpx.packing<format = e3m2, rows = 1000, cols = 512, layout = tc_fpx>
#packing4 = #fpx.packing<format = e2m1, rows = 1000, cols = 512, layout = tc_fpx>
func.func @layers(%x16: tensor<16x512xf16>, %x24: tensor<24x512xf16>, %x64: tensor<64x512xf16>,
                  %w: tensor<98304xi32>, %w4: tensor<65536xi32>, %s: tensor<1000xf16>)
    -> (tensor<16x1000xf16>, tensor<24x1000xf16>, tensor<64x1000xf16>, tensor<16x1000xf16>) {
  %a = fpx.qmatmul %x16, %w, %s {packing = #packing} : (tensor<16x512xf16>, tensor<98304xi32>, tensor<1000xf16>) -> tensor<16x1000xf16>
  %b = fpx.qmatmul %x24, %w, %s {packing = #packing} : (tensor<24x512xf16>, tensor<98304xi32>, tensor<1000xf16>) -> tensor<24x1000xf16>
  %c = fpx.qmatmul %x64, %w, %s {packing = #packing} : (tensor<64x512xf16>, tensor<98304xi32>, tensor<1000xf16>) -> tensor<64x1000xf16>
  %d = fpx.qmatmul %x16, %w4, %s {packing = #packing4} : (tensor<16x512xf16>, tensor<65536xi32>, tensor<1000xf16>) -> tensor<16x1000xf16>
  return %a, %b, %c, %d : tensor<16x1000xf16>, tensor<24x1000xf16>, tensor<64x1000xf16>, tensor<16x1000xf16>
}

func.func @prefill(%x: tensor<128x512xf16>, %w: tensor<98304xi32>, %s: tensor<1000xf16>) -> tensor<128x1000xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #packing} : (tensor<128x512xf16>, tensor<98304xi32>, tensor<1000xf16>) -> tensor<128x1000xf16>
  return %y : tensor<128x1000xf16>
}
