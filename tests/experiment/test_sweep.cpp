// SPDX-License-Identifier: MIT
// The comparison suite: plan expansion (grids only where they matter), plan round trip, result
// aggregation over seeds from hand-made evaluations, and a real sweep that is stopped after its
// first run and resumed without redoing it.
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "eval/summary.h"
#include "experiment/frontier.h"
#include "experiment/sweep.h"
#include "store/run_store.h"

using namespace catdpo;

namespace {

EvalResult evalWith(double macro, double worst3, std::vector<double> perCategory) {
  EvalResult r;
  r.step = 10;
  for (std::size_t k = 0; k < perCategory.size(); ++k) {
    CategoryEvalResult c;
    c.category = static_cast<int>(k);
    c.name = "cat" + std::to_string(k);
    c.generatedCount = 10;
    c.safeRatio = perCategory[k];
    c.generatedSafe = static_cast<int>(std::lround(10 * perCategory[k]));
    r.categories.push_back(c);
  }
  r.generated.macro = macro;
  r.generated.worst3 = worst3;
  r.generated.categoriesCounted = static_cast<int>(perCategory.size());
  r.helpfulnessPairs = 10;
  r.helpfulnessAccuracy = macro;
  r.overRefusal = 0.25;
  r.benignPrompts = 8;
  r.benignRefusals = 2;
  r.borderlineRefusal = 0.5;
  r.borderlinePrompts = 4;
  r.borderlineRefusals = 2;
  return r;
}

// An evaluation whose summaries follow from the counts (n answers per category).
EvalResult evalFromCounts(const std::vector<int>& safe, int n) {
  std::vector<double> ratios;
  std::vector<std::pair<int, double>> pairs;
  for (std::size_t k = 0; k < safe.size(); ++k) {
    ratios.push_back(static_cast<double>(safe[k]) / n);
    pairs.emplace_back(static_cast<int>(k), ratios.back());
  }
  EvalResult r = evalWith(0, 0, ratios);
  for (std::size_t k = 0; k < safe.size(); ++k) {
    r.categories[k].generatedCount = n;
    r.categories[k].generatedSafe = safe[k];
  }
  r.generated = summarize(pairs);
  return r;
}

}  // namespace

class TestSweep : public QObject {
  Q_OBJECT
 private slots:
  void gridAppliesOnlyWhereItMatters() {
    SweepPlan plan;
    plan.methods = {Method::Dpo, Method::CatDpo};
    plan.seeds = {1, 2};
    plan.grids = {parseSweepGrid("eta=0.1,1.0")};
    QCOMPARE(plan.grids[0].key, std::string("catdpo.eta"));
    const auto items = expandSweep(plan);
    QCOMPARE(items.size(), std::size_t(6));  // per seed: dpo once, catdpo per eta
    QCOMPARE(items[0].name, std::string("dpo seed=1"));
    QCOMPARE(items[1].name, std::string("catdpo eta=0.1 seed=1"));
    QCOMPARE(items[2].group, std::string("catdpo eta=1.0"));
    QCOMPARE(items[2].config.catdpo.eta, 1.0);
    QCOMPARE(items[1].config.catdpo.eta, 0.1);
    QCOMPARE(items[5].config.seed, std::uint64_t(2));
    QVERIFY(items[0].config.method == Method::Dpo);
  }

  void badPlansFailBeforeAnyRun() {
    SweepPlan plan;
    plan.methods = {Method::CatDpo};
    plan.seeds = {1};
    plan.grids = {parseSweepGrid("eta=0.5,-1")};
    try {
      expandSweep(plan);
      QFAIL("a negative eta was accepted");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("catdpo.eta") != std::string::npos, e.what());
    }
    QVERIFY_THROWS_EXCEPTION(Error, parseSweepGrid("eta"));
    QVERIFY_THROWS_EXCEPTION(Error, parseSweepGrid("eta=0.1,,0.2"));
    QVERIFY_THROWS_EXCEPTION(Error, parseSweepGrid("eta=0.1,0.1"));
    plan.grids = {parseSweepGrid("no_such_option=1")};
    QVERIFY_THROWS_EXCEPTION(Error, expandSweep(plan));
    plan.grids = {};
    plan.seeds.clear();
    QVERIFY_THROWS_EXCEPTION(Error, expandSweep(plan));
  }

  void planRoundTrip() {
    SweepPlan plan;
    plan.base.steps = 17;
    plan.base.dataPath = "demo:900";
    plan.methods = {Method::SafeDpo, Method::Sacpo};
    plan.seeds = {3, 4};
    plan.grids = {parseSweepGrid("beta=0.05,0.2")};
    const SweepPlan back = sweepPlanFromJson(sweepPlanToJson(plan));
    QCOMPARE(sweepPlanToJson(back).dump(), sweepPlanToJson(plan).dump());
    QCOMPARE(back.base.steps, std::int64_t(17));
    QVERIFY_THROWS_EXCEPTION(Error, sweepPlanFromJson(nlohmann::json{{"base", 3}}, "x.json"));
  }

  void resultsAggregateOverSeeds() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.sqlite").toStdString());
    SweepPlan plan;
    plan.methods = {Method::Dpo, Method::CatDpo};
    plan.seeds = {1, 2};
    const SweepRecord sweep = store.createSweep("cmp", sweepPlanToJson(plan).dump());
    auto add = [&](const std::string& item, const EvalResult& eval, RunStatus status) {
      NewRun run;
      run.name = "cmp: " + item;
      run.method = item.substr(0, item.find(' '));
      run.sweepId = sweep.id;
      const std::string id = store.createRun(run).id;
      store.recordEvaluation(id, eval);
      store.setStatus(id, status);
    };
    add("dpo seed=1", evalWith(0.6, 0.2, {0.2, 0.6, 1.0}), RunStatus::Finished);
    add("dpo seed=2", evalWith(0.8, 0.4, {0.4, 1.0, 1.0}), RunStatus::Finished);
    add("catdpo seed=1", evalWith(0.9, 0.8, {0.8, 0.9, 1.0}), RunStatus::Finished);
    add("catdpo seed=2", evalWith(0.1, 0.1, {0.1, 0.1, 0.1}), RunStatus::Failed);  // not counted

    const SweepResult r = summarizeSweep(store, "cmp");
    QCOMPARE(r.plannedRuns, 4);
    QCOMPARE(r.finishedRuns, 3);
    QCOMPARE(r.groups.size(), std::size_t(2));
    const SweepGroupResult& dpo = r.groups[0];
    QCOMPARE(dpo.group, std::string("dpo"));
    QCOMPARE(dpo.genMacro.n, 2);
    QCOMPARE(dpo.genMacro.mean, 0.7);
    QVERIFY(std::abs(dpo.genMacro.std - std::sqrt(0.02)) < 1e-12);  // sample std of 0.6, 0.8
    QVERIFY(std::abs(dpo.perCategorySafe[0].mean - 0.3) < 1e-12);
    QCOMPARE(dpo.overRefusal.mean, 0.25);
    // Rates: Wilson on the answers pooled over seeds (4 of 16 benign prompts refused).
    QVERIFY(dpo.overRefusal.hasCi);
    QVERIFY(std::abs(dpo.overRefusal.ci.low - wilsonInterval(4, 16).low) < 1e-12);
    QCOMPARE(dpo.borderlineRefusal.mean, 0.5);
    // Macro, Worst-3 and Gap: a bootstrap interval around the mean.
    QVERIFY(dpo.genMacro.hasCi);
    QVERIFY(dpo.genMacro.ci.low < dpo.genMacro.ci.high);
    QVERIFY(dpo.perCategorySafe[0].hasCi);
    QVERIFY(r.resamples == kBootstrapResamples);
    QVERIFY(dpo.control.empty());  // no control in this sweep
    const SweepGroupResult& cat = r.groups[1];
    QCOMPARE(cat.finishedRuns, 1);
    QCOMPARE(cat.runIds.size(), std::size_t(2));
    QCOMPARE(cat.genWorst3.mean, 0.8);
    QCOMPARE(cat.genWorst3.std, 0.0);
    QCOMPARE(r.categories, (std::vector<std::string>{"cat0", "cat1", "cat2"}));

    const std::string md = sweepResultMarkdown(r);
    QVERIFY2(md.find("| dpo | 2 | 70.0 ± 14.1 [") != std::string::npos, md.c_str());
    QVERIFY2(md.find("| cat0 | 30 [") != std::string::npos, md.c_str());
    QVERIFY2(md.find("not a ranking") != std::string::npos, md.c_str());
    QVERIFY2(md.find("Difference from") == std::string::npos, md.c_str());  // no control here
    const nlohmann::json j = sweepResultToJson(r);
    QCOMPARE(j["groups"][1]["generated"]["worst3"]["mean"].get<double>(), 0.8);
    QVERIFY(j["groups"][1]["generated"]["worst3"]["interval"].is_array());
    QVERIFY(j["groups"][0]["implicit"]["macro"].is_null());  // no implicit data given
    QVERIFY(j["groups"][0]["implicit"]["diagnostic"].get<bool>());
    QVERIFY(j["groups"][0]["vs_control"].is_null());
    // The best marks (eval/results_table.h): Macro and Worst-3 are Cat-DPO's; a diagnostic
    // column has no entry.
    QCOMPARE(j["best"]["safe_macro"], nlohmann::json::array({"catdpo"}));
    QCOMPARE(j["best"]["safe_worst3"], nlohmann::json::array({"catdpo"}));
    QVERIFY(!j["best"].contains("implicit_macro"));
    QVERIFY2(md.find("★ |") != std::string::npos, md.c_str());
    const std::vector<bool> macroBest = sweepBest(r, ResultColumnId::SafeMacro);
    QCOMPARE(macroBest, (std::vector<bool>{false, true}));
    // A category row as in an evaluation: its index, its name, its safe ratio.
    const nlohmann::json& row = j["groups"][0]["per_category"][0];
    QCOMPARE(row["category"].get<int>(), 0);
    QCOMPARE(row["name"].get<std::string>(), std::string("cat0"));
    QVERIFY(row["safe_ratio"]["interval"].is_array());
    QVERIFY(row["implicit_probability"].is_null());
  }

  void differencesFromTheMatchedControl() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.sqlite").toStdString());
    SweepPlan plan;
    plan.methods = {Method::CatDpo, Method::SafeDpo, Method::CatDpoNoMargin};
    plan.seeds = {1, 2};
    plan.grids = {parseSweepGrid("eta=0.5,1.0")};
    const SweepRecord sweep = store.createSweep("ctl", sweepPlanToJson(plan).dump());
    auto add = [&](const std::string& item, const EvalResult& eval) {
      NewRun run;
      run.name = "ctl: " + item;
      run.method = item.substr(0, item.find(' '));
      run.sweepId = sweep.id;
      const std::string id = store.createRun(run).id;
      store.recordEvaluation(id, eval);
      store.setStatus(id, RunStatus::Finished);
    };
    // Seed 1 control: 10, 12, 14 of 20 safe; seed 2: 12, 12, 16. Cat-DPO (eta 0.5) adds 4 safe
    // answers per category in both seeds: +20 points of Macro and Worst-3, the same Gap.
    add("catdpo_nomargin seed=1", evalFromCounts({10, 12, 14}, 20));
    add("catdpo_nomargin seed=2", evalFromCounts({12, 12, 16}, 20));
    add("catdpo eta=0.5 seed=1", evalFromCounts({14, 16, 18}, 20));
    add("catdpo eta=0.5 seed=2", evalFromCounts({16, 16, 20}, 20));
    add("catdpo eta=1.0 seed=1", evalFromCounts({10, 12, 14}, 20));
    add("catdpo eta=1.0 seed=2", evalFromCounts({12, 12, 16}, 20));
    add("safedpo seed=1", evalFromCounts({20, 20, 20}, 20));  // only seed 1 finished

    const SweepResult r = summarizeSweep(store, "ctl");
    QCOMPARE(r.groups.size(), std::size_t(4));
    const SweepGroupResult& eta05 = r.groups[0];
    QCOMPARE(eta05.group, std::string("catdpo eta=0.5"));
    QCOMPARE(eta05.control, std::string("catdpo_nomargin"));
    QVERIFY(eta05.vsControl.valid);
    QCOMPARE(eta05.vsControl.runs, 2);
    QVERIFY(std::abs(eta05.vsControl.macro - 0.2) < 1e-12);
    QVERIFY(std::abs(eta05.vsControl.worst3 - 0.2) < 1e-12);
    QVERIFY(std::abs(eta05.vsControl.gap - 0.0) < 1e-9);
    QVERIFY(eta05.vsControl.macroCi.low > 0);  // 4 answers better everywhere, in both seeds
    const SweepGroupResult& eta10 = r.groups[1];
    QCOMPARE(eta10.vsControl.macro, 0.0);  // identical counts
    QVERIFY(eta10.vsControl.macroCi.low < 0 && eta10.vsControl.macroCi.high > 0);
    const SweepGroupResult& safe = r.groups[2];
    QCOMPARE(safe.vsControl.runs, 1);  // paired on the one seed both have
    QVERIFY(std::abs(safe.vsControl.macro - 0.4) < 1e-12);
    QVERIFY(r.groups[3].control.empty());  // the control itself

    const std::string md = sweepResultMarkdown(r);
    QVERIFY2(md.find("Difference from catdpo_nomargin") != std::string::npos, md.c_str());
    QVERIFY2(md.find("| catdpo eta=0.5 | +20.0 [") != std::string::npos, md.c_str());
    const nlohmann::json j = sweepResultToJson(r);
    QVERIFY(std::abs(j["groups"][0]["vs_control"]["worst3"]["difference"].get<double>() - 0.2) <
            1e-12);
    QVERIFY(j["groups"][3]["vs_control"].is_null());
    QCOMPARE(j["control_method"].get<std::string>(), std::string("catdpo_nomargin"));
  }

  // The frontier's grids: each method's safety knob from the catalogue; two grids on Cat-DPO
  // multiply, a shared option (beta) multiplies every method, the control included.
  void frontierGridsMultiplyPerMethod() {
    SweepPlan plan;
    plan.methods = {Method::Dpo, Method::SafeDpo, Method::CatDpo, Method::CatDpoNoMargin};
    plan.seeds = {1};
    plan.grids = frontierGrids(plan.methods);
    QCOMPARE(plan.grids.size(), std::size_t(3));  // safedpo_delta, catdpo.eta, lambda_init
    auto items = expandSweep(plan);
    std::map<std::string, int> perMethod;
    for (const SweepItem& item : items) ++perMethod[toString(item.config.method)];
    QCOMPARE(perMethod["dpo"], 1);
    QCOMPARE(perMethod["safedpo"], 5);
    QCOMPARE(perMethod["catdpo"], 6);  // 3 eta x 2 lambda_init
    QCOMPARE(perMethod["catdpo_nomargin"], 1);
    const auto found = std::find_if(items.begin(), items.end(), [](const SweepItem& i) {
      return i.group == "catdpo eta=2 lambda_init=5";
    });
    QVERIFY(found != items.end());
    QCOMPARE(found->config.catdpo.eta, 2.0);
    QCOMPARE(found->config.catdpo.lambdaInit, 5.0);
    QCOMPARE(found->gridValue, std::string("eta=2 lambda_init=5"));

    plan.grids.push_back(parseSweepGrid("beta=0.05,0.2"));
    items = expandSweep(plan);
    QCOMPARE(items.size(), std::size_t(2 * 13));
    QCOMPARE(items.back().group, std::string("catdpo_nomargin beta=0.2"));
    // Round trip of a plan with several grids, and a stored plan of format 1 (one "grid").
    const SweepPlan back = sweepPlanFromJson(sweepPlanToJson(plan));
    QCOMPARE(back.grids.size(), std::size_t(4));
    nlohmann::json old = sweepPlanToJson(plan);
    old.erase("grids");
    old["grid"] = {{"key", "catdpo.eta"}, {"values", {"0.1", "1.0"}}};
    QCOMPARE(sweepPlanFromJson(old).grids.size(), std::size_t(1));
    // One key in two grids is refused before anything runs.
    plan.grids.push_back(parseSweepGrid("eta=0.3"));
    QVERIFY_THROWS_EXCEPTION(Error, expandSweep(plan));
    // So is a product of grids beyond any sweep's size, before a single config is built.
    plan.grids = {};
    for (const char* key : {"lr", "beta", "label_smoothing", "warmup_steps"}) {
      SweepGrid g{key, {}};
      for (int v = 1; v <= 12; ++v) g.values.push_back(std::to_string(v));
      plan.grids.push_back(g);
    }
    try {
      expandSweep(plan);
      QFAIL("a sweep of 82 944 runs was accepted");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("82944 runs") != std::string::npos, e.what());
    }
  }

  // The Pareto front worked out by hand, for both directions of the x axis.
  void paretoFrontByHand() {
    const std::vector<double> x{0.5, 0.6, 0.7, 0.6, 0.4};
    const std::vector<double> y{0.9, 0.8, 0.5, 0.85, 0.9};
    // Higher x better: (0.4, 0.9) loses to (0.5, 0.9), (0.6, 0.8) to (0.6, 0.85).
    QCOMPARE(paretoFront(x, y, true), (std::vector<std::size_t>{0, 3, 2}));
    // Lower x better: (0.4, 0.9) beats every other point.
    QCOMPARE(paretoFront(x, y, false), (std::vector<std::size_t>{4}));
    // Equal points are all kept.
    QCOMPARE(paretoFront({0.5, 0.5}, {0.7, 0.7}, true), (std::vector<std::size_t>{0, 1}));
    QVERIFY(paretoFront({}, {}, true).empty());
  }

  // Frontier points from a stored sweep: Worst-3 with its bootstrap interval, the other axis
  // with Wilson; the control of a group is the one sharing its shared-option setting.
  void frontierOfAStoredSweep() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.sqlite").toStdString());
    SweepPlan plan;
    plan.methods = {Method::SafeDpo, Method::CatDpoNoMargin};
    plan.seeds = {1};
    plan.grids = {parseSweepGrid("delta=2.5,10"), parseSweepGrid("beta=0.1,0.2")};
    const SweepRecord sweep = store.createSweep("fr", sweepPlanToJson(plan).dump());
    auto add = [&](const std::string& item, std::vector<int> safe, int helpful, int refused) {
      EvalResult eval = evalFromCounts(safe, 20);
      eval.helpfulnessPairs = 40;
      eval.helpfulnessAccuracy = helpful / 40.0;
      eval.benignPrompts = 30;
      eval.benignRefusals = refused;
      NewRun run;
      run.name = "fr: " + item;
      run.method = item.substr(0, item.find(' '));
      run.sweepId = sweep.id;
      const std::string id = store.createRun(run).id;
      store.recordEvaluation(id, eval);
      store.setStatus(id, RunStatus::Finished);
    };
    // Worst-3 / helpfulness: delta 2.5 at beta 0.1 is safer and less helpful than at beta 0.2;
    // delta 10 beta 0.2 is dominated by delta 2.5 beta 0.1 (less safe and less helpful).
    add("safedpo delta=2.5 beta=0.1 seed=1", {18, 18, 18}, 30, 3);
    add("safedpo delta=2.5 beta=0.2 seed=1", {14, 14, 14}, 36, 1);
    add("safedpo delta=10 beta=0.1 seed=1", {19, 19, 19}, 20, 9);
    add("safedpo delta=10 beta=0.2 seed=1", {16, 16, 16}, 28, 6);
    add("catdpo_nomargin beta=0.1 seed=1", {10, 10, 10}, 38, 0);
    add("catdpo_nomargin beta=0.2 seed=1", {10, 10, 10}, 37, 0);
    const SweepResult r = summarizeSweep(store, "fr");
    QCOMPARE(r.groups.size(), std::size_t(6));
    QCOMPARE(r.groups[0].group, std::string("safedpo delta=2.5 beta=0.1"));
    QCOMPARE(r.groups[0].control, std::string("catdpo_nomargin beta=0.1"));
    QCOMPARE(r.groups[1].control, std::string("catdpo_nomargin beta=0.2"));
    // helpfulness: Wilson on the pooled pairs
    QVERIFY(r.groups[0].helpfulness.hasCi);
    QVERIFY(std::abs(r.groups[0].helpfulness.ci.high - wilsonInterval(30, 40).high) < 1e-12);

    const Frontier help = sweepFrontier(r, FrontierAxis::Helpfulness);
    QCOMPARE(help.points.size(), std::size_t(6));
    std::vector<std::string> front;
    for (std::size_t i : help.front) front.push_back(help.points[i].group);
    // x ascending: delta=10 beta=0.1 (50 %, 95 %), delta=2.5 beta=0.1 (75 %, 90 %),
    // delta=2.5 beta=0.2 (90 %, 70 %), control beta=0.1 (95 %, 50 %).
    QCOMPARE(front,
             (std::vector<std::string>{"safedpo delta=10 beta=0.1", "safedpo delta=2.5 beta=0.1",
                                       "safedpo delta=2.5 beta=0.2", "catdpo_nomargin beta=0.1"}));
    QVERIFY(help.points[0].safety.hasCi && help.points[0].other.hasCi);
    const Frontier refusal = sweepFrontier(r, FrontierAxis::BenignOverRefusal);
    QVERIFY(refusal.points[3].onFront == false);  // delta 10 beta 0.2: 80 % at 20 % refusals
    QVERIFY(refusal.points[4].onFront);           // the control: no refusal at all
    QVERIFY(refusal.points[2].onFront);           // the safest point is on every front

    const nlohmann::json j = sweepResultToJson(r);
    QCOMPARE(j["frontier"]["helpfulness_accuracy"]["front"].size(), std::size_t(4));
    QVERIFY(j["frontier"]["over_refusal"]["points"][0]["worst3"]["interval"].is_array());
    const std::string md = sweepResultMarkdown(r);
    QVERIFY2(md.find("Trade-off frontier") != std::string::npos, md.c_str());
    QVERIFY2(md.find("| safedpo delta=2.5 beta=0.1 | 90.0 [") != std::string::npos, md.c_str());
    const std::string svg = frontierSvg(help, "t <&>");
    QVERIFY(svg.find("<polyline") != std::string::npos);
    QVERIFY(svg.find("t &lt;&amp;&gt;") != std::string::npos);
    std::size_t circles = 0;
    for (auto at = svg.find("<circle"); at != std::string::npos; at = svg.find("<circle", at + 1))
      ++circles;
    QCOMPARE(circles, std::size_t(6 + 2));  // the points and a legend entry per method
  }

  // A real sweep on the quick demo: stopped while its second run starts, then resumed; the
  // finished first run is not redone.
  void stopAndResumeSkipsFinishedRuns() {
    QTemporaryDir dir;
    const std::string db = dir.filePath("runs.sqlite").toStdString();
    SweepPlan plan;
    plan.base.dataPath = "demo:800";
    plan.base.modelPath = "demo:quick";
    plan.base.steps = 3;
    plan.base.batchSize = 8;
    plan.base.maxLength = 96;
    plan.base.threads = 2;
    plan.base.eval.maxPairs = 32;
    plan.base.eval.promptsPerCategory = 1;
    plan.base.eval.benignPrompts = 4;
    plan.base.eval.maxNewTokens = 8;
    plan.methods = {Method::SafeDpo, Method::CatDpo};
    plan.seeds = {1};
    std::string sweepId;
    {
      SweepRunner runner({plan, db, dir.filePath("out").toStdString(), "", "demo-cmp"});
      std::vector<std::string> states;
      runner.setProgressCallback([&](const SweepProgress& p) {
        states.push_back(p.state);
        if (p.index == 1 && p.state == "started") runner.stop();
      });
      QVERIFY(!runner.run());
      sweepId = runner.sweepId();
      QCOMPARE(states, (std::vector<std::string>{"started", "finished", "started", "stopped"}));
    }
    {
      SweepRunner runner({SweepPlan{}, db, dir.filePath("out").toStdString(), "demo-cmp", ""});
      std::vector<std::string> states;
      runner.setProgressCallback([&](const SweepProgress& p) { states.push_back(p.state); });
      QVERIFY(runner.run());
      QCOMPARE(runner.sweepId(), sweepId);
      QCOMPARE(states, (std::vector<std::string>{"skipped", "resumed", "finished"}));
    }
    RunStore store(db);
    const SweepResult r = summarizeSweep(store, sweepId.substr(0, 8));
    QCOMPARE(r.finishedRuns, 2);
    QCOMPARE(r.groups.size(), std::size_t(2));
    QCOMPARE(r.categories.size(), std::size_t(19));
    QVERIFY(r.groups[1].impMacro.n == 1);
    RunFilter f;
    f.sweepId = sweepId;
    QCOMPARE(store.listRuns(f).size(), std::size_t(2));  // the stopped run was resumed, not redone
    // The table's numbers are the runs' stored final evaluations (one seed: mean = value).
    for (const SweepGroupResult& g : r.groups) {
      QCOMPARE(g.runIds.size(), std::size_t(1));
      const auto eval = store.latestEvaluation(g.runIds.front());
      QVERIFY(eval.has_value());
      QCOMPARE(g.impMacro.mean, eval->result.implicit.macro);
      QCOMPARE(g.impWorst3.mean, eval->result.implicit.worst3);
      QCOMPARE(g.genMacro.n, eval->result.generated.categoriesCounted > 0 ? 1 : 0);
      if (g.genMacro.n) QCOMPARE(g.genMacro.mean, eval->result.generated.macro);
      QCOMPARE(g.helpfulness.mean, eval->result.helpfulnessAccuracy);
    }
  }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "test_sweep.moc"
