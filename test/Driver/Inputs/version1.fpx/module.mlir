module attributes {fpx_artifact.entry_type = (tensor<2x8xf32>) -> (tensor<2x4xf32>, tensor<2x8xf32>)} {
  llvm.func @free(!llvm.ptr)
  llvm.func @malloc(i64) -> !llvm.ptr
  llvm.mlir.global private constant @__constant_2x8xf32(dense<[[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00], [-1.000000e+00, -2.000000e+00, -3.000000e+00, -4.000000e+00, -5.000000e+00, -6.000000e+00, -7.000000e+00, -8.000000e+00]]> : tensor<2x8xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<2 x array<8 x f32>>
  llvm.mlir.global private constant @__constant_2x4xf32(dense<[[5.000000e-01, 5.000000e-01, 5.000000e-01, 5.000000e-01], [1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00]]> : tensor<2x4xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<2 x array<4 x f32>>
  llvm.mlir.global private constant @__constant_512xi32(dense<"0x0030005000000000000000000000000000F000200000000000000000000000000060000000000000000000000000000000D0007000000000000000000000000000D000000000000000000000000000000030005000000000000000000000000000B0007000000000000000000000000000200060000000000000000000000000002000B000000000000000000000000000500070000000000000000000000000000000D0000000000000000000000000003000A000000000000000000000000000700060000000000000000000000000000000D00000000000000000000000000030002000000000000000000000000000F0005000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"> : tensor<512xi32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<512 x i32>
  llvm.mlir.global private constant @__constant_16xf32(dense<[0.000000e+00, 5.000000e-01, 1.000000e+00, 1.500000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 6.000000e+00, -0.000000e+00, -5.000000e-01, -1.000000e+00, -1.500000e+00, -2.000000e+00, -3.000000e+00, -4.000000e+00, -6.000000e+00]> : tensor<16xf32>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<16 x f32>
  llvm.func @main(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: i64, %arg3: i64, %arg4: i64, %arg5: i64, %arg6: i64) -> !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)> attributes {llvm.emit_c_interface} {
    %0 = llvm.mlir.poison : !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)>
    %1 = llvm.mlir.addressof @__constant_2x8xf32 : !llvm.ptr
    %2 = llvm.mlir.addressof @__constant_2x4xf32 : !llvm.ptr
    %3 = llvm.mlir.addressof @__constant_512xi32 : !llvm.ptr
    %4 = llvm.mlir.addressof @__constant_16xf32 : !llvm.ptr
    %5 = llvm.mlir.zero : !llvm.ptr
    %6 = llvm.mlir.constant(64 : index) : i64
    %7 = llvm.mlir.constant(16 : index) : i64
    %8 = llvm.mlir.constant(8 : index) : i64
    %9 = llvm.mlir.constant(2 : index) : i64
    %10 = llvm.mlir.constant(4 : index) : i64
    %11 = llvm.mlir.constant(128 : index) : i64
    %12 = llvm.mlir.constant(-4 : index) : i64
    %13 = llvm.mlir.constant(12 : index) : i64
    %14 = llvm.mlir.constant(15 : i32) : i32
    %15 = llvm.mlir.constant(0.333251953 : f32) : f32
    %16 = llvm.mlir.constant(0.000000e+00 : f32) : f32
    %17 = llvm.mlir.constant(0 : index) : i64
    %18 = llvm.mlir.constant(1 : index) : i64
    %19 = llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
    %20 = llvm.getelementptr %4[0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<16 x f32>
    %21 = llvm.getelementptr %3[0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<512 x i32>
    %22 = llvm.getelementptr %2[0, 0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<2 x array<4 x f32>>
    %23 = llvm.getelementptr %1[0, 0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<2 x array<8 x f32>>
    %24 = llvm.getelementptr %5[32] : (!llvm.ptr) -> !llvm.ptr, f32
    %25 = llvm.ptrtoint %24 : !llvm.ptr to i64
    %26 = llvm.add %25, %6 : i64
    %27 = llvm.call @malloc(%26) : (i64) -> !llvm.ptr
    %28 = llvm.ptrtoint %27 : !llvm.ptr to i64
    %29 = llvm.sub %6, %18 : i64
    %30 = llvm.add %28, %29 : i64
    %31 = llvm.urem %30, %6 : i64
    %32 = llvm.sub %30, %31 : i64
    %33 = llvm.inttoptr %32 : i64 to !llvm.ptr
    llvm.br ^bb1(%17 : i64)
  ^bb1(%34: i64):  // 2 preds: ^bb0, ^bb5
    %35 = llvm.icmp "slt" %34, %10 : i64
    llvm.cond_br %35, ^bb2, ^bb6
  ^bb2:  // pred: ^bb1
    llvm.br ^bb3(%17 : i64)
  ^bb3(%36: i64):  // 2 preds: ^bb2, ^bb4
    %37 = llvm.icmp "slt" %36, %8 : i64
    llvm.cond_br %37, ^bb4, ^bb5
  ^bb4:  // pred: ^bb3
    %38 = llvm.udiv %36, %6 : i64
    %39 = llvm.udiv %34, %6 : i64
    %40 = llvm.add %39, %38 : i64
    %41 = llvm.urem %34, %6 : i64
    %42 = llvm.urem %36, %6 : i64
    %43 = llvm.urem %41, %7 : i64
    %44 = llvm.urem %42, %7 : i64
    %45 = llvm.urem %44, %8 : i64
    %46 = llvm.udiv %45, %9 : i64
    %47 = llvm.urem %43, %8 : i64
    %48 = llvm.mul %47, %10 : i64
    %49 = llvm.add %48, %46 : i64
    %50 = llvm.udiv %43, %8 : i64
    %51 = llvm.udiv %44, %8 : i64
    %52 = llvm.mul %51, %9 : i64
    %53 = llvm.add %52, %50 : i64
    %54 = llvm.urem %44, %9 : i64
    %55 = llvm.udiv %41, %7 : i64
    %56 = llvm.udiv %42, %7 : i64
    %57 = llvm.mul %56, %10 : i64
    %58 = llvm.add %57, %55 : i64
    %59 = llvm.mul %58, %10 : i64
    %60 = llvm.add %59, %53 : i64
    %61 = llvm.udiv %60, %10 : i64
    %62 = llvm.urem %60, %10 : i64
    %63 = llvm.udiv %61, %10 : i64
    %64 = llvm.mul %40, %10 : i64
    %65 = llvm.add %64, %63 : i64
    %66 = llvm.urem %61, %10 : i64
    %67 = llvm.mul %49, %10 : i64
    %68 = llvm.add %67, %66 : i64
    %69 = llvm.mul %65, %11 : i64
    %70 = llvm.add %69, %68 : i64
    %71 = llvm.mul %62, %12 : i64
    %72 = llvm.mul %54, %7 : i64
    %73 = llvm.add %72, %71 : i64
    %74 = llvm.add %73, %13 : i64
    %75 = llvm.trunc %74 : i64 to i32
    %76 = llvm.getelementptr inbounds|nuw %21[%70] : (!llvm.ptr, i64) -> !llvm.ptr, i32
    %77 = llvm.load %76 : !llvm.ptr -> i32
    %78 = llvm.lshr %77, %75 : i32
    %79 = llvm.and %78, %14 : i32
    %80 = llvm.zext %79 : i32 to i64
    %81 = llvm.getelementptr inbounds|nuw %20[%80] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    %82 = llvm.load %81 : !llvm.ptr -> f32
    %83 = llvm.fmul %82, %15 : f32
    %84 = llvm.mul %34, %8 overflow<nsw, nuw> : i64
    %85 = llvm.add %84, %36 overflow<nsw, nuw> : i64
    %86 = llvm.getelementptr inbounds|nuw %33[%85] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    llvm.store %83, %86 : f32, !llvm.ptr
    %87 = llvm.add %36, %18 : i64
    llvm.br ^bb3(%87 : i64)
  ^bb5:  // pred: ^bb3
    %88 = llvm.add %34, %18 : i64
    llvm.br ^bb1(%88 : i64)
  ^bb6:  // pred: ^bb1
    %89 = llvm.getelementptr %5[8] : (!llvm.ptr) -> !llvm.ptr, f32
    %90 = llvm.ptrtoint %89 : !llvm.ptr to i64
    %91 = llvm.add %90, %6 : i64
    %92 = llvm.call @malloc(%91) : (i64) -> !llvm.ptr
    %93 = llvm.ptrtoint %92 : !llvm.ptr to i64
    %94 = llvm.sub %6, %18 : i64
    %95 = llvm.add %93, %94 : i64
    %96 = llvm.urem %95, %6 : i64
    %97 = llvm.sub %95, %96 : i64
    %98 = llvm.inttoptr %97 : i64 to !llvm.ptr
    %99 = llvm.insertvalue %92, %19[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %100 = llvm.insertvalue %98, %99[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %101 = llvm.insertvalue %17, %100[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %102 = llvm.insertvalue %9, %101[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %103 = llvm.insertvalue %10, %102[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %104 = llvm.insertvalue %10, %103[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %105 = llvm.insertvalue %18, %104[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    llvm.br ^bb7(%17 : i64)
  ^bb7(%106: i64):  // 2 preds: ^bb6, ^bb11
    %107 = llvm.icmp "slt" %106, %9 : i64
    llvm.cond_br %107, ^bb8, ^bb12
  ^bb8:  // pred: ^bb7
    llvm.br ^bb9(%17 : i64)
  ^bb9(%108: i64):  // 2 preds: ^bb8, ^bb10
    %109 = llvm.icmp "slt" %108, %10 : i64
    llvm.cond_br %109, ^bb10, ^bb11
  ^bb10:  // pred: ^bb9
    %110 = llvm.mul %106, %10 overflow<nsw, nuw> : i64
    %111 = llvm.add %110, %108 overflow<nsw, nuw> : i64
    %112 = llvm.getelementptr inbounds|nuw %98[%111] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    llvm.store %16, %112 : f32, !llvm.ptr
    %113 = llvm.add %108, %18 : i64
    llvm.br ^bb9(%113 : i64)
  ^bb11:  // pred: ^bb9
    %114 = llvm.add %106, %18 : i64
    llvm.br ^bb7(%114 : i64)
  ^bb12:  // pred: ^bb7
    llvm.br ^bb13(%17 : i64)
  ^bb13(%115: i64):  // 2 preds: ^bb12, ^bb20
    %116 = llvm.icmp "slt" %115, %9 : i64
    llvm.cond_br %116, ^bb14, ^bb21
  ^bb14:  // pred: ^bb13
    llvm.br ^bb15(%17 : i64)
  ^bb15(%117: i64):  // 2 preds: ^bb14, ^bb19
    %118 = llvm.icmp "slt" %117, %10 : i64
    llvm.cond_br %118, ^bb16, ^bb20
  ^bb16:  // pred: ^bb15
    llvm.br ^bb17(%17 : i64)
  ^bb17(%119: i64):  // 2 preds: ^bb16, ^bb18
    %120 = llvm.icmp "slt" %119, %8 : i64
    llvm.cond_br %120, ^bb18, ^bb19
  ^bb18:  // pred: ^bb17
    %121 = llvm.mul %115, %8 overflow<nsw, nuw> : i64
    %122 = llvm.add %121, %119 overflow<nsw, nuw> : i64
    %123 = llvm.getelementptr inbounds|nuw %arg1[%122] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    %124 = llvm.load %123 : !llvm.ptr -> f32
    %125 = llvm.mul %117, %8 overflow<nsw, nuw> : i64
    %126 = llvm.add %125, %119 overflow<nsw, nuw> : i64
    %127 = llvm.getelementptr inbounds|nuw %33[%126] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    %128 = llvm.load %127 : !llvm.ptr -> f32
    %129 = llvm.mul %115, %10 overflow<nsw, nuw> : i64
    %130 = llvm.add %129, %117 overflow<nsw, nuw> : i64
    %131 = llvm.getelementptr inbounds|nuw %98[%130] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    %132 = llvm.load %131 : !llvm.ptr -> f32
    %133 = llvm.fmul %124, %128 : f32
    %134 = llvm.fadd %132, %133 : f32
    %135 = llvm.mul %115, %10 overflow<nsw, nuw> : i64
    %136 = llvm.add %135, %117 overflow<nsw, nuw> : i64
    %137 = llvm.getelementptr inbounds|nuw %98[%136] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    llvm.store %134, %137 : f32, !llvm.ptr
    %138 = llvm.add %119, %18 : i64
    llvm.br ^bb17(%138 : i64)
  ^bb19:  // pred: ^bb17
    %139 = llvm.add %117, %18 : i64
    llvm.br ^bb15(%139 : i64)
  ^bb20:  // pred: ^bb15
    %140 = llvm.add %115, %18 : i64
    llvm.br ^bb13(%140 : i64)
  ^bb21:  // pred: ^bb13
    llvm.br ^bb22(%17 : i64)
  ^bb22(%141: i64):  // 2 preds: ^bb21, ^bb26
    %142 = llvm.icmp "slt" %141, %9 : i64
    llvm.cond_br %142, ^bb23, ^bb27
  ^bb23:  // pred: ^bb22
    llvm.br ^bb24(%17 : i64)
  ^bb24(%143: i64):  // 2 preds: ^bb23, ^bb25
    %144 = llvm.icmp "slt" %143, %10 : i64
    llvm.cond_br %144, ^bb25, ^bb26
  ^bb25:  // pred: ^bb24
    %145 = llvm.mul %141, %10 overflow<nsw, nuw> : i64
    %146 = llvm.add %145, %143 overflow<nsw, nuw> : i64
    %147 = llvm.getelementptr inbounds|nuw %98[%146] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    %148 = llvm.load %147 : !llvm.ptr -> f32
    %149 = llvm.mul %141, %10 overflow<nsw, nuw> : i64
    %150 = llvm.add %149, %143 overflow<nsw, nuw> : i64
    %151 = llvm.getelementptr inbounds|nuw %22[%150] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    %152 = llvm.load %151 : !llvm.ptr -> f32
    %153 = llvm.fadd %148, %152 : f32
    %154 = llvm.mul %141, %10 overflow<nsw, nuw> : i64
    %155 = llvm.add %154, %143 overflow<nsw, nuw> : i64
    %156 = llvm.getelementptr inbounds|nuw %98[%155] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    llvm.store %153, %156 : f32, !llvm.ptr
    %157 = llvm.add %143, %18 : i64
    llvm.br ^bb24(%157 : i64)
  ^bb26:  // pred: ^bb24
    %158 = llvm.add %141, %18 : i64
    llvm.br ^bb22(%158 : i64)
  ^bb27:  // pred: ^bb22
    %159 = llvm.getelementptr %5[16] : (!llvm.ptr) -> !llvm.ptr, f32
    %160 = llvm.ptrtoint %159 : !llvm.ptr to i64
    %161 = llvm.add %160, %6 : i64
    %162 = llvm.call @malloc(%161) : (i64) -> !llvm.ptr
    %163 = llvm.ptrtoint %162 : !llvm.ptr to i64
    %164 = llvm.sub %6, %18 : i64
    %165 = llvm.add %163, %164 : i64
    %166 = llvm.urem %165, %6 : i64
    %167 = llvm.sub %165, %166 : i64
    %168 = llvm.inttoptr %167 : i64 to !llvm.ptr
    %169 = llvm.insertvalue %162, %19[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %170 = llvm.insertvalue %168, %169[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %171 = llvm.insertvalue %17, %170[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %172 = llvm.insertvalue %9, %171[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %173 = llvm.insertvalue %8, %172[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %174 = llvm.insertvalue %8, %173[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %175 = llvm.insertvalue %18, %174[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    llvm.br ^bb28(%17 : i64)
  ^bb28(%176: i64):  // 2 preds: ^bb27, ^bb32
    %177 = llvm.icmp "slt" %176, %9 : i64
    llvm.cond_br %177, ^bb29, ^bb33
  ^bb29:  // pred: ^bb28
    llvm.br ^bb30(%17 : i64)
  ^bb30(%178: i64):  // 2 preds: ^bb29, ^bb31
    %179 = llvm.icmp "slt" %178, %8 : i64
    llvm.cond_br %179, ^bb31, ^bb32
  ^bb31:  // pred: ^bb30
    %180 = llvm.mul %176, %8 overflow<nsw, nuw> : i64
    %181 = llvm.add %180, %178 overflow<nsw, nuw> : i64
    %182 = llvm.getelementptr inbounds|nuw %arg1[%181] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    %183 = llvm.load %182 : !llvm.ptr -> f32
    %184 = llvm.mul %176, %8 overflow<nsw, nuw> : i64
    %185 = llvm.add %184, %178 overflow<nsw, nuw> : i64
    %186 = llvm.getelementptr inbounds|nuw %23[%185] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    %187 = llvm.load %186 : !llvm.ptr -> f32
    %188 = llvm.fmul %183, %187 : f32
    %189 = llvm.mul %176, %8 overflow<nsw, nuw> : i64
    %190 = llvm.add %189, %178 overflow<nsw, nuw> : i64
    %191 = llvm.getelementptr inbounds|nuw %168[%190] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    llvm.store %188, %191 : f32, !llvm.ptr
    %192 = llvm.add %178, %18 : i64
    llvm.br ^bb30(%192 : i64)
  ^bb32:  // pred: ^bb30
    %193 = llvm.add %176, %18 : i64
    llvm.br ^bb28(%193 : i64)
  ^bb33:  // pred: ^bb28
    llvm.call @free(%27) : (!llvm.ptr) -> ()
    %194 = llvm.insertvalue %105, %0[0] : !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)> 
    %195 = llvm.insertvalue %175, %194[1] : !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)> 
    llvm.return %195 : !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)>
  }
  llvm.func @_mlir_ciface_main(%arg0: !llvm.ptr, %arg1: !llvm.ptr) attributes {llvm.emit_c_interface} {
    %0 = llvm.load %arg1 : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
    %1 = llvm.extractvalue %0[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %2 = llvm.extractvalue %0[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %3 = llvm.extractvalue %0[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %4 = llvm.extractvalue %0[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %5 = llvm.extractvalue %0[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %6 = llvm.extractvalue %0[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %7 = llvm.extractvalue %0[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
    %8 = llvm.call @main(%1, %2, %3, %4, %5, %6, %7) : (!llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64) -> !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)>
    llvm.store %8, %arg0 : !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)>, !llvm.ptr
    llvm.return
  }
}

