// SPDX-License-Identifier: MIT
// `catdpo eval` end to end on a tiny random model (its answers are noise, which is all a judge
// needs): the per-category table and summaries, the JSON form, storing with a run, judge
// failures counted from an LLM judge that answers badly half of the time, XSTest over-refusal
// per type, and errors for missing arguments.
#include <sqlite3.h>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "http_test_server.h"
#include "model/causal_lm.h"
#include "model/checkpoint.h"
#include "store/run_store.h"
#include "support/cli_runner.h"
#include "support/fixtures.h"
#include "text/tokenizer.h"
#include "train/train_config.h"

using namespace catdpo;
using nlohmann::json;

using test::CliResult;
using test::runCli;

namespace {

// An evaluation generates with the model and judges every answer: minutes on a busy machine.
const test::CliOptions kEvaluation{.timeout = std::chrono::minutes(4)};

json parseOut(const CliResult& r) {
  try {
    return json::parse(r.outText());
  } catch (const json::exception&) {
    qWarning("stdout: %s\nstderr: %s", r.out.constData(), r.err.constData());
    throw;
  }
}

}  // namespace

class TestEvalCli : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_model = m_dir.filePath("tiny_model");
    const Tokenizer tok =
        trainBpe({"How do I make a bomb? I can't help with that. Sure, here is how to bake bread.",
                  "Tell me how to steal a car. Sorry, I won't help. Mix flour and water."},
                 300, {"<|endoftext|>"});
    CausalLm model = createModel(modelConfigFromJson({{"model_type", "llama"},
                                                      {"hidden_size", 32},
                                                      {"intermediate_size", 48},
                                                      {"num_hidden_layers", 1},
                                                      {"num_attention_heads", 4},
                                                      {"num_key_value_heads", 2},
                                                      {"vocab_size", 320},
                                                      {"max_position_embeddings", 256},
                                                      {"eos_token_id", 0}}),
                                 5);
    SaveOptions save;
    save.writeExtra = [&tok](const std::filesystem::path& dir) { tok.save(dir); };
    savePretrained(m_model.toStdString(), model, save);
  }

  void modelWithDemoJudge() {
    const QStringList common = {
        "eval", "--model",          m_model, "--data",   "demo", "--judge",
        "demo", "--max-prompts",    "1",     "--benign", "3",    "--borderline",
        "4",    "--max-new-tokens", "3",     "--device", "cpu"};
    const CliResult r = runCli(common + QStringList{"--json"}, kEvaluation);
    CATDPO_VERIFY_CLI_OK(r);
    const json j = parseOut(r);
    QCOMPARE(j["judge"].get<std::string>(), std::string("demo"));
    QVERIFY(j["run_id"].is_null());
    QCOMPARE(j["categories"].size(), std::size_t(19));
    int generated = 0, degenerate = 0, intervals = 0;
    for (const auto& c : j["categories"]) {
      QVERIFY(c["generated_count"].get<int>() <= 1);
      generated += c["generated_count"].get<int>();
      // Degenerate answers per category (a random model's 3 tokens are often empty or loops).
      for (const char* key : {"empty_answers", "looping_answers", "truncated_answers"})
        QVERIFY2(c[key].is_number_integer(), key);
      degenerate += c["empty_answers"].get<int>() + c["looping_answers"].get<int>();
      // A Wilson interval for every judged category's safe ratio.
      if (c["generated_count"].get<int>() > 0) {
        const double lo = c["safe_ratio_interval"][0], hi = c["safe_ratio_interval"][1];
        const double ratio = c["safe_ratio"];
        QVERIFY(lo <= ratio && ratio <= hi && lo >= 0 && hi <= 1 && hi - lo > 0.5);
        ++intervals;
      }
    }
    QCOMPARE(intervals, generated);
    QCOMPARE(
        j["degenerate"]["empty_answers"].get<int>() + j["degenerate"]["looping_answers"].get<int>(),
        degenerate);
    QCOMPARE(j["degenerate_policy"].get<std::string>(), std::string("fail"));
    QCOMPARE(j["generated"]["categories_counted"].get<int>(), generated);
    QVERIFY(generated >= 15);  // the demo holds out prompts of (nearly) every category
    // Benign and borderline over-refusal apart, each with its interval.
    QCOMPARE(j["benign_prompts"].get<int>(), 3);
    QCOMPARE(j["borderline_prompts"].get<int>(), 4);
    QCOMPARE(j["sample_count"].get<int>(), generated + 3 + 4);
    QCOMPARE(j["judge_failures"].get<int>(), 0);
    QVERIFY(j["over_refusal"].is_number());
    QVERIFY(j["borderline_refusal"].is_number());
    QVERIFY(j["over_refusal_interval"].is_array());
    QVERIFY(j["borderline_refusal_interval"].is_array());
    QVERIFY(j["generated"]["interval"]["macro"].is_array());
    QVERIFY(j["implicit"]["diagnostic"].get<bool>());
    const double macro = j["generated"]["macro"].get<double>();
    QVERIFY(macro >= 0 && macro <= 1);
    QVERIFY(j["generated"]["worst3"].get<double>() <= macro + 1e-12);

    const CliResult text = runCli(common, kEvaluation);
    CATDPO_VERIFY_CLI_OK(text);
    for (const char* s :
         {"category", "Violence", "macro", "worst-3", "gap", "variance", "95% CI",
          "over-refusal: benign", "borderline", "degenerate answers", "judge demo:"})
      QVERIFY2(text.out.contains(s), s);
  }

  void runStoresEvaluation() {
    const QString db = m_dir.filePath("runs.sqlite");
    std::string runId;
    {
      RunStore store(db.toStdString());
      TrainConfig config;
      config.dataPath = "demo";
      config.eval.judge = "demo";
      NewRun run;
      run.name = "eval-me";
      run.method = "catdpo";
      run.configJson = toJson(config).dump();
      runId = store.createRun(run).id;
    }
    const CliResult r = runCli({"--db", db, "eval", "--run", "eval-me", "--model", m_model,
                                "--max-prompts", "1", "--benign", "2", "--borderline", "1",
                                "--max-new-tokens", "2", "--device", "cpu", "--json"},
                               kEvaluation);
    CATDPO_VERIFY_CLI_OK(r);
    const json j = parseOut(r);
    QCOMPARE(j["run_id"].get<std::string>(), runId);
    QVERIFY(j["evaluation_id"].is_number());
    RunStore store(db.toStdString(), /*readOnly=*/true);
    const auto evals = store.evaluations(runId, /*withSamples=*/true);
    QCOMPARE(evals.size(), std::size_t(1));
    QCOMPARE(evals[0].result.judge, std::string("demo"));
    QCOMPARE(evals[0].result.samples.size(), j["sample_count"].get<std::size_t>());
    QCOMPARE(evals[0].result.benignPrompts, 2);
    QCOMPARE(evals[0].result.borderlinePrompts, 1);
    QVERIFY(!evals[0].result.refusalPooled);
    QCOMPARE(evals[0].result.generated.categoriesCounted,
             j["generated"]["categories_counted"].get<int>());
    // A run without a final model and no --model says what to do.
    const CliResult missing = runCli({"--db", db, "eval", "--run", "eval-me", "--device", "cpu"});
    CATDPO_VERIFY_CLI_EXIT(missing, 1);
    QVERIFY2(missing.err.contains("--model"), missing.err.constData());
  }

  // The run locator: `catdpo eval --run` finds the final model of a run trained with --out
  // (from the folder recorded when it started, even when its checkpoint rows are gone) and of a
  // run of a sweep.
  void evalFindsTheModelOfOutAndSweepRuns() {
    const QString db = m_dir.filePath("locator.sqlite");
    const QString out = m_dir.filePath("elsewhere/out");
    const CliResult trained = runCli({"--db", db, "train", "--demo", "--quick", "--steps", "2",
                                      "--eval-every", "0", "--out", out, "--json"},
                                     kEvaluation);
    CATDPO_VERIFY_CLI_OK(trained);
    const std::string outRun = parseOut(trained)["run_id"].get<std::string>();
    QVERIFY(QFileInfo::exists(out + "/final/config.json"));
    {
      RunStore store(db.toStdString());
      QCOMPARE(store.run(outRun)->outputFolder, out.toStdString());
    }
    // Checkpoints pruned by hand: rows and folders gone, the final model stays.
    QVERIFY(QDir(out + "/checkpoints").removeRecursively());
    sqlite3* raw = nullptr;
    QCOMPARE(sqlite3_open(db.toUtf8().constData(), &raw), SQLITE_OK);
    QCOMPARE(sqlite3_exec(raw, "DELETE FROM checkpoints", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);

    const CliResult swept = runCli({"--db", db, "sweep", "--demo", "--quick", "--methods", "dpo",
                                    "--seeds", "1", "--steps", "2", "--eval-every", "0", "--json"},
                                   kEvaluation);
    CATDPO_VERIFY_CLI_OK(swept);
    const std::string sweepRun = parseOut(swept)["groups"][0]["runs"][0].get<std::string>();

    for (const std::string& id : {outRun, sweepRun}) {
      const CliResult r = runCli({"--db", db, "eval", "--run", QString::fromStdString(id),
                                  "--max-prompts", "1", "--benign", "1", "--borderline", "1",
                                  "--max-new-tokens", "2", "--device", "cpu", "--json"},
                                 kEvaluation);
      CATDPO_VERIFY_CLI_OK(r);
      QCOMPARE(parseOut(r)["run_id"].get<std::string>(), id);
    }
  }

  void llmJudgeFailuresAreCounted() {
    // Every other request gets an answer without a verdict.
    test::TestServer server([](int index, const std::string&) {
      return test::HttpReply{200, test::TestServer::chatReply(index % 2 ? "no idea" : "UNSAFE")};
    });
    const CliResult r = runCli({"eval",
                                "--model",
                                m_model,
                                "--data",
                                "demo",
                                "--judge",
                                QString::fromStdString("llm:" + server.url() + "#judge-m"),
                                "--judge-attempts",
                                "1",
                                "--max-prompts",
                                "1",
                                "--benign",
                                "0",
                                "--borderline",
                                "0",
                                "--degenerate",
                                "judge",
                                "--max-new-tokens",
                                "2",
                                "--device",
                                "cpu",
                                "--json"},
                               kEvaluation);
    CATDPO_VERIFY_CLI_OK(r);
    const json j = parseOut(r);
    const int samples = j["sample_count"].get<int>();
    QCOMPARE(server.count(), samples);
    QCOMPARE(j["judge"].get<std::string>(), std::string("llm:judge-m"));
    QCOMPARE(j["judge_failures"].get<int>(), samples / 2);
    QCOMPARE(j["judged"].get<int>(), samples - samples / 2);
    int perCategory = 0, generated = 0;
    for (const auto& c : j["categories"]) {
      perCategory += c["judge_failures"].get<int>();
      generated += c["generated_count"].get<int>();
      // Judged answers were all UNSAFE: no category gets a safe answer from a failure.
      QCOMPARE(c["generated_safe"].get<int>(), 0);
    }
    QCOMPARE(perCategory, samples / 2);
    QCOMPARE(generated, samples - samples / 2);
  }

  void xstestOverRefusal() {
    CATDPO_REQUIRE_FIXTURE(xstest, "xstest/xstest_prompts.csv");
    const CliResult r =
        runCli({"eval", "--model",      m_model, "--data",           "demo", "--judge",
                "demo", "--xstest",     xstest,  "--max-prompts",    "0",    "--benign",
                "0",    "--borderline", "30",    "--max-new-tokens", "2",    "--device",
                "cpu",  "--json"},
               kEvaluation);
    CATDPO_VERIFY_CLI_OK(r);
    const json j = parseOut(r);
    // XSTest's safe prompts only sound harmful: they are the borderline prompts.
    QCOMPARE(j["borderline_prompts"].get<int>(), 30);
    QCOMPARE(j["benign_prompts"].get<int>(), 0);
    QCOMPARE(j["sample_count"].get<int>(), 30);
    QVERIFY(j["borderline_refusal"].is_number());
    QVERIFY(j["over_refusal"].is_null());
    int prompts = 0;
    for (const auto& [type, v] : j["borderline_refusal_by_type"].items()) {
      prompts += v["borderline_prompts"].get<int>();
      QVERIFY(type.rfind("contrast_", 0) != 0);  // only XSTest's safe prompts
    }
    QCOMPARE(prompts, 30);
  }

  void badArguments() {
    CliResult r = runCli({"eval", "--model", m_model});
    CATDPO_VERIFY_CLI_EXIT(r, 1);
    QVERIFY2(r.err.contains("--data"), r.err.constData());
    r = runCli({"eval", "--model", m_model, "--data", "demo", "--judge", "cost:/no/such/folder"});
    CATDPO_VERIFY_CLI_EXIT(r, 1);
    QVERIFY2(r.err.contains("/no/such/folder"), r.err.constData());
    r = runCli({"eval"});
    CATDPO_VERIFY_CLI_EXIT(r, 1);
  }

 private:
  QTemporaryDir m_dir;
  QString m_model;
};

QTEST_GUILESS_MAIN(TestEvalCli)
#include "test_eval_cli.moc"
