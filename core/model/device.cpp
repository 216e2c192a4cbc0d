// SPDX-License-Identifier: MIT
#include "model/device.h"

#include <ATen/detail/CUDAHooksInterface.h>

#include "common/error.h"
#include "model/torch_compat.h"

namespace catdpo {

namespace {
int cudaDeviceCount() {
  return at::globalContext().hasCUDA() ? at::detail::getCUDAHooks().getNumGPUs() : 0;
}
}  // namespace

at::Device resolveDevice(const std::string& spec) {
  const int gpus = cudaDeviceCount();
  if (spec.empty() || spec == "auto")
    return gpus > 0 ? at::Device(at::kCUDA, 0) : at::Device(at::kCPU);
  if (spec == "cpu") return at::kCPU;
  if (spec == "cuda" || spec.rfind("cuda:", 0) == 0) {
    int index = 0;
    if (spec.size() > 5) {
      const std::string digits = spec.substr(5);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
        throw Error("expected cuda:N with a device number, got '" + spec + "'",
                    ErrorLocation{"", 0, "device"});
      index = std::stoi(digits);
    }
    if (gpus == 0)
      throw Error("'" + spec + "' requested but this build of LibTorch has no usable CUDA device",
                  ErrorLocation{"", 0, "device"});
    if (index >= gpus)
      throw Error(
          "'" + spec + "' requested but only " + std::to_string(gpus) + " CUDA device(s) exist",
          ErrorLocation{"", 0, "device"});
    return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw Error("unknown device '" + spec + "'; use auto, cpu, cuda or cuda:N",
              ErrorLocation{"", 0, "device"});
}

at::ScalarType resolveDtype(const std::string& spec, const at::Device& device) {
  if (spec.empty() || spec == "auto") return device.is_cuda() ? at::kBFloat16 : at::kFloat;
  if (spec == "float32" || spec == "fp32" || spec == "f32") return at::kFloat;
  if (spec == "bfloat16" || spec == "bf16") return at::kBFloat16;
  if (spec == "float16" || spec == "fp16" || spec == "f16") return at::kHalf;
  if (spec == "float64" || spec == "fp64") return at::kDouble;
  throw Error("unknown dtype '" + spec + "'; use auto, float32, bfloat16, float16 or float64",
              ErrorLocation{"", 0, "dtype"});
}

std::string dtypeLabel(at::ScalarType type) {
  switch (type) {
    case at::kFloat:
      return "float32";
    case at::kBFloat16:
      return "bfloat16";
    case at::kHalf:
      return "float16";
    case at::kDouble:
      return "float64";
    default:
      return c10::toString(type);
  }
}

std::optional<at::ScalarType> activeAutocastDtype(const at::Device& device) {
  const c10::DeviceType type = device.is_cuda() ? c10::DeviceType::CUDA : c10::DeviceType::CPU;
  if (!compat::autocastEnabled(type)) return std::nullopt;
  return compat::autocastDtype(type);
}

AutocastGuard::AutocastGuard(const at::Device& device, bool enabled, at::ScalarType lowPrecision) {
  if (!enabled) return;
  m_active = true;
  m_cuda = device.is_cuda();
  const c10::DeviceType type = m_cuda ? c10::DeviceType::CUDA : c10::DeviceType::CPU;
  m_wasEnabled = compat::autocastEnabled(type);
  m_previousDtype = compat::autocastDtype(type);
  compat::setAutocastDtype(type, lowPrecision);
  compat::setAutocastEnabled(type, true);
  at::autocast::increment_nesting();
}

AutocastGuard::~AutocastGuard() {
  if (!m_active) return;
  // Casts are cached per autocast region; drop them when the outermost region ends.
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  const c10::DeviceType type = m_cuda ? c10::DeviceType::CUDA : c10::DeviceType::CPU;
  compat::setAutocastEnabled(type, m_wasEnabled);
  compat::setAutocastDtype(type, m_previousDtype);
}

}  // namespace catdpo
