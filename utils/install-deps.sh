#!/usr/bin/env bash
# Installs the Debian packages FPX builds and tests with, if any are missing.
# --fuzz also installs clang and its fuzzer/sanitizer runtimes, which only
# utils/fuzz.sh uses (CI passes it; see docs/Testing.md).
set -euo pipefail

packages=(
  cmake ninja-build ccache g++ python3
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  libgtest-dev libzip-dev
  # The GPU runtime reads plan.json and safetensors headers with it.
  nlohmann-json3-dev
  # ONNX frontend: protobuf and ONNX's generated C++ messages; the tests build
  # their models with Debian's Python onnx and numpy.
  libonnx-dev libprotobuf-dev protobuf-compiler python3-onnx python3-numpy
)
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-22 libclang-rt-22-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
