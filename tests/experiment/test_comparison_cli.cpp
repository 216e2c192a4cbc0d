// SPDX-License-Identifier: MIT
// The comparisons a reviewer checks, through the `catdpo` executable on the quick demo: a
// Cat-DPO run with the per-pair dual rule stores every contrastive pair's V_i, and replaying
// lambda_k <- max(0, lambda_k + eta (V_i - epsilon)) by hand from the store reproduces the
// stored lambda of every step; a sweep with the matched control reports Macro / Worst-3 / Gap
// with intervals and each method's difference from catdpo_nomargin.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "eval/results_table.h"
#include "store/run_store.h"
#include "support/cli_runner.h"
#include "train/method_catalogue.h"

using namespace catdpo;
using nlohmann::json;

using test::CliResult;
using test::runCli;

namespace {

// Training on the quick demo (a sweep trains four runs), each with an evaluation.
const test::CliOptions kTraining{.timeout = std::chrono::seconds(800)};

// A light evaluation: few prompts, short answers.
const QStringList kLightEval = {"--set", "eval.prompts_per_category=2",
                                "--set", "eval.benign_prompts=4",
                                "--set", "eval.borderline_prompts=4",
                                "--set", "eval.max_new_tokens=8",
                                "--set", "eval.max_pairs=64"};

}  // namespace

class TestComparisonCli : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;

 private Q_SLOTS:
  void perPairLambdaIsReproducedByHandFromTheStore() {
    const QString db = m_dir.filePath("train.sqlite");
    const CliResult r = runCli(
        QStringList{"--db", db, "train", "--demo", "--quick", "--method", "catdpo", "--set",
                    "catdpo.dual_step=per_pair", "--set", "catdpo.eta=2.0", "--steps", "12",
                    "--set", "checkpoint_every=0", "--out", m_dir.filePath("run"), "--json"} +
            kLightEval,
        kTraining);
    CATDPO_VERIFY_CLI_OK(r);
    const json out = json::parse(r.outText());
    const std::string id = out["run_id"].get<std::string>();
    QCOMPARE(out["step"].get<int>(), 12);

    RunStore store(db.toStdString(), /*readOnly=*/true);
    const RunRecord run = *store.run(id);
    const json config = json::parse(run.configJson);
    QCOMPARE(config["catdpo"]["dual_step"].get<std::string>(), std::string("per_pair"));
    QVERIFY(config["catdpo"]["lambda_max"].is_null());
    const double eta = config["catdpo"]["eta"].get<double>();
    const double epsilon = config["catdpo"]["epsilon"].get<double>();
    const std::vector<int> categories = store.stepCategories(id);
    QCOMPARE(categories.size(), std::size_t(19));
    // Stored lambda per (step, category).
    std::map<std::int64_t, std::map<int, double>> stored;
    for (int k : categories)
      for (const SeriesPoint& p : store.series({id, metric::kLambda, k, 0}))
        stored[p.step][k] = p.value;
    QCOMPARE(stored.size(), std::size_t(12));
    // Replay from lambda_init with the stored per-pair values, in their applied order.
    std::map<int, double> lambda;
    for (int k : categories) lambda[k] = config["catdpo"]["lambda_init"].get<double>();
    const std::vector<StoredPairValue> pairs = store.pairValues(id);
    QVERIFY(pairs.size() > 12);
    std::size_t next = 0;
    int positive = 0;
    for (std::int64_t step = 1; step <= 12; ++step) {
      for (; next < pairs.size() && pairs[next].step == step; ++next) {
        const PairStepValue& p = pairs[next].value;
        QVERIFY(p.v > 0 && p.v < 1);
        for (int k : p.updated) lambda[k] = std::max(0.0, lambda[k] + eta * (p.v - epsilon));
      }
      for (int k : categories)
        QVERIFY2(std::abs(stored[step][k] - lambda[k]) < 1e-12,
                 qPrintable(QStringLiteral("step %1, category %2: stored %3, by hand %4")
                                .arg(step)
                                .arg(k)
                                .arg(stored[step][k])
                                .arg(lambda[k])));
    }
    QCOMPARE(next, pairs.size());
    // The JSON's final lambda is the replayed one.
    for (const auto& [name, value] : out["lambda"].items()) {
      QVERIFY(value.get<double>() >= 0);
      positive += value.get<double>() > 0 ? 1 : 0;
    }
    QVERIFY(positive > 0);
    for (int k : categories) {
      bool found = false;
      for (const auto& [name, value] : out["lambda"].items())
        found = found || std::abs(value.get<double>() - lambda[k]) < 1e-12;
      QVERIFY(found);
    }
    // The evaluation in the JSON carries its intervals and the two over-refusal rates.
    const json& e = out["latest_evaluation"];
    QVERIFY(e["generated"]["interval"]["worst3"].is_array());
    QVERIFY(e["categories"][0]["safe_ratio_interval"].is_array());
    QVERIFY(e.contains("borderline_refusal"));
    QVERIFY(e["implicit"]["diagnostic"].get<bool>());
  }

  void separateEvaluationFile() {
    // A training file and its own test file, as PKU-SafeRLHF ships them.
    const QString data = m_dir.filePath("files");
    const CliResult made = runCli({"demo-data", "--out", data, "--pairs", "900"});
    CATDPO_VERIFY_CLI_OK(made);
    const QString train = data + "/train.jsonl", test = data + "/eval.jsonl";
    const QString db = m_dir.filePath("evalfile.sqlite");
    const CliResult r =
        runCli(QStringList{"--db", db, "train", "--demo", "--quick", "--data", train, "--eval-data",
                           test, "--steps", "2", "--set", "eval.judge=demo", "--set",
                           "checkpoint_every=0", "--out", m_dir.filePath("ef"), "--json"} +
                   kLightEval,
               kTraining);
    CATDPO_VERIFY_CLI_OK(r);
    const std::string id = json::parse(r.outText())["run_id"].get<std::string>();
    RunStore store(db.toStdString(), /*readOnly=*/true);
    const RunRecord run = *store.run(id);
    QCOMPARE(json::parse(run.configJson)["eval"]["data"].get<std::string>(), test.toStdString());
    QVERIFY(!run.evalDatasetFingerprint.empty());
    QVERIFY(run.evalDatasetFingerprint != run.datasetFingerprint);
    QVERIFY(store.dataset(run.evalDatasetFingerprint));  // the file is recorded as a data set
    const auto ev = store.latestEvaluation(id);
    QVERIFY(ev && ev->result.generated.categoriesCounted > 0);  // prompts of the test file
    const CliResult shown = runCli({"--db", db, "show", QString::fromStdString(id)});
    CATDPO_VERIFY_CLI_OK(shown);
    QVERIFY2(shown.outText().find("Eval data " + test.toStdString() + " (" +
                                  run.evalDatasetFingerprint) != std::string::npos,
             shown.out.constData());

    // An evaluation file is read like any other: a category the training data does not have is
    // an error naming the file, before any training.
    const QString bad = m_dir.filePath("bad-eval.jsonl");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"prompt":"p","response_0":"a","response_1":"b","better_response_id":0,)"
            R"("safer_response_id":0,"is_response_0_safe":true,"is_response_1_safe":false,)"
            R"("response_1_harm_category":{"Time Travel":true}})"
            "\n");
    f.close();
    const CliResult refused = runCli({"--db", db, "train", "--demo", "--quick", "--data", train,
                                      "--eval-data", bad, "--steps", "1", "--json"},
                                     kTraining);
    CATDPO_VERIFY_CLI_EXIT(refused, 1);
    QVERIFY2(refused.err.contains("bad-eval.jsonl"), refused.err.constData());
    QVERIFY2(refused.err.contains("Time Travel"), refused.err.constData());
  }

  void sweepWithTheControlShowsIntervalsAndDifferences() {
    const QString db = m_dir.filePath("sweep.sqlite");
    const QStringList args = QStringList{"--db",
                                         db,
                                         "sweep",
                                         "--demo",
                                         "--quick",
                                         "--methods",
                                         "catdpo,catdpo_nomargin",
                                         "--seeds",
                                         "2",
                                         "--steps",
                                         "6",
                                         "--out",
                                         m_dir.filePath("sweep")} +
                             kLightEval;
    const CliResult r = runCli(args + QStringList{"--json"}, kTraining);
    CATDPO_VERIFY_CLI_OK(r);
    const json j = json::parse(r.outText());
    QCOMPARE(j["finished_runs"].get<int>(), 4);
    QCOMPARE(j["control_method"].get<std::string>(), std::string("catdpo_nomargin"));
    QCOMPARE(j["groups"].size(), std::size_t(2));
    for (const json& g : j["groups"]) {
      for (const char* key : {"macro", "worst3", "gap_points"}) {
        const json& v = g["generated"][key];
        QVERIFY2(v.is_object(), key);
        QCOMPARE(v["n"].get<int>(), 2);
        const double lo = v["interval"][0].get<double>(), hi = v["interval"][1].get<double>();
        QVERIFY(lo <= hi);
      }
      QVERIFY(g["implicit"]["diagnostic"].get<bool>());
    }
    const json& cat = j["groups"][0];
    QCOMPARE(cat["method"].get<std::string>(), std::string("catdpo"));
    QCOMPARE(cat["vs_control"]["control_group"].get<std::string>(), std::string("catdpo_nomargin"));
    QCOMPARE(cat["vs_control"]["paired_runs"].get<int>(), 2);
    for (const char* key : {"macro", "worst3", "gap_points"}) {
      const json& d = cat["vs_control"][key];
      const double diff = d["difference"].get<double>();
      const double expected = cat["generated"][key]["mean"].get<double>() -
                              j["groups"][1]["generated"][key]["mean"].get<double>();
      QVERIFY2(std::abs(diff - expected) < 1e-9, key);
      QVERIFY(d["interval"][0].get<double>() <= d["interval"][1].get<double>());
    }
    // At the seed level: one difference per paired seed whose mean is the bootstrap's point
    // estimate (both are the mean over paired seeds), a t interval around it, and the sign-flip
    // p-value no lower than 2/2^2 with two seeds.
    const json& seedLevel = cat["vs_control"]["seed_level"];
    QCOMPARE(seedLevel["pairs"].get<int>(), 2);
    QCOMPARE(seedLevel["seeds"].size(), std::size_t{2});
    for (const char* key : {"macro", "worst3", "gap_points"}) {
      const json& d = seedLevel[key];
      QCOMPARE(d["per_seed"].size(), std::size_t{2});
      const double mean = (d["per_seed"][0].get<double>() + d["per_seed"][1].get<double>()) / 2;
      QVERIFY2(std::abs(d["mean"].get<double>() - mean) < 1e-9, key);
      QVERIFY2(std::abs(d["mean"].get<double>() -
                        cat["vs_control"][key]["difference"].get<double>()) < 1e-9,
               key);
      QVERIFY(d["t_interval"][0].get<double>() <= mean && mean <= d["t_interval"][1].get<double>());
      QVERIFY(d["p_sign_flip"].get<double>() >= 0.5);
      QCOMPARE(d["p_smallest_possible"].get<double>(), 0.5);
    }
    QVERIFY(j["groups"][1]["vs_control"].is_null());  // the control itself
    // `catdpo compare` marks the best by the results table's rule (the Compare view's), and
    // `catdpo methods` gives the catalogue's descriptions (the app's tooltips).
    {
      std::vector<std::string> ids;
      for (const json& g : j["groups"])
        for (const json& id : g["runs"]) ids.push_back(id.get<std::string>());
      QStringList compareArgs{"--db", db, "compare"};
      for (const std::string& id : ids) compareArgs << QString::fromStdString(id);
      const CliResult compared = runCli(compareArgs + QStringList{"--json"});
      CATDPO_VERIFY_CLI_OK(compared);
      const json rows = json::parse(compared.outText());
      RunStore store(db.toStdString(), /*readOnly=*/true);
      const auto stored = store.compare(ids);
      std::vector<const EvalResult*> evaluations;
      for (const RunComparison& c : stored)
        evaluations.push_back(c.latest ? &c.latest->result : nullptr);
      const auto marks = comparisonBest(evaluations);
      QCOMPARE(rows.size(), ids.size());
      int marked = 0;
      for (std::size_t i = 0; i < ids.size(); ++i) {
        json expected = json::array();
        for (const ResultColumn& c : resultColumns())
          if (marks[static_cast<std::size_t>(c.id)][i]) expected.push_back(c.key);
        QCOMPARE(rows[i]["best"], expected);
        marked += int(expected.size());
      }
      QVERIFY(marked > 0);
      const CliResult methods = runCli({"methods", "--json"});
      CATDPO_VERIFY_CLI_OK(methods);
      const json listed = json::parse(methods.outText())["methods"];
      QCOMPARE(listed.size(), methodCatalogue().size());
      for (std::size_t i = 0; i < listed.size(); ++i) {
        QCOMPARE(listed[i]["id"].get<std::string>(), std::string(methodCatalogue()[i].id));
        QCOMPARE(listed[i]["description"].get<std::string>(),
                 std::string(methodCatalogue()[i].description));
      }
    }
    // The Markdown report of the same sweep, without training again.
    const CliResult report =
        runCli({"--db", db, "sweep", "--report", QString::fromStdString(j["sweep_id"])});
    CATDPO_VERIFY_CLI_OK(report);
    for (const char* s :
         {"Difference from catdpo_nomargin", "| catdpo | 2 |", "Δ Safe Worst-3", "p (sign-flip)",
          "| catdpo | Δ Safe Worst-3 | 2 |", "bootstrap over seeds and prompts",
          "training diagnostic", "Borderline over-refusal", "Trade-off frontier"})
      QVERIFY2(report.out.contains(s), s);
    // The frontier: in the JSON for every axis (each point with both measures), and as figures.
    for (const char* axis : {"helpfulness_accuracy", "over_refusal", "borderline_refusal"}) {
      const json& f = j["frontier"][axis];
      QCOMPARE(f["axis"].get<std::string>(), std::string(axis));
      QCOMPARE(f["points"].size(), std::size_t(2));
      QVERIFY(!f["front"].empty());
      QVERIFY(f["points"][0]["worst3"]["interval"].is_array());
    }
    const CliResult figures =
        runCli({"--db", db, "sweep", "--report", QString::fromStdString(j["sweep_id"]), "--figures",
                m_dir.filePath("figures")});
    CATDPO_VERIFY_CLI_OK(figures);
    for (const char* name : {"frontier-helpfulness.svg", "frontier-benign-over-refusal.svg",
                             "frontier-borderline-over-refusal.svg"}) {
      QFile svg(m_dir.filePath("figures/") + name);
      QVERIFY2(svg.open(QIODevice::ReadOnly), name);
      const QByteArray text = svg.readAll();
      QVERIFY(text.startsWith("<svg") && text.contains("catdpo_nomargin"));
    }
  }
};

QTEST_GUILESS_MAIN(TestComparisonCli)
#include "test_comparison_cli.moc"
