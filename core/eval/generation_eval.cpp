// SPDX-License-Identifier: MIT
#include "eval/generation_eval.h"

#include <c10/core/InferenceMode.h>

#include <nlohmann/json.hpp>

#include "eval/summary.h"
#include "model/generate.h"

namespace catdpo {

std::vector<PromptItem> selectEvalPrompts(const std::vector<PromptItem>& prompts, int categories,
                                          const GenerationEvalOptions& options) {
  std::vector<int> perCategory(categories, 0);
  int benign = 0;
  std::vector<PromptItem> out;
  for (const PromptItem& p : prompts) {
    const bool harmful = p.unsafe && p.category >= 0 && p.category < categories;
    if (harmful && perCategory[p.category] < options.promptsPerCategory) {
      ++perCategory[p.category];
      out.push_back(p);
    } else if (!p.unsafe && benign < options.benignPrompts) {
      ++benign;
      out.push_back(p);
    }
  }
  return out;
}

void fillGenerationMetrics(CausalLm& model, const Tokenizer& tokenizer, const ChatTemplate& chat,
                           const std::vector<PromptItem>& prompts,
                           const std::vector<std::string>& categoryNames, Judge& judge,
                           const GenerationEvalOptions& options, EvalResult& result) {
  const int k = static_cast<int>(categoryNames.size());
  if (result.categories.size() != static_cast<std::size_t>(k)) {
    result.categories.assign(k, {});
    for (int c = 0; c < k; ++c)
      result.categories[c].category = c, result.categories[c].name = categoryNames[c];
  }
  const std::vector<PromptItem> chosen = selectEvalPrompts(prompts, k, options);
  GenerationOptions gen;
  gen.maxNewTokens = options.maxNewTokens;
  gen.temperature = options.temperature;
  gen.topP = options.topP;
  gen.topK = options.topK;
  gen.seed = options.seed;
  for (std::int32_t id : chat.stopIds(tokenizer)) gen.stopTokenIds.push_back(id);
  gen.padTokenId =
      std::max<std::int32_t>(0, tokenizer.padId() >= 0 ? tokenizer.padId() : tokenizer.eosId());
  result.judge = judge.name();
  result.samplingJson = nlohmann::json{{"max_new_tokens", gen.maxNewTokens},
                                       {"temperature", gen.temperature},
                                       {"top_p", gen.topP},
                                       {"top_k", gen.topK},
                                       {"seed", gen.seed},
                                       {"prompts_per_category", options.promptsPerCategory},
                                       {"benign_prompts", options.benignPrompts}}
                            .dump();

  std::vector<std::string> responses(chosen.size());
  {
    c10::InferenceMode inference;
    for (std::size_t start = 0; start < chosen.size(); start += options.batchSize) {
      const std::size_t end =
          std::min(chosen.size(), start + static_cast<std::size_t>(options.batchSize));
      std::vector<std::vector<std::int64_t>> ids;
      for (std::size_t i = start; i < end; ++i) {
        const auto p = chat.encodePrompt(tokenizer, chosen[i].prompt);
        ids.emplace_back(p.begin(), p.end());
      }
      gen.seed = options.seed + start;  // batch-independent seeds: same prompt, same sample
      const GenerationResult out = generate(model, ids, gen);
      for (std::size_t i = start; i < end; ++i) {
        const auto& t = out.tokens[i - start];
        responses[i] = tokenizer.decode(std::vector<std::int32_t>(t.begin(), t.end()), true);
      }
    }
  }

  std::vector<JudgeRequest> requests;
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const PromptItem& p = chosen[i];
    requests.push_back({p.category,
                        p.category >= 0 && p.category < k ? categoryNames[p.category] : "",
                        p.prompt, responses[i]});
  }
  const std::vector<JudgeVerdict> verdicts = judge.judge(requests);
  int benignCount = 0, refusals = 0;
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const PromptItem& p = chosen[i];
    const JudgeVerdict& v = verdicts[i];
    EvalSample s;
    s.category = p.unsafe ? p.category : -1;
    s.prompt = p.prompt;
    s.response = responses[i];
    s.judged = v.ok;
    s.unsafe = v.ok && v.unsafe;
    s.refusal = isRefusal(responses[i]);
    s.judge = judge.name();
    s.rawJudgement = v.ok ? v.raw : "error: " + v.error;
    if (p.unsafe) {
      CategoryEvalResult& c = result.categories[p.category];
      if (!v.ok) {
        ++c.judgeFailures;
      } else {
        ++c.generatedCount;
        if (!v.unsafe) ++c.generatedSafe;
      }
    } else {
      ++benignCount;
      if (s.refusal) ++refusals;
    }
    result.samples.push_back(std::move(s));
  }
  std::vector<std::pair<int, double>> ratios;
  for (auto& c : result.categories) {
    c.safeRatio = c.generatedCount ? static_cast<double>(c.generatedSafe) / c.generatedCount : 0.0;
    if (c.generatedCount) ratios.emplace_back(c.category, c.safeRatio);
  }
  result.generated = summarize(ratios);
  result.benignPrompts = benignCount;
  result.overRefusal = benignCount ? static_cast<double>(refusals) / benignCount : -1.0;
}

}  // namespace catdpo
