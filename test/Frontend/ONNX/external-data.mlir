// Initializers stored outside the model (data_location = EXTERNAL): all in
// one file at given offsets and lengths, or one file per tensor (in a
// subfolder, whole file). Locations are resolved against the model's
// folder; a missing file, an absolute path, a `..` component, a symbolic
// link (file or folder) and a range past the end of the file are errors
// that name the initializer and the location.
//
// RUN: %python %S/Inputs/onnx_models.py %t external_single_file external_per_tensor \
// RUN:   external_missing_file external_absolute_path external_dotdot external_symlink \
// RUN:   external_symlink_folder external_out_of_bounds external_wrong_size
// RUN: fpx-import-onnx %t/external_single_file.onnx --mlir-print-local-scope | FileCheck %s
// RUN: fpx-import-onnx %t/external_per_tensor.onnx --mlir-print-local-scope | FileCheck %s
// RUN: fpx-import-onnx %t/external_single_file.onnx --test-data-dir=%t/external_single_file-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM --implicit-check-not=max-abs-diff
// RUN: fpx-import-onnx %t/external_per_tensor.onnx --test-data-dir=%t/external_per_tensor-data \
// RUN: | fpx-opt --inline --fpx-cpu-pipeline \
// RUN: | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils \
// RUN: | FileCheck %s --check-prefix=NUM --implicit-check-not=max-abs-diff
//
// The model's folder is found from its path, wherever the tool runs.
// RUN: cd %t/weights && fpx-import-onnx ../external_single_file.onnx --print-locations=false | FileCheck %s --check-prefix=CWD
//
// RUN: not fpx-import-onnx %t/external_missing_file.onnx 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not fpx-import-onnx %t/external_absolute_path.onnx 2>&1 | FileCheck %s --check-prefix=ABSOLUTE
// RUN: not fpx-import-onnx %t/external_dotdot.onnx 2>&1 | FileCheck %s --check-prefix=DOTDOT
// RUN: not fpx-import-onnx %t/external_symlink.onnx 2>&1 | FileCheck %s --check-prefix=SYMLINK
// RUN: not fpx-import-onnx %t/external_symlink_folder.onnx 2>&1 | FileCheck %s --check-prefix=SYMLINK-FOLDER
// RUN: not fpx-import-onnx %t/external_out_of_bounds.onnx 2>&1 | FileCheck %s --check-prefix=BOUNDS
// RUN: not fpx-import-onnx %t/external_wrong_size.onnx 2>&1 | FileCheck %s --check-prefix=SIZE

// NUM-COUNT-2: max-abs-diff: 0{{$}}

// CHECK-LABEL: func.func @forward()
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [-4.000000e+00, 5.500000e+00, 2.500000e-01]]> : tensor<2x3xf32> loc("w")
// CHECK:         %[[V:.*]] = arith.constant dense<[10, -20, 30]> : tensor<3xi64> loc("v")
// CHECK:         return %[[W]], %[[V]]

// CWD: arith.constant dense<[10, -20, 30]> : tensor<3xi64>

// MISSING:        external_missing_file.onnx: error: initializer 'w' has external data in 'missing.data', but '{{.*}}missing.data' does not exist
// ABSOLUTE:       external_absolute_path.onnx: error: initializer 'w' has external data at the absolute path '/{{.*}}/weights/external_absolute_path.data'; locations must be relative to the model's folder
// DOTDOT:         external_dotdot.onnx: error: initializer 'w' has external data at 'weights/../weights/external_dotdot.data', which has a '..' component; locations must stay inside the model's folder
// SYMLINK:        external_symlink.onnx: error: initializer 'w' has external data at 'external_symlink.data', but '{{.*}}external_symlink.data' is a symbolic link, which is refused
// SYMLINK-FOLDER: external_symlink_folder.onnx: error: initializer 'w' has external data at 'linked_weights/external_symlink_folder.data', but '{{.*}}linked_weights' is a symbolic link, which is refused
// BOUNDS:         external_out_of_bounds.onnx: error: initializer 'w' has external data at bytes [16, 40) of 'external_out_of_bounds.data', which has only 24 bytes
// SIZE:           external_wrong_size.onnx: error: initializer 'w' has 24 bytes of data; its 4 elements of type 'f32' need 16
