module @jit_llama_block attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<4xi32> {mhlo.sharding = "{replicated}"}) -> (tensor<4x8xf32> {jax.result_info = ""}) {
    %cst = stablehlo.constant dense<"0x0000803E0000303F000020BE000010BF000000BF0000F03E0000003F000058BF0000B0BE000080BD000040BF000040BF0000803E0000303F0000603E0000803D0000E0BE000080BD0000803D0000C0BE0000F0BE0000003E000060BE0000003D0000283F0000003D0000283F0000B0BE0000783F0000A03E00000000000060BE0000203F0000583F000048BF0000403F000060BF0000003E0000F0BE0000F03E000080BD0000083F000000BE0000383F000000BF000040BE0000603F0000F0BE000000BD0000F03E0000103F0000B0BE0000A03E000070BF0000E03E0000583F0000783F0000F0BE000058BF0000403E0000503F0000503F0000003F0000203F0000803D0000C0BD000030BF000048BF000070BF000000BF000048BF000000BF000048BF000050BF0000283F00000000000080BD0000603F0000283F0000E03E000028BF0000903E0000303F0000603E000038BF0000C03D0000283F0000483F0000203E0000F0BE0000283F0000C0BD000060BE0000C0BE000080BF0000803E0000903E0000203F000000BE0000F0BE0000783F000018BF000020BF000080BF000048BF0000303F000020BF000020BE000030BF0000203F000038BF000008BF000028BF0000C03D0000003E000000000000C03D000000000000203E0000083F0000C0BD0000383F0000783F0000D0BE0000F0BE000000BF000040BF000010BF"> : tensor<16x8xf32>
    %cst_0 = stablehlo.constant dense<[9.062500e-01, 8.750000e-01, 1.031250e+00, 8.750000e-01, 1.031250e+00, 8.750000e-01, 1.093750e+00, 1.093750e+00]> : tensor<8xf32>
    %cst_1 = stablehlo.constant dense<[[-1.562500e-01, -1.250000e-01, -1.406250e-01, -5.000000e-01, -2.968750e-01, -9.375000e-02, 2.812500e-01, -2.812500e-01], [-1.093750e-01, 3.437500e-01, 3.281250e-01, -9.375000e-02, 2.968750e-01, -2.343750e-01, 3.750000e-01, 4.531250e-01], [1.562500e-02, -6.250000e-02, -9.375000e-02, -3.125000e-02, -6.250000e-02, -4.218750e-01, -5.000000e-01, 4.375000e-01], [4.687500e-02, 0.000000e+00, -3.125000e-01, 4.062500e-01, -7.812500e-02, -1.875000e-01, -1.562500e-02, 2.187500e-01], [2.031250e-01, -4.062500e-01, -2.656250e-01, 1.250000e-01, -3.125000e-02, -4.218750e-01, 1.093750e-01, -4.687500e-01], [2.031250e-01, 4.062500e-01, 1.562500e-02, 1.875000e-01, 2.187500e-01, -2.968750e-01, 6.250000e-02, 3.125000e-01], [1.406250e-01, -1.250000e-01, 4.687500e-01, -1.250000e-01, 2.812500e-01, -2.968750e-01, -1.562500e-02, -3.125000e-01], [-4.062500e-01, 9.375000e-02, -7.812500e-02, -3.593750e-01, 1.562500e-01, -2.656250e-01, -3.125000e-02, -6.250000e-02]]> : tensor<8x8xf32>
    %cst_2 = stablehlo.constant dense<[[-4.375000e-01, -1.562500e-01, 1.875000e-01, 1.562500e-01, 3.437500e-01, -2.812500e-01, 0.000000e+00, -4.375000e-01], [4.687500e-01, -4.062500e-01, 0.000000e+00, 2.187500e-01, -2.812500e-01, 2.031250e-01, 4.687500e-02, 2.343750e-01], [1.875000e-01, -4.687500e-01, 3.125000e-02, -1.250000e-01, -3.437500e-01, 4.531250e-01, -1.562500e-02, -1.718750e-01], [4.687500e-02, 4.843750e-01, -1.093750e-01, 3.281250e-01, -9.375000e-02, 4.062500e-01, -3.437500e-01, 3.906250e-01], [-2.343750e-01, 0.000000e+00, 9.375000e-02, -3.125000e-02, -3.125000e-01, -2.968750e-01, -1.875000e-01, 1.562500e-01], [-4.375000e-01, 2.968750e-01, 1.718750e-01, 3.750000e-01, -3.281250e-01, -3.593750e-01, 1.718750e-01, -4.375000e-01], [4.687500e-02, 2.968750e-01, -5.000000e-01, 3.437500e-01, -6.250000e-02, 2.500000e-01, 3.593750e-01, 2.343750e-01], [2.656250e-01, -4.062500e-01, 4.531250e-01, -1.875000e-01, 1.562500e-02, 2.031250e-01, -6.250000e-02, -4.687500e-02]]> : tensor<8x8xf32>
    %cst_3 = stablehlo.constant dense<[[-2.656250e-01, 4.687500e-01, 3.281250e-01, -6.250000e-02, -1.093750e-01, -1.093750e-01, 4.531250e-01, -2.812500e-01], [3.750000e-01, -1.093750e-01, 3.750000e-01, 4.687500e-02, -6.250000e-02, 3.906250e-01, 3.281250e-01, -2.968750e-01], [-4.218750e-01, -4.531250e-01, -2.812500e-01, -3.437500e-01, 1.562500e-02, 4.375000e-01, -3.125000e-02, 2.812500e-01], [1.250000e-01, -2.343750e-01, -4.843750e-01, -5.000000e-01, 3.906250e-01, 4.843750e-01, -2.968750e-01, 0.000000e+00], [2.968750e-01, -4.062500e-01, -2.343750e-01, 4.375000e-01, -1.875000e-01, -3.281250e-01, -2.187500e-01, -4.062500e-01], [-2.343750e-01, -2.500000e-01, -5.000000e-01, -4.218750e-01, 3.906250e-01, -1.875000e-01, 4.062500e-01, 1.562500e-02], [-3.437500e-01, -3.593750e-01, -4.062500e-01, 2.031250e-01, -2.500000e-01, 4.062500e-01, -2.812500e-01, 3.437500e-01], [-4.843750e-01, 3.906250e-01, -7.812500e-02, -2.656250e-01, -9.375000e-02, -3.437500e-01, -2.031250e-01, -9.375000e-02]]> : tensor<8x8xf32>
    %cst_4 = stablehlo.constant dense<[[3.593750e-01, -2.500000e-01, 2.812500e-01, -1.406250e-01, 3.281250e-01, 4.218750e-01, -3.437500e-01, 1.875000e-01], [-3.750000e-01, 2.343750e-01, 4.062500e-01, 3.750000e-01, -7.812500e-02, 2.968750e-01, 2.500000e-01, -1.250000e-01], [1.718750e-01, -3.125000e-02, -3.125000e-02, 3.281250e-01, 3.125000e-02, -4.687500e-01, 4.531250e-01, -1.875000e-01], [3.125000e-01, -1.718750e-01, -4.375000e-01, -7.812500e-02, 4.218750e-01, 4.687500e-02, 1.093750e-01, 6.250000e-02], [-2.031250e-01, 3.437500e-01, -2.500000e-01, -4.531250e-01, 3.281250e-01, -5.000000e-01, -3.125000e-02, -1.250000e-01], [-1.875000e-01, -2.656250e-01, 0.000000e+00, -2.031250e-01, 3.906250e-01, 2.187500e-01, -2.500000e-01, -3.437500e-01], [-1.562500e-02, -9.375000e-02, -2.656250e-01, 4.375000e-01, -2.812500e-01, 1.718750e-01, 7.812500e-02, 4.687500e-02], [3.750000e-01, 4.687500e-01, 3.281250e-01, 4.218750e-01, -1.875000e-01, 7.812500e-02, -4.843750e-01, -1.718750e-01]]> : tensor<8x8xf32>
    %cst_5 = stablehlo.constant dense<[1.062500e+00, 1.062500e+00, 9.687500e-01, 9.375000e-01, 9.687500e-01, 1.000000e+00, 1.093750e+00, 8.750000e-01]> : tensor<8xf32>
    %cst_6 = stablehlo.constant dense<"0x0000603E0000C8BE0000103E0000703E0000A0BE000080BD000060BE000080BE000080BC000040BE000060BE0000E0BD0000A0BE000090BE0000E03E0000D83E0000D8BE0000A0BE0000803D0000C0BE000000BD0000C03D0000E0BD0000D8BE0000803E0000883E0000403D0000A03E0000803E0000403E0000D83E000000BD000098BE0000803E000098BE0000003D0000A8BE000020BE0000603E000000BF0000003D0000A03D000040BD0000803D000030BE0000F0BE0000D83E0000A03E000040BE000010BE0000B0BE000000BE000070BE0000F83E0000E03D0000A0BE0000003D0000B03E0000C8BE0000E03D0000A0BD0000E8BE0000983E0000003E0000103E0000003D0000E8BE0000D0BE0000703E0000983E000080BD0000A03E000000000000A03D0000103E0000B03E0000803C0000803C0000C0BD0000C03D000080BD0000B03E000080BC0000D8BE0000403D0000C8BE0000403D0000E8BE0000A8BE0000B03E0000B8BE0000A0BE0000D8BE000088BE0000E03D000000BE0000D83E0000A83E0000D8BE0000883E0000603E000098BE000040BE0000E8BE000060BE0000403E0000603E0000A03D0000C03D0000F8BE000070BE0000203E000030BE0000F0BE0000A0BD0000C03D000088BE000010BE0000D8BE000000BF0000803D0000B8BE000080BC0000E03E0000A03D0000103E000088BE0000D8BE"> : tensor<8x16xf32>
    %cst_7 = stablehlo.constant dense<"0x0000D03E000000BF0000B8BE0000E83E0000E8BE0000D03E000090BE0000D8BE0000803E000070BE0000803D0000A8BE000080BC0000D03E000000BE000020BE0000C03E000060BE0000B03E000050BE0000B0BE0000C8BE0000D8BE000040BD0000803D0000C8BE0000E8BE000090BE0000983E0000003E0000403D0000C0BE000080BC000080BD0000B8BE0000F8BE0000803D000050BE0000F8BE000060BE0000883E0000503E0000E8BE0000F83E0000F0BE0000C03D0000E03D0000E0BE0000E83E000000BF0000003E0000803D000090BE0000703E0000C0BD0000883E0000E0BE0000C8BE0000303E0000C0BD0000003E0000C03D0000A0BD0000B83E0000803C0000803C0000D83E000020BE0000B8BE0000703E0000E03D0000E8BE000098BE000010BE0000E8BE0000E0BD0000C8BE0000A0BD0000B03E0000A0BE0000A0BD0000003D0000103E0000903E000050BE0000C03D0000F03E000040BE0000D83E0000003D000070BE0000C03E0000E03E0000C83E0000703E0000403E0000C83E0000C03D0000E0BD000060BE0000303E0000E03D0000B83E0000703E0000E83E0000103E000080BD0000903E0000C03D0000903E0000E83E0000E0BE0000B0BE000080BE0000883E000050BE000080BE0000D8BE0000003E000000BD0000F8BE0000703E0000303E0000F8BE0000A03D0000C83E000010BE0000F03E"> : tensor<8x16xf32>
    %cst_8 = stablehlo.constant dense<"0x000000BD0000E0BE0000E0BD000088BE0000F8BE000050BE0000003E0000603E0000C03E0000C83E0000D8BE00000000000000BE0000F0BE0000A03E0000D8BE0000E8BE0000803D0000C03E0000803C0000E83E0000803D000088BE0000003E000088BE0000C0BE0000903E0000A8BE000000BD000000BF0000A8BE0000D8BE0000C0BE000050BE0000A03E0000803D0000E0BE0000B0BE0000A03E000000BE0000B03E000080BC0000C03E0000E83E000030BE0000803D000050BE0000003E0000E83E0000A03E0000A83E0000983E000050BE0000C0BD0000503E0000B8BE000080BD0000F0BE000000BD0000803E000080BD0000803D0000E8BE0000E0BD0000803E0000203E0000003D0000103E0000303E0000A03D000070BE0000D8BE0000803E0000A03E0000403E00000000000040BE0000803E000070BE0000E0BE0000883E000000BE0000003D0000803C0000B8BE000000BF0000C03E0000E0BD0000803C0000C03E0000E03D0000C8BE0000C0BD0000E83E0000B03E000050BE000090BE0000003D0000A0BD0000B03E0000603E0000E03E0000C83E000090BE000000BD000080BE000000BE0000803C000098BE0000F03E0000003E0000883E000020BE0000203E0000A83E0000E0BE000000BE0000603E0000103E0000803E000030BE000000BF0000D8BE0000003E000098BE0000A03D000000BD0000B8BE"> : tensor<8x16xf32>
    %c = stablehlo.constant dense<0> : tensor<i32>
    %0 = stablehlo.broadcast_in_dim %c, dims = [] : (tensor<i32>) -> tensor<4xi32>
    %1 = stablehlo.compare LT, %arg0, %0, SIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
    %c_9 = stablehlo.constant dense<16> : tensor<i32>
    %2 = stablehlo.broadcast_in_dim %c_9, dims = [] : (tensor<i32>) -> tensor<4xi32>
    %3 = stablehlo.add %arg0, %2 : tensor<4xi32>
    %4 = stablehlo.select %1, %3, %arg0 : tensor<4xi1>, tensor<4xi32>
    %5 = stablehlo.broadcast_in_dim %4, dims = [0] : (tensor<4xi32>) -> tensor<4x1xi32>
    %6 = "stablehlo.gather"(%cst, %5) <{dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, indices_are_sorted = false, slice_sizes = array<i64: 1, 8>}> : (tensor<16x8xf32>, tensor<4x1xi32>) -> tensor<4x8xf32>
    %7 = call @rms_norm(%6, %cst_0) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
    %8 = stablehlo.dot_general %7, %cst_1, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
    %9 = stablehlo.dot_general %7, %cst_2, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
    %10 = stablehlo.dot_general %7, %cst_3, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
    %11 = stablehlo.reshape %8 : (tensor<4x8xf32>) -> tensor<4x2x4xf32>
    %12 = stablehlo.reshape %9 : (tensor<4x8xf32>) -> tensor<4x2x4xf32>
    %13 = stablehlo.reshape %10 : (tensor<4x8xf32>) -> tensor<4x2x4xf32>
    %14 = call @rope(%11) : (tensor<4x2x4xf32>) -> tensor<4x2x4xf32>
    %15 = call @rope(%12) : (tensor<4x2x4xf32>) -> tensor<4x2x4xf32>
    %16 = stablehlo.dot_general %14, %15, batching_dims = [1] x [1], contracting_dims = [2] x [2], precision = [DEFAULT, DEFAULT] : (tensor<4x2x4xf32>, tensor<4x2x4xf32>) -> tensor<2x4x4xf32>
    %cst_10 = stablehlo.constant dense<5.000000e-01> : tensor<f32>
    %17 = stablehlo.broadcast_in_dim %cst_10, dims = [] : (tensor<f32>) -> tensor<2x4x4xf32>
    %18 = stablehlo.multiply %16, %17 : tensor<2x4x4xf32>
    %19 = stablehlo.iota dim = 0 : tensor<4x4xi32>
    %20 = stablehlo.iota dim = 1 : tensor<4x4xi32>
    %21 = stablehlo.compare GE, %19, %20, SIGNED : (tensor<4x4xi32>, tensor<4x4xi32>) -> tensor<4x4xi1>
    %22 = stablehlo.broadcast_in_dim %21, dims = [1, 2] : (tensor<4x4xi1>) -> tensor<2x4x4xi1>
    %cst_11 = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %23 = stablehlo.broadcast_in_dim %cst_11, dims = [] : (tensor<f32>) -> tensor<2x4x4xf32>
    %24 = stablehlo.select %22, %18, %23 : tensor<2x4x4xi1>, tensor<2x4x4xf32>
    %25 = call @softmax(%24) : (tensor<2x4x4xf32>) -> tensor<2x4x4xf32>
    %26 = stablehlo.dot_general %25, %13, batching_dims = [0] x [1], contracting_dims = [2] x [0], precision = [DEFAULT, DEFAULT] : (tensor<2x4x4xf32>, tensor<4x2x4xf32>) -> tensor<2x4x4xf32>
    %27 = stablehlo.transpose %26, dims = [1, 0, 2] : (tensor<2x4x4xf32>) -> tensor<4x2x4xf32>
    %28 = stablehlo.reshape %27 : (tensor<4x2x4xf32>) -> tensor<4x8xf32>
    %29 = stablehlo.dot_general %28, %cst_4, contracting_dims = [1] x [1], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
    %30 = stablehlo.add %6, %29 : tensor<4x8xf32>
    %31 = call @rms_norm(%30, %cst_5) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
    %32 = stablehlo.dot_general %31, %cst_6, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
    %33 = stablehlo.dot_general %31, %cst_7, contracting_dims = [1] x [0], precision = [DEFAULT, DEFAULT] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
    %34 = call @silu(%32) : (tensor<4x16xf32>) -> tensor<4x16xf32>
    %35 = stablehlo.multiply %34, %33 : tensor<4x16xf32>
    %36 = stablehlo.dot_general %35, %cst_8, contracting_dims = [1] x [1], precision = [DEFAULT, DEFAULT] : (tensor<4x16xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
    %37 = stablehlo.add %30, %36 : tensor<4x8xf32>
    return %37 : tensor<4x8xf32>
  }
  func.func private @rms_norm(%arg0: tensor<4x8xf32>, %arg1: tensor<8xf32>) -> tensor<4x8xf32> {
    %0 = stablehlo.multiply %arg0, %arg0 : tensor<4x8xf32>
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %1 = stablehlo.reduce(%0 init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
    %cst_0 = stablehlo.constant dense<8.000000e+00> : tensor<f32>
    %2 = stablehlo.broadcast_in_dim %cst_0, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %3 = stablehlo.divide %1, %2 : tensor<4xf32>
    %cst_1 = stablehlo.constant dense<9.99999974E-6> : tensor<f32>
    %4 = stablehlo.broadcast_in_dim %cst_1, dims = [] : (tensor<f32>) -> tensor<4xf32>
    %5 = stablehlo.add %3, %4 : tensor<4xf32>
    %6 = stablehlo.rsqrt %5 : tensor<4xf32>
    %7 = stablehlo.broadcast_in_dim %6, dims = [0] : (tensor<4xf32>) -> tensor<4x8xf32>
    %8 = stablehlo.multiply %arg0, %7 : tensor<4x8xf32>
    %9 = stablehlo.broadcast_in_dim %arg1, dims = [1] : (tensor<8xf32>) -> tensor<4x8xf32>
    %10 = stablehlo.multiply %8, %9 : tensor<4x8xf32>
    return %10 : tensor<4x8xf32>
  }
  func.func private @rope(%arg0: tensor<4x2x4xf32>) -> tensor<4x2x4xf32> {
    %0 = stablehlo.iota dim = 0 : tensor<4xi32>
    %1 = stablehlo.convert %0 : (tensor<4xi32>) -> tensor<4xf32>
    %cst = stablehlo.constant dense<[1.000000e+00, 0.00999999977]> : tensor<2xf32>
    %2 = stablehlo.broadcast_in_dim %1, dims = [0] : (tensor<4xf32>) -> tensor<4x2xf32>
    %3 = stablehlo.broadcast_in_dim %cst, dims = [1] : (tensor<2xf32>) -> tensor<4x2xf32>
    %4 = stablehlo.multiply %2, %3 : tensor<4x2xf32>
    %5 = stablehlo.cosine %4 : tensor<4x2xf32>
    %6 = stablehlo.sine %4 : tensor<4x2xf32>
    %7 = stablehlo.concatenate %5, %5, dim = 1 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x4xf32>
    %8 = stablehlo.concatenate %6, %6, dim = 1 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x4xf32>
    %9 = stablehlo.broadcast_in_dim %7, dims = [0, 2] : (tensor<4x4xf32>) -> tensor<4x2x4xf32>
    %10 = stablehlo.broadcast_in_dim %8, dims = [0, 2] : (tensor<4x4xf32>) -> tensor<4x2x4xf32>
    %11 = stablehlo.slice %arg0 [0:4, 0:2, 0:2] : (tensor<4x2x4xf32>) -> tensor<4x2x2xf32>
    %12 = stablehlo.slice %arg0 [0:4, 0:2, 2:4] : (tensor<4x2x4xf32>) -> tensor<4x2x2xf32>
    %13 = stablehlo.negate %12 : tensor<4x2x2xf32>
    %14 = stablehlo.concatenate %13, %11, dim = 2 : (tensor<4x2x2xf32>, tensor<4x2x2xf32>) -> tensor<4x2x4xf32>
    %15 = stablehlo.multiply %arg0, %9 : tensor<4x2x4xf32>
    %16 = stablehlo.multiply %14, %10 : tensor<4x2x4xf32>
    %17 = stablehlo.add %15, %16 : tensor<4x2x4xf32>
    return %17 : tensor<4x2x4xf32>
  }
  func.func private @softmax(%arg0: tensor<2x4x4xf32>) -> tensor<2x4x4xf32> {
    %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.maximum across dimensions = [2] : (tensor<2x4x4xf32>, tensor<f32>) -> tensor<2x4xf32>
    %1 = stablehlo.broadcast_in_dim %0, dims = [0, 1] : (tensor<2x4xf32>) -> tensor<2x4x4xf32>
    %2 = stablehlo.subtract %arg0, %1 : tensor<2x4x4xf32>
    %3 = stablehlo.exponential %2 : tensor<2x4x4xf32>
    %cst_0 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %4 = stablehlo.reduce(%3 init: %cst_0) applies stablehlo.add across dimensions = [2] : (tensor<2x4x4xf32>, tensor<f32>) -> tensor<2x4xf32>
    %5 = stablehlo.broadcast_in_dim %4, dims = [0, 1] : (tensor<2x4xf32>) -> tensor<2x4x4xf32>
    %6 = stablehlo.divide %3, %5 : tensor<2x4x4xf32>
    return %6 : tensor<2x4x4xf32>
  }
  func.func private @silu(%arg0: tensor<4x16xf32>) -> tensor<4x16xf32> {
    %0 = stablehlo.logistic %arg0 : tensor<4x16xf32>
    %1 = stablehlo.multiply %arg0, %0 : tensor<4x16xf32>
    return %1 : tensor<4x16xf32>
  }
}

