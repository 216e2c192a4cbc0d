// SPDX-License-Identifier: MIT
// The comparison suite: methods x seeds x (optionally) hyper-parameter grids on one data set
// and model (each grid multiplies only the methods it affects; several grids on one method
// multiply each other, as the trade-off frontier's grid over Cat-DPO's eta and lambda_init), run
// one after another as normal runs grouped under a sweep id, then summarised per method as mean +-
// std over seeds with 95 % intervals (Macro, Worst-3, Gap of the generated safe ratio, each also as
// a difference from the matched control catdpo_nomargin; helpfulness; benign and borderline
// over-refusal; the implicit probability as a diagnostic). The plan is stored with the sweep, so an
// interrupted sweep resumes from the database alone. Plain header (no LibTorch, no Qt): the CLI and
// the GUI share it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "eval/bootstrap.h"
#include "eval/results_table.h"
#include "eval/seed_stats.h"
#include "experiment/experiment.h"
#include "train/train_config.h"

namespace catdpo {

class RunStore;

struct SweepGrid {
  std::string key;                  // dotted config key, e.g. "catdpo.eta" (aliases accepted)
  std::vector<std::string> values;  // as text, applied with setConfigValue
};

struct SweepPlan {
  TrainConfig base;
  std::vector<Method> methods;
  std::vector<std::uint64_t> seeds;
  // Each grid applies to the methods whose options it sets (all methods for a shared option
  // such as beta); a method affected by several grids runs their product. No two grids may
  // set the same key.
  std::vector<SweepGrid> grids;
};

// The trade-off frontier's grids for these methods: each method's safety knob(s) with their
// default values from the method catalogue (frontierGridTexts), e.g. SafeDPO's Delta and
// Cat-DPO's eta and lambda_init; methods without one are one point each.
std::vector<SweepGrid> frontierGrids(const std::vector<Method>& methods);

// "eta" -> "catdpo.eta", "epsilon" -> "catdpo.epsilon", "delta" -> "safedpo_delta",
// "lr" -> "learning_rate"; anything else is taken as a config key as it is.
std::string sweepGridKey(const std::string& nameOrAlias);
// Parses "eta=0.1,0.5,1.0"; throws Error naming the argument when malformed.
SweepGrid parseSweepGrid(const std::string& text);

nlohmann::json sweepPlanToJson(const SweepPlan& plan);
SweepPlan sweepPlanFromJson(const nlohmann::json& json, const std::string& source = {});
// A stored plan (possibly from an imported file) through the hardened JSON entry point.
SweepPlan sweepPlanFromText(const std::string& text, const std::string& source);

// One run of the sweep: its stable name (the key a resumed sweep matches runs by), its group
// label (method and grid value: what the result table has one row for) and its config.
struct SweepItem {
  std::string name;
  std::string group;
  std::string gridValue;  // the grid settings of this run, "eta=0.5 lambda_init=0" (short keys)
  std::uint64_t seed = 0;
  TrainConfig config;
};

// Every run in execution order (seed-major, so an interrupted sweep has whole seeds done);
// validates every config first, so a bad grid value fails before any training. A plan of more
// than kMaxSweepRuns runs is refused.
inline constexpr int kMaxSweepRuns = 10000;
std::vector<SweepItem> expandSweep(const SweepPlan& plan);

struct SweepProgress {
  int index = 0;  // 0-based position of the current run
  int total = 0;
  std::string runName;
  std::string runId;
  std::string state;  // "skipped" (already finished), "started", "resumed", "finished", ...
};

struct SweepOptions {
  SweepPlan plan;
  std::string databasePath;  // empty: the default workspace database ("-" is not allowed)
  std::string outputRoot;    // runs go to <outputRoot>/<run name>; empty: the default
  std::string resumeSweep;   // id, id prefix or name of a sweep to continue (plan from the db)
  std::string name;          // name of a new sweep
};

class SweepRunner {
 public:
  explicit SweepRunner(SweepOptions options);
  ~SweepRunner();
  SweepRunner(const SweepRunner&) = delete;
  SweepRunner& operator=(const SweepRunner&) = delete;

  // Engine events of every run, in order; and a note at each run's start/end.
  void addListener(TrainingListener* listener);
  void setProgressCallback(std::function<void(const SweepProgress&)> callback);
  void setPreparationCallback(std::function<void(const PreparationProgress&)> callback);
  // Stop ends the current run with a checkpoint and ends the sweep (resumable); cancel ends
  // it at once. Safe from any thread.
  void stop();
  void cancel();

  // Runs what is left. Returns true when every run finished; false when stopped or cancelled.
  // A failed run is recorded and the sweep goes on with the next one; run() throws
  // catdpo::Error after the last run when any run failed.
  bool run();
  std::string sweepId() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

// --- results ----------------------------------------------------------------------------------

// The matched control every comparison is measured against when it is in the sweep.
inline constexpr const char* kControlMethod = "catdpo_nomargin";

struct MeanStd {
  double mean = 0;
  double std = 0;  // sample standard deviation over seeds (0 for one seed)
  int n = 0;       // seeds with a value
  // 95 % interval: a bootstrap over seeds and prompts for Macro, Worst-3 and Gap of the
  // generated safe ratio; Wilson on the answers pooled over seeds for a rate. None elsewhere.
  Interval ci;
  bool hasCi = false;
};

struct SweepGroupResult {
  std::string group;  // method (+ grid value)
  std::string method;
  std::string gridValue;
  std::vector<std::string> runIds;
  int finishedRuns = 0;
  // Generated safe ratio (needs a judge): Macro, Worst-3, Gap with bootstrap intervals.
  MeanStd genMacro, genWorst3, genGap, genVariance;
  // Implicit safety probability sigma(beta z) on held-out pairs: a training diagnostic, never a
  // ranking (any margin raises it).
  MeanStd impMacro, impWorst3, impGap, impVariance;
  MeanStd impAccuracyMacro;
  MeanStd helpfulness;        // implicit-reward accuracy on helpfulness pairs (Wilson, pooled)
  MeanStd overRefusal;        // refusal rate on benign prompts (Wilson on pooled counts)
  MeanStd borderlineRefusal;  // refusal rate on borderline prompts (Wilson on pooled counts)
  std::vector<MeanStd> perCategorySafe;      // generated safe ratio per category (Wilson)
  std::vector<MeanStd> perCategoryImplicit;  // implicit safety probability per category
  // Judged counts of each finished run with a judged evaluation, and its seed (the GUI draws
  // whiskers from them; the bootstraps resample them).
  std::vector<EvalCounts> counts;
  std::vector<std::uint64_t> countSeeds;
  // Difference from the matched control (kControlMethod, same grid value when it has one):
  // Macro, Worst-3 (ratios) and Gap (points) of this group minus the control's, paired by
  // seed, with bootstrap intervals. control is empty when there is none (or this is it).
  std::string control;
  SummaryEstimate vsControl;
  // The same difference at the seed level, reported first: every paired seed's difference,
  // their mean with a t interval and the exact sign-flip p-value (eval/seed_stats.h).
  SeedSummaryDifference vsControlSeeds;
};

struct SweepResult {
  std::string sweepId;
  std::string name;
  std::vector<std::string> gridKeys;
  std::vector<std::string> categories;
  std::vector<SweepGroupResult> groups;  // plan order
  int plannedRuns = 0;
  int finishedRuns = 0;
  int resamples = 0;  // bootstrap resamples behind the intervals (0: none computed)
};

// Reads a sweep's runs and their final evaluations from the store. withIntervals false skips
// the bootstraps (a listing only needs the counts of runs).
SweepResult summarizeSweep(const RunStore& store, const std::string& sweepReference,
                           bool withIntervals = true);
// A group's value in a results-table column (eval/results_table.h): mean over seeds, n = 0 when
// it has none.
const MeanStd& sweepColumnValue(const SweepGroupResult& group, ResultColumnId column);
// Per group, whether its mean is the best of the column: the results table's one rule (ties at
// the shown precision all marked, two or more values needed, diagnostics never), shared by the
// Markdown, the JSON ("best") and the app's Sweeps view.
std::vector<bool> sweepBest(const SweepResult& result, ResultColumnId column);
nlohmann::json sweepResultToJson(const SweepResult& result);
// The result as Markdown: the summary table (mean ± std [95 % interval]), the difference from
// the matched control, the implicit diagnostic apart, and the per-category table.
std::string sweepResultMarkdown(const SweepResult& result);

}  // namespace catdpo
