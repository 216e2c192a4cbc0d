// SPDX-License-Identifier: MIT
// Follows the published formulas of each scaling (as implemented by transformers' rope utils):
// linear divides frequencies by the factor, dynamic grows the base once the sequence outruns
// the trained context, llama3 rescales low frequencies and interpolates the middle band.
#include "model/rope.h"

#include <cmath>

namespace catdpo {

at::Tensor ropeInverseFrequencies(const ModelConfig& c, std::int64_t maxPosition) {
  const std::int64_t dim = c.headDim;
  const auto f64 = at::TensorOptions().dtype(at::kDouble);
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
                                             at::ScalarType dtype) {
  // Only the dynamic scaling needs the largest position; reading it syncs a GPU, so skip otherwise.
  const std::int64_t maxPosition = c.ropeScaling.type == "dynamic" && positions.numel()
                                       ? positions.max().item<std::int64_t>()
                                       : 0;
  const at::Tensor inv = ropeInverseFrequencies(c, maxPosition).to(positions.device());
  // [B, T, 1] * [D/2] -> [B, T, D/2]; duplicated halves match rotate-half.
  const at::Tensor freqs = positions.to(at::kDouble).unsqueeze(-1) * inv;
  const at::Tensor angles = at::cat({freqs, freqs}, -1).unsqueeze(1);  // [B, 1, T, D]
  return {angles.cos().to(dtype), angles.sin().to(dtype)};
}

}  // namespace catdpo
