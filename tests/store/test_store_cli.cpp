// SPDX-License-Identifier: MIT
// Smoke test of the run-store commands of the `catdpo` executable (runs, show, compare, export,
// import) on a database filled through RunStore with known values, plus the refusal of a file
// that is not a run database.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "store/run_store.h"
#include "store_test_util.h"
#include "support/fixtures.h"

using namespace catdpo;
using nlohmann::json;

namespace {

struct Result {
  int code = -1;
  std::string out, err;
};

Result runCli(const QStringList& args) {
  QProcess p;
  p.start(test::executable("catdpo"), args);
  Result r;
  if (!p.waitForFinished(60000)) return r;
  r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = p.readAllStandardOutput().toStdString();
  r.err = p.readAllStandardError().toStdString();
  return r;
}

// Safe ratios per category give a known Macro (hand-computed in the comment at the call).
EvalResult evaluation(std::int64_t step, std::vector<double> ratios) {
  EvalResult e;
  e.step = step;
  e.judge = "demo";
  double sum = 0;
  for (size_t k = 0; k < ratios.size(); ++k) {
    e.categories.push_back({static_cast<int>(k), "cat" + std::to_string(k), 10,
                            static_cast<int>(ratios[k] * 10), ratios[k], 0, 0, 0, 0});
    sum += ratios[k];
  }
  e.generated.macro = sum / static_cast<double>(ratios.size());
  e.generated.categoriesCounted = static_cast<int>(ratios.size());
  e.overRefusal = 0.125;
  e.benignPrompts = 8;
  e.benignRefusals = 1;
  return e;
}

}  // namespace

class TestStoreCli : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  QString m_db;
  std::string m_a, m_b;

 private slots:
  void initTestCase() {
    m_db = m_dir.filePath("ws.sqlite");
    RunStore store(m_db.toStdString());
    NewRun spec;
    spec.method = "catdpo";
    spec.name = "cat run";
    m_a = store.createRun(spec).id;
    spec.method = "safedpo";
    spec.name = "safe run";
    m_b = store.createRun(spec).id;
    for (int s = 1; s <= 8; ++s) store.recordStep(m_a, test::exampleStep(s, 3));
    store.recordEvaluation(m_a, evaluation(8, {0.9, 0.5, 0.8}));  // macro 2.2 / 3
    store.recordEvaluation(m_b, evaluation(4, {0.6, 0.6, 0.9}));  // macro 0.7
    store.setStatus(m_a, RunStatus::Finished);
  }

  void runsListsBothRuns() {
    const Result r = runCli({"--db", m_db, "runs", "--json"});
    QCOMPARE(r.code, 0);
    const json runs = json::parse(r.out);
    QCOMPARE(runs.size(), size_t{2});
    std::set<std::string> ids{runs[0]["id"].get<std::string>(), runs[1]["id"].get<std::string>()};
    QVERIFY(ids.count(m_a) && ids.count(m_b));
    const Result filtered = runCli({"--db", m_db, "runs", "--json", "--status", "finished"});
    QCOMPARE(json::parse(filtered.out).size(), size_t{1});
    const Result text = runCli({"--db", m_db, "runs"});
    QCOMPARE(text.code, 0);
    QVERIFY(text.out.find("safe run") != std::string::npos);
  }

  // --db, --quiet and --no-blas-check are the top level's, and may follow the subcommand too.
  void globalOptionsAfterTheSubcommand() {
    const Result before = runCli({"--db", m_db, "runs", "--json"});
    const Result after = runCli({"runs", "--json", "--db", m_db, "-q", "--no-blas-check"});
    QCOMPARE(after.code, 0);
    QCOMPARE(json::parse(after.out), json::parse(before.out));
    QCOMPARE(json::parse(after.out).size(), size_t{2});
    const Result unknown = runCli({"runs", "--db", m_db, "--no-such-option"});
    QCOMPARE(unknown.code, 109);  // CLI11's "extras": still refused
  }

  void showResolvesPrefixAndName() {
    const Result byPrefix =
        runCli({"--db", m_db, "show", QString::fromStdString(m_a.substr(0, 8)), "--json"});
    QCOMPARE(byPrefix.code, 0);
    const json run = json::parse(byPrefix.out);
    QCOMPARE(run["name"].get<std::string>(), std::string("cat run"));
    QCOMPARE(run["latest_step"]["loss"].get<double>(), 1.0 / 8);
    QCOMPARE(run["evaluations"].size(), size_t{1});
    const Result byName = runCli({"--db", m_db, "show", "safe run"});
    QCOMPARE(byName.code, 0);
    QVERIFY(byName.out.find(m_b) != std::string::npos);
    const Result missing = runCli({"--db", m_db, "show", "no-such-run"});
    QCOMPARE(missing.code, 1);
    QVERIFY(missing.err.find("no run matches") != std::string::npos);
  }

  void compareSideBySide() {
    const Result r = runCli({"--db", m_db, "compare", "cat run", "safe run", "--json"});
    QCOMPARE(r.code, 0);
    const json rows = json::parse(r.out);
    QCOMPARE(rows.size(), size_t{2});
    QVERIFY(std::abs(rows[0]["latest_evaluation"]["generated"]["macro"].get<double>() - 2.2 / 3) <
            1e-12);
    QVERIFY(std::abs(rows[1]["latest_evaluation"]["generated"]["macro"].get<double>() - 0.7) <
            1e-12);
    const Result text = runCli({"--db", m_db, "compare", "cat run", "safe run"});
    QCOMPARE(text.code, 0);
    // Macro in percent with one decimal: 73.3 and 70.0; over-refusal 12.5 for both.
    const auto macroLine = text.out.substr(text.out.find("Safe ratio Macro (%)"));
    const auto line = macroLine.substr(0, macroLine.find('\n'));
    QVERIFY2(line.find("73.3") != std::string::npos && line.find("70.0") != std::string::npos,
             line.c_str());
    QVERIFY(text.out.find("12.5") != std::string::npos);
  }

  void exportThenImportElsewhere() {
    const QString file = m_dir.filePath("cat.json");
    QCOMPARE(runCli({"--db", m_db, "export", "cat run", "--json", file}).code, 0);
    const QString other = m_dir.filePath("laptop.sqlite");
    const Result first = runCli({"--db", other, "import", file, "--json"});
    QCOMPARE(first.code, 0);
    QCOMPARE(json::parse(first.out)["imported"], json::array({m_a}));
    const Result second = runCli({"--db", other, "import", m_db, "--json"});
    QCOMPARE(second.code, 0);
    QCOMPARE(json::parse(second.out)["imported"], json::array({m_b}));
    QCOMPARE(json::parse(second.out)["skipped"], json::array({m_a}));
    RunStore laptop(other.toStdString(), /*readOnly=*/true);
    QCOMPARE(laptop.stepCount(m_a), std::int64_t{8});
    const QString csv = m_dir.filePath("csv");
    QCOMPARE(runCli({"--db", m_db, "export", "safe run", "--csv", csv}).code, 0);
    QVERIFY(QFile::exists(csv + "/category_eval_results.csv"));
    QCOMPARE(runCli({"--db", m_db, "export", "safe run"}).code, 1);  // neither --csv nor --json
  }

  void notADatabaseIsRefused() {
    const QString bad = m_dir.filePath("notes.db");
    {
      QFile f(bad);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("my notes\n");
    }
    const Result r = runCli({"--db", bad, "runs"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.find("not a SQLite file") != std::string::npos, r.err.c_str());
    QCOMPARE(test::fileBytes(bad.toStdString()), std::string("my notes\n"));
  }
};

QTEST_GUILESS_MAIN(TestStoreCli)
#include "test_store_cli.moc"
