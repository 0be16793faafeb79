//===- DeviceDescription.h - What the cost models know about a GPU -*- C++ -*-===//
//
// One place for the device parameters that the GEMM and fusion kernel
// generators' cost models use, so that another GPU is one new description.
//
//===----------------------------------------------------------------------===//

#ifndef FPX_CONVERSION_UTILS_DEVICEDESCRIPTION_H
#define FPX_CONVERSION_UTILS_DEVICEDESCRIPTION_H

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace fpx {

/// What the cost model needs to know about a GPU.
struct DeviceDescription {
  unsigned numSMs = 132;
  double memoryBandwidthGBs = 2983;   // measured copy bandwidth
  int64_t sharedMemoryPerSM = 228 * 1024;
  int64_t maxSharedMemoryPerBlock = 227 * 1024;
  unsigned maxWarpsPerSM = 64;
  double launchMicros = 3.0;          // per extra kernel launch
  double memoryLatencyMicros = 0.8;   // a load's round trip, idle memory
  double loadedLatencyMicros = 4.0;   // the same with HBM saturated
  /// Bandwidth one SM can draw, as a multiple of its 1/numSMs share.
  double smBandwidthShare = 1.3;
  double clockGHz = 1.755;
  /// Warp instructions an SM issues per cycle (4 schedulers).
  double issueRate = 4;
  /// SM cycles of one mma.m16n8k16 (f16, f32 accumulate).
  double mmaCycles = 2;
  /// Warp instructions to dequantize one register pair.
  double dequantInstructions = 11;
  /// Whether kernels may use wgmma (sm_90a targets only).
  bool warpgroupMma = false;
  /// Dense f16 Tensor Core throughput of the BLAS GEMM (TFLOP/s).
  double denseTensorTFLOPs = 700;
  /// The same for the generated wgmma GEMM, whose warps also decode and
  /// issue copies (measured: 580-625 at M = 512-2048).
  double warpgroupTensorTFLOPs = 620;
  /// L2 read bandwidth, for data that many CTAs re-read (GB/s).
  double l2BandwidthGBs = 8000;

  /// The H100 SXM 80GB the project benchmarks on.
  static DeviceDescription h100() { return DeviceDescription(); }
};

/// Whether `chip` ("sm_80", "sm_90a", ...) has griddepcontrol, the
/// instructions of programmatic dependent launch: sm_90 and later.
inline bool supportsDependentLaunch(llvm::StringRef chip) {
  unsigned version = 0;
  return chip.consume_front("sm_") &&
         !chip.take_while(llvm::isDigit).getAsInteger(10, version) &&
         version >= 90;
}

} // namespace fpx

#endif // FPX_CONVERSION_UTILS_DEVICEDESCRIPTION_H
