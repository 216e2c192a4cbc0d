// SPDX-License-Identifier: MIT
// `catdpo compare RUN RUN...`: the latest evaluation's summaries of several runs side by side
// (one column per run), the table the paper reports: Macro, Worst-3, Gap, Variance per metric,
// helpfulness and over-refusal.
#include <iostream>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "cli/view_store.h"
#include "common/paths.h"
#include "store/run_json.h"
#include "store/run_store.h"

namespace catdpo::cli {
namespace {

struct CompareOptions {
  std::vector<std::string> runs;
  bool json = false;
  bool readOnly = false;
};

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
        if (opt->json) {
          nlohmann::json out = nlohmann::json::array();
          for (const RunComparison& c : rows)
            out.push_back({{"run", runToJson(c.run)},
                           {"latest_evaluation",
                            c.latest ? evaluationToJson(*c.latest) : nlohmann::json(nullptr)}});
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
        const auto add = [&](const std::string& label, const Cell& cell) {
          std::vector<std::string> line{label};
          for (const RunComparison& c : rows)
            line.push_back(c.latest ? cell(c.latest->result) : "-");
          table.rows.push_back(std::move(line));
        };
        const auto summaryRows = [&](const std::string& name, CategorySummary EvalResult::*m) {
          const auto have = [m](const EvalResult& e) { return (e.*m).categoriesCounted > 0; };
          add(name + " Macro (%)", [=](const EvalResult& e) {
            return have(e) ? formatFixed(100 * (e.*m).macro, 1) : "-";
          });
          add(name + " Worst-3 (%)", [=](const EvalResult& e) {
            return have(e) ? formatFixed(100 * (e.*m).worst3, 1) : "-";
          });
          add(name + " Gap (pp)", [=](const EvalResult& e) {
            return have(e) ? formatFixed((e.*m).gapPoints, 1) : "-";
          });
          add(name + " Variance (x10^3)", [=](const EvalResult& e) {
            return have(e) ? formatFixed((e.*m).variance1e3, 2) : "-";
          });
        };
        add("evaluated at step", [](const EvalResult& e) { return std::to_string(e.step); });
        summaryRows("Safe ratio", &EvalResult::generated);
        add("Worst-3 categories", [](const EvalResult& e) {
          return e.generated.categoriesCounted > 0 ? categoryNames(e, e.generated.worst3Categories)
                                                   : "-";
        });
        summaryRows("Implicit P", &EvalResult::implicit);
        summaryRows("Implicit acc", &EvalResult::implicitAccuracy);
        add("Helpfulness acc", [](const EvalResult& e) {
          return e.helpfulnessPairs > 0 ? formatFixed(e.helpfulnessAccuracy, 3) : "-";
        });
        add("Over-refusal (%)", [](const EvalResult& e) {
          return e.overRefusal >= 0 ? formatFixed(100 * e.overRefusal, 1) : "-";
        });
        table.print(std::cout);
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
