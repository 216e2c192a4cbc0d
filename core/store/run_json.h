// SPDX-License-Identifier: MIT
// JSON views of stored records for the CLI's --json output (and anything else that wants a
// stable machine-readable form). Keys are snake_case; metric values use the metric keys of
// train/events.h, the same strings as the database columns and the plots. Every reported rate
// comes with its interval; the implicit metrics carry "diagnostic": true (never a ranking).
#pragma once

#include <nlohmann/json.hpp>

#include "store/run_record.h"

namespace catdpo {

nlohmann::json runToJson(const RunRecord& run);
nlohmann::json summaryToJson(const CategorySummary& summary);
// [low, high] of a 95 % Wilson interval, null without trials.
nlohmann::json wilsonJson(long long successes, long long trials);
// One evaluation's results: per-category safe ratios with Wilson intervals and degenerate
// counts, the generated summaries with bootstrap intervals (over prompts), benign and
// borderline over-refusal apart, and the implicit metrics marked as diagnostics.
nlohmann::json evalResultToJson(const EvalResult& result);
// evalResultToJson with the run and time; samples when the evaluation was read with them.
nlohmann::json evaluationToJson(const StoredEvaluation& evaluation);
nlohmann::json stepToJson(const StepMetrics& step);
nlohmann::json checkpointToJson(const CheckpointRecord& checkpoint);

}  // namespace catdpo
