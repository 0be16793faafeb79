module @jit_model attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<64x32xf32>, %arg1: tensor<32xf32>, %arg2: tensor<32xf32>, %arg3: tensor<32xf32>, %arg4: tensor<32x64xf32>, %arg5: tensor<32x64xf32>, %arg6: tensor<64x32xf32>, %arg7: tensor<32x64xf32>, %arg8: tensor<32x32xf32>, %arg9: tensor<32x32xf32>, %arg10: tensor<32x32xf32>, %arg11: tensor<32x32xf32>, %arg12: tensor<8xi32>) -> (tensor<8x64xf32> {jax.result_info = "result"}) {
    %c = stablehlo.constant dense<0> : tensor<i32>
    %0 = stablehlo.broadcast_in_dim %c, dims = [] : (tensor<i32>) -> tensor<8xi32>
    %1 = stablehlo.compare LT, %arg12, %0, SIGNED : (tensor<8xi32>, tensor<8xi32>) -> tensor<8xi1>
    %c_0 = stablehlo.constant dense<64> : tensor<i32>
    %2 = stablehlo.broadcast_in_dim %c_0, dims = [] : (tensor<i32>) -> tensor<8xi32>
    %3 = stablehlo.add %arg12, %2 : tensor<8xi32>
    %4 = stablehlo.select %1, %3, %arg12 : tensor<8xi1>, tensor<8xi32>
    %5 = stablehlo.broadcast_in_dim %4, dims = [0] : (tensor<8xi32>) -> tensor<8x1xi32>
    %6 = "stablehlo.gather"(%arg0, %5) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 32>}> : (tensor<64x32xf32>, tensor<8x1xi32>) -> tensor<8x32xf32>
    %7 = stablehlo.multiply %6, %6 : tensor<8x32xf32>
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %8 = stablehlo.reduce(%7 init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<8x32xf32>, tensor<f32>) -> tensor<8xf32>
    %9 = stablehlo.broadcast_in_dim %8, dims = [0] : (tensor<8xf32>) -> tensor<8x1xf32>
    %cst_1 = stablehlo.constant dense<3.200000e+01> : tensor<f32>
    %10 = stablehlo.broadcast_in_dim %cst_1, dims = [] : (tensor<f32>) -> tensor<8x1xf32>
    %11 = stablehlo.divide %9, %10 : tensor<8x1xf32>
    %cst_2 = stablehlo.constant dense<9.99999974E-6> : tensor<f32>
    %12 = stablehlo.broadcast_in_dim %cst_2, dims = [] : (tensor<f32>) -> tensor<8x1xf32>
    %13 = stablehlo.add %11, %12 : tensor<8x1xf32>
    %14 = stablehlo.rsqrt %13 : tensor<8x1xf32>
    %15 = stablehlo.broadcast_in_dim %14, dims = [0, 1] : (tensor<8x1xf32>) -> tensor<8x32xf32>
    %16 = stablehlo.multiply %6, %15 : tensor<8x32xf32>
    %17 = stablehlo.broadcast_in_dim %arg1, dims = [1] : (tensor<32xf32>) -> tensor<1x32xf32>
    %18 = stablehlo.broadcast_in_dim %17, dims = [0, 1] : (tensor<1x32xf32>) -> tensor<8x32xf32>
    %19 = stablehlo.multiply %16, %18 : tensor<8x32xf32>
    %20 = stablehlo.dot_general %19, %arg10, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xf32>, tensor<32x32xf32>) -> tensor<8x32xf32>
    %21 = stablehlo.reshape %20 : (tensor<8x32xf32>) -> tensor<8x4x8xf32>
    %22 = stablehlo.dot_general %19, %arg8, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xf32>, tensor<32x32xf32>) -> tensor<8x32xf32>
    %23 = stablehlo.reshape %22 : (tensor<8x32xf32>) -> tensor<8x4x8xf32>
    %24 = stablehlo.dot_general %19, %arg11, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xf32>, tensor<32x32xf32>) -> tensor<8x32xf32>
    %25 = stablehlo.reshape %24 : (tensor<8x32xf32>) -> tensor<8x4x8xf32>
    %26 = stablehlo.iota dim = 0 : tensor<8xf32>
    %27 = stablehlo.broadcast_in_dim %26, dims = [0] : (tensor<8xf32>) -> tensor<8x1xf32>
    %28 = stablehlo.iota dim = 0 : tensor<4xf32>
    %cst_3 = stablehlo.constant dense<2.000000e+00> : tensor<f32>
    %29 = stablehlo.broadcast_in_dim %cst_3, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %30 = stablehlo.multiply %29, %28 : tensor<4xf32>
    %cst_4 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %31 = stablehlo.broadcast_in_dim %cst_4, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %32 = stablehlo.add %31, %30 : tensor<4xf32>
    %cst_5 = stablehlo.constant dense<8.000000e+00> : tensor<f32>
    %33 = stablehlo.broadcast_in_dim %cst_5, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %34 = stablehlo.divide %32, %33 : tensor<4xf32>
    %cst_6 = stablehlo.constant dense<1.000000e+04> : tensor<f32>
    %35 = stablehlo.broadcast_in_dim %cst_6, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %36 = stablehlo.power %35, %34 : tensor<4xf32>
    %cst_7 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %37 = stablehlo.broadcast_in_dim %cst_7, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %38 = stablehlo.divide %37, %36 : tensor<4xf32>
    %39 = stablehlo.broadcast_in_dim %38, dims = [1] : (tensor<4xf32>) -> tensor<1x4xf32>
    %40 = stablehlo.broadcast_in_dim %27, dims = [0, 1] : (tensor<8x1xf32>) -> tensor<8x4xf32>
    %41 = stablehlo.broadcast_in_dim %39, dims = [0, 1] : (tensor<1x4xf32>) -> tensor<8x4xf32>
    %42 = stablehlo.multiply %40, %41 : tensor<8x4xf32>
    %43 = stablehlo.cosine %42 : tensor<8x4xf32>
    %44 = stablehlo.broadcast_in_dim %43, dims = [0, 2] : (tensor<8x4xf32>) -> tensor<8x1x4xf32>
    %45 = stablehlo.sine %42 : tensor<8x4xf32>
    %46 = stablehlo.broadcast_in_dim %45, dims = [0, 2] : (tensor<8x4xf32>) -> tensor<8x1x4xf32>
    %47 = stablehlo.slice %21 [0:8, 0:4, 0:4] : (tensor<8x4x8xf32>) -> tensor<8x4x4xf32>
    %48 = stablehlo.slice %21 [0:8, 0:4, 4:8] : (tensor<8x4x8xf32>) -> tensor<8x4x4xf32>
    %49 = stablehlo.broadcast_in_dim %44, dims = [0, 1, 2] : (tensor<8x1x4xf32>) -> tensor<8x4x4xf32>
    %50 = stablehlo.multiply %47, %49 : tensor<8x4x4xf32>
    %51 = stablehlo.broadcast_in_dim %46, dims = [0, 1, 2] : (tensor<8x1x4xf32>) -> tensor<8x4x4xf32>
    %52 = stablehlo.multiply %48, %51 : tensor<8x4x4xf32>
    %53 = stablehlo.subtract %50, %52 : tensor<8x4x4xf32>
    %54 = stablehlo.broadcast_in_dim %46, dims = [0, 1, 2] : (tensor<8x1x4xf32>) -> tensor<8x4x4xf32>
    %55 = stablehlo.multiply %47, %54 : tensor<8x4x4xf32>
    %56 = stablehlo.broadcast_in_dim %44, dims = [0, 1, 2] : (tensor<8x1x4xf32>) -> tensor<8x4x4xf32>
    %57 = stablehlo.multiply %48, %56 : tensor<8x4x4xf32>
    %58 = stablehlo.add %55, %57 : tensor<8x4x4xf32>
    %59 = stablehlo.concatenate %53, %58, dim = 2 : (tensor<8x4x4xf32>, tensor<8x4x4xf32>) -> tensor<8x4x8xf32>
    %60 = stablehlo.iota dim = 0 : tensor<8xf32>
    %61 = stablehlo.broadcast_in_dim %60, dims = [0] : (tensor<8xf32>) -> tensor<8x1xf32>
    %62 = stablehlo.iota dim = 0 : tensor<4xf32>
    %cst_8 = stablehlo.constant dense<2.000000e+00> : tensor<f32>
    %63 = stablehlo.broadcast_in_dim %cst_8, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %64 = stablehlo.multiply %63, %62 : tensor<4xf32>
    %cst_9 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %65 = stablehlo.broadcast_in_dim %cst_9, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %66 = stablehlo.add %65, %64 : tensor<4xf32>
    %cst_10 = stablehlo.constant dense<8.000000e+00> : tensor<f32>
    %67 = stablehlo.broadcast_in_dim %cst_10, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %68 = stablehlo.divide %66, %67 : tensor<4xf32>
    %cst_11 = stablehlo.constant dense<1.000000e+04> : tensor<f32>
    %69 = stablehlo.broadcast_in_dim %cst_11, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %70 = stablehlo.power %69, %68 : tensor<4xf32>
    %cst_12 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %71 = stablehlo.broadcast_in_dim %cst_12, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %72 = stablehlo.divide %71, %70 : tensor<4xf32>
    %73 = stablehlo.broadcast_in_dim %72, dims = [1] : (tensor<4xf32>) -> tensor<1x4xf32>
    %74 = stablehlo.broadcast_in_dim %61, dims = [0, 1] : (tensor<8x1xf32>) -> tensor<8x4xf32>
    %75 = stablehlo.broadcast_in_dim %73, dims = [0, 1] : (tensor<1x4xf32>) -> tensor<8x4xf32>
    %76 = stablehlo.multiply %74, %75 : tensor<8x4xf32>
    %77 = stablehlo.cosine %76 : tensor<8x4xf32>
    %78 = stablehlo.broadcast_in_dim %77, dims = [0, 2] : (tensor<8x4xf32>) -> tensor<8x1x4xf32>
    %79 = stablehlo.sine %76 : tensor<8x4xf32>
    %80 = stablehlo.broadcast_in_dim %79, dims = [0, 2] : (tensor<8x4xf32>) -> tensor<8x1x4xf32>
    %81 = stablehlo.slice %23 [0:8, 0:4, 0:4] : (tensor<8x4x8xf32>) -> tensor<8x4x4xf32>
    %82 = stablehlo.slice %23 [0:8, 0:4, 4:8] : (tensor<8x4x8xf32>) -> tensor<8x4x4xf32>
    %83 = stablehlo.broadcast_in_dim %78, dims = [0, 1, 2] : (tensor<8x1x4xf32>) -> tensor<8x4x4xf32>
    %84 = stablehlo.multiply %81, %83 : tensor<8x4x4xf32>
    %85 = stablehlo.broadcast_in_dim %80, dims = [0, 1, 2] : (tensor<8x1x4xf32>) -> tensor<8x4x4xf32>
    %86 = stablehlo.multiply %82, %85 : tensor<8x4x4xf32>
    %87 = stablehlo.subtract %84, %86 : tensor<8x4x4xf32>
    %88 = stablehlo.broadcast_in_dim %80, dims = [0, 1, 2] : (tensor<8x1x4xf32>) -> tensor<8x4x4xf32>
    %89 = stablehlo.multiply %81, %88 : tensor<8x4x4xf32>
    %90 = stablehlo.broadcast_in_dim %78, dims = [0, 1, 2] : (tensor<8x1x4xf32>) -> tensor<8x4x4xf32>
    %91 = stablehlo.multiply %82, %90 : tensor<8x4x4xf32>
    %92 = stablehlo.add %89, %91 : tensor<8x4x4xf32>
    %93 = stablehlo.concatenate %87, %92, dim = 2 : (tensor<8x4x4xf32>, tensor<8x4x4xf32>) -> tensor<8x4x8xf32>
    %94 = stablehlo.dot_general %59, %93, batching_dims = [1] x [1], contracting_dims = [2] x [2], precision = [DEFAULT, DEFAULT] : (tensor<8x4x8xf32>, tensor<8x4x8xf32>) -> tensor<4x8x8xf32>
    %cst_13 = stablehlo.constant dense<8.000000e+00> : tensor<f32>
    %95 = stablehlo.sqrt %cst_13 : tensor<f32>
    %96 = stablehlo.convert %95 : tensor<f32>
    %97 = stablehlo.broadcast_in_dim %96, dims = [] : (tensor<f32>) -> tensor<4x8x8xf32>
    %98 = stablehlo.divide %94, %97 : tensor<4x8x8xf32>
    %c_14 = stablehlo.constant dense<true> : tensor<i1>
    %99 = stablehlo.broadcast_in_dim %c_14, dims = [] : (tensor<i1>) -> tensor<8x8xi1>
    %100 = call @tril(%99) : (tensor<8x8xi1>) -> tensor<8x8xi1>
    %101 = stablehlo.broadcast_in_dim %100, dims = [1, 2] : (tensor<8x8xi1>) -> tensor<1x8x8xi1>
    %cst_15 = stablehlo.constant dense<-3.40282347E+38> : tensor<f32>
    %102 = call @_where(%101, %98, %cst_15) : (tensor<1x8x8xi1>, tensor<4x8x8xf32>, tensor<f32>) -> tensor<4x8x8xf32>
    %cst_16 = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %103 = stablehlo.reduce(%102 init: %cst_16) applies stablehlo.maximum across dimensions = [2] : (tensor<4x8x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    %cst_17 = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %104 = stablehlo.broadcast_in_dim %cst_17, dims = [] : (tensor<f32>) -> tensor<4x8xf32>
    %105 = stablehlo.maximum %104, %103 : tensor<4x8xf32>
    %106 = stablehlo.broadcast_in_dim %105, dims = [0, 1] : (tensor<4x8xf32>) -> tensor<4x8x1xf32>
    %107 = stablehlo.broadcast_in_dim %106, dims = [0, 1, 2] : (tensor<4x8x1xf32>) -> tensor<4x8x8xf32>
    %108 = stablehlo.subtract %102, %107 : tensor<4x8x8xf32>
    %109 = stablehlo.exponential %108 : tensor<4x8x8xf32>
    %cst_18 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %110 = stablehlo.reduce(%109 init: %cst_18) applies stablehlo.add across dimensions = [2] : (tensor<4x8x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    %111 = stablehlo.broadcast_in_dim %110, dims = [0, 1] : (tensor<4x8xf32>) -> tensor<4x8x1xf32>
    %112 = stablehlo.broadcast_in_dim %111, dims = [0, 1, 2] : (tensor<4x8x1xf32>) -> tensor<4x8x8xf32>
    %113 = stablehlo.divide %109, %112 : tensor<4x8x8xf32>
    %114 = stablehlo.dot_general %25, %113, batching_dims = [1] x [0], contracting_dims = [0] x [2], precision = [DEFAULT, DEFAULT] : (tensor<8x4x8xf32>, tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %115 = stablehlo.transpose %114, dims = [2, 0, 1] : (tensor<4x8x8xf32>) -> tensor<8x4x8xf32>
    %116 = stablehlo.reshape %115 : (tensor<8x4x8xf32>) -> tensor<8x32xf32>
    %117 = stablehlo.dot_general %116, %arg9, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xf32>, tensor<32x32xf32>) -> tensor<8x32xf32>
    %118 = stablehlo.add %6, %117 : tensor<8x32xf32>
    %119 = stablehlo.multiply %118, %118 : tensor<8x32xf32>
    %cst_19 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %120 = stablehlo.reduce(%119 init: %cst_19) applies stablehlo.add across dimensions = [1] : (tensor<8x32xf32>, tensor<f32>) -> tensor<8xf32>
    %121 = stablehlo.broadcast_in_dim %120, dims = [0] : (tensor<8xf32>) -> tensor<8x1xf32>
    %cst_20 = stablehlo.constant dense<3.200000e+01> : tensor<f32>
    %122 = stablehlo.broadcast_in_dim %cst_20, dims = [] : (tensor<f32>) -> tensor<8x1xf32>
    %123 = stablehlo.divide %121, %122 : tensor<8x1xf32>
    %cst_21 = stablehlo.constant dense<9.99999974E-6> : tensor<f32>
    %124 = stablehlo.broadcast_in_dim %cst_21, dims = [] : (tensor<f32>) -> tensor<8x1xf32>
    %125 = stablehlo.add %123, %124 : tensor<8x1xf32>
    %126 = stablehlo.rsqrt %125 : tensor<8x1xf32>
    %127 = stablehlo.broadcast_in_dim %126, dims = [0, 1] : (tensor<8x1xf32>) -> tensor<8x32xf32>
    %128 = stablehlo.multiply %118, %127 : tensor<8x32xf32>
    %129 = stablehlo.broadcast_in_dim %arg2, dims = [1] : (tensor<32xf32>) -> tensor<1x32xf32>
    %130 = stablehlo.broadcast_in_dim %129, dims = [0, 1] : (tensor<1x32xf32>) -> tensor<8x32xf32>
    %131 = stablehlo.multiply %128, %130 : tensor<8x32xf32>
    %132 = stablehlo.dot_general %131, %arg5, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xf32>, tensor<32x64xf32>) -> tensor<8x64xf32>
    %133 = call @silu(%132) : (tensor<8x64xf32>) -> tensor<8x64xf32>
    %134 = stablehlo.dot_general %131, %arg7, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xf32>, tensor<32x64xf32>) -> tensor<8x64xf32>
    %135 = stablehlo.multiply %133, %134 : tensor<8x64xf32>
    %136 = stablehlo.dot_general %135, %arg6, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x64xf32>, tensor<64x32xf32>) -> tensor<8x32xf32>
    %137 = stablehlo.add %118, %136 : tensor<8x32xf32>
    %138 = stablehlo.multiply %137, %137 : tensor<8x32xf32>
    %cst_22 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %139 = stablehlo.reduce(%138 init: %cst_22) applies stablehlo.add across dimensions = [1] : (tensor<8x32xf32>, tensor<f32>) -> tensor<8xf32>
    %140 = stablehlo.broadcast_in_dim %139, dims = [0] : (tensor<8xf32>) -> tensor<8x1xf32>
    %cst_23 = stablehlo.constant dense<3.200000e+01> : tensor<f32>
    %141 = stablehlo.broadcast_in_dim %cst_23, dims = [] : (tensor<f32>) -> tensor<8x1xf32>
    %142 = stablehlo.divide %140, %141 : tensor<8x1xf32>
    %cst_24 = stablehlo.constant dense<9.99999974E-6> : tensor<f32>
    %143 = stablehlo.broadcast_in_dim %cst_24, dims = [] : (tensor<f32>) -> tensor<8x1xf32>
    %144 = stablehlo.add %142, %143 : tensor<8x1xf32>
    %145 = stablehlo.rsqrt %144 : tensor<8x1xf32>
    %146 = stablehlo.broadcast_in_dim %145, dims = [0, 1] : (tensor<8x1xf32>) -> tensor<8x32xf32>
    %147 = stablehlo.multiply %137, %146 : tensor<8x32xf32>
    %148 = stablehlo.broadcast_in_dim %arg3, dims = [1] : (tensor<32xf32>) -> tensor<1x32xf32>
    %149 = stablehlo.broadcast_in_dim %148, dims = [0, 1] : (tensor<1x32xf32>) -> tensor<8x32xf32>
    %150 = stablehlo.multiply %147, %149 : tensor<8x32xf32>
    %151 = stablehlo.dot_general %150, %arg4, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xf32>, tensor<32x64xf32>) -> tensor<8x64xf32>
    return %151 : tensor<8x64xf32>
  }
  func.func private @tril(%arg0: tensor<8x8xi1>) -> tensor<8x8xi1> {
    %0 = stablehlo.iota dim = 0 : tensor<8x8xi32>
    %c = stablehlo.constant dense<0> : tensor<i32>
    %1 = stablehlo.broadcast_in_dim %c, dims = [] : (tensor<i32>) -> tensor<8x8xi32>
    %2 = stablehlo.add %0, %1 : tensor<8x8xi32>
    %3 = stablehlo.iota dim = 1 : tensor<8x8xi32>
    %4 = stablehlo.compare GE, %2, %3, SIGNED : (tensor<8x8xi32>, tensor<8x8xi32>) -> tensor<8x8xi1>
    %c_0 = stablehlo.constant dense<false> : tensor<i1>
    %5 = stablehlo.broadcast_in_dim %c_0, dims = [] : (tensor<i1>) -> tensor<8x8xi1>
    %6 = stablehlo.select %4, %arg0, %5 : tensor<8x8xi1>, tensor<8x8xi1>
    return %6 : tensor<8x8xi1>
  }
  func.func private @_where(%arg0: tensor<1x8x8xi1>, %arg1: tensor<4x8x8xf32>, %arg2: tensor<f32>) -> tensor<4x8x8xf32> {
    %0 = stablehlo.broadcast_in_dim %arg0, dims = [0, 1, 2] : (tensor<1x8x8xi1>) -> tensor<4x8x8xi1>
    %1 = stablehlo.broadcast_in_dim %arg2, dims = [] : (tensor<f32>) -> tensor<4x8x8xf32>
    %2 = stablehlo.select %0, %arg1, %1 : tensor<4x8x8xi1>, tensor<4x8x8xf32>
    return %2 : tensor<4x8x8xf32>
  }
  func.func private @silu(%arg0: tensor<8x64xf32>) -> tensor<8x64xf32> {
    %0 = stablehlo.negate %arg0 : tensor<8x64xf32>
    %1 = stablehlo.exponential %0 : tensor<8x64xf32>
    %cst = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %2 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<8x64xf32>
    %3 = stablehlo.add %2, %1 : tensor<8x64xf32>
    %cst_0 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %4 = stablehlo.broadcast_in_dim %cst_0, dims = [] : (tensor<f32>) -> tensor<8x64xf32>
    %5 = stablehlo.divide %4, %3 : tensor<8x64xf32>
    %6 = stablehlo.multiply %arg0, %5 : tensor<8x64xf32>
    return %6 : tensor<8x64xf32>
  }
}
