// RUN: fpx-opt %s -split-input-file -verify-diagnostics -allow-unregistered-dialect

func.func @bad_shape(%w: tensor<96x64xf32>) {
  // expected-error @+1 {{expects a weight of shape 64x96 (output channels x K) as the packing says, got 'tensor<96x64xf32>'}}
  %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e3m2, rows = 64, cols = 96, layout = tc_fpx>}
      : tensor<96x64xf32> -> tensor<1536xi32>, tensor<64xf16>
  return
}

// -----

func.func @bad_word_count(%w: tensor<96x64xf32>) {
  // expected-error @+1 {{expects 1536 packed words}}
  %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : tensor<96x64xf32> -> tensor<1152xi32>, tensor<96xf16>
  return
}

// -----

func.func @dynamic_words(%words: tensor<?xi32>, %scales: tensor<96xf16>) {
  // expected-error @+1 {{got a tensor of dynamic size}}
  %d = fpx.dequantize %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : tensor<?xi32>, tensor<96xf16> -> tensor<96x64xf16>
  return
}

// -----

func.func @bad_scales(%w: tensor<96x64xf32>) {
  // expected-error @+1 {{expects scales of shape [96, 4] (output channels x K groups), got 'tensor<96xf16>'}}
  %words, %scales = fpx.quantize %w {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, group_size = 16, layout = tc_fpx>}
      : tensor<96x64xf32> -> tensor<1536xi32>, tensor<96xf16>
  return
}

// -----

func.func @bad_scale_type(%words: tensor<1536xi32>, %scales: tensor<96xf32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 16-bit float values}}
  %d = fpx.dequantize %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : tensor<1536xi32>, tensor<96xf32> -> tensor<96x64xf16>
  return
}

// -----

func.func @bad_dequantize_result(%words: tensor<1536xi32>, %scales: tensor<96xf16>) {
  // expected-error @+1 {{expects a result of shape 96x64 (output channels x K) as the packing says, got 'tensor<64x96xf16>'}}
  %d = fpx.dequantize %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : tensor<1536xi32>, tensor<96xf16> -> tensor<64x96xf16>
  return
}

// -----

func.func @bad_rows() {
  // expected-error @+1 {{packing needs a positive weight shape, got rows = 0, cols = 64}}
  "test.use"() {packing = #fpx.packing<format = e3m2, rows = 0, cols = 64, layout = tc_fpx>} : () -> ()
  return
}

// -----

func.func @bad_group() {
  // expected-error @+1 {{group_size must be 0 (one scale per output channel) or positive, got -4}}
  "test.use"() {packing = #fpx.packing<format = e3m2, rows = 8, cols = 64, group_size = -4, layout = tc_fpx>} : () -> ()
  return
}

// -----

func.func @bad_block() {
  // expected-error @+1 {{tc_fpx block of 2x4 fragments is invalid: block_n * block_k must be a positive multiple of 16}}
  "test.use"() {packing = #fpx.packing<format = e3m2, rows = 8, cols = 64, layout = tc_fpx, block_n = 2, block_k = 4>} : () -> ()
  return
}

// -----

func.func @unknown_format() {
  // expected-error @+2 {{expected ::fpx::FloatFormatKind to be one of: e3m2, e2m3, e2m2, e2m1}}
  // expected-error @+1 {{failed to parse FPx_PackingAttr parameter 'format'}}
  "test.use"() {packing = #fpx.packing<format = e4m3, rows = 8, cols = 64, layout = tc_fpx>} : () -> ()
  return
}

// -----

func.func @k_mismatch(%x: tensor<8x32xf16>, %words: tensor<1536xi32>, %scales: tensor<96xf16>) {
  // expected-error @+1 {{input reduction size K = 32 does not match the weight's K = 64}}
  %y = fpx.qmatmul %x, %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x32xf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<8x96xf16>
  return
}

// -----

func.func @n_mismatch(%x: tensor<8x64xf16>, %words: tensor<1536xi32>, %scales: tensor<96xf16>) {
  // expected-error @+1 {{result's last dimension N = 95 does not match the weight's N = 96}}
  %y = fpx.qmatmul %x, %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x64xf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<8x95xf16>
  return
}

// -----

func.func @m_mismatch(%x: tensor<8x64xf16>, %words: tensor<1536xi32>, %scales: tensor<96xf16>) {
  // expected-error @+1 {{result dimension 0 is 4 but the input's is 8}}
  %y = fpx.qmatmul %x, %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x64xf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<4x96xf16>
  return
}

// -----

func.func @rank_one(%x: tensor<64xf16>, %words: tensor<1536xi32>, %scales: tensor<96xf16>) {
  // expected-error @+1 {{expects an input of rank >= 2 ([batch..., M, K]), got 'tensor<64xf16>'}}
  %y = fpx.qmatmul %x, %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<64xf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<96xf16>
  return
}

// -----

func.func @rank_mismatch(%x: tensor<2x8x64xf16>, %words: tensor<1536xi32>, %scales: tensor<96xf16>) {
  // expected-error @+1 {{expects a result of rank 3 like the input, got 'tensor<16x96xf16>'}}
  %y = fpx.qmatmul %x, %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<2x8x64xf16>, tensor<1536xi32>, tensor<96xf16>) -> tensor<16x96xf16>
  return
}

// -----

func.func @bias_shape(%x: tensor<8x64xf16>, %words: tensor<1536xi32>, %scales: tensor<96xf16>, %b: tensor<8x96xf16>) {
  // expected-error @+1 {{expects a bias of shape [96], got 'tensor<8x96xf16>'}}
  %y = fpx.qmatmul %x, %words, %scales bias %b {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x64xf16>, tensor<1536xi32>, tensor<96xf16>, tensor<8x96xf16>) -> tensor<8x96xf16>
  return
}

// -----

func.func @bias_type(%x: tensor<8x64xf16>, %words: tensor<1536xi32>, %scales: tensor<96xf16>, %b: tensor<96xf32>) {
  // expected-error @+1 {{bias element type 'f32' must match the result element type 'f16'}}
  %y = fpx.qmatmul %x, %words, %scales bias %b {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x64xf16>, tensor<1536xi32>, tensor<96xf16>, tensor<96xf32>) -> tensor<8x96xf16>
  return
}

// -----

func.func @int_input(%x: tensor<8x64xi8>, %words: tensor<1536xi32>, %scales: tensor<96xf16>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float values}}
  %y = fpx.qmatmul %x, %words, %scales {packing = #fpx.packing<format = e3m2, rows = 96, cols = 64, layout = tc_fpx>}
      : (tensor<8x64xi8>, tensor<1536xi32>, tensor<96xf16>) -> tensor<8x96xf16>
  return
}

// -----

func.func @dispatch_kind(%x: memref<4xf16>, %y: memref<4xf16>) {
  // expected-error @+1 {{'fpx.dispatch' op kind must be "fusion" or "qmatmul", got "spmm"}}
  fpx.dispatch "spmm" ins(%x : memref<4xf16>) outs(%y : memref<4xf16>) {launch = {kernel = "k"}}
  return
}

// -----

func.func @dispatch_no_kernel(%x: memref<4xf16>, %y: memref<4xf16>) {
  // expected-error @+1 {{'fpx.dispatch' op launch must name the kernel: {kernel = "<gpu.func name>", ...}}}
  fpx.dispatch "fusion" ins(%x : memref<4xf16>) outs(%y : memref<4xf16>) {launch = {grid_x = 1 : i64}}
  return
}

// -----

func.func @dispatch_kernel_not_string(%x: memref<4xf16>, %y: memref<4xf16>) {
  // expected-error @+1 {{launch must name the kernel}}
  fpx.dispatch "fusion" ins(%x : memref<4xf16>) outs(%y : memref<4xf16>) {launch = {kernel = 0 : i64}}
  return
}

// -----

func.func @dispatch_no_outputs(%x: memref<4xf16>) {
  // expected-error @+1 {{'fpx.dispatch' op expects at least one output}}
  "fpx.dispatch"(%x) <{kind = "fusion", launch = {kernel = "k"}, operandSegmentSizes = array<i32: 1, 0>}> : (memref<4xf16>) -> ()
  return
}

// -----

func.func @dispatch_tensor_input_memref_output(%x: tensor<4xf16>, %y: memref<4xf16>) {
  // expected-error @+1 {{'fpx.dispatch' op operands must be all ranked tensors or all memrefs, got 'tensor<4xf16>'}}
  fpx.dispatch "fusion" ins(%x : tensor<4xf16>) outs(%y : memref<4xf16>) {launch = {kernel = "k"}}
  return
}

// -----

func.func @dispatch_memref_input_tensor_output(%x: memref<4xf16>, %y: tensor<4xf16>) {
  // expected-error @+1 {{'fpx.dispatch' op operands must be all ranked tensors or all memrefs, got 'memref<4xf16>'}}
  %r = fpx.dispatch "fusion" ins(%x : memref<4xf16>) outs(%y : tensor<4xf16>) {launch = {kernel = "k"}} -> tensor<4xf16>
  return
}

// -----

func.func @dispatch_mixed_outputs(%y: memref<4xf16>, %z: tensor<4xf16>) {
  // expected-error @+1 {{operands must be all ranked tensors or all memrefs, got 'tensor<4xf16>'}}
  %r = fpx.dispatch "fusion" outs(%y, %z : memref<4xf16>, tensor<4xf16>) {launch = {kernel = "k"}} -> tensor<4xf16>
  return
}

// -----

func.func @dispatch_unranked(%x: tensor<*xf16>, %y: tensor<4xf16>) {
  // expected-error @+1 {{operands must be all ranked tensors or all memrefs, got 'tensor<*xf16>'}}
  %r = fpx.dispatch "fusion" ins(%x : tensor<*xf16>) outs(%y : tensor<4xf16>) {launch = {kernel = "k"}} -> tensor<4xf16>
  return
}

// -----

func.func @dispatch_memref_results(%x: memref<4xf16>, %y: memref<4xf16>) {
  // expected-error @+1 {{'fpx.dispatch' op on memrefs has no results, got 1}}
  %r = fpx.dispatch "fusion" ins(%x : memref<4xf16>) outs(%y : memref<4xf16>) {launch = {kernel = "k"}} -> tensor<4xf16>
  return
}

// -----

func.func @dispatch_missing_result(%x: tensor<4xf16>, %y: tensor<4xf16>) {
  // expected-error @+1 {{'fpx.dispatch' op on tensors expects one result per output (1), got 0}}
  fpx.dispatch "fusion" ins(%x : tensor<4xf16>) outs(%y : tensor<4xf16>) {launch = {kernel = "k"}}
  return
}

// -----

func.func @dispatch_extra_result(%x: tensor<4xf16>, %y: tensor<4xf16>) {
  // expected-error @+1 {{'fpx.dispatch' op on tensors expects one result per output (1), got 2}}
  %r:2 = fpx.dispatch "fusion" ins(%x : tensor<4xf16>) outs(%y : tensor<4xf16>) {launch = {kernel = "k"}} -> tensor<4xf16>, tensor<4xf16>
  return
}

// -----

func.func @dispatch_result_type(%x: tensor<4xf16>, %y: tensor<4xf16>, %z: tensor<8xf32>) {
  // expected-error @+1 {{'fpx.dispatch' op result #1 has type 'tensor<8xf16>' but its output has type 'tensor<8xf32>'}}
  %r:2 = fpx.dispatch "fusion" ins(%x : tensor<4xf16>) outs(%y, %z : tensor<4xf16>, tensor<8xf32>) {launch = {kernel = "k"}} -> tensor<4xf16>, tensor<8xf16>
  return
}
