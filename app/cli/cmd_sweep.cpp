// SPDX-License-Identifier: MIT
// `catdpo sweep`: methods x seeds x (optionally) grids on one data set and model, each a
// normal run grouped under a sweep id; then the per-method summary (mean +- std over seeds,
// 95 % intervals, the difference from the matched control) as Markdown tables or JSON. `--resume
// SWEEP` continues an interrupted sweep without redoing finished runs; `--report SWEEP` prints the
// result of a sweep without training.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "cli/method_help.h"
#include "cli/run_args.h"
#include "cli/train_printer.h"
#include "common/error.h"
#include "common/paths.h"
#include "experiment/frontier.h"
#include "experiment/sweep.h"
#include "store/run_store.h"
#include "store/workspace.h"

namespace catdpo::cli {
namespace {

struct SweepArgs {
  std::string configFile, data, evalData, model, methods = defaultSweepMethodList(), name;
  std::vector<std::string> grids;
  std::string resume, report, out, markdown, figures;
  bool demo = false, quick = false, json = false, list = false, frontier = false;
  int seeds = 3;
  std::int64_t steps = 0;
  int batchSize = 0, evalEvery = -1;
  std::vector<std::string> sets;
};

std::vector<Method> parseMethods(const std::string& text) {
  std::vector<Method> out;
  std::stringstream in(text);
  std::string name;
  while (std::getline(in, name, ','))
    if (!name.empty()) out.push_back(methodFromString(name));
  if (out.empty()) throw Error("--methods names no method", {"", 0, "methods"});
  return out;
}

SweepPlan buildPlan(const SweepArgs& a) {
  nlohmann::json j = baseConfig(a.configFile, a.demo, a.quick);
  // A sweep evaluates each run once, at its end.
  if (a.demo && a.configFile.empty()) j["eval"]["every"] = 0;
  if (!a.data.empty()) j["data"] = a.data;
  if (!a.evalData.empty()) j["eval"]["data"] = a.evalData;
  if (!a.model.empty()) j["model"] = a.model;
  if (a.steps > 0) j["steps"] = a.steps;
  if (a.batchSize > 0) j["batch_size"] = a.batchSize;
  if (a.evalEvery >= 0) j["eval"]["every"] = a.evalEvery;
  for (const std::string& s : a.sets) applySet(j, s);
  SweepPlan plan;
  plan.base = trainConfigFromJson(j, a.configFile.empty() ? "command line" : a.configFile);
  plan.methods = parseMethods(a.methods);
  if (a.seeds < 1) throw Error("--seeds must be at least 1", {"", 0, "seeds"});
  for (int s = 1; s <= a.seeds; ++s) plan.seeds.push_back(static_cast<std::uint64_t>(s));
  if (a.frontier) plan.grids = frontierGrids(plan.methods);
  for (const std::string& text : a.grids) {
    SweepGrid grid = parseSweepGrid(text);
    // An explicit grid replaces the frontier's default one over the same key.
    std::erase_if(plan.grids, [&grid](const SweepGrid& g) { return g.key == grid.key; });
    plan.grids.push_back(std::move(grid));
  }
  return plan;
}

// One line per run start/end and a progress line every tenth of a run.
class SweepPrinter : public TrainingListener {
 public:
  explicit SweepPrinter(bool quiet) : m_quiet(quiet) {}
  void progress(const SweepProgress& p) {
    if (m_quiet) return;
    std::cout << "[" << p.index + 1 << "/" << p.total << "] " << p.runName << ": " << p.state;
    if (!p.runId.empty()) std::cout << " (" << p.runId.substr(0, 8) << ")";
    std::cout << std::endl;
  }
  void onStep(const StepMetrics& s) override {
    if (m_quiet) return;
    const std::int64_t every = std::max<std::int64_t>(1, s.totalSteps / 10);
    if (s.step % every != 0 && s.step != s.totalSteps) return;
    std::cout << "    step " << s.step << "/" << s.totalSteps << "  loss " << formatFixed(s.loss, 4)
              << "  " << formatFixed(s.tokensPerSecond, 0) << " tok/s  ETA "
              << formatDuration(s.etaSeconds) << std::endl;
  }
  void onEvaluation(const EvalResult& r) override {
    if (m_quiet) return;
    std::cout << "    eval @" << r.step;
    if (r.generated.categoriesCounted > 0)
      std::cout << "  safe macro " << formatFixed(100 * r.generated.macro, 1) << "%  worst-3 "
                << formatFixed(100 * r.generated.worst3, 1) << "%";
    if (r.implicit.categoriesCounted > 0)
      std::cout << "  implicit P macro " << formatFixed(100 * r.implicit.macro, 1)
                << "% (diagnostic)";
    std::cout << std::endl;
  }
  void onLifecycle(const LifecycleEvent& e) override {
    if (e.kind == LifecycleKind::Failed) std::cerr << "    failed: " << e.message << std::endl;
  }

 private:
  bool m_quiet;
};

void printResult(const RunStore& store, const std::string& sweep, const SweepArgs& a) {
  const SweepResult result = summarizeSweep(store, sweep);
  const std::string markdown = sweepResultMarkdown(result);
  if (!a.markdown.empty()) {
    writeFileAtomically(a.markdown, markdown);
    if (!a.json) std::cout << "wrote " << a.markdown << "\n";
  }
  if (a.json)
    printJson(std::cout, sweepResultToJson(result));
  else
    std::cout << "\n" << markdown;
  if (!a.figures.empty()) {
    std::filesystem::create_directories(a.figures);
    for (FrontierAxis axis : kFrontierAxes) {
      const Frontier f = sweepFrontier(result, axis);
      std::string name = "frontier-" + std::string(toString(axis)) + ".svg";
      std::replace(name.begin(), name.end(), '_', '-');  // the app's figure names
      const std::string file = (std::filesystem::path(a.figures) / name).string();
      writeFileAtomically(
          file, frontierSvg(f, "Sweep " + result.name + ": Worst-3 vs " + frontierAxisLabel(axis)));
      if (!a.json) std::cout << "wrote " << file << "\n";
    }
  }
}

const bool kRegistered = registerCommand(Command{
    "sweep", "Compare methods over seeds (and hyper-parameter grids) per harm category",
    /*order=*/12, /*needsEngine=*/true, [](CLI::App& sub, const GlobalOptions& global) {
      auto a = std::make_shared<SweepArgs>();
      auto* source = sub.add_option_group("source");
      source->add_flag("--demo", a->demo, "Built-in demo data set and demo model");
      source->add_option("--data", a->data, "Preference data file");
      source->add_option("--config", a->configFile, "Base run configuration (JSON)")
          ->check(CLI::ExistingFile);
      source->add_option("--resume", a->resume, "Continue a sweep (id, prefix or name)");
      source->add_option("--report", a->report, "Print a sweep's result without training");
      source->add_flag("--list", a->list, "List the workspace's sweeps");
      source->require_option(1, 2);
      sub.add_flag("--quick", a->quick, "With --demo: the small demo model and data set");
      sub.add_option("--model", a->model, "Hugging Face checkpoint folder, or demo");
      sub.add_option("--eval-data", a->evalData,
                     "Evaluate every run on this file (held-out pairs and prompts) instead of a "
                     "split of the training data");
      sub.add_option("--methods", a->methods,
                     "Comma-separated methods; with catdpo_nomargin (Cat-DPO's matched control) "
                     "every result also shows each method's difference from it")
          ->capture_default_str();
      sub.add_option("--seeds", a->seeds, "Seeds per method (1..N)")->capture_default_str();
      sub.add_option("--grid", a->grids,
                     "A grid, e.g. eta=0.1,0.5,1.0 (repeatable; each applies to the methods it "
                     "affects, several on one method multiply)");
      sub.add_flag("--frontier", a->frontier,
                   "Sweep each method's safety knob over its default grid (SafeDPO delta, "
                   "Cat-DPO eta and lambda_init; --grid replaces one) for the trade-off frontier");
      sub.add_option("--steps", a->steps, "Optimizer steps per run");
      sub.add_option("--batch-size", a->batchSize, "Pairs per optimizer step");
      sub.add_option("--eval-every", a->evalEvery, "Evaluate every N steps (0: only at the end)");
      sub.add_option("--set", a->sets, "Any config option for every run (repeatable)");
      sub.add_option("--name", a->name, "Sweep name");
      sub.add_option("--out", a->out, "Folder for the runs' checkpoints and final models");
      sub.add_option("--markdown", a->markdown, "Also write the result table to this file");
      sub.add_option("--figures", a->figures,
                     "Write the frontier figures (SVG, one per axis) into this folder");
      sub.add_flag("--json", a->json, "Print the result as JSON");
      return std::function<int()>([a, &global] {
        const std::string db = workspaceDatabasePath(global.db).string();
        if (a->list) {
          RunStore store(db, /*readOnly=*/true);
          nlohmann::json all = nlohmann::json::array();
          TextTable table{
              {"sweep", "name", "created", "runs finished"}, {}, {false, false, false, true}};
          for (const SweepRecord& s : store.listSweeps()) {
            const SweepResult r = summarizeSweep(store, s.id, /*withIntervals=*/false);
            all.push_back({{"id", s.id},
                           {"name", s.name},
                           {"created_at", s.createdAt},
                           {"planned_runs", r.plannedRuns},
                           {"finished_runs", r.finishedRuns}});
            table.rows.push_back(
                {s.id.substr(0, 8), s.name, s.createdAt.substr(0, 19),
                 std::to_string(r.finishedRuns) + "/" + std::to_string(r.plannedRuns)});
          }
          if (a->json)
            printJson(std::cout, all);
          else if (table.rows.empty())
            std::cout << "no sweeps in " << db << "\n";
          else
            table.print(std::cout);
          return 0;
        }
        if (!a->report.empty()) {
          RunStore store(db, /*readOnly=*/true);
          printResult(store, a->report, *a);
          return 0;
        }
        SweepOptions options;
        if (a->resume.empty()) options.plan = buildPlan(*a);
        options.databasePath = db;
        options.outputRoot = a->out;
        options.resumeSweep = a->resume;
        options.name = a->name;
        SweepRunner runner(options);
        SweepPrinter printer(global.quiet || a->json);
        runner.addListener(&printer);
        runner.setProgressCallback([&printer](const SweepProgress& p) { printer.progress(p); });
        bool complete = false;
        int code = 0;
        try {
          const InterruptHandler interrupts([&runner] { runner.stop(); },
                                            [&runner] { runner.cancel(); });
          complete = runner.run();
        } catch (const Error& e) {
          std::cerr << "error: " << e.what() << "\n";
          code = 1;
        }
        if (runner.sweepId().empty()) return 1;
        if (!complete && code == 0) {
          std::cerr << "sweep " << runner.sweepId().substr(0, 8)
                    << " stopped; continue it with: catdpo sweep --resume "
                    << runner.sweepId().substr(0, 8) << "\n";
          code = 130;
        }
        RunStore store(db, /*readOnly=*/true);
        printResult(store, runner.sweepId(), *a);
        return code;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
