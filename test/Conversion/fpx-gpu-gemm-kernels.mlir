// The TC-FPx GEMM generator: kernel structure in NVGPU ops, then the PTX it
// becomes (no GPU or ptxas needed for either).
//
// RUN: fpx-opt %s --fpx-gpu-gemm-kernels="split-k=2" | FileCheck %s --check-prefix=IR
// RUN: rm -rf %t && fpx-opt %s --fpx-gpu-gemm-kernels="split-k=2" \
// RUN:   --fpx-gpu-kernel-pipeline="format=isa" \
// RUN:   | fpx-opt --fpx-export-gpu-binaries=directory=%t -o /dev/null
// RUN: FileCheck %s --check-prefix=PTX --input-file=%t/fpx_kernels.ptx
// RUN: FileCheck %s --check-prefix=MANIFEST --input-file=%t/manifest.json

// IR-LABEL: func.func @fp6_f16
// IR: fpx.qmatmul {{.*}}fpx.launch = {block_x = {{[0-9]+}} : i64, {{.*}}fold_scale = false, grid_x = 16 : i64, kernel = "qmatmul_0", reduce_kernel = "qmatmul_0_reduce", split_k = 2 : i64
// IR-LABEL: gpu.module @fpx_kernels
// IR: gpu.func @qmatmul_0(%{{.*}}: memref<?xf16, 1>, %{{.*}}: memref<?xi32, 1>, %{{.*}}: memref<?xf16, 1>, %{{.*}}: memref<?xf16, 1>, %{{.*}}: memref<?xf16, 1>, %{{.*}}: memref<?xf32, 1>, %{{.*}}: index) kernel
// IR: gpu.dynamic_shared_memory
// IR: nvgpu.device_async_copy {{.*}} {bypassL1} : memref<?xi32, 1> to memref<{{[0-9]+}}xi32, #gpu.address_space<workgroup>>
// IR: nvgpu.device_async_create_group
// IR: scf.for
// IR: nvgpu.device_async_wait
// IR: nvgpu.ldmatrix {{.*}} {numTiles = 2 : i32, transpose = false}
// IR: arith.shli
// IR: arith.andi
// IR: vector.bitcast {{.*}} : vector<1xi32> to vector<2xf16>
// IR: nvgpu.mma.sync({{.*}}) {mmaShape = [16, 8, 16]} : (vector<4x2xf16>, vector<2x2xf16>, vector<2x2xf32>) -> vector<2x2xf32>
// IR: gpu.func @qmatmul_0_reduce
// IR: gpu.func @qmatmul_1(
// IR: nvvm.mma.sync {{.*}} {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>, shape = #nvvm.shape<m = 16, n = 8, k = 16>}

// Tensor Core mma on registers dequantized with integer bit operations,
// weights streamed with 16-byte cp.async, activations through ldmatrix.
// A 4-warp CTA asks ptxas for 4 CTAs per SM (the occupancy the cost model
// assumes).
// PTX: .entry qmatmul_0(
// PTX: .maxntid 128, 1, 1
// PTX-NEXT: .minnctapersm 4
// PTX-DAG: cp.async.cg.shared.global [{{.*}}], [{{.*}}], 16, {{.*}};
// PTX-DAG: cp.async.commit_group;
// PTX-DAG: cp.async.wait_group
// PTX-DAG: ld.shared.v4.b32
// PTX-DAG: ldmatrix.sync.aligned.m8n8.x2.shared.b16
// The sign bits of both fp16 halves (0x80008000), exponent/mantissa moved
// down by shifts, segments merged with or:
// PTX-DAG: and.b32 {{.*}}, -2147450880;
// PTX-DAG: shl.b32
// PTX-DAG: shr.u32
// PTX-DAG: or.b32
// PTX-DAG: mul.rn.f16x2
// PTX-DAG: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// PTX: .entry qmatmul_0_reduce(
// PTX: .entry qmatmul_1(
// PTX-DAG: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// PTX-DAG: mul.rn.bf16x2

// MANIFEST: "binaries": {
// MANIFEST-NEXT: "fpx_kernels": "fpx_kernels.ptx"
// MANIFEST: "kernel": "qmatmul_0"
// MANIFEST: "n": 1000
// MANIFEST: "num_words": 24576
// MANIFEST: "reduce_kernel": "qmatmul_0_reduce"

func.func @fp6_f16(%x: tensor<?x72xf16>, %w: tensor<24576xi32>, %s: tensor<1000xf16>) -> tensor<?x1000xf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e3m2, rows = 1000, cols = 72, layout = tc_fpx>}
      : (tensor<?x72xf16>, tensor<24576xi32>, tensor<1000xf16>) -> tensor<?x1000xf16>
  return %y : tensor<?x1000xf16>
}

func.func @fp4_bf16(%x: tensor<4x256xbf16>, %w: tensor<8192xi32>, %s: tensor<250xf16>) -> tensor<4x250xbf16> {
  %y = fpx.qmatmul %x, %w, %s {packing = #fpx.packing<format = e2m1, rows = 250, cols = 256, layout = tc_fpx>}
      : (tensor<4x256xbf16>, tensor<8192xi32>, tensor<250xf16>) -> tensor<4x250xbf16>
  return %y : tensor<4x250xbf16>
}
