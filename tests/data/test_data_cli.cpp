// SPDX-License-Identifier: MIT
// `catdpo demo-data` and `catdpo inspect-data` end to end: files written, JSON counts equal to
// the library's, refused files give exit status 1, --skip-invalid lists every skipped row.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "data/demo_generator.h"
#include "support/fixtures.h"

namespace {

struct Result {
  int status = -1;
  QByteArray out, err;
};

Result runCli(const QStringList& args) {
  QProcess p;
  p.start(catdpo::test::executable(QStringLiteral("catdpo")), args);
  p.waitForFinished(120000);
  return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

}  // namespace

class TestDataCli : public QObject {
  Q_OBJECT
 private slots:
  void demoDataThenInspect() {
    QTemporaryDir dir;
    const Result made =
        runCli({"demo-data", "--out", dir.path(), "--pairs", "600", "--seed", "5", "--json"});
    QCOMPARE(made.status, 0);
    const QJsonObject summary = QJsonDocument::fromJson(made.out).object();
    catdpo::DemoOptions o;
    o.pairs = 600;
    o.seed = 5;
    const catdpo::DemoData expected = catdpo::generateDemoData(o);
    QCOMPARE(summary["train_pairs"].toInt(), int(expected.train.pairs.size()));
    QCOMPARE(summary["train_fingerprint"].toString().toStdString(), expected.train.fingerprint);

    const Result inspected =
        runCli({"inspect-data", "--json", dir.filePath("train.jsonl"), dir.filePath("eval.jsonl")});
    QCOMPARE(inspected.status, 0);
    const QJsonArray files = QJsonDocument::fromJson(inspected.out).array();
    QCOMPARE(files.size(), 2);
    const QJsonObject train = files[0].toObject();
    QCOMPARE(train["format"].toString(), QStringLiteral("pku-saferlhf"));
    QCOMPARE(train["pairs"].toInt(), int(expected.train.pairs.size()));
    QCOMPARE(train["fingerprint"].toString().toStdString(), expected.train.fingerprint);
    const QJsonObject stats = train["stats"].toObject();
    QCOMPARE(stats["safety_contrastive"].toInt(), int(expected.train.stats.safetyContrastive));
    QCOMPARE(stats["categories"].toArray().size(), 19);
    QCOMPARE(stats["categories"].toArray()[5].toObject()["total"].toInt(),
             int(expected.train.stats.perCategory[5].total));
  }

  void refusedAndSkipped() {
    const QString file = QStringLiteral(CATDPO_TEST_FILES "/mixed_problems.jsonl");
    const Result strict = runCli({"inspect-data", file});
    QCOMPARE(strict.status, 1);
    QVERIFY(strict.err.contains(":6: field 'prompt'"));
    const Result skipped = runCli({"inspect-data", "--skip-invalid", "--json", file});
    QCOMPARE(skipped.status, 0);
    const QJsonObject d = QJsonDocument::fromJson(skipped.out).array()[0].toObject();
    QCOMPARE(d["pairs"].toInt(), 5);
    QCOMPARE(d["problems_total"].toInt(), 4);
    QCOMPARE(d["problems"].toArray()[1].toObject()["field"].toString(),
             QStringLiteral("safer_response_id"));
    QCOMPARE(d["problems"].toArray()[1].toObject()["line"].toInt(), 4);
    const Result text = runCli({"inspect-data", "--skip-invalid", file});
    QVERIFY(text.out.contains("skipped rows (4 problem(s))"));
    QVERIFY(text.out.contains("pku-saferlhf (detected)"));
    const Result badFormat = runCli({"inspect-data", "--format", "csv", file});
    QCOMPARE(badFormat.status, 1);
    QVERIFY(badFormat.err.contains("unknown data format"));
  }
};

QTEST_GUILESS_MAIN(TestDataCli)
#include "test_data_cli.moc"
