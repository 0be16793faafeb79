#!/usr/bin/env bash
# Installs dependencies, builds FPX and runs the whole test suite: the lit
# tests and the GoogleTest unit tests (through lit). Exits non-zero on any
# failure. GPU tests (REQUIRES: cuda) run only where a GPU is present.
set -euo pipefail
cd "$(dirname "$0")/.."

utils/install-deps.sh
utils/build.sh
cmake --build build --target check-fpx
