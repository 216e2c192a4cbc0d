// SPDX-License-Identifier: MIT
// Smoke test of the run-store commands of the `catdpo` executable (runs, show, compare, export,
// import) on a database filled through RunStore with known values, plus the refusal of a file
// that is not a run database.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "store/run_store.h"
#include "store_test_util.h"
#include "support/cli_runner.h"

using namespace catdpo;
using nlohmann::json;

using test::CliResult;
using test::runCli;

namespace {

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
    const CliResult r = runCli({"--db", m_db, "runs", "--json"});
    CATDPO_VERIFY_CLI_OK(r);
    const json runs = json::parse(r.outText());
    QCOMPARE(runs.size(), size_t{2});
    std::set<std::string> ids{runs[0]["id"].get<std::string>(), runs[1]["id"].get<std::string>()};
    QVERIFY(ids.count(m_a) && ids.count(m_b));
    const CliResult filtered = runCli({"--db", m_db, "runs", "--json", "--status", "finished"});
    QCOMPARE(json::parse(filtered.outText()).size(), size_t{1});
    const CliResult text = runCli({"--db", m_db, "runs"});
    CATDPO_VERIFY_CLI_OK(text);
    QVERIFY(text.out.contains("safe run"));
  }

  // --db, --quiet and --no-blas-check are the top level's, and may follow the subcommand too.
  void globalOptionsAfterTheSubcommand() {
    const CliResult before = runCli({"--db", m_db, "runs", "--json"});
    const CliResult after = runCli({"runs", "--json", "--db", m_db, "-q", "--no-blas-check"});
    CATDPO_VERIFY_CLI_OK(after);
    QCOMPARE(json::parse(after.outText()), json::parse(before.outText()));
    QCOMPARE(json::parse(after.outText()).size(), size_t{2});
    const CliResult unknown = runCli({"runs", "--db", m_db, "--no-such-option"});
    CATDPO_VERIFY_CLI_EXIT(unknown, 109);  // CLI11's "extras": still refused
  }

  void showResolvesPrefixAndName() {
    const CliResult byPrefix =
        runCli({"--db", m_db, "show", QString::fromStdString(m_a.substr(0, 8)), "--json"});
    CATDPO_VERIFY_CLI_OK(byPrefix);
    const json run = json::parse(byPrefix.outText());
    QCOMPARE(run["name"].get<std::string>(), std::string("cat run"));
    QCOMPARE(run["latest_step"]["loss"].get<double>(), 1.0 / 8);
    QCOMPARE(run["evaluations"].size(), size_t{1});
    const CliResult byName = runCli({"--db", m_db, "show", "safe run"});
    CATDPO_VERIFY_CLI_OK(byName);
    QVERIFY(byName.out.contains(m_b));
    const CliResult missing = runCli({"--db", m_db, "show", "no-such-run"});
    CATDPO_VERIFY_CLI_EXIT(missing, 1);
    QVERIFY(missing.err.contains("no run matches"));
  }

  void compareSideBySide() {
    const CliResult r = runCli({"--db", m_db, "compare", "cat run", "safe run", "--json"});
    CATDPO_VERIFY_CLI_OK(r);
    const json rows = json::parse(r.outText());
    QCOMPARE(rows.size(), size_t{2});
    QVERIFY(std::abs(rows[0]["latest_evaluation"]["generated"]["macro"].get<double>() - 2.2 / 3) <
            1e-12);
    QVERIFY(std::abs(rows[1]["latest_evaluation"]["generated"]["macro"].get<double>() - 0.7) <
            1e-12);
    const CliResult text = runCli({"--db", m_db, "compare", "cat run", "safe run"});
    CATDPO_VERIFY_CLI_OK(text);
    // Macro in percent with one decimal: 73.3 and 70.0; over-refusal 12.5 for both.
    const std::string out = text.outText();
    const auto macroLine = out.substr(out.find("Safe ratio Macro (%)"));
    const auto line = macroLine.substr(0, macroLine.find('\n'));
    QVERIFY2(line.find("73.3") != std::string::npos && line.find("70.0") != std::string::npos,
             line.c_str());
    QVERIFY(text.out.contains("12.5"));
  }

  void exportThenImportElsewhere() {
    const QString file = m_dir.filePath("cat.json");
    const CliResult exported = runCli({"--db", m_db, "export", "cat run", "--json", file});
    CATDPO_VERIFY_CLI_OK(exported);
    const QString other = m_dir.filePath("laptop.sqlite");
    const CliResult first = runCli({"--db", other, "import", file, "--json"});
    CATDPO_VERIFY_CLI_OK(first);
    QCOMPARE(json::parse(first.outText())["imported"], json::array({m_a}));
    const CliResult second = runCli({"--db", other, "import", m_db, "--json"});
    CATDPO_VERIFY_CLI_OK(second);
    QCOMPARE(json::parse(second.outText())["imported"], json::array({m_b}));
    QCOMPARE(json::parse(second.outText())["skipped"], json::array({m_a}));
    RunStore laptop(other.toStdString(), /*readOnly=*/true);
    QCOMPARE(laptop.stepCount(m_a), std::int64_t{8});
    const QString csv = m_dir.filePath("csv");
    const CliResult csvExport = runCli({"--db", m_db, "export", "safe run", "--csv", csv});
    CATDPO_VERIFY_CLI_OK(csvExport);
    QVERIFY(QFile::exists(csv + "/category_eval_results.csv"));
    const CliResult neither = runCli({"--db", m_db, "export", "safe run"});
    CATDPO_VERIFY_CLI_EXIT(neither, 1);  // neither --csv nor --json
  }

  void notADatabaseIsRefused() {
    const QString bad = m_dir.filePath("notes.db");
    {
      QFile f(bad);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("my notes\n");
    }
    const CliResult r = runCli({"--db", bad, "runs"});
    CATDPO_VERIFY_CLI_EXIT(r, 1);
    QVERIFY2(r.err.contains("not a SQLite file"), r.err.constData());
    QCOMPARE(test::fileBytes(bad.toStdString()), std::string("my notes\n"));
  }
};

QTEST_GUILESS_MAIN(TestStoreCli)
#include "test_store_cli.moc"
