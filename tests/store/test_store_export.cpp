// SPDX-License-Identifier: MIT
// Export and import: JSON export -> import into a fresh database -> export again gives the same
// document; importing twice adds nothing; importing another database (also an old-schema one,
// which must stay unchanged) brings its runs over; CSV files hold the rows, quoted per RFC 4180;
// malformed exports are rejected naming the field.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "common/error.h"
#include "store/run_export.h"
#include "store/run_store.h"
#include "store/schema.h"
#include "store_test_util.h"

using namespace catdpo;
using nlohmann::json;

namespace {

// A run with tags, a data set, 30 steps of 3 categories, two evaluations with samples whose
// text needs quoting, and two checkpoints.
std::string populate(RunStore& store, const std::string& name, const std::string& sweepId = "") {
  store.upsertDataset({"fp-data-1", "/data/pku.jsonl", "pku_saferlhf", R"({"pairs":10})", ""});
  NewRun spec;
  spec.name = name;
  spec.method = "catdpo";
  spec.configJson = R"({"beta":0.1,"eta":0.5})";
  spec.datasetFingerprint = "fp-data-1";
  spec.modelFingerprint = "fp-model-9";
  spec.device = "cpu";
  spec.tags = {"export", "k3"};
  spec.sweepId = sweepId;
  const std::string id = store.createRun(spec).id;
  store.claimRun(id);
  for (int s = 1; s <= 30; ++s) {
    StepMetrics m = test::exampleStep(s, 3);
    if (s <= 2) m.pairs = {{0, s, {1, 2}, {1, 2}, 0.5, 0.1 * s}};  // Cat-DPO's per-pair values
    store.recordStep(id, m);
  }
  store.recordCheckpoint({id, 10, "/ck/10", "aa", ""});
  store.recordCheckpoint({id, 30, "/ck/30", "bb", ""});
  for (int e = 1; e <= 2; ++e) {
    EvalResult ev;
    ev.step = 15 * e;
    ev.judge = "demo";
    ev.samplingJson = R"({"seed":7,"temperature":0.7})";
    ev.categories = {{0, "Violence", 10, 6 + e, 0.6 + 0.1 * e, 4, 0.75, 0.7, 0},
                     {2, "Drugs", 10, 3, 0.3, 4, 0.5, 0.55, 1}};
    ev.generated.macro = 0.5;
    ev.generated.worst3 = 0.5;
    ev.generated.worst3Categories = {2, 0};
    ev.generated.gapPoints = 40;
    ev.helpfulnessAccuracy = 0.8;
    ev.overRefusal = 0.05 * e;
    ev.samples = {{2, "line one\nline two", "he said \"no\", then left", true, false, true, "demo",
                   "unsafe: 0.9"},
                  {0, "Grüße, 世界", "ok", false, false, true, "demo", "safe"}};
    store.recordEvaluation(id, ev);
  }
  store.setNotes(id, "notes, with a comma");
  store.setStatus(id, RunStatus::Finished);
  return id;
}

json withoutExportTime(json j) {
  j.erase("exported_at");
  return j;
}

// An imported copy is marked as such (untrusted_json names where it came from); apart from
// that mark its export equals the original's.
json withoutImportMark(json j, const std::string& source) {
  j = withoutExportTime(std::move(j));
  const json mark = j["run"]["untrusted_json"];
  if (!mark.is_string() || json::parse(mark.get<std::string>()) != json{{"imported_from", source}})
    return {{"unexpected import mark", mark}};
  j["run"]["untrusted_json"] = nullptr;
  return j;
}

std::string readText(const std::string& path) { return test::fileBytes(path); }

}  // namespace

class TestStoreExport : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  std::string path(const char* name) { return m_dir.filePath(name).toStdString(); }

 private slots:
  void jsonRoundTripGivesEqualRows() {
    RunStore a(path("a.sqlite"));
    const std::string id = populate(a, "first");
    const json exported = exportRunJson(a, id);
    QCOMPARE(exported["step_metrics"].size(), size_t{30});
    QCOMPARE(exported["category_step_metrics"].size(), size_t{90});
    QCOMPARE(exported["pair_step_values"].size(), size_t{2});
    QCOMPARE(exported["evaluations"].size(), size_t{2});
    QCOMPARE(exported["evaluations"][1]["samples"][0]["response"].get<std::string>(),
             std::string("he said \"no\", then left"));
    QCOMPARE(exported["run"]["status"].get<std::string>(), std::string("finished"));
    QCOMPARE(exported["dataset"]["format"].get<std::string>(), std::string("pku_saferlhf"));

    RunStore b(path("b.sqlite"));
    QVERIFY(importRunJson(b, exported, "memory"));
    QCOMPARE(withoutImportMark(exportRunJson(b, id), "memory"), withoutExportTime(exported));
    QVERIFY(!importRunJson(b, exported, "memory"));  // deduplicated by run id
    QCOMPARE(b.listRuns().size(), size_t{1});
    QCOMPARE(b.stepCount(id), std::int64_t{30});
    QCOMPARE(b.pairValues(id).size(), size_t{2});
    QCOMPARE(b.pairValues(id)[1].value.categories, (std::vector<int>{1, 2}));
    // Typed reads of the imported run give back what was written.
    const auto evs = b.evaluations(id, true);
    QCOMPARE(evs.size(), size_t{2});
    QCOMPARE(evs[1].result.step, std::int64_t{30});
    QCOMPARE(evs[1].result.categories[0].generatedSafe, 8);
    QCOMPARE(evs[1].result.overRefusal, 0.1);
    QCOMPARE(evs[0].result.samples[1].prompt, std::string("Grüße, 世界"));
    QCOMPARE(b.run(id)->tags, (std::vector<std::string>{"export", "k3"}));
    QCOMPARE(b.dataset("fp-data-1")->path, std::string("/data/pku.jsonl"));
  }

  // Runs of a sweep arrive with their sweep: the plan, the name, the grouping.
  void importKeepsSweeps() {
    const std::string src = path("sweeps.sqlite");
    std::string sweepId, runId;
    {
      RunStore server(src);
      sweepId = server.createSweep("eta-grid", R"({"methods":["catdpo"],"seeds":[1,2]})").id;
      runId = populate(server, "in-sweep", sweepId);
      populate(server, "alone");
    }
    RunStore laptop(path("laptop-sweeps.sqlite"));
    QCOMPARE(importRuns(laptop, src).imported.size(), size_t{2});
    const SweepRecord sweep = laptop.resolveSweep("eta-grid");
    QCOMPARE(sweep.id, sweepId);
    QCOMPARE(sweep.planJson, std::string(R"({"methods":["catdpo"],"seeds":[1,2]})"));
    QCOMPARE(laptop.run(runId)->sweepId, sweepId);
    QCOMPARE(laptop.listSweeps().size(), size_t{1});
    // Importing again, or a JSON export of the same run, adds no second sweep.
    exportRunJsonFile(RunStore(src, /*readOnly=*/true), runId, path("in-sweep.json"));
    QCOMPARE(importRuns(laptop, src).imported.size(), size_t{0});
    RunStore other(path("other-sweeps.sqlite"));
    QCOMPARE(importRuns(other, path("in-sweep.json")).imported.size(), size_t{1});
    QCOMPARE(other.resolveSweep(sweepId.substr(0, 8)).name, std::string("eta-grid"));
  }

  void importDatabaseFilesDeduplicated() {
    const std::string src = path("server.sqlite");
    std::string first, second;
    {
      RunStore server(src);
      first = populate(server, "one");
      second = populate(server, "two");
    }
    RunStore laptop(path("laptop.sqlite"));
    const ImportReport r1 = importRuns(laptop, src);
    QCOMPARE(r1.imported.size(), size_t{2});
    QVERIFY(r1.skipped.empty());
    const ImportReport r2 = importRuns(laptop, src);
    QVERIFY(r2.imported.empty());
    QCOMPARE(r2.skipped.size(), size_t{2});
    QCOMPARE(laptop.listRuns().size(), size_t{2});
    QCOMPARE(test::rawInt(path("laptop.sqlite"), "SELECT count(*) FROM evaluations"),
             std::int64_t{4});
    QCOMPARE(test::rawInt(path("laptop.sqlite"), "SELECT count(*) FROM samples"), std::int64_t{8});
    QCOMPARE(test::rawInt(path("laptop.sqlite"), "SELECT count(*) FROM datasets"), std::int64_t{1});
    RunStore serverAgain(src, /*readOnly=*/true);
    QCOMPARE(withoutImportMark(exportRunJson(laptop, second), src),
             withoutExportTime(exportRunJson(serverAgain, second)));

    // A JSON export file imports the same way.
    exportRunJsonFile(laptop, first, path("one.json"));
    RunStore third(path("third.sqlite"));
    QCOMPARE(importRuns(third, path("one.json")).imported, std::vector<std::string>{first});
    QCOMPARE(importRuns(third, path("one.json")).skipped, std::vector<std::string>{first});
  }

  void oldSchemaSourceIsUpgradedInACopyOnly() {
    const std::string old = path("old.sqlite");
    QVERIFY(test::rawExec(old, std::string(store::migrations().at(0).sql) +
                                   "INSERT INTO runs(id, name, method, status, created_at, "
                                   "software_version) VALUES ('abc', 'old', 'dpo', 'finished', "
                                   "'2026-01-01T00:00:00.000Z', '0.1.0');"
                                   "PRAGMA user_version = 1;"));
    const std::string before = test::fileBytes(old);
    RunStore store(path("new.sqlite"));
    QCOMPARE(importRuns(store, old).imported, std::vector<std::string>{"abc"});
    QCOMPARE(store.run("abc")->name, std::string("old"));
    QVERIFY(test::fileBytes(old) == before);
  }

  void csvFilesHoldTheRows() {
    RunStore a(path("csv.sqlite"));
    const std::string id = populate(a, "csv");
    const auto files = exportRunCsv(a, id, path("csv-out"));
    QCOMPARE(files.size(), size_t{11});
    const std::string steps = readText(path("csv-out/step_metrics.csv"));
    QVERIFY(steps.rfind("run_id,stage,step,total_steps,loss,", 0) == 0);
    QCOMPARE(std::count(steps.begin(), steps.end(), '\n'), std::ptrdiff_t{31});
    // Step 4: loss 1/4 written exactly.
    QVERIFY(steps.find(id + ",1,4,1000,0.25,") != std::string::npos);
    const std::string samples = readText(path("csv-out/samples.csv"));
    QVERIFY(samples.find("\"line one\nline two\",\"he said \"\"no\"\", then left\"") !=
            std::string::npos);
    QVERIFY(readText(path("csv-out/run.csv")).find("\"notes, with a comma\"") != std::string::npos);
    const std::string categories = readText(path("csv-out/category_step_metrics.csv"));
    QCOMPARE(std::count(categories.begin(), categories.end(), '\n'), std::ptrdiff_t{91});
  }

  void malformedExportsNameTheField() {
    RunStore store(path("bad.sqlite"));
    const auto field = [&](const json& j) -> std::string {
      try {
        importRunJson(store, j, "bad.json");
      } catch (const Error& e) {
        if (e.where().file != "bad.json") return "wrong file: " + e.where().file;
        return e.where().field;
      }
      return "accepted";
    };
    json ok = {{"format", kRunExportFormat},
               {"format_version", 1},
               {"run",
                {{"id", "r1"},
                 {"name", "n"},
                 {"method", "dpo"},
                 {"status", "finished"},
                 {"created_at", "2026-01-01T00:00:00.000Z"},
                 {"software_version", "0.4.0"}}}};
    json j = ok;
    j["format"] = "something-else";
    QCOMPARE(field(j), std::string("format"));
    j = ok;
    j["run"].erase("id");
    QCOMPARE(field(j), std::string("run.id"));
    j = ok;
    j["step_metrics"] =
        json::array({{{"stage", 1}, {"step", 1}, {"total_steps", 1}, {"bogus", 2}}});
    QCOMPARE(field(j), std::string("step_metrics[0].bogus"));
    j = ok;
    j["format_version"] = 99;
    QCOMPARE(field(j), std::string("format_version"));
    QVERIFY(store.listRuns().empty());  // nothing half-imported
    QCOMPARE(field(ok), std::string("accepted"));
    QCOMPARE(store.listRuns().size(), size_t{1});

    const std::string notJson = path("garbage.json");
    std::ofstream(notJson) << "{ this is not json";
    QVERIFY_THROWS_EXCEPTION(Error, importRuns(store, notJson));
    QVERIFY_THROWS_EXCEPTION(Error, importRuns(store, path("does-not-exist.db")));
  }
};

QTEST_GUILESS_MAIN(TestStoreExport)
#include "test_store_export.moc"
