// SPDX-License-Identifier: MIT
// One training run from config to stored result: resolves the data set and the model (the
// built-in demo ones included), trains, evaluates, checkpoints, records everything in the
// run store. The CLI and the GUI's TrainingWorker both drive exactly this class.
// Plain header (no LibTorch, no Qt): the engine state lives behind a pimpl.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "train/collective.h"
#include "train/events.h"
#include "train/run_control.h"
#include "train/train_config.h"

namespace catdpo {

struct ExperimentOptions {
  TrainConfig config;
  std::string databasePath;  // empty: the default workspace database; "-": no database
  std::string outputDir;     // checkpoints and the final model; empty: <data dir>/runs/<run id>
  std::string resumeRunId;   // continue this run from its latest checkpoint
  std::string sweepId;       // groups the run under a sweep (comparison suite)
  // Data-parallel rank of this process (null: one process). Only rank 0 writes the store,
  // checkpoints and the final model, and evaluates; the others train their shard.
  std::shared_ptr<Collective> collective;
};

// Progress of the preparation phase (demo model building, reference pass), for progress bars.
struct PreparationProgress {
  // "data", "demo-model", "reference", ...; "warning": a message the user must see (a data
  // file cut short, a damaged checkpoint skipped on resume), not progress.
  std::string stage;
  double fraction = 0;  // 0..1 within the stage
  std::string message;
};

class Experiment {
 public:
  explicit Experiment(ExperimentOptions options);
  ~Experiment();
  Experiment(const Experiment&) = delete;
  Experiment& operator=(const Experiment&) = delete;

  // Listeners receive every engine event on the training thread (after the store has it).
  void addListener(TrainingListener* listener);
  void setPreparationCallback(std::function<void(const PreparationProgress&)> callback);

  // Safe to call from any thread at any time.
  RunControl& control();

  // Runs to the end (finished, stopped, cancelled). Throws catdpo::Error on failure, after
  // the failure has been reported to the listeners and recorded in the store.
  void run();

  // Valid once run() has created (or resumed) the run record.
  std::string runId() const;
  std::vector<std::string> categoryNames() const;
  std::string finalModelDir() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

}  // namespace catdpo
