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

struct RunExportOptions {
  // The writer's host name, boot id, pid and heartbeat say where and when a run was trained;
  // they leave the machine only when asked for.
  bool includeWriter = false;
};

nlohmann::json exportRunJson(const RunStore& store, const std::string& runId,
                             const RunExportOptions& options = {});
// Writes exportRunJson atomically (a half-written export never replaces an old one).
void exportRunJsonFile(const RunStore& store, const std::string& runId,
                       const std::filesystem::path& file, const RunExportOptions& options = {});
// Writes run.csv, tags.csv, dataset.csv, step_metrics.csv, category_step_metrics.csv,
// checkpoints.csv, evaluations.csv, evaluation_summaries.csv, category_eval_results.csv and
// samples.csv into `folder` (created if needed); returns the files written.
std::vector<std::filesystem::path> exportRunCsv(const RunStore& store, const std::string& runId,
                                                const std::filesystem::path& folder,
                                                const RunExportOptions& options = {});

// Imports are data, not instructions: run and sweep ids must pass isValidRunId, the writer
// columns are dropped, a 'running' or 'paused' run becomes 'interrupted', and the config's
// judge (an endpoint to call, a folder to load) moves to untrusted_json, replaced by "none",
// until the user names a judge again. Checkpoint paths are kept as data; resuming uses one
// only when it lies inside the run's own folder.
//
// Adds the run in `exported` (an exportRunJson value) in one transaction; false when a run with
// that id is already present (nothing changed). `source` names the origin in error messages.
// Throws catdpo::Error naming the field for a malformed export.
bool importRunJson(RunStore& store, const nlohmann::json& exported, const std::string& source);
// Several exports in one transaction: all of them or, on the first error, none (the error says
// which run of how many and why). Runs already present are skipped and reported.
ImportReport importRunsJson(RunStore& store, const std::vector<const nlohmann::json*>& exported,
                            const std::string& source);
// Imports every run of another run database (opened read-only; an older schema is upgraded in
// a temporary copy, never in place) or of a JSON export file (one run or an array of runs), all
// or nothing.
ImportReport importRuns(RunStore& store, const std::filesystem::path& other);

}  // namespace catdpo
