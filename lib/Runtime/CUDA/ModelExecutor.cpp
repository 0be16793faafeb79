//===- ModelExecutor.cpp - Running a GPU model's plan.json ---------------===//
//
// The executor of models compiled with `fpx-compile --target=cuda`: reads
// plan.json (include/fpx/Driver/GPUPlan.h), loads the kernel binaries,
// uploads the weights the plan reads, resolves every pointer of every step
// to a device address once, and replays the steps on a stream, optionally
// as one CUDA graph. fpx-run and the Python package both run GPU models
// through it. It is a client of the runtime's own C API (launches, memory,
// graphs), so every CUDA error still names the kernel.
//
// The runtime is built without exceptions in FPX's build (LLVM's flags):
// JSON is parsed with exceptions off and every field is type-checked before
// it is read, so a malformed plan is an error message, never an abort.
//
//===----------------------------------------------------------------------===//

#include "fpx/Runtime/Runtime.h"

#include "../Error.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using fpx::runtime::fail;
using fpx::runtime::succeed;
using Json = nlohmann::json;

namespace {

constexpr int64_t kPlanVersion = 2;

struct LaunchStep {
  FpxModule *module = nullptr;
  std::string kernel;
  int64_t grid[3] = {1, 1, 1};
  int64_t block[3] = {1, 1, 1};
  int64_t sharedBytes = 0;
  /// Launched as a programmatic dependent of the previous step.
  bool dependent = false;
  /// The kernel's parameters, one 8-byte slot each, pointers resolved.
  std::vector<int64_t> args;
};

struct QMatmulStep {
  FpxModule *module = nullptr;
  std::string kernel, reduceKernel, dequantKernel;
  /// The launch facts; its kernel names are filled in by `getLaunch`, as
  /// steps move while the plan is read.
  FpxQMatmulLaunch launch{};

  FpxQMatmulLaunch getLaunch() const {
    FpxQMatmulLaunch result = launch;
    result.kernel = kernel.c_str();
    result.reduceKernel = reduceKernel.empty() ? nullptr : reduceKernel.c_str();
    result.dequantKernel =
        dequantKernel.empty() ? nullptr : dequantKernel.c_str();
    return result;
  }
  void *x = nullptr, *words = nullptr, *scales = nullptr, *bias = nullptr,
       *y = nullptr;
  int64_t numWords = 0, m = 0;
};

struct Step {
  std::string location;
  std::optional<LaunchStep> launch;
  std::optional<QMatmulStep> qmatmul;

  const std::string &kernelName() const {
    return launch ? launch->kernel : qmatmul->kernel;
  }
};

struct Buffer {
  char *pointer = nullptr;
  size_t bytes = 0;
};

/// Reads plan.json into an FpxModel, failing with "<plan.json>: <where>:
/// <what>" at the first field that is missing or has the wrong type.
class PlanReader {
public:
  explicit PlanReader(std::string path) : path(std::move(path)) {}

  int error(const std::string &where, const std::string &what) const {
    return fail(path + ": " + where + ": " + what);
  }

  const Json *member(const Json &object, const char *key,
                     const std::string &where) const {
    if (!object.is_object()) {
      error(where, "expected an object");
      return nullptr;
    }
    auto it = object.find(key);
    if (it == object.end()) {
      error(where, std::string("missing \"") + key + "\"");
      return nullptr;
    }
    return &*it;
  }

  bool getInt(const Json &object, const char *key, const std::string &where,
              int64_t &result) const {
    return get(object, key, where, &Json::is_number_integer, "an integer",
               result);
  }

  bool getString(const Json &object, const char *key, const std::string &where,
                 std::string &result) const {
    return get(object, key, where, &Json::is_string, "a string", result);
  }

  /// A boolean that may be absent (then `result` stays as it is).
  bool getOptionalBool(const Json &object, const char *key,
                       const std::string &where, bool &result) const {
    if (!object.is_object() || !object.contains(key))
      return true;
    return get(object, key, where, &Json::is_boolean, "a boolean", result);
  }

  const Json *getArray(const Json &object, const char *key,
                       const std::string &where) const {
    const Json *value = member(object, key, where);
    if (value && !value->is_array()) {
      error(where, std::string("\"") + key + "\" must be an array");
      return nullptr;
    }
    return value;
  }

  const std::string path;

private:
  /// `key` of `object`, which `isType` must accept, as a T.
  template <typename T>
  bool get(const Json &object, const char *key, const std::string &where,
           bool (Json::*isType)() const noexcept, const char *typeName,
           T &result) const {
    const Json *value = member(object, key, where);
    if (!value)
      return false;
    if (!(value->*isType)()) {
      error(where, std::string("\"") + key + "\" must be " + typeName);
      return false;
    }
    result = value->get<T>();
    return true;
  }
};

/// safetensors: an 8-byte little-endian header size, a JSON header
/// {name: {"dtype", "shape", "data_offsets": [begin, end]}}, the data.
struct SafetensorsIndex {
  std::ifstream file;
  uint64_t dataStart = 0, dataBytes = 0;
  Json header;
};

} // namespace

struct FpxModel {
  std::string directory;
  std::map<std::string, FpxModule *> modules;
  std::vector<void *> allocations;
  std::vector<Buffer> inputs;
  std::vector<Buffer> outputs;
  std::map<std::string, Buffer> weights;
  Buffer arena;
  void *workspace = nullptr;
  void *stream = nullptr;
  std::vector<Step> steps;
  FpxGraph *graph = nullptr;
  bool captureFailed = false;
  std::string graphError;

  ~FpxModel() {
    if (stream)
      fpxStreamSynchronize(stream);
    fpxGraphDestroy(graph);
    fpxStreamDestroy(stream);
    for (void *pointer : allocations)
      fpxDeviceFree(pointer);
    for (auto &entry : modules)
      fpxModuleUnload(entry.second);
  }

  int allocate(size_t bytes, Buffer &buffer) {
    void *pointer = nullptr;
    // One byte at least, so that every buffer has a distinct address.
    if (fpxDeviceAlloc(bytes ? bytes : 1, &pointer))
      return 1;
    allocations.push_back(pointer);
    buffer.pointer = static_cast<char *>(pointer);
    buffer.bytes = bytes;
    return 0;
  }

  std::string pathOf(const std::string &file) const {
    return directory + "/" + file;
  }
};

namespace {

/// File names in plan.json must stay inside the artifact folder.
bool isPlainFileName(const std::string &name) {
  return !name.empty() && name.find('/') == std::string::npos &&
         name != "." && name != "..";
}

int readSafetensorsIndex(const std::string &path, SafetensorsIndex &index) {
  index.file.open(path, std::ios::binary);
  if (!index.file)
    return fail("cannot open " + path);
  unsigned char sizeBytes[8];
  if (!index.file.read(reinterpret_cast<char *>(sizeBytes), 8))
    return fail(path + ": not a safetensors file (truncated)");
  uint64_t headerBytes = 0;
  for (int i = 7; i >= 0; --i)
    headerBytes = headerBytes << 8 | sizeBytes[i];
  index.file.seekg(0, std::ios::end);
  uint64_t fileBytes = static_cast<uint64_t>(index.file.tellg());
  if (headerBytes > fileBytes - 8)
    return fail(path + ": not a safetensors file (header size " +
                std::to_string(headerBytes) + " past the end)");
  std::string text(headerBytes, '\0');
  index.file.seekg(8);
  index.file.read(text.data(), static_cast<std::streamsize>(headerBytes));
  index.header = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (index.header.is_discarded() || !index.header.is_object())
    return fail(path + ": invalid safetensors header");
  index.dataStart = 8 + headerBytes;
  index.dataBytes = fileBytes - index.dataStart;
  return 0;
}

/// Copies tensor `name` of the safetensors file to a new device buffer.
int uploadWeight(FpxModel &model, SafetensorsIndex &index,
                 const std::string &path, const std::string &name) {
  auto it = index.header.find(name);
  if (it == index.header.end() || name == "__metadata__")
    return fail(model.directory + ": the plan reads weight '" + name +
                "', which weights.safetensors lacks");
  const Json *offsets = it->is_object() && it->contains("data_offsets")
                            ? &(*it)["data_offsets"]
                            : nullptr;
  if (!offsets || !offsets->is_array() || offsets->size() != 2 ||
      !(*offsets)[0].is_number_unsigned() ||
      !(*offsets)[1].is_number_unsigned())
    return fail(path + ": tensor '" + name + "' has no valid data_offsets");
  uint64_t begin = (*offsets)[0].get<uint64_t>();
  uint64_t end = (*offsets)[1].get<uint64_t>();
  if (begin > end || end > index.dataBytes)
    return fail(path + ": tensor '" + name + "' lies outside the file");
  std::vector<char> host(end - begin);
  index.file.clear();
  index.file.seekg(static_cast<std::streamoff>(index.dataStart + begin));
  if (!index.file.read(host.data(), static_cast<std::streamsize>(host.size())))
    return fail(path + ": cannot read tensor '" + name + "'");
  Buffer &buffer = model.weights[name];
  if (model.allocate(host.size(), buffer) ||
      fpxMemcpyAsync(buffer.pointer, host.data(), host.size(), nullptr))
    return 1;
  // The host copy dies here: the (pageable) copy must have completed.
  return fpxStreamSynchronize(nullptr);
}

/// Every weight name the plan's pointers read.
void collectWeights(const Json &value, std::vector<std::string> &names) {
  if (value.is_object()) {
    auto buffer = value.find("buffer");
    auto name = value.find("name");
    if (buffer != value.end() && *buffer == "weight" && name != value.end() &&
        name->is_string())
      names.push_back(name->get<std::string>());
    for (const Json &member : value)
      collectWeights(member, names);
  } else if (value.is_array()) {
    for (const Json &element : value)
      collectWeights(element, names);
  }
}

/// The device address of a plan pointer, checked to lie in its buffer.
int resolvePointer(const FpxModel &model, const PlanReader &reader,
                   const Json &pointer, const std::string &where,
                   void *&address) {
  std::string kind;
  int64_t offset = 0;
  if (!reader.getString(pointer, "buffer", where, kind) ||
      !reader.getInt(pointer, "offset", where, offset))
    return 1;
  const Buffer *buffer = nullptr;
  std::string name;
  if (kind == "arena") {
    buffer = &model.arena;
    name = "the arena";
  } else if (kind == "input") {
    int64_t index = 0;
    if (!reader.getInt(pointer, "index", where, index))
      return 1;
    if (index < 0 || index >= static_cast<int64_t>(model.inputs.size()))
      return reader.error(where, "input #" + std::to_string(index) +
                                     " does not exist");
    buffer = &model.inputs[index];
    name = "input #" + std::to_string(index);
  } else if (kind == "weight") {
    if (!reader.getString(pointer, "name", where, name))
      return 1;
    auto weight = model.weights.find(name);
    if (weight == model.weights.end())
      return reader.error(where, "weight '" + name + "' was not loaded");
    buffer = &weight->second;
    name = "weight '" + name + "'";
  } else {
    return reader.error(where, "unknown buffer kind '" + kind + "'");
  }
  // One past the end is a valid address (an empty view at the end).
  if (offset < 0 || static_cast<uint64_t>(offset) > buffer->bytes)
    return reader.error(where, "offset " + std::to_string(offset) +
                                   " lies outside " + name + " (" +
                                   std::to_string(buffer->bytes) + " bytes)");
  address = buffer->pointer + offset;
  return 0;
}

int readLaunchStep(FpxModel &model, const PlanReader &reader, const Json &json,
                   const std::string &where, LaunchStep &step) {
  std::string binary;
  if (!reader.getString(json, "binary", where, binary) ||
      !reader.getString(json, "kernel", where, step.kernel) ||
      !reader.getInt(json, "shared_bytes", where, step.sharedBytes) ||
      !reader.getOptionalBool(json, "dependent_launch", where, step.dependent))
    return 1;
  auto module = model.modules.find(binary);
  if (module == model.modules.end())
    return reader.error(where, "unknown binary '" + binary + "'");
  step.module = module->second;
  for (auto [key, shape] : {std::pair{"grid", step.grid},
                            std::pair{"block", step.block}}) {
    const Json *sizes = reader.getArray(json, key, where);
    if (!sizes)
      return 1;
    if (sizes->size() != 3)
      return reader.error(where, std::string("\"") + key +
                                     "\" must have 3 sizes");
    for (int i = 0; i < 3; ++i) {
      if (!(*sizes)[i].is_number_integer())
        return reader.error(where, std::string("\"") + key +
                                       "\" must hold integers");
      shape[i] = (*sizes)[i].get<int64_t>();
    }
  }
  const Json *args = reader.getArray(json, "args", where);
  if (!args)
    return 1;
  for (const Json &slot : *args) {
    std::string slotWhere = where + ", argument " +
                            std::to_string(step.args.size());
    if (!slot.is_object() || slot.size() != 1)
      return reader.error(slotWhere, "expected one of \"pointer\", \"i64\", "
                                     "\"i32\", \"bits\"");
    const std::string &kind = slot.begin().key();
    const Json &value = slot.begin().value();
    if (kind == "pointer") {
      void *address = nullptr;
      if (resolvePointer(model, reader, value, slotWhere, address))
        return 1;
      step.args.push_back(reinterpret_cast<int64_t>(address));
    } else if ((kind == "i64" || kind == "i32" || kind == "bits") &&
               value.is_number_integer()) {
      step.args.push_back(value.get<int64_t>());
    } else {
      return reader.error(slotWhere, "unknown kernel argument \"" + kind +
                                         "\" (or not an integer)");
    }
  }
  return 0;
}

int typeCode(const PlanReader &reader, const std::string &where,
             const std::string &type, int64_t &code) {
  if (type == "f16")
    code = 0;
  else if (type == "bf16")
    code = 1;
  else if (type == "f32")
    code = 2;
  else
    return reader.error(where, "unknown element type '" + type + "'");
  return 0;
}

int readQMatmulStep(FpxModel &model, const PlanReader &reader,
                    const Json &json, const std::string &where,
                    QMatmulStep &step) {
  std::string binary;
  if (!reader.getString(json, "binary", where, binary))
    return 1;
  auto module = model.modules.find(binary);
  if (module == model.modules.end())
    return reader.error(where, "unknown binary '" + binary + "'");
  step.module = module->second;
  const Json *facts = reader.member(json, "launch", where);
  if (!facts)
    return 1;
  std::string factsWhere = where + ", launch";
  FpxQMatmulLaunch &launch = step.launch;
  std::string activationType, resultType;
  if (!reader.getString(*facts, "kernel", factsWhere, step.kernel) ||
      !reader.getInt(*facts, "n", factsWhere, launch.n) ||
      !reader.getInt(*facts, "k", factsWhere, launch.k) ||
      !reader.getInt(*facts, "m", factsWhere, step.m) ||
      !reader.getInt(*facts, "num_words", factsWhere, step.numWords) ||
      !reader.getInt(*facts, "grid_x", factsWhere, launch.gridX) ||
      !reader.getInt(*facts, "block_x", factsWhere, launch.blockX) ||
      !reader.getInt(*facts, "split_k", factsWhere, launch.splitK) ||
      !reader.getInt(*facts, "tokens_per_cta", factsWhere,
                     launch.tokensPerCTA) ||
      !reader.getInt(*facts, "dynamic_shared_bytes", factsWhere,
                     launch.dynamicSharedBytes) ||
      !reader.getString(*facts, "activation_type", factsWhere,
                        activationType) ||
      !reader.getString(*facts, "result_type", factsWhere, resultType) ||
      typeCode(reader, factsWhere, activationType, launch.activationType) ||
      typeCode(reader, factsWhere, resultType, launch.resultType))
    return 1;
  // (Optional: plans of GEMMs compiled without it have no such key.)
  bool dependent = false;
  if (!reader.getOptionalBool(*facts, "dependent_launch", factsWhere,
                              dependent))
    return 1;
  launch.dependentLaunch = dependent;
  for (auto [key, name] : {std::pair{"reduce_kernel", &step.reduceKernel},
                           std::pair{"dequant_kernel", &step.dequantKernel}}) {
    auto it = facts->find(key);
    if (it == facts->end() || it->is_null())
      continue;
    if (!it->is_string())
      return reader.error(factsWhere,
                          std::string("\"") + key + "\" must be a string");
    *name = it->get<std::string>();
  }

  for (auto [key, address] :
       {std::pair{"x", &step.x}, std::pair{"words", &step.words},
        std::pair{"scales", &step.scales}, std::pair{"y", &step.y},
        std::pair{"bias", &step.bias}}) {
    const Json *pointer = reader.member(json, key, where);
    if (!pointer)
      return 1;
    if (pointer->is_null() && std::strcmp(key, "bias") == 0)
      continue;
    if (resolvePointer(model, reader, *pointer, where + ", \"" + key + "\"",
                       *address))
      return 1;
  }
  return 0;
}

int loadModel(FpxModel &model) {
  PlanReader reader(model.pathOf("plan.json"));
  std::ifstream file(reader.path);
  if (!file)
    return fail("cannot read " + reader.path + " (is " + model.directory +
                " an artifact of fpx-compile --target=cuda?)");
  std::string text((std::istreambuf_iterator<char>(file)),
                   std::istreambuf_iterator<char>());
  Json plan = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (plan.is_discarded())
    return fail(reader.path + ": invalid JSON");
  std::string format;
  int64_t version = 0, arenaBytes = 0;
  if (!reader.getString(plan, "format", "top level", format) ||
      !reader.getInt(plan, "version", "top level", version))
    return 1;
  if (format != "fpx-gpu-plan" || version != kPlanVersion)
    return fail(reader.path + ": not an FPX GPU plan of version " +
                std::to_string(kPlanVersion) + " (format '" + format +
                "', version " + std::to_string(version) +
                "); compile the model again with this FPX");
  if (!reader.getInt(plan, "arena_bytes", "top level", arenaBytes))
    return 1;
  if (arenaBytes < 0)
    return reader.error("top level", "negative arena_bytes");

  const Json *binaries = reader.member(plan, "binaries", "top level");
  if (!binaries)
    return 1;
  if (!binaries->is_object())
    return reader.error("top level", "\"binaries\" must be an object");
  for (const auto &[name, fileName] : binaries->items()) {
    if (!fileName.is_string() || !isPlainFileName(fileName.get<std::string>()))
      return reader.error("binaries", "'" + name +
                                          "' must name a file in the "
                                          "artifact folder");
    FpxModule *module = nullptr;
    if (fpxModuleLoadFile(model.pathOf(fileName.get<std::string>()).c_str(),
                          &module))
      return 1;
    model.modules[name] = module;
  }

  // Only the weights the plan reads go to the device.
  std::vector<std::string> weightNames;
  collectWeights(plan, weightNames);
  if (!weightNames.empty()) {
    std::string path = model.pathOf("weights.safetensors");
    SafetensorsIndex index;
    if (readSafetensorsIndex(path, index))
      return 1;
    for (const std::string &name : weightNames)
      if (!model.weights.count(name) &&
          uploadWeight(model, index, path, name))
        return 1;
  }

  const Json *inputs = reader.getArray(plan, "inputs", "top level");
  if (!inputs)
    return 1;
  for (const Json &input : *inputs) {
    int64_t bytes = 0;
    std::string where = "input #" + std::to_string(model.inputs.size());
    if (!reader.getInt(input, "bytes", where, bytes))
      return 1;
    if (bytes < 0)
      return reader.error(where, "negative size");
    if (model.allocate(bytes, model.inputs.emplace_back()))
      return 1;
  }
  if (model.allocate(arenaBytes, model.arena))
    return 1;

  const Json *steps = reader.getArray(plan, "steps", "top level");
  if (!steps)
    return 1;
  size_t workspaceBytes = 0;
  for (const Json &json : *steps) {
    std::string where = "step #" + std::to_string(model.steps.size());
    Step &step = model.steps.emplace_back();
    std::string kind;
    if (!reader.getString(json, "kind", where, kind) ||
        !reader.getString(json, "location", where, step.location))
      return 1;
    if (kind == "launch") {
      if (readLaunchStep(model, reader, json, where, step.launch.emplace()))
        return 1;
    } else if (kind == "qmatmul") {
      QMatmulStep &qmatmul = step.qmatmul.emplace();
      if (readQMatmulStep(model, reader, json, where, qmatmul))
        return 1;
      FpxQMatmulLaunch launch = qmatmul.getLaunch();
      workspaceBytes =
          std::max(workspaceBytes, fpxQMatmulWorkspaceBytes(&launch, qmatmul.m));
    } else {
      return reader.error(where, "unknown step kind '" + kind + "'");
    }
  }
  if (workspaceBytes) {
    Buffer workspace;
    if (model.allocate(workspaceBytes, workspace))
      return 1;
    model.workspace = workspace.pointer;
  }

  const Json *outputs = reader.getArray(plan, "outputs", "top level");
  if (!outputs)
    return 1;
  for (const Json &output : *outputs) {
    std::string where = "output #" + std::to_string(model.outputs.size());
    int64_t bytes = 0;
    void *address = nullptr;
    const Json *pointer = reader.member(output, "pointer", where);
    if (!pointer || !reader.getInt(output, "bytes", where, bytes) ||
        resolvePointer(model, reader, *pointer, where, address))
      return 1;
    model.outputs.push_back({static_cast<char *>(address),
                             static_cast<size_t>(bytes)});
  }
  return fpxStreamCreate(&model.stream);
}

} // namespace

extern "C" int fpxModelLoad(const char *directory, FpxModel **result) {
  if (!directory || !result)
    return fail("fpxModelLoad: no folder or result pointer");
  *result = nullptr;
  auto model = std::make_unique<FpxModel>();
  model->directory = directory;
  if (loadModel(*model)) {
    // Freeing what was loaded clears the error; keep it.
    std::string error = fpxGetLastError();
    model.reset();
    return fail(error);
  }
  *result = model.release();
  return succeed();
}

extern "C" int fpxModelDestroy(FpxModel *model) {
  delete model;
  return succeed();
}

extern "C" int64_t fpxModelNumInputs(const FpxModel *model) {
  return model ? static_cast<int64_t>(model->inputs.size()) : 0;
}

extern "C" int64_t fpxModelNumOutputs(const FpxModel *model) {
  return model ? static_cast<int64_t>(model->outputs.size()) : 0;
}

extern "C" int64_t fpxModelNumSteps(const FpxModel *model) {
  return model ? static_cast<int64_t>(model->steps.size()) : 0;
}

extern "C" void *fpxModelStream(const FpxModel *model) {
  return model ? model->stream : nullptr;
}

namespace {
int getBuffer(const char *what, const std::vector<Buffer> &buffers,
              int64_t index, void **pointer, size_t *bytes) {
  if (!pointer || !bytes)
    return fail(std::string(what) + ": no result pointer");
  if (index < 0 || index >= static_cast<int64_t>(buffers.size()))
    return fail(std::string(what) + ": index " + std::to_string(index) +
                " out of range (" + std::to_string(buffers.size()) + ")");
  *pointer = buffers[index].pointer;
  *bytes = buffers[index].bytes;
  return succeed();
}
} // namespace

extern "C" int fpxModelInput(FpxModel *model, int64_t index, void **pointer,
                             size_t *bytes) {
  if (!model)
    return fail("fpxModelInput: no model");
  return getBuffer("fpxModelInput", model->inputs, index, pointer, bytes);
}

extern "C" int fpxModelOutput(FpxModel *model, int64_t index, void **pointer,
                              size_t *bytes) {
  if (!model)
    return fail("fpxModelOutput: no model");
  return getBuffer("fpxModelOutput", model->outputs, index, pointer, bytes);
}

extern "C" int fpxModelArena(FpxModel *model, void **pointer, size_t *bytes) {
  if (!model || !pointer || !bytes)
    return fail("fpxModelArena: no model or result pointer");
  *pointer = model->arena.pointer;
  *bytes = model->arena.bytes;
  return succeed();
}

extern "C" int fpxModelLaunch(FpxModel *model, void *stream) {
  if (!model)
    return fail("fpxModelLaunch: no model");
  if (!stream)
    stream = model->stream;
  for (const Step &step : model->steps) {
    int status;
    if (step.launch) {
      const LaunchStep &l = *step.launch;
      status = fpxLaunchKernelArgsAsync(
          l.module, l.kernel.c_str(), l.grid, l.block, l.sharedBytes,
          l.args.data(), static_cast<int64_t>(l.args.size()), l.dependent,
          stream);
    } else {
      const QMatmulStep &q = *step.qmatmul;
      FpxQMatmulLaunch launch = q.getLaunch();
      status = fpxQMatmulLaunchAsync(q.module, &launch, q.x, q.words,
                                     q.numWords, q.scales, q.bias, q.y,
                                     model->workspace, q.m, stream);
    }
    if (status)
      return fail(step.kernelName() + " (" + step.location +
                  "): " + fpxGetLastError());
  }
  return succeed();
}

extern "C" int fpxModelRun(FpxModel *model, int useGraph) {
  if (!model)
    return fail("fpxModelRun: no model");
  if (useGraph && !model->graph && !model->captureFailed) {
    // Capture errors are kept for fpxModelGraphError; the run goes on step
    // by step.
    if (fpxGraphBeginCapture(model->stream)) {
      model->graphError = fpxGetLastError();
    } else {
      int launched = fpxModelLaunch(model, model->stream);
      if (launched)
        model->graphError = fpxGetLastError();
      FpxGraph *graph = nullptr;
      if (fpxGraphEndCapture(model->stream, &graph)) {
        if (!launched)
          model->graphError = fpxGetLastError();
      } else if (launched) {
        fpxGraphDestroy(graph);
      } else {
        model->graph = graph;
      }
    }
    model->captureFailed = model->graph == nullptr;
  }
  if (model->graph)
    return fpxGraphLaunch(model->graph, model->stream)
               ? fail(std::string("launching the model's CUDA graph: ") +
                      fpxGetLastError())
               : succeed();
  return fpxModelLaunch(model, model->stream);
}

extern "C" const char *fpxModelGraphError(const FpxModel *model) {
  if (!model || !model->captureFailed)
    return nullptr;
  return model->graphError.c_str();
}
