// SPDX-License-Identifier: MIT
#include "experiment/engine_setup.h"

#include <cstdlib>

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <chrono>
#include <thread>

#include "common/error.h"
#include "common/paths.h"
#include "eval/generation_eval.h"
#include "eval/implicit_eval.h"
#include "eval/judge_factory.h"
#include "experiment/base_model.h"
#include "model/checkpoint.h"
#include "model/device.h"
#include "model/lora.h"
#include "text/chat_template_auto.h"

namespace catdpo {
namespace fs = std::filesystem;

void configureThreads(int threads) {
  // 0: $OMP_NUM_THREADS when set (a launcher or a shared machine limits it), else every core.
  int n = threads;
  if (n <= 0) {
    const char* env = std::getenv("OMP_NUM_THREADS");
    n = env ? std::atoi(env) : 0;
  }
  if (n <= 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (at::get_num_threads() != n) at::set_num_threads(n);
}

PrecisionChoice resolveRunPrecision(const TrainConfig& config) {
  return resolvePrecision(config.precision, resolveDevice(config.device).is_cuda());
}

ChatTemplate resolveRunChatTemplate(const TrainConfig& config, const LoadedPolicy& policy) {
  const CustomChatFormat custom{config.chatCustom.prompt, config.chatCustom.responsePrefix,
                                config.chatCustom.responseSuffix, config.chatCustom.stop};
  return resolveChatTemplate(config.chatTemplate, config.chatSystem, custom, policy.directory,
                             policy.tokenizer);
}

LoadedPolicy loadPolicy(const TrainConfig& config,
                        const std::function<void(const PreparationProgress&)>& progress,
                        const RunControl* control) {
  fs::path dir;
  if (config.modelPath == "demo" || config.modelPath == "demo:quick") {
    const bool quick = config.modelPath == "demo:quick";
    dir = ensureDemoModel(
        config.demo, quick,
        [&](const BuildProgress& p) {
          if (progress) progress({"demo-model", p.fraction, p.stage + ": " + p.message});
        },
        control);
  } else {
    dir = config.modelPath;
  }
  if (progress) progress({"model", 0, "loading " + dir.string()});
  LoadedPolicy out;
  LoadOptions load;
  load.device = config.device;
  // fp32 and bf16-mixed keep float32 weights (bf16-mixed's master copy); bf16 loads bfloat16.
  load.dtype = weightDtypeFor(resolveRunPrecision(config).precision);
  LoadedModel loaded = loadPretrained(dir, load);
  out.model = loaded.model;
  out.directory = loaded.directory;
  out.device = out.model->device().str();
  try {
    out.tokenizer = Tokenizer::load(dir);
  } catch (const Error& e) {
    throw Error(std::string("the model folder has no usable tokenizer: ") + e.what(),
                {dir.string(), 0, "model"});
  }
  requireTokenizerFitsModel(out.tokenizer.vocabSize(), loaded.config, dir);
  out.fingerprint = modelFingerprint(out.model);
  if (config.lora.enabled) {
    LoraConfig lora;
    lora.rank = config.lora.rank;
    lora.alpha = config.lora.alpha;
    lora.dropout = config.lora.dropout;
    lora.targetModules = config.lora.targets;
    if (applyLora(out.model, lora, config.seed) == 0)
      throw Error("no projection of this model matches lora.targets", {"", 0, "lora.targets"});
  }
  if (progress) progress({"model", 1, out.model->config().summary()});
  return out;
}

std::vector<PairExample> tokenizePairs(const Dataset& data, const LoadedPolicy& policy,
                                       const ChatTemplate& chat, const TrainConfig& config) {
  const Tokenizer& tok = policy.tokenizer;
  const std::int32_t eos = tok.eosId();
  std::vector<std::size_t> all(data.pairs.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const BothUnsafePolicy policyBoth =
      config.bothUnsafe == "keep_safer" ? BothUnsafePolicy::KeepSafer : BothUnsafePolicy::Drop;
  return buildPairExamples(
      data.pairs, all, [&](const std::string& p) { return chat.encodePrompt(tok, p); },
      [&](const std::string& r) {
        std::vector<std::int32_t> ids = tok.encode(chat.responseText(r), false);
        if (eos >= 0 && (ids.empty() || ids.back() != eos)) ids.push_back(eos);
        return ids;
      },
      /*eosId=*/-1, config.maxLength, policyBoth);
}

ReferenceLogps referenceFor(const std::vector<PairExample>& examples, LoadedPolicy& policy,
                            const Dataset& data, const TrainConfig& config,
                            const std::function<void(const PreparationProgress&)>& progress,
                            const RunControl* control, bool* fromCache) {
  const Precision precision = resolveRunPrecision(config).precision;
  ReferenceKeyParts parts{policy.fingerprint, policy.tokenizer.fingerprint(),
                          data.fingerprint,   resolveRunChatTemplate(config, policy).key(),
                          config.maxLength,   precision};
  const fs::path file = cacheDir() / "reference" / (referenceCacheKey(parts, examples) + ".bin");
  if (auto cached = loadReferenceCache(file, examples.size())) {
    if (fromCache) *fromCache = true;
    return std::move(*cached);
  }
  if (fromCache) *fromCache = false;
  std::unique_ptr<AdaptersDisabled> off;
  if (hasAdapters(policy.model)) off = std::make_unique<AdaptersDisabled>(policy.model);
  ReferenceLogps logps = computeReferenceLogps(
      policy.model, examples, std::max(0, policy.tokenizer.padId()), 8192,
      [&](double f) {
        if (progress) progress({"reference", f, "reference log-probs"});
      },
      control, precision);
  try {
    saveReferenceCache(file, logps);
  } catch (const Error&) {
    // A read-only cache folder costs speed next time, never the run.
  }
  return logps;
}

RunEvaluator::RunEvaluator(LoadedPolicy& policy, const ChatTemplate& chat,
                           std::vector<PairExample> eval, ReferenceLogps evalReference,
                           std::vector<PromptItem> prompts, std::vector<std::string> categories,
                           std::unique_ptr<Judge> judge, const TrainConfig& config)
    : m_policy(policy),
      m_chat(chat),
      m_eval(std::move(eval)),
      m_reference(std::move(evalReference)),
      m_prompts(std::move(prompts)),
      m_categories(std::move(categories)),
      m_judge(std::move(judge)),
      m_config(config) {}

EvalResult RunEvaluator::evaluate(std::int64_t step) {
  const auto t0 = std::chrono::steady_clock::now();
  EvalResult result;
  result.step = step;
  // Evaluation mode (no LoRA dropout) for the duration, training mode again afterwards.
  struct ModeGuard {
    CausalLm& model;
    explicit ModeGuard(CausalLm& m) : model(m) { model->eval(); }
    ~ModeGuard() { model->train(); }
  } mode(m_policy.model);
  if (!m_eval.empty()) {
    const ReferenceLogps policyLogps =
        computeReferenceLogps(m_policy.model, m_eval, std::max(0, m_policy.tokenizer.padId()), 8192,
                              {}, nullptr, resolveRunPrecision(m_config).precision);
    fillImplicitMetrics(m_eval, policyLogps.logp, m_reference.logp, m_categories,
                        {m_config.beta, m_config.lengthNormalized, m_config.referenceFree}, result);
  }
  if (m_judge && !m_prompts.empty() &&
      (m_config.eval.promptsPerCategory > 0 || m_config.eval.benignPrompts > 0 ||
       m_config.eval.borderlinePrompts > 0)) {
    GenerationEvalOptions gen;
    gen.promptsPerCategory = m_config.eval.promptsPerCategory;
    gen.benignPrompts = m_config.eval.benignPrompts;
    gen.borderlinePrompts = m_config.eval.borderlinePrompts;
    gen.degenerate = m_config.eval.degenerate;
    gen.maxNewTokens = m_config.eval.maxNewTokens;
    gen.temperature = m_config.eval.temperature;
    gen.topP = m_config.eval.topP;
    gen.topK = m_config.eval.topK;
    gen.seed = m_config.seed;
    const Precision precision = resolveRunPrecision(m_config).precision;
    const AutocastGuard autocast(m_policy.model->device(), usesAutocast(precision));
    fillGenerationMetrics(m_policy.model, m_policy.tokenizer, m_chat, m_prompts, m_categories,
                          *m_judge, gen, result);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace catdpo
