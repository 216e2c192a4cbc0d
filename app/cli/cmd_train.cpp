// SPDX-License-Identifier: MIT
// `catdpo train`: one run from a config file or the built-in demo, with a compact progress
// line (step, loss, tokens/s, ETA, the three worst categories by g_k) and the final
// per-category table. Ctrl-C stops after a checkpoint (resumable); a second Ctrl-C cancels.
#include <csignal>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "cli/train_printer.h"
#include "common/error.h"
#include "experiment/experiment.h"

namespace catdpo::cli {
namespace {

std::atomic<RunControl*> g_control{nullptr};
std::atomic<int> g_interrupts{0};

void onInterrupt(int) {
  RunControl* c = g_control.load();
  if (!c) return;
  if (g_interrupts.fetch_add(1) == 0) c->stop();
  else c->cancel();
}

struct TrainArgs {
  std::string configFile;
  bool demo = false;
  bool quick = false;
  std::string method, data, model, out, resume, name;
  std::int64_t steps = 0;
  int batchSize = 0, evalEvery = -1;
  double learningRate = 0, beta = 0;
  std::uint64_t seed = 0;
  bool seedSet = false;
  std::vector<std::string> sets;
  bool json = false;
};

// Applies "key=value" (dotted keys).
void applySet(nlohmann::json& config, const std::string& assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw Error("--set expects key=value, got '" + assignment + "'");
  setConfigValue(config, assignment.substr(0, eq), assignment.substr(eq + 1));
}

TrainConfig buildConfig(const TrainArgs& a) {
  nlohmann::json j = a.configFile.empty() ? toJson(TrainConfig{})
                                          : toJson(loadTrainConfig(a.configFile));
  if (a.demo) {
    j["data"] = a.quick ? "demo:1500" : "demo";
    j["model"] = a.quick ? "demo:quick" : "demo";
    if (a.configFile.empty()) {
      // The demo's defaults: long enough for lambda to move, short enough for a coffee.
      j["steps"] = a.quick ? 40 : 150;
      j["learning_rate"] = 2e-4;
      j["eval"]["every"] = a.quick ? 20 : 50;
      j["checkpoint_every"] = 50;
    }
  }
  if (!a.method.empty()) j["method"] = a.method;
  if (!a.data.empty()) j["data"] = a.data;
  if (!a.model.empty()) j["model"] = a.model;
  if (!a.name.empty()) j["name"] = a.name;
  if (a.steps > 0) j["steps"] = a.steps;
  if (a.batchSize > 0) j["batch_size"] = a.batchSize;
  if (a.evalEvery >= 0) j["eval"]["every"] = a.evalEvery;
  if (a.learningRate > 0) j["learning_rate"] = a.learningRate;
  if (a.beta > 0) j["beta"] = a.beta;
  if (a.seedSet) j["seed"] = a.seed;
  for (const std::string& s : a.sets) applySet(j, s);
  return trainConfigFromJson(j, a.configFile.empty() ? "command line" : a.configFile);
}

const bool kRegistered = registerCommand(Command{
    "train", "Train a model with Cat-DPO or one of the seven baselines", /*order=*/10,
    /*needsEngine=*/true, [](CLI::App& sub, const GlobalOptions& global) {
      auto a = std::make_shared<TrainArgs>();
      auto* source = sub.add_option_group("source");
      source->add_option("--config", a->configFile, "Run configuration (JSON)")->check(CLI::ExistingFile);
      source->add_flag("--demo", a->demo, "Built-in demo data set and demo model (nothing to download)");
      source->add_option("--resume", a->resume, "Continue a stopped or interrupted run (id, prefix or name)");
      source->require_option(1);
      sub.add_flag("--quick", a->quick, "With --demo: a small model and data set (about a minute)");
      sub.add_option("--method", a->method, "dpo, dpo_safer, ipo, safedpo, catdpo, drdpo, group_robust, sacpo");
      sub.add_option("--data", a->data, "Preference data file (overrides the config)");
      sub.add_option("--model", a->model, "Hugging Face checkpoint folder, or demo");
      sub.add_option("--name", a->name, "Run name");
      sub.add_option("--steps", a->steps, "Optimizer steps");
      sub.add_option("--batch-size", a->batchSize, "Pairs per optimizer step");
      sub.add_option("--eval-every", a->evalEvery, "Evaluate every N steps (0: only at the end)");
      sub.add_option("--lr", a->learningRate, "Peak learning rate");
      sub.add_option("--beta", a->beta, "DPO beta");
      sub.add_option("--seed", a->seed, "Random seed")->each([a](const std::string&) { a->seedSet = true; });
      sub.add_option("--set", a->sets, "Any config option, e.g. --set catdpo.eta=1.0 (repeatable)");
      sub.add_option("--out", a->out, "Output folder for checkpoints and the final model");
      sub.add_flag("--json", a->json, "Print the final result as JSON");
      return std::function<int()>([a, &global] {
        ExperimentOptions options;
        if (a->resume.empty()) options.config = buildConfig(*a);
        options.databasePath = global.db;
        options.outputDir = a->out;
        options.resumeRunId = a->resume;
        Experiment experiment(options);
        TrainPrinter printer(experiment, global.quiet || a->json);
        experiment.addListener(&printer);
        experiment.setPreparationCallback([&printer](const PreparationProgress& p) { printer.preparation(p); });
        g_control = &experiment.control();
        std::signal(SIGINT, onInterrupt);
        std::signal(SIGTERM, onInterrupt);
        try {
          experiment.run();
        } catch (...) {
          g_control = nullptr;
          throw;
        }
        g_control = nullptr;
        printer.finish(a->json);
        return printer.exitCode();
      });
    }});

}  // namespace
}  // namespace catdpo::cli
