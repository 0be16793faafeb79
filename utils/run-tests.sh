#!/usr/bin/env bash
# Installs dependencies, builds FPX and runs the whole test suite: the lit
# tests and the GoogleTest unit tests (through lit), then the frontends'
# fuzz targets for a minute each where clang-22 and its fuzzer runtime are
# installed (utils/fuzz.sh; FPX_FUZZ_SECONDS=0 builds them only). Exits
# non-zero on any failure. GPU tests (REQUIRES: cuda) run only where a GPU
# is present.
set -euo pipefail
cd "$(dirname "$0")/.."

utils/install-deps.sh
utils/build.sh
cmake --build build --target check-fpx
utils/fuzz.sh
