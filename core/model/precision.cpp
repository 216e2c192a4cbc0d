// SPDX-License-Identifier: MIT
// On the CPU, bfloat16 products pay only through oneDNN with native instructions (LibTorch
// 1.13 sends a bf16 at::mm to oneDNN when the CPU has AVX512-BF16 or AMX, measured 2.6-2.9x
// faster than float32 on a 1024^3 product); without them they are emulated and slower than
// float32, so "auto" stays at fp32 there.
#include "model/precision.h"

#include <ATen/Context.h>

#include "common/cpu_features.h"
#include "common/error.h"

namespace catdpo {

const char* toString(Precision precision) {
  switch (precision) {
    case Precision::Bf16Mixed:
      return "bf16-mixed";
    case Precision::Bf16:
      return "bf16";
    default:
      return "fp32";
  }
}

std::optional<Precision> precisionFromName(const std::string& name) {
  if (name == "fp32") return Precision::Fp32;
  if (name == "bf16-mixed") return Precision::Bf16Mixed;
  if (name == "bf16") return Precision::Bf16;
  return std::nullopt;
}

const std::vector<std::string>& precisionOptionValues() {
  static const std::vector<std::string> kValues{"auto", "fp32", "bf16-mixed", "bf16"};
  return kValues;
}

PrecisionChoice autoPrecisionForCpu() {
  const CpuBf16Support cpu = detectCpuBf16();
  if (!cpu.native())
    return {Precision::Fp32,
            "this CPU has no bfloat16 matrix instructions (AVX512-BF16 or AMX-BF16)"};
  if (!at::hasMKLDNN())
    return {Precision::Fp32,
            "the CPU has " + cpu.describe() + " but this LibTorch has no oneDNN to use it"};
  return {Precision::Bf16Mixed,
          "the CPU has " + cpu.describe() + "; bfloat16 products go through oneDNN"};
}

PrecisionChoice resolvePrecision(const std::string& spec, bool cuda) {
  if (spec.empty() || spec == "auto") {
    if (cuda) return {Precision::Bf16Mixed, "CUDA device"};
    return autoPrecisionForCpu();
  }
  if (const auto p = precisionFromName(spec)) return {*p, "set by the run's configuration"};
  throw Error("unknown precision '" + spec + "' (expected auto, fp32, bf16-mixed or bf16)",
              ErrorLocation{"", 0, "precision"});
}

std::string weightDtypeFor(Precision precision) {
  return precision == Precision::Bf16 ? "bfloat16" : "float32";
}

}  // namespace catdpo
