// SPDX-License-Identifier: MIT
#include "common/build_info.h"

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
#endif
  info.cudaDevices = static_cast<int>(torch::cuda::device_count());
  return info;
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
