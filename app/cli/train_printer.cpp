// SPDX-License-Identifier: MIT
#include "cli/train_printer.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_output.h"
#include "cli/eval_printer.h"
#include "store/run_json.h"

namespace catdpo::cli {

std::string formatDuration(double s) {
  if (!(s >= 0)) return "?";
  const long long t = static_cast<long long>(s + 0.5);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", t / 3600, (t % 3600) / 60);
  else if (t >= 60)
    std::snprintf(buf, sizeof buf, "%lldm%02llds", t / 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%llds", t);
  return buf;
}

TrainPrinter::TrainPrinter(const Experiment& experiment, bool quiet)
    : m_experiment(experiment), m_quiet(quiet), m_tty(isatty(STDOUT_FILENO) != 0) {}

void TrainPrinter::endLine() {
  if (m_open) std::cout << "\n";
  m_open = false;
}

void TrainPrinter::preparation(const PreparationProgress& p) {
  if (p.stage == "warning") {  // shown even with --quiet: something was not as expected
    endLine();
    std::cerr << "warning: " << p.message << std::endl;
    return;
  }
  if (m_quiet) return;
  const auto now = std::chrono::steady_clock::now();
  const bool newStage = p.stage != m_lastStage;
  if (!newStage && p.fraction < 1.0 && now - m_lastPrint < std::chrono::seconds(m_tty ? 0 : 5))
    return;
  m_lastPrint = now;
  m_lastStage = p.stage;
  const std::string line =
      "[" + p.stage + "] " +
      (p.fraction > 0 && p.fraction < 1 ? formatFixed(100 * p.fraction, 0) + "% " : "") + p.message;
  if (m_tty) {
    std::cout << "\r\033[K" << line << std::flush;
    m_open = true;
    if (p.fraction >= 1.0) endLine();
  } else {
    std::cout << line << std::endl;
  }
}

void TrainPrinter::onLifecycle(const LifecycleEvent& e) {
  switch (e.kind) {
    case LifecycleKind::Started:
      if (!m_quiet) {
        endLine();
        std::cout << "run " << m_experiment.runId()
                  << (e.step > 0 ? " resumed at step " + std::to_string(e.step) : " started")
                  << std::endl;
      }
      break;
    case LifecycleKind::CheckpointSaved:
      m_checkpoint = e.checkpointPath;
      break;
    case LifecycleKind::Finished:
      m_status = "finished";
      break;
    case LifecycleKind::Stopped:
      m_status = "stopped";
      endLine();
      std::cout << "stopped at step " << e.step
                << " (checkpoint saved; continue with: catdpo train --resume "
                << m_experiment.runId() << ")" << std::endl;
      m_exitCode = 130;
      break;
    case LifecycleKind::Cancelled:
      m_status = "cancelled";
      m_exitCode = 130;
      break;
    case LifecycleKind::Failed:
      m_status = "failed";
      endLine();
      break;
    case LifecycleKind::Message:
      if (!m_quiet) {
        endLine();
        std::cout << e.message << std::endl;
      }
      break;
    default:
      break;
  }
}

void TrainPrinter::onStep(const StepMetrics& s) {
  m_lastStep = s;
  if (m_quiet) return;
  const auto now = std::chrono::steady_clock::now();
  const bool last = s.step == s.totalSteps;
  if (!m_tty && !last && now - m_lastPrint < std::chrono::seconds(2)) return;
  m_lastPrint = now;
  std::vector<const CategoryStepMetrics*> seen;
  for (const auto& c : s.categories)
    if (c.contrastive > 0) seen.push_back(&c);
  std::sort(seen.begin(), seen.end(), [](auto* a, auto* b) { return a->g > b->g; });
  const auto names = m_experiment.categoryNames();
  std::string worst;
  for (std::size_t i = 0; i < seen.size() && i < 3; ++i) {
    const int k = seen[i]->category;
    worst += (i ? ", " : "") + (k < static_cast<int>(names.size()) ? names[k] : std::to_string(k)) +
             " " + formatFixed(seen[i]->g, 2);
  }
  char line[512];
  std::snprintf(
      line, sizeof line, "step %lld/%lld  loss %.4f  acc %.2f  %.0f tok/s  ETA %s  worst g: %s",
      static_cast<long long>(s.step), static_cast<long long>(s.totalSteps), s.loss, s.accuracy,
      s.tokensPerSecond, formatDuration(s.etaSeconds).c_str(), worst.empty() ? "-" : worst.c_str());
  if (m_tty) {
    std::cout << "\r\033[K" << line << std::flush;
    m_open = true;
  } else {
    std::cout << line << std::endl;
  }
}

void TrainPrinter::onEvaluation(const EvalResult& r) {
  m_lastEval = r;
  if (m_quiet) return;
  endLine();
  std::cout << "eval @ step " << r.step << ": ";
  if (r.generated.categoriesCounted > 0)
    std::cout << "safe ratio macro " << formatFixed(100 * r.generated.macro, 1) << "%, worst-3 "
              << formatFixed(100 * r.generated.worst3, 1) << "%, gap "
              << formatFixed(r.generated.gapPoints, 1) << " pp; ";
  std::cout << "implicit P(safe) macro " << formatFixed(r.implicit.macro, 3)
            << " (diagnostic); helpfulness acc " << formatFixed(r.helpfulnessAccuracy, 3);
  if (r.overRefusal >= 0)
    std::cout << "; over-refusal benign " << formatFixed(100 * r.overRefusal, 1) << "%";
  if (r.borderlineRefusal >= 0)
    std::cout << ", borderline " << formatFixed(100 * r.borderlineRefusal, 1) << "%";
  std::cout << " (" << formatDuration(r.seconds) << ")" << std::endl;
}

void TrainPrinter::finish(bool json) {
  endLine();
  if (json) {
    nlohmann::json j = {{"run_id", m_experiment.runId()},
                        {"status", m_status},
                        {"final_model", m_experiment.finalModelDir()},
                        {"checkpoint", m_checkpoint}};
    if (m_lastStep) {
      j["step"] = m_lastStep->step;
      j["loss"] = m_lastStep->loss;
      nlohmann::json lambda = nlohmann::json::object();
      const auto names = m_experiment.categoryNames();
      for (const auto& c : m_lastStep->categories)
        if (c.category < static_cast<int>(names.size())) lambda[names[c.category]] = c.lambda;
      j["lambda"] = lambda;
    }
    if (m_lastEval) j["latest_evaluation"] = evalResultToJson(*m_lastEval);
    printJson(std::cout, j);
    return;
  }
  if (m_quiet) return;
  if (m_lastEval) {
    std::cout << "\nfinal evaluation (step " << m_lastEval->step << "):\n";
    printEvaluation(std::cout, *m_lastEval, m_lastStep ? &*m_lastStep : nullptr);
  }
  std::cout << "run " << m_experiment.runId() << " " << m_status;
  if (!m_experiment.finalModelDir().empty())
    std::cout << "; aligned model: " << m_experiment.finalModelDir();
  std::cout << std::endl;
}

}  // namespace catdpo::cli
