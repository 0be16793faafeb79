// Driver for mgpu-host-code.mlir: calls the compiled host function with a
// memref descriptor and checks what came back.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

// The lowered @double_on_gpu: a 1-D memref as (allocated, aligned, offset,
// size, stride), then the index argument.
extern "C" void double_on_gpu(float *allocated, float *aligned, int64_t offset,
                              int64_t size, int64_t stride, int64_t threads);

int main(int argc, char **argv) {
  bool badLaunch = argc > 1 && std::strcmp(argv[1], "--bad-launch") == 0;
  std::vector<float> values(1000);
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = 0.25f * static_cast<float>(i) - 17.0f;
  std::vector<float> expected = values;
  // 256 threads cover the grid the function computes; 2048 exceeds the
  // hardware's 1024 threads per block and must fail to launch.
  double_on_gpu(values.data(), values.data(), 0,
                static_cast<int64_t>(values.size()), 1, badLaunch ? 2048 : 256);
  int wrong = 0;
  for (size_t i = 0; i < values.size(); ++i)
    wrong += values[i] != 2.0f * expected[i];
  std::printf("doubled %zu values on the GPU, %d wrong\n", values.size(), wrong);
  return wrong != 0;
}
