// SPDX-License-Identifier: MIT
// Stored JSON text (config, sampling settings) is embedded as parsed JSON when it parses, and as
// a string otherwise, so a hand-edited database never makes --json output invalid.
#include "store/run_json.h"

#include "common/json_input.h"

namespace catdpo {

using nlohmann::json;

namespace {
json embedded(const std::string& text) {
  json parsed;
  std::string ignored;  // an unparseable (or too deep, too large) text is shown as text
  return tryParseJson(text, JsonSource{"database", 1}, parsed, ignored) ? parsed : json(text);
}
json optionalText(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }
}  // namespace

json runToJson(const RunRecord& r) {
  return {{"id", r.id},
          {"name", r.name},
          {"method", r.method},
          {"status", toString(r.status)},
          {"created_at", r.createdAt},
          {"finished_at", optionalText(r.finishedAt)},
          {"config", embedded(r.configJson)},
          {"dataset_fingerprint", optionalText(r.datasetFingerprint)},
          {"model_fingerprint", optionalText(r.modelFingerprint)},
          {"device", optionalText(r.device)},
          {"software_version", r.softwareVersion},
          {"error_message", optionalText(r.errorMessage)},
          {"sweep_id", optionalText(r.sweepId)},
          {"notes", r.notes},
          {"tags", r.tags},
          {"last_step", r.lastStep},
          {"total_steps", r.totalSteps},
          {"stage", r.lastStage},
          {"untrusted", r.untrustedJson.empty() ? json(nullptr) : embedded(r.untrustedJson)}};
}

json summaryToJson(const CategorySummary& s) {
  return {{"macro", s.macro},
          {"worst3", s.worst3},
          {"gap_points", s.gapPoints},
          {"variance_1e3", s.variance1e3},
          {"worst3_categories", s.worst3Categories},
          {"max_category", s.maxCategory},
          {"min_category", s.minCategory},
          {"categories_counted", s.categoriesCounted}};
}

json evaluationToJson(const StoredEvaluation& ev) {
  const EvalResult& r = ev.result;
  json categories = json::array();
  for (const CategoryEvalResult& c : r.categories)
    categories.push_back({{"category", c.category},
                          {"name", c.name},
                          {"generated_count", c.generatedCount},
                          {"generated_safe", c.generatedSafe},
                          {"safe_ratio", c.safeRatio},
                          {"contrastive_pairs", c.contrastivePairs},
                          {"implicit_accuracy", c.implicitAccuracy},
                          {"implicit_probability", c.implicitProbability},
                          {"judge_failures", c.judgeFailures}});
  json out = {
      {"run_id", ev.runId},
      {"created_at", ev.createdAt},
      {"step", r.step},
      {"judge", r.judge},
      {"sampling", embedded(r.samplingJson)},
      {"generated", summaryToJson(r.generated)},
      {"implicit", summaryToJson(r.implicit)},
      {"implicit_accuracy", summaryToJson(r.implicitAccuracy)},
      {"helpfulness_accuracy", r.helpfulnessAccuracy},
      {"helpfulness_probability", r.helpfulnessProbability},
      {"helpfulness_pairs", r.helpfulnessPairs},
      {"helpfulness_score", r.helpfulnessScore < 0 ? json(nullptr) : json(r.helpfulnessScore)},
      {"over_refusal", r.overRefusal < 0 ? json(nullptr) : json(r.overRefusal)},
      {"benign_prompts", r.benignPrompts},
      {"seconds", r.seconds},
      {"categories", categories}};
  if (!r.samples.empty()) {
    json samples = json::array();
    for (const EvalSample& s : r.samples)
      samples.push_back({{"category", s.category},
                         {"prompt", s.prompt},
                         {"response", s.response},
                         {"unsafe", s.unsafe},
                         {"refusal", s.refusal},
                         {"judged", s.judged},
                         {"judge", s.judge},
                         {"raw_judgement", s.rawJudgement}});
    out["samples"] = samples;
  }
  return out;
}

json stepToJson(const StepMetrics& s) {
  json categories = json::array();
  for (const CategoryStepMetrics& c : s.categories)
    categories.push_back({{"category", c.category},
                          {metric::kLambda, c.lambda},
                          {metric::kG, c.g},
                          {metric::kCategoryLoss, c.loss},
                          {metric::kCategoryPairs, c.pairs},
                          {"contrastive", c.contrastive},
                          {metric::kGroupWeight, c.groupWeight}});
  return {{"step", s.step},
          {"total_steps", s.totalSteps},
          {"stage", s.stage},
          {metric::kLoss, s.loss},
          {metric::kZMean, s.zMean},
          {metric::kRewardChosen, s.rewardChosen},
          {metric::kRewardRejected, s.rewardRejected},
          {metric::kRewardMargin, s.rewardMargin},
          {metric::kAccuracy, s.accuracy},
          {metric::kGradNorm, s.gradNorm},
          {metric::kLearningRate, s.learningRate},
          {metric::kTokensPerSecond, s.tokensPerSecond},
          {"elapsed_seconds", s.elapsedSeconds},
          {"eta_seconds", s.etaSeconds},
          {"tokens", s.tokens},
          {"categories", categories}};
}

json checkpointToJson(const CheckpointRecord& c) {
  return {{"step", c.step}, {"path", c.path}, {"sha256", c.sha256}, {"created_at", c.createdAt}};
}

}  // namespace catdpo
