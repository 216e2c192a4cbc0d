// SPDX-License-Identifier: MIT
// The `precision` run option: how weights are kept and in what type the forward and backward
// passes compute. fp32: everything float32. bf16-mixed: float32 weights and AdamW state
// ("master" weights), matrix products in bfloat16 under autocast, log-softmax and loss in
// float32. bf16: weights in bfloat16 as well (LoRA adapters stay float32). "auto" picks
// bf16-mixed on CUDA, and on the CPU only where it has bfloat16 matrix instructions. Plain
// header (the CLI and the app show the choice).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace catdpo {

enum class Precision { Fp32, Bf16Mixed, Bf16 };

const char* toString(Precision precision);  // "fp32", "bf16-mixed", "bf16"
std::optional<Precision> precisionFromName(const std::string& name);  // not "auto"
// "auto", "fp32", "bf16-mixed", "bf16": the values the option accepts.
const std::vector<std::string>& precisionOptionValues();

struct PrecisionChoice {
  Precision precision = Precision::Fp32;
  std::string reason;  // why, in words (for auto: what was detected)
};

// `spec` is an option value; `cuda`: the run's device is a GPU. Throws catdpo::Error (field
// "precision") for an unknown value.
PrecisionChoice resolvePrecision(const std::string& spec, bool cuda);

// What "auto" would pick on the CPU of this machine, and why (catdpo info).
PrecisionChoice autoPrecisionForCpu();

// The dtype the weights are loaded in: "bfloat16" for bf16, else "float32".
std::string weightDtypeFor(Precision precision);
inline bool usesAutocast(Precision precision) { return precision != Precision::Fp32; }

}  // namespace catdpo
