// fpx-run's errors: each is one line naming what is wrong, and the exit
// status is 1.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: fpx-compile %s -o %t/model.fpx
// RUN: %python %S/Inputs/npy_tool.py write %t/x.npy '<f4' 2x3 1
// RUN: %python %S/Inputs/npy_tool.py write %t/tokens.npy '<i4' 4 7
// RUN: fpx-run %t/model.fpx --input x=%t/x.npy --input tokens=%t/tokens.npy | FileCheck %s --check-prefix=OK
// OK: y: f32 [2, 3]

// Inputs that do not match signature.json.
// RUN: %python %S/Inputs/npy_tool.py write %t/x32.npy '<f4' 3x2
// RUN: not fpx-run %t/model.fpx --input x=%t/x32.npy --input tokens=%t/tokens.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: fpx-run: error: input 'x' (from {{.*}}x32.npy): expected shape [2, 3], got [3, 2]
// RUN: %python %S/Inputs/npy_tool.py write %t/x6.npy '<f4' 6
// RUN: not fpx-run %t/model.fpx --input x=%t/x6.npy --input tokens=%t/tokens.npy 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: fpx-run: error: input 'x' (from {{.*}}x6.npy): expected shape [2, 3], got [6]
// RUN: %python %S/Inputs/npy_tool.py write %t/tokens64.npy '<i8' 4
// RUN: not fpx-run %t/model.fpx --input x=%t/x.npy --input tokens=%t/tokens64.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: fpx-run: error: input 'tokens' (from {{.*}}tokens64.npy): expected dtype i32, got i64
// RUN: not fpx-run %t/model.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: fpx-run: error: missing input 'tokens' (i32 [4]); give each with --input <name>=<file.npy>
// RUN: not fpx-run %t/model.fpx 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: fpx-run: error: missing inputs 'x' (f32 [2, 3]), 'tokens' (i32 [4]); give each with --input <name>=<file.npy>
// RUN: not fpx-run %t/model.fpx --input x=%t/x.npy --input tokens=%t/tokens.npy --input mask=%t/x.npy 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: fpx-run: error: unknown input 'mask' (from {{.*}}x.npy); the model's inputs are: x, tokens
// RUN: not fpx-run %t/model.fpx --input x=%t/x.npy --input x=%t/x.npy --input tokens=%t/tokens.npy 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: fpx-run: error: input 'x' is given twice

// Input files fpx-run cannot read.
// RUN: not fpx-run %t/model.fpx --input x=%t/absent.npy 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: fpx-run: error: {{.*}}absent.npy: No such file or directory
// RUN: cp %s %t/text.npy
// RUN: not fpx-run %t/model.fpx --input x=%t/text.npy 2>&1 | FileCheck %s --check-prefix=NOTNPY
// NOTNPY: fpx-run: error: {{.*}}text.npy: not a .npy file (no \x93NUMPY magic)
// RUN: %python %S/Inputs/npy_tool.py write %t/fortran.npy '<f4' 2x3 --fortran
// RUN: not fpx-run %t/model.fpx --input x=%t/fortran.npy 2>&1 | FileCheck %s --check-prefix=FORTRAN
// FORTRAN: fpx-run: error: {{.*}}fortran.npy: Fortran-ordered arrays are not supported; save np.ascontiguousarray(a)
// RUN: %python %S/Inputs/npy_tool.py write %t/big.npy '>f4' 2x3
// RUN: not fpx-run %t/model.fpx --input x=%t/big.npy 2>&1 | FileCheck %s --check-prefix=BIG
// BIG: fpx-run: error: {{.*}}big.npy: big-endian data ('>f4') is not supported; save the array little-endian
// RUN: %python %S/Inputs/npy_tool.py write %t/f64.npy '<f8' 2x3
// RUN: not fpx-run %t/model.fpx --input x=%t/f64.npy 2>&1 | FileCheck %s --check-prefix=F64
// F64: fpx-run: error: {{.*}}f64.npy: unsupported dtype '<f8'; supported: '<f4' (f32), '<f2' (f16), '<V2' or 'bfloat16' (bf16), '<i4' (i32), '<i8' (i64)
// RUN: head -c 144 %t/x.npy > %t/truncated.npy
// RUN: not fpx-run %t/model.fpx --input x=%t/truncated.npy 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// TRUNCATED: fpx-run: error: {{.*}}truncated.npy: has 16 bytes of data, but shape [2, 3] of f32 needs 24

// Broken artifacts.
// RUN: not fpx-run %t/absent.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=NOFOLDER
// NOFOLDER: fpx-run: error: {{.*}}absent.fpx: no such artifact folder
// RUN: not fpx-run %t/x.npy --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=NOTFOLDER
// NOTFOLDER: fpx-run: error: {{.*}}x.npy: not a folder; fpx-compile writes an artifact folder
// RUN: cp -r %t/model.fpx %t/nomodule.fpx && rm %t/nomodule.fpx/module.mlir
// RUN: not fpx-run %t/nomodule.fpx --input x=%t/x.npy --input tokens=%t/tokens.npy 2>&1 | FileCheck %s --check-prefix=NOMODULE
// NOMODULE: fpx-run: error: {{.*}}nomodule.fpx/module.mlir: No such file or directory
// RUN: cp -r %t/model.fpx %t/nosignature.fpx && rm %t/nosignature.fpx/signature.json
// RUN: not fpx-run %t/nosignature.fpx --input x=%t/x.npy --input tokens=%t/tokens.npy 2>&1 | FileCheck %s --check-prefix=NOSIGNATURE
// NOSIGNATURE: fpx-run: error: {{.*}}nosignature.fpx/signature.json: No such file or directory
// RUN: cp -r %t/model.fpx %t/corrupt.fpx && echo '{"entry": "main", ' > %t/corrupt.fpx/signature.json
// RUN: not fpx-run %t/corrupt.fpx --input x=%t/x.npy --input tokens=%t/tokens.npy 2>&1 | FileCheck %s --check-prefix=CORRUPT
// CORRUPT: fpx-run: error: {{.*}}corrupt.fpx/signature.json: invalid JSON: [2:0, byte=19]: Expected object key
// RUN: cp -r %t/model.fpx %t/dtype.fpx && sed -e 's/"i32"/"u7"/' %t/model.fpx/signature.json > %t/dtype.fpx/signature.json
// RUN: not fpx-run %t/dtype.fpx --input x=%t/x.npy --input tokens=%t/tokens.npy 2>&1 | FileCheck %s --check-prefix=BADDTYPE
// BADDTYPE: fpx-run: error: {{.*}}dtype.fpx/signature.json: expected one of "f32", "f16", "bf16", "i32", "i64" at signature.json.inputs[1].dtype
// RUN: cp -r %t/model.fpx %t/version.fpx && sed -e 's/"fpx_artifact_version": 2/"fpx_artifact_version": 3/' %t/model.fpx/signature.json > %t/version.fpx/signature.json
// RUN: not fpx-run %t/version.fpx --input x=%t/x.npy --input tokens=%t/tokens.npy 2>&1 | FileCheck %s --check-prefix=VERSION
// VERSION: fpx-run: error: {{.*}}version.fpx/signature.json: artifact version 3 is not supported; this build reads versions 1 to 2
// Signatures that do not describe the module: of another entry, with
// another element type (the compiled code would read past the buffers).
// RUN: fpx-compile %s --entry=narrow -o %t/narrow.fpx
// RUN: cp -r %t/model.fpx %t/mismatch.fpx && sed -e 's/"narrow"/"main"/' %t/narrow.fpx/signature.json > %t/mismatch.fpx/signature.json
// RUN: not fpx-run %t/mismatch.fpx --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=MISMATCH
// MISMATCH: fpx-run: error: signature.json does not describe {{.*}}mismatch.fpx/module.mlir: it has 1 inputs and 1 outputs, the module's entry 2 and 2
// RUN: cp -r %t/model.fpx %t/retyped.fpx && sed -e 's/"i32"/"i64"/' %t/model.fpx/signature.json > %t/retyped.fpx/signature.json
// RUN: not fpx-run %t/retyped.fpx --input x=%t/x.npy --input tokens=%t/tokens64.npy 2>&1 | FileCheck %s --check-prefix=RETYPED
// RETYPED: fpx-run: error: signature.json does not describe {{.*}}retyped.fpx/module.mlir: input 'tokens' (i64 [4]) is tensor<4xi32> in the module
// A module that fpx-compile did not write.
// RUN: cp -r %t/model.fpx %t/foreign.fpx && fpx-opt %s --fpx-cpu-pipeline -o %t/foreign.fpx/module.mlir
// RUN: not fpx-run %t/foreign.fpx --input x=%t/x.npy --input tokens=%t/tokens.npy 2>&1 | FileCheck %s --check-prefix=FOREIGN
// FOREIGN: fpx-run: error: {{.*}}foreign.fpx/module.mlir has no fpx_artifact.entry_type attribute; write it with fpx-compile

// Options.
// RUN: not fpx-run %t/model.fpx --input x=%t/x.npy --input tokens=%t/tokens.npy --output %t/out.npy 2>&1 | FileCheck %s --check-prefix=NPY
// NPY: fpx-run: error: the model has 2 outputs; write them to an .npz file
// RUN: fpx-compile %s --entry=sink -o %t/sink.fpx
// RUN: not fpx-run %t/sink.fpx --input arg0=%t/x.npy --output %t/out.npz 2>&1 | FileCheck %s --check-prefix=NOOUTPUTS
// NOOUTPUTS: fpx-run: error: the model has no outputs to write to {{.*}}out.npz
// RUN: not fpx-run %t/model.fpx --input x=%t/x.npy --input tokens=%t/tokens.npy --output %t/out.txt 2>&1 | FileCheck %s --check-prefix=EXTENSION
// EXTENSION: fpx-run: error: --output '{{.*}}out.txt' must end in .npy or .npz
// RUN: not fpx-run %t/model.fpx --input x 2>&1 | FileCheck %s --check-prefix=SYNTAX
// SYNTAX: fpx-run: error: --input 'x': expected <name>=<file.npy>
// RUN: not fpx-run %t/model.fpx --device=cuda --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=DEVICE -DDIR=%t/model.fpx
// DEVICE: fpx-run: error: [[DIR]] was compiled for 'cpu' and cannot run on device 'cuda'; compile it with --target=cuda for that
// RUN: not fpx-run %t/model.fpx --device=tpu --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=DEVICENAME
// DEVICENAME: fpx-run: error: --device=tpu: expected cpu or cuda
// RUN: not fpx-run %t/model.fpx --repeat 0 2>&1 | FileCheck %s --check-prefix=REPEAT
// REPEAT: fpx-run: error: --repeat must be at least 1
// RUN: not fpx-run %t/model.fpx -O4 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: fpx-run: error: -O4: expected -O0 to -O3
// RUN: not fpx-run %t/model.fpx --shared-libs=%t/absent.so --input x=%t/x.npy --input tokens=%t/tokens.npy 2>&1 | FileCheck %s --check-prefix=LIBRARY
// LIBRARY: fpx-run: error: shared library '{{.*}}absent.so' not found

func.func @main(%x: tensor<2x3xf32> loc("x"), %tokens: tensor<4xi32> loc("tokens"))
    -> (tensor<2x3xf32> {jax.result_info = "y"}, tensor<4xi32> {jax.result_info = "next"}) {
  %y = arith.addf %x, %x : tensor<2x3xf32>
  %next = arith.addi %tokens, %tokens : tensor<4xi32>
  return %y, %next : tensor<2x3xf32>, tensor<4xi32>
}

func.func @narrow(%x: tensor<2x3xf32> loc("x")) -> tensor<2x3xf32> {
  %y = arith.mulf %x, %x : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

func.func @sink(%x: tensor<2x3xf32>) {
  return
}
