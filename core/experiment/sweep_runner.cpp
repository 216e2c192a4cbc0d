// SPDX-License-Identifier: MIT
// SweepRunner: expands the plan, records it, and runs each item as a normal Experiment under
// the sweep's id; a resumed sweep skips the runs that finished and continues the others from
// their checkpoints (the plan is sweep_plan.cpp, the results sweep_result.cpp).
#include "experiment/sweep.h"

#include <cctype>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/paths.h"
#include "store/run_store.h"
#include "store/workspace.h"

namespace catdpo {
namespace fs = std::filesystem;

struct SweepRunner::Impl {
  SweepOptions options;
  std::vector<TrainingListener*> listeners;
  std::function<void(const SweepProgress&)> progress;
  std::function<void(const PreparationProgress&)> preparation;
  std::mutex mutex;  // guards current / flags / sweepId
  Experiment* current = nullptr;
  bool stopRequested = false, cancelRequested = false;
  std::string sweepId;

  void report(const SweepProgress& p) {
    if (progress) progress(p);
  }
  SweepRecord openSweep(RunStore& store, SweepPlan& plan);
  bool runItem(ExperimentOptions run, int index, int total, std::vector<std::string>& failures);
};

SweepRunner::SweepRunner(SweepOptions options) : m(std::make_unique<Impl>()) {
  m->options = std::move(options);
}
SweepRunner::~SweepRunner() = default;
void SweepRunner::addListener(TrainingListener* l) { m->listeners.push_back(l); }
void SweepRunner::setProgressCallback(std::function<void(const SweepProgress&)> cb) {
  m->progress = std::move(cb);
}
void SweepRunner::setPreparationCallback(std::function<void(const PreparationProgress&)> cb) {
  m->preparation = std::move(cb);
}
void SweepRunner::stop() {
  std::lock_guard lock(m->mutex);
  m->stopRequested = true;
  if (m->current) m->current->control().stop();
}
void SweepRunner::cancel() {
  std::lock_guard lock(m->mutex);
  m->cancelRequested = true;
  if (m->current) m->current->control().cancel();
}
std::string SweepRunner::sweepId() const {
  std::lock_guard lock(m->mutex);
  return m->sweepId;
}

namespace {
std::string folderName(const std::string& name) {
  std::string out;
  for (char c : name)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
  return out;
}
}  // namespace

// The sweep's record and plan: a resumed sweep's from the database, a new one's recorded now.
SweepRecord SweepRunner::Impl::openSweep(RunStore& store, SweepPlan& plan) {
  SweepRecord record;
  if (!options.resumeSweep.empty()) {
    record = store.resolveSweep(options.resumeSweep);
    plan = sweepPlanFromText(record.planJson, "sweep " + record.id);
  } else {
    plan = options.plan;
    expandSweep(plan);  // a bad plan fails before the sweep is recorded
    record = store.createSweep(options.name, sweepPlanToJson(plan).dump());
  }
  {
    std::lock_guard lock(mutex);
    sweepId = record.id;
  }
  return record;
}

// One run of the sweep as a normal Experiment; a failure is noted in `failures` and the sweep
// goes on. Returns false when the sweep was stopped or cancelled meanwhile.
bool SweepRunner::Impl::runItem(ExperimentOptions run, int index, int total,
                                std::vector<std::string>& failures) {
  const std::string runName = run.config.name;
  const std::string resumeId = run.resumeRunId;
  Experiment experiment(std::move(run));
  for (TrainingListener* l : listeners) experiment.addListener(l);
  if (preparation) experiment.setPreparationCallback(preparation);
  {
    std::lock_guard lock(mutex);
    current = &experiment;
  }
  report({index, total, runName, resumeId, resumeId.empty() ? "started" : "resumed"});
  std::string state = "finished";
  try {
    experiment.run();
  } catch (const Error& e) {
    failures.push_back(runName + ": " + e.what());
    state = "failed";
  }
  bool ended = false;
  {
    std::lock_guard lock(mutex);
    current = nullptr;
    if (stopRequested || cancelRequested) {
      ended = true;
      state = cancelRequested ? "cancelled" : "stopped";
    }
  }
  report({index, total, runName, experiment.runId(), state});
  return !ended;
}

bool SweepRunner::run() {
  Impl& s = *m;
  if (s.options.databasePath == "-") throw Error("a sweep needs the run database");
  const fs::path dbPath = workspaceDatabasePath(s.options.databasePath);
  RunStore store(dbPath);
  SweepPlan plan;
  const SweepRecord record = s.openSweep(store, plan);
  const std::vector<SweepItem> items = expandSweep(plan);
  const fs::path root =
      (s.options.outputRoot.empty() ? userDataDir() / "sweeps" : fs::path(s.options.outputRoot)) /
      record.id.substr(0, 8);

  RunFilter filter;
  filter.sweepId = record.id;
  std::map<std::string, RunRecord> byName;  // newest run of each name
  for (const RunRecord& r : store.listRuns(filter)) byName.try_emplace(r.name, r);

  const int total = static_cast<int>(items.size());
  std::vector<std::string> failures;
  for (int i = 0; i < total; ++i) {
    const SweepItem& item = items[static_cast<std::size_t>(i)];
    const std::string runName = record.name + ": " + item.name;
    std::string resumeId;
    if (auto it = byName.find(runName); it != byName.end()) {
      const RunRecord& previous = it->second;
      if (previous.status == RunStatus::Finished) {
        s.report({i, total, runName, previous.id, "skipped"});
        continue;
      }
      if (store.latestCheckpoint(previous.id)) resumeId = previous.id;
    }
    {
      std::lock_guard lock(s.mutex);
      if (s.stopRequested || s.cancelRequested) return false;
    }
    ExperimentOptions run;
    run.config = item.config;
    run.config.name = runName;
    run.databasePath = dbPath.string();
    run.outputDir = (root / folderName(item.name)).string();
    run.resumeRunId = resumeId;
    run.sweepId = record.id;
    if (!s.runItem(std::move(run), i, total, failures)) return false;
  }
  if (!failures.empty()) {
    std::string list;
    for (const std::string& f : failures) list += "\n  " + f;
    throw Error(std::to_string(failures.size()) + " of " + std::to_string(total) +
                " runs of sweep " + record.name + " failed:" + list);
  }
  return true;
}

}  // namespace catdpo
