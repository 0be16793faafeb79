#!/usr/bin/env bash
# Builds the frontends' libFuzzer targets (test/Fuzz) in build-fuzz/ with
# clang-22, AddressSanitizer and coverage instrumentation, and runs each for
# FPX_FUZZ_SECONDS seconds (default 60; 0 builds only) from its committed
# seed corpus. Exits non-zero when a target crashes, leaks, runs out of
# memory or hangs; the input that did it is left in build-fuzz/crashes/.
# Needs Debian's clang-22 and libclang-rt-22-dev (utils/install-deps.sh
# --fuzz); without them it says so and exits 0. See docs/Testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FPX_FUZZ_SECONDS:-60}
cxx=clang++-22
if ! command -v "$cxx" >/dev/null ||
   ! ls "$("$cxx" --print-runtime-dir)"/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
  echo "fuzz: skipped (needs clang-22 and libclang-rt-22-dev: utils/install-deps.sh --fuzz)"
  exit 0
fi

start=$(date +%s)
if [ ! -f build-fuzz/build.ninja ]; then
  cmake -G Ninja -S . -B build-fuzz \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER="$cxx" \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
    -DFPX_ENABLE_FUZZERS=ON >/dev/null
fi
# Only the targets and what they link: the two frontends, not the rest.
cmake --build build-fuzz --target fpx-fuzz-stablehlo fpx-fuzz-onnx
echo "fuzz: build took $(( $(date +%s) - start )) s"
[ "$seconds" -eq 0 ] && exit 0

mkdir -p build-fuzz/crashes
status=0
for name in stablehlo onnx; do
  # New inputs go to build-fuzz/corpus/<name>; the seeds stay unchanged.
  corpus=build-fuzz/corpus/$name
  mkdir -p "$corpus"
  dict=()
  [ -f test/Fuzz/Inputs/$name.dict ] && dict=(-dict=test/Fuzz/Inputs/$name.dict)
  if ! build-fuzz/bin/fpx-fuzz-$name "${dict[@]}" \
      -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix=build-fuzz/crashes/$name- \
      "$corpus" test/Fuzz/Inputs/$name 2>build-fuzz/$name.log; then
    echo "fuzz: fpx-fuzz-$name FAILED; see build-fuzz/$name.log and build-fuzz/crashes/"
    tail -40 build-fuzz/$name.log
    status=1
  else
    echo "fuzz: fpx-fuzz-$name: $(grep -E '^stat::number_of_executed_units' build-fuzz/$name.log | awk '{print $2}') inputs in ${seconds} s, no failures"
  fi
done
exit $status
