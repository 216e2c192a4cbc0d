// SPDX-License-Identifier: MIT
// SweepRunner: expands the plan, records it, and runs each item as a normal Experiment under
// the sweep's id; summarizeSweep reads the finished runs back and aggregates over seeds.
#include "experiment/sweep.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/error.h"
#include "common/json_input.h"
#include "common/paths.h"
#include "eval/redact.h"
#include "store/run_store.h"

namespace catdpo {
namespace fs = std::filesystem;
using nlohmann::json;

// --- plan -------------------------------------------------------------------------------------

std::string sweepGridKey(const std::string& name) {
  static const std::map<std::string, std::string> aliases{{"eta", "catdpo.eta"},
                                                          {"epsilon", "catdpo.epsilon"},
                                                          {"lambda_max", "catdpo.lambda_max"},
                                                          {"delta", "safedpo_delta"},
                                                          {"lr", "learning_rate"},
                                                          {"tau", "ipo_tau"}};
  const auto it = aliases.find(name);
  return it == aliases.end() ? name : it->second;
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

json sweepPlanToJson(const SweepPlan& plan) {
  json methods = json::array();
  for (Method m : plan.methods) methods.push_back(toString(m));
  TrainConfig base = plan.base;  // stored with the sweep: no credentials in a judge URL
  base.eval.judge = redactJudgeSpec(plan.base.eval.judge);
  json out{{"format", 1}, {"base", toJson(base)}, {"methods", methods}, {"seeds", plan.seeds}};
  if (!plan.grid.key.empty()) out["grid"] = {{"key", plan.grid.key}, {"values", plan.grid.values}};
  return out;
}

SweepPlan sweepPlanFromJson(const json& j, const std::string& source) {
  SweepPlan plan;
  try {
    plan.base = trainConfigFromJson(j.at("base"), source);
    for (const auto& m : j.at("methods"))
      plan.methods.push_back(methodFromString(m.get<std::string>()));
    plan.seeds = j.at("seeds").get<std::vector<std::uint64_t>>();
    if (j.contains("grid")) {
      plan.grid.key = j.at("grid").at("key").get<std::string>();
      plan.grid.values = j.at("grid").at("values").get<std::vector<std::string>>();
    }
  } catch (const json::exception& e) {
    throw Error(std::string("malformed sweep plan: ") + e.what(), {source, 0, "plan"});
  }
  return plan;
}

namespace {

// Whether a grid key changes what `method` does (a Cat-DPO option does nothing to DPO): a
// method the key does not affect runs once per seed instead of once per grid value.
bool gridAffects(const std::string& key, Method method) {
  auto starts = [&key](const char* prefix) { return key.rfind(prefix, 0) == 0; };
  if (starts("catdpo.")) return method == Method::CatDpo;
  if (key == "safedpo_delta") return method == Method::SafeDpo;
  if (key == "ipo_tau") return method == Method::Ipo;
  if (key == "drdpo_beta_prime") return method == Method::DrDpo;
  if (key == "group_eta") return method == Method::GroupRobust;
  if (starts("sacpo_")) return method == Method::Sacpo;
  return true;
}

std::string shortKey(const std::string& key) {
  const auto dot = key.rfind('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}

// A stored plan (possibly from an imported file) through the hardened JSON entry point.
SweepPlan sweepPlanFromText(const std::string& text, const std::string& source) {
  const json j = parseJson(text, JsonSource{source, 1});
  return withJsonErrors(ErrorLocation{source, 0, ""}, [&] { return sweepPlanFromJson(j, source); });
}

}  // namespace

std::vector<SweepItem> expandSweep(const SweepPlan& plan) {
  if (plan.methods.empty()) throw Error("a sweep needs at least one method", {"", 0, "methods"});
  if (plan.seeds.empty()) throw Error("a sweep needs at least one seed", {"", 0, "seeds"});
  if (!plan.grid.key.empty() && plan.grid.values.empty())
    throw Error("the grid over " + plan.grid.key + " has no values", {"", 0, "grid"});
  std::vector<SweepItem> items;
  const json base = toJson(plan.base);
  for (std::uint64_t seed : plan.seeds) {
    for (Method method : plan.methods) {
      const bool grid = !plan.grid.key.empty() && gridAffects(plan.grid.key, method);
      const std::vector<std::string> values =
          grid ? plan.grid.values : std::vector<std::string>{""};
      for (const std::string& value : values) {
        SweepItem item;
        item.seed = seed;
        item.gridValue = value;
        item.group = toString(method);
        if (grid) item.group += " " + shortKey(plan.grid.key) + "=" + value;
        item.name = item.group + " seed=" + std::to_string(seed);
        json j = base;
        j["method"] = toString(method);
        j["seed"] = seed;
        if (grid) setConfigValue(j, plan.grid.key, value);
        item.config = trainConfigFromJson(j, "sweep run '" + item.name + "'");
        validate(item.config);
        items.push_back(std::move(item));
      }
    }
  }
  return items;
}

// --- runner -----------------------------------------------------------------------------------

struct SweepRunner::Impl {
  SweepOptions options;
  std::vector<TrainingListener*> listeners;
  std::function<void(const SweepProgress&)> progress;
  std::function<void(const PreparationProgress&)> preparation;
  std::mutex mutex;  // guards current / flags / sweepId
  Experiment* current = nullptr;
  bool stopRequested = false, cancelRequested = false;
  std::string sweepId;

  void report(const SweepProgress& p) {
    if (progress) progress(p);
  }
};

SweepRunner::SweepRunner(SweepOptions options) : m(std::make_unique<Impl>()) {
  m->options = std::move(options);
}
SweepRunner::~SweepRunner() = default;
void SweepRunner::addListener(TrainingListener* l) { m->listeners.push_back(l); }
void SweepRunner::setProgressCallback(std::function<void(const SweepProgress&)> cb) {
  m->progress = std::move(cb);
}
void SweepRunner::setPreparationCallback(std::function<void(const PreparationProgress&)> cb) {
  m->preparation = std::move(cb);
}
void SweepRunner::stop() {
  std::lock_guard lock(m->mutex);
  m->stopRequested = true;
  if (m->current) m->current->control().stop();
}
void SweepRunner::cancel() {
  std::lock_guard lock(m->mutex);
  m->cancelRequested = true;
  if (m->current) m->current->control().cancel();
}
std::string SweepRunner::sweepId() const {
  std::lock_guard lock(m->mutex);
  return m->sweepId;
}

namespace {
std::string folderName(const std::string& name) {
  std::string out;
  for (char c : name)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
  return out;
}
}  // namespace

bool SweepRunner::run() {
  Impl& s = *m;
  if (s.options.databasePath == "-") throw Error("a sweep needs the run database");
  const fs::path dbPath =
      s.options.databasePath.empty() ? defaultDatabasePath() : fs::path(s.options.databasePath);
  RunStore store(dbPath);
  SweepRecord record;
  SweepPlan plan;
  if (!s.options.resumeSweep.empty()) {
    record = store.resolveSweep(s.options.resumeSweep);
    plan = sweepPlanFromText(record.planJson, "sweep " + record.id);
  } else {
    plan = s.options.plan;
    expandSweep(plan);  // a bad plan fails before the sweep is recorded
    record = store.createSweep(s.options.name, sweepPlanToJson(plan).dump());
  }
  {
    std::lock_guard lock(s.mutex);
    s.sweepId = record.id;
  }
  const std::vector<SweepItem> items = expandSweep(plan);
  const fs::path root =
      (s.options.outputRoot.empty() ? userDataDir() / "sweeps" : fs::path(s.options.outputRoot)) /
      record.id.substr(0, 8);

  RunFilter filter;
  filter.sweepId = record.id;
  std::map<std::string, RunRecord> byName;  // newest run of each name
  for (const RunRecord& r : store.listRuns(filter)) byName.try_emplace(r.name, r);

  const int total = static_cast<int>(items.size());
  std::vector<std::string> failures;
  for (int i = 0; i < total; ++i) {
    const SweepItem& item = items[static_cast<std::size_t>(i)];
    const std::string runName = record.name + ": " + item.name;
    std::string resumeId;
    if (auto it = byName.find(runName); it != byName.end()) {
      const RunRecord& previous = it->second;
      if (previous.status == RunStatus::Finished) {
        s.report({i, total, runName, previous.id, "skipped"});
        continue;
      }
      if (store.latestCheckpoint(previous.id)) resumeId = previous.id;
    }
    {
      std::lock_guard lock(s.mutex);
      if (s.stopRequested || s.cancelRequested) return false;
    }
    TrainConfig config = item.config;
    config.name = runName;
    Experiment experiment(
        {config, dbPath.string(), (root / folderName(item.name)).string(), resumeId, record.id});
    for (TrainingListener* l : s.listeners) experiment.addListener(l);
    if (s.preparation) experiment.setPreparationCallback(s.preparation);
    {
      std::lock_guard lock(s.mutex);
      s.current = &experiment;
    }
    s.report({i, total, runName, resumeId, resumeId.empty() ? "started" : "resumed"});
    std::string state = "finished";
    try {
      experiment.run();
    } catch (const Error& e) {
      failures.push_back(runName + ": " + e.what());
      state = "failed";
    }
    bool ended = false;
    {
      std::lock_guard lock(s.mutex);
      s.current = nullptr;
      if (s.stopRequested || s.cancelRequested) {
        ended = true;
        state = s.cancelRequested ? "cancelled" : "stopped";
      }
    }
    s.report({i, total, runName, experiment.runId(), state});
    if (ended) return false;
  }
  if (!failures.empty()) {
    std::string list;
    for (const std::string& f : failures) list += "\n  " + f;
    throw Error(std::to_string(failures.size()) + " of " + std::to_string(total) +
                " runs of sweep " + record.name + " failed:" + list);
  }
  return true;
}

// --- results ----------------------------------------------------------------------------------

namespace {

MeanStd meanStd(const std::vector<double>& v) {
  MeanStd out;
  out.n = static_cast<int>(v.size());
  if (v.empty()) return out;
  double sum = 0;
  for (double x : v) sum += x;
  out.mean = sum / static_cast<double>(v.size());
  if (v.size() > 1) {
    double sq = 0;
    for (double x : v) sq += (x - out.mean) * (x - out.mean);
    out.std = std::sqrt(sq / static_cast<double>(v.size() - 1));
  }
  return out;
}

struct Samples {
  std::vector<double> genMacro, genWorst3, genGap, genVar, impMacro, impWorst3, impGap, impVar,
      impAcc, helpful, refusal;
  std::vector<std::vector<double>> safe, implicit;
};

}  // namespace

SweepResult summarizeSweep(const RunStore& store, const std::string& reference) {
  const SweepRecord record = store.resolveSweep(reference);
  const SweepPlan plan = sweepPlanFromText(record.planJson, "sweep " + record.id);
  const std::vector<SweepItem> items = expandSweep(plan);
  SweepResult result;
  result.sweepId = record.id;
  result.name = record.name;
  result.gridKey = plan.grid.key;
  result.plannedRuns = static_cast<int>(items.size());

  RunFilter filter;
  filter.sweepId = record.id;
  std::map<std::string, RunRecord> byName;
  for (const RunRecord& r : store.listRuns(filter)) {
    auto [it, added] = byName.try_emplace(r.name, r);
    if (!added && it->second.status != RunStatus::Finished && r.status == RunStatus::Finished)
      it->second = r;
  }

  std::vector<std::string> order;
  std::map<std::string, SweepGroupResult> groups;
  std::map<std::string, Samples> samples;
  for (const SweepItem& item : items) {
    if (!groups.count(item.group)) {
      order.push_back(item.group);
      SweepGroupResult g;
      g.group = item.group;
      g.method = toString(item.config.method);
      g.gridValue = item.gridValue;
      groups[item.group] = g;
    }
    const auto it = byName.find(record.name + ": " + item.name);
    if (it == byName.end()) continue;
    SweepGroupResult& g = groups[item.group];
    g.runIds.push_back(it->second.id);
    if (it->second.status != RunStatus::Finished) continue;
    const auto eval = store.latestEvaluation(it->second.id);
    if (!eval) continue;
    ++g.finishedRuns;
    ++result.finishedRuns;
    const EvalResult& r = eval->result;
    Samples& s = samples[item.group];
    if (result.categories.empty())
      for (const auto& c : r.categories) result.categories.push_back(c.name);
    const std::size_t k = result.categories.size();
    s.safe.resize(k);
    s.implicit.resize(k);
    if (r.generated.categoriesCounted > 0) {
      s.genMacro.push_back(r.generated.macro);
      s.genWorst3.push_back(r.generated.worst3);
      s.genGap.push_back(r.generated.gapPoints);
      s.genVar.push_back(r.generated.variance1e3);
    }
    if (r.implicit.categoriesCounted > 0) {
      s.impMacro.push_back(r.implicit.macro);
      s.impWorst3.push_back(r.implicit.worst3);
      s.impGap.push_back(r.implicit.gapPoints);
      s.impVar.push_back(r.implicit.variance1e3);
    }
    if (r.implicitAccuracy.categoriesCounted > 0) s.impAcc.push_back(r.implicitAccuracy.macro);
    if (r.helpfulnessPairs > 0) s.helpful.push_back(r.helpfulnessAccuracy);
    if (r.overRefusal >= 0) s.refusal.push_back(r.overRefusal);
    for (const auto& c : r.categories) {
      if (c.category < 0 || static_cast<std::size_t>(c.category) >= k) continue;
      if (c.generatedCount > 0) s.safe[static_cast<std::size_t>(c.category)].push_back(c.safeRatio);
      if (c.contrastivePairs > 0)
        s.implicit[static_cast<std::size_t>(c.category)].push_back(c.implicitProbability);
    }
  }
  for (const std::string& name : order) {
    SweepGroupResult g = groups[name];
    Samples& s = samples[name];
    g.genMacro = meanStd(s.genMacro);
    g.genWorst3 = meanStd(s.genWorst3);
    g.genGap = meanStd(s.genGap);
    g.genVariance = meanStd(s.genVar);
    g.impMacro = meanStd(s.impMacro);
    g.impWorst3 = meanStd(s.impWorst3);
    g.impGap = meanStd(s.impGap);
    g.impVariance = meanStd(s.impVar);
    g.impAccuracyMacro = meanStd(s.impAcc);
    g.helpfulness = meanStd(s.helpful);
    g.overRefusal = meanStd(s.refusal);
    s.safe.resize(result.categories.size());
    s.implicit.resize(result.categories.size());
    for (const auto& v : s.safe) g.perCategorySafe.push_back(meanStd(v));
    for (const auto& v : s.implicit) g.perCategoryImplicit.push_back(meanStd(v));
    result.groups.push_back(std::move(g));
  }
  return result;
}

namespace {

json meanStdJson(const MeanStd& v) {
  if (v.n == 0) return nullptr;
  return {{"mean", v.mean}, {"std", v.std}, {"n", v.n}};
}

// "83.1 ± 1.2" with the value scaled (percent for ratios), "–" without data.
std::string cell(const MeanStd& v, double scale, int decimals) {
  if (v.n == 0) return "–";
  char buf[64];
  if (v.n > 1)
    std::snprintf(buf, sizeof buf, "%.*f ± %.*f", decimals, v.mean * scale, decimals,
                  v.std * scale);
  else
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v.mean * scale);
  return buf;
}

}  // namespace

json sweepResultToJson(const SweepResult& r) {
  json groups = json::array();
  for (const SweepGroupResult& g : r.groups) {
    json perCategory = json::array();
    for (std::size_t k = 0; k < r.categories.size(); ++k)
      perCategory.push_back({{"category", r.categories[k]},
                             {"generated_safe_ratio", meanStdJson(g.perCategorySafe[k])},
                             {"implicit_probability", meanStdJson(g.perCategoryImplicit[k])}});
    groups.push_back({
        {"group", g.group},
        {"method", g.method},
        {"grid_value", g.gridValue},
        {"runs", g.runIds},
        {"finished_runs", g.finishedRuns},
        {"generated",
         {{"macro", meanStdJson(g.genMacro)},
          {"worst3", meanStdJson(g.genWorst3)},
          {"gap_points", meanStdJson(g.genGap)},
          {"variance_1e3", meanStdJson(g.genVariance)}}},
        {"implicit",
         {{"macro", meanStdJson(g.impMacro)},
          {"worst3", meanStdJson(g.impWorst3)},
          {"gap_points", meanStdJson(g.impGap)},
          {"variance_1e3", meanStdJson(g.impVariance)},
          {"accuracy_macro", meanStdJson(g.impAccuracyMacro)}}},
        {"helpfulness_accuracy", meanStdJson(g.helpfulness)},
        {"over_refusal", meanStdJson(g.overRefusal)},
        {"per_category", perCategory},
    });
  }
  return {{"sweep", r.sweepId},
          {"name", r.name},
          {"grid", r.gridKey},
          {"planned_runs", r.plannedRuns},
          {"finished_runs", r.finishedRuns},
          {"categories", r.categories},
          {"groups", groups}};
}

std::string sweepResultMarkdown(const SweepResult& r) {
  std::ostringstream out;
  out << "Sweep " << r.name << " (" << r.sweepId.substr(0, 8) << "): " << r.finishedRuns << " of "
      << r.plannedRuns << " runs finished. Mean ± std over seeds.\n\n";
  out << "| Method | Runs | Safe Macro ↑ | Safe Worst-3 ↑ | Safe Gap ↓ | Safe Var×10³ ↓ | "
         "Impl. Macro ↑ | Impl. Worst-3 ↑ | Impl. Gap ↓ | Impl. Var×10³ ↓ | Helpful acc ↑ | "
         "Over-refusal ↓ |\n";
  out << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const SweepGroupResult& g : r.groups) {
    out << "| " << g.group << " | " << g.finishedRuns << " | " << cell(g.genMacro, 100, 1) << " | "
        << cell(g.genWorst3, 100, 1) << " | " << cell(g.genGap, 1, 1) << " | "
        << cell(g.genVariance, 1, 2) << " | " << cell(g.impMacro, 100, 1) << " | "
        << cell(g.impWorst3, 100, 1) << " | " << cell(g.impGap, 1, 1) << " | "
        << cell(g.impVariance, 1, 2) << " | " << cell(g.helpfulness, 100, 1) << " | "
        << cell(g.overRefusal, 100, 1) << " |\n";
  }
  if (r.categories.empty() || r.groups.empty()) return out.str();
  bool generated = false;
  for (const auto& g : r.groups)
    for (const auto& v : g.perCategorySafe) generated = generated || v.n > 0;
  out << "\nPer category: " << (generated ? "generated safe ratio" : "implicit safety probability")
      << " (%), mean over seeds.\n\n| Category |";
  for (const auto& g : r.groups) out << " " << g.group << " |";
  out << "\n|---|";
  for (std::size_t i = 0; i < r.groups.size(); ++i) out << "---:|";
  out << "\n";
  for (std::size_t k = 0; k < r.categories.size(); ++k) {
    out << "| " << r.categories[k] << " |";
    for (const auto& g : r.groups) {
      const MeanStd& v = generated ? g.perCategorySafe[k] : g.perCategoryImplicit[k];
      out << " " << (v.n ? cell({v.mean, 0, 1}, 100, 1) : std::string("–")) << " |";
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace catdpo
