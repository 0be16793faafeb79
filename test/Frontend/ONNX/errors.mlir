// Bad input gives one clear error (naming the node, its op type and the
// opset where a node is at fault) and exit status 1, never a crash: broken
// files, unsupported ops, opsets and types, inconsistent shapes, values that
// must be known at import time but are not, and bad command-line shapes.
//
// RUN: %python %S/Inputs/onnx_models.py %t error_corrupt error_truncated \
// RUN:   error_unsupported_op error_custom_domain error_op_too_new error_opset_19 \
// RUN:   error_opset_10 error_uint8_input error_string_initializer error_bad_raw_size \
// RUN:   error_matmul_mismatch error_broadcast error_element_types error_float_only \
// RUN:   error_concat_rank error_axis_range error_reshape_dynamic error_reshape_count \
// RUN:   error_gather_range error_squeeze error_dropout_training error_attribute_type \
// RUN:   error_undefined_input error_redefined_value error_output_type error_dynamic_input \
// RUN:   error_cumsum_exclusive error_gathernd_batch_dims error_huge_expand error_huge_expand_fold \
// RUN:   error_huge_constant_of_shape error_huge_reshape elementwise tensor_ops
//
// Files.
// RUN: not fpx-import-onnx %t/missing.onnx 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not fpx-import-onnx %t/error_corrupt.onnx 2>&1 | FileCheck %s --check-prefix=CORRUPT
// RUN: not fpx-import-onnx %t/error_truncated.onnx 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// MISSING:   missing.onnx: error: cannot read '{{.*}}missing.onnx': No such file or directory
// CORRUPT:   error_corrupt.onnx: error: '{{.*}}error_corrupt.onnx' is not a valid ONNX protobuf file (corrupt or truncated)
// TRUNCATED: error_truncated.onnx: error: '{{.*}}error_truncated.onnx' is not a valid ONNX protobuf file (corrupt or truncated)
//
// Ops, domains, opsets.
// RUN: not fpx-import-onnx %t/error_unsupported_op.onnx 2>&1 | FileCheck %s --check-prefix=UNKNOWN-OP
// RUN: not fpx-import-onnx %t/error_custom_domain.onnx 2>&1 | FileCheck %s --check-prefix=DOMAIN
// RUN: not fpx-import-onnx %t/error_op_too_new.onnx 2>&1 | FileCheck %s --check-prefix=TOO-NEW
// RUN: not fpx-import-onnx %t/error_opset_19.onnx 2>&1 | FileCheck %s --check-prefix=OPSET19
// RUN: not fpx-import-onnx %t/error_opset_10.onnx 2>&1 | FileCheck %s --check-prefix=OPSET10
// UNKNOWN-OP:  error: node 'bad_node' (Foo, opset 18): unsupported op 'Foo'
// DOMAIN:      error: node 'bad_node' (Bar, opset 18): ops of domain 'com.example' are not supported (only the default ONNX domain is; model-local functions are not inlined)
// TOO-NEW:     error: node 'bad_node' (Trilu, opset 13): Trilu needs opset 14 or later
// OPSET19:     error: the model uses opset 19; FPX imports opsets 11 to 18
// OPSET10:     error: the model uses opset 10; FPX imports opsets 11 to 18
//
// Data types and tensor data.
// RUN: not fpx-import-onnx %t/error_uint8_input.onnx 2>&1 | FileCheck %s --check-prefix=UINT8
// RUN: not fpx-import-onnx %t/error_string_initializer.onnx 2>&1 | FileCheck %s --check-prefix=STRING
// RUN: not fpx-import-onnx %t/error_bad_raw_size.onnx 2>&1 | FileCheck %s --check-prefix=RAW-SIZE
// RUN: not fpx-import-onnx %t/error_element_types.onnx 2>&1 | FileCheck %s --check-prefix=ELEMENT-TYPES
// RUN: not fpx-import-onnx %t/error_float_only.onnx 2>&1 | FileCheck %s --check-prefix=FLOAT-ONLY
// UINT8:         error: graph input 'x' has data type UINT8, which FPX does not import
// STRING:        error: initializer 's' has data type STRING, which FPX does not import
// RAW-SIZE:      error: initializer 'w' has 12 bytes of data; its 4 elements of type 'f32' need 16
// ELEMENT-TYPES: error: node 'bad_node' (Add, opset 18): inputs have different element types ('f32' and 'f16')
// FLOAT-ONLY:    error: node 'bad_node' (Sqrt, opset 18): needs floating-point inputs, got 'i64'
//
// Shapes and ranks.
// RUN: not fpx-import-onnx %t/error_matmul_mismatch.onnx 2>&1 | FileCheck %s --check-prefix=MATMUL
// RUN: not fpx-import-onnx %t/error_broadcast.onnx 2>&1 | FileCheck %s --check-prefix=BROADCAST
// RUN: not fpx-import-onnx %t/error_concat_rank.onnx 2>&1 | FileCheck %s --check-prefix=CONCAT
// RUN: not fpx-import-onnx %t/error_axis_range.onnx 2>&1 | FileCheck %s --check-prefix=AXIS
// RUN: not fpx-import-onnx %t/error_reshape_count.onnx 2>&1 | FileCheck %s --check-prefix=RESHAPE
// RUN: not fpx-import-onnx %t/error_gather_range.onnx 2>&1 | FileCheck %s --check-prefix=GATHER
// RUN: not fpx-import-onnx %t/error_squeeze.onnx 2>&1 | FileCheck %s --check-prefix=SQUEEZE
// RUN: not fpx-import-onnx %t/error_output_type.onnx 2>&1 | FileCheck %s --check-prefix=OUTPUT
// MATMUL:    error: node 'bad_node' (MatMul, opset 18): cannot multiply 'tensor<2x3xf32>' by 'tensor<4x5xf32>': the contracted dimensions differ (3 and 4)
// BROADCAST: error: node 'bad_node' (Add, opset 18): cannot broadcast shapes [2, 3] and [4]
// CONCAT:    error: node 'bad_node' (Concat, opset 18): input 1 ('tensor<2xf32>') does not match input 0 ('tensor<2x3xf32>')
// AXIS:      error: node 'bad_node' (Softmax, opset 18): axis 2 is out of range for rank 2
// RESHAPE:   error: node 'bad_node' (Reshape, opset 18): cannot reshape 6 elements: the known dimensions hold 4
// GATHER:    error: node 'bad_node' (Gather, opset 18): index 3 is out of range for dimension 0 of size 3
// SQUEEZE:   error: node 'bad_node' (Squeeze, opset 18): cannot squeeze dimension 0 of size 2
// OUTPUT:    error: graph output 'y' is declared as FLOAT of shape 3, but the graph computes 'tensor<2xf32>'
//
// Shapes with more elements than FPX handles (2^60). Regressions: the
// element count of the first two wrapped around to 0 and to a negative
// number, which passed the size limit of import-time evaluation and gave a
// constant with no values (an invalid attribute) and an evaluation over
// 2^63 elements that never ended.
// RUN: not fpx-import-onnx %t/error_huge_expand.onnx 2>&1 | FileCheck %s --check-prefix=HUGE-EXPAND
// RUN: not fpx-import-onnx %t/error_huge_expand_fold.onnx 2>&1 | FileCheck %s --check-prefix=HUGE-FOLD
// RUN: not fpx-import-onnx %t/error_huge_constant_of_shape.onnx 2>&1 | FileCheck %s --check-prefix=HUGE-FILL
// RUN: not fpx-import-onnx %t/error_huge_reshape.onnx 2>&1 | FileCheck %s --check-prefix=HUGE-RESHAPE
// RUN: not fpx-import-onnx %t/error_dynamic_input.onnx --input-shape x=4611686018427387904x4 2>&1 \
// RUN:   | FileCheck %s --check-prefix=HUGE-INPUT
// HUGE-EXPAND:  error: node 'y' (Expand, opset 18): output 'y' would have shape 4294967296x4294967296, more than 2^60 elements
// HUGE-FOLD:    error: node 'y' (Expand, opset 18): output 'y' would have shape 2147483648x4294967296, more than 2^60 elements
// HUGE-FILL:    error: node 'y' (ConstantOfShape, opset 18): output 'y' would have shape 4294967296x4294967296, more than 2^60 elements
// HUGE-RESHAPE: error: node 'bad_node' (Reshape, opset 18): shape [4294967296, 4294967296, 4] has more than 2^60 elements
// HUGE-INPUT:   error: graph input 'x' has shape 4611686018427387904x4, more than 2^60 elements
//
// Graph structure and attributes.
// RUN: not fpx-import-onnx %t/error_reshape_dynamic.onnx 2>&1 | FileCheck %s --check-prefix=DYNAMIC-SHAPE
// RUN: not fpx-import-onnx %t/error_dropout_training.onnx 2>&1 | FileCheck %s --check-prefix=TRAINING
// RUN: not fpx-import-onnx %t/error_attribute_type.onnx 2>&1 | FileCheck %s --check-prefix=ATTRIBUTE
// RUN: not fpx-import-onnx %t/error_cumsum_exclusive.onnx 2>&1 | FileCheck %s --check-prefix=CUMSUM
// RUN: not fpx-import-onnx %t/error_gathernd_batch_dims.onnx 2>&1 | FileCheck %s --check-prefix=GATHERND
// RUN: not fpx-import-onnx %t/error_undefined_input.onnx 2>&1 | FileCheck %s --check-prefix=UNDEFINED
// RUN: not fpx-import-onnx %t/error_redefined_value.onnx 2>&1 | FileCheck %s --check-prefix=REDEFINED
// DYNAMIC-SHAPE: error: node 'bad_node' (Reshape, opset 18): input 'shape' ('shape') must be known at import time, but it depends on the graph's inputs
// TRAINING:      error: node 'bad_node' (Dropout, opset 18): training mode is not supported
// ATTRIBUTE:     error: node 'bad_node' (Concat, opset 18): attribute 'axis' must be of type INT
// CUMSUM:        error: node 'bad_node' (CumSum, opset 18): attribute 'exclusive' must be 0 or 1, got 2
// GATHERND:      error: node 'bad_node' (GatherND, opset 18): attribute 'batch_dims' must be in [0, 2), got 2
// UNDEFINED:     error: node 'bad_node' (Identity, opset 18): input 'nowhere' is not defined by a graph input, an initializer or an earlier node
// REDEFINED:     error: node 'second' (Neg, opset 18): output 'y' is already defined (ONNX values are assigned once)
//
// --input-shape.
// RUN: not fpx-import-onnx %t/error_dynamic_input.onnx 2>&1 | FileCheck %s --check-prefix=NO-SHAPE
// RUN: not fpx-import-onnx %t/error_dynamic_input.onnx --input-shape x=2 2>&1 | FileCheck %s --check-prefix=SHAPE-RANK
// RUN: not fpx-import-onnx %t/error_dynamic_input.onnx --input-shape x=3x5 2>&1 | FileCheck %s --check-prefix=SHAPE-DIM
// RUN: not fpx-import-onnx %t/error_dynamic_input.onnx --input-shape x=3x4 --input-shape y=2 2>&1 | FileCheck %s --check-prefix=SHAPE-NAME
// RUN: not fpx-import-onnx %t/error_dynamic_input.onnx --input-shape x3x4 2>&1 | FileCheck %s --check-prefix=SHAPE-SYNTAX
// RUN: not fpx-import-onnx %t/error_dynamic_input.onnx --input-shape x=3xb 2>&1 | FileCheck %s --check-prefix=SHAPE-DIM-SYNTAX
// RUN: fpx-import-onnx %t/error_dynamic_input.onnx --input-shape x=3x4 --print-locations=false | FileCheck %s --check-prefix=SHAPE-OK
// NO-SHAPE:         error: graph input 'x' has a dynamic dimension 'batch' (dimension 0 of ?x4); give its shape, e.g. --input-shape x=1x4
// SHAPE-RANK:       error: graph input 'x' has rank 2 (?x4), but its given shape 2 has rank 1
// SHAPE-DIM:        error: graph input 'x' has shape ?x4, which its given shape 3x5 contradicts in dimension 1
// SHAPE-NAME:       error: a shape is given for 'y', which is not an input of the graph
// SHAPE-SYNTAX:     fpx-import-onnx: --input-shape: expected name=1x16 (name=, for a scalar), got 'x3x4'
// SHAPE-DIM-SYNTAX: fpx-import-onnx: --input-shape: 'b' in 'x=3xb' is not a dimension (a non-negative integer)
// SHAPE-OK:         func.func @forward(%{{.*}}: tensor<3x4xf32>) -> (tensor<3x4xf32> {onnx.name = "y"})
//
// --test-data-dir.
// RUN: not fpx-import-onnx %t/elementwise.onnx --test-data-dir=%t/tensor_ops-data 2>&1 | FileCheck %s --check-prefix=DATA-TYPE
// RUN: not fpx-import-onnx %t/elementwise.onnx --test-data-dir=%t/nowhere 2>&1 | FileCheck %s --check-prefix=DATA-MISSING
// RUN: not fpx-import-onnx %t/elementwise.onnx --function-name=main --test-data-dir=%t/elementwise-data 2>&1 | FileCheck %s --check-prefix=DATA-MAIN
// DATA-TYPE:    error: test tensor '{{.*}}input_0.pb' holds 'tensor<2x3x4xf32>', but input 0 of the function is 'tensor<2x3xf32>'
// DATA-MISSING: error: cannot read '{{.*}}nowhere{{/|\\}}input_0.pb': No such file or directory
// DATA-MAIN:    error: the module already has a symbol 'main'; import the graph under another function name
