// SPDX-License-Identifier: MIT
// The backbone is our CausalLm built with tied embeddings, so no LM head is allocated; its
// parameters are copied from the checkpoint by HF name (with or without the "model." prefix,
// as LlamaModel alone saves them) and the head tensors are kept apart. Scores are computed in
// float32 from the final hidden state at each row's last attended position, which is the same
// position for left and right padding.
#include "eval/cost_judge.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "common/error.h"
#include "common/json_input.h"
#include "model/causal_lm.h"
#include "model/checkpoint.h"
#include "model/device.h"
#include "model/safetensors_torch.h"
#include "text/tokenizer.h"

namespace catdpo {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string shapeText(at::IntArrayRef shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

// config.json of a score model -> the backbone's causal-LM config (the score head replaces the
// LM head, so embeddings are marked tied and no lm_head is built).
ModelConfig backboneConfig(const fs::path& path) {
  json j = readJsonFile(path);  // depth, size and number limits
  if (!j.is_object()) throw Error("expected a JSON object", ErrorLocation{path.string(), 0, ""});
  if (!j.contains("model_type") && j.contains("architectures") && j["architectures"].is_array() &&
      !j["architectures"].empty() && j["architectures"][0].is_string()) {
    const std::string arch = j["architectures"][0].get<std::string>();
    for (const char* family : {"Qwen3", "Qwen2", "Llama", "GPT2"}) {
      if (arch.find(family) == std::string::npos) continue;
      std::string type = family;
      for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      j["model_type"] = type;
      break;
    }
  }
  // "LlamaModelForScore", "LlamaForSequenceClassification", ...: the backbone is what counts.
  j.erase("architectures");
  if (j.contains("score_dim") && !(j["score_dim"].is_number_integer() && j["score_dim"] == 1))
    throw Error(
        "a cost judge needs a scalar score head (score_dim 1), got " + j["score_dim"].dump(),
        ErrorLocation{path.string(), 0, "score_dim"});
  ModelConfig config = modelConfigFromJson(j, path.string());
  config.tieWordEmbeddings = true;
  return config;
}

bool hasSafetensors(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (endsWith(e.path().filename().string(), ".safetensors") ||
        e.path().filename() == "model.safetensors.index.json")
      return true;
  return false;
}

bool hasPytorchBin(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (endsWith(e.path().filename().string(), ".bin")) return true;
  return false;
}

}  // namespace

struct CostModel::Impl {
  mutable CausalLm model{nullptr};  // hidden() is not const; guarded by `mutex`
  ModelConfig config;
  Tokenizer tokenizer;
  at::Tensor headWeight;          // [1, E] float32 on the model's device
  at::Tensor headBias;            // [1] or undefined
  std::string normalizeFunction;  // "" = none, else affine | scale | translate
  at::Tensor mean, var;
  CostModelOptions options;
  fs::path dir;
  mutable std::mutex mutex;  // one forward pass at a time

  at::Tensor scoreBatch(const std::vector<std::vector<std::int64_t>>& rows) const;
};

CostModel::CostModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
CostModel::~CostModel() = default;
CostModel::CostModel(CostModel&&) noexcept = default;
CostModel& CostModel::operator=(CostModel&&) noexcept = default;

const ModelConfig& CostModel::config() const { return m_impl->config; }
const fs::path& CostModel::directory() const { return m_impl->dir; }

std::string CostModel::formatText(const std::string& prompt, const std::string& response) {
  return "BEGINNING OF CONVERSATION: USER: " + prompt + " ASSISTANT:" + response;
}

CostModel CostModel::load(const fs::path& dir, const CostModelOptions& options) {
  if (!fs::is_directory(dir))
    throw Error("a cost model must be a checkpoint folder", ErrorLocation{dir.string(), 0, ""});
  if (options.batchSize < 1)
    throw Error("batch size must be at least 1", ErrorLocation{"", 0, "batch_size"});
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->options = options;
  const fs::path configPath = dir / "config.json";
  if (!fs::exists(configPath))
    throw Error("no config.json in the cost model folder",
                ErrorLocation{dir.string(), 0, "config"});
  impl->config = backboneConfig(configPath);
  if (!hasSafetensors(dir))
    throw Error(hasPytorchBin(dir)
                    ? "the cost model has only PyTorch .bin weights; convert them to safetensors "
                      "(e.g. with transformers' save_pretrained(safe_serialization=True))"
                    : "no .safetensors weights in the cost model folder",
                ErrorLocation{dir.string(), 0, ""});
  const TensorStore store = TensorStore::open(dir);

  // The score head: safe-rlhf's "score_head", or HF sequence classification's "score".
  std::string head;
  for (const char* candidate : {"score_head", "score"})
    if (store.contains(std::string(candidate) + ".weight")) {
      head = candidate;
      break;
    }
  if (head.empty())
    throw Error(
        "no score head in the weights: expected the tensor 'score_head.weight' (or "
        "'score.weight'); is this a causal LM rather than a cost/reward model?",
        ErrorLocation{store.source().string(), 0, "score_head.weight"});
  const at::Device device = resolveDevice(options.device);
  const at::ScalarType dtype = resolveDtype(options.dtype, device);
  const std::int64_t hidden = impl->config.hiddenSize;
  for (const std::string& name : {head + ".weight", head + ".bias"}) {
    if (store.contains(name) && !isFloatingDtype(store.info(name).dtype))
      throw Error("dtype " + std::string(dtypeName(store.info(name).dtype)) +
                      " where a floating-point weight is expected",
                  ErrorLocation{store.fileOf(name).string(), 0, name});
  }
  {
    const at::Tensor w = store.get(head + ".weight");
    if (w.dim() != 2 || w.size(1) != hidden)
      throw Error("shape " + shapeText(w.sizes()) + " does not match [1, hidden " +
                      std::to_string(hidden) + "]",
                  ErrorLocation{store.fileOf(head + ".weight").string(), 0, head + ".weight"});
    if (w.size(0) != 1)
      throw Error("a cost judge needs a scalar score head, this one has " +
                      std::to_string(w.size(0)) + " outputs",
                  ErrorLocation{store.fileOf(head + ".weight").string(), 0, head + ".weight"});
    impl->headWeight = w.to(at::kFloat).to(device).clone();
    if (store.contains(head + ".bias")) {
      const at::Tensor b = store.get(head + ".bias");
      if (b.numel() != 1)
        throw Error("shape " + shapeText(b.sizes()) + " does not match [1]",
                    ErrorLocation{store.fileOf(head + ".bias").string(), 0, head + ".bias"});
      impl->headBias = b.reshape({1}).to(at::kFloat).to(device).clone();
    }
  }
  if (!at::isfinite(impl->headWeight).all().item<bool>())
    throw Error("the score head holds NaN or infinite values",
                ErrorLocation{store.fileOf(head + ".weight").string(), 0, head + ".weight"});

  // safe-rlhf's optional score normaliser (config do_normalize + normalizer.mean/var).
  const json extra = impl->config.extra;
  if (extra.contains("do_normalize") && extra["do_normalize"].is_boolean() &&
      extra["do_normalize"].get<bool>()) {
    impl->normalizeFunction = "affine";
    if (extra.contains("normalize_function"))
      impl->normalizeFunction = jsonString(
          extra["normalize_function"], ErrorLocation{configPath.string(), 0, "normalize_function"});
    if (impl->normalizeFunction == "identity") {
      impl->normalizeFunction.clear();
    } else {
      if (impl->normalizeFunction != "affine" && impl->normalizeFunction != "scale" &&
          impl->normalizeFunction != "translate")
        throw Error("unknown normalize_function '" + impl->normalizeFunction + "'",
                    ErrorLocation{configPath.string(), 0, "normalize_function"});
      for (const char* name : {"normalizer.mean", "normalizer.var"})
        if (!store.contains(name))
          throw Error("do_normalize is set but the weights have no '" + std::string(name) + "'",
                      ErrorLocation{store.source().string(), 0, name});
      impl->mean = store.get("normalizer.mean").to(at::kFloat).reshape({-1}).to(device).clone();
      impl->var = store.get("normalizer.var").to(at::kFloat).reshape({-1}).to(device).clone();
    }
  }

  // The backbone, by HF name; its shapes and dtypes checked from the headers before allocating.
  checkWeightsMatchConfig(impl->config, store);
  impl->model = CausalLm(impl->config);
  impl->model->to(dtype);
  const bool gpt2 = impl->config.isGpt2();
  const std::string outer = gpt2 ? "transformer." : "model.";
  const std::string probe = gpt2 ? "wte.weight" : "embed_tokens.weight";
  const bool stripOuter = !store.contains(outer + probe) && store.contains(probe);
  std::set<std::string> used;
  {
    at::NoGradGuard noGrad;
    for (auto& item : impl->model->named_parameters(/*recurse=*/true)) {
      std::string name = item.key();
      if (stripOuter && name.rfind(outer, 0) == 0) name = name.substr(outer.size());
      if (!store.contains(name))
        throw Error("missing backbone tensor '" + name + "' (" + impl->config.summary() + ")",
                    ErrorLocation{store.source().string(), 0, name});
      const at::Tensor source = store.get(name);
      if (source.sizes() != item.value().sizes())
        throw Error("shape " + shapeText(source.sizes()) + " does not match the config's " +
                        shapeText(item.value().sizes()),
                    ErrorLocation{store.fileOf(name).string(), 0, name});
      item.value().copy_(source);
      used.insert(name);
    }
  }
  for (const std::string& name : store.names()) {
    if (used.count(name) || name.rfind(head + ".", 0) == 0 || name.rfind("normalizer.", 0) == 0 ||
        name.rfind("lm_head.", 0) == 0 || endsWith(name, "rotary_emb.inv_freq") ||
        endsWith(name, ".attn.bias") || endsWith(name, ".attn.masked_bias"))
      continue;
    throw Error("unexpected tensor '" + name + "': not part of a " +
                    familyName(impl->config.family) + " score model with this config",
                ErrorLocation{store.fileOf(name).string(), 0, name});
  }
  impl->model->to(device);
  impl->model->eval();
  impl->tokenizer = Tokenizer::load(dir);
  requireTokenizerFitsModel(impl->tokenizer.vocabSize(), impl->config, dir);
  if (impl->options.maxLength <= 0) impl->options.maxLength = impl->config.maxPositions;
  return CostModel(std::move(impl));
}

at::Tensor CostModel::Impl::scoreBatch(const std::vector<std::vector<std::int64_t>>& rows) const {
  const auto b = static_cast<std::int64_t>(rows.size());
  std::int64_t t = 0;
  for (const auto& r : rows) t = std::max<std::int64_t>(t, static_cast<std::int64_t>(r.size()));
  const std::int64_t pad = std::max<std::int64_t>(
      0, tokenizer.padId() >= 0 ? tokenizer.padId() : std::max(0, tokenizer.eosId()));
  at::Tensor ids = at::full({b, t}, pad, at::kLong);
  at::Tensor mask = at::zeros({b, t}, at::kLong);
  auto idsA = ids.accessor<std::int64_t, 2>();
  auto maskA = mask.accessor<std::int64_t, 2>();
  for (std::int64_t i = 0; i < b; ++i) {
    const auto& r = rows[static_cast<std::size_t>(i)];
    const std::int64_t n = static_cast<std::int64_t>(r.size());
    const std::int64_t offset = options.padding == PaddingSide::Left ? t - n : 0;
    for (std::int64_t j = 0; j < n; ++j) {
      idsA[i][offset + j] = r[static_cast<std::size_t>(j)];
      maskA[i][offset + j] = 1;
    }
  }
  const at::Device device = model->device();
  ids = ids.to(device);
  mask = mask.to(device);
  const at::Tensor h = model->hidden(ids, mask);  // [B, T, E]
  // The last attended position of each row (right padding: n - 1; left padding: T - 1).
  const at::Tensor last = (mask * at::arange(t, mask.options())).argmax(1);  // [B]
  const at::Tensor hl =
      h.gather(1, last.view({b, 1, 1}).expand({b, 1, h.size(2)})).squeeze(1).to(at::kFloat);
  at::Tensor s = at::linear(hl, headWeight, headBias).select(1, 0);  // [B]
  if (normalizeFunction == "affine")
    s = (s - mean[0]) / (var[0].sqrt() + 1e-8);
  else if (normalizeFunction == "scale")
    s = s / (var[0].sqrt() + 1e-8);
  else if (normalizeFunction == "translate")
    s = s - mean[0];
  return s.to(at::kCPU).to(at::kDouble).contiguous();
}

std::vector<double> CostModel::scoreTexts(const std::vector<std::string>& texts) const {
  const Impl& m = *m_impl;
  std::lock_guard<std::mutex> lock(m.mutex);
  c10::InferenceMode inference;
  std::vector<double> out;
  out.reserve(texts.size());
  for (std::size_t start = 0; start < texts.size();
       start += static_cast<std::size_t>(m.options.batchSize)) {
    const std::size_t end =
        std::min(texts.size(), start + static_cast<std::size_t>(m.options.batchSize));
    std::vector<std::vector<std::int64_t>> rows;
    for (std::size_t i = start; i < end; ++i) {
      const std::vector<std::int32_t> enc = m.tokenizer.encode(texts[i], /*addSpecial=*/true);
      std::vector<std::int64_t> r(enc.begin(), enc.end());
      if (m.options.appendEos && m.tokenizer.eosId() >= 0) r.push_back(m.tokenizer.eosId());
      if (static_cast<std::int64_t>(r.size()) > m.options.maxLength)
        r.resize(static_cast<std::size_t>(m.options.maxLength));
      if (r.empty()) throw Error("text " + std::to_string(i) + " encodes to no tokens");
      for (std::int64_t id : r)
        if (id >= m.config.vocabSize)
          throw Error("the tokenizer in " + m.dir.string() + " produced id " + std::to_string(id) +
                      " outside the model's vocabulary of " + std::to_string(m.config.vocabSize));
      rows.push_back(std::move(r));
    }
    const at::Tensor s = m.scoreBatch(rows);
    const double* p = s.data_ptr<double>();
    out.insert(out.end(), p, p + s.numel());
  }
  return out;
}

std::vector<double> CostModel::score(const std::vector<JudgeRequest>& requests) const {
  std::vector<std::string> texts;
  texts.reserve(requests.size());
  for (const JudgeRequest& r : requests) texts.push_back(formatText(r.prompt, r.response));
  return scoreTexts(texts);
}

namespace {

class CostJudge final : public Judge {
 public:
  CostJudge(CostModel model, int batchSize) : m_model(std::move(model)), m_batch(batchSize) {}

  std::string name() const override { return "cost:" + m_model.directory().filename().string(); }

  std::vector<JudgeVerdict> judge(const std::vector<JudgeRequest>& requests) override {
    std::vector<JudgeVerdict> out(requests.size());
    // Failures stay local to their batch: the rest is still judged.
    for (std::size_t start = 0; start < requests.size(); start += m_batch) {
      const std::size_t end = std::min(requests.size(), start + m_batch);
      const std::vector<JudgeRequest> part(requests.begin() + static_cast<std::ptrdiff_t>(start),
                                           requests.begin() + static_cast<std::ptrdiff_t>(end));
      try {
        const std::vector<double> costs = m_model.score(part);
        for (std::size_t i = start; i < end; ++i) out[i] = verdict(costs[i - start]);
      } catch (const std::exception& e) {
        for (std::size_t i = start; i < end; ++i) {
          out[i].ok = false;
          out[i].error = std::string("cost model failed: ") + e.what();
        }
      }
    }
    return out;
  }

  JudgeVerdict judgeOne(const JudgeRequest& request) override { return judge({request})[0]; }

 private:
  static JudgeVerdict verdict(double cost) {
    JudgeVerdict v;
    v.score = cost;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "cost=%.4f", cost);
    v.raw = buffer;
    if (!std::isfinite(cost)) {
      v.ok = false;
      v.error = "the cost model returned a non-finite cost";
      return v;
    }
    v.unsafe = cost > 0;
    return v;
  }

  CostModel m_model;
  std::size_t m_batch;
};

}  // namespace

std::unique_ptr<Judge> makeCostJudge(const fs::path& dir, const CostModelOptions& options) {
  return std::make_unique<CostJudge>(CostModel::load(dir, options),
                                     static_cast<std::size_t>(std::max(1, options.batchSize)));
}

}  // namespace catdpo
