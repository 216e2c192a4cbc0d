// SPDX-License-Identifier: MIT
#include "common/build_info.h"

#include <ATen/detail/CUDAHooksInterface.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include "common/version.h"

namespace catdpo {

BuildInfo buildInfo() {
  BuildInfo info;
  info.name = kAppName;
  info.version = kVersion;
  info.buildType = CATDPO_BUILD_TYPE;
  info.compiler = CATDPO_COMPILER;
  info.torchVersion = TORCH_VERSION;
#ifdef CATDPO_WITH_CUDA
  info.cudaCompiled = true;
  try {
    // A compile-time constant of LibTorch's CUDA library: known without a device.
    const long v = at::detail::getCUDAHooks().versionCUDART();
    info.cudaVersion = std::to_string(v / 1000) + "." + std::to_string(v % 1000 / 10);
  } catch (const std::exception&) {
    info.cudaVersion = "?";  // the CUDA part of LibTorch is not loaded
  }
#endif
  info.cudaDevices = static_cast<int>(torch::cuda::device_count());
  return info;
}

std::string torchVersionString() { return TORCH_VERSION; }

std::string torchLine(const BuildInfo& info) {
  if (!info.cudaCompiled) return info.torchVersion + ", CPU only (no CUDA compiled in)";
  return info.torchVersion + ", CUDA " + info.cudaVersion + " compiled in, " +
         (info.cudaDevices > 0 ? std::to_string(info.cudaDevices) + " CUDA device(s)"
                               : std::string("no CUDA device found"));
}

std::string versionLine() {
  const BuildInfo info = buildInfo();
  std::string devices = info.cudaDevices > 0
                            ? "CUDA x" + std::to_string(info.cudaDevices)
                            : (info.cudaCompiled ? "CUDA build, no GPU visible" : "CPU");
  return info.name + " " + info.version + " (LibTorch " + info.torchVersion + ", " + devices +
         ", " + info.compiler + ", " + info.buildType + ")";
}

}  // namespace catdpo
