// fpx-compile on bad ONNX input: one clear error and exit status 1, never a
// crash. The importer's errors keep naming the file, node or tensor at
// fault; errors after the import name the ONNX value concerned.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Frontend/ONNX/Inputs/onnx_models.py %t error_unsupported_op \
// RUN:   error_matmul_mismatch external_dotdot elementwise

// Files: missing, truncated (by extension and by content), and ONNX on stdin.
// RUN: not fpx-compile %t/missing.onnx 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: fpx-compile: error: cannot open input file '{{.*}}missing.onnx': No such file or directory
// RUN: head -c 100000 %S/../Frontend/ONNX/Inputs/hf/gpt2.onnx > %t/truncated.onnx
// RUN: not fpx-compile %t/truncated.onnx -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// TRUNCATED: truncated.onnx: error: '{{.*}}truncated.onnx' is not a valid ONNX protobuf file (corrupt or truncated)
// RUN: head -c 100000 %S/../Frontend/ONNX/Inputs/hf/gpt2.onnx > %t/truncated.bin
// RUN: not fpx-compile %t/truncated.bin -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=TRUNCATED-BIN
// TRUNCATED-BIN: truncated.bin: error: '{{.*}}truncated.bin' is not a valid ONNX protobuf file (corrupt or truncated)
// RUN: not fpx-compile - --input-format=onnx -o %t/m.fpx < %S/../Frontend/ONNX/Inputs/hf/gpt2.onnx 2>&1 \
// RUN:   | FileCheck %s --check-prefix=STDIN
// STDIN: fpx-compile: error: an ONNX model must be given as a file, not on stdin (its external data is found next to it)

// Shapes: symbolic dimensions left, a malformed --input-shape, and
// --input-shape on an MLIR model.
// RUN: not fpx-compile %S/../Frontend/ONNX/Inputs/hf/gpt2.onnx -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=DYNAMIC
// DYNAMIC: gpt2.onnx: error: graph input 'input_ids' has a dynamic dimension 'batch' (dimension 0 of ?x?); give its shape, e.g. --input-shape input_ids=1x1
// RUN: not fpx-compile %S/../Frontend/ONNX/Inputs/hf/gpt2.onnx --input-shape input_ids=2x -o %t/m.fpx 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SHAPE
// SHAPE: fpx-compile: error: --input-shape: '' in 'input_ids=2x' is not a dimension (a non-negative integer)
// RUN: not fpx-compile %S/fpx-compile-errors.mlir --input-shape x=2x3 -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=MLIR-SHAPE
// MLIR-SHAPE: fpx-compile: error: --input-shape applies to ONNX models only, and '{{.*}}fpx-compile-errors.mlir' is read as MLIR text

// The importer's errors name the node (op type and opset) or the tensor.
// RUN: not fpx-compile %t/error_unsupported_op.onnx -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=OP
// OP: error_unsupported_op.onnx: error: node 'bad_node' (Foo, opset 18): unsupported op 'Foo'
// RUN: not fpx-compile %t/error_matmul_mismatch.onnx -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=MATMUL
// MATMUL: error_matmul_mismatch.onnx: error: node 'bad_node' (MatMul, opset 18): cannot multiply 'tensor<2x3xf32>' by 'tensor<4x5xf32>': the contracted dimensions differ (3 and 4)
// RUN: not fpx-compile %t/external_dotdot.onnx -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=DOTDOT
// DOTDOT: external_dotdot.onnx: error: initializer 'w' has external data at 'weights/../weights/external_dotdot.data', which has a '..' component; locations must stay inside the model's folder

// After the import: a bool graph input is not a model input the driver
// takes; the error names it.
// RUN: not fpx-compile %t/elementwise.onnx -o %t/m.fpx 2>&1 | FileCheck %s --check-prefix=BOOL
// BOOL: elementwise.onnx: error: at 'b': entry argument #5 of @main has type 'tensor<2x3xi1>'; model inputs and outputs must be ranked tensors of f32, f16, bf16, i32, i64

// No artifact is written when compilation fails.
// RUN: not ls %t/m.fpx
