// SPDX-License-Identifier: MIT
// Plain value structs the run store reads and writes: runs, data sets, checkpoints, stored
// evaluations, metric series and run filters. No SQLite, no LibTorch: ui/ includes this.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eval/eval_result.h"
#include "train/events.h"

namespace catdpo {

struct DatasetRecord {
  std::string fingerprint;  // primary key: runs refer to data sets by fingerprint
  std::string path;
  std::string format;  // e.g. "pku_saferlhf", "jsonl", "hh_rlhf"
  std::string statisticsJson = "{}";
  std::string addedAt;  // ISO 8601 UTC, set by the store
};

// What a caller gives to create a run; the store assigns id, status, timestamps, version.
struct NewRun {
  std::string name;    // empty: the store names it "<method>-<first 8 of id>"
  std::string method;  // "catdpo", "dpo", ... (docs/METHODS.md, section 2)
  std::string configJson = "{}";
  std::string datasetFingerprint;
  std::string modelFingerprint;
  std::string device;   // "cpu", "cuda:0", ...
  std::string sweepId;  // empty: not part of a sweep
  std::vector<std::string> tags;
  std::string evalDatasetFingerprint;  // eval.data's file; empty: a split of the training data
};

struct RunRecord {
  std::string id;  // random UUID (version 4), lower-case text
  std::string name;
  std::string method;
  RunStatus status = RunStatus::Created;
  std::string createdAt;   // ISO 8601 UTC with milliseconds
  std::string finishedAt;  // empty while not finished
  std::string configJson;
  std::string datasetFingerprint;
  std::string modelFingerprint;
  std::string evalDatasetFingerprint;  // the separate evaluation file (eval.data), if any
  std::string device;
  std::string softwareVersion;
  std::string errorMessage;
  std::string sweepId;
  std::string notes;
  std::vector<std::string> tags;  // sorted
  // Derived when read: progress of the latest stored step (0 when none).
  std::int64_t lastStep = 0;
  std::int64_t totalSteps = 0;
  int lastStage = 0;
  std::int64_t writerPid = 0;  // the process that writes (or last wrote) this run
  std::string writerHost;
  std::int64_t heartbeatMs = 0;
  // Settings that came with an import and are not used until the user sets them again, as a
  // JSON object of config key -> original value (e.g. {"eval.judge": "llm:http://..."}); empty
  // for runs made here.
  std::string untrustedJson;
  // Where the run writes checkpoints and its final model, as recorded when it started (empty
  // for runs from before schema 6 and for imported runs). Read it through runOutputFolder().
  std::string outputFolder;
};

struct CheckpointRecord {
  std::string runId;
  std::int64_t step = 0;
  std::string path;
  std::string sha256;
  std::string createdAt;
};

// A comparison sweep: its plan (methods x seeds x grid, the base config) as JSON.
struct SweepRecord {
  std::string id;
  std::string name;
  std::string createdAt;
  std::string planJson;
};

// Filters for RunStore::listRuns; empty fields do not filter. Conditions combine with AND.
struct RunFilter {
  std::string method;
  std::optional<RunStatus> status;
  std::string tag;
  std::string sweepId;
  std::string text;  // case-insensitive substring of id, name, method, notes or tags
  int limit = 0;     // 0 = all; newest first
};

struct SeriesPoint {
  int stage = 1;
  std::int64_t step = 0;
  double value = 0;
};

// A run's series for one metric key (namespace metric in train/events.h), run-level or for one
// category (category >= 0 with a per-category key).
struct SeriesQuery {
  std::string runId;
  std::string metric;
  int category = -1;
  size_t maxPoints = 2000;  // 0 = no downsampling
};

// One stored per-pair dual value (Cat-DPO and its control), with the step it belongs to.
struct StoredPairValue {
  int stage = 1;
  std::int64_t step = 0;
  PairStepValue value;
};

struct StoredEvaluation {
  std::int64_t id = 0;  // database row id (not stable across import)
  std::string runId;
  std::string createdAt;
  EvalResult result;  // samples only when asked for
};

// The latest evaluation of one run, for side-by-side comparison.
struct RunComparison {
  RunRecord run;
  std::optional<StoredEvaluation> latest;
};

struct ImportReport {
  std::vector<std::string> imported;  // run ids added
  std::vector<std::string> skipped;   // run ids already present (deduplicated by id)
  // What the import changed on the way in, one line each ("run X: status running became
  // interrupted", "run X: judge llm:... kept as untrusted").
  std::vector<std::string> notes;
};

}  // namespace catdpo
