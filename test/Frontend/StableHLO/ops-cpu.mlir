// Op semantics on the CPU, against values from the StableHLO specification's
// examples (gather, dynamic_slice, dynamic_update_slice, dot_general,
// broadcast_in_dim, transpose) and hand-derived ones (the rest).
//
// RUN: fpx-opt %s --convert-stablehlo-to-linalg --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils,%mlir_runner_utils \
// RUN: | FileCheck %s

func.func private @printMemrefI32(memref<*xi32>)
func.func private @printMemrefI64(memref<*xi64>)
func.func private @printMemrefF32(memref<*xf32>)

func.func @main() {
  // Gather with batching dimensions; start index [0, 9] is clamped to [0, 2].
  // CHECK-LABEL: sizes = [2, 2, 3, 2, 2]
  // CHECK:      {{\[\[\[\[}}1,    2],
  // CHECK-NEXT:     [3,    4]],
  // CHECK-NEXT:    {{\[\[}}3,    4],
  // CHECK-NEXT:     [5,    6]],
  // CHECK-NEXT:    {{\[\[}}13,    14],
  // CHECK-NEXT:     [15,    16]]],
  // CHECK-NEXT:   {{\[\[\[}}33,    34],
  // CHECK-NEXT:     [35,    36]],
  // CHECK-NEXT:    {{\[\[}}35,    36],
  // CHECK-NEXT:     [37,    38]],
  // CHECK-NEXT:    {{\[\[}}41,    42],
  // CHECK-NEXT:     [43,    44]]]],
  // CHECK-NEXT:  {{\[\[\[\[}}1,    2],
  // CHECK-NEXT:     [3,    4]],
  // CHECK-NEXT:    {{\[\[}}13,    14],
  // CHECK-NEXT:     [15,    16]],
  // CHECK-NEXT:    {{\[\[}}21,    22],
  // CHECK-NEXT:     [23,    24]]],
  // CHECK-NEXT:   {{\[\[\[}}43,    44],
  // CHECK-NEXT:     [45,    46]],
  // CHECK-NEXT:    {{\[\[}}33,    34],
  // CHECK-NEXT:     [35,    36]],
  // CHECK-NEXT:    {{\[\[}}27,    28],
  // CHECK-NEXT:     [29,    30]]]]]
  %operand = stablehlo.constant dense<[[[[1, 2], [3, 4], [5, 6], [7, 8]], [[9, 10], [11, 12], [13, 14], [15, 16]], [[17, 18], [19, 20], [21, 22], [23, 24]]], [[[25, 26], [27, 28], [29, 30], [31, 32]], [[33, 34], [35, 36], [37, 38], [39, 40]], [[41, 42], [43, 44], [45, 46], [47, 48]]]]> : tensor<2x3x4x2xi32>
  %start = stablehlo.constant dense<[[[[0, 0], [1, 0], [2, 1]], [[0, 1], [1, 1], [0, 9]]], [[[0, 0], [2, 1], [2, 2]], [[1, 2], [0, 1], [1, 0]]]]> : tensor<2x2x3x2xi64>
  %gather = "stablehlo.gather"(%operand, %start) <{dimension_numbers = #stablehlo.gather<offset_dims = [3, 4], collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [1], start_index_map = [2, 1], index_vector_dim = 3>, indices_are_sorted = false, slice_sizes = array<i64: 1, 1, 2, 2>}> : (tensor<2x3x4x2xi32>, tensor<2x2x3x2xi64>) -> tensor<2x2x3x2x2xi32>
  %gather_m = bufferization.to_buffer %gather read_only : tensor<2x2x3x2x2xi32> to memref<2x2x3x2x2xi32>
  %gather_u = memref.cast %gather_m : memref<2x2x3x2x2xi32> to memref<*xi32>
  call @printMemrefI32(%gather_u) : (memref<*xi32>) -> ()

  // dynamic_slice and dynamic_update_slice clamp starts (-1, 3) to (0, 2).
  // CHECK-LABEL: sizes = [2, 2]
  // CHECK-NEXT: {{\[\[}}1,   1],
  // CHECK-NEXT:  [1,   1]]
  // CHECK-LABEL: sizes = [4, 4]
  // CHECK-NEXT: {{\[\[}}1,   1,   1,   1],
  // CHECK-NEXT:  [1,   1,   1,   1],
  // CHECK-NEXT:  [1,   1,   1,   1],
  // CHECK-NEXT:  [1,   1,   1,   1]]
  %slice_src = stablehlo.constant dense<[[0, 0, 1, 1], [0, 0, 1, 1], [0, 0, 0, 0], [0, 0, 0, 0]]> : tensor<4x4xi32>
  %minus_one = stablehlo.constant dense<-1> : tensor<i64>
  %three = stablehlo.constant dense<3> : tensor<i64>
  %dyn = stablehlo.dynamic_slice %slice_src, %minus_one, %three, sizes = [2, 2] : (tensor<4x4xi32>, tensor<i64>, tensor<i64>) -> tensor<2x2xi32>
  %dyn_m = bufferization.to_buffer %dyn read_only : tensor<2x2xi32> to memref<2x2xi32>
  %dyn_u = memref.cast %dyn_m : memref<2x2xi32> to memref<*xi32>
  call @printMemrefI32(%dyn_u) : (memref<*xi32>) -> ()
  %update_dst = stablehlo.constant dense<[[1, 1, 0, 0], [1, 1, 0, 0], [1, 1, 1, 1], [1, 1, 1, 1]]> : tensor<4x4xi32>
  %update = stablehlo.constant dense<1> : tensor<2x2xi32>
  %updated = stablehlo.dynamic_update_slice %update_dst, %update, %minus_one, %three : (tensor<4x4xi32>, tensor<2x2xi32>, tensor<i64>, tensor<i64>) -> tensor<4x4xi32>
  %updated_m = bufferization.to_buffer %updated read_only : tensor<4x4xi32> to memref<4x4xi32>
  %updated_u = memref.cast %updated_m : memref<4x4xi32> to memref<*xi32>
  call @printMemrefI32(%updated_u) : (memref<*xi32>) -> ()

  // A batched integer dot_general with identity matrices.
  // CHECK-LABEL: sizes = [2, 2, 2]
  // CHECK-NEXT: {{\[\[\[}}1,   2],
  // CHECK-NEXT:   [3,   4]],
  // CHECK-NEXT:  {{\[\[}}5,   6],
  // CHECK-NEXT:   [7,   8]]]
  %lhs = stablehlo.constant dense<[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]> : tensor<2x2x2xi64>
  %rhs = stablehlo.constant dense<[[[1, 0], [0, 1]], [[1, 0], [0, 1]]]> : tensor<2x2x2xi64>
  %dot = stablehlo.dot_general %lhs, %rhs, batching_dims = [0] x [0], contracting_dims = [2] x [1], precision = [DEFAULT, DEFAULT] : (tensor<2x2x2xi64>, tensor<2x2x2xi64>) -> tensor<2x2x2xi64>
  %dot_m = bufferization.to_buffer %dot read_only : tensor<2x2x2xi64> to memref<2x2x2xi64>
  %dot_u = memref.cast %dot_m : memref<2x2x2xi64> to memref<*xi64>
  call @printMemrefI64(%dot_u) : (memref<*xi64>) -> ()

  // broadcast_in_dim with dims = [2, 1]: the size-1 dimension 0 becomes the
  // stretched result dimension 2.
  // CHECK-LABEL: sizes = [2, 3, 2]
  // CHECK-NEXT: {{\[\[\[}}1,   1],
  // CHECK-NEXT:   [2,   2],
  // CHECK-NEXT:   [3,   3]],
  // CHECK-NEXT:  {{\[\[}}1,   1],
  // CHECK-NEXT:   [2,   2],
  // CHECK-NEXT:   [3,   3]]]
  %row = stablehlo.constant dense<[[1, 2, 3]]> : tensor<1x3xi32>
  %bcast = stablehlo.broadcast_in_dim %row, dims = [2, 1] : (tensor<1x3xi32>) -> tensor<2x3x2xi32>
  %bcast_m = bufferization.to_buffer %bcast read_only : tensor<2x3x2xi32> to memref<2x3x2xi32>
  %bcast_u = memref.cast %bcast_m : memref<2x3x2xi32> to memref<*xi32>
  call @printMemrefI32(%bcast_u) : (memref<*xi32>) -> ()

  // transpose with dims = [2, 1, 0].
  // CHECK-LABEL: sizes = [2, 3, 2]
  // CHECK-NEXT: {{\[\[\[}}1,   7],
  // CHECK-NEXT:   [3,   9],
  // CHECK-NEXT:   [5,   11]],
  // CHECK-NEXT:  {{\[\[}}2,   8],
  // CHECK-NEXT:   [4,   10],
  // CHECK-NEXT:   [6,   12]]]
  %cube = stablehlo.constant dense<[[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]> : tensor<2x3x2xi32>
  %transposed = stablehlo.transpose %cube, dims = [2, 1, 0] : (tensor<2x3x2xi32>) -> tensor<2x3x2xi32>
  %transposed_m = bufferization.to_buffer %transposed read_only : tensor<2x3x2xi32> to memref<2x3x2xi32>
  %transposed_u = memref.cast %transposed_m : memref<2x3x2xi32> to memref<*xi32>
  call @printMemrefI32(%transposed_u) : (memref<*xi32>) -> ()

  // Integer division truncates toward zero; x / 0 = -1 and
  // INT_MIN / -1 = INT_MIN. Then not, and, or on the quotients.
  // CHECK-LABEL: sizes = [5]
  // CHECK-NEXT: [3,  -3,  -1,  -5,  -2147483648]
  // CHECK-LABEL: sizes = [5]
  // CHECK-NEXT: [-4,  2,  0,  4,  2147483647]
  // CHECK-LABEL: sizes = [5]
  // CHECK-NEXT: [2,  -6,  -2,  -1,  -1]
  %num = stablehlo.constant dense<[7, -7, 7, 5, -2147483648]> : tensor<5xi32>
  %den = stablehlo.constant dense<[2, 2, 0, -1, -1]> : tensor<5xi32>
  %quot = stablehlo.divide %num, %den : tensor<5xi32>
  %quot_m = bufferization.to_buffer %quot read_only : tensor<5xi32> to memref<5xi32>
  %quot_u = memref.cast %quot_m : memref<5xi32> to memref<*xi32>
  call @printMemrefI32(%quot_u) : (memref<*xi32>) -> ()
  %inverted = stablehlo.not %quot : tensor<5xi32>
  %inverted_m = bufferization.to_buffer %inverted read_only : tensor<5xi32> to memref<5xi32>
  %inverted_u = memref.cast %inverted_m : memref<5xi32> to memref<*xi32>
  call @printMemrefI32(%inverted_u) : (memref<*xi32>) -> ()
  %mask = stablehlo.constant dense<[6, -6, -2, -6, 0]> : tensor<5xi32>
  %anded = stablehlo.and %quot, %mask : tensor<5xi32>
  %ored = stablehlo.or %anded, %den : tensor<5xi32>
  %ored_m = bufferization.to_buffer %ored read_only : tensor<5xi32> to memref<5xi32>
  %ored_u = memref.cast %ored_m : memref<5xi32> to memref<*xi32>
  call @printMemrefI32(%ored_u) : (memref<*xi32>) -> ()

  // convert: float to int truncates toward zero, i1 to float is 0 or 1.
  // CHECK-LABEL: sizes = [4]
  // CHECK-NEXT: [-2,  2,  0,  0]
  // CHECK-LABEL: sizes = [2]
  // CHECK-NEXT: [1,  0]
  %reals = stablehlo.constant dense<[-2.700000e+00, 2.700000e+00, 5.000000e-01, -5.000000e-01]> : tensor<4xf32>
  %ints = stablehlo.convert %reals : (tensor<4xf32>) -> tensor<4xi32>
  %ints_m = bufferization.to_buffer %ints read_only : tensor<4xi32> to memref<4xi32>
  %ints_u = memref.cast %ints_m : memref<4xi32> to memref<*xi32>
  call @printMemrefI32(%ints_u) : (memref<*xi32>) -> ()
  %bools = stablehlo.constant dense<[true, false]> : tensor<2xi1>
  %bool_floats = stablehlo.convert %bools : (tensor<2xi1>) -> tensor<2xf32>
  %bool_floats_m = bufferization.to_buffer %bool_floats read_only : tensor<2xf32> to memref<2xf32>
  %bool_floats_u = memref.cast %bool_floats_m : memref<2xf32> to memref<*xf32>
  call @printMemrefF32(%bool_floats_u) : (memref<*xf32>) -> ()

  // NaN: maximum propagates it; NE is true and EQ false on NaN; a rank-0
  // predicate selects whole tensors (here EQ's).
  // CHECK-LABEL: sizes = [3]
  // CHECK-NEXT: [nan,  2,  1]
  // CHECK-LABEL: sizes = [3]
  // CHECK-NEXT: [0,  0,  1]
  %nan = stablehlo.constant dense<[0x7FC00000, 2.000000e+00, 1.000000e+00]> : tensor<3xf32>
  %ones = stablehlo.constant dense<1.000000e+00> : tensor<3xf32>
  %max = stablehlo.maximum %nan, %ones : tensor<3xf32>
  %max_m = bufferization.to_buffer %max read_only : tensor<3xf32> to memref<3xf32>
  %max_u = memref.cast %max_m : memref<3xf32> to memref<*xf32>
  call @printMemrefF32(%max_u) : (memref<*xf32>) -> ()
  %ne = stablehlo.compare NE, %nan, %nan, FLOAT : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  %eq = stablehlo.compare EQ, %nan, %ones, FLOAT : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  %true = stablehlo.constant dense<true> : tensor<i1>
  %eq_f = stablehlo.convert %eq : (tensor<3xi1>) -> tensor<3xf32>
  %ne_f = stablehlo.convert %ne : (tensor<3xi1>) -> tensor<3xf32>
  %picked = stablehlo.select %true, %eq_f, %ne_f : (tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %picked_m = bufferization.to_buffer %picked read_only : tensor<3xf32> to memref<3xf32>
  %picked_u = memref.cast %picked_m : memref<3xf32> to memref<*xf32>
  call @printMemrefF32(%picked_u) : (memref<*xf32>) -> ()
  // NE minus EQ:
  // CHECK-LABEL: sizes = [3]
  // CHECK-NEXT: [1,  0,  -1]
  %ne_only = stablehlo.subtract %ne_f, %eq_f : tensor<3xf32>
  %ne_only_m = bufferization.to_buffer %ne_only read_only : tensor<3xf32> to memref<3xf32>
  %ne_only_u = memref.cast %ne_only_m : memref<3xf32> to memref<*xf32>
  call @printMemrefF32(%ne_only_u) : (memref<*xf32>) -> ()

  // erf(0.5) = 0.5204999, tanh(1) = 0.7615942, 2^3 = 8, log(1) = 0,
  // sqrt(16) = 4, rsqrt(4) = 0.5, logistic(0) = 0.5, exp(0) = 1,
  // sin(0) = 0, cos(0) = 1, -(-2) = 2.
  // CHECK-LABEL: sizes = [12]
  // CHECK-NEXT: [0.5205,  0.761594,  8,  0,  4,  0.5,  0.5,  1,  0,  1,  2,  0.4795]
  %x1 = stablehlo.constant dense<[5.000000e-01]> : tensor<1xf32>
  %one = stablehlo.constant dense<[1.000000e+00]> : tensor<1xf32>
  %two = stablehlo.constant dense<[2.000000e+00]> : tensor<1xf32>
  %three_f = stablehlo.constant dense<[3.000000e+00]> : tensor<1xf32>
  %four = stablehlo.constant dense<[4.000000e+00]> : tensor<1xf32>
  %sixteen = stablehlo.constant dense<[1.600000e+01]> : tensor<1xf32>
  %zero = stablehlo.constant dense<[0.000000e+00]> : tensor<1xf32>
  %minus_two = stablehlo.constant dense<[-2.000000e+00]> : tensor<1xf32>
  %r0 = chlo.erf %x1 : tensor<1xf32> -> tensor<1xf32>
  %r1 = stablehlo.tanh %one : tensor<1xf32>
  %r2 = stablehlo.power %two, %three_f : tensor<1xf32>
  %r3 = stablehlo.log %one : tensor<1xf32>
  %r4 = stablehlo.sqrt %sixteen : tensor<1xf32>
  %r5 = stablehlo.rsqrt %four : tensor<1xf32>
  %r6 = stablehlo.logistic %zero : tensor<1xf32>
  %r7 = stablehlo.exponential %zero : tensor<1xf32>
  %r8 = stablehlo.sine %zero : tensor<1xf32>
  %r9 = stablehlo.cosine %zero : tensor<1xf32>
  %r10 = stablehlo.negate %minus_two : tensor<1xf32>
  %r11 = chlo.erfc %x1 : tensor<1xf32> -> tensor<1xf32>
  %math = stablehlo.concatenate %r0, %r1, %r2, %r3, %r4, %r5, %r6, %r7, %r8, %r9, %r10, %r11, dim = 0 : (tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<12xf32>
  %math_m = bufferization.to_buffer %math read_only : tensor<12xf32> to memref<12xf32>
  %math_u = memref.cast %math_m : memref<12xf32> to memref<*xf32>
  call @printMemrefF32(%math_u) : (memref<*xf32>) -> ()

  // A two-output reducer (max and its index, as jnp.argmax writes it) over
  // rows [1, 5, 3] and [7, 2, 6], then iota, reshape and a strided slice.
  // CHECK-LABEL: sizes = [2]
  // CHECK-NEXT: [5,  7]
  // CHECK-LABEL: sizes = [2]
  // CHECK-NEXT: [1,  0]
  %values = stablehlo.constant dense<[[1.000000e+00, 5.000000e+00, 3.000000e+00], [7.000000e+00, 2.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
  %indices = stablehlo.iota dim = 1 : tensor<2x3xi32>
  %neg_inf = stablehlo.constant dense<0xFF800000> : tensor<f32>
  %c0 = stablehlo.constant dense<0> : tensor<i32>
  %best:2 = stablehlo.reduce(%values init: %neg_inf), (%indices init: %c0) across dimensions = [1] : (tensor<2x3xf32>, tensor<2x3xi32>, tensor<f32>, tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>)
   reducer(%a: tensor<f32>, %b: tensor<f32>) (%i: tensor<i32>, %j: tensor<i32>)  {
    %gt = stablehlo.compare GT, %a, %b, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %v = stablehlo.select %gt, %a, %b : tensor<i1>, tensor<f32>
    %k = stablehlo.select %gt, %i, %j : tensor<i1>, tensor<i32>
    stablehlo.return %v, %k : tensor<f32>, tensor<i32>
  }
  %best0_m = bufferization.to_buffer %best#0 read_only : tensor<2xf32> to memref<2xf32>
  %best0_u = memref.cast %best0_m : memref<2xf32> to memref<*xf32>
  call @printMemrefF32(%best0_u) : (memref<*xf32>) -> ()
  %best1_m = bufferization.to_buffer %best#1 read_only : tensor<2xi32> to memref<2xi32>
  %best1_u = memref.cast %best1_m : memref<2xi32> to memref<*xi32>
  call @printMemrefI32(%best1_u) : (memref<*xi32>) -> ()
  // CHECK-LABEL: sizes = [3, 2]
  // CHECK-NEXT: {{\[\[}}0,   1],
  // CHECK-NEXT:  [2,   3],
  // CHECK-NEXT:  [4,   5]]
  // CHECK-LABEL: sizes = [2, 1]
  // CHECK-NEXT: {{\[\[}}1],
  // CHECK-NEXT:  [5]]
  %count = stablehlo.iota dim = 0 : tensor<6xi32>
  %grid = stablehlo.reshape %count : (tensor<6xi32>) -> tensor<3x2xi32>
  %grid_m = bufferization.to_buffer %grid read_only : tensor<3x2xi32> to memref<3x2xi32>
  %grid_u = memref.cast %grid_m : memref<3x2xi32> to memref<*xi32>
  call @printMemrefI32(%grid_u) : (memref<*xi32>) -> ()
  %strided = stablehlo.slice %grid [0:3:2, 1:2] : (tensor<3x2xi32>) -> tensor<2x1xi32>
  %strided_m = bufferization.to_buffer %strided read_only : tensor<2x1xi32> to memref<2x1xi32>
  %strided_u = memref.cast %strided_m : memref<2x1xi32> to memref<*xi32>
  call @printMemrefI32(%strided_u) : (memref<*xi32>) -> ()
  return
}
