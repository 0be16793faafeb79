module @jit_model attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<64x32xbf16>, %arg1: tensor<32xbf16>, %arg2: tensor<32xbf16>, %arg3: tensor<32xbf16>, %arg4: tensor<32x64xbf16>, %arg5: tensor<32x64xbf16>, %arg6: tensor<64x32xbf16>, %arg7: tensor<32x64xbf16>, %arg8: tensor<32x32xbf16>, %arg9: tensor<32x32xbf16>, %arg10: tensor<32x32xbf16>, %arg11: tensor<32x32xbf16>, %arg12: tensor<8xi32>) -> (tensor<8x64xbf16> {jax.result_info = "result"}) {
    %c = stablehlo.constant dense<0> : tensor<i32>
    %0 = stablehlo.broadcast_in_dim %c, dims = [] : (tensor<i32>) -> tensor<8xi32>
    %1 = stablehlo.compare LT, %arg12, %0, SIGNED : (tensor<8xi32>, tensor<8xi32>) -> tensor<8xi1>
    %c_0 = stablehlo.constant dense<64> : tensor<i32>
    %2 = stablehlo.broadcast_in_dim %c_0, dims = [] : (tensor<i32>) -> tensor<8xi32>
    %3 = stablehlo.add %arg12, %2 : tensor<8xi32>
    %4 = stablehlo.select %1, %3, %arg12 : tensor<8xi1>, tensor<8xi32>
    %5 = stablehlo.broadcast_in_dim %4, dims = [0] : (tensor<8xi32>) -> tensor<8x1xi32>
    %6 = "stablehlo.gather"(%arg0, %5) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 32>}> : (tensor<64x32xbf16>, tensor<8x1xi32>) -> tensor<8x32xbf16>
    %7 = stablehlo.multiply %6, %6 : tensor<8x32xbf16>
    %8 = stablehlo.convert %7 : (tensor<8x32xbf16>) -> tensor<8x32xf32>
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %9 = stablehlo.reduce(%8 init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<8x32xf32>, tensor<f32>) -> tensor<8xf32>
    %10 = stablehlo.broadcast_in_dim %9, dims = [0] : (tensor<8xf32>) -> tensor<8x1xf32>
    %cst_1 = stablehlo.constant dense<3.200000e+01> : tensor<f32>
    %11 = stablehlo.broadcast_in_dim %cst_1, dims = [] : (tensor<f32>) -> tensor<8x1xf32>
    %12 = stablehlo.divide %10, %11 : tensor<8x1xf32>
    %13 = stablehlo.convert %12 : (tensor<8x1xf32>) -> tensor<8x1xbf16>
    %cst_2 = stablehlo.constant dense<1.001360e-05> : tensor<bf16>
    %14 = stablehlo.broadcast_in_dim %cst_2, dims = [] : (tensor<bf16>) -> tensor<8x1xbf16>
    %15 = stablehlo.add %13, %14 : tensor<8x1xbf16>
    %16 = stablehlo.rsqrt %15 : tensor<8x1xbf16>
    %17 = stablehlo.broadcast_in_dim %16, dims = [0, 1] : (tensor<8x1xbf16>) -> tensor<8x32xbf16>
    %18 = stablehlo.multiply %6, %17 : tensor<8x32xbf16>
    %19 = stablehlo.broadcast_in_dim %arg1, dims = [1] : (tensor<32xbf16>) -> tensor<1x32xbf16>
    %20 = stablehlo.broadcast_in_dim %19, dims = [0, 1] : (tensor<1x32xbf16>) -> tensor<8x32xbf16>
    %21 = stablehlo.multiply %18, %20 : tensor<8x32xbf16>
    %22 = stablehlo.dot_general %21, %arg10, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xbf16>, tensor<32x32xbf16>) -> tensor<8x32xbf16>
    %23 = stablehlo.reshape %22 : (tensor<8x32xbf16>) -> tensor<8x4x8xbf16>
    %24 = stablehlo.dot_general %21, %arg8, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xbf16>, tensor<32x32xbf16>) -> tensor<8x32xbf16>
    %25 = stablehlo.reshape %24 : (tensor<8x32xbf16>) -> tensor<8x4x8xbf16>
    %26 = stablehlo.dot_general %21, %arg11, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xbf16>, tensor<32x32xbf16>) -> tensor<8x32xbf16>
    %27 = stablehlo.reshape %26 : (tensor<8x32xbf16>) -> tensor<8x4x8xbf16>
    %28 = stablehlo.iota dim = 0 : tensor<8xf32>
    %29 = stablehlo.broadcast_in_dim %28, dims = [0] : (tensor<8xf32>) -> tensor<8x1xf32>
    %30 = stablehlo.iota dim = 0 : tensor<4xf32>
    %cst_3 = stablehlo.constant dense<2.000000e+00> : tensor<f32>
    %31 = stablehlo.broadcast_in_dim %cst_3, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %32 = stablehlo.multiply %31, %30 : tensor<4xf32>
    %cst_4 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %33 = stablehlo.broadcast_in_dim %cst_4, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %34 = stablehlo.add %33, %32 : tensor<4xf32>
    %cst_5 = stablehlo.constant dense<8.000000e+00> : tensor<f32>
    %35 = stablehlo.broadcast_in_dim %cst_5, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %36 = stablehlo.divide %34, %35 : tensor<4xf32>
    %cst_6 = stablehlo.constant dense<1.000000e+04> : tensor<f32>
    %37 = stablehlo.broadcast_in_dim %cst_6, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %38 = stablehlo.power %37, %36 : tensor<4xf32>
    %cst_7 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %39 = stablehlo.broadcast_in_dim %cst_7, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %40 = stablehlo.divide %39, %38 : tensor<4xf32>
    %41 = stablehlo.broadcast_in_dim %40, dims = [1] : (tensor<4xf32>) -> tensor<1x4xf32>
    %42 = stablehlo.broadcast_in_dim %29, dims = [0, 1] : (tensor<8x1xf32>) -> tensor<8x4xf32>
    %43 = stablehlo.broadcast_in_dim %41, dims = [0, 1] : (tensor<1x4xf32>) -> tensor<8x4xf32>
    %44 = stablehlo.multiply %42, %43 : tensor<8x4xf32>
    %45 = stablehlo.cosine %44 : tensor<8x4xf32>
    %46 = stablehlo.broadcast_in_dim %45, dims = [0, 2] : (tensor<8x4xf32>) -> tensor<8x1x4xf32>
    %47 = stablehlo.convert %46 : (tensor<8x1x4xf32>) -> tensor<8x1x4xbf16>
    %48 = stablehlo.sine %44 : tensor<8x4xf32>
    %49 = stablehlo.broadcast_in_dim %48, dims = [0, 2] : (tensor<8x4xf32>) -> tensor<8x1x4xf32>
    %50 = stablehlo.convert %49 : (tensor<8x1x4xf32>) -> tensor<8x1x4xbf16>
    %51 = stablehlo.slice %23 [0:8, 0:4, 0:4] : (tensor<8x4x8xbf16>) -> tensor<8x4x4xbf16>
    %52 = stablehlo.slice %23 [0:8, 0:4, 4:8] : (tensor<8x4x8xbf16>) -> tensor<8x4x4xbf16>
    %53 = stablehlo.broadcast_in_dim %47, dims = [0, 1, 2] : (tensor<8x1x4xbf16>) -> tensor<8x4x4xbf16>
    %54 = stablehlo.multiply %51, %53 : tensor<8x4x4xbf16>
    %55 = stablehlo.broadcast_in_dim %50, dims = [0, 1, 2] : (tensor<8x1x4xbf16>) -> tensor<8x4x4xbf16>
    %56 = stablehlo.multiply %52, %55 : tensor<8x4x4xbf16>
    %57 = stablehlo.subtract %54, %56 : tensor<8x4x4xbf16>
    %58 = stablehlo.broadcast_in_dim %50, dims = [0, 1, 2] : (tensor<8x1x4xbf16>) -> tensor<8x4x4xbf16>
    %59 = stablehlo.multiply %51, %58 : tensor<8x4x4xbf16>
    %60 = stablehlo.broadcast_in_dim %47, dims = [0, 1, 2] : (tensor<8x1x4xbf16>) -> tensor<8x4x4xbf16>
    %61 = stablehlo.multiply %52, %60 : tensor<8x4x4xbf16>
    %62 = stablehlo.add %59, %61 : tensor<8x4x4xbf16>
    %63 = stablehlo.concatenate %57, %62, dim = 2 : (tensor<8x4x4xbf16>, tensor<8x4x4xbf16>) -> tensor<8x4x8xbf16>
    %64 = stablehlo.iota dim = 0 : tensor<8xf32>
    %65 = stablehlo.broadcast_in_dim %64, dims = [0] : (tensor<8xf32>) -> tensor<8x1xf32>
    %66 = stablehlo.iota dim = 0 : tensor<4xf32>
    %cst_8 = stablehlo.constant dense<2.000000e+00> : tensor<f32>
    %67 = stablehlo.broadcast_in_dim %cst_8, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %68 = stablehlo.multiply %67, %66 : tensor<4xf32>
    %cst_9 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %69 = stablehlo.broadcast_in_dim %cst_9, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %70 = stablehlo.add %69, %68 : tensor<4xf32>
    %cst_10 = stablehlo.constant dense<8.000000e+00> : tensor<f32>
    %71 = stablehlo.broadcast_in_dim %cst_10, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %72 = stablehlo.divide %70, %71 : tensor<4xf32>
    %cst_11 = stablehlo.constant dense<1.000000e+04> : tensor<f32>
    %73 = stablehlo.broadcast_in_dim %cst_11, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %74 = stablehlo.power %73, %72 : tensor<4xf32>
    %cst_12 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %75 = stablehlo.broadcast_in_dim %cst_12, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %76 = stablehlo.divide %75, %74 : tensor<4xf32>
    %77 = stablehlo.broadcast_in_dim %76, dims = [1] : (tensor<4xf32>) -> tensor<1x4xf32>
    %78 = stablehlo.broadcast_in_dim %65, dims = [0, 1] : (tensor<8x1xf32>) -> tensor<8x4xf32>
    %79 = stablehlo.broadcast_in_dim %77, dims = [0, 1] : (tensor<1x4xf32>) -> tensor<8x4xf32>
    %80 = stablehlo.multiply %78, %79 : tensor<8x4xf32>
    %81 = stablehlo.cosine %80 : tensor<8x4xf32>
    %82 = stablehlo.broadcast_in_dim %81, dims = [0, 2] : (tensor<8x4xf32>) -> tensor<8x1x4xf32>
    %83 = stablehlo.convert %82 : (tensor<8x1x4xf32>) -> tensor<8x1x4xbf16>
    %84 = stablehlo.sine %80 : tensor<8x4xf32>
    %85 = stablehlo.broadcast_in_dim %84, dims = [0, 2] : (tensor<8x4xf32>) -> tensor<8x1x4xf32>
    %86 = stablehlo.convert %85 : (tensor<8x1x4xf32>) -> tensor<8x1x4xbf16>
    %87 = stablehlo.slice %25 [0:8, 0:4, 0:4] : (tensor<8x4x8xbf16>) -> tensor<8x4x4xbf16>
    %88 = stablehlo.slice %25 [0:8, 0:4, 4:8] : (tensor<8x4x8xbf16>) -> tensor<8x4x4xbf16>
    %89 = stablehlo.broadcast_in_dim %83, dims = [0, 1, 2] : (tensor<8x1x4xbf16>) -> tensor<8x4x4xbf16>
    %90 = stablehlo.multiply %87, %89 : tensor<8x4x4xbf16>
    %91 = stablehlo.broadcast_in_dim %86, dims = [0, 1, 2] : (tensor<8x1x4xbf16>) -> tensor<8x4x4xbf16>
    %92 = stablehlo.multiply %88, %91 : tensor<8x4x4xbf16>
    %93 = stablehlo.subtract %90, %92 : tensor<8x4x4xbf16>
    %94 = stablehlo.broadcast_in_dim %86, dims = [0, 1, 2] : (tensor<8x1x4xbf16>) -> tensor<8x4x4xbf16>
    %95 = stablehlo.multiply %87, %94 : tensor<8x4x4xbf16>
    %96 = stablehlo.broadcast_in_dim %83, dims = [0, 1, 2] : (tensor<8x1x4xbf16>) -> tensor<8x4x4xbf16>
    %97 = stablehlo.multiply %88, %96 : tensor<8x4x4xbf16>
    %98 = stablehlo.add %95, %97 : tensor<8x4x4xbf16>
    %99 = stablehlo.concatenate %93, %98, dim = 2 : (tensor<8x4x4xbf16>, tensor<8x4x4xbf16>) -> tensor<8x4x8xbf16>
    %100 = stablehlo.dot_general %63, %99, batching_dims = [1] x [1], contracting_dims = [2] x [2], precision = [DEFAULT, DEFAULT] : (tensor<8x4x8xbf16>, tensor<8x4x8xbf16>) -> tensor<4x8x8xbf16>
    %cst_13 = stablehlo.constant dense<8.000000e+00> : tensor<f32>
    %101 = stablehlo.sqrt %cst_13 : tensor<f32>
    %102 = stablehlo.convert %101 : (tensor<f32>) -> tensor<bf16>
    %103 = stablehlo.broadcast_in_dim %102, dims = [] : (tensor<bf16>) -> tensor<4x8x8xbf16>
    %104 = stablehlo.divide %100, %103 : tensor<4x8x8xbf16>
    %c_14 = stablehlo.constant dense<true> : tensor<i1>
    %105 = stablehlo.broadcast_in_dim %c_14, dims = [] : (tensor<i1>) -> tensor<8x8xi1>
    %106 = call @tril(%105) : (tensor<8x8xi1>) -> tensor<8x8xi1>
    %107 = stablehlo.broadcast_in_dim %106, dims = [1, 2] : (tensor<8x8xi1>) -> tensor<1x8x8xi1>
    %cst_15 = stablehlo.constant dense<-3.389530e+38> : tensor<bf16>
    %108 = call @_where(%107, %104, %cst_15) : (tensor<1x8x8xi1>, tensor<4x8x8xbf16>, tensor<bf16>) -> tensor<4x8x8xbf16>
    %cst_16 = stablehlo.constant dense<0xFF80> : tensor<bf16>
    %109 = stablehlo.reduce(%108 init: %cst_16) applies stablehlo.maximum across dimensions = [2] : (tensor<4x8x8xbf16>, tensor<bf16>) -> tensor<4x8xbf16>
    %cst_17 = stablehlo.constant dense<0xFF80> : tensor<bf16>
    %110 = stablehlo.broadcast_in_dim %cst_17, dims = [] : (tensor<bf16>) -> tensor<4x8xbf16>
    %111 = stablehlo.maximum %110, %109 : tensor<4x8xbf16>
    %112 = stablehlo.broadcast_in_dim %111, dims = [0, 1] : (tensor<4x8xbf16>) -> tensor<4x8x1xbf16>
    %113 = stablehlo.broadcast_in_dim %112, dims = [0, 1, 2] : (tensor<4x8x1xbf16>) -> tensor<4x8x8xbf16>
    %114 = stablehlo.subtract %108, %113 : tensor<4x8x8xbf16>
    %115 = stablehlo.exponential %114 : tensor<4x8x8xbf16>
    %116 = stablehlo.convert %115 : (tensor<4x8x8xbf16>) -> tensor<4x8x8xf32>
    %cst_18 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %117 = stablehlo.reduce(%116 init: %cst_18) applies stablehlo.add across dimensions = [2] : (tensor<4x8x8xf32>, tensor<f32>) -> tensor<4x8xf32>
    %118 = stablehlo.broadcast_in_dim %117, dims = [0, 1] : (tensor<4x8xf32>) -> tensor<4x8x1xf32>
    %119 = stablehlo.convert %118 : (tensor<4x8x1xf32>) -> tensor<4x8x1xbf16>
    %120 = stablehlo.broadcast_in_dim %119, dims = [0, 1, 2] : (tensor<4x8x1xbf16>) -> tensor<4x8x8xbf16>
    %121 = stablehlo.divide %115, %120 : tensor<4x8x8xbf16>
    %122 = stablehlo.dot_general %27, %121, batching_dims = [1] x [0], contracting_dims = [0] x [2], precision = [DEFAULT, DEFAULT] : (tensor<8x4x8xbf16>, tensor<4x8x8xbf16>) -> tensor<4x8x8xbf16>
    %123 = stablehlo.transpose %122, dims = [2, 0, 1] : (tensor<4x8x8xbf16>) -> tensor<8x4x8xbf16>
    %124 = stablehlo.reshape %123 : (tensor<8x4x8xbf16>) -> tensor<8x32xbf16>
    %125 = stablehlo.dot_general %124, %arg9, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xbf16>, tensor<32x32xbf16>) -> tensor<8x32xbf16>
    %126 = stablehlo.add %6, %125 : tensor<8x32xbf16>
    %127 = stablehlo.multiply %126, %126 : tensor<8x32xbf16>
    %128 = stablehlo.convert %127 : (tensor<8x32xbf16>) -> tensor<8x32xf32>
    %cst_19 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %129 = stablehlo.reduce(%128 init: %cst_19) applies stablehlo.add across dimensions = [1] : (tensor<8x32xf32>, tensor<f32>) -> tensor<8xf32>
    %130 = stablehlo.broadcast_in_dim %129, dims = [0] : (tensor<8xf32>) -> tensor<8x1xf32>
    %cst_20 = stablehlo.constant dense<3.200000e+01> : tensor<f32>
    %131 = stablehlo.broadcast_in_dim %cst_20, dims = [] : (tensor<f32>) -> tensor<8x1xf32>
    %132 = stablehlo.divide %130, %131 : tensor<8x1xf32>
    %133 = stablehlo.convert %132 : (tensor<8x1xf32>) -> tensor<8x1xbf16>
    %cst_21 = stablehlo.constant dense<1.001360e-05> : tensor<bf16>
    %134 = stablehlo.broadcast_in_dim %cst_21, dims = [] : (tensor<bf16>) -> tensor<8x1xbf16>
    %135 = stablehlo.add %133, %134 : tensor<8x1xbf16>
    %136 = stablehlo.rsqrt %135 : tensor<8x1xbf16>
    %137 = stablehlo.broadcast_in_dim %136, dims = [0, 1] : (tensor<8x1xbf16>) -> tensor<8x32xbf16>
    %138 = stablehlo.multiply %126, %137 : tensor<8x32xbf16>
    %139 = stablehlo.broadcast_in_dim %arg2, dims = [1] : (tensor<32xbf16>) -> tensor<1x32xbf16>
    %140 = stablehlo.broadcast_in_dim %139, dims = [0, 1] : (tensor<1x32xbf16>) -> tensor<8x32xbf16>
    %141 = stablehlo.multiply %138, %140 : tensor<8x32xbf16>
    %142 = stablehlo.dot_general %141, %arg5, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xbf16>, tensor<32x64xbf16>) -> tensor<8x64xbf16>
    %143 = call @silu(%142) : (tensor<8x64xbf16>) -> tensor<8x64xbf16>
    %144 = stablehlo.dot_general %141, %arg7, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xbf16>, tensor<32x64xbf16>) -> tensor<8x64xbf16>
    %145 = stablehlo.multiply %143, %144 : tensor<8x64xbf16>
    %146 = stablehlo.dot_general %145, %arg6, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x64xbf16>, tensor<64x32xbf16>) -> tensor<8x32xbf16>
    %147 = stablehlo.add %126, %146 : tensor<8x32xbf16>
    %148 = stablehlo.multiply %147, %147 : tensor<8x32xbf16>
    %149 = stablehlo.convert %148 : (tensor<8x32xbf16>) -> tensor<8x32xf32>
    %cst_22 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %150 = stablehlo.reduce(%149 init: %cst_22) applies stablehlo.add across dimensions = [1] : (tensor<8x32xf32>, tensor<f32>) -> tensor<8xf32>
    %151 = stablehlo.broadcast_in_dim %150, dims = [0] : (tensor<8xf32>) -> tensor<8x1xf32>
    %cst_23 = stablehlo.constant dense<3.200000e+01> : tensor<f32>
    %152 = stablehlo.broadcast_in_dim %cst_23, dims = [] : (tensor<f32>) -> tensor<8x1xf32>
    %153 = stablehlo.divide %151, %152 : tensor<8x1xf32>
    %154 = stablehlo.convert %153 : (tensor<8x1xf32>) -> tensor<8x1xbf16>
    %cst_24 = stablehlo.constant dense<1.001360e-05> : tensor<bf16>
    %155 = stablehlo.broadcast_in_dim %cst_24, dims = [] : (tensor<bf16>) -> tensor<8x1xbf16>
    %156 = stablehlo.add %154, %155 : tensor<8x1xbf16>
    %157 = stablehlo.rsqrt %156 : tensor<8x1xbf16>
    %158 = stablehlo.broadcast_in_dim %157, dims = [0, 1] : (tensor<8x1xbf16>) -> tensor<8x32xbf16>
    %159 = stablehlo.multiply %147, %158 : tensor<8x32xbf16>
    %160 = stablehlo.broadcast_in_dim %arg3, dims = [1] : (tensor<32xbf16>) -> tensor<1x32xbf16>
    %161 = stablehlo.broadcast_in_dim %160, dims = [0, 1] : (tensor<1x32xbf16>) -> tensor<8x32xbf16>
    %162 = stablehlo.multiply %159, %161 : tensor<8x32xbf16>
    %163 = stablehlo.dot_general %162, %arg4, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<8x32xbf16>, tensor<32x64xbf16>) -> tensor<8x64xbf16>
    return %163 : tensor<8x64xbf16>
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
  func.func private @_where(%arg0: tensor<1x8x8xi1>, %arg1: tensor<4x8x8xbf16>, %arg2: tensor<bf16>) -> tensor<4x8x8xbf16> {
    %0 = stablehlo.broadcast_in_dim %arg0, dims = [0, 1, 2] : (tensor<1x8x8xi1>) -> tensor<4x8x8xi1>
    %1 = stablehlo.broadcast_in_dim %arg2, dims = [] : (tensor<bf16>) -> tensor<4x8x8xbf16>
    %2 = stablehlo.select %0, %arg1, %1 : tensor<4x8x8xi1>, tensor<4x8x8xbf16>
    return %2 : tensor<4x8x8xbf16>
  }
  func.func private @silu(%arg0: tensor<8x64xbf16>) -> tensor<8x64xbf16> {
    %0 = stablehlo.negate %arg0 : tensor<8x64xbf16>
    %1 = stablehlo.exponential %0 : tensor<8x64xbf16>
    %cst = stablehlo.constant dense<1.000000e+00> : tensor<bf16>
    %2 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<bf16>) -> tensor<8x64xbf16>
    %3 = stablehlo.add %2, %1 : tensor<8x64xbf16>
    %cst_0 = stablehlo.constant dense<1.000000e+00> : tensor<bf16>
    %4 = stablehlo.broadcast_in_dim %cst_0, dims = [] : (tensor<bf16>) -> tensor<8x64xbf16>
    %5 = stablehlo.divide %4, %3 : tensor<8x64xbf16>
    %6 = stablehlo.multiply %arg0, %5 : tensor<8x64xbf16>
    return %6 : tensor<8x64xbf16>
  }
}
