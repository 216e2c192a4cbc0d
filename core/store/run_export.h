// SPDX-License-Identifier: MIT
// Moving runs between places: export of one run to JSON (one file, everything it owns, no
// database row ids, so two exports of the same run compare equal) or CSV (one file per table
// in a folder), and import of runs from another run database or a JSON export, deduplicated by
// run id (a run trained on a GPU server, viewed on a laptop).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/run_store.h"

namespace catdpo {

// Format tag and version of the JSON export ("format", "format_version" fields).
inline constexpr const char* kRunExportFormat = "catdpo-run";
inline constexpr int kRunExportFormatVersion = 1;

nlohmann::json exportRunJson(const RunStore& store, const std::string& runId);
// Writes exportRunJson atomically (a half-written export never replaces an old one).
void exportRunJsonFile(const RunStore& store, const std::string& runId,
                       const std::filesystem::path& file);
// Writes run.csv, tags.csv, dataset.csv, step_metrics.csv, category_step_metrics.csv,
// checkpoints.csv, evaluations.csv, evaluation_summaries.csv, category_eval_results.csv and
// samples.csv into `folder` (created if needed); returns the files written.
std::vector<std::filesystem::path> exportRunCsv(const RunStore& store, const std::string& runId,
                                                const std::filesystem::path& folder);

// Adds the run in `exported` (an exportRunJson value) in one transaction; false when a run with
// that id is already present (nothing changed). `source` names the origin in error messages.
// Throws catdpo::Error naming the field for a malformed export.
bool importRunJson(RunStore& store, const nlohmann::json& exported, const std::string& source);
// Imports every run of another run database (opened read-only; an older schema is upgraded in
// a temporary copy, never in place) or of a JSON export file.
ImportReport importRuns(RunStore& store, const std::filesystem::path& other);

}  // namespace catdpo
