// SPDX-License-Identifier: MIT
// The run database as a file: an old (schema 1) database made by hand is upgraded with its data;
// a newer database, a non-SQLite file, a damaged database and a foreign SQLite database are
// refused with a clear error and left byte-for-byte unchanged; unusable locations give errors.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "common/error.h"
#include "store/run_store.h"
#include "store/schema.h"
#include "store_test_util.h"

using namespace catdpo;

namespace {
void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Opening must throw a catdpo::Error that names the file and contains `words`.
void expectRefused(const std::string& path, bool readOnly, const QString& words) {
  try {
    RunStore store(path, readOnly);
    QFAIL("opened a database that should have been refused");
  } catch (const Error& e) {
    QCOMPARE(QString::fromStdString(e.where().file), QString::fromStdString(path));
    QVERIFY2(QString::fromUtf8(e.what()).contains(words, Qt::CaseInsensitive), e.what());
  }
}
}  // namespace

namespace {
// The schema version in the header bytes (offset 60, big-endian), read from the file as bytes.
std::int64_t headerVersion(const std::string& db) {
  const std::string bytes = test::fileBytes(db);
  if (bytes.size() < 100) return -1;
  std::int64_t v = 0;
  for (int i = 60; i < 64; ++i)
    v = (v << 8) | static_cast<unsigned char>(bytes[static_cast<size_t>(i)]);
  return v;
}
}  // namespace

class TestStoreFiles : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  std::string path(const char* name) { return m_dir.filePath(name).toStdString(); }

 private slots:
  void schemaOneIsUpgradedWithItsData() {
    const std::string db = path("v1.sqlite");
    // A database as the first release wrote it: migration 1 only, version 1, a run that was
    // left 'running' and two steps.
    const std::string v1 = std::string(store::migrations().at(0).sql) +
                           "INSERT INTO schema_version VALUES (1, 'base', "
                           "'2026-01-01T00:00:00Z', '0.1.0');"
                           "INSERT INTO runs(id, name, method, status, created_at, "
                           "software_version) VALUES ('11111111-2222-4333-8444-555555555555', "
                           "'old run', 'safedpo', 'running', '2026-01-01T00:00:00.000Z', "
                           "'0.1.0');"
                           "INSERT INTO step_metrics(run_id, stage, step, total_steps, loss) "
                           "VALUES ('11111111-2222-4333-8444-555555555555', 1, 1, 2, 0.69),"
                           " ('11111111-2222-4333-8444-555555555555', 1, 2, 2, 0.5);"
                           "PRAGMA user_version = 1;";
    QVERIFY(test::rawExec(db, v1));
    QCOMPARE(headerVersion(db), std::int64_t{1});

    RunStore store(db);
    QCOMPARE(store.schemaVersion(), store::kSchemaVersion);
    QCOMPARE(test::rawInt(db, "SELECT max(version) FROM schema_version"),
             std::int64_t{store::kSchemaVersion});
    QCOMPARE(test::rawInt(db, "SELECT count(*) FROM schema_version"),
             std::int64_t{store::kSchemaVersion});
    const auto old = store.run("11111111-2222-4333-8444-555555555555");
    QVERIFY(old);
    QCOMPARE(old->name, std::string("old run"));
    // No writer was recorded by schema 1, so nobody can still be writing it.
    QCOMPARE(old->status, RunStatus::Interrupted);
    QCOMPARE(store.series({old->id, metric::kLoss, -1, 0}).back().value, 0.5);
    // The columns added by migration 2 work.
    NewRun spec;
    spec.method = "catdpo";
    const RunRecord fresh = store.createRun(spec);
    QVERIFY(fresh.writerPid > 0);
    QVERIFY(store.integrityOk());
  }

  void schemaThreeEvaluationsKeepTheirPooledOverRefusal() {
    // A database as version 3 wrote it, with an evaluation whose over-refusal pooled benign and
    // borderline prompts: after the upgrade it reads as pooled, never as the benign rate.
    const std::string db = path("v3.sqlite");
    std::string v3;
    for (int m = 0; m < 3; ++m) v3 += store::migrations().at(m).sql;
    v3 +=
        "INSERT INTO runs(id, name, method, status, created_at, software_version, config_json) "
        "VALUES ('aaaaaaaa-2222-4333-8444-555555555555', 'v3 run', 'catdpo', 'finished', "
        "'2026-01-01T00:00:00.000Z', '0.9.0', '{\"catdpo\":{\"lambda_max\":50}}');"
        "INSERT INTO evaluations(run_id, step, judge, created_at, over_refusal, benign_prompts) "
        "VALUES ('aaaaaaaa-2222-4333-8444-555555555555', 150, 'demo', "
        "'2026-01-01T00:00:00.000Z', 0.40625, 32);"
        "INSERT INTO category_eval_results(evaluation_id, category, name, generated_count, "
        "generated_safe, safe_ratio) VALUES (1, 0, 'Violence', 8, 6, 0.75);"
        "PRAGMA user_version = 3;";
    QVERIFY(test::rawExec(db, v3));
    RunStore store(db);
    QCOMPARE(store.schemaVersion(), store::kSchemaVersion);
    const auto ev = store.latestEvaluation("aaaaaaaa-2222-4333-8444-555555555555");
    QVERIFY(ev);
    QVERIFY(ev->result.refusalPooled);
    QCOMPARE(ev->result.overRefusal, 0.40625);
    QCOMPARE(ev->result.borderlineRefusal, -1.0);
    QCOMPARE(ev->result.categories[0].generatedSafe, 6);
    QCOMPARE(ev->result.categories[0].emptyAnswers, 0);
    QVERIFY(store.pairValues("aaaaaaaa-2222-4333-8444-555555555555").empty());
    QVERIFY(store.integrityOk());
  }

  void newerSchemaIsRefusedAndUntouched() {
    const std::string db = path("newer.sqlite");
    { RunStore store(db); }
    QVERIFY(
        test::rawExec(db, "PRAGMA user_version = " + std::to_string(store::kSchemaVersion + 1)));
    const std::string before = test::fileBytes(db);
    QVERIFY(!before.empty());
    expectRefused(db, false, "newer than this program");
    expectRefused(db, true, "left unchanged");
    QVERIFY(test::fileBytes(db) == before);
  }

  void nonSqliteAndDamagedFilesAreRefusedAndUntouched() {
    const std::string text = path("notes.txt");
    writeFile(text, "these are my notes, not a database\n");
    expectRefused(text, false, "not a SQLite");
    QCOMPARE(test::fileBytes(text), std::string("these are my notes, not a database\n"));

    // A real run database whose schema page was overwritten: the header still says SQLite, so
    // SQLite itself has to notice the damage.
    const std::string broken = path("broken.sqlite");
    { RunStore store(broken); }
    std::string damaged = test::fileBytes(broken);
    QVERIFY(damaged.size() > 4096);
    for (size_t i = 100; i < 4096; ++i) damaged[i] = static_cast<char>((i * 131) % 251);
    writeFile(broken, damaged);
    expectRefused(broken, false, "left unchanged");
    QVERIFY(test::fileBytes(broken) == damaged);

    // Someone else's SQLite database must not get our tables.
    const std::string foreign = path("foreign.sqlite");
    QVERIFY(test::rawExec(foreign,
                          "CREATE TABLE contacts(name TEXT); INSERT INTO contacts "
                          "VALUES ('ada');"));
    const std::string foreignBefore = test::fileBytes(foreign);
    expectRefused(foreign, false, "not a Cat-DPO run database");
    QVERIFY(test::fileBytes(foreign) == foreignBefore);
  }

  void unusableLocationsGiveErrors() {
    // /proc cannot hold folders or files: creating the database must fail cleanly.
    QVERIFY_THROWS_EXCEPTION(Error, RunStore("/proc/catdpo-no-such-dir/workspace.sqlite"));
    QVERIFY_THROWS_EXCEPTION(Error, RunStore(path("missing.sqlite"), /*readOnly=*/true));
    QVERIFY_THROWS_EXCEPTION(Error, RunStore(m_dir.path().toStdString()));  // a folder
    QVERIFY_THROWS_EXCEPTION(Error, RunStore(""));
  }

  void emptyFileBecomesADatabase() {
    const std::string db = path("empty.sqlite");
    writeFile(db, "");
    {
      RunStore store(db);
      QCOMPARE(store.schemaVersion(), store::kSchemaVersion);
    }
    // Closed: the WAL is checkpointed, the header carries the version and the WAL flag.
    QCOMPARE(headerVersion(db), std::int64_t{store::kSchemaVersion});
    const std::string header = test::fileBytes(db).substr(0, 20);
    QCOMPARE(int(header[18]), 2);  // read version 2 = WAL
    QCOMPARE(int(header[19]), 2);
  }
};

QTEST_GUILESS_MAIN(TestStoreFiles)
#include "test_store_files.moc"
