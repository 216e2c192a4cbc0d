// SPDX-License-Identifier: MIT
// `catdpo compare RUN RUN...`: the latest evaluation's summaries of several runs side by side
// (one column per run), the table the paper reports: Macro, Worst-3, Gap (with bootstrap
// intervals over prompts), Variance, helpfulness, benign and borderline over-refusal, and --
// when Cat-DPO's matched control is among the runs -- each run's difference from it. The
// implicit metrics are shown as what they are: diagnostics, never marked as better.
#include <iostream>
#include <optional>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "cli/eval_printer.h"
#include "cli/view_store.h"
#include "common/paths.h"
#include "eval/bootstrap.h"
#include "eval/results_table.h"
#include "experiment/sweep.h"
#include "store/run_json.h"
#include "store/run_store.h"

namespace catdpo::cli {
namespace {

struct CompareOptions {
  std::vector<std::string> runs;
  bool json = false;
  bool readOnly = false;
};

std::uint64_t seedOf(const RunRecord& run) {
  const auto config = storedConfigOf(run);
  return config ? config->seed : 0;
}

// The matched control a run is compared with: a catdpo_nomargin run with the same seed, else
// the first one; null for a control itself or when there is none.
const RunComparison* controlOf(const RunComparison& run, const std::vector<RunComparison>& all) {
  if (run.run.method == kControlMethod) return nullptr;
  const RunComparison* first = nullptr;
  for (const RunComparison& c : all) {
    if (c.run.method != kControlMethod || !c.latest) continue;
    if (seedOf(c.run) == seedOf(run.run)) return &c;
    if (!first) first = &c;
  }
  return first;
}

SummaryEstimate differenceFrom(const RunComparison& run, const RunComparison* control) {
  if (!control || !run.latest || !control->latest) return {};
  return bootstrapDifference({countsOf(run.latest->result)}, {countsOf(control->latest->result)});
}

std::string signedCell(double value, const Interval& ci, double scale) {
  return (value >= 0 ? "+" : "") + formatFixed(scale * value, 1) + " [" +
         formatFixed(scale * ci.low, 1) + ", " + formatFixed(scale * ci.high, 1) + "]";
}

std::string categoryNames(const EvalResult& e, const std::vector<int>& categories) {
  std::string out;
  for (int k : categories) {
    std::string name = std::to_string(k);
    for (const auto& c : e.categories)
      if (c.category == k && !c.name.empty()) name = c.name;
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

const bool kRegistered = registerCommand(Command{
    "compare", "Compare the latest evaluations of runs side by side", /*order=*/320,
    /*needsEngine=*/false, [](CLI::App& sub, const GlobalOptions& global) {
      auto opt = std::make_shared<CompareOptions>();
      sub.add_option("RUN", opt->runs, "Run ids, unique id prefixes or names")->required();
      sub.add_flag("--json", opt->json, "Print JSON");
      addReadOnlyFlag(sub, opt->readOnly);
      return std::function<int()>([opt, &global] {
        const std::unique_ptr<RunStore> opened = openForViewing(global, opt->readOnly);
        RunStore& store = *opened;
        std::vector<std::string> ids;
        for (const auto& ref : opt->runs) ids.push_back(store.resolveRun(ref).id);
        const auto rows = store.compare(ids);
        // The best marks by the results table's one rule, as the app's Compare view shows them.
        std::vector<const EvalResult*> evaluations;
        for (const RunComparison& c : rows)
          evaluations.push_back(c.latest ? &c.latest->result : nullptr);
        const auto marks = comparisonBest(evaluations);
        const auto bestOf = [&marks](std::size_t run) {
          nlohmann::json keys = nlohmann::json::array();
          for (const ResultColumn& column : resultColumns())
            if (marks[static_cast<std::size_t>(column.id)][run]) keys.push_back(column.key);
          return keys;
        };
        if (opt->json) {
          nlohmann::json out = nlohmann::json::array();
          for (std::size_t i = 0; i < rows.size(); ++i) {
            const RunComparison& c = rows[i];
            nlohmann::json row = {{"run", runToJson(c.run)},
                                  {"latest_evaluation", c.latest ? evaluationToJson(*c.latest)
                                                                 : nlohmann::json(nullptr)},
                                  {"best", bestOf(i)}};
            const RunComparison* control = controlOf(c, rows);
            if (control) {
              const SummaryEstimate d = differenceFrom(c, control);
              nlohmann::json vs = {{"control_run_id", control->run.id}};
              if (d.valid) {
                vs["macro"] = {{"difference", d.macro},
                               {"interval", {d.macroCi.low, d.macroCi.high}}};
                vs["worst3"] = {{"difference", d.worst3},
                                {"interval", {d.worst3Ci.low, d.worst3Ci.high}}};
                vs["gap_points"] = {{"difference", d.gap},
                                    {"interval", {d.gapCi.low, d.gapCi.high}}};
              }
              row["vs_control"] = vs;
            }
            out.push_back(std::move(row));
          }
          printJson(std::cout, out);
          return 0;
        }
        TextTable table;
        table.header = {"METRIC"};
        table.rightAlign = {false};
        for (const RunComparison& c : rows) {
          int sameName = 0;
          for (const RunComparison& o : rows) sameName += o.run.name == c.run.name;
          table.header.push_back(sameName > 1 ? c.run.name + " [" + c.run.id.substr(0, 8) + "]"
                                              : c.run.name);
          table.rightAlign.push_back(true);
        }
        using Cell = std::function<std::string(const EvalResult&)>;
        // A row of the table; with a results-table column, its best cells get " *".
        const auto add = [&](const std::string& label, const Cell& cell,
                             std::optional<ResultColumnId> column = std::nullopt) {
          std::vector<std::string> line{label};
          for (std::size_t i = 0; i < rows.size(); ++i) {
            const bool best = column && marks[static_cast<std::size_t>(*column)][i];
            line.push_back(rows[i].latest ? cell(rows[i].latest->result) + (best ? " *" : "")
                                          : "-");
          }
          table.rows.push_back(std::move(line));
        };
        // Safe-ratio summaries with a bootstrap interval over the run's prompts.
        const auto withCi = [](const EvalResult& e, int which) {
          const SummaryEstimate b = bootstrapSummary({countsOf(e)});
          const double scale = which == 2 ? 1 : 100;
          const double value = which == 0   ? 100 * e.generated.macro
                               : which == 1 ? 100 * e.generated.worst3
                                            : e.generated.gapPoints;
          const Interval& ci = which == 0 ? b.macroCi : which == 1 ? b.worst3Ci : b.gapCi;
          return formatFixed(value, 1) + (b.valid ? " [" + formatFixed(scale * ci.low, 1) + ", " +
                                                        formatFixed(scale * ci.high, 1) + "]"
                                                  : std::string());
        };
        const auto judged = [](const EvalResult& e) { return e.generated.categoriesCounted > 0; };
        add("evaluated at step", [](const EvalResult& e) { return std::to_string(e.step); });
        add(
            "Safe ratio Macro (%)",
            [&](const EvalResult& e) { return judged(e) ? withCi(e, 0) : std::string("-"); },
            ResultColumnId::SafeMacro);
        add(
            "Safe ratio Worst-3 (%)",
            [&](const EvalResult& e) { return judged(e) ? withCi(e, 1) : std::string("-"); },
            ResultColumnId::SafeWorst3);
        add(
            "Safe ratio Gap (pp)",
            [&](const EvalResult& e) { return judged(e) ? withCi(e, 2) : std::string("-"); },
            ResultColumnId::SafeGap);
        add(
            "Safe ratio Variance (x10^3)",
            [&](const EvalResult& e) {
              return judged(e) ? formatFixed(e.generated.variance1e3, 2) : std::string("-");
            },
            ResultColumnId::SafeVariance);
        add("Worst-3 categories", [](const EvalResult& e) {
          return e.generated.categoriesCounted > 0 ? categoryNames(e, e.generated.worst3Categories)
                                                   : "-";
        });
        bool anyControl = false;
        for (const RunComparison& c : rows) anyControl = anyControl || controlOf(c, rows);
        if (anyControl) {
          const char* labels[] = {"vs control: Δ Macro (pp)", "vs control: Δ Worst-3 (pp)",
                                  "vs control: Δ Gap (pp)"};
          for (int which = 0; which < 3; ++which) {
            std::vector<std::string> line{labels[which]};
            for (const RunComparison& c : rows) {
              const SummaryEstimate d = differenceFrom(c, controlOf(c, rows));
              if (!d.valid) {
                line.push_back(c.run.method == kControlMethod ? "(control)" : "-");
                continue;
              }
              line.push_back(which == 0   ? signedCell(d.macro, d.macroCi, 100)
                             : which == 1 ? signedCell(d.worst3, d.worst3Ci, 100)
                                          : signedCell(d.gap, d.gapCi, 1));
            }
            table.rows.push_back(std::move(line));
          }
        }
        const auto diagnosticRows = [&](const std::string& name, CategorySummary EvalResult::*m) {
          const auto have = [m](const EvalResult& e) { return (e.*m).categoriesCounted > 0; };
          add(name + " Macro (%)", [=](const EvalResult& e) {
            return have(e) ? formatFixed(100 * (e.*m).macro, 1) : "-";
          });
          add(name + " Worst-3 (%)", [=](const EvalResult& e) {
            return have(e) ? formatFixed(100 * (e.*m).worst3, 1) : "-";
          });
        };
        diagnosticRows("Implicit P, diagnostic:", &EvalResult::implicit);
        diagnosticRows("Implicit acc, diagnostic:", &EvalResult::implicitAccuracy);
        add(
            "Helpfulness acc (%)",
            [](const EvalResult& e) {
              return e.helpfulnessPairs > 0 ? formatFixed(100 * e.helpfulnessAccuracy, 1) : "-";
            },
            ResultColumnId::Helpfulness);
        add(
            "Over-refusal benign (%)",
            [](const EvalResult& e) {
              if (e.refusalPooled)
                return e.overRefusal >= 0 ? formatFixed(100 * e.overRefusal, 1) + " (pooled)"
                                          : std::string("-");
              return rateText(e.benignRefusals, e.benignPrompts);
            },
            ResultColumnId::OverRefusal);
        add(
            "Over-refusal borderline (%)",
            [](const EvalResult& e) {
              return e.refusalPooled ? std::string("-")
                                     : rateText(e.borderlineRefusals, e.borderlinePrompts);
            },
            ResultColumnId::BorderlineRefusal);
        table.print(std::cout);
        std::cout << "Intervals: 95 %, a bootstrap over each run's prompts (Macro, Worst-3, Gap) "
                     "and Wilson (rates). * the best value of a row (ties at the precision "
                     "shown all marked; safe ratios only when every run is judged). The implicit "
                     "rows are training diagnostics, not a ranking.\n";
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
