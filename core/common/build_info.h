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
  std::string cudaVersion;    // the CUDA runtime it was built against, e.g. "13.0"; "" without
  int cudaDevices = 0;        // visible CUDA devices at the time of the call
};

BuildInfo buildInfo();
// The LibTorch version compiled in (e.g. "2.11.0"), without touching any device.
std::string torchVersionString();
// One line, e.g. "Cat-DPO Studio 0.4.0 (LibTorch 1.13.0, CPU, GNU 12.2.0, RelWithDebInfo)".
std::string versionLine();
// LibTorch, CUDA and devices in words, e.g. "2.11.0, CUDA 13.0 compiled in, no CUDA device
// found" or "1.13.1, CPU only (no CUDA compiled in)".
std::string torchLine(const BuildInfo& info);

}  // namespace catdpo
