// SPDX-License-Identifier: MIT
// Mirrors the constructors in causal_lm.cpp and layers.cpp; test_model_config checks the two
// against each other for every family, so a layer added there cannot be forgotten here.
#include "model/weight_layout.h"

#include "common/error.h"

namespace catdpo {

std::vector<ExpectedWeight> expectedWeights(const ModelConfig& c) {
  std::vector<ExpectedWeight> out;
  const std::int64_t h = c.hiddenSize, q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
  const std::int64_t inner = c.intermediateSize;
  auto add = [&](std::string name, std::vector<std::int64_t> shape) {
    out.push_back({std::move(name), std::move(shape)});
  };
  // A projection: [out, in], or GPT-2's Conv1D layout [in, out].
  auto proj = [&](const std::string& name, std::int64_t in, std::int64_t o, bool bias,
                  bool conv1d) {
    add(name + ".weight", conv1d ? std::vector<std::int64_t>{in, o} : std::vector{o, in});
    if (bias) add(name + ".bias", {o});
  };
  auto norm = [&](const std::string& name, std::int64_t dim, bool layerNorm) {
    add(name + ".weight", {dim});
    if (layerNorm) add(name + ".bias", {dim});
  };
  if (c.isGpt2()) {
    add("transformer.wte.weight", {c.vocabSize, h});
    add("transformer.wpe.weight", {c.maxPositions, h});
    for (std::int64_t i = 0; i < c.numLayers; ++i) {
      const std::string b = "transformer.h." + std::to_string(i) + ".";
      norm(b + "ln_1", h, true);
      proj(b + "attn.c_attn", h, 3 * q, true, true);
      proj(b + "attn.c_proj", q, h, true, true);
      norm(b + "ln_2", h, true);
      proj(b + "mlp.c_fc", h, inner, true, true);
      proj(b + "mlp.c_proj", inner, h, true, true);
    }
    norm("transformer.ln_f", h, true);
  } else {
    add("model.embed_tokens.weight", {c.vocabSize, h});
    for (std::int64_t i = 0; i < c.numLayers; ++i) {
      const std::string b = "model.layers." + std::to_string(i) + ".";
      norm(b + "input_layernorm", h, false);
      if (c.fusedProjections) {
        proj(b + "self_attn.qkv_proj", h, q + 2 * kv, c.attentionBias, false);
      } else {
        proj(b + "self_attn.q_proj", h, q, c.attentionBias, false);
        proj(b + "self_attn.k_proj", h, kv, c.attentionBias, false);
        proj(b + "self_attn.v_proj", h, kv, c.attentionBias, false);
      }
      proj(b + "self_attn.o_proj", q, h, c.outputBias, false);
      if (c.qkNorm) {
        norm(b + "self_attn.q_norm", c.headDim, false);
        norm(b + "self_attn.k_norm", c.headDim, false);
      }
      norm(b + "post_attention_layernorm", h, false);
      if (c.sandwichNorms) {
        norm(b + "pre_feedforward_layernorm", h, false);
        norm(b + "post_feedforward_layernorm", h, false);
      }
      if (c.fusedProjections) {
        proj(b + "mlp.gate_up_proj", h, 2 * inner, c.mlpBias, false);
      } else {
        proj(b + "mlp.gate_proj", h, inner, c.mlpBias, false);
        proj(b + "mlp.up_proj", h, inner, c.mlpBias, false);
      }
      proj(b + "mlp.down_proj", inner, h, c.mlpBias, false);
    }
    norm("model.norm", h, false);
  }
  if (!c.tieWordEmbeddings) proj("lm_head", h, c.vocabSize, false, false);
  return out;
}

std::int64_t expectedParameterCount(const ModelConfig& c, const std::string& source) {
  // Bounded in floating point first: sizes that passed validate() can multiply past 2^63.
  const auto dims = {c.vocabSize, c.hiddenSize, c.intermediateSize, c.numLayers,
                     c.numHeads,  c.numKvHeads, c.headDim,          c.maxPositions};
  for (const std::int64_t d : dims)
    if (d < 0 || d > (std::int64_t{1} << 30))
      throw Error("a size of " + std::to_string(d) + " is out of range",
                  ErrorLocation{source, 0, ""});
  using Wide = long double;  // dims <= 2^30: every product below is exact enough to compare
  const Wide h = c.hiddenSize, v = c.vocabSize, i = c.intermediateSize, l = c.numLayers;
  const Wide q = static_cast<Wide>(c.numHeads) * c.headDim;
  const Wide kv = static_cast<Wide>(c.numKvHeads) * c.headDim;
  const Wide perLayer =
      h * (q + 2 * kv) + q * h + 3 * h * i + 6 * h + 3 * q + 2 * kv + i + 2 * Wide(c.headDim);
  Wide total = v * h * 2 + l * perLayer + h * 2;
  if (c.isGpt2()) total += static_cast<Wide>(c.maxPositions) * h;
  // An upper bound (biases and norms counted whether present or not): enough to refuse
  // configs that describe more than any machine could hold, before the exact count below.
  if (total > kMaxModelParameters)
    throw Error("config.json describes about " + std::to_string(static_cast<double>(total)) +
                    " parameters, more than the supported maximum of " +
                    std::to_string(kMaxModelParameters),
                ErrorLocation{source, 0, ""});
  std::int64_t exact = 0;
  for (const ExpectedWeight& w : expectedWeights(c)) {
    std::int64_t n = 1;
    for (const std::int64_t d : w.shape) n *= d;
    exact += n;
  }
  return exact;
}

}  // namespace catdpo
