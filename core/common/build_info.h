// SPDX-License-Identifier: MIT
// What this binary is: version, compiler, LibTorch version and devices. Stored with every run
// and shown by `catdpo --version` and the About dialog. Plain strings: no LibTorch in headers.
#pragma once

#include <string>

namespace catdpo {

struct BuildInfo {
  std::string name;
  std::string version;
  std::string buildType;
  std::string compiler;
  std::string torchVersion;
  bool cudaCompiled = false;  // LibTorch was built with CUDA
  int cudaDevices = 0;        // visible CUDA devices at the time of the call
};

BuildInfo buildInfo();
// One line, e.g. "Cat-DPO Studio 0.4.0 (LibTorch 1.13.0, CPU, GNU 12.2.0, RelWithDebInfo)".
std::string versionLine();

}  // namespace catdpo
