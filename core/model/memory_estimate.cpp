// SPDX-License-Identifier: MIT
// Counts per token and layer follow what the engine's forward keeps for backward (layers.cpp,
// fused_ops.cpp, token_logprobs.cpp):
//   Llama/Qwen: the block input and the post-attention residual (saved by the RMSNorms, with
//   one float32 rsqrt each), the two norm outputs (inputs of q/k/v and gate/up), q after RoPE
//   and scaling, k after RoPE, v, the attention probabilities (float32, plus a copy in the
//   model's dtype when that is lower), the attention output (input of o_proj), and four
//   MLP-sized tensors (gate, silu(gate), up, and their product, the input of down_proj).
//   GPT-2: the same with LayerNorm (two float32 statistics each) and two MLP-sized tensors
//   (c_fc's output, GELU's output); q, k and v are strided views of c_attn's output, which the
//   batched products copy (and keep) instead of the whole output.
// A frozen projection (LoRA's base weights) needs no weight gradient, so autograd does not keep
// its input unless an adapter on it does; an adapter keeps its rank-sized middle and, with
// dropout, the dropout noise and the dropped input.
// Gradient checkpointing keeps only each block's input (the residual stream, in the weights'
// dtype); in backward one block at a time is recomputed, so one layer's saved tensors join the
// working set. bf16-mixed: the residual stream stays float32, the products' inputs and outputs
// are bfloat16, and every projection's weight is kept as a bfloat16 copy for backward.
#include "model/memory_estimate.h"

#include <algorithm>

namespace catdpo {

bool loraTargetMatches(const std::string& path, const std::string& target) {
  return path == target || (path.size() > target.size() &&
                            path.compare(path.size() - target.size(), target.size(), target) == 0 &&
                            path[path.size() - target.size() - 1] == '.');
}

namespace {

struct ProjectionShape {
  std::string path;  // relative to the block, e.g. "self_attn.q_proj"
  std::int64_t in, out;
  bool bias;
};

std::vector<ProjectionShape> blockProjections(const ModelConfig& c) {
  const std::int64_t h = c.hiddenSize, q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
  const std::int64_t i = c.intermediateSize;
  if (c.isGpt2())
    return {{"attn.c_attn", h, 3 * q, true},
            {"attn.c_proj", q, h, true},
            {"mlp.c_fc", h, i, true},
            {"mlp.c_proj", i, h, true}};
  if (c.fusedProjections)
    return {{"self_attn.qkv_proj", h, q + 2 * kv, c.attentionBias},
            {"self_attn.o_proj", q, h, c.outputBias},
            {"mlp.gate_up_proj", h, 2 * i, c.mlpBias},
            {"mlp.down_proj", i, h, c.mlpBias}};
  return {{"self_attn.q_proj", h, q, c.attentionBias},
          {"self_attn.k_proj", h, kv, c.attentionBias},
          {"self_attn.v_proj", h, kv, c.attentionBias},
          {"self_attn.o_proj", q, h, c.outputBias},
          {"mlp.gate_proj", h, i, c.mlpBias},
          {"mlp.up_proj", h, i, c.mlpBias},
          {"mlp.down_proj", i, h, c.mlpBias}};
}

bool adapted(const MemoryShape& s, const std::string& blockPath, const ModelConfig& c) {
  if (!s.lora) return false;
  const std::string path =
      std::string(c.isGpt2() ? "transformer.h.0." : "model.layers.0.") + blockPath;
  return std::any_of(s.loraTargets.begin(), s.loraTargets.end(),
                     [&](const std::string& t) { return loraTargetMatches(path, t); });
}

}  // namespace

nlohmann::json memoryEstimateToJson(const MemoryEstimate& e) {
  return {{"parameters", e.parameters},
          {"trainable_parameters", e.trainableParameters},
          {"weights", e.weights},
          {"gradients", e.gradients},
          {"optimizer", e.optimizer},
          {"activations", e.activations},
          {"logprob_head", e.logprobHead},
          {"transient", e.transient},
          {"peak", e.peak()}};
}

std::vector<std::string> unmatchedLoraTargets(const ModelConfig& c,
                                              const std::vector<std::string>& targets) {
  std::vector<std::string> out;
  const std::string prefix = c.isGpt2() ? "transformer.h.0." : "model.layers.0.";
  for (const std::string& t : targets) {
    const auto projections = blockProjections(c);
    if (std::none_of(projections.begin(), projections.end(), [&](const ProjectionShape& p) {
          return loraTargetMatches(prefix + p.path, t);
        }))
      out.push_back(t);
  }
  return out;
}

MemoryEstimate estimateTrainingMemory(const ModelConfig& c, const MemoryShape& s) {
  MemoryEstimate e;
  const double b = s.bytesPerElement;
  const double w = s.weightBytes > 0 ? s.weightBytes : s.bytesPerElement;
  const bool reduced = s.bytesPerElement < 4;
  const std::int64_t h = c.hiddenSize, heads = c.numHeads;
  const std::int64_t qDim = c.numHeads * c.headDim, kvDim = c.numKvHeads * c.headDim;
  const std::int64_t inter = c.intermediateSize;
  const std::vector<ProjectionShape> projections = blockProjections(c);

  // Parameters.
  std::int64_t perLayer = 0, adapters = 0;
  for (const ProjectionShape& p : projections) {
    perLayer += p.in * p.out + (p.bias ? p.out : 0);
    if (adapted(s, p.path, c)) adapters += s.loraRank * (p.in + p.out);
  }
  perLayer += c.isGpt2() || c.sandwichNorms ? 4 * h : 2 * h;  // norms (LayerNorm: weight, bias)
  if (c.qkNorm) perLayer += 2 * c.headDim;
  std::int64_t params = c.numLayers * perLayer + c.vocabSize * h + (c.isGpt2() ? 2 * h : h);
  if (c.isGpt2()) params += c.maxPositions * h;
  if (!c.tieWordEmbeddings && !c.isGpt2()) params += c.vocabSize * h;
  adapters *= c.numLayers;
  e.parameters = params;
  e.trainableParameters = s.lora ? adapters : params;
  e.weights = w * static_cast<double>(params + (s.lora ? adapters : 0));
  e.gradients = w * static_cast<double>(e.trainableParameters);
  e.optimizer = 2.0 * w * static_cast<double>(e.trainableParameters);
  std::int64_t projectionWeights = 0;
  for (const ProjectionShape& p : projections) projectionWeights += p.in * p.out;
  // Autocast's bfloat16 copies of the float32 weights, kept by the products for backward (with
  // checkpointing only the LM head's; a block's copies live while it is recomputed).
  const double layerCopies = w > b ? b * static_cast<double>(projectionWeights) : 0.0;
  const double headCopy = w > b ? b * static_cast<double>(c.vocabSize * h) : 0.0;
  const double castCopies = s.gradientCheckpointing
                                ? headCopy
                                : static_cast<double>(c.numLayers) * layerCopies + headCopy;

  // Whether the input of block projection `path` is kept, and what its adapter keeps.
  double loraExtra = 0;  // elements per token and layer
  const auto inputKept = [&](const std::string& path) {
    for (const ProjectionShape& p : projections)
      if (p.path == path) {
        const bool a = adapted(s, p.path, c);
        return !s.lora || (a && s.loraDropout <= 0);
      }
    return false;  // not a projection of this family
  };
  for (const ProjectionShape& p : projections)
    if (adapted(s, p.path, c))
      loraExtra += static_cast<double>(s.loraRank) + (s.loraDropout > 0 ? 2.0 * p.in : 0.0);

  const double tokens = static_cast<double>(s.sequences * s.length);
  const double t = static_cast<double>(s.length);
  double elems = 0, floats = 0;  // per token and layer: model dtype, float32
  if (c.isGpt2()) {
    elems = 2.0 * h + qDim + 2.0 * kvDim + inter;  // x, h, q, k, v, c_fc output
    floats = 4;
    if (inputKept("attn.c_attn")) elems += h;
    if (inputKept("attn.c_proj")) elems += qDim;
    if (inputKept("mlp.c_fc")) elems += h;
    if (inputKept("mlp.c_proj")) elems += inter;
  } else {
    elems = 2.0 * h + qDim + 2.0 * kvDim + 3.0 * inter;  // x, h, q, k, v, gate, silu, up
    floats = 2;
    if (c.qkNorm) {
      elems += qDim + kvDim;
      floats += static_cast<double>(c.numHeads + c.numKvHeads);
    }
    if (inputKept("self_attn.q_proj") || inputKept("self_attn.k_proj") ||
        inputKept("self_attn.v_proj") || inputKept("self_attn.qkv_proj"))
      elems += h;
    if (inputKept("self_attn.o_proj")) elems += qDim;
    if (inputKept("mlp.gate_proj") || inputKept("mlp.up_proj") || inputKept("mlp.gate_up_proj"))
      elems += h;
    if (inputKept("mlp.down_proj")) elems += inter;
  }
  elems += loraExtra;
  // Attention probabilities: float32 from the softmax, plus the model-dtype copy PV uses.
  const double probs = static_cast<double>(heads) * t * (4.0 + (reduced ? b : 0.0));
  // The residual stream (block inputs and the post-attention sum) is in the weights' dtype.
  const double perLayerBytes = elems * b + 2.0 * h * (w - b) + floats * 4.0 + probs;
  const double finalNorm = h * w + (c.isGpt2() ? 8.0 : 4.0);
  const double layers = static_cast<double>(c.numLayers);
  // With checkpointing the causal mask ([1, 1, T, T], the products' type) stays for the
  // recomputation instead of being freed after the forward.
  e.activations =
      s.gradientCheckpointing
          ? tokens * (layers * static_cast<double>(h) * w + finalNorm) + t * t * b + castCopies
          : tokens * (layers * perLayerBytes + finalNorm) + castCopies;
  const double rows = static_cast<double>(s.projectedRows);
  e.logprobHead =
      rows * (static_cast<double>(h) * b + static_cast<double>(c.vocabSize) * 4.0 + 8.0);

  // One layer's working set on top of what is saved: the attention scores while the softmax
  // runs (and, in backward, their gradient next to the probabilities' gradient), or the MLP's
  // gradients; the low-precision logits before their float32 copy.
  const double attention =
      tokens * static_cast<double>(heads) * t * (2.0 * b + (reduced ? 4.0 : 0.0));
  const double mlp = tokens * 3.0 * static_cast<double>(inter) * b;
  const double head = reduced ? rows * static_cast<double>(c.vocabSize) * b : 0.0;
  e.transient = std::max({attention, mlp, head}) + tokens * 2.0 * static_cast<double>(h) * b;
  if (s.gradientCheckpointing)
    e.transient += tokens * perLayerBytes + layerCopies;  // the recomputed block
  return e;
}

}  // namespace catdpo
