//===- GPURunner.cpp - Running a model compiled for the GPU ---------------===//

#include "fpx/Driver/GPURunner.h"

#include "fpx/Runtime/Runtime.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/Mutex.h"

#include <type_traits>

using namespace fpx::driver;

/// The runtime calls GPUModel makes, resolved in libfpx_cuda_runtime.so.
struct fpx::driver::CudaRuntimeAPI {
  decltype(&fpxGetLastError) getLastError;
  decltype(&fpxModelLoad) modelLoad;
  decltype(&fpxModelDestroy) modelDestroy;
  decltype(&fpxModelNumInputs) modelNumInputs;
  decltype(&fpxModelNumOutputs) modelNumOutputs;
  decltype(&fpxModelInput) modelInput;
  decltype(&fpxModelOutput) modelOutput;
  decltype(&fpxModelStream) modelStream;
  decltype(&fpxModelRun) modelRun;
  decltype(&fpxMemcpyAsync) memcpyAsync;
  decltype(&fpxStreamSynchronize) streamSynchronize;
};

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}

/// Opens the library (once per process and path) and resolves every call.
llvm::Expected<const CudaRuntimeAPI *> openRuntime(const std::string &path) {
  static llvm::sys::SmartMutex<true> mutex;
  static llvm::StringMap<CudaRuntimeAPI> opened;
  llvm::sys::SmartScopedLock<true> lock(mutex);
  auto found = opened.find(path);
  if (found != opened.end())
    return &found->second;
  if (path.empty())
    return makeError("no CUDA runtime library given");
  std::string error;
  llvm::sys::DynamicLibrary library =
      llvm::sys::DynamicLibrary::getPermanentLibrary(path.c_str(), &error);
  if (!library.isValid())
    return makeError("cannot load the CUDA runtime " + path + ": " + error +
                     " (FPX builds it when CMake finds the CUDA toolkit; "
                     "running it needs the NVIDIA driver's libcuda.so.1)");
  CudaRuntimeAPI api;
  std::string missing;
  auto resolve = [&](auto &function, const char *name) {
    function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(
        library.getAddressOfSymbol(name));
    if (!function)
      missing += std::string(missing.empty() ? "" : ", ") + name;
  };
  resolve(api.getLastError, "fpxGetLastError");
  resolve(api.modelLoad, "fpxModelLoad");
  resolve(api.modelDestroy, "fpxModelDestroy");
  resolve(api.modelNumInputs, "fpxModelNumInputs");
  resolve(api.modelNumOutputs, "fpxModelNumOutputs");
  resolve(api.modelInput, "fpxModelInput");
  resolve(api.modelOutput, "fpxModelOutput");
  resolve(api.modelStream, "fpxModelStream");
  resolve(api.modelRun, "fpxModelRun");
  resolve(api.memcpyAsync, "fpxMemcpyAsync");
  resolve(api.streamSynchronize, "fpxStreamSynchronize");
  if (!missing.empty())
    return makeError(path + " lacks " + missing +
                     " (a CUDA runtime from another FPX version?)");
  return &opened.try_emplace(path, api).first->second;
}

} // namespace

GPUModel::~GPUModel() {
  if (model)
    api->modelDestroy(model);
}

llvm::Expected<std::unique_ptr<LoadedModel>>
GPUModel::load(llvm::StringRef artifactDirectory, ModelSignature signature,
               const RunnerOptions &options) {
  for (const auto *tensors : {&signature.inputs, &signature.outputs})
    for (const TensorSignature &tensor : *tensors)
      if (llvm::is_contained(tensor.shape, kDynamicSize))
        return makeError(artifactDirectory + ": '" + tensor.name +
                         "' has a dynamic shape; GPU models have static "
                         "shapes");
  llvm::Expected<const CudaRuntimeAPI *> api =
      openRuntime(options.cudaRuntimeLibrary);
  if (!api)
    return api.takeError();
  std::unique_ptr<GPUModel> result(new GPUModel());
  result->api = *api;
  result->useGraph = options.useCudaGraph;
  result->signature = std::move(signature);
  if (result->api->modelLoad(artifactDirectory.str().c_str(), &result->model))
    return makeError(result->api->getLastError());

  // The plan's buffers must be the signature's tensors.
  auto check = [&](const std::vector<TensorSignature> &tensors,
                   int64_t planCount, auto getBuffer,
                   llvm::StringRef kind) -> llvm::Error {
    if (planCount != static_cast<int64_t>(tensors.size()))
      return makeError(artifactDirectory + ": plan.json has " +
                       llvm::Twine(planCount) + " " + kind +
                       ", signature.json " + llvm::Twine(tensors.size()));
    for (auto [index, tensor] : llvm::enumerate(tensors)) {
      void *pointer = nullptr;
      size_t bytes = 0;
      if (getBuffer(result->model, index, &pointer, &bytes))
        return makeError(result->api->getLastError());
      int64_t expected = getElementSize(tensor.type);
      for (int64_t size : tensor.shape)
        expected *= size;
      if (static_cast<int64_t>(bytes) != expected)
        return makeError(artifactDirectory + ": plan.json gives '" +
                         tensor.name + "' " + llvm::Twine(bytes) +
                         " bytes, signature.json " + llvm::Twine(expected));
    }
    return llvm::Error::success();
  };
  const ModelSignature &sig = result->signature;
  if (llvm::Error error =
          check(sig.inputs, result->api->modelNumInputs(result->model),
                result->api->modelInput, "inputs"))
    return std::move(error);
  if (llvm::Error error =
          check(sig.outputs, result->api->modelNumOutputs(result->model),
                result->api->modelOutput, "outputs"))
    return std::move(error);
  return std::unique_ptr<LoadedModel>(std::move(result));
}

llvm::Expected<std::vector<HostArray>>
GPUModel::runBound(llvm::ArrayRef<const HostArray *> inputs,
                   std::chrono::nanoseconds *callTime) {
  void *stream = api->modelStream(model);
  auto failed = [&](const llvm::Twine &what) {
    return makeError(what + ": " + api->getLastError());
  };
  auto start = std::chrono::steady_clock::now();
  for (auto [index, input] : llvm::enumerate(inputs)) {
    void *pointer = nullptr;
    size_t bytes = 0;
    if (api->modelInput(model, index, &pointer, &bytes))
      return failed("input #" + llvm::Twine(index));
    if (bytes != input->data.size())
      return makeError("input '" + signature.inputs[index].name + "' has " +
                       llvm::Twine(input->data.size()) + " bytes, expected " +
                       llvm::Twine(bytes));
    if (api->memcpyAsync(pointer, input->data.data(), bytes, stream))
      return failed("copying input '" + signature.inputs[index].name + "'");
  }
  if (api->modelRun(model, useGraph) || api->streamSynchronize(stream))
    return failed("running " + signature.entry);
  if (callTime)
    *callTime = std::chrono::steady_clock::now() - start;

  std::vector<HostArray> outputs;
  for (auto [index, tensor] : llvm::enumerate(signature.outputs)) {
    HostArray &output = outputs.emplace_back(tensor.type, tensor.shape);
    void *pointer = nullptr;
    size_t bytes = 0;
    if (api->modelOutput(model, index, &pointer, &bytes) ||
        api->memcpyAsync(output.data.data(), pointer, bytes, stream))
      return failed("copying output '" + tensor.name + "'");
  }
  if (api->streamSynchronize(stream))
    return failed("copying the outputs");
  return outputs;
}
