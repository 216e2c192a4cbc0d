// SPDX-License-Identifier: MIT
// Base-model building: tokenizer training, SFT over response tokens with AdamW + cosine
// schedule on length-bucketed batches, and an atomic save as a Hugging Face folder.
#include "experiment/base_model.h"

#include <ATen/ATen.h>
#include <torch/optim/adamw.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "common/error.h"
#include "common/paths.h"
#include "data/demo_generator.h"
#include "model/causal_lm.h"
#include "model/checkpoint.h"
#include "text/chat_template.h"
#include "text/tokenizer.h"
#include "train/batch_sampler.h"
#include "train/sequence_batch.h"

namespace catdpo {
namespace fs = std::filesystem;

namespace {

// Which response of each pair the SFT mix trains on (-1: skip the pair).
std::vector<int> chooseResponses(const Dataset& data, const BaseModelOptions& o) {
  std::mt19937_64 rng(o.seed * 31 + 7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<int> choice;
  choice.reserve(data.pairs.size());
  for (const PreferencePair& p : data.pairs) {
    if (o.mix == SftMix::Helpful || p.kind != PromptKind::Harmful || !p.hasSafetyLabels() ||
        p.bothSafe() || p.bothUnsafe() || p.categories.empty()) {
      choice.push_back(p.better);
      continue;
    }
    const int unsafeIdx = p.unsafe[0] == 1 ? 0 : 1;
    double rate = 0.6;
    const int k = p.categories.front();
    if (!o.unsafeRate.empty())
      rate = o.unsafeRate.at(static_cast<std::size_t>(k));
    else if (k < 19)
      rate = std::array<double, 3>{0.35, 0.6, 0.85}[demoCategoryTier(k)];
    choice.push_back(u(rng) < rate ? unsafeIdx : 1 - unsafeIdx);
  }
  return choice;
}

ModelConfig smallLlamaConfig(const BaseModelOptions& o, const Tokenizer& tok) {
  ModelConfig c;
  c.family = ModelFamily::Llama;
  c.architecture = "LlamaForCausalLM";
  c.vocabSize = tok.vocabSize();
  c.hiddenSize = o.hidden;
  c.intermediateSize = o.intermediate;
  c.numLayers = o.layers;
  c.numHeads = o.heads;
  c.numKvHeads = o.kvHeads;
  c.headDim = o.hidden / o.heads;
  c.maxPositions = std::max(512, o.maxLength * 2);
  c.normEps = 1e-5;
  c.ropeTheta = 10000.0;
  c.tieWordEmbeddings = true;
  c.hiddenAct = "silu";
  if (tok.bosId() >= 0) c.bosTokenId = tok.bosId();
  if (tok.eosId() >= 0) c.eosTokenIds = {tok.eosId()};
  if (tok.padId() >= 0) c.padTokenId = tok.padId();
  c.validate("base model options");
  return c;
}

}  // namespace

double buildBaseModel(const Dataset& train, const fs::path& outDir, const BaseModelOptions& o,
                      const BuildProgressFn& progress, const RunControl* control) {
  if (train.pairs.empty()) throw Error("cannot build a base model from an empty data set");
  auto report = [&](const char* stage, double f, const std::string& msg) {
    if (progress) progress({stage, f, msg});
  };
  const ChatTemplate chat = ChatTemplate::byName(o.chatTemplate);
  const std::vector<int> choice = chooseResponses(train, o);

  report("tokenizer", 0, "training a byte-level BPE tokenizer");
  std::vector<std::string> corpus;
  corpus.reserve(train.pairs.size() * 2);
  for (const PreferencePair& p : train.pairs) {
    corpus.push_back(chat.promptText(p.prompt));
    corpus.push_back(p.response[0]);
    corpus.push_back(p.response[1]);
  }
  const Tokenizer tok = trainBpe(corpus, o.vocabSize, {"<|endoftext|>", "<pad>"});
  report("tokenizer", 1, "vocabulary " + std::to_string(tok.vocabSize()));

  std::vector<PairExample> examples;
  examples.reserve(train.pairs.size());
  for (std::size_t i = 0; i < train.pairs.size(); ++i) {
    const PreferencePair& p = train.pairs[i];
    const PromptResponseIds ids = chat.encode(tok, p.prompt, p.response[choice[i]], true);
    PairExample ex;
    ex.prompt = ids.prompt;
    ex.response[0] = ids.response;
    const std::size_t budget = static_cast<std::size_t>(o.maxLength);
    if (ex.prompt.size() > budget / 2)
      ex.prompt.erase(ex.prompt.begin(), ex.prompt.end() - budget / 2);
    if (ex.prompt.size() + ex.response[0].size() > budget)
      ex.response[0].resize(budget - ex.prompt.size());
    examples.push_back(std::move(ex));
  }

  const ModelConfig config = smallLlamaConfig(o, tok);
  CausalLm model = createModel(config, o.seed);
  torch::optim::AdamW optimizer(model->parameters(),
                                torch::optim::AdamWOptions(o.learningRate).weight_decay(0.01));
  std::vector<int> lengths;
  for (const auto& ex : examples) lengths.push_back(ex.sequenceLength(0));
  BatchSampler sampler(lengths, o.batchSize, o.seed);
  const auto steps = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::ceil(o.epochs * examples.size() / o.batchSize)));
  const std::int64_t warmup = std::max<std::int64_t>(1, steps / 20);
  const std::int32_t pad = std::max(0, tok.padId());
  double smoothed = std::nan("");
  at::manual_seed(o.seed);
  for (std::int64_t step = 0; step < steps; ++step) {
    if (control && control->cancelRequested())
      throw Error("cancelled while building the base model");
    const double lr =
        step < warmup ? o.learningRate * (step + 1) / warmup
                      : o.learningRate *
                            (0.1 + 0.9 * 0.5 *
                                       (1 + std::cos(M_PI * (step - warmup) /
                                                     std::max<std::int64_t>(1, steps - warmup))));
    for (auto& g : optimizer.param_groups())
      static_cast<torch::optim::AdamWOptions&>(g.options()).lr(lr);
    std::vector<std::pair<int, int>> rows;
    for (int e : sampler.next()) rows.emplace_back(e, 0);
    const SequenceBatch batch = makeSequenceBatch(examples, rows, pad, model->device());
    optimizer.zero_grad();
    const SequenceLogprobs lp = model->sequenceLogprobs(batch.ids, {}, batch.targetMask);
    const at::Tensor loss = -lp.sum.sum() / lp.count.sum().clamp_min(1);
    loss.backward();
    std::vector<at::Tensor> grads;
    for (const auto& p : model->parameters())
      if (p.grad().defined()) grads.push_back(p.grad().norm(2));
    const double norm = at::stack(grads).norm(2).item<double>();
    if (norm > 1.0)
      for (auto& p : model->parameters())
        if (p.grad().defined()) p.grad().mul_(1.0 / (norm + 1e-6));
    optimizer.step();
    const double l = loss.item<double>();
    if (!std::isfinite(l))
      throw Error("base model training diverged at step " + std::to_string(step + 1));
    smoothed = std::isnan(smoothed) ? l : 0.95 * smoothed + 0.05 * l;
    if (step % 10 == 0 || step + 1 == steps)
      report("sft", static_cast<double>(step + 1) / steps,
             "step " + std::to_string(step + 1) + "/" + std::to_string(steps) + ", loss " +
                 std::to_string(smoothed));
  }

  report("save", 0, "writing " + outDir.string());
  SaveOptions save;
  save.writeExtra = [&](const fs::path& tmp) {
    tok.save(tmp);
    const nlohmann::json info = {
        {"built_by", "catdpo demo-model"},
        {"pairs", train.pairs.size()},
        {"data_fingerprint", train.fingerprint},
        {"sft_steps", steps},
        {"sft_loss", smoothed},
        {"chat_template", o.chatTemplate},
        {"mix", o.mix == SftMix::Helpful ? "helpful" : "demo_unsafe_by_category"}};
    std::ofstream(tmp / "catdpo_base_model.json") << info.dump(2) << "\n";
  };
  savePretrained(outDir, model, save);
  report("save", 1, "saved");
  return smoothed;
}

BaseModelOptions demoModelOptions(bool quick) {
  BaseModelOptions o;
  o.mix = SftMix::DemoUnsafeByCategory;
  if (quick) {
    o.vocabSize = 600;
    o.hidden = 48;
    o.layers = 2;
    o.heads = 4;
    o.kvHeads = 2;
    o.intermediate = 128;
    o.epochs = 1.0;
    o.maxLength = 96;
  }
  return o;
}

fs::path ensureDemoModel(const BuildProgressFn& progress, const RunControl* control, bool quick) {
  // v2: the demo set holds out 32 prompts per category (v1 models were trained on 20 of them).
  const fs::path dir = demoModelDir() / (quick ? "quick-v2" : "v2");
  if (fs::exists(dir / "config.json") && fs::exists(dir / "tokenizer.json") &&
      fs::exists(dir / "model.safetensors"))
    return dir;
  DemoOptions demo;
  if (quick) demo.pairs = 1200;
  const DemoData data = generateDemoData(demo);
  buildBaseModel(data.train, dir, demoModelOptions(quick), progress, control);
  return dir;
}

}  // namespace catdpo
