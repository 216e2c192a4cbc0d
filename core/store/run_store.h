// SPDX-License-Identifier: MIT
// The workspace's run database (SQLite, WAL): runs, data sets, step and per-category metrics,
// evaluations with their samples, checkpoints, notes and tags. One RunStore is one connection
// and belongs to the thread that uses it; a CLI writer and a GUI reader (or a training thread
// and the GUI thread) each open their own RunStore on the same file. Each write is one
// transaction, so a killed writer leaves every committed step intact.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/run_record.h"

namespace catdpo {

namespace store {
class SqliteDb;
}

class RunStore {
 public:
  // Opens (read-write: creates, upgrades the schema, then marks runs whose writer died as
  // interrupted) or opens read-only (never writes; the file must exist and have the current
  // schema). Throws catdpo::Error naming the file for: a file that is not a SQLite database or
  // is damaged (left unchanged), a database with a newer schema than this program (left
  // unchanged), a SQLite database that is not a run database, a location that cannot be
  // created or written.
  //
  // Read-only never changes the database: it is opened with SQLITE_OPEN_READONLY and takes
  // SQLite's shared locks, so it sees what a writer in another process commits (it may leave
  // empty -wal/-shm files beside a WAL database); immutable=1 only where nobody can write
  // (store/read_only_access.h). An older schema is upgraded in a temporary copy that is read
  // instead.
  //
  // The file is never opened outside SQLite (only stat()ed): closing any descriptor of it would
  // drop every POSIX lock this process holds on it, those of its other SQLite connections
  // included, and another process could then delete the WAL they are writing.
  explicit RunStore(const std::filesystem::path& path, bool readOnly = false);
  // True when `path` exists and this process cannot write it or its folder: a viewer should
  // then open it read-only instead of failing.
  static bool shouldOpenReadOnly(const std::filesystem::path& path);
  ~RunStore();
  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;

  const std::filesystem::path& path() const;
  bool readOnly() const;
  int schemaVersion() const;
  // Runs this open() marked interrupted (their writer had died).
  const std::vector<std::string>& interruptedOnOpen() const;
  // Marks runs 'running'/'paused' whose writer is gone as 'interrupted'; returns their ids.
  // Called by the read-write constructor; a GUI may call it again (e.g. on refresh).
  std::vector<std::string> markDeadRunsInterrupted();

  // --- writes (each one transaction) ---------------------------------------------------------
  void upsertDataset(const DatasetRecord& dataset);
  // New run in state 'created', with this process recorded as its writer.
  RunRecord createRun(const NewRun& run);
  // Status change; terminal states (finished, failed, stopped, cancelled) set finished_at.
  // `errorMessage` is stored when not empty. Running/paused also refresh the writer record.
  void setStatus(const std::string& runId, RunStatus status, const std::string& errorMessage = {});
  // Records this process as the run's writer and sets it 'running' (start or resume). Throws
  // catdpo::Error naming the writer (pid, host) when another live process writes the run.
  void claimRun(const std::string& runId);
  // One step row and its per-category rows in one transaction (replacing a row of the same
  // stage and step, as after a resume), and the writer's heartbeat.
  void recordStep(const std::string& runId, const StepMetrics& step);
  // Returns the evaluation's row id.
  std::int64_t recordEvaluation(const std::string& runId, const EvalResult& result);
  void recordCheckpoint(const CheckpointRecord& checkpoint);
  void heartbeat(const std::string& runId);
  // Deletes step rows after (stage, step): resuming from a checkpoint rewrites them.
  void discardStepsAfter(const std::string& runId, int stage, std::int64_t step);
  void renameRun(const std::string& runId, const std::string& name);
  void setNotes(const std::string& runId, const std::string& notes);
  // Records the folder the run writes checkpoints and its final model to (an absolute path).
  void setOutputFolder(const std::string& runId, const std::filesystem::path& folder);
  void setTags(const std::string& runId, const std::vector<std::string>& tags);
  // A new sweep with its plan; returns it with its id.
  SweepRecord createSweep(const std::string& name, const std::string& planJson);
  // Deletes the run and everything it owns (metrics, evaluations, samples, checkpoints, tags).
  void deleteRun(const std::string& runId);

  // --- reads ---------------------------------------------------------------------------------
  std::optional<DatasetRecord> dataset(const std::string& fingerprint) const;
  // A sweep by exact id or unique id prefix or exact name; throws catdpo::Error naming the
  // candidates when none or several match.
  SweepRecord resolveSweep(const std::string& reference) const;
  std::vector<SweepRecord> listSweeps() const;  // newest first
  std::optional<RunRecord> run(const std::string& runId) const;
  // A run by exact id, unique id prefix, or exact name; throws catdpo::Error when none or
  // several match (naming the candidates).
  RunRecord resolveRun(const std::string& reference) const;
  std::vector<RunRecord> listRuns(const RunFilter& filter = {}) const;
  // Points of one metric ordered by (stage, step), downsampled to at most maxPoints with
  // downsampleMinMax (series.h). Throws catdpo::Error on an unknown metric key or a
  // per-category key without a category (and the reverse). A category's g has points only at
  // steps with contrastive pairs of it, its loss only at steps with pairs of it.
  std::vector<SeriesPoint> series(const SeriesQuery& query) const;
  std::optional<StepMetrics> latestStep(const std::string& runId) const;
  // Category indices with per-category step rows for the run, ascending (which series exist).
  std::vector<int> stepCategories(const std::string& runId) const;
  std::int64_t stepCount(const std::string& runId) const;
  // Cat-DPO's per-pair dual values (and its control's), ordered by stage, step and position:
  // replaying them from lambda_init reproduces the stored lambda of every step.
  std::vector<StoredPairValue> pairValues(const std::string& runId) const;
  // Ordered by step. Samples are loaded only when asked for (they can be large).
  std::vector<StoredEvaluation> evaluations(const std::string& runId,
                                            bool withSamples = false) const;
  std::optional<StoredEvaluation> latestEvaluation(const std::string& runId,
                                                   bool withSamples = false) const;
  // The latest evaluation of each run, in the order given (side-by-side comparison).
  std::vector<RunComparison> compare(const std::vector<std::string>& runIds) const;
  std::vector<CheckpointRecord> checkpoints(const std::string& runId) const;
  // Where an interrupted or stopped run resumes from.
  std::optional<CheckpointRecord> latestCheckpoint(const std::string& runId) const;
  // Changes whenever another connection (another process or thread) has committed since the
  // previous call; this connection's own writes do not change it. Reads no table, so a GUI can
  // poll it every few seconds to see a CLI's progress (PRAGMA data_version).
  std::int64_t dataVersion() const;
  // PRAGMA integrity_check; true when "ok". `report` receives the first problems otherwise.
  bool integrityOk(std::string* report = nullptr) const;

  // The underlying connection, for the store's own export/import code.
  store::SqliteDb& connection() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Metric keys a series can be asked for: run-level and per-category.
const std::vector<std::string>& runMetricKeys();
const std::vector<std::string>& categoryMetricKeys();

}  // namespace catdpo
