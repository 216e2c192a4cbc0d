// SPDX-License-Identifier: MIT
// JSON views of Dataset: plain key/value mirrors of the structs, snake_case keys.
#include "data/dataset_summary.h"

#include <cstdint>

namespace catdpo {

const char* toString(BothUnsafePolicy policy) {
  return policy == BothUnsafePolicy::Drop ? "drop" : "keep_safer";
}

BothUnsafePolicy bothUnsafePolicyFromString(std::string_view name) {
  if (name == "drop") return BothUnsafePolicy::Drop;
  if (name == "keep_safer" || name == "keep-safer") return BothUnsafePolicy::KeepSafer;
  throw Error("unknown policy '" + std::string(name) + "' (drop, keep_safer)",
              ErrorLocation{"", 0, "both_unsafe"});
}

nlohmann::json lengthSummaryJson(const LengthSummary& s) {
  return {{"count", s.count}, {"min", s.min}, {"p50", s.p50},  {"p90", s.p90},
          {"p99", s.p99},     {"max", s.max}, {"mean", s.mean}};
}

nlohmann::json datasetStatsJson(const DatasetStats& s) {
  nlohmann::json categories = nlohmann::json::array();
  for (std::size_t k = 0; k < s.perCategory.size(); ++k) {
    const CategoryCount& c = s.perCategory[k];
    categories.push_back({{"category", k},
                          {"name", c.name},
                          {"pairs", c.total},
                          {"contrastive_pairs", c.contrastive}});
  }
  nlohmann::json out = {{"pairs", s.pairs},
                        {"unique_prompts", s.uniquePrompts},
                        {"labelled", s.labelled},
                        {"both_safe", s.bothSafe},
                        {"both_unsafe", s.bothUnsafe},
                        {"one_unsafe", s.oneUnsafe},
                        {"safety_contrastive", s.safetyContrastive},
                        {"dropped_by_ordering", s.droppedByOrdering},
                        {"helpful_winner_unsafe", s.helpfulWinnerUnsafe},
                        {"uncategorised_unsafe", s.uncategorisedUnsafe},
                        {"prompt_kinds",
                         {{"harmful", s.harmfulPrompts},
                          {"benign", s.benignPrompts},
                          {"borderline", s.borderlinePrompts}}},
                        {"categories", categories},
                        {"severity_histogram", s.severityHistogram},
                        {"severity_unknown", s.severityUnknown},
                        {"response_chars", lengthSummaryJson(s.responseChars)},
                        {"response_words", lengthSummaryJson(s.responseWords)}};
  if (s.responseTokens.count > 0) out["response_tokens"] = lengthSummaryJson(s.responseTokens);
  return out;
}

nlohmann::json datasetSummaryJson(const Dataset& d, std::size_t maxProblems) {
  nlohmann::json problems = nlohmann::json::array();
  for (std::size_t i = 0; i < d.problems.size() && i < maxProblems; ++i) {
    const auto& p = d.problems[i];
    problems.push_back({{"file", p.where.file},
                        {"line", p.where.line},
                        {"field", p.where.field},
                        {"message", p.message}});
  }
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& w : d.warnings)
    warnings.push_back({{"file", w.where.file}, {"line", w.where.line}, {"message", w.message}});
  return {{"path", d.path},
          {"format", toString(d.format)},
          {"both_unsafe", toString(d.bothUnsafe)},
          {"taxonomy", d.taxonomy.names()},
          {"rows", d.rowsRead},
          {"pairs", d.pairs.size()},
          {"truncated", d.truncated},
          {"fingerprint", d.fingerprint},
          {"stats", datasetStatsJson(d.stats)},
          {"problems_total", d.problems.size()},
          {"problems", problems},
          {"warnings", warnings}};
}

}  // namespace catdpo
