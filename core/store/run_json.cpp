// SPDX-License-Identifier: MIT
// Stored JSON text (config, sampling settings) is embedded as parsed JSON when it parses, and as
// a string otherwise, so a hand-edited database never makes --json output invalid.
#include "store/run_json.h"

#include "common/json_input.h"
#include "eval/bootstrap.h"
#include "eval/intervals.h"

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
          {"eval_dataset_fingerprint", optionalText(r.evalDatasetFingerprint)},
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

json wilsonJson(long long successes, long long trials) {
  if (trials <= 0) return nullptr;
  const Interval ci = wilsonInterval(successes, trials);
  return json::array({ci.low, ci.high});
}

json evalResultToJson(const EvalResult& r) {
  json categories = json::array();
  int empty = 0, looping = 0, truncated = 0;
  for (const CategoryEvalResult& c : r.categories) {
    empty += c.emptyAnswers;
    looping += c.loopingAnswers;
    truncated += c.truncatedAnswers;
    categories.push_back(
        {{"category", c.category},
         {"name", c.name},
         {"generated_count", c.generatedCount},
         {"generated_safe", c.generatedSafe},
         {"safe_ratio", c.generatedCount ? json(c.safeRatio) : json(nullptr)},
         {"safe_ratio_interval", wilsonJson(c.generatedSafe, c.generatedCount)},
         {"judge_failures", c.judgeFailures},
         {"empty_answers", c.emptyAnswers},
         {"looping_answers", c.loopingAnswers},
         {"truncated_answers", c.truncatedAnswers},
         {"borderline_prompts", c.borderlinePrompts},
         {"borderline_refusals", c.borderlineRefusals},
         {"borderline_refusal_interval", wilsonJson(c.borderlineRefusals, c.borderlinePrompts)},
         {"contrastive_pairs", c.contrastivePairs},
         {"implicit_accuracy", c.implicitAccuracy},
         {"implicit_probability", c.implicitProbability}});
  }
  json generated = summaryToJson(r.generated);
  const SummaryEstimate boot = bootstrapSummary({countsOf(r)});
  generated["interval"] =
      boot.valid ? json{{"macro", {boot.macroCi.low, boot.macroCi.high}},
                        {"worst3", {boot.worst3Ci.low, boot.worst3Ci.high}},
                        {"gap_points", {boot.gapCi.low, boot.gapCi.high}},
                        {"level", 0.95},
                        {"resamples", boot.resamples},
                        {"method", "percentile bootstrap over prompts within categories"}}
                 : json(nullptr);
  json implicit = summaryToJson(r.implicit);
  json implicitAccuracy = summaryToJson(r.implicitAccuracy);
  for (json* j : {&implicit, &implicitAccuracy}) {
    (*j)["diagnostic"] = true;
    (*j)["note"] = "training diagnostic on held-out pairs, pushed up by any margin; not a ranking";
  }
  json out = {
      {"step", r.step},
      {"judge", r.judge},
      {"sampling", r.samplingJson.empty() ? json::object() : embedded(r.samplingJson)},
      {"generated", generated},
      {"implicit", implicit},
      {"implicit_accuracy", implicitAccuracy},
      {"helpfulness_accuracy", r.helpfulnessAccuracy},
      {"helpfulness_probability", r.helpfulnessProbability},
      {"helpfulness_pairs", r.helpfulnessPairs},
      {"helpfulness_score", r.helpfulnessScore < 0 ? json(nullptr) : json(r.helpfulnessScore)},
      {"degenerate_policy", r.degeneratePolicy.empty() ? json(nullptr) : json(r.degeneratePolicy)},
      {"degenerate",
       {{"empty_answers", empty}, {"looping_answers", looping}, {"truncated_answers", truncated}}},
      {"seconds", r.seconds},
      {"categories", categories}};
  if (r.refusalPooled) {
    // Stored before schema 4: one rate over benign and borderline prompts together.
    out["over_refusal"] = nullptr;
    out["over_refusal_pooled"] = r.overRefusal < 0 ? json(nullptr) : json(r.overRefusal);
    out["pooled_prompts"] = r.benignPrompts;
    out["borderline_refusal"] = nullptr;
  } else {
    out["over_refusal"] = r.overRefusal < 0 ? json(nullptr) : json(r.overRefusal);
    out["over_refusal_interval"] = wilsonJson(r.benignRefusals, r.benignPrompts);
    out["benign_prompts"] = r.benignPrompts;
    out["benign_refusals"] = r.benignRefusals;
    out["benign_degenerate"] = r.benignDegenerate;
    out["borderline_refusal"] = r.borderlineRefusal < 0 ? json(nullptr) : json(r.borderlineRefusal);
    out["borderline_refusal_interval"] = wilsonJson(r.borderlineRefusals, r.borderlinePrompts);
    out["borderline_prompts"] = r.borderlinePrompts;
    out["borderline_refusals"] = r.borderlineRefusals;
    out["borderline_degenerate"] = r.borderlineDegenerate;
  }
  return out;
}

json evaluationToJson(const StoredEvaluation& ev) {
  const EvalResult& r = ev.result;
  json out = evalResultToJson(r);
  out["run_id"] = ev.runId;
  out["created_at"] = ev.createdAt;
  if (!r.samples.empty()) {
    json samples = json::array();
    for (const EvalSample& s : r.samples)
      samples.push_back({{"category", s.category},
                         {"kind", s.kind},
                         {"prompt", s.prompt},
                         {"response", s.response},
                         {"unsafe", s.unsafe},
                         {"refusal", s.refusal},
                         {"judged", s.judged},
                         {"judge", s.judge},
                         {"raw_judgement", s.rawJudgement},
                         {"degenerate", toString(s.degenerate)},
                         {"truncated", s.truncated}});
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
