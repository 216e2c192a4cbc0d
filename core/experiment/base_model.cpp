// SPDX-License-Identifier: MIT
// Base-model building: the SFT mix, tokenizer training, SFT over response tokens with AdamW +
// cosine schedule on length-bucketed batches, and an atomic save as a Hugging Face folder.
// Texts are cut (at a UTF-8 boundary) to what the model can see before anything reads them,
// so one huge row costs no more than a long one.
#include "experiment/base_model.h"

#include <ATen/ATen.h>
#include <torch/optim/adamw.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "model/causal_lm.h"
#include "model/checkpoint.h"
#include "text/chat_template.h"
#include "text/tokenizer.h"
#include "text/utf8.h"
#include "train/batch_sampler.h"
#include "train/sequence_batch.h"

namespace catdpo {
namespace fs = std::filesystem;

namespace {

// Bytes of one text that can matter: a token is rarely longer than 16 bytes, and the model
// reads at most maxLength tokens of prompt and response together.
std::string_view clipped(const std::string& text, int maxLength) {
  const std::size_t cap = static_cast<std::size_t>(std::max(64, maxLength * 16));
  if (text.size() <= cap) return text;
  std::size_t end = 0;
  while (end < cap) {
    const std::size_t step = static_cast<std::size_t>(text::decodeUtf8At(text, end).length);
    if (end + step > cap) break;
    end += step;
  }
  return std::string_view(text).substr(0, end);
}

// A reproducible uniform draw in [0, 1) (SplitMix64; no std:: distribution).
struct Draw {
  std::uint64_t state;
  double operator()() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0);
  }
};

// Which response of each pair the SFT mix trains on (-1: skip the pair). Benign and
// borderline prompts (by their kind), pairs without safety labels and both-safe pairs: the
// helpfulness winner. A harmful pair: its unsafe response with the category's share, else the
// safe one; a pair with two unsafe responses is trained on with that share, else skipped.
std::vector<int> chooseResponses(const Dataset& data, const BaseModelOptions& o,
                                 SftMixSummary& summary) {
  Draw draw{o.seed * 31 + 7};
  const std::size_t k = data.taxonomy.size();
  summary.harmfulPerCategory.assign(k, 0);
  summary.unsafePerCategory.assign(k, 0);
  std::vector<int> choice;
  choice.reserve(data.pairs.size());
  for (const PreferencePair& p : data.pairs) {
    const double u = draw();
    int pick = p.better;
    const bool helpKind = p.kind == PromptKind::Benign || p.kind == PromptKind::Borderline;
    if (o.mix == SftMix::UnsafeByCategory && !helpKind && p.hasSafetyLabels() && !p.bothSafe()) {
      const int category = p.categories.empty() ? -1 : p.categories.front();
      const double share =
          category >= 0 && static_cast<std::size_t>(category) < o.unsafeShare.size()
              ? o.unsafeShare[static_cast<std::size_t>(category)]
              : o.defaultUnsafeShare;
      const bool unsafe = u < share;
      if (p.bothUnsafe())
        pick = unsafe ? p.better : -1;
      else
        pick = unsafe ? (p.unsafe[0] == 1 ? 0 : 1) : (p.unsafe[0] == 1 ? 1 : 0);
      if (category >= 0 && static_cast<std::size_t>(category) < k) {
        ++summary.harmfulPerCategory[static_cast<std::size_t>(category)];
        if (pick >= 0 && unsafe) ++summary.unsafePerCategory[static_cast<std::size_t>(category)];
      }
    }
    if (pick >= 0) {
      ++summary.examples;
      if (p.hasSafetyLabels() && p.unsafe[pick] == 1) ++summary.unsafeExamples;
    }
    choice.push_back(pick);
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

std::vector<PairExample> sftExamples(const Dataset& train, const std::vector<int>& choice,
                                     const ChatTemplate& chat, const Tokenizer& tok,
                                     int maxLength) {
  std::vector<PairExample> examples;
  const auto budget = static_cast<std::size_t>(maxLength);
  for (std::size_t i = 0; i < train.pairs.size(); ++i) {
    if (choice[i] < 0) continue;
    const PreferencePair& p = train.pairs[i];
    const PromptResponseIds ids =
        chat.encode(tok, std::string(clipped(p.prompt, maxLength)),
                    std::string(clipped(p.response[choice[i]], maxLength)), true);
    PairExample ex;
    ex.prompt = ids.prompt;
    ex.response[0] = ids.response;
    if (ex.prompt.size() > budget / 2)
      ex.prompt.erase(ex.prompt.begin(), ex.prompt.end() - static_cast<std::ptrdiff_t>(budget / 2));
    if (ex.prompt.size() + ex.response[0].size() > budget)
      ex.response[0].resize(budget - ex.prompt.size());
    if (ex.response[0].empty()) continue;  // nothing to learn from an empty answer
    examples.push_back(std::move(ex));
  }
  return examples;
}

}  // namespace

BaseModelOptions baseModelSize(bool quick) {
  BaseModelOptions o;
  if (quick) {
    o.vocabSize = 600;
    o.hidden = 48;
    o.layers = 2;
    o.heads = 4;
    o.kvHeads = 2;
    o.intermediate = 128;
    // 1500 pairs: one epoch was 42 steps, which left the model at the unigram plateau (loss 5.1,
    // empty answers to everything); eight reach loss 1.6 in 330 steps of this small model.
    o.epochs = 8.0;
    o.maxLength = 96;
  }
  return o;
}

nlohmann::json toJson(const BaseModelOptions& o) {
  return {{"vocab_size", o.vocabSize},
          {"hidden", o.hidden},
          {"layers", o.layers},
          {"heads", o.heads},
          {"kv_heads", o.kvHeads},
          {"intermediate", o.intermediate},
          {"max_length", o.maxLength},
          {"epochs", o.epochs},
          {"batch_size", o.batchSize},
          {"learning_rate", o.learningRate},
          {"seed", o.seed},
          {"chat_template", o.chatTemplate},
          {"mix", o.mix == SftMix::Helpful ? "helpful" : "unsafe_by_category"},
          {"unsafe_share", o.unsafeShare},
          {"default_unsafe_share", o.defaultUnsafeShare}};
}

BaseModelResult buildBaseModel(const Dataset& train, const fs::path& outDir,
                               const BaseModelOptions& o, const BuildProgressFn& progress,
                               const RunControl* control, const nlohmann::json* provenance) {
  if (train.pairs.empty()) throw Error("cannot build a base model from an empty data set");
  // The weights depend on how many threads share a reduction (the sums are split differently),
  // and the demo model's cache assumes one model per key: SFT runs on a fixed number of threads,
  // whatever the process set before (LibTorch 1.13 and 2.x also start with different counts).
  struct ThreadScope {
    int previous = at::get_num_threads();
    explicit ThreadScope(int n) { at::set_num_threads(n); }
    ~ThreadScope() { at::set_num_threads(previous); }
  } threads(kBaseModelThreads);
  auto report = [&](const char* stage, double f, const std::string& msg) {
    if (progress) progress({stage, f, msg});
  };
  auto checkCancel = [&] {
    if (control && control->cancelRequested())
      throw Error("cancelled while building the base model");
  };
  const ChatTemplate chat = ChatTemplate::byName(o.chatTemplate);
  BaseModelResult result;
  const std::vector<int> choice = chooseResponses(train, o, result.mix);

  report("tokenizer", 0, "training a byte-level BPE tokenizer");
  std::vector<std::string> corpus;
  corpus.reserve(train.pairs.size() * 3);
  for (const PreferencePair& p : train.pairs) {
    corpus.push_back(chat.promptText(std::string(clipped(p.prompt, o.maxLength))));
    corpus.emplace_back(clipped(p.response[0], o.maxLength));
    corpus.emplace_back(clipped(p.response[1], o.maxLength));
  }
  checkCancel();
  const Tokenizer tok = trainBpe(corpus, o.vocabSize, {"<|endoftext|>", "<pad>"});
  corpus = {};
  report("tokenizer", 1, "vocabulary " + std::to_string(tok.vocabSize()));
  checkCancel();

  std::vector<PairExample> examples = sftExamples(train, choice, chat, tok, o.maxLength);
  if (examples.empty())
    throw Error(
        "no pair of the data set gives an answer to train on (every chosen response "
        "is empty)");
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
    checkCancel();
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
  result.loss = smoothed;
  result.steps = steps;

  report("save", 0, "writing " + outDir.string());
  SaveOptions save;
  save.writeExtra = [&](const fs::path& tmp) {
    tok.save(tmp);
    nlohmann::json info = {{"built_by", "catdpo demo-model"},
                           {"pairs", train.pairs.size()},
                           {"data_fingerprint", train.fingerprint},
                           {"sft_examples", result.mix.examples},
                           {"sft_unsafe_examples", result.mix.unsafeExamples},
                           {"sft_steps", steps},
                           {"sft_loss", smoothed},
                           {"options", toJson(o)}};
    if (provenance) info["data"] = *provenance;
    std::ofstream(tmp / "catdpo_base_model.json") << info.dump(2) << "\n";
  };
  savePretrained(outDir, model, save);
  report("save", 1, "saved");
  return result;
}

}  // namespace catdpo
