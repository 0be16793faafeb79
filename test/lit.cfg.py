# -*- Python -*-
import os
import sys
import shutil
import subprocess

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "FPX"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.fpx_obj_root, "test")
config.excludes = ["Inputs", "Unit", "CMakeLists.txt", "lit.cfg.py",
                   "lit.site.cfg.py"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", ".so"))
llvm_config.use_default_substitutions()

# The CPU runner path: Debian's mlir-runner plus the runner-utils libraries
# and FPX's own CPU runtime (weight quantization at run time).
config.substitutions.append(
    ("%mlir_c_runner_utils",
     os.path.join(config.mlir_lib_dir, "libmlir_c_runner_utils.so")))
config.substitutions.append(
    ("%mlir_runner_utils",
     os.path.join(config.mlir_lib_dir, "libmlir_runner_utils.so")))
config.substitutions.append(
    ("%fpx_cpu_runtime",
     os.path.join(config.fpx_lib_dir, "libfpx_cpu_runtime.so")))

# LLVM's test utilities (`not`, `count`, ...) at the start of a RUN line.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.fpx_tools_dir, config.llvm_tools_dir]
# The tools packed for a GPU machine without LLVM (utils/
# pack-device-tools.sh) have no mlir-runner; only GPU tests run there.
runner_unresolved = ("ignore" if getattr(config, "fpx_packed_tools", False)
                     else "fatal")
tools = ["fpx-opt", "fpx-import-onnx", "fpx-compile", "fpx-run",
         "mlir-translate", "llc",
         ToolSubst("mlir-runner", unresolved=runner_unresolved)]
llvm_config.add_tool_substitutions(tools, tool_dirs)
# LLVM's own compilers, for tests that turn MLIR into host objects.
if all(shutil.which(t, path=config.llvm_tools_dir)
       for t in ("mlir-translate", "llc")):
    config.available_features.add("llvm-tools")


def gpu_present():
    """True when the CUDA driver sees a GPU (not merely a toolkit)."""
    smi = shutil.which("nvidia-smi")
    if not smi:
        return False
    try:
        out = subprocess.run([smi, "-L"], capture_output=True, text=True,
                             timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and "GPU" in out.stdout


if config.fpx_has_cuda_toolkit and gpu_present():
    config.available_features.add("cuda")
    # GPU checks drive kernels from Python with PyTorch and NumPy.
    if subprocess.run([sys.executable, "-c", "import torch, numpy"],
                      capture_output=True).returncode == 0:
        config.available_features.add("torch")
if config.fpx_has_cuda_toolkit:
    config.available_features.add("cuda-toolkit")

config.substitutions.append(("%fpx_lib_dir", config.fpx_lib_dir))
config.substitutions.append(("%python", sys.executable))
# The fpx Python package of this source tree (python/fpx).
config.substitutions.append(
    ("%fpx_python_dir",
     os.path.join(os.path.dirname(config.test_source_root), "python")))
config.substitutions.append(("%fpx_tools_dir", config.fpx_tools_dir))
config.substitutions.append(("%cxx", shutil.which("c++") or "g++"))
if config.fpx_has_cuda_toolkit:
    config.substitutions.append(
        ("%ptxas", os.path.join(config.cuda_bin_dir, "ptxas")))
