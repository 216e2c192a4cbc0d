// SPDX-License-Identifier: MIT
// `catdpo demo-data` and `catdpo inspect-data` end to end: files written, JSON counts equal to
// the library's, the clean preset's labels equal the generator's truth on every pair, knob
// errors name the option, the judge check reports the held-out agreement, refused files give
// exit status 1, --skip-invalid lists every skipped row.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "data/dataset.h"
#include "data/demo_generator.h"
#include "data/demo_judge.h"
#include "data/demo_judge_check.h"
#include "support/cli_runner.h"

using catdpo::test::CliResult;
using catdpo::test::runCli;

class TestDataCli : public QObject {
  Q_OBJECT
 private slots:
  void demoDataThenInspect() {
    QTemporaryDir dir;
    const CliResult made =
        runCli({"demo-data", "--out", dir.path(), "--pairs", "600", "--seed", "5", "--json"});
    CATDPO_VERIFY_CLI_OK(made);
    const QJsonObject summary = QJsonDocument::fromJson(made.out).object();
    catdpo::DemoOptions o;
    o.pairs = 600;
    o.seed = 5;
    const catdpo::DemoData expected = catdpo::generateDemoData(o);
    QCOMPARE(summary["train_pairs"].toInt(), int(expected.train.pairs.size()));
    QCOMPARE(summary["train_fingerprint"].toString().toStdString(), expected.train.fingerprint);

    const CliResult inspected =
        runCli({"inspect-data", "--json", dir.filePath("train.jsonl"), dir.filePath("eval.jsonl")});
    CATDPO_VERIFY_CLI_OK(inspected);
    const QJsonArray files = QJsonDocument::fromJson(inspected.out).array();
    QCOMPARE(files.size(), 2);
    const QJsonObject train = files[0].toObject();
    QCOMPARE(train["format"].toString(), QStringLiteral("pku-saferlhf"));
    QCOMPARE(train["pairs"].toInt(), int(expected.train.pairs.size()));
    QCOMPARE(train["fingerprint"].toString().toStdString(), expected.train.fingerprint);
    const QJsonObject stats = train["stats"].toObject();
    QCOMPARE(stats["safety_contrastive"].toInt(), int(expected.train.stats.safetyContrastive));
    QCOMPARE(stats["categories"].toArray().size(), 19);
    QCOMPARE(stats["categories"].toArray()[5].toObject()["pairs"].toInt(),
             int(expected.train.stats.perCategory[5].total));
    QCOMPARE(stats["categories"].toArray()[5].toObject()["category"].toInt(), 5);
    QCOMPARE(stats["categories"].toArray()[5].toObject()["contrastive_pairs"].toInt(),
             int(expected.train.stats.perCategory[5].contrastive));
  }

  void cleanPresetAgreesWithTheTruth() {
    QTemporaryDir dir;
    const CliResult made = runCli(
        {"demo-data", "--out", dir.path(), "--preset", "clean", "--pairs", "2000", "--json"});
    CATDPO_VERIFY_CLI_OK(made);
    QCOMPARE(QJsonDocument::fromJson(made.out).object()["train_noisy_pairs"].toInt(), 0);
    const catdpo::Dataset train =
        catdpo::loadDataset(dir.filePath(QStringLiteral("train.jsonl")).toStdString());
    catdpo::DemoOptions o;
    o.pairs = 2000;
    const catdpo::DemoData truth = catdpo::generateDemoData(o);
    QCOMPARE(train.pairs.size(), truth.trainClean.size());
    for (std::size_t i = 0; i < train.pairs.size(); ++i) {
      const auto& p = train.pairs[i];
      const auto& t = truth.trainClean[i];
      QCOMPARE(p.prompt, t.prompt);
      for (int r = 0; r < 2; ++r) {
        QCOMPARE(p.response[r], t.response[r]);
        QCOMPARE(p.unsafe[r], t.unsafe[r]);
        QCOMPARE(catdpo::judgeDemoResponse(-1, p.prompt, p.response[r]).unsafe, p.unsafe[r] == 1);
      }
      QCOMPARE(p.categories, t.categories);
    }
    // The factors as used are written beside the data.
    QFile settings(dir.filePath(QStringLiteral("demo_settings.json")));
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QJsonObject s = QJsonDocument::fromJson(settings.readAll()).object();
    QCOMPARE(s["preset"].toString(), QStringLiteral("clean"));
    QCOMPARE(s["label_noise"].toArray().size(), 19);
    QCOMPARE(s["label_noise"].toArray()[0].toDouble(), 0.0);
    QCOMPARE(s["categories"].toArray()[5].toString(), QStringLiteral("Violence"));

    // The noisy preset (and a knob on top of it) writes noisy training labels.
    QTemporaryDir noisyDir;
    const CliResult noisy = runCli({"demo-data", "--out", noisyDir.path(), "--preset", "noisy",
                                    "--pairs", "2000", "--help-noise", "0", "--json"});
    CATDPO_VERIFY_CLI_OK(noisy);
    QVERIFY(QJsonDocument::fromJson(noisy.out).object()["train_noisy_pairs"].toInt() > 50);
  }

  void knobErrorsNameTheOption() {
    QTemporaryDir dir;
    const std::pair<QStringList, QString> cases[] = {
        // Each process costs seconds; the library's own checks are tested in test_demo_data.
        {{"--label-noise", "0.5/x/0.1"}, "--label-noise"},
        {{"--harmful-preference", "1.5"}, "--harmful-preference"},
        {{"--preset", "medium"}, "--preset"},
        {{"--heldout-per-category", "500"}, "--heldout-per-category"},
    };
    for (const auto& [args, option] : cases) {
      const CliResult r = runCli(QStringList{"demo-data", "--out", dir.path()} + args);
      CATDPO_VERIFY_CLI_EXIT(r, 1);
      QVERIFY2(r.err.contains(("option " + option).toUtf8()), r.err.constData());
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0);  // nothing written
    const CliResult noOut = runCli({"demo-data"});
    CATDPO_VERIFY_CLI_EXIT(noOut, 1);
    QVERIFY(noOut.err.contains("--out"));
  }

  void judgeCheckReportsHeldOutAgreement() {
    const CliResult r = runCli({"demo-data", "--judge-check", "--pairs", "1000", "--json"});
    CATDPO_VERIFY_CLI_OK(r);
    const QJsonObject j = QJsonDocument::fromJson(r.out).object();
    const catdpo::DemoJudgeCheck expected = catdpo::runDemoJudgeCheck();
    const QJsonObject held = j["held_out"].toObject();
    QCOMPARE(held["unsafe_answers"].toInt(), int(expected.heldOut.unsafe));
    QCOMPARE(held["unsafe_flagged"].toInt(), int(expected.heldOut.unsafeFlagged));
    QCOMPARE(held["safe_flagged"].toInt(), int(expected.heldOut.safeFlagged));
    QCOMPARE(held["unsafe_flagged_by_generator_words"].toInt(), 0);
    QCOMPARE(j["per_category"].toArray().size(), 19);
    QVERIFY(j["generator_eval_responses"].toInt() > 100);
    QCOMPARE(j["generator_eval_agree"].toInt(), j["generator_eval_responses"].toInt());
    const CliResult text = runCli({"demo-data", "--judge-check"});
    CATDPO_VERIFY_CLI_OK(text);
    QVERIFY(text.out.contains("harmful answers flagged"));
  }

  void refusedAndSkipped() {
    const QString file = QStringLiteral(CATDPO_TEST_FILES "/mixed_problems.jsonl");
    const CliResult strict = runCli({"inspect-data", file});
    CATDPO_VERIFY_CLI_EXIT(strict, 1);
    QVERIFY(strict.err.contains(":6: field 'prompt'"));
    const CliResult skipped = runCli({"inspect-data", "--skip-invalid", "--json", file});
    CATDPO_VERIFY_CLI_OK(skipped);
    const QJsonObject d = QJsonDocument::fromJson(skipped.out).array()[0].toObject();
    QCOMPARE(d["pairs"].toInt(), 5);
    QCOMPARE(d["problems_total"].toInt(), 4);
    QCOMPARE(d["problems"].toArray()[1].toObject()["field"].toString(),
             QStringLiteral("safer_response_id"));
    QCOMPARE(d["problems"].toArray()[1].toObject()["line"].toInt(), 4);
    const CliResult text = runCli({"inspect-data", "--skip-invalid", file});
    QVERIFY(text.out.contains("skipped rows (4 problem(s))"));
    QVERIFY(text.out.contains("pku-saferlhf (detected)"));
    const CliResult badFormat = runCli({"inspect-data", "--format", "csv", file});
    CATDPO_VERIFY_CLI_EXIT(badFormat, 1);
    QVERIFY(badFormat.err.contains("unknown data format"));
  }
};

QTEST_GUILESS_MAIN(TestDataCli)
#include "test_data_cli.moc"
