// SPDX-License-Identifier: MIT
// Only the last position of each step is projected onto the vocabulary; the prompt is
// prefilled in one call and then one token per step goes through the cache.
#include "model/generate.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <limits>

#include "common/error.h"

namespace catdpo {

at::Tensor pickNextTokens(const at::Tensor& logits, const GenerationOptions& o,
                          at::Generator& gen) {
  if (o.temperature <= 0) return logits.argmax(-1);
  at::Tensor l = logits / o.temperature;
  const double negInf = -std::numeric_limits<double>::infinity();
  const std::int64_t vocab = l.size(-1);
  if (o.topK > 0 && o.topK < vocab) {
    const at::Tensor kth = std::get<0>(l.topk(o.topK, -1)).narrow(-1, o.topK - 1, 1);
    l = l.masked_fill(l < kth, negInf);
  }
  if (o.topP < 1.0) {
    auto [sorted, order] = l.sort(-1, /*descending=*/true);
    const at::Tensor probs = at::softmax(sorted, -1);
    // Drop a token when the tokens ranked above it already reach top_p (the first always stays).
    const at::Tensor remove = (probs.cumsum(-1) - probs) > o.topP;
    sorted = sorted.masked_fill(remove, negInf);
    l = at::full_like(l, negInf).scatter(-1, order, sorted);
  }
  return at::multinomial(at::softmax(l, -1), 1, /*replacement=*/false, gen).squeeze(-1);
}

namespace {

// longrope (Phi-3) rotates with other frequencies once a sequence outgrows the trained context,
// and then every position of it, the cached ones too (as transformers' generate() does, which
// drops its cache at that step). True when a sequence of the batch reaches that length now.
bool crossesLongContext(const ModelConfig& config,
                        const std::vector<std::vector<std::int64_t>>& prompts,
                        std::int64_t promptLen, std::int64_t length) {
  const RopeScaling& s = config.ropeScaling;
  if (s.type != "longrope") return false;
  const std::int64_t original =
      s.originalMaxPositions > 0 ? s.originalMaxPositions : config.maxPositions;
  for (const auto& p : prompts) {
    const std::int64_t real = length - (promptLen - static_cast<std::int64_t>(p.size()));
    if (real == original + 1) return true;
  }
  return false;
}

}  // namespace

GenerationResult generate(CausalLm& model, const std::vector<std::vector<std::int64_t>>& prompts,
                          const GenerationOptions& o) {
  if (prompts.empty()) return {};
  const auto batch = static_cast<std::int64_t>(prompts.size());
  std::int64_t promptLen = 0;
  for (const auto& p : prompts) {
    if (p.empty()) throw Error("cannot generate from an empty prompt");
    promptLen = std::max<std::int64_t>(promptLen, static_cast<std::int64_t>(p.size()));
  }
  const ModelConfig& config = model->config();
  for (const auto& p : prompts)
    for (std::int64_t id : p)
      if (id < 0 || id >= config.vocabSize)
        throw Error("token id " + std::to_string(id) + " is outside the vocabulary (size " +
                    std::to_string(config.vocabSize) + ")");
  const std::int64_t maxNew = std::max<std::int64_t>(o.maxNewTokens, 0);
  const std::int64_t capacity = promptLen + maxNew;
  if (config.isGpt2() && capacity > config.maxPositions)
    throw Error("prompt (" + std::to_string(promptLen) + ") + max new tokens (" +
                std::to_string(maxNew) + ") exceed the model's " +
                std::to_string(config.maxPositions) + " positions");
  GenerationResult result;
  result.tokens.assign(prompts.size(), {});
  result.stopped.assign(prompts.size(), false);
  if (maxNew == 0) return result;

  const bool wasTraining = model->is_training();
  model->eval();
  at::NoGradGuard noGrad;
  const at::Device device = model->device();
  at::Tensor ids = at::full({batch, capacity}, o.padTokenId, at::kLong);
  at::Tensor mask = at::zeros({batch, capacity}, at::kLong);
  for (std::int64_t b = 0; b < batch; ++b) {
    const auto& p = prompts[static_cast<std::size_t>(b)];
    const auto len = static_cast<std::int64_t>(p.size());
    ids[b].narrow(0, promptLen - len, len).copy_(at::tensor(p, at::kLong));
    mask[b].narrow(0, promptLen - len, len).fill_(1);
  }
  ids = ids.to(device);
  mask = mask.to(device);
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  KvCache cache;
  if (o.useCache) cache = model->makeCache(batch, capacity);

  auto lastLogits = [&](std::int64_t length, std::int64_t fresh) {
    at::Tensor h;
    if (o.useCache)
      h = model->hidden(ids.narrow(1, length - fresh, fresh), mask.narrow(1, 0, length), {},
                        &cache);
    else
      h = model->hidden(ids.narrow(1, 0, length), mask.narrow(1, 0, length));
    return model->logitsFromHidden(h.select(1, -1)).to(at::kFloat).to(at::kCPU);
  };

  std::vector<bool> finished(prompts.size(), false);
  at::Tensor logits = lastLogits(promptLen, promptLen);
  for (std::int64_t step = 0; step < maxNew; ++step) {
    at::Tensor next = pickNextTokens(logits, o, gen).contiguous();
    auto* picked = next.data_ptr<std::int64_t>();
    bool allDone = true;
    for (std::size_t b = 0; b < prompts.size(); ++b) {
      if (finished[b]) {
        picked[b] = o.padTokenId;
        continue;
      }
      if (std::find(o.stopTokenIds.begin(), o.stopTokenIds.end(), picked[b]) !=
          o.stopTokenIds.end()) {
        finished[b] = true;
        result.stopped[b] = true;
        continue;
      }
      result.tokens[b].push_back(picked[b]);
      allDone = false;
    }
    if (allDone || step + 1 == maxNew) break;
    const std::int64_t length = promptLen + step + 1;
    ids.narrow(1, length - 1, 1).copy_(next.unsqueeze(1));
    mask.narrow(1, length - 1, 1).fill_(1);
    if (o.useCache && crossesLongContext(config, prompts, promptLen, length)) {
      cache.length = 0;  // keys rotated with the short factors: recompute all with the long ones
      logits = lastLogits(length, length);
    } else {
      logits = lastLogits(length, 1);
    }
  }
  if (wasTraining) model->train();
  return result;
}

}  // namespace catdpo
