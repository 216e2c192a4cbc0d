// SPDX-License-Identifier: MIT
// The forward pass builds everything the layers share once per call (positions, the additive
// mask, RoPE tables) and then runs the blocks. The mask uses a large finite negative instead of
// -inf so rows that are entirely padding stay finite (their outputs are never used).
#include "model/causal_lm.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "common/error.h"
#include "model/activation_checkpoint.h"
#include "model/device.h"
#include "model/fused_ops.h"
#include "model/rope.h"
#include "model/token_logprobs.h"

namespace catdpo {

namespace {

double maskValue(at::ScalarType dtype) {
  if (dtype == at::kHalf) return -65000.0;
  if (dtype == at::kDouble) return -1e300;
  return -1e30;  // representable in float32 and bfloat16
}

}  // namespace

CausalLmImpl::CausalLmImpl(const ModelConfig& config) : m_config(config) {
  m_config.validate();
  const bool gpt2 = m_config.isGpt2();
  m_backbone =
      register_module(gpt2 ? "transformer" : "model", std::make_shared<torch::nn::Module>());
  m_tokens = m_backbone->register_module(gpt2 ? "wte" : "embed_tokens",
                                         Embedding(m_config.vocabSize, m_config.hiddenSize));
  if (gpt2)
    m_positions =
        m_backbone->register_module("wpe", Embedding(m_config.maxPositions, m_config.hiddenSize));
  m_stack =
      m_backbone->register_module(gpt2 ? "h" : "layers", std::make_shared<torch::nn::Module>());
  for (std::int64_t i = 0; i < m_config.numLayers; ++i)
    m_blocks.push_back(m_stack->register_module(std::to_string(i), Block(m_config, i)));
  m_finalNorm = m_backbone->register_module(
      gpt2 ? "ln_f" : "norm",
      Norm(m_config.hiddenSize, m_config.normEps, gpt2, m_config.normPlusOne));
  if (!m_config.tieWordEmbeddings)
    m_lmHead =
        register_module("lm_head", Projection(m_config.hiddenSize, m_config.vocabSize, false));
}

at::Device CausalLmImpl::device() const { return m_tokens->weight.device(); }
at::ScalarType CausalLmImpl::dtype() const { return m_tokens->weight.scalar_type(); }

at::Tensor CausalLmImpl::lmHeadWeight() const {
  return m_lmHead ? m_lmHead->weight : m_tokens->weight;
}

at::Tensor CausalLmImpl::logitsFromHidden(const at::Tensor& h) {
  const at::Tensor logits = project(h, lmHeadWeight(), {}, /*inOutLayout=*/false);
  const double cap = m_config.finalSoftcap;
  return cap > 0 ? at::tanh(logits / cap) * cap : logits;
}

at::Tensor CausalLmImpl::forward(const at::Tensor& ids, const at::Tensor& attentionMask,
                                 const at::Tensor& positionIds) {
  return logitsFromHidden(hidden(ids, attentionMask, positionIds));
}

at::Tensor CausalLmImpl::hidden(const at::Tensor& ids, const at::Tensor& attentionMask,
                                const at::Tensor& positionIds, KvCache* cache) {
  if (ids.dim() != 2) throw Error("token ids must be a [batch, length] tensor");
  const std::int64_t b = ids.size(0), t = ids.size(1);
  const std::int64_t past = cache ? cache->length : 0;
  const std::int64_t total = past + t;
  if (attentionMask.defined() &&
      (attentionMask.dim() != 2 || attentionMask.size(0) != b || attentionMask.size(1) != total))
    throw Error("attention mask must be [batch, cached + new length] = [" + std::to_string(b) +
                ", " + std::to_string(total) + "]");
  if (cache && total > cache->capacity)
    throw Error("KV cache holds " + std::to_string(cache->capacity) + " positions, " +
                std::to_string(total) + " needed");
  if (m_config.isGpt2() && total > m_config.maxPositions)
    throw Error("sequence of " + std::to_string(total) + " tokens exceeds the model's " +
                std::to_string(m_config.maxPositions) + " positions");
  const auto device = ids.device();
  const auto longOpts = at::TensorOptions().dtype(at::kLong).device(device);
  // The mask and the RoPE tables take the type the products run in: autocast's, when on.
  const at::ScalarType dtype = activeAutocastDtype(device).value_or(this->dtype());

  at::Tensor positions = positionIds;
  if (!positions.defined()) {
    if (attentionMask.defined()) {
      // Left padding: a token's position is the number of real tokens before it.
      positions = (attentionMask.to(at::kLong).cumsum(-1) - 1).clamp_min(0).narrow(1, past, t);
    } else {
      positions = at::arange(past, total, longOpts).unsqueeze(0);
    }
  }

  at::Tensor x = m_tokens(ids);
  if (m_positions) x = x + m_positions(positions);
  // Gemma scales the embeddings by sqrt(hidden_size) rounded to the weights' type, as its
  // reference does (a bfloat16 model multiplies by the rounded value).
  if (m_config.scaleEmbeddings)
    x = x * at::scalar_tensor(std::sqrt(static_cast<double>(m_config.hiddenSize)),
                              x.options().dtype(this->dtype()));

  AttentionContext ctx;
  ctx.pastLength = past;
  bool sliding = false;
  for (std::int64_t i = 0; i < m_config.numLayers; ++i)
    sliding = sliding || m_config.slidingLayer(i);
  // A key is visible to a query within the window: query index - key index < window.
  const bool windowBites = sliding && total > m_config.slidingWindow;
  if (t > 1 || attentionMask.defined() || windowBites) {
    const at::Tensor keyIdx = at::arange(total, longOpts).unsqueeze(0);          // [1, S]
    const at::Tensor queryIdx = at::arange(past, total, longOpts).unsqueeze(1);  // [T, 1]
    at::Tensor allowed = keyIdx.le(queryIdx).unsqueeze(0);                       // [1, T, S]
    if (attentionMask.defined())
      allowed = allowed.logical_and(attentionMask.to(at::kBool).unsqueeze(1));
    const auto additive = [&](const at::Tensor& ok) {
      return at::zeros(ok.sizes(), at::TensorOptions().dtype(dtype).device(device))
          .masked_fill_(ok.logical_not(), maskValue(dtype))
          .unsqueeze(1);  // [B|1, 1, T, S]
    };
    ctx.mask = additive(allowed);
    if (windowBites)
      ctx.slidingMask = additive(
          allowed.logical_and((queryIdx - keyIdx).lt(m_config.slidingWindow).unsqueeze(0)));
  }
  if (!m_config.isGpt2()) {
    std::tie(ctx.cos, ctx.sin) = ropeTables(m_config, positions, dtype);
    if (sliding && m_config.ropeLocalTheta > 0)
      std::tie(ctx.localCos, ctx.localSin) = ropeTables(m_config, positions, dtype, /*local=*/true);
  }

  const bool recompute = m_checkpointing && !cache && is_training() && at::GradMode::is_enabled();
  for (std::size_t i = 0; i < m_blocks.size(); ++i)
    x = recompute ? checkpointedBlock(*m_blocks[i], x, ctx)
                  : m_blocks[i](x, ctx, cache ? &cache->layers[i] : nullptr);
  if (cache) cache->length = total;
  return m_finalNorm(x);
}

SequenceLogprobs CausalLmImpl::sequenceLogprobs(const at::Tensor& ids,
                                                const at::Tensor& attentionMask,
                                                const at::Tensor& targetMask,
                                                std::int64_t chunkRows) {
  if (!targetMask.defined() || targetMask.sizes() != ids.sizes())
    throw Error("target mask must have the shape of the token ids");
  const std::int64_t b = ids.size(0), t = ids.size(1);
  const at::Tensor h = hidden(ids, attentionMask);
  const std::int64_t e = h.size(-1);
  // Hidden state at position p predicts token p + 1: select only those feeding a target token.
  const at::Tensor where = targetMask.narrow(1, 1, t - 1).to(at::kBool).nonzero();  // [N, 2]
  const at::Tensor seq = where.select(1, 0);
  const at::Tensor rows = seq * t + where.select(1, 1);
  at::Tensor hs = h.reshape({b * t, e}).index_select(0, rows);
  const at::Tensor targets = ids.reshape({b * t}).index_select(0, rows + 1);
  at::Tensor weight = lmHeadWeight();
  if (const auto low = activeAutocastDtype(ids.device()); low && hs.is_floating_point()) {
    // The head's products in autocast's type, cast once for all chunks (the log-softmax stays
    // float32 inside targetLogprobs); its backward then multiplies in that type too.
    hs = hs.to(*low);
    weight = weight.to(*low);
  }
  const std::int64_t n = rows.size(0);
  const std::int64_t chunk = chunkRows > 0 ? chunkRows : std::max<std::int64_t>(n, 1);
  std::vector<at::Tensor> parts;
  for (std::int64_t start = 0; start < n; start += chunk) {
    const std::int64_t len = std::min(chunk, n - start);
    parts.push_back(targetLogprobs(hs.narrow(0, start, len), weight, targets.narrow(0, start, len),
                                   m_config.finalSoftcap));
  }
  const auto floatOpts = at::TensorOptions().dtype(at::kFloat).device(ids.device());
  const at::Tensor tokenLogp = parts.empty()       ? at::zeros({0}, floatOpts)
                               : parts.size() == 1 ? parts[0]
                                                   : at::cat(parts);
  SequenceLogprobs out;
  out.sum = at::zeros({b}, floatOpts).index_add(0, seq, tokenLogp);
  out.count = at::bincount(seq, {}, b);
  return out;
}

KvCache CausalLmImpl::makeCache(std::int64_t batch, std::int64_t capacity) const {
  KvCache cache;
  cache.capacity = capacity;
  const auto opts = m_tokens->weight.options()
                        .dtype(activeAutocastDtype(device()).value_or(dtype()))
                        .requires_grad(false);
  for (std::size_t i = 0; i < m_blocks.size(); ++i)
    cache.layers.push_back(
        {at::empty({batch, m_config.numKvHeads, capacity, m_config.headDim}, opts),
         at::empty({batch, m_config.numKvHeads, capacity, m_config.headDim}, opts)});
  return cache;
}

CausalLm createModel(const ModelConfig& config, std::uint64_t seed, const at::Device& device,
                     at::ScalarType dtype) {
  CausalLm model(config);
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const double std = config.initializerRange;
  const double residualStd = std / std::sqrt(2.0 * static_cast<double>(config.numLayers));
  {
    at::NoGradGuard noGrad;
    for (const auto& item : model->named_modules()) {
      const std::string& name = item.key();
      if (auto* proj = dynamic_cast<ProjectionImpl*>(item.value().get())) {
        const bool residual =
            config.isGpt2() && name.size() >= 6 && name.compare(name.size() - 6, 6, "c_proj") == 0;
        proj->weight.normal_(0.0, residual ? residualStd : std, gen);
        if (proj->bias.defined()) proj->bias.zero_();
      } else if (auto* emb = dynamic_cast<EmbeddingImpl*>(item.value().get())) {
        emb->weight.normal_(0.0, std, gen);
      }
    }
  }
  model->to(device, dtype);
  return model;
}

}  // namespace catdpo
