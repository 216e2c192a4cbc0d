// SPDX-License-Identifier: MIT
// `catdpo show RUN`: one run in detail -- its record and config, which data it was evaluated on,
// the latest step, checkpoints (where an interrupted run resumes from) and the latest
// evaluation per harm category with its intervals.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "cli/eval_printer.h"
#include "cli/view_store.h"
#include "common/json_input.h"
#include "common/paths.h"
#include "store/run_json.h"
#include "store/run_location.h"
#include "store/run_store.h"

namespace catdpo::cli {
namespace {

struct ShowOptions {
  std::string run;
  bool json = false;
  bool samples = false;
  bool readOnly = false;
};

// Imported runs may carry any text: control characters and bidi overrides are shown escaped.
std::string shown(const std::string& text) { return escapeForDisplay(text, 4096); }

void printUntrusted(const RunRecord& r) {
  if (r.untrustedJson.empty()) return;
  nlohmann::json untrusted;
  std::string ignored;
  if (!tryParseJson(r.untrustedJson, {"untrusted", 1}, untrusted, ignored) ||
      !untrusted.is_object())
    return;
  for (auto it = untrusted.begin(); it != untrusted.end(); ++it) {
    if (it.key() == "imported_from") {
      std::cout << "Imported  from " << shown(it.value().dump()) << "\n";
      continue;
    }
    std::cout << "Untrusted " << shown(it.key()) << " = "
              << shown(it.value().is_string() ? it.value().get<std::string>() : it.value().dump())
              << "  (from import, not trusted: not used until you set it again)\n";
  }
}

void printHuman(const RunStore& store, const RunRecord& r) {
  std::cout << "Run       " << shown(r.id) << "\n"
            << "Name      " << shown(r.name) << "\n"
            << "Method    " << r.method << "\n"
            << "Status    " << toString(r.status) << "\n"
            << "Created   " << r.createdAt
            << (r.finishedAt.empty() ? "" : "  finished " + r.finishedAt) << "\n"
            << "Steps     " << r.lastStep
            << (r.totalSteps > 0 ? " of " + std::to_string(r.totalSteps) : std::string()) << "\n";
  if (!r.device.empty()) std::cout << "Device    " << r.device << "\n";
  if (!r.datasetFingerprint.empty()) std::cout << "Data set  " << r.datasetFingerprint << "\n";
  {
    // Which data the evaluations were made on: a separate file, or the training data's split.
    const auto config = storedConfigOf(r);
    const std::string evalData = config ? config->eval.data : std::string();
    if (!evalData.empty())
      std::cout << "Eval data " << evalData
                << (r.evalDatasetFingerprint.empty() ? "" : " (" + r.evalDatasetFingerprint + ")")
                << "\n";
    else
      std::cout << "Eval data held-out split of the training data\n";
  }
  if (!r.modelFingerprint.empty()) std::cout << "Model     " << r.modelFingerprint << "\n";
  if (!r.sweepId.empty()) std::cout << "Sweep     " << r.sweepId << "\n";
  if (!r.tags.empty()) {
    std::string tags;
    for (const auto& t : r.tags) tags += (tags.empty() ? "" : ", ") + t;
    std::cout << "Tags      " << shown(tags) << "\n";
  }
  if (!r.notes.empty()) std::cout << "Notes     " << shown(r.notes) << "\n";
  if (!r.errorMessage.empty()) std::cout << "Error     " << shown(r.errorMessage) << "\n";
  std::cout << "Version   " << shown(r.softwareVersion) << "\n";
  printUntrusted(r);
  const auto checkpoint = store.latestCheckpoint(r.id);
  if (checkpoint)
    std::cout << "Checkpoint step " << checkpoint->step << ": " << shown(checkpoint->path) << "\n";
  if ((r.status == RunStatus::Interrupted || r.status == RunStatus::Stopped) && checkpoint)
    std::cout << "Resumable from step " << checkpoint->step << "\n";

  if (const auto step = store.latestStep(r.id)) {
    std::cout << "\nLatest step " << step->step << ": loss " << formatFixed(step->loss, 4)
              << ", reward margin " << formatFixed(step->rewardMargin, 4) << ", accuracy "
              << formatFixed(step->accuracy, 3) << "\n";
  }
  const auto ev = store.latestEvaluation(r.id);
  if (!ev) return;
  const EvalResult& e = ev->result;
  std::cout << "\nLatest evaluation at step " << e.step
            << (e.judge.empty() ? "" : " (judge " + e.judge + ")") << "\n";
  const auto step = store.latestStep(r.id);
  printEvaluation(std::cout, e, step ? &*step : nullptr);
}

const bool kRegistered = registerCommand(Command{
    "show", "Show one run: record, latest step, checkpoints, latest evaluation", /*order=*/310,
    /*needsEngine=*/false, [](CLI::App& sub, const GlobalOptions& global) {
      auto opt = std::make_shared<ShowOptions>();
      sub.add_option("RUN", opt->run, "Run id, unique id prefix or name")->required();
      sub.add_flag("--json", opt->json, "Print JSON (all evaluations)");
      sub.add_flag("--samples", opt->samples, "With --json: include the generated samples");
      addReadOnlyFlag(sub, opt->readOnly);
      return std::function<int()>([opt, &global] {
        const std::unique_ptr<RunStore> opened = openForViewing(global, opt->readOnly);
        RunStore& store = *opened;
        const RunRecord run = store.resolveRun(opt->run);
        if (!opt->json) {
          printHuman(store, run);
          return 0;
        }
        nlohmann::json out = runToJson(run);
        const auto step = store.latestStep(run.id);
        out["latest_step"] = step ? stepToJson(*step) : nlohmann::json(nullptr);
        nlohmann::json checkpoints = nlohmann::json::array();
        for (const auto& c : store.checkpoints(run.id)) checkpoints.push_back(checkpointToJson(c));
        out["checkpoints"] = checkpoints;
        nlohmann::json evaluations = nlohmann::json::array();
        for (const auto& e : store.evaluations(run.id, opt->samples))
          evaluations.push_back(evaluationToJson(e));
        out["evaluations"] = evaluations;
        printJson(std::cout, out);
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
