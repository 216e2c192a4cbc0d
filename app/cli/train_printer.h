// SPDX-License-Identifier: MIT
// Turns engine events into terminal output: one progress line per step (rewritten in place on
// a terminal, one line per log interval otherwise), evaluation summaries, and the final
// per-category table or JSON. Shared by `train` and `sweep`.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "experiment/experiment.h"

namespace catdpo::cli {

class TrainPrinter : public TrainingListener {
 public:
  TrainPrinter(const Experiment& experiment, bool quiet);

  void onLifecycle(const LifecycleEvent& event) override;
  void onStep(const StepMetrics& step) override;
  void onEvaluation(const EvalResult& result) override;
  void preparation(const PreparationProgress& progress);

  // Prints the final table (or JSON) after run() returned.
  void finish(bool json);
  int exitCode() const { return m_exitCode; }

 private:
  void endLine();
  const Experiment& m_experiment;
  bool m_quiet;
  bool m_tty;
  bool m_open = false;  // a progress line is being rewritten in place
  std::string m_status = "running";
  std::optional<StepMetrics> m_lastStep;
  std::optional<EvalResult> m_lastEval;
  std::string m_checkpoint;
  std::string m_lastStage;
  int m_exitCode = 0;
  std::chrono::steady_clock::time_point m_lastPrint{};
};

// "1m05s", "42s", "2h03m"
std::string formatDuration(double seconds);

}  // namespace catdpo::cli
