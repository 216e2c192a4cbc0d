// SPDX-License-Identifier: MIT
// Carrier of the precompiled LibTorch header the engine modules reuse (see CMakeLists.txt).
namespace catdpo::detail {
int torchPchAnchor() { return 0; }
}  // namespace catdpo::detail
