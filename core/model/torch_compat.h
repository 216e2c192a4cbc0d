// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- engine-internal. The few LibTorch APIs that differ between the versions
// the engine builds against (Debian's 1.13 and 2.x archives), behind one name each, so that
// version tests live here and not across the engine. c10d's differences stay in core/dist.
#pragma once

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#define CATDPO_TORCH_AT_LEAST(major, minor) \
  (TORCH_VERSION_MAJOR > (major) ||         \
   (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace catdpo::compat {

// 2.4 made autocast's state per device type (is_autocast_enabled(device_type), ...) and
// deprecated the per-device functions 1.13 has (is_enabled for CUDA, is_cpu_enabled, ...).
inline bool autocastEnabled(c10::DeviceType type) {
#if CATDPO_TORCH_AT_LEAST(2, 4)
  return at::autocast::is_autocast_enabled(type);
#else
  return type == c10::DeviceType::CUDA ? at::autocast::is_enabled()
                                       : at::autocast::is_cpu_enabled();
#endif
}

inline void setAutocastEnabled(c10::DeviceType type, bool enabled) {
#if CATDPO_TORCH_AT_LEAST(2, 4)
  at::autocast::set_autocast_enabled(type, enabled);
#else
  if (type == c10::DeviceType::CUDA)
    at::autocast::set_enabled(enabled);
  else
    at::autocast::set_cpu_enabled(enabled);
#endif
}

inline at::ScalarType autocastDtype(c10::DeviceType type) {
#if CATDPO_TORCH_AT_LEAST(2, 4)
  return at::autocast::get_autocast_dtype(type);
#else
  return type == c10::DeviceType::CUDA ? at::autocast::get_autocast_gpu_dtype()
                                       : at::autocast::get_autocast_cpu_dtype();
#endif
}

inline void setAutocastDtype(c10::DeviceType type, at::ScalarType dtype) {
#if CATDPO_TORCH_AT_LEAST(2, 4)
  at::autocast::set_autocast_dtype(type, dtype);
#else
  if (type == c10::DeviceType::CUDA)
    at::autocast::set_autocast_gpu_dtype(dtype);
  else
    at::autocast::set_autocast_cpu_dtype(dtype);
#endif
}

}  // namespace catdpo::compat
