// SPDX-License-Identifier: MIT
// `catdpo train`: one run from a config file or the built-in demo, with a compact progress
// line (step, loss, tokens/s, ETA, the three worst categories by g_k) and the final
// per-category table. Ctrl-C stops after a checkpoint (resumable); a second Ctrl-C cancels.
// With WORLD_SIZE in the environment this process is one rank of a data-parallel run;
// --nproc N starts N such ranks on this machine.
#include <algorithm>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "cli/method_help.h"
#include "cli/run_args.h"
#include "cli/train_printer.h"
#include "common/error.h"
#include "dist/distributed.h"
#include "dist/local_launcher.h"
#include "experiment/experiment.h"

namespace catdpo::cli {
namespace {

struct TrainArgs {
  std::string configFile;
  bool demo = false;
  bool quick = false;
  std::string method, data, evalData, model, out, resume, name;
  std::int64_t steps = 0;
  int batchSize = 0, evalEvery = -1;
  double learningRate = 0, beta = 0;
  std::uint64_t seed = 0;
  bool seedSet = false;
  std::vector<std::string> sets;
  bool json = false;
  int nproc = 0;
};

TrainConfig buildConfig(const TrainArgs& a) {
  nlohmann::json j = baseConfig(a.configFile, a.demo, a.quick);
  if (!a.method.empty()) j["method"] = a.method;
  if (!a.data.empty()) j["data"] = a.data;
  if (!a.evalData.empty()) j["eval"]["data"] = a.evalData;
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
    "train", "Train a model with Cat-DPO, its matched control or one of the seven baselines",
    /*order=*/10,
    /*needsEngine=*/true, [](CLI::App& sub, const GlobalOptions& global) {
      auto a = std::make_shared<TrainArgs>();
      auto* source = sub.add_option_group("source");
      source->add_option("--config", a->configFile, "Run configuration (JSON)")
          ->check(CLI::ExistingFile);
      source->add_flag(
          "--demo", a->demo,
          "Built-in demo data set and demo model (nothing to download); its benchmark is the "
          "config's demo section: --set demo.preset=noisy, demo.label_noise=0.1, ...");
      source->add_option("--resume", a->resume,
                         "Continue a stopped or interrupted run (id, prefix or name)");
      source->require_option(1);
      sub.add_flag("--quick", a->quick, "With --demo: a small model and data set (about a minute)");
      sub.add_option("--method", a->method, methodHelp());
      sub.add_option("--data", a->data, "Preference data file (overrides the config)");
      sub.add_option("--eval-data", a->evalData,
                     "Evaluate on this file (held-out pairs and prompts, e.g. the test split) "
                     "instead of a split of the training data; trains on all of --data");
      sub.add_option("--model", a->model, "Hugging Face checkpoint folder, or demo");
      sub.add_option("--name", a->name, "Run name");
      sub.add_option("--steps", a->steps, "Optimizer steps");
      sub.add_option("--batch-size", a->batchSize, "Pairs per optimizer step");
      sub.add_option("--eval-every", a->evalEvery, "Evaluate every N steps (0: only at the end)");
      sub.add_option("--lr", a->learningRate, "Peak learning rate");
      sub.add_option("--beta", a->beta, "DPO beta");
      sub.add_option("--seed", a->seed, "Random seed")->each([a](const std::string&) {
        a->seedSet = true;
      });
      sub.add_option("--set", a->sets, "Any config option, e.g. --set catdpo.eta=1.0 (repeatable)");
      sub.add_option("--out", a->out, "Output folder for checkpoints and the final model");
      sub.add_flag("--json", a->json, "Print the final result as JSON");
      sub.footer(
          "Cat-DPO's dual update (--set KEY=VALUE, or in the config's \"catdpo\" object):\n"
          "  catdpo.dual_step    per_pair (default: one step per safety-contrastive pair, in\n"
          "                      batch order) or batch_mean (one step per batch on the mean)\n"
          "  catdpo.aggregation  sum (default), mean, max or binding: a pair's margin over its\n"
          "                      categories; binding: only the largest-lambda ones get it\n"
          "  catdpo.lambda_max   a cap on lambda_k; none (JSON null, the default): no cap\n"
          "  catdpo.eta, catdpo.epsilon, catdpo.lambda_init, catdpo.g_ema,\n"
          "  catdpo.constraint_signal (implicit | judged)\n"
          "Evaluation: eval.prompts_per_category, eval.benign_prompts, eval.borderline_prompts,\n"
          "  eval.degenerate (fail | judge | exclude), eval.data. See docs/METHODS.md.");
      sub.add_option("--nproc", a->nproc,
                     "Data-parallel processes on this machine (Gloo over 127.0.0.1); ranks "
                     "started by another launcher read MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK")
          ->check(CLI::Range(1, 256));
      return std::function<int()>([a, &global] {
        const std::optional<DistEnvironment> dist = distEnvironmentFromEnv();
        if (a->nproc > 1 && !dist) return runLocalRanks(a->nproc, ownCommandLine());
        ExperimentOptions options;
        if (a->resume.empty()) options.config = buildConfig(*a);
        options.databasePath = global.db;
        options.outputDir = a->out;
        options.resumeRunId = a->resume;
        if (dist && dist->worldSize > 1) {
          // Ranks sharing a machine share its cores.
          if (a->resume.empty() && options.config.threads == 0)
            options.config.threads = std::max(
                1, static_cast<int>(std::thread::hardware_concurrency()) / dist->localWorldSize);
          if (a->resume.empty() && options.config.device == "cuda")
            options.config.device = "cuda:" + std::to_string(dist->localRank);
          DistOptions distOptions;
          distOptions.cuda = options.config.device.rfind("cuda", 0) == 0;
          options.collective = connectCollective(*dist, distOptions);
        }
        const bool rankZero = !options.collective || options.collective->rank() == 0;
        Experiment experiment(options);
        TrainPrinter printer(experiment, global.quiet || a->json || !rankZero);
        experiment.addListener(&printer);
        experiment.setPreparationCallback(
            [&printer](const PreparationProgress& p) { printer.preparation(p); });
        {
          RunControl& control = experiment.control();
          const InterruptHandler interrupts([&control] { control.stop(); },
                                            [&control] { control.cancel(); });
          try {
            experiment.run();
          } catch (const std::exception& e) {
            // The other ranks' next collective breaks when this process exits: tell them why.
            if (options.collective) options.collective->reportFailure(e.what());
            throw;
          }
        }
        if (!rankZero) return 0;
        printer.finish(a->json);
        return printer.exitCode();
      });
    }});

}  // namespace
}  // namespace catdpo::cli
