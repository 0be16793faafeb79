#!/usr/bin/env bash
# Installs dependencies, builds FPX, then compiles examples/linear-silu.mlir
# with its weights quantized to FP6 and runs it on the CPU reference path,
# printing the result and its error against the unquantized layer.
set -euo pipefail
cd "$(dirname "$0")/.."

utils/install-deps.sh
utils/build.sh

lib=/usr/lib/llvm-22/lib
echo "== examples/linear-silu.mlir, FP6 weights, CPU reference path"
build/bin/fpx-opt examples/linear-silu.mlir \
    --fpx-quantize-weights="format=fp6 skip=reference" --fpx-cpu-pipeline |
  /usr/lib/llvm-22/bin/mlir-runner -e main -entry-point-result=void \
    -shared-libs="$lib/libmlir_c_runner_utils.so,$lib/libmlir_runner_utils.so,build/lib/libfpx_cpu_runtime.so"

echo "== tiny LLaMA (HF export, ONNX), FP6 weights: CPU, and GPU if present"
/usr/bin/python3 examples/run_llama.py build
