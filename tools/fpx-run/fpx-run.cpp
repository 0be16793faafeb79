//===- fpx-run.cpp - Run a compiled FPX model ------------------------------===//
//
//   fpx-run model.fpx --input tokens=tokens.npy --output logits.npy
//
// Loads the folder fpx-compile wrote, checks every input against
// signature.json, and runs the entry on the model's target: JIT-compiled
// on the CPU, or the launch plan on the GPU through the CUDA runtime.
// Writes the outputs as .npy or .npz (docs/Drivers.md).
//
//===----------------------------------------------------------------------===//

#include "fpx/Driver/Npy.h"
#include "fpx/Driver/Runner.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace cl = llvm::cl;
using namespace fpx::driver;

namespace {

cl::OptionCategory runCategory("fpx-run options");

cl::opt<std::string> artifactPath(cl::Positional, cl::Required,
                                  cl::desc("<model.fpx>"),
                                  cl::cat(runCategory));

cl::list<std::string> inputOptions("input",
                                   cl::desc("An input of the model, as .npy"),
                                   cl::value_desc("name=file.npy"),
                                   cl::cat(runCategory));

cl::opt<std::string> outputPath(
    "output",
    cl::desc("Write the outputs to an .npy file (one output) or an .npz "
             "file (one member per output name)"),
    cl::value_desc("file"), cl::cat(runCategory));

cl::opt<unsigned> repeat("repeat",
                         cl::desc("Call the model N times and print the time "
                                  "of the calls"),
                         cl::init(1), cl::value_desc("N"),
                         cl::cat(runCategory));

cl::opt<std::string>
    device("device",
           cl::desc("Device to run on: cpu or cuda; the model must have "
                    "been compiled for it (default: the model's target)"),
           cl::value_desc("cpu|cuda"), cl::cat(runCategory));

cl::opt<bool> cudaGraph("cuda-graph",
                        cl::desc("GPU models: replay the launches as one "
                                 "CUDA graph after the first call"),
                        cl::init(true), cl::cat(runCategory));

cl::list<std::string> extraLibraries(
    "shared-libs",
    cl::desc("More shared libraries the compiled code may call into"),
    cl::CommaSeparated, cl::value_desc("file.so,..."), cl::cat(runCategory));

cl::opt<unsigned> optLevel("O", cl::desc("JIT optimization level (0-3)"),
                           cl::Prefix, cl::init(2), cl::cat(runCategory));

int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "fpx-run") << message << '\n';
  return 1;
}

/// Anchor for getMainExecutable.
void anchor() {}

/// A runtime library of FPX, which the build puts in ../lib next to bin/.
std::string getRuntimeLibrary(const char *argv0, llvm::StringRef name) {
  std::string executable = llvm::sys::fs::getMainExecutable(
      argv0, reinterpret_cast<void *>(&anchor));
  llvm::SmallString<256> runtime(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(executable)));
  llvm::sys::path::append(runtime, "lib", name);
  return std::string(runtime);
}

double toMilliseconds(std::chrono::nanoseconds time) {
  return std::chrono::duration<double, std::milli>(time).count();
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "Run a model compiled by fpx-compile\n");

  if (device.getNumOccurrences() && device != "cpu" && device != "cuda")
    return fail("--device=" + device + ": expected cpu or cuda");
  if (repeat == 0)
    return fail("--repeat must be at least 1");
  if (optLevel > 3)
    return fail("-O" + llvm::Twine(optLevel) + ": expected -O0 to -O3");
  llvm::StringRef outputExtension = llvm::sys::path::extension(outputPath);
  if (!outputPath.empty() && outputExtension != ".npy" &&
      outputExtension != ".npz")
    return fail("--output '" + outputPath + "' must end in .npy or .npz");

  std::vector<NamedInput> inputs;
  for (llvm::StringRef option : inputOptions) {
    auto [name, file] = option.split('=');
    if (name.empty() || file.empty())
      return fail("--input '" + option + "': expected <name>=<file.npy>");
    llvm::Expected<HostArray> array = readNpy(file);
    if (!array)
      return fail(toString(array.takeError()));
    inputs.push_back({name.str(), std::move(*array), "from " + file.str()});
  }

  RunnerOptions options;
  // Compiled CPU models call MLIR's C runner utilities and FPX's CPU
  // runtime. A copy of the utilities beside the tool (a packed install,
  // utils/pack-device-tools.sh) goes before the one FPX was built with.
  std::string runnerUtils =
      getRuntimeLibrary(argv[0], "libmlir_c_runner_utils.so");
  if (!llvm::sys::fs::exists(runnerUtils))
    runnerUtils = FPX_MLIR_C_RUNNER_UTILS;
  options.sharedLibraries = {runnerUtils,
                             getRuntimeLibrary(argv[0],
                                               "libfpx_cpu_runtime.so")};
  llvm::append_range(options.sharedLibraries, extraLibraries);
  options.optLevel = optLevel;
  options.cudaRuntimeLibrary =
      getRuntimeLibrary(argv[0], "libfpx_cuda_runtime.so");
  options.useCudaGraph = cudaGraph;
  options.device = device;
  auto loadStart = std::chrono::steady_clock::now();
  llvm::Expected<std::unique_ptr<LoadedModel>> model =
      loadModel(artifactPath, options);
  if (!model)
    return fail(toString(model.takeError()));
  std::chrono::nanoseconds loadTime =
      std::chrono::steady_clock::now() - loadStart;
  const ModelSignature &signature = (*model)->getSignature();

  llvm::Expected<std::vector<const HostArray *>> bound =
      (*model)->bindInputs(inputs);
  if (!bound)
    return fail(toString(bound.takeError()));
  if (!outputPath.empty() && signature.outputs.empty())
    return fail("the model has no outputs to write to " + outputPath);
  if (outputExtension == ".npy" && signature.outputs.size() != 1)
    return fail("the model has " + llvm::Twine(signature.outputs.size()) +
                " outputs; write them to an .npz file");

  std::vector<HostArray> outputs;
  std::vector<std::chrono::nanoseconds> callTimes(repeat);
  for (std::chrono::nanoseconds &callTime : callTimes) {
    llvm::Expected<std::vector<HostArray>> result =
        (*model)->run(*bound, &callTime);
    if (!result)
      return fail(toString(result.takeError()));
    outputs = std::move(*result);
  }

  if (outputExtension == ".npy") {
    if (llvm::Error error = writeNpy(outputPath, outputs.front()))
      return fail(toString(std::move(error)));
  } else if (outputExtension == ".npz") {
    std::vector<std::pair<std::string, const HostArray *>> named;
    for (auto [tensor, array] : llvm::zip_equal(signature.outputs, outputs))
      named.emplace_back(tensor.name, &array);
    if (llvm::Error error = writeNpz(outputPath, named))
      return fail(toString(std::move(error)));
  } else {
    for (auto [tensor, array] : llvm::zip_equal(signature.outputs, outputs))
      llvm::outs() << tensor.name << ": " << getElementTypeName(array.type)
                   << " " << formatShape(array.shape) << '\n';
  }

  if (repeat.getNumOccurrences()) {
    llvm::sort(callTimes);
    std::chrono::nanoseconds total{};
    for (std::chrono::nanoseconds time : callTimes)
      total += time;
    bool onGPU = llvm::StringRef(signature.target).starts_with("cuda");
    llvm::outs() << llvm::format(onGPU ? "load: %.1f ms\n"
                                       : "load and JIT compile: %.1f ms\n",
                                 toMilliseconds(loadTime))
                 << llvm::format("@%s, %u calls: min %.3f ms, median %.3f "
                                 "ms, mean %.3f ms, max %.3f ms\n",
                                 signature.entry.c_str(), unsigned(repeat),
                                 toMilliseconds(callTimes.front()),
                                 toMilliseconds(callTimes[repeat / 2]),
                                 toMilliseconds(total) / repeat,
                                 toMilliseconds(callTimes.back()));
  }
  return 0;
}
