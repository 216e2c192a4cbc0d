// SPDX-License-Identifier: MIT
// Follows the published formulas of each scaling (as implemented by transformers' rope utils):
// linear divides frequencies by the factor, dynamic grows the base once the sequence outruns
// the trained context, llama3 rescales low frequencies and interpolates the middle band, longrope
// divides each frequency by its own factor (the long list once a forward's positions pass the
// trained context, the short one before) and scales cos and sin by its attention factor.
#include "model/rope.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace catdpo {

at::Tensor ropeInverseFrequencies(const ModelConfig& c, std::int64_t maxPosition, bool local) {
  const std::int64_t dim = c.rotaryDims();
  const auto f64 = at::TensorOptions().dtype(at::kDouble);
  if (local && c.ropeLocalTheta > 0)
    return 1.0 / at::pow(c.ropeLocalTheta, at::arange(0, dim, 2, f64) / static_cast<double>(dim));
  double base = c.ropeTheta;
  const RopeScaling& s = c.ropeScaling;
  const std::int64_t original =
      s.originalMaxPositions > 0 ? s.originalMaxPositions : c.maxPositions;
  if (s.type == "dynamic") {
    const std::int64_t seqLen = maxPosition + 1;
    if (seqLen > original) {
      base *= std::pow(
          s.factor * static_cast<double>(seqLen) / static_cast<double>(original) - (s.factor - 1.0),
          static_cast<double>(dim) / static_cast<double>(dim - 2));
    }
  }
  at::Tensor exponents = at::arange(0, dim, 2, f64) / static_cast<double>(dim);
  at::Tensor inv = 1.0 / at::pow(base, exponents);
  if (s.type == "linear") inv = inv / s.factor;
  if (s.type == "longrope") {
    const std::vector<double>& f = maxPosition + 1 > original ? s.longFactor : s.shortFactor;
    inv = inv / at::tensor(at::ArrayRef<double>(f), f64);
  }
  if (s.type == "llama3") {
    const double oldContext = static_cast<double>(original);
    const double lowWavelen = oldContext / s.lowFreqFactor;
    const double highWavelen = oldContext / s.highFreqFactor;
    const at::Tensor wavelen = 2.0 * M_PI / inv;
    at::Tensor scaled = at::where(wavelen > lowWavelen, inv / s.factor, inv);
    const at::Tensor smooth =
        (oldContext / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
    const at::Tensor smoothed = (1.0 - smooth) * scaled / s.factor + smooth * scaled;
    const at::Tensor medium = (wavelen >= highWavelen).logical_and(wavelen <= lowWavelen);
    inv = at::where(medium, smoothed, scaled);
  }
  return inv;
}

std::pair<at::Tensor, at::Tensor> ropeTables(const ModelConfig& c, const at::Tensor& positions,
                                             at::ScalarType dtype, bool local) {
  const bool scaled = !(local && c.ropeLocalTheta > 0);
  const std::string& type = scaled ? c.ropeScaling.type : std::string();
  at::Tensor inv;  // [D/2], or [B, 1, D/2] when each sequence picks its own
  if (type == "longrope" && positions.numel()) {
    // Each sequence by its own length (transformers decides by the batch's longest), so a
    // sequence's logits do not depend on what it is batched with. Reading the lengths syncs.
    const at::Tensor longest = std::get<0>(positions.max(-1)).to(at::kCPU).contiguous();
    const at::Tensor shortInv = ropeInverseFrequencies(c, 0, local);
    const at::Tensor longInv = ropeInverseFrequencies(c, std::numeric_limits<int>::max(), local);
    std::vector<at::Tensor> rows;
    const std::int64_t original = c.ropeScaling.originalMaxPositions > 0
                                      ? c.ropeScaling.originalMaxPositions
                                      : c.maxPositions;
    for (std::int64_t b = 0; b < longest.size(0); ++b)
      rows.push_back(longest[b].item<std::int64_t>() + 1 > original ? longInv : shortInv);
    inv = at::stack(rows).unsqueeze(1).to(positions.device());
  } else {
    // Only dynamic needs the largest position; reading it syncs a GPU, so skip otherwise.
    const std::int64_t maxPosition =
        type == "dynamic" && positions.numel() ? positions.max().item<std::int64_t>() : 0;
    inv = ropeInverseFrequencies(c, maxPosition, local).to(positions.device());
  }
  // [B, T, 1] * [D/2] -> [B, T, D/2]; duplicated halves match rotate-half.
  const at::Tensor freqs = positions.to(at::kDouble).unsqueeze(-1) * inv;
  const at::Tensor angles = at::cat({freqs, freqs}, -1).unsqueeze(1);  // [B, 1, T, D]
  const double factor = type == "longrope" ? c.ropeScaling.attentionFactor : 1.0;
  if (factor != 1.0) return {(angles.cos() * factor).to(dtype), (angles.sin() * factor).to(dtype)};
  return {angles.cos().to(dtype), angles.sin().to(dtype)};
}

}  // namespace catdpo
