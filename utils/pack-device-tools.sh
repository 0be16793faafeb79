#!/usr/bin/env bash
# Packs FPX's tools for a GPU machine that has the CUDA toolkit but no
# LLVM/MLIR (the device machine): the tools are relinked against LLVM's and
# MLIR's static archives (one shared library of the code they use instead of
# ~260 MB of libLLVM and libMLIR), the few shared libraries such a machine may
# lack are copied beside them, and lit, FileCheck, `not` and `count` come along so
# that the lit suite's `REQUIRES: cuda` tests run there unchanged.
#
#   utils/pack-device-tools.sh [OUT]        (default OUT: .device/tools)
#
# OUT holds tools.tar.xz (~40 MB) and unpack-and-lit.sh; on the device:
#   bash OUT/unpack-and-lit.sh CUDA_RUNTIME_LIB_DIR [PATH under test/ ...]
# unpacks into /tmp/fpx-tools, writes a lit site config for the checkout it
# runs in and runs lit on test/ (or the given paths under it) with
# $PYTHON (default python3, which needs numpy).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v patchelf >/dev/null || { echo "error: needs patchelf (apt-get install patchelf)" >&2; exit 1; }
OUT=${1:-.device/tools}
LLVM_LIB=/usr/lib/llvm-22/lib
TOOLS=(fpx-opt fpx-compile fpx-run fpx-import-onnx)

cmake --build build --target "${TOOLS[@]}" fpx_cpu_runtime >/dev/null

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/bin" "$STAGE/lib" "$STAGE/llvm/bin" "$OUT"

# Archives the tools may need; test and tablegen libraries are never linked.
mapfile -t ARCHIVES < <(ls "$LLVM_LIB"/libMLIR*.a "$LLVM_LIB"/libLLVM*.a |
  grep -v -E 'Test|TableGen|Tblgen|CAPI|MLIRReduce|Lsp|PDLL|Mlir(Opt|Translate|Reduce)Main')

# One shared library with the FPX, MLIR and LLVM code the four tools use
# (static tools would each repeat most of it), linked from the archives:
# FPX's whole, LLVM's and MLIR's as far as the tools' objects need them.
cd build
objects=()
for tool in "${TOOLS[@]}"; do
  objects+=("tools/$tool/CMakeFiles/$tool.dir/$tool.cpp.o")
done
mapfile -t needed < <(nm -u --format=just-symbols "${objects[@]}" | sort -u)
undefined=()
for sym in "${needed[@]}"; do undefined+=("-Wl,-u,$sym"); done
# Export only what the tools call, so that --gc-sections drops the rest.
{ echo '{ global:'; printf '  %s;\n' "${needed[@]}"; echo 'local: *; };'; } >"$STAGE/exports.map"
mapfile -t FPX_ARCHIVES < <(find lib -name 'libFPX*.a' | sort)
c++ -shared -o "$STAGE/lib/libfpx_tools.so" -Wl,-soname,libfpx_tools.so -Wl,--gc-sections "${undefined[@]}" \
  -Wl,--version-script="$STAGE/exports.map" \
  -Wl,--whole-archive "${FPX_ARCHIVES[@]}" -Wl,--no-whole-archive \
  -Wl,--start-group "${ARCHIVES[@]}" -Wl,--end-group \
  /usr/lib/x86_64-linux-gnu/libzip.so /usr/lib/x86_64-linux-gnu/libonnx_proto.so \
  /usr/lib/x86_64-linux-gnu/libprotobuf.so -l:libzstd.so.1 -lz 2>&1 | grep -v -i warning || true
for tool in "${TOOLS[@]}"; do
  c++ -o "$STAGE/bin/$tool" "tools/$tool/CMakeFiles/$tool.dir/$tool.cpp.o" \
    -Wl,-rpath,'$ORIGIN/../lib' "$STAGE/lib/libfpx_tools.so"
done
cd ..
strip "$STAGE"/bin/* "$STAGE/lib/libfpx_tools.so"

cp build/lib/libfpx_cpu_runtime.so "$STAGE/lib/"
# Shared libraries of Debian's that an Ubuntu CUDA image may not have,
# under the names the tools ask for.
for lib in libzip.so libprotobuf.so libonnx_proto.so libz3.so.4; do
  file=$(realpath "/usr/lib/x86_64-linux-gnu/$lib")
  cp "$file" "$STAGE/lib/$(objdump -p "$file" | awk '/SONAME/ {print $2}')"
done
# fpx-run hands MLIR's C runner utilities to the JIT of CPU models. They
# need only the f16 helpers; their links to libMLIR/libLLVM (for APFloat
# wrappers they do not call) are dropped.
cp "$LLVM_LIB/libmlir_c_runner_utils.so.22.1" "$STAGE/lib/libmlir_c_runner_utils.so"
cp "$LLVM_LIB/libmlir_float16_utils.so.22.1" "$STAGE/lib/"
for lib in "$STAGE/lib/libmlir_c_runner_utils.so" "$STAGE/lib/libmlir_float16_utils.so.22.1"; do
  for needed in libMLIR.so.22.1 libLLVM.so.22.1 libmlir_apfloat_wrappers.so.22.1; do
    patchelf --remove-needed "$needed" "$lib"
  done
done
cp /usr/lib/llvm-22/bin/{FileCheck,not,count} "$STAGE/llvm/bin/"
# Everything else they load must be a base library of any glibc system.
for file in "$STAGE"/bin/* "$STAGE"/lib/* "$STAGE"/llvm/bin/*; do
  for needed in $(objdump -p "$file" | awk '/NEEDED/ {print $2}'); do
    case $needed in
      libc.so.*|libm.so.*|libstdc++.so.*|libgcc_s.so.*|ld-linux-*|libz.so.*|libzstd.so.*|libbz2.so.*|libcrypto.so.*) ;;
      *) [ -e "$STAGE/lib/$needed" ] || { echo "error: $file needs $needed, not packed" >&2; exit 1; } ;;
    esac
  done
done
cp -r /usr/lib/llvm-22/utils/lit "$STAGE/lit"
rm "$STAGE/exports.map"
XZ_OPT=-T2 tar -C "$STAGE" -cJf "$OUT/tools.tar.xz" .

cat >"$OUT/unpack-and-lit.sh" <<'EOF'
#!/usr/bin/env bash
# Written by utils/pack-device-tools.sh; run from the checkout's root.
set -euo pipefail
RUNTIME_LIB_DIR=$(realpath "$1"); shift
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$PWD
T=/tmp/fpx-tools
rm -rf "$T" && mkdir -p "$T" && tar -C "$T" -xJf "$HERE/tools.tar.xz"
# fpx-run opens the runtime libraries from ../lib beside its binary; the
# ones built here replace the packed CPU runtime (the CUDA runtime links
# it, both built by this machine's compiler).
cp "$RUNTIME_LIB_DIR"/libfpx_cuda_runtime.so "$RUNTIME_LIB_DIR"/libfpx_cpu_runtime.so "$T/lib/"
export LD_LIBRARY_PATH=$T/lib:$RUNTIME_LIB_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export FPX_LIB_DIR=$RUNTIME_LIB_DIR
CUDA_BIN=$(dirname "$(command -v ptxas || echo /usr/local/cuda/bin/ptxas)")
mkdir -p "$T/obj/test"
cat >"$T/obj/test/lit.site.cfg.py" <<SITE
config.llvm_tools_dir = "$T/llvm/bin"
config.mlir_lib_dir = "$T/lib"
config.fpx_obj_root = "$T/obj"
config.fpx_tools_dir = "$T/bin"
config.fpx_lib_dir = "$T/lib"
config.fpx_has_cuda_toolkit = True
config.fpx_packed_tools = True
config.cuda_bin_dir = "$CUDA_BIN"
import lit.llvm
lit.llvm.initialize(lit_config, config)
lit_config.load_config(config, "$ROOT/test/lit.cfg.py")
SITE
# lit finds the site config above the paths it is given and maps them to
# the sources; the arguments are paths under test/ (default: all of it).
[ $# -gt 0 ] || set -- .
args=()
for path in "$@"; do
  case $path in -*) args+=("$path") ;; *) args+=("$T/obj/test/$path") ;; esac
done
PYTHONPATH=$T/lit exec "${PYTHON:-python3}" -c "from lit.main import main; main()" -v "${args[@]}"
EOF
ls -la "$OUT"
