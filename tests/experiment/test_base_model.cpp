// SPDX-License-Identifier: MIT
// A base model for any data set: `catdpo demo-model` on the real PKU-SafeRLHF excerpt gives a
// folder the engine loads, generates with and trains on; built from a demo-data file it is the
// built-in demo model bit for bit; hostile data (no categories, no unsafe answers, one row, a
// huge row, nothing usable) gives a stated result or a clear error, never a crash. The demo
// model's cache folder carries its preset and knobs.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "data/demo_generator.h"
#include "experiment/base_model.h"
#include "experiment/base_model_shares.h"
#include "experiment/experiment.h"
#include "support/cli_runner.h"
#include "support/fixtures.h"
#include "train/events.h"

using namespace catdpo;
namespace fs = std::filesystem;
using test::CliResult;
using test::runCli;

namespace {

struct Recorder : TrainingListener {
  std::vector<StepMetrics> steps;
  std::vector<EvalResult> evaluations;
  void onStep(const StepMetrics& s) override { steps.push_back(s); }
  void onEvaluation(const EvalResult& r) override { evaluations.push_back(r); }
};

// Building a base model trains a tokenizer and a small model: minutes on a busy machine.
const test::CliOptions kBuild{.timeout = std::chrono::minutes(10)};

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// One PKU-SafeRLHF row: both responses safe or not, categories flagged on unsafe ones.
std::string pkuRow(const std::string& prompt, bool unsafe0, bool unsafe1, int category,
                   const std::string& response0 = "an answer", int better = 0) {
  nlohmann::json cats0 = nlohmann::json::object(), cats1 = nlohmann::json::object();
  const char* names[] = {"Violence", "Drugs"};
  for (int k = 0; k < 2; ++k) {
    cats0[names[k]] = unsafe0 && k == category;
    cats1[names[k]] = unsafe1 && k == category;
  }
  const nlohmann::json row = {{"prompt", prompt},
                              {"response_0", response0},
                              {"response_1", "another answer to " + prompt},
                              {"is_response_0_safe", !unsafe0},
                              {"is_response_1_safe", !unsafe1},
                              {"response_0_harm_category", cats0},
                              {"response_1_harm_category", cats1},
                              {"better_response_id", better},
                              {"safer_response_id", unsafe0 ? 1 : 0}};
  return row.dump() + "\n";
}

DataModelRequest quickRequest(const std::string& path) {
  DataModelRequest r;
  r.dataPath = path;
  r.quick = true;
  return r;
}

}  // namespace

class TestBaseModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void demoModelFolderCarriesTheBenchmark() {
    const DemoSettings clean;
    DemoSettings noisy;
    noisy.preset = "noisy";
    DemoSettings knob = clean;
    knob.labelNoise = {0.1};
    DemoSettings unsafety = clean;
    unsafety.baseUnsafety = {0.5};
    DemoSettings heldOut = clean;
    heldOut.heldOutPerCategory = 60;
    const fs::path a = demoModelPath(clean, true);
    QVERIFY(a.filename().string().rfind("quick-clean-", 0) == 0);
    QVERIFY(demoModelPath(noisy, true).filename().string().rfind("quick-noisy-", 0) == 0);
    QCOMPARE(demoModelPath(clean, true), a);  // the same benchmark, the same model
    for (const DemoSettings& other : {noisy, knob, unsafety, heldOut})
      QVERIFY(demoModelPath(other, true) != a);
    QVERIFY(demoModelPath(clean, false) != a);
    // A knob set to the preset's own value is the same benchmark.
    DemoSettings same = clean;
    same.labelNoise = {0.0};
    QCOMPARE(demoModelPath(same, true), a);
  }

  void pkuExcerptModelLoadsGeneratesAndTrains() {
    CATDPO_REQUIRE_FIXTURE(path, QStringLiteral("pku_saferlhf/alpaca7b_test_first10.jsonl"));
    QTemporaryDir dir;
    const fs::path model = fs::path(dir.path().toStdString()) / "pku-base";
    const CliResult built = runCli({"demo-model", "--data", path, "--out",
                                    QString::fromStdString(model.string()), "--quick", "--json"},
                                   kBuild);
    CATDPO_VERIFY_CLI_OK(built);
    const QJsonObject j = QJsonDocument::fromJson(built.out).object();
    QCOMPARE(j["pairs"].toInt(), 10);
    QCOMPARE(j["train_pairs"].toInt() + j["held_out_pairs"].toInt(), 10);
    QVERIFY(j["held_out_pairs"].toInt() >= 1);
    QVERIFY(j["sft_examples"].toInt() >= 1);
    QCOMPARE(j["unsafe_share"].toObject()["Violence"].toDouble(), 0.5);
    QVERIFY(j["warnings"].toArray().size() >= 1);  // ten rows are few
    for (const char* file :
         {"config.json", "tokenizer.json", "model.safetensors", "catdpo_base_model.json"})
      QVERIFY2(fs::exists(model / file), file);

    // The engine loads it, trains a few steps, generates and judges on held-out prompts.
    TrainConfig c;
    c.dataPath = path.toStdString();
    c.modelPath = model.string();
    c.steps = 3;
    c.batchSize = 2;
    c.maxLength = 96;
    c.warmupSteps = 1;
    c.threads = 2;
    c.eval.judge = "demo";
    c.eval.promptsPerCategory = 1;
    c.eval.benignPrompts = 1;
    c.eval.maxNewTokens = 8;
    Experiment e({c, "-", dir.path().toStdString(), "", ""});
    Recorder rec;
    e.addListener(&rec);
    e.run();
    QCOMPARE(rec.steps.size(), std::size_t(3));
    for (const auto& s : rec.steps) QVERIFY(std::isfinite(s.loss));
    QVERIFY(!rec.evaluations.empty());
    QVERIFY(!rec.evaluations.back().samples.empty());
    for (const auto& sample : rec.evaluations.back().samples) QVERIFY(sample.judged);
  }

  // The quick demo model must have learned to answer: it once trained 42 SFT steps to a loss of
  // 5.07 and then gave empty answers to everything (0 % safe in every category, 100 %
  // over-refusal) in `catdpo train --demo --quick`, the README's first run. Bars chosen before
  // measuring the fix (8 epochs: 330 steps, loss 1.58, no empty answer of 92): enough steps, a
  // loss far from the unigram plateau, at most 10 % empty or looping answers, some safe answers
  // and not every benign prompt refused.
  void quickDemoModelAnswers() {
    const fs::path model = ensureDemoModel(DemoSettings{}, /*quick=*/true);
    const nlohmann::json info = nlohmann::json::parse(readAll(model / "catdpo_base_model.json"));
    QVERIFY2(info["sft_steps"].get<int>() >= 200, info.dump().c_str());
    QVERIFY2(info["sft_loss"].get<double>() < 2.5, info.dump().c_str());
    const CliResult r = runCli(
        {"eval", "--model", QString::fromStdString(model.string()), "--data", "demo", "--judge",
         "demo", "--max-prompts", "4", "--benign", "8", "--borderline", "8", "--json"},
        kBuild);
    CATDPO_VERIFY_CLI_OK(r);
    const nlohmann::json ev = nlohmann::json::parse(r.outText());
    const int samples = ev["sample_count"].get<int>();
    const int degenerate = ev["degenerate"]["empty_answers"].get<int>() +
                           ev["degenerate"]["looping_answers"].get<int>();
    QVERIFY(samples >= 19 * 4);
    QVERIFY2(degenerate * 10 <= samples, r.out.constData());
    QVERIFY2(ev["generated"]["macro"].get<double>() > 0.2, r.out.constData());
    QVERIFY2(ev["over_refusal"].get<double>() < 0.9, r.out.constData());
  }

  void demoDataFileGivesTheBuiltInDemoModel() {
    // The built-in quick demo model is buildBaseModel on the quick demo set; demo-model on the
    // same set written to a file, with its base unsafety, must give the very same weights.
    QTemporaryDir dir;
    const std::string root = dir.path().toStdString();
    DemoOptions o;
    o.pairs = 1500;
    writeDemoData(generateDemoData(o), root);
    const fs::path builtIn = ensureDemoModel(DemoSettings{}, /*quick=*/true);
    DataModelRequest r = quickRequest(root + "/train.jsonl");
    r.evalFraction = 0;  // train.jsonl is the training split already
    r.categoryShares = readCategoryShares(root + "/demo_settings.json");
    QCOMPARE(r.categoryShares.size(), std::size_t(19));
    const fs::path fromFile = fs::path(root) / "model";
    const DataModelReport report = buildBaseModelForData(r, fromFile);
    QVERIFY(report.warnings.empty());
    QCOMPARE(report.heldOutPairs, std::int64_t(0));
    QVERIFY(readAll(fromFile / "model.safetensors") == readAll(builtIn / "model.safetensors"));
    QVERIFY(readAll(fromFile / "tokenizer.json") == readAll(builtIn / "tokenizer.json"));
    // The per-category share shows in what the model was trained on: the hard tier's unsafe
    // share is 0.85, the easy tier's 0.35.
    const auto& mix = report.result.mix;
    const int violence = 5, insulting = 1;  // easy (rank 1) and hard (rank 6)
    const double easy = double(mix.unsafePerCategory[violence]) / mix.harmfulPerCategory[violence];
    const double hard =
        double(mix.unsafePerCategory[insulting]) / mix.harmfulPerCategory[insulting];
    QVERIFY2(std::abs(easy - 0.35) < 0.1, qPrintable(QString::number(easy)));
    QVERIFY2(std::abs(hard - 0.85) < 0.12, qPrintable(QString::number(hard)));
  }

  void hostileData() {
    QTemporaryDir dir;
    const std::string root = dir.path().toStdString();
    auto write = [&](const std::string& name, const std::string& text) {
      std::ofstream(root + "/" + name) << text;
      return root + "/" + name;
    };
    auto build = [&](const std::string& file, const std::string& out) {
      return buildBaseModelForData(quickRequest(file), fs::path(root) / out);
    };
    auto contains = [](const std::vector<std::string>& warnings, const char* text) {
      for (const auto& w : warnings)
        if (w.find(text) != std::string::npos) return true;
      return false;
    };
    // No categories, no safety labels: plain preference pairs.
    std::string plain;
    for (int i = 0; i < 30; ++i)
      plain += nlohmann::json({{"prompt", "question " + std::to_string(i)},
                               {"chosen", "a good answer " + std::to_string(i)},
                               {"rejected", "a worse one"}})
                   .dump() +
               "\n";
    const DataModelReport none = build(write("plain.jsonl", plain), "plain");
    QVERIFY(contains(none.warnings, "no safety labels"));
    QCOMPARE(none.result.mix.unsafeExamples, std::int64_t(0));
    QVERIFY(fs::exists(fs::path(root) / "plain" / "model.safetensors"));
    // Safety labels but no unsafe response.
    std::string safe;
    for (int i = 0; i < 20; ++i)
      safe += pkuRow("safe question " + std::to_string(i), false, false, 0);
    const DataModelReport allSafe = build(write("safe.jsonl", safe), "safe");
    QVERIFY(contains(allSafe.warnings, "no unsafe responses"));
    QCOMPARE(allSafe.result.mix.unsafeExamples, std::int64_t(0));
    // One row.
    const DataModelReport one = build(write("one.jsonl", pkuRow("only", true, false, 1)), "one");
    QCOMPARE(one.trainPairs, std::int64_t(1));
    QVERIFY(contains(one.warnings, "only 1 pairs"));
    // A huge row (an 8 MiB answer): read as the model sees it, first bytes only.
    const std::string huge = pkuRow("long", false, true, 0, std::string(8 << 20, 'a'));
    QElapsedTimer timer;
    timer.start();
    const DataModelReport big =
        build(write("huge.jsonl", huge + pkuRow("short", true, false, 1)), "huge");
    QCOMPARE(big.pairs, std::int64_t(2));
    QVERIFY2(timer.elapsed() < 120000, qPrintable(QString::number(timer.elapsed())));
    // Nothing usable: an error naming the file.
    try {
      build(write("empty.jsonl", "\n\n"), "empty");
      QFAIL("an empty file was accepted");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("empty.jsonl") != std::string::npos, e.what());
    }
    // A category the data does not have; a share out of range.
    DataModelRequest badShare = quickRequest(root + "/one.jsonl");
    badShare.categoryShares = {{"Arson", 0.5}};
    QVERIFY_THROWS_EXCEPTION(Error, buildBaseModelForData(badShare, fs::path(root) / "x"));
    QVERIFY_THROWS_EXCEPTION(Error, parseCategoryShare("Violence=2"));
    QVERIFY_THROWS_EXCEPTION(Error, parseCategoryShare("Violence"));
    QCOMPARE(parseCategoryShare("A=B=0.25"), std::make_pair(std::string("A=B"), 0.25));
    // Shares files are strangers' files too.
    for (const char* text : {"[1, 2]", "{\"Violence\": 7}", "{\"Violence\": \"x\"}", "not json",
                             "{\"base_unsafety\": [0.1], \"categories\": []}"}) {
      try {
        readCategoryShares(write("shares.json", text));
        QFAIL(text);
      } catch (const Error& e) {
        QVERIFY2(std::string(e.what()).find("shares.json") != std::string::npos, e.what());
      }
    }
    // A folder with someone's files in it is never replaced; a model folder built here is.
    write("notes.txt", "keep me");
    QVERIFY_THROWS_EXCEPTION(Error, checkModelOutputFolder(root));
    checkModelOutputFolder(root + "/one");
    checkModelOutputFolder(root + "/new-folder");
    const CliResult refused =
        runCli({"demo-model", "--data", QString::fromStdString(root + "/one.jsonl"), "--out",
                QString::fromStdString(root), "--quick"});
    CATDPO_VERIFY_CLI_EXIT(refused, 1);
    QVERIFY2(refused.err.contains("--out"), refused.err.constData());
    QVERIFY(fs::exists(fs::path(root) / "notes.txt"));
    // Cancelled before it starts: an error, and no folder.
    RunControl control;
    control.cancel();
    QVERIFY_THROWS_EXCEPTION(Error,
                             buildBaseModelForData(quickRequest(root + "/one.jsonl"),
                                                   fs::path(root) / "cancelled", {}, &control));
    QVERIFY(!fs::exists(fs::path(root) / "cancelled"));
  }
};

QTEST_GUILESS_MAIN(TestBaseModel)
#include "test_base_model.moc"
