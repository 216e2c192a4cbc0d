// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- not for ui/. Turning the user's `device` / `dtype` option strings into
// torch values ("auto" = the first CUDA device with bf16 weights when LibTorch has one, else the
// CPU in float32), and an autocast scope that works on either device type, so the reduced-
// precision path is exercised by CPU tests too.
#pragma once

#include <ATen/ATen.h>

#include <optional>
#include <string>

namespace catdpo {

// "auto", "cpu", "cuda", "cuda:N". Throws catdpo::Error (field "device") for anything else or a
// CUDA device this LibTorch/machine does not have.
at::Device resolveDevice(const std::string& spec);
// "auto" (bfloat16 on CUDA, float32 on CPU), "float32"/"fp32", "bfloat16"/"bf16",
// "float16"/"fp16", "float64". Throws catdpo::Error (field "dtype") otherwise.
at::ScalarType resolveDtype(const std::string& spec, const at::Device& device);
std::string dtypeLabel(at::ScalarType type);  // "float32", "bfloat16", ...

// The type autocast computes in on `device`'s type at this moment; nullopt when it is off.
std::optional<at::ScalarType> activeAutocastDtype(const at::Device& device);

// Enables autocast to `lowPrecision` for `device`'s type for the guard's lifetime (no-op when
// `enabled` is false) and restores the previous state afterwards.
class AutocastGuard {
 public:
  AutocastGuard(const at::Device& device, bool enabled,
                at::ScalarType lowPrecision = at::kBFloat16);
  ~AutocastGuard();
  AutocastGuard(const AutocastGuard&) = delete;
  AutocastGuard& operator=(const AutocastGuard&) = delete;

 private:
  bool m_active = false;
  bool m_cuda = false;
  bool m_wasEnabled = false;
  at::ScalarType m_previousDtype = at::kBFloat16;
};

}  // namespace catdpo
