// SPDX-License-Identifier: MIT
// The sweep's plan: grid names and their aliases, the plan as stored JSON, and its expansion
// into one config per run (the runner is sweep_runner.cpp, the results sweep_result.cpp).
#include "experiment/sweep.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/error.h"
#include "common/json_input.h"
#include "eval/redact.h"
#include "train/method_catalogue.h"

namespace catdpo {
using nlohmann::json;

namespace {
const std::map<std::string, std::string>& gridAliases() {
  static const std::map<std::string, std::string> aliases{{"eta", "catdpo.eta"},
                                                          {"epsilon", "catdpo.epsilon"},
                                                          {"lambda_max", "catdpo.lambda_max"},
                                                          {"delta", "safedpo_delta"},
                                                          {"lr", "learning_rate"},
                                                          {"tau", "ipo_tau"}};
  return aliases;
}

// The name a grid setting has in group labels: its alias, else the key after its last dot.
std::string shortKey(const std::string& key) {
  for (const auto& [alias, full] : gridAliases())
    if (full == key) return alias;
  const auto dot = key.rfind('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}
}  // namespace

std::string sweepGridKey(const std::string& name) {
  const auto it = gridAliases().find(name);
  return it == gridAliases().end() ? name : it->second;
}

SweepGrid parseSweepGrid(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 >= text.size())
    throw Error("--grid expects name=v1,v2,..., got '" + text + "'", {"", 0, "grid"});
  SweepGrid grid;
  grid.key = sweepGridKey(text.substr(0, eq));
  std::stringstream values(text.substr(eq + 1));
  std::string v;
  std::set<std::string> seen;
  while (std::getline(values, v, ',')) {
    if (v.empty()) throw Error("--grid has an empty value in '" + text + "'", {"", 0, "grid"});
    if (!seen.insert(v).second)
      throw Error("--grid lists '" + v + "' twice in '" + text + "'", {"", 0, "grid"});
    grid.values.push_back(v);
  }
  return grid;
}

std::vector<SweepGrid> frontierGrids(const std::vector<Method>& methods) {
  std::vector<SweepGrid> grids;
  for (Method m : methods)
    for (const std::string& text : frontierGridTexts(m)) grids.push_back(parseSweepGrid(text));
  return grids;
}

json sweepPlanToJson(const SweepPlan& plan) {
  json methods = json::array();
  for (Method m : plan.methods) methods.push_back(toString(m));
  TrainConfig base = plan.base;  // stored with the sweep: no credentials in a judge URL
  base.eval.judge = redactJudgeSpec(plan.base.eval.judge);
  json out{{"format", 2}, {"base", toJson(base)}, {"methods", methods}, {"seeds", plan.seeds}};
  json grids = json::array();
  for (const SweepGrid& g : plan.grids) grids.push_back({{"key", g.key}, {"values", g.values}});
  if (!grids.empty()) out["grids"] = grids;
  return out;
}

SweepPlan sweepPlanFromJson(const json& j, const std::string& source) {
  SweepPlan plan;
  try {
    plan.base = storedTrainConfig(j.at("base"), source);
    for (const auto& m : j.at("methods"))
      plan.methods.push_back(methodFromString(m.get<std::string>()));
    plan.seeds = j.at("seeds").get<std::vector<std::uint64_t>>();
    const auto readGrid = [](const json& g) {
      return SweepGrid{g.at("key").get<std::string>(),
                       g.at("values").get<std::vector<std::string>>()};
    };
    if (j.contains("grid")) plan.grids.push_back(readGrid(j.at("grid")));  // format 1: one grid
    if (j.contains("grids"))
      for (const json& g : j.at("grids")) plan.grids.push_back(readGrid(g));
  } catch (const json::exception& e) {
    throw Error(std::string("malformed sweep plan: ") + e.what(), {source, 0, "plan"});
  }
  return plan;
}

SweepPlan sweepPlanFromText(const std::string& text, const std::string& source) {
  const json j = parseJson(text, JsonSource{source, 1});
  return withJsonErrors(ErrorLocation{source, 0, ""}, [&] { return sweepPlanFromJson(j, source); });
}

std::vector<SweepItem> expandSweep(const SweepPlan& plan) {
  if (plan.methods.empty()) throw Error("a sweep needs at least one method", {"", 0, "methods"});
  if (plan.seeds.empty()) throw Error("a sweep needs at least one seed", {"", 0, "seeds"});
  std::set<std::string> keys;
  for (const SweepGrid& g : plan.grids) {
    if (g.values.empty()) throw Error("the grid over " + g.key + " has no values", {"", 0, "grid"});
    if (!keys.insert(g.key).second)
      throw Error("two grids set " + g.key + "; give its values in one grid", {"", 0, "grid"});
  }
  // The size first: grids multiply, and a plan that would take years is refused before any
  // config is built (each item holds a whole one).
  double runs = 0;
  for (Method method : plan.methods) {
    double perSeed = 1;
    for (const SweepGrid& g : plan.grids)
      if (methodReadsOption(method, g.key)) perSeed *= static_cast<double>(g.values.size());
    runs += perSeed;
  }
  runs *= static_cast<double>(plan.seeds.size());
  if (runs > kMaxSweepRuns)
    throw Error("the sweep would train " + std::to_string(static_cast<long long>(runs)) +
                    " runs (methods x seeds x grid values); at most " +
                    std::to_string(kMaxSweepRuns) + " are allowed: split it into several sweeps",
                {"", 0, "grid"});
  std::vector<SweepItem> items;
  const json base = toJson(plan.base);
  for (std::uint64_t seed : plan.seeds) {
    for (Method method : plan.methods) {
      // The grids this method reads, multiplied out in plan order (the last one fastest).
      std::vector<const SweepGrid*> grids;
      for (const SweepGrid& g : plan.grids)
        if (methodReadsOption(method, g.key)) grids.push_back(&g);
      std::vector<std::size_t> at(grids.size(), 0);
      for (bool more = true; more;) {
        SweepItem item;
        item.seed = seed;
        item.group = toString(method);
        json j = base;
        j["method"] = toString(method);
        j["seed"] = seed;
        for (std::size_t i = 0; i < grids.size(); ++i) {
          const std::string& value = grids[i]->values[at[i]];
          const std::string setting = shortKey(grids[i]->key) + "=" + value;
          item.gridValue += (item.gridValue.empty() ? "" : " ") + setting;
          setConfigValue(j, grids[i]->key, value);
        }
        if (!item.gridValue.empty()) item.group += " " + item.gridValue;
        item.name = item.group + " seed=" + std::to_string(seed);
        item.config = trainConfigFromJson(j, "sweep run '" + item.name + "'");
        validate(item.config);
        items.push_back(std::move(item));
        // next combination (odometer, last grid fastest)
        more = false;
        for (std::size_t i = grids.size(); i-- > 0;) {
          if (++at[i] < grids[i]->values.size()) {
            more = true;
            break;
          }
          at[i] = 0;
        }
      }
    }
  }
  return items;
}

}  // namespace catdpo
