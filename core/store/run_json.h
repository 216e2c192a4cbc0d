// SPDX-License-Identifier: MIT
// JSON views of stored records for the CLI's --json output (and anything else that wants a
// stable machine-readable form). Keys are snake_case; metric values use the metric keys of
// train/events.h, the same strings as the database columns and the plots.
#pragma once

#include <nlohmann/json.hpp>

#include "store/run_record.h"

namespace catdpo {

nlohmann::json runToJson(const RunRecord& run);
nlohmann::json summaryToJson(const CategorySummary& summary);
// Samples are included when the evaluation was read with them.
nlohmann::json evaluationToJson(const StoredEvaluation& evaluation);
nlohmann::json stepToJson(const StepMetrics& step);
nlohmann::json checkpointToJson(const CheckpointRecord& checkpoint);

}  // namespace catdpo
