// SPDX-License-Identifier: MIT
// Column names of the metric tables are the stable metric keys of train/events.h (loss, z_mean,
// lambda, g, ...), so a series query maps a key straight to a column. Foreign keys cascade from
// runs and evaluations, so deleting a run deletes everything it owns.
#include "store/schema.h"

#include <string>

#include "common/error.h"
#include "common/version.h"
#include "store/sqlite_db.h"
#include "store/writer_identity.h"

namespace catdpo::store {

namespace {

constexpr const char* kBaseSchema = R"sql(
CREATE TABLE schema_version (
  version INTEGER NOT NULL PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  software_version TEXT NOT NULL
);
CREATE TABLE datasets (
  fingerprint TEXT NOT NULL PRIMARY KEY,
  path TEXT NOT NULL,
  format TEXT NOT NULL,
  statistics_json TEXT NOT NULL DEFAULT '{}',
  added_at TEXT NOT NULL
);
CREATE TABLE runs (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  method TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  config_json TEXT NOT NULL DEFAULT '{}',
  dataset_fingerprint TEXT,
  model_fingerprint TEXT,
  device TEXT,
  software_version TEXT NOT NULL,
  error_message TEXT,
  sweep_id TEXT,
  notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX runs_by_created ON runs(created_at);
CREATE TABLE run_tags (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (run_id, tag)
);
CREATE TABLE step_metrics (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  stage INTEGER NOT NULL,
  step INTEGER NOT NULL,
  total_steps INTEGER NOT NULL,
  loss REAL, z_mean REAL, reward_chosen REAL, reward_rejected REAL, reward_margin REAL,
  accuracy REAL, grad_norm REAL, learning_rate REAL, tokens_per_second REAL,
  elapsed_seconds REAL, eta_seconds REAL, tokens INTEGER,
  PRIMARY KEY (run_id, stage, step)
);
CREATE TABLE category_step_metrics (
  run_id TEXT NOT NULL,
  stage INTEGER NOT NULL,
  step INTEGER NOT NULL,
  category INTEGER NOT NULL,
  lambda REAL, g REAL, category_loss REAL, category_pairs INTEGER, contrastive INTEGER,
  group_weight REAL,
  PRIMARY KEY (run_id, category, stage, step),
  FOREIGN KEY (run_id, stage, step) REFERENCES step_metrics(run_id, stage, step)
    ON DELETE CASCADE
);
CREATE TABLE evaluations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  judge TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sampling_json TEXT NOT NULL DEFAULT '{}',
  helpfulness_accuracy REAL, helpfulness_probability REAL, helpfulness_pairs INTEGER,
  helpfulness_score REAL, over_refusal REAL, benign_prompts INTEGER, seconds REAL
);
CREATE INDEX evaluations_by_run ON evaluations(run_id, step);
CREATE TABLE evaluation_summaries (
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  macro REAL, worst3 REAL, gap_points REAL, variance_1e3 REAL,
  worst3_categories TEXT NOT NULL DEFAULT '[]',
  max_category INTEGER, min_category INTEGER, categories_counted INTEGER,
  PRIMARY KEY (evaluation_id, kind)
);
CREATE TABLE category_eval_results (
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  category INTEGER NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  generated_count INTEGER, generated_safe INTEGER, safe_ratio REAL,
  contrastive_pairs INTEGER, implicit_accuracy REAL, implicit_probability REAL,
  judge_failures INTEGER,
  PRIMARY KEY (evaluation_id, category)
);
CREATE TABLE samples (
  id INTEGER PRIMARY KEY,
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  category INTEGER NOT NULL,
  prompt TEXT NOT NULL,
  response TEXT NOT NULL,
  unsafe INTEGER NOT NULL,
  refusal INTEGER NOT NULL,
  judged INTEGER NOT NULL,
  judge TEXT NOT NULL DEFAULT '',
  raw_judgement TEXT NOT NULL DEFAULT ''
);
CREATE INDEX samples_by_evaluation ON samples(evaluation_id, category);
CREATE TABLE checkpoints (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX checkpoints_by_run ON checkpoints(run_id, step);
)sql";

// Version 2: who is writing a run, so a run left 'running' by a dead process can be told from
// one whose writer is alive (another process on this host, or another host sharing the file).
constexpr const char* kWriterLiveness = R"sql(
ALTER TABLE runs ADD COLUMN writer_pid INTEGER;
ALTER TABLE runs ADD COLUMN writer_host TEXT;
ALTER TABLE runs ADD COLUMN writer_boot_id TEXT;
ALTER TABLE runs ADD COLUMN writer_start_ticks INTEGER;
ALTER TABLE runs ADD COLUMN heartbeat_ms INTEGER;
CREATE INDEX runs_by_status ON runs(status);
CREATE INDEX runs_by_sweep ON runs(sweep_id);
)sql";

// Version 3: sweeps (method x seed x grid comparisons) keep their plan, so an interrupted sweep
// resumes from the database alone.
constexpr const char* kSweeps = R"sql(
CREATE TABLE sweeps (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  plan_json TEXT NOT NULL
);
)sql";

// Version 4: what a reviewer needs to check a comparison. Cat-DPO's per-pair dual values (so
// lambda can be recomputed by hand), over-refusal on benign and borderline prompts apart
// (older evaluations pooled them: refusal_classes 0), degenerate answers per category and per
// sample, and the separate evaluation file a run was evaluated on.
constexpr const char* kComparisons = R"sql(
CREATE TABLE pair_step_values (
  run_id TEXT NOT NULL,
  stage INTEGER NOT NULL,
  step INTEGER NOT NULL,
  position INTEGER NOT NULL,
  pair_index INTEGER NOT NULL,
  categories TEXT NOT NULL DEFAULT '[]',
  updated TEXT NOT NULL DEFAULT '[]',
  v REAL NOT NULL,
  margin REAL NOT NULL,
  PRIMARY KEY (run_id, stage, step, position),
  FOREIGN KEY (run_id, stage, step) REFERENCES step_metrics(run_id, stage, step)
    ON DELETE CASCADE
);
ALTER TABLE evaluations ADD COLUMN refusal_classes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE evaluations ADD COLUMN benign_refusals INTEGER;
ALTER TABLE evaluations ADD COLUMN benign_degenerate INTEGER;
ALTER TABLE evaluations ADD COLUMN borderline_refusal REAL;
ALTER TABLE evaluations ADD COLUMN borderline_prompts INTEGER;
ALTER TABLE evaluations ADD COLUMN borderline_refusals INTEGER;
ALTER TABLE evaluations ADD COLUMN borderline_degenerate INTEGER;
ALTER TABLE evaluations ADD COLUMN degenerate_policy TEXT NOT NULL DEFAULT '';
ALTER TABLE category_eval_results ADD COLUMN empty_answers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE category_eval_results ADD COLUMN looping_answers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE category_eval_results ADD COLUMN truncated_answers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE category_eval_results ADD COLUMN borderline_prompts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE category_eval_results ADD COLUMN borderline_refusals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE samples ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE samples ADD COLUMN degenerate TEXT NOT NULL DEFAULT '';
ALTER TABLE samples ADD COLUMN truncated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN eval_dataset_fingerprint TEXT;
)sql";

// Version 5: settings of an imported run that would decide whom the program contacts (its
// judge endpoint) are kept apart from its config: shown, never used until set again.
constexpr const char* kUntrustedSettings = R"sql(
ALTER TABLE runs ADD COLUMN untrusted_json TEXT;
)sql";

// The folder a run writes its checkpoints and final model to, recorded when it starts (NULL for
// runs recorded before: their folder is inferred, run_location.h).
constexpr const char* kRunFolders = R"sql(
ALTER TABLE runs ADD COLUMN output_folder TEXT;
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all{
      {1, "base schema: data sets, runs, metrics, evaluations, samples, checkpoints, tags",
       kBaseSchema},
      {2, "writer liveness (pid, host, boot id, heartbeat) on runs", kWriterLiveness},
      {3, "sweeps and their plans", kSweeps},
      {4,
       "per-pair dual values, benign and borderline over-refusal, degenerate answers, "
       "evaluation file",
       kComparisons},
      {5, "settings of imported runs kept apart until trusted", kUntrustedSettings},
      {6, "each run's output folder, recorded when it starts", kRunFolders},
  };
  return all;
}

void migrateToLatest(SqliteDb& db) {
  const std::int64_t found = db.queryInt("PRAGMA user_version", "reading the schema version");
  if (found > kSchemaVersion)
    throw Error("the database has schema version " + std::to_string(found) +
                    ", newer than this program understands (" + std::to_string(kSchemaVersion) +
                    "); use a newer Cat-DPO Studio (the file was left unchanged)",
                ErrorLocation{db.path(), 0, ""});
  for (const Migration& m : migrations()) {
    if (db.queryInt("PRAGMA user_version", "reading the schema version") >= m.version) continue;
    Transaction tx(db);
    const std::int64_t current = db.queryInt("PRAGMA user_version", "reading the schema version");
    if (current > kSchemaVersion)
      throw Error("the database has schema version " + std::to_string(current) +
                      ", newer than this program understands (" + std::to_string(kSchemaVersion) +
                      "); use a newer Cat-DPO Studio",
                  ErrorLocation{db.path(), 0, ""});
    if (current >= m.version) continue;  // another process upgraded it meanwhile
    if (current != m.version - 1)
      throw Error("cannot upgrade the database from schema version " + std::to_string(current),
                  ErrorLocation{db.path(), 0, ""});
    db.exec(m.sql, "upgrading the database schema");
    Statement log(db,
                  "INSERT INTO schema_version(version, description, applied_at, software_version)"
                  " VALUES (?, ?, ?, ?)");
    log.bind(1, m.version)
        .bind(2, m.description)
        .bind(3, isoTimestamp(unixMillis()))
        .bind(4, kVersion)
        .run();
    // PRAGMA takes no bound parameters; the value is our own integer constant.
    db.exec("PRAGMA user_version = " + std::to_string(m.version), "setting the schema version");
    tx.commit();
  }
}

}  // namespace catdpo::store
