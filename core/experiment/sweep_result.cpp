// SPDX-License-Identifier: MIT
// summarizeSweep reads a sweep's finished runs back and aggregates over seeds: means and
// standard deviations, bootstrap intervals of Macro / Worst-3 / Gap (over seeds and prompts),
// Wilson intervals of rates on the counts pooled over seeds, and each group's difference from
// the matched control, paired by seed. The JSON and Markdown forms print exactly these.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "common/error.h"
#include "experiment/frontier.h"
#include "experiment/sweep.h"
#include "store/run_store.h"

namespace catdpo {
using nlohmann::json;

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

// Rates of several runs: their mean and std, and a Wilson interval on the pooled counts.
struct RateSamples {
  std::vector<double> values;
  long long successes = 0, trials = 0;
  void add(int s, int n) {
    if (n <= 0) return;
    values.push_back(static_cast<double>(s) / n);
    successes += s;
    trials += n;
  }
  MeanStd result() const {
    MeanStd m = meanStd(values);
    if (trials > 0) {
      m.ci = wilsonInterval(successes, trials);
      m.hasCi = true;
    }
    return m;
  }
};

struct Samples {
  std::vector<double> genMacro, genWorst3, genGap, genVar, impMacro, impWorst3, impGap, impVar,
      impAcc;
  RateSamples helpful, benign, borderline;
  std::vector<RateSamples> safe;
  std::vector<std::vector<double>> implicit;
};

void setCi(MeanStd& m, const Interval& ci, bool valid) {
  m.ci = ci;
  m.hasCi = valid;
}

// Runs of `a` and `b` with the same seed, in a's order, and those seeds.
void pairBySeed(const SweepGroupResult& a, const SweepGroupResult& b, std::vector<EvalCounts>& ca,
                std::vector<EvalCounts>& cb, std::vector<std::uint64_t>& seeds) {
  for (std::size_t i = 0; i < a.counts.size(); ++i)
    for (std::size_t j = 0; j < b.counts.size(); ++j)
      if (a.countSeeds[i] == b.countSeeds[j]) {
        ca.push_back(a.counts[i]);
        cb.push_back(b.counts[j]);
        seeds.push_back(a.countSeeds[i]);
      }
}

}  // namespace

SweepResult summarizeSweep(const RunStore& store, const std::string& reference,
                           bool withIntervals) {
  const SweepRecord record = store.resolveSweep(reference);
  const SweepPlan plan = sweepPlanFromText(record.planJson, "sweep " + record.id);
  const std::vector<SweepItem> items = expandSweep(plan);
  SweepResult result;
  result.sweepId = record.id;
  result.name = record.name;
  for (const SweepGrid& g : plan.grids) result.gridKeys.push_back(g.key);
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
      g.counts.push_back(countsOf(r));
      g.countSeeds.push_back(item.seed);
    }
    if (r.implicit.categoriesCounted > 0) {
      s.impMacro.push_back(r.implicit.macro);
      s.impWorst3.push_back(r.implicit.worst3);
      s.impGap.push_back(r.implicit.gapPoints);
      s.impVar.push_back(r.implicit.variance1e3);
    }
    if (r.implicitAccuracy.categoriesCounted > 0) s.impAcc.push_back(r.implicitAccuracy.macro);
    if (r.helpfulnessPairs > 0)  // accuracy is a share of the pairs: back to a count
      s.helpful.add(static_cast<int>(std::lround(r.helpfulnessAccuracy * r.helpfulnessPairs)),
                    r.helpfulnessPairs);
    if (!r.refusalPooled) {  // a pooled rate from before schema 4 is neither of the two
      s.benign.add(r.benignRefusals, r.benignPrompts);
      s.borderline.add(r.borderlineRefusals, r.borderlinePrompts);
    }
    for (const auto& c : r.categories) {
      if (c.category < 0 || static_cast<std::size_t>(c.category) >= k) continue;
      s.safe[static_cast<std::size_t>(c.category)].add(c.generatedSafe, c.generatedCount);
      if (c.contrastivePairs > 0)
        s.implicit[static_cast<std::size_t>(c.category)].push_back(c.implicitProbability);
    }
  }
  BootstrapOptions boot;
  for (const std::string& name : order) {
    SweepGroupResult g = groups[name];
    Samples& s = samples[name];
    g.genMacro = meanStd(s.genMacro);
    g.genWorst3 = meanStd(s.genWorst3);
    g.genGap = meanStd(s.genGap);
    g.genVariance = meanStd(s.genVar);
    if (withIntervals) {
      const SummaryEstimate e = bootstrapSummary(g.counts, boot);
      setCi(g.genMacro, e.macroCi, e.valid);
      setCi(g.genWorst3, e.worst3Ci, e.valid);
      setCi(g.genGap, e.gapCi, e.valid);
      if (e.valid) result.resamples = e.resamples;
    }
    g.impMacro = meanStd(s.impMacro);
    g.impWorst3 = meanStd(s.impWorst3);
    g.impGap = meanStd(s.impGap);
    g.impVariance = meanStd(s.impVar);
    g.impAccuracyMacro = meanStd(s.impAcc);
    g.helpfulness = s.helpful.result();
    g.overRefusal = s.benign.result();
    g.borderlineRefusal = s.borderline.result();
    s.safe.resize(result.categories.size());
    s.implicit.resize(result.categories.size());
    for (const auto& v : s.safe) g.perCategorySafe.push_back(v.result());
    for (const auto& v : s.implicit) g.perCategoryImplicit.push_back(meanStd(v));
    result.groups.push_back(std::move(g));
  }
  // The matched control of each group: the control run with the most of this group's grid
  // settings and none it lacks (a grid over beta multiplies the control too; a Cat-DPO grid
  // does not).
  const auto settings = [](const std::string& gridValue) {
    std::set<std::string> out;
    std::istringstream in(gridValue);
    for (std::string s; in >> s;) out.insert(s);
    return out;
  };
  const auto controlFor = [&](const SweepGroupResult& g) -> const SweepGroupResult* {
    const SweepGroupResult* best = nullptr;
    std::size_t bestShared = 0;
    const std::set<std::string> mine = settings(g.gridValue);
    for (const SweepGroupResult& c : result.groups) {
      if (c.method != kControlMethod) continue;
      const std::set<std::string> theirs = settings(c.gridValue);
      if (!std::includes(mine.begin(), mine.end(), theirs.begin(), theirs.end())) continue;
      if (!best || theirs.size() > bestShared) {
        best = &c;
        bestShared = theirs.size();
      }
    }
    return best;
  };
  for (SweepGroupResult& g : result.groups) {
    if (g.method == kControlMethod) continue;
    const SweepGroupResult* c = controlFor(g);
    if (!c) continue;
    g.control = c->group;
    if (!withIntervals) continue;
    std::vector<EvalCounts> mine, theirs;
    std::vector<std::uint64_t> seeds;
    pairBySeed(g, *c, mine, theirs, seeds);
    g.vsControl = bootstrapDifference(mine, theirs, boot);
    g.vsControlSeeds = pairedSummaryDifference(seeds, mine, theirs);
  }
  return result;
}

namespace {

json interval(const Interval& ci) { return json::array({ci.low, ci.high}); }

json seedDifferenceJson(const SeedDifference& d) {
  return {{"per_seed", d.perSeed},
          {"mean", d.mean},
          {"sd", d.sd},
          {"t_interval", d.hasT ? interval(d.tCi) : json(nullptr)},
          {"p_sign_flip", d.pSignFlip},
          {"p_smallest_possible", d.pMin}};
}

json seedLevelJson(const SeedSummaryDifference& d) {
  if (!d.valid) return nullptr;
  return {{"seeds", d.seeds},
          {"pairs", d.seeds.size()},
          {"macro", seedDifferenceJson(d.macro)},
          {"worst3", seedDifferenceJson(d.worst3)},
          {"gap_points", seedDifferenceJson(d.gap)}};
}

json meanStdJson(const MeanStd& v) {
  if (v.n == 0) return nullptr;
  json out{{"mean", v.mean}, {"std", v.std}, {"n", v.n}};
  if (v.hasCi) out["interval"] = interval(v.ci);
  return out;
}

// "83.1 ± 1.2 [79.0, 86.5]" with the value scaled (percent for ratios), "–" without data.
std::string cell(const MeanStd& v, double scale, int decimals, bool withStd = true) {
  if (v.n == 0) return "–";
  char buf[128];
  int used = 0;
  if (v.n > 1 && withStd)
    used = std::snprintf(buf, sizeof buf, "%.*f ± %.*f", decimals, v.mean * scale, decimals,
                         v.std * scale);
  else
    used = std::snprintf(buf, sizeof buf, "%.*f", decimals, v.mean * scale);
  if (v.hasCi && used > 0)
    std::snprintf(buf + used, sizeof buf - static_cast<std::size_t>(used), " [%.*f, %.*f]",
                  decimals, v.ci.low * scale, decimals, v.ci.high * scale);
  return buf;
}

std::string differenceCell(double value, const Interval& ci, double scale) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%+.1f [%+.1f, %+.1f]", value * scale, ci.low * scale,
                ci.high * scale);
  return buf;
}

bool anyGenerated(const SweepResult& r) {
  for (const auto& g : r.groups)
    if (g.genMacro.n > 0) return true;
  return false;
}

}  // namespace

const MeanStd& sweepColumnValue(const SweepGroupResult& g, ResultColumnId column) {
  switch (column) {
    case ResultColumnId::SafeMacro:
      return g.genMacro;
    case ResultColumnId::SafeWorst3:
      return g.genWorst3;
    case ResultColumnId::SafeGap:
      return g.genGap;
    case ResultColumnId::SafeVariance:
      return g.genVariance;
    case ResultColumnId::ImplicitMacro:
      return g.impMacro;
    case ResultColumnId::ImplicitWorst3:
      return g.impWorst3;
    case ResultColumnId::ImplicitGap:
      return g.impGap;
    case ResultColumnId::ImplicitVariance:
      return g.impVariance;
    case ResultColumnId::Helpfulness:
      return g.helpfulness;
    case ResultColumnId::OverRefusal:
      return g.overRefusal;
    case ResultColumnId::BorderlineRefusal:
      return g.borderlineRefusal;
  }
  return g.genMacro;
}

std::vector<bool> sweepBest(const SweepResult& r, ResultColumnId column) {
  std::vector<std::optional<double>> values;
  for (const SweepGroupResult& g : r.groups) {
    const MeanStd& v = sweepColumnValue(g, column);
    values.push_back(v.n > 0 ? std::optional<double>(v.mean) : std::nullopt);
  }
  return bestRows(resultColumn(column), values);
}

json sweepResultToJson(const SweepResult& r) {
  // The groups marked best per ranked column, by the results table's rule.
  json best = json::object();
  for (const ResultColumn& c : resultColumns()) {
    if (c.direction == ResultDirection::Diagnostic) continue;
    const std::vector<bool> marks = sweepBest(r, c.id);
    json names = json::array();
    for (std::size_t i = 0; i < marks.size(); ++i)
      if (marks[i]) names.push_back(r.groups[i].group);
    best[c.key] = names;
  }
  json frontiers = json::object();
  for (FrontierAxis axis : kFrontierAxes)
    frontiers[jsonKey(axis)] = frontierToJson(sweepFrontier(r, axis));
  json groups = json::array();
  for (const SweepGroupResult& g : r.groups) {
    json perCategory = json::array();
    for (std::size_t k = 0; k < r.categories.size(); ++k)
      perCategory.push_back({{"category", k},
                             {"name", r.categories[k]},
                             {"safe_ratio", meanStdJson(g.perCategorySafe[k])},
                             {"implicit_probability", meanStdJson(g.perCategoryImplicit[k])}});
    json vsControl = nullptr;
    if (!g.control.empty()) {
      vsControl = {{"control_group", g.control}, {"paired_runs", g.vsControl.runs}};
      if (g.vsControl.valid) {
        vsControl["macro"] = {{"difference", g.vsControl.macro},
                              {"interval", interval(g.vsControl.macroCi)}};
        vsControl["worst3"] = {{"difference", g.vsControl.worst3},
                               {"interval", interval(g.vsControl.worst3Ci)}};
        vsControl["gap_points"] = {{"difference", g.vsControl.gap},
                                   {"interval", interval(g.vsControl.gapCi)}};
        vsControl["interval_method"] = "bootstrap over seeds and prompts (percentile)";
      }
      vsControl["seed_level"] = seedLevelJson(g.vsControlSeeds);
    }
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
        {"vs_control", vsControl},
        {"implicit",
         {{"diagnostic", true},
          {"macro", meanStdJson(g.impMacro)},
          {"worst3", meanStdJson(g.impWorst3)},
          {"gap_points", meanStdJson(g.impGap)},
          {"variance_1e3", meanStdJson(g.impVariance)}}},
        {"implicit_accuracy", {{"diagnostic", true}, {"macro", meanStdJson(g.impAccuracyMacro)}}},
        {"helpfulness_accuracy", meanStdJson(g.helpfulness)},
        {"over_refusal", meanStdJson(g.overRefusal)},
        {"borderline_refusal", meanStdJson(g.borderlineRefusal)},
        {"per_category", perCategory},
    });
  }
  return {{"sweep_id", r.sweepId},
          {"name", r.name},
          {"grids", r.gridKeys},
          {"planned_runs", r.plannedRuns},
          {"finished_runs", r.finishedRuns},
          {"control_method", kControlMethod},
          {"intervals",
           {{"level", 0.95},
            {"summaries", "percentile bootstrap over seeds and over prompts within categories"},
            {"rates", "Wilson score interval on the answers pooled over seeds"},
            {"resamples", r.resamples},
            {"seed", kBootstrapSeed}}},
          {"categories", r.categories},
          {"groups", groups},
          {"best", best},
          {"frontier", frontiers}};
}

std::string sweepResultMarkdown(const SweepResult& r) {
  std::ostringstream out;
  out << "Sweep " << r.name << " (" << r.sweepId.substr(0, 8) << "): " << r.finishedRuns << " of "
      << r.plannedRuns << " runs finished. Mean ± std over seeds [95 % interval].\n\n";
  // The ranked columns of the results table (eval/results_table.h), ★ on the best by its rule.
  const ResultColumnId kSummary[] = {ResultColumnId::SafeMacro,        ResultColumnId::SafeWorst3,
                                     ResultColumnId::SafeGap,          ResultColumnId::SafeVariance,
                                     ResultColumnId::Helpfulness,      ResultColumnId::OverRefusal,
                                     ResultColumnId::BorderlineRefusal};
  std::vector<std::vector<bool>> best;
  out << "| Method | Runs |";
  for (const ResultColumnId c : kSummary) {
    out << " " << resultColumn(c).title << " |";
    best.push_back(sweepBest(r, c));
  }
  out << "\n|---|---:|";
  for (std::size_t i = 0; i < std::size(kSummary); ++i) out << "---:|";
  out << "\n";
  for (std::size_t row = 0; row < r.groups.size(); ++row) {
    const SweepGroupResult& g = r.groups[row];
    out << "| " << g.group << " | " << g.finishedRuns << " |";
    for (std::size_t i = 0; i < std::size(kSummary); ++i) {
      const ResultColumn& c = resultColumn(kSummary[i]);
      out << " " << cell(sweepColumnValue(g, c.id), c.scale, c.decimals)
          << (best[i][row] ? " ★" : "") << " |";
    }
    out << "\n";
  }
  out << "\n★ the best mean of each column (every method that ties at the precision shown; none "
         "with fewer than two values).\n";
  const bool generated = anyGenerated(r);
  if (!generated)
    out << "\nNo run has a judged evaluation: nothing is ranked (the implicit probability "
           "below is a training diagnostic, not a safety measure).\n";
  out << "\nIntervals: Macro, Worst-3 and Gap by a percentile bootstrap over seeds and over "
         "prompts within categories ("
      << (r.resamples ? r.resamples : kBootstrapResamples)
      << " resamples, fixed seed); rates by Wilson on the answers pooled over seeds.\n";

  bool control = false;
  for (const auto& g : r.groups) control = control || !g.control.empty();
  if (control && generated) {
    out << "\nDifference from " << kControlMethod
        << " (the matched control: the same pairs, order and schedule with λ = 0) at the seed "
           "level, in points: each paired seed's difference, their mean with a Student t 95 % "
           "interval (n − 1 degrees of freedom) and the exact two-sided sign-flip p-value (with n "
           "seeds no p below 2/2ⁿ is possible):\n\n| Method | Measure | Seeds | Δ per seed | "
           "Mean [t 95 %] | p (sign-flip) |\n|---|---|---:|---|---:|---:|\n";
    for (const SweepGroupResult& g : r.groups) {
      if (g.control.empty()) continue;
      const SeedSummaryDifference& d = g.vsControlSeeds;
      if (!d.valid) {
        out << "| " << g.group << " | – | 0 | – | – | – |\n";
        continue;
      }
      const std::pair<const char*, const SeedDifference*> rows[] = {
          {"Δ Safe Macro", &d.macro}, {"Δ Safe Worst-3", &d.worst3}, {"Δ Safe Gap", &d.gap}};
      for (const auto& [label, diff] : rows) {
        const double scale = diff == &d.gap ? 1 : 100;
        std::string perSeed;
        for (std::size_t i = 0; i < diff->perSeed.size(); ++i) {
          char one[48];
          std::snprintf(one, sizeof one, "%s%+.1f", i ? ", " : "", diff->perSeed[i] * scale);
          perSeed += one;
        }
        char mean[96];
        if (diff->hasT)
          std::snprintf(mean, sizeof mean, "%+.1f [%+.1f, %+.1f]", diff->mean * scale,
                        diff->tCi.low * scale, diff->tCi.high * scale);
        else
          std::snprintf(mean, sizeof mean, "%+.1f (one seed: no interval)", diff->mean * scale);
        char p[32];
        std::snprintf(p, sizeof p, "%.3g", diff->pSignFlip);
        out << "| " << g.group << " | " << label << " | " << diff->n << " | " << perSeed << " | "
            << mean << " | " << p << " |\n";
      }
    }
    out << "\nThe same differences by the bootstrap over seeds and prompts (percentile, "
           "paired by seed), in points [95 % interval] — with few seeds it under-covers the "
           "seed-to-seed spread; read the seed-level table first:\n\n| Method | Δ Safe Macro | "
           "Δ Safe Worst-3 | Δ Safe Gap |\n|---|---:|---:|---:|\n";
    for (const SweepGroupResult& g : r.groups) {
      if (g.control.empty()) continue;
      out << "| " << g.group << " | ";
      if (!g.vsControl.valid) {
        out << "– | – | – |\n";
        continue;
      }
      out << differenceCell(g.vsControl.macro, g.vsControl.macroCi, 100) << " | "
          << differenceCell(g.vsControl.worst3, g.vsControl.worst3Ci, 100) << " | "
          << differenceCell(g.vsControl.gap, g.vsControl.gapCi, 1) << " |\n";
    }
  }

  if (generated) out << "\n" << frontierMarkdown(r);

  out << "\nImplicit safety probability σ(β·z) on held-out pairs — a training diagnostic, not a "
         "ranking (any margin raises it), mean ± std:\n\n| Method | Impl. Macro | "
         "Impl. Worst-3 | Impl. Gap | Impl. Var×10³ | Impl. accuracy |\n"
         "|---|---:|---:|---:|---:|---:|\n";
  for (const SweepGroupResult& g : r.groups)
    out << "| " << g.group << " | " << cell(g.impMacro, 100, 1) << " | "
        << cell(g.impWorst3, 100, 1) << " | " << cell(g.impGap, 1, 1) << " | "
        << cell(g.impVariance, 1, 2) << " | " << cell(g.impAccuracyMacro, 100, 1) << " |\n";

  if (r.categories.empty() || r.groups.empty()) return out.str();
  out << "\nPer category: "
      << (generated ? "generated safe ratio (%), mean over seeds [95 % Wilson interval]"
                    : "implicit safety probability (%, a diagnostic), mean over seeds")
      << ".\n\n| Category |";
  for (const auto& g : r.groups) out << " " << g.group << " |";
  out << "\n|---|";
  for (std::size_t i = 0; i < r.groups.size(); ++i) out << "---:|";
  out << "\n";
  for (std::size_t k = 0; k < r.categories.size(); ++k) {
    out << "| " << r.categories[k] << " |";
    for (const auto& g : r.groups) {
      if (generated) {
        const MeanStd& v = g.perCategorySafe[k];
        out << " " << (v.n ? cell(v, 100, 0, /*withStd=*/false) : std::string("–")) << " |";
      } else {
        const MeanStd& v = g.perCategoryImplicit[k];
        out << " " << (v.n ? cell({v.mean, 0, 1}, 100, 1) : std::string("–")) << " |";
      }
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace catdpo
