// SPDX-License-Identifier: MIT
// Attention avoids copies where it can: grouped-query heads are handled by folding the query
// group into the row dimension (no repeat of K/V), the KV cache is preallocated and written in
// place, and one additive mask per forward call is shared by every layer.
#include "model/layers.h"

#include <cmath>

#include "model/device.h"
#include "model/fused_ops.h"

namespace catdpo {

ProjectionImpl::ProjectionImpl(std::int64_t in, std::int64_t out, bool withBias, bool conv1dLayout)
    : inFeatures(in), outFeatures(out), conv1d(conv1dLayout) {
  weight = register_parameter("weight", conv1d ? at::empty({in, out}) : at::empty({out, in}));
  if (withBias) bias = register_parameter("bias", at::empty({out}));
}

at::Tensor ProjectionImpl::forward(const at::Tensor& x) {
  at::Tensor y = project(x, weight, bias, conv1d);
  if (m_loraA && m_loraEnabled) {
    // Adapters of a bfloat16 model stay float32: outside autocast their input is cast to them
    // and their output back (under autocast the products are bfloat16 either way).
    const at::ScalarType adapterType = m_loraA->weight.scalar_type();
    const at::Tensor xa =
        x.scalar_type() == adapterType || activeAutocastDtype(x.device()) ? x : x.to(adapterType);
    const at::Tensor in =
        (m_loraDropout > 0 && is_training()) ? at::dropout(xa, m_loraDropout, true) : xa;
    at::Tensor delta = at::linear(at::linear(in, m_loraA->weight), m_loraB->weight) * m_loraScale;
    if (delta.scalar_type() != y.scalar_type()) delta = delta.to(y.scalar_type());
    y = y + delta;
  }
  return y;
}

void ProjectionImpl::addLora(std::int64_t rank, double alpha, double dropout, at::Generator gen) {
  if (m_loraA) return;
  // Trainable adapters of a reduced-precision model are kept in float32 (their AdamW updates
  // would otherwise round away); float32 and float64 models keep their own type.
  const bool reducedBase =
      weight.scalar_type() == at::kBFloat16 || weight.scalar_type() == at::kHalf;
  const auto opts =
      weight.options().dtype(reducedBase ? at::kFloat : weight.scalar_type()).requires_grad(false);
  // PEFT's initialisation: A ~ Kaiming-uniform(a=sqrt(5)) = U(-1/sqrt(in), 1/sqrt(in)), B = 0,
  // so the adapted model starts exactly equal to the base.
  at::Tensor a = at::empty({rank, inFeatures}, at::TensorOptions().dtype(at::kFloat));
  const double bound = 1.0 / std::sqrt(static_cast<double>(inFeatures));
  a.uniform_(-bound, bound, gen);
  m_loraA = register_module("lora_A", std::make_shared<TensorHolderImpl>(a.to(opts)));
  m_loraB = register_module(
      "lora_B", std::make_shared<TensorHolderImpl>(at::zeros({outFeatures, rank}, opts)));
  m_loraA->weight.set_requires_grad(true);
  m_loraB->weight.set_requires_grad(true);
  m_loraScale = alpha / static_cast<double>(rank);
  m_loraDropout = dropout;
}

at::Tensor ProjectionImpl::loraDelta() const {
  at::Tensor delta =
      at::matmul(m_loraB->weight.to(at::kFloat), m_loraA->weight.to(at::kFloat)) * m_loraScale;
  return conv1d ? delta.t() : delta;
}

void ProjectionImpl::mergeLora() {
  if (!m_loraA) return;
  {
    at::NoGradGuard noGrad;
    weight.add_(loraDelta().to(weight.scalar_type()));
  }
  unregister_module("lora_A");
  unregister_module("lora_B");
  m_loraA.reset();
  m_loraB.reset();
}

NormImpl::NormImpl(std::int64_t dim, double eps, bool layerNorm, bool plusOne)
    : m_eps(eps), m_layerNorm(layerNorm), m_plusOne(plusOne) {
  weight = register_parameter("weight", plusOne ? at::zeros({dim}) : at::ones({dim}));
  if (layerNorm) bias = register_parameter("bias", at::zeros({dim}));
}

at::Tensor NormImpl::forward(const at::Tensor& x) {
  if (m_layerNorm) {
    // LayerNorm wants its input in its weights' type (LibTorch 1.13's CPU autocast does not
    // cast for it); the residual stream normally is already.
    const at::Tensor in = x.scalar_type() == weight.scalar_type() ? x : x.to(weight.scalar_type());
    return at::layer_norm(in, {weight.size(0)}, weight, bias, m_eps);
  }
  return rmsNorm(x, weight, m_eps, m_plusOne);
}

at::Tensor applyRope(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin) {
  const std::int64_t rotary = cos.size(-1);
  if (rotary == x.size(-1)) return rotaryEmbedding(x, cos, sin);
  // Partial rotary embedding (Phi-3 variants): the trailing dims pass through unrotated.
  return at::cat({rotaryEmbedding(x.narrow(-1, 0, rotary), cos, sin),
                  x.narrow(-1, rotary, x.size(-1) - rotary)},
                 -1);
}

AttentionImpl::AttentionImpl(const ModelConfig& c, std::int64_t layer)
    : m_heads(c.numHeads),
      m_kvHeads(c.numKvHeads),
      m_headDim(c.headDim),
      m_gpt2(c.isGpt2()),
      m_sliding(c.slidingLayer(layer)),
      m_fused(c.fusedProjections),
      m_scale(1.0 / std::sqrt(c.queryPreAttnScalar > 0 ? c.queryPreAttnScalar
                                                       : static_cast<double>(c.headDim))),
      m_softcap(c.attnSoftcap) {
  const std::int64_t qDim = m_heads * m_headDim;
  const std::int64_t kvDim = m_kvHeads * m_headDim;
  if (m_gpt2) {
    m_qkv = register_module("c_attn", Projection(c.hiddenSize, 3 * qDim, true, true));
    m_o = register_module("c_proj", Projection(qDim, c.hiddenSize, true, true));
    return;
  }
  if (m_fused) {
    m_qkv =
        register_module("qkv_proj", Projection(c.hiddenSize, qDim + 2 * kvDim, c.attentionBias));
  } else {
    m_q = register_module("q_proj", Projection(c.hiddenSize, qDim, c.attentionBias));
    m_k = register_module("k_proj", Projection(c.hiddenSize, kvDim, c.attentionBias));
    m_v = register_module("v_proj", Projection(c.hiddenSize, kvDim, c.attentionBias));
  }
  m_o = register_module("o_proj", Projection(qDim, c.hiddenSize, c.outputBias));
  if (c.qkNorm) {
    m_qNorm = register_module("q_norm", Norm(m_headDim, c.normEps, false, c.normPlusOne));
    m_kNorm = register_module("k_norm", Norm(m_headDim, c.normEps, false, c.normPlusOne));
  }
}

std::vector<std::pair<std::string, Projection>> AttentionImpl::projections() const {
  if (m_gpt2) return {{"c_attn", m_qkv}, {"c_proj", m_o}};
  if (m_fused) return {{"qkv_proj", m_qkv}, {"o_proj", m_o}};
  return {{"q_proj", m_q}, {"k_proj", m_k}, {"v_proj", m_v}, {"o_proj", m_o}};
}

at::Tensor AttentionImpl::forward(const at::Tensor& x, const AttentionContext& ctx,
                                  LayerCache* cache) {
  const std::int64_t b = x.size(0), t = x.size(1);
  at::Tensor q, k, v;
  if (m_gpt2 || m_fused) {
    const std::int64_t kvDim = m_kvHeads * m_headDim;
    const auto parts = m_qkv(x).split_with_sizes({m_heads * m_headDim, kvDim, kvDim}, -1);
    q = parts[0].reshape({b, t, m_heads, m_headDim});
    k = parts[1].reshape({b, t, m_kvHeads, m_headDim});
    v = parts[2].reshape({b, t, m_kvHeads, m_headDim});
    if (m_qNorm) {
      q = m_qNorm(q);
      k = m_kNorm(k);
    }
  } else {
    q = m_q(x).view({b, t, m_heads, m_headDim});
    k = m_k(x).view({b, t, m_kvHeads, m_headDim});
    v = m_v(x).view({b, t, m_kvHeads, m_headDim});
    if (m_qNorm) {
      q = m_qNorm(q);
      k = m_kNorm(k);
    }
  }
  q = q.transpose(1, 2);  // [B, H, T, D]
  k = k.transpose(1, 2);
  v = v.transpose(1, 2);
  const bool local = m_sliding && ctx.localCos.defined();
  const at::Tensor& cos = local ? ctx.localCos : ctx.cos;
  const at::Tensor& sin = local ? ctx.localSin : ctx.sin;
  if (cos.defined()) {
    q = applyRope(q, cos, sin);
    k = applyRope(k, cos, sin);
  }
  if (cache) {
    const std::int64_t total = ctx.pastLength + t;
    cache->keys.narrow(2, ctx.pastLength, t).copy_(k);
    cache->values.narrow(2, ctx.pastLength, t).copy_(v);
    k = cache->keys.narrow(2, 0, total);
    v = cache->values.narrow(2, 0, total);
  }
  const std::int64_t s = k.size(2);
  const std::int64_t groups = m_heads / m_kvHeads;
  // Scale q (T x D values) rather than the scores (T x S values).
  q = q * m_scale;
  // Fold each kv head's query group into rows: [B, Hkv, G*T, D] (a view when contiguous).
  q = q.reshape({b, m_kvHeads, groups * t, m_headDim});
  at::Tensor scores = at::matmul(q, k.transpose(-1, -2));  // [B, Hkv, G*T, S]
  // Soft-capping (Gemma 2) bounds the scores before the mask is added.
  if (m_softcap > 0) scores = at::tanh(scores / m_softcap) * m_softcap;
  const at::Tensor& mask = m_sliding && ctx.slidingMask.defined() ? ctx.slidingMask : ctx.mask;
  if (mask.defined()) {
    if (groups == 1 && m_softcap <= 0) {
      scores.add_(mask);  // in place on the matmul output (its backward does not need it)
    } else if (groups == 1) {
      scores = scores + mask;
    } else {
      // Out of place: an in-place add through a view would cost a CopySlices node in backward.
      scores = (scores.view({b, m_kvHeads, groups, t, s}) + mask.unsqueeze(1))
                   .view({b, m_kvHeads, groups * t, s});
    }
  }
  // Reduced precision normalises in float32; float32 and float64 in their own type (a float64
  // mask value cast to float32 would be -inf, and a padding row of only -inf gives NaN).
  const bool reducedScores =
      scores.scalar_type() == at::kBFloat16 || scores.scalar_type() == at::kHalf;
  at::Tensor probs = reducedScores ? at::softmax(scores, -1, at::kFloat).to(scores.scalar_type())
                                   : at::softmax(scores, -1);
  at::Tensor out = at::matmul(probs, v);  // [B, Hkv, G*T, D]
  out = out.view({b, m_heads, t, m_headDim}).transpose(1, 2).reshape({b, t, m_heads * m_headDim});
  return m_o(out);
}

MlpImpl::MlpImpl(const ModelConfig& c)
    : m_gpt2(c.isGpt2()), m_fused(c.fusedProjections), m_act(c.hiddenAct) {
  const std::int64_t h = c.hiddenSize, inner = c.intermediateSize;
  if (m_gpt2) {
    m_fc = register_module("c_fc", Projection(h, inner, true, true));
    m_proj = register_module("c_proj", Projection(inner, h, true, true));
    return;
  }
  if (m_fused) {
    m_gateUp = register_module("gate_up_proj", Projection(h, 2 * inner, c.mlpBias));
  } else {
    m_gate = register_module("gate_proj", Projection(h, inner, c.mlpBias));
    m_up = register_module("up_proj", Projection(h, inner, c.mlpBias));
  }
  m_down = register_module("down_proj", Projection(inner, h, c.mlpBias));
}

std::vector<std::pair<std::string, Projection>> MlpImpl::projections() const {
  if (m_gpt2) return {{"c_fc", m_fc}, {"c_proj", m_proj}};
  if (m_fused) return {{"gate_up_proj", m_gateUp}, {"down_proj", m_down}};
  return {{"gate_proj", m_gate}, {"up_proj", m_up}, {"down_proj", m_down}};
}

namespace {
at::Tensor activate(const at::Tensor& x, const std::string& act) {
  if (act == "silu") return at::silu(x);
  if (act == "gelu_new" || act == "gelu_pytorch_tanh") return at::gelu(x, "tanh");
  return at::gelu(x);
}
}  // namespace

at::Tensor MlpImpl::forward(const at::Tensor& x) {
  if (m_gpt2) return m_proj(activate(m_fc(x), m_act));
  if (m_fused) {
    // Phi-3's gate_up_proj holds the gate's rows first, then the up projection's.
    const auto parts = m_gateUp(x).chunk(2, -1);
    return m_down(activate(parts[0], m_act) * parts[1]);
  }
  return m_down(activate(m_gate(x), m_act) * m_up(x));
}

BlockImpl::BlockImpl(const ModelConfig& c, std::int64_t layer) {
  const bool gpt2 = c.isGpt2();
  const auto norm = [&] { return Norm(c.hiddenSize, c.normEps, gpt2, c.normPlusOne); };
  m_norm1 = register_module(gpt2 ? "ln_1" : "input_layernorm", norm());
  attention = register_module(gpt2 ? "attn" : "self_attn", Attention(c, layer));
  // Without sandwich norms post_attention_layernorm is the MLP's input norm; with them it
  // normalises the attention output and pre_feedforward_layernorm is the MLP's input norm.
  m_norm2 = register_module(gpt2 ? "ln_2" : "post_attention_layernorm", norm());
  if (c.sandwichNorms) {
    m_preFeedforward = register_module("pre_feedforward_layernorm", norm());
    m_postFeedforward = register_module("post_feedforward_layernorm", norm());
  }
  mlp = register_module("mlp", Mlp(c));
}

at::Tensor BlockImpl::forward(const at::Tensor& x, const AttentionContext& ctx, LayerCache* cache) {
  if (m_preFeedforward) {
    const at::Tensor h = x + m_norm2(attention(m_norm1(x), ctx, cache));
    return h + m_postFeedforward(mlp(m_preFeedforward(h)));
  }
  const at::Tensor h = x + attention(m_norm1(x), ctx, cache);
  return h + mlp(m_norm2(h));
}

}  // namespace catdpo
