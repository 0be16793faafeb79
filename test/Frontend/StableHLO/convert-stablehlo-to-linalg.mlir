// RUN: fpx-opt %s --convert-stablehlo-to-linalg -split-input-file | FileCheck %s

// JAX's module and argument attributes survive; elementwise ops become one
// linalg.generic each.
// CHECK-LABEL: module @jit_f attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32}
// CHECK: func.func public @main(%[[A:.*]]: tensor<4x8xf32> {mhlo.sharding = "{replicated}"}, %[[B:.*]]: tensor<4x8xf32>) -> (tensor<4x8xf32> {jax.result_info = ""})
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK: %[[R:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<4x8xf32>) outs(%[[E]] : tensor<4x8xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT:   linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
// CHECK-NOT: stablehlo
module @jit_f attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<4x8xf32> {mhlo.sharding = "{replicated}"}, %arg1: tensor<4x8xf32>) -> (tensor<4x8xf32> {jax.result_info = ""}) {
    %0 = stablehlo.add %arg0, %arg1 : tensor<4x8xf32>
    return %0 : tensor<4x8xf32>
  }
}

// -----

// CHECK-LABEL: func @float_math
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.divf
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: math.powf
// CHECK: arith.negf
// CHECK: math.exp
// CHECK: math.log
// CHECK: math.rsqrt
// CHECK: math.sqrt
// CHECK: math.tanh
// CHECK: math.cos
// CHECK: math.sin
// logistic: 1 / (1 + exp(-x))
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[X]] : f32
// CHECK-NEXT: %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK-NEXT: %[[SIG:.*]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK-NEXT: linalg.yield %[[SIG]] : f32
// CHECK: math.erf
// CHECK: math.erfc
func.func @float_math(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.subtract %a, %a : tensor<4xf32>
  %1 = stablehlo.multiply %0, %a : tensor<4xf32>
  %2 = stablehlo.divide %1, %a : tensor<4xf32>
  %3 = stablehlo.maximum %2, %a : tensor<4xf32>
  %4 = stablehlo.minimum %3, %a : tensor<4xf32>
  %5 = stablehlo.power %4, %a : tensor<4xf32>
  %6 = stablehlo.negate %5 : tensor<4xf32>
  %7 = stablehlo.exponential %6 : tensor<4xf32>
  %8 = stablehlo.log %7 : tensor<4xf32>
  %9 = stablehlo.rsqrt %8 : tensor<4xf32>
  %10 = stablehlo.sqrt %9 : tensor<4xf32>
  %11 = stablehlo.tanh %10 : tensor<4xf32>
  %12 = stablehlo.cosine %11 : tensor<4xf32>
  %13 = stablehlo.sine %12 : tensor<4xf32>
  %14 = stablehlo.logistic %13 : tensor<4xf32>
  %15 = chlo.erf %14 : tensor<4xf32> -> tensor<4xf32>
  %16 = chlo.erfc %15 : tensor<4xf32> -> tensor<4xf32>
  return %16 : tensor<4xf32>
}

// -----

// Integer division has StableHLO's defined results for x / 0 and
// INT_MIN / -1; negation is 0 - x; not flips all bits.
// CHECK-LABEL: func @integer_math
// CHECK: ^bb0(%[[L:.*]]: i32, %[[R:.*]]: i32, %{{.*}}: i32):
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-DAG: %[[MONE:.*]] = arith.constant -1 : i32
// CHECK-DAG: %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK: %[[BYZERO:.*]] = arith.cmpi eq, %[[R]], %[[ZERO]] : i32
// CHECK: %[[OVER:.*]] = arith.andi
// CHECK: %[[SPECIAL:.*]] = arith.ori %[[BYZERO]], %[[OVER]] : i1
// CHECK: %[[SAFE:.*]] = arith.select %[[SPECIAL]], %[[ONE]], %[[R]] : i32
// CHECK: %[[Q:.*]] = arith.divsi %[[L]], %[[SAFE]] : i32
// CHECK: %[[Q2:.*]] = arith.select %[[OVER]], %[[MIN]], %[[Q]] : i32
// CHECK: %[[Q3:.*]] = arith.select %[[BYZERO]], %[[MONE]], %[[Q2]] : i32
// CHECK: linalg.yield %[[Q3]] : i32
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: arith.addi
// CHECK: arith.muli
// CHECK: arith.andi
// CHECK: arith.ori
// CHECK: %[[C0:.*]] = arith.constant 0 : i32
// CHECK-NEXT: arith.subi %[[C0]], %{{.*}} : i32
// CHECK: %[[ALL:.*]] = arith.constant -1 : i32
// CHECK-NEXT: arith.xori %{{.*}}, %[[ALL]] : i32
func.func @integer_math(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = stablehlo.divide %a, %b : tensor<4xi32>
  %1 = stablehlo.maximum %0, %b : tensor<4xi32>
  %2 = stablehlo.minimum %1, %b : tensor<4xi32>
  %3 = stablehlo.add %2, %b : tensor<4xi32>
  %4 = stablehlo.multiply %3, %b : tensor<4xi32>
  %5 = stablehlo.and %4, %b : tensor<4xi32>
  %6 = stablehlo.or %5, %b : tensor<4xi32>
  %7 = stablehlo.negate %6 : tensor<4xi32>
  %8 = stablehlo.not %7 : tensor<4xi32>
  return %8 : tensor<4xi32>
}

// -----

// On i1, add and maximum are `or`, minimum is `and`, and comparisons are
// unsigned (false < true).
// CHECK-LABEL: func @predicates
// CHECK: arith.ori
// CHECK: arith.ori
// CHECK: arith.andi
// CHECK: arith.cmpi ult
// CHECK: arith.xori
func.func @predicates(%a: tensor<4xi1>, %b: tensor<4xi1>) -> tensor<4xi1> {
  %0 = stablehlo.add %a, %b : tensor<4xi1>
  %1 = stablehlo.maximum %0, %b : tensor<4xi1>
  %2 = stablehlo.minimum %1, %b : tensor<4xi1>
  %3 = stablehlo.compare LT, %2, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %4 = stablehlo.not %3 : tensor<4xi1>
  return %4 : tensor<4xi1>
}

// -----

// CHECK-LABEL: func @compare
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf une
// CHECK: arith.cmpf oge
// CHECK: arith.cmpi sgt
// CHECK: arith.cmpi ule
// CHECK: arith.cmpi eq
func.func @compare(%a: tensor<4xf32>, %b: tensor<4xi32>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %0 = stablehlo.compare LT, %a, %a, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = stablehlo.compare NE, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %2 = stablehlo.compare GE, %a, %a, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %3 = stablehlo.compare GT, %b, %b, SIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %4 = stablehlo.compare LE, %b, %b, UNSIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %5 = stablehlo.compare EQ, %b, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// A rank-0 predicate is read at every point of the result.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func @select
// CHECK: linalg.generic {indexing_maps = [#[[SCALAR]], #[[ID]], #[[ID]], #[[ID]]]
// CHECK: arith.select
func.func @select(%p: tensor<i1>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.select %p, %a, %b : (tensor<i1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @convert
// CHECK: arith.fptosi %{{.*}} : f32 to i32
// CHECK: arith.truncf %{{.*}} : f32 to bf16
// CHECK: arith.cmpf une
// bf16 and f16 have one width: through f32.
// CHECK: %[[W:.*]] = arith.extf %{{.*}} : bf16 to f32
// CHECK-NEXT: arith.truncf %[[W]] : f32 to f16
// CHECK: arith.extui %{{.*}} : i1 to i64
// CHECK: arith.sitofp %{{.*}} : i32 to f32
// CHECK: arith.uitofp %{{.*}} : i1 to f32
// CHECK: arith.trunci %{{.*}} : i64 to i32
// CHECK: arith.extsi %{{.*}} : i32 to i64
func.func @convert(%a: tensor<4xf32>, %b: tensor<4xi1>, %c: tensor<4xi32>, %d: tensor<4xi64>) -> (tensor<4xi32>, tensor<4xi1>, tensor<4xf16>, tensor<4xi64>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>) {
  %0 = stablehlo.convert %a : (tensor<4xf32>) -> tensor<4xi32>
  %1 = stablehlo.convert %a : (tensor<4xf32>) -> tensor<4xbf16>
  %2 = stablehlo.convert %a : (tensor<4xf32>) -> tensor<4xi1>
  %3 = stablehlo.convert %1 : (tensor<4xbf16>) -> tensor<4xf16>
  %4 = stablehlo.convert %b : (tensor<4xi1>) -> tensor<4xi64>
  %5 = stablehlo.convert %c : (tensor<4xi32>) -> tensor<4xf32>
  %6 = stablehlo.convert %b : (tensor<4xi1>) -> tensor<4xf32>
  %7 = stablehlo.convert %d : (tensor<4xi64>) -> tensor<4xi32>
  %8 = stablehlo.convert %c : (tensor<4xi32>) -> tensor<4xi64>
  return %0, %2, %3, %4, %5, %6, %7, %8 : tensor<4xi32>, tensor<4xi1>, tensor<4xf16>, tensor<4xi64>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>
}

// -----

// CHECK-LABEL: func @constant_and_iota
// CHECK-DAG: arith.constant dense<[1.000000e+00, -2.500000e+00]> : tensor<2xf32>
// CHECK-DAG: arith.constant dense<0xFF800000> : tensor<f32>
// CHECK: linalg.generic
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK-NEXT: arith.index_cast %[[I]] : index to i64
// CHECK: linalg.generic
// CHECK: %[[J:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[J64:.*]] = arith.index_cast %[[J]] : index to i64
// CHECK-NEXT: arith.sitofp %[[J64]] : i64 to f32
func.func @constant_and_iota() -> (tensor<2xf32>, tensor<f32>, tensor<2x3xi64>, tensor<3xf32>) {
  %cst = stablehlo.constant dense<"0x0000803F000020C0"> : tensor<2xf32>
  %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
  %0 = stablehlo.iota dim = 1 : tensor<2x3xi64>
  %1 = stablehlo.iota dim = 0 : tensor<3xf32>
  return %cst, %cst_0, %0, %1 : tensor<2xf32>, tensor<f32>, tensor<2x3xi64>, tensor<3xf32>
}

// -----

// A size-1 operand dimension stretched to the result's size is read at 0.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (0, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[S:.*]] = affine_map<(d0, d1, d2) -> ()>
// CHECK-LABEL: func @broadcast_in_dim
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]]
// CHECK: linalg.generic {indexing_maps = [#[[S]], #[[OUT]]]
func.func @broadcast_in_dim(%a: tensor<1x8xf32>, %s: tensor<f32>) -> (tensor<2x4x8xf32>, tensor<2x4x8xf32>) {
  %0 = stablehlo.broadcast_in_dim %a, dims = [1, 2] : (tensor<1x8xf32>) -> tensor<2x4x8xf32>
  %1 = stablehlo.broadcast_in_dim %s, dims = [] : (tensor<f32>) -> tensor<2x4x8xf32>
  return %0, %1 : tensor<2x4x8xf32>, tensor<2x4x8xf32>
}

// -----

// CHECK-LABEL: func @reshape
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<2x4x8xf32> into tensor<8x8xf32>
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2]] output_shape [2, 2, 8] : tensor<2x16xf32> into tensor<2x2x8xf32>
// No single collapse or expand relates 2x3 and 3x2: through 1-D.
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK-NEXT: tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [3, 2] : tensor<6xf32> into tensor<3x2xf32>
// CHECK: tensor.expand_shape %{{.*}} [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
func.func @reshape(%a: tensor<2x4x8xf32>, %b: tensor<2x16xf32>, %c: tensor<2x3xf32>, %d: tensor<f32>) -> (tensor<8x8xf32>, tensor<2x2x8xf32>, tensor<3x2xf32>, tensor<1x1xf32>) {
  %0 = stablehlo.reshape %a : (tensor<2x4x8xf32>) -> tensor<8x8xf32>
  %1 = stablehlo.reshape %b : (tensor<2x16xf32>) -> tensor<2x2x8xf32>
  %2 = stablehlo.reshape %c : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %3 = stablehlo.reshape %d : (tensor<f32>) -> tensor<1x1xf32>
  return %0, %1, %2, %3 : tensor<8x8xf32>, tensor<2x2x8xf32>, tensor<3x2xf32>, tensor<1x1xf32>
}

// -----

// CHECK-LABEL: func @transpose_slice_concatenate
// CHECK: %[[T:.*]] = linalg.transpose ins(%{{.*}} : tensor<2x4x8xf32>) outs(%{{.*}} : tensor<8x2x4xf32>) permutation = [2, 0, 1]
// CHECK: %[[S:.*]] = tensor.extract_slice %[[T]][0, 0, 1] [8, 2, 2] [1, 1, 2] : tensor<8x2x4xf32> to tensor<8x2x2xf32>
// CHECK: %[[S2:.*]] = tensor.extract_slice %[[T]][0, 0, 1] [8, 2, 3] [1, 1, 1] : tensor<8x2x4xf32> to tensor<8x2x3xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<8x2x5xf32>
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[S]] into %[[E]][0, 0, 0] [8, 2, 2] [1, 1, 1]
// CHECK: %[[I1:.*]] = tensor.insert_slice %[[S2]] into %[[I0]][0, 0, 2] [8, 2, 3] [1, 1, 1]
// CHECK-NOT: tensor.insert_slice
// CHECK: return %[[I1]]
func.func @transpose_slice_concatenate(%a: tensor<2x4x8xf32>) -> tensor<8x2x5xf32> {
  %0 = stablehlo.transpose %a, dims = [2, 0, 1] : (tensor<2x4x8xf32>) -> tensor<8x2x4xf32>
  %1 = stablehlo.slice %0 [0:8, 0:2, 1:4:2] : (tensor<8x2x4xf32>) -> tensor<8x2x2xf32>
  %2 = stablehlo.slice %0 [0:8, 0:2, 1:4] : (tensor<8x2x4xf32>) -> tensor<8x2x3xf32>
  %3 = stablehlo.concatenate %1, %2, dim = 2 : (tensor<8x2x2xf32>, tensor<8x2x3xf32>) -> tensor<8x2x5xf32>
  return %3 : tensor<8x2x5xf32>
}

// -----

// Start indices are clamped to [0, operand size - slice size].
// CHECK-LABEL: func @dynamic_slices
// CHECK-SAME: (%[[A:.*]]: tensor<8x4xf32>, %[[U:.*]]: tensor<1x4xf32>, %[[I:.*]]: tensor<i32>, %[[J:.*]]: tensor<i64>)
// CHECK: %[[IV:.*]] = tensor.extract %[[I]][] : tensor<i32>
// CHECK-NEXT: %[[IX:.*]] = arith.index_cast %[[IV]] : i32 to index
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[MAX:.*]] = arith.constant 6 : index
// CHECK-NEXT: %[[LO:.*]] = arith.minsi %[[IX]], %[[MAX]] : index
// CHECK-NEXT: %[[ROW:.*]] = arith.maxsi %[[Z]], %[[LO]] : index
// CHECK: %[[COL:.*]] = arith.maxsi
// CHECK: %[[S:.*]] = tensor.extract_slice %[[A]][%[[ROW]], %[[COL]]] [2, 4] [1, 1] : tensor<8x4xf32> to tensor<2x4xf32>
// CHECK: tensor.extract %[[J]][] : tensor<i64>
// CHECK: arith.constant 7 : index
// CHECK: %[[R:.*]] = tensor.insert_slice %[[U]] into %[[A]][%{{.*}}, %{{.*}}] [1, 4] [1, 1] : tensor<1x4xf32> into tensor<8x4xf32>
func.func @dynamic_slices(%a: tensor<8x4xf32>, %u: tensor<1x4xf32>, %i: tensor<i32>, %j: tensor<i64>) -> (tensor<2x4xf32>, tensor<8x4xf32>) {
  %0 = stablehlo.dynamic_slice %a, %i, %i, sizes = [2, 4] : (tensor<8x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>
  %1 = stablehlo.dynamic_update_slice %a, %u, %j, %j : (tensor<8x4xf32>, tensor<1x4xf32>, tensor<i64>, tensor<i64>) -> tensor<8x4xf32>
  return %0, %1 : tensor<2x4xf32>, tensor<8x4xf32>
}

// -----

// An embedding lookup: the row index is read from the ids and clamped, the
// column is the result's offset dimension.
// CHECK-LABEL: func @gather_rows
// CHECK-SAME: (%[[TABLE:.*]]: tensor<32x8xf32>, %[[IDS:.*]]: tensor<4x1xi32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<4x8xf32>)
// CHECK: %[[TOK:.*]] = linalg.index 0 : index
// CHECK: %[[COL:.*]] = linalg.index 1 : index
// CHECK: %[[ID:.*]] = tensor.extract %[[IDS]][%[[TOK]], %{{.*}}] : tensor<4x1xi32>
// CHECK: %[[IDX:.*]] = arith.index_cast %[[ID]] : i32 to index
// CHECK: %[[LAST:.*]] = arith.constant 31 : index
// CHECK: %[[ROW:.*]] = arith.maxsi
// CHECK: %[[C:.*]] = arith.addi %{{.*}}, %[[COL]] : index
// CHECK: %[[V:.*]] = tensor.extract %[[TABLE]][%[[ROW]], %[[C]]] : tensor<32x8xf32>
// CHECK: linalg.yield %[[V]] : f32
func.func @gather_rows(%table: tensor<32x8xf32>, %ids: tensor<4x1xi32>) -> tensor<4x8xf32> {
  %0 = "stablehlo.gather"(%table, %ids) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 8>}> : (tensor<32x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// With batching dimensions: operand dimension 0 follows start-index batch
// dimension 1 (result dimension 1).
// CHECK-LABEL: func @gather_batching
// CHECK: %[[D1:.*]] = linalg.index 1 : index
// CHECK: %[[D3:.*]] = linalg.index 3 : index
// CHECK: %[[D4:.*]] = linalg.index 4 : index
// CHECK: %[[S2:.*]] = arith.maxsi
// CHECK: %[[S1:.*]] = arith.maxsi
// CHECK: %[[O2:.*]] = arith.addi %[[S2]], %[[D3]] : index
// CHECK: %[[O3:.*]] = arith.addi %{{.*}}, %[[D4]] : index
// CHECK: tensor.extract %{{.*}}[%[[D1]], %[[S1]], %[[O2]], %[[O3]]] : tensor<2x3x4x2xi32>
func.func @gather_batching(%t: tensor<2x3x4x2xi32>, %i: tensor<2x2x3x2xi64>) -> tensor<2x2x3x2x2xi32> {
  %0 = "stablehlo.gather"(%t, %i) <{dimension_numbers = #stablehlo.gather<offset_dims = [3, 4], collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [1], start_index_map = [2, 1], index_vector_dim = 3>, indices_are_sorted = false, slice_sizes = array<i64: 1, 1, 2, 2>}> : (tensor<2x3x4x2xi32>, tensor<2x2x3x2xi64>) -> tensor<2x2x3x2x2xi32>
  return %0 : tensor<2x2x3x2x2xi32>
}

// -----

// x @ W with a constant W: the weight goes into linalg.matmul untouched.
// CHECK-LABEL: func @dot_plain
// CHECK: %[[W:.*]] = arith.constant dense<5.000000e-01> : tensor<8x16xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<4x16xf32>)
// CHECK: %[[Y:.*]] = linalg.matmul ins(%{{.*}}, %[[W]] : tensor<4x8xf32>, tensor<8x16xf32>) outs(%[[INIT]] : tensor<4x16xf32>)
// CHECK: return %[[Y]]
func.func @dot_plain(%x: tensor<4x8xf32>) -> tensor<4x16xf32> {
  %cst = stablehlo.constant dense<5.000000e-01> : tensor<8x16xf32>
  %0 = stablehlo.dot_general %x, %cst, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// x @ W.T with 3-D activations: tokens are merged into M, the [N, K] weight
// is read through the matmul's indexing maps.
// CHECK-DAG: #[[MK:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[NK:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[MN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func @dot_transposed_weight
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x8xf32>, %[[W:.*]]: tensor<16x8xf32> {fpx.weight})
// CHECK: %[[X2:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<2x3x8xf32> into tensor<6x8xf32>
// CHECK: %[[Y:.*]] = linalg.matmul indexing_maps = [#[[MK]], #[[NK]], #[[MN]]] ins(%[[X2]], %[[W]] : tensor<6x8xf32>, tensor<16x8xf32>)
// CHECK: tensor.expand_shape %[[Y]] {{\[\[}}0, 1], [2]] output_shape [2, 3, 16] : tensor<6x16xf32> into tensor<2x3x16xf32>
func.func @dot_transposed_weight(%x: tensor<2x3x8xf32>, %w: tensor<16x8xf32> {fpx.weight}) -> tensor<2x3x16xf32> {
  %0 = stablehlo.dot_general %x, %w, contracting_dims = [2] x [1], precision = [DEFAULT, DEFAULT] : (tensor<2x3x8xf32>, tensor<16x8xf32>) -> tensor<2x3x16xf32>
  return %0 : tensor<2x3x16xf32>
}

// -----

// Attention scores q k^T per head: the batch (head) dimension moves to the
// front; bf16 inputs accumulate into the f32 result.
// CHECK-LABEL: func @dot_attention
// CHECK: %[[Q:.*]] = linalg.transpose ins(%{{.*}} : tensor<4x2x8xbf16>) outs(%{{.*}} : tensor<2x4x8xbf16>) permutation = [1, 0, 2]
// CHECK: %[[K:.*]] = linalg.transpose ins(%{{.*}} : tensor<6x2x8xbf16>) outs(%{{.*}} : tensor<2x8x6xbf16>) permutation = [1, 2, 0]
// CHECK: linalg.batch_matmul ins(%[[Q]], %[[K]] : tensor<2x4x8xbf16>, tensor<2x8x6xbf16>) outs(%{{.*}} : tensor<2x4x6xf32>)
func.func @dot_attention(%q: tensor<4x2x8xbf16>, %k: tensor<6x2x8xbf16>) -> tensor<2x4x6xf32> {
  %0 = stablehlo.dot_general %q, %k, batching_dims = [1] x [1], contracting_dims = [2] x [2] : (tensor<4x2x8xbf16>, tensor<6x2x8xbf16>) -> tensor<2x4x6xf32>
  return %0 : tensor<2x4x6xf32>
}

// -----

// Batched with the right operand already [B, N, K].
// CHECK-DAG: #[[BMK:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[BNK:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG: #[[BMN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func @dot_batch_nk
// CHECK-NOT: linalg.transpose
// CHECK: linalg.batch_matmul indexing_maps = [#[[BMK]], #[[BNK]], #[[BMN]]] ins(%{{.*}}, %{{.*}} : tensor<2x4x8xf32>, tensor<2x6x8xf32>)
func.func @dot_batch_nk(%a: tensor<2x4x8xf32>, %b: tensor<2x6x8xf32>) -> tensor<2x4x6xf32> {
  %0 = stablehlo.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [2] : (tensor<2x4x8xf32>, tensor<2x6x8xf32>) -> tensor<2x4x6xf32>
  return %0 : tensor<2x4x6xf32>
}

// -----

// A vector dot product is a 1x8 by 8x1 matmul.
// CHECK-LABEL: func @dot_vectors
// CHECK: %[[A:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [1, 8] : tensor<8xf32> into tensor<1x8xf32>
// CHECK: %[[B:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [8, 1] : tensor<8xf32> into tensor<8x1xf32>
// CHECK: %[[P:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<1x8xf32>, tensor<8x1xf32>)
// CHECK: tensor.collapse_shape %[[P]] [] : tensor<1x1xf32> into tensor<f32>
func.func @dot_vectors(%a: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<f32> {
  %0 = stablehlo.dot_general %a, %b, contracting_dims = [0] x [0] : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// CHECK-LABEL: func @reduce
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<4x8xi32>)
// CHECK: %[[NEGINF:.*]] = arith.constant dense<0xFF800000> : tensor<f32>
// CHECK: %[[INIT:.*]] = tensor.extract %[[NEGINF]][] : tensor<f32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[INIT]] : f32) outs(%{{.*}} : tensor<4xf32>)
// CHECK: %[[MAX:.*]] = linalg.reduce { arith.maximumf } ins(%[[A]] : tensor<4x8xf32>) outs(%[[FILL]] : tensor<4xf32>) dimensions = [1]
// The reducer takes accumulators first, linalg.reduce the elements first.
// CHECK: %[[ARG:.*]]:2 = linalg.reduce ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<4x8xi32>) outs(%{{.*}}, %{{.*}} : tensor<4xf32>, tensor<4xi32>) dimensions = [1]
// CHECK-NEXT: (%[[X:.*]]: f32, %[[I:.*]]: i32, %[[ACC:.*]]: f32, %[[ACCI:.*]]: i32) {
// CHECK-NEXT:   %[[GT:.*]] = arith.cmpf ogt, %[[ACC]], %[[X]] : f32
// CHECK-NEXT:   %[[M:.*]] = arith.select %[[GT]], %[[ACC]], %[[X]] : f32
// CHECK-NEXT:   %[[MI:.*]] = arith.select %[[GT]], %[[ACCI]], %[[I]] : i32
// CHECK-NEXT:   %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-NEXT:   %[[INC:.*]] = arith.addi %[[MI]], %[[ONE]] : i32
// CHECK-NEXT:   linalg.yield %[[M]], %[[INC]] : f32, i32
// CHECK: return %[[MAX]], %[[ARG]]#0, %[[ARG]]#1
func.func @reduce(%a: tensor<4x8xf32>, %b: tensor<4x8xi32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xi32>) {
  %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
  %c = stablehlo.constant dense<0> : tensor<i32>
  %0 = stablehlo.reduce(%a init: %cst) applies stablehlo.maximum across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  %1:2 = stablehlo.reduce(%a init: %cst), (%b init: %c) across dimensions = [1] : (tensor<4x8xf32>, tensor<4x8xi32>, tensor<f32>, tensor<i32>) -> (tensor<4xf32>, tensor<4xi32>)
   reducer(%arg2: tensor<f32>, %arg4: tensor<f32>) (%arg3: tensor<i32>, %arg5: tensor<i32>)  {
    %2 = stablehlo.compare GT, %arg2, %arg4, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %3 = stablehlo.select %2, %arg2, %arg4 : tensor<i1>, tensor<f32>
    %4 = stablehlo.select %2, %arg3, %arg5 : tensor<i1>, tensor<i32>
    %c_0 = stablehlo.constant dense<1> : tensor<i32>
    %5 = stablehlo.add %4, %c_0 : tensor<i32>
    stablehlo.return %3, %5 : tensor<f32>, tensor<i32>
  }
  return %0, %1#0, %1#1 : tensor<4xf32>, tensor<4xf32>, tensor<4xi32>
}

// -----

// Calls to private helpers stay calls (run --inline first to merge them).
// CHECK-LABEL: func @caller
// CHECK: call @silu(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-LABEL: func private @silu
// CHECK: linalg.generic
// CHECK-NOT: stablehlo
func.func @caller(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = call @silu(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func private @silu(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = stablehlo.logistic %arg0 : tensor<4xf32>
  %1 = stablehlo.multiply %arg0, %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}
