// SPDX-License-Identifier: MIT
// The malformed corpus (files/, written by files/make_corpus.py): each defect is reported with
// file, line and field; strict imports fail listing the problems, --skip-invalid keeps the valid
// rows and lists every skipped one. Also format detection/override and fingerprint stability.
#include <QtTest>
#include <string>

#include "common/error.h"
#include "data/dataset.h"

using namespace catdpo;

namespace {

std::string corpus(const char* name) {
  return (QStringLiteral(CATDPO_TEST_FILES "/") + QString::fromUtf8(name)).toStdString();
}

ImportOptions skipping() {
  ImportOptions o;
  o.skipInvalid = true;
  return o;
}

// Runs a strict import that must fail; returns the error.
Error strictFailure(const std::string& path, ImportOptions options = {}) {
  try {
    loadDataset(path, options);
  } catch (const Error& e) {
    return e;
  }
  return Error("no error thrown");
}

}  // namespace

class TestDatasetValidation : public QObject {
  Q_OBJECT
 private slots:
  void singleDefects_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("malformed") << "bad_json.jsonl"
                               << ""
                               << "malformed JSON";
    QTest::newRow("wrong type") << "wrong_type.jsonl"
                                << "is_response_0_safe"
                                << "expected true or false, got a string";
    QTest::newRow("missing") << "missing_field.jsonl"
                             << "response_1"
                             << "missing field";
    QTest::newRow("id range") << "id_out_of_range.jsonl"
                              << "better_response_id"
                              << "value 2 out of range 0..1";
    QTest::newRow("empty") << "empty_response.jsonl"
                           << "response_0"
                           << "empty text";
    QTest::newRow("utf8") << "non_utf8.jsonl"
                          << "response_1"
                          << "non-UTF-8 byte 0xFF";
    QTest::newRow("category") << "unknown_category.jsonl"
                              << "response_0_harm_category.Jaywalking"
                              << "unknown category name 'Jaywalking'";
    QTest::newRow("hash") << "bad_hash.jsonl"
                          << "response_0_sha256"
                          << "does not match";
    QTest::newRow("severity") << "bad_severity.jsonl"
                              << "response_0_severity_level"
                              << "value 7 out of range 0..3";
  }

  void singleDefects() {
    QFETCH(QString, file);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const std::string path = corpus(file.toUtf8().constData());
    const Error e = strictFailure(path);
    QCOMPARE(QString::fromStdString(e.where().file), QString::fromStdString(path));
    QCOMPARE(e.where().line, std::int64_t(2));
    QCOMPARE(QString::fromStdString(e.where().field), field);
    QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
    QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("--skip-invalid")));

    const Dataset d = loadDataset(path, skipping());
    QCOMPARE(d.pairs.size(), std::size_t(2));
    QCOMPARE(d.pairs[0].sourceLine, std::int64_t(1));
    QCOMPARE(d.pairs[1].sourceLine, std::int64_t(3));
    QCOMPARE(d.problems.size(), std::size_t(1));
    QCOMPARE(d.problems[0].where.line, std::int64_t(2));
    QCOMPARE(QString::fromStdString(d.problems[0].where.field), field);
    QCOMPARE(d.rowsRead, std::int64_t(3));
  }

  void everySkippedRowIsListed() {
    const std::string path = corpus("mixed_problems.jsonl");
    const Dataset d = loadDataset(path, skipping());
    QCOMPARE(d.rowsRead, std::int64_t(9));  // the blank line 9 is not a row
    std::vector<std::int64_t> kept;
    for (const auto& p : d.pairs) kept.push_back(p.sourceLine);
    QCOMPARE(kept, (std::vector<std::int64_t>{1, 3, 5, 7, 10}));
    QCOMPARE(d.problems.size(), std::size_t(4));
    const std::pair<std::int64_t, std::string> expected[] = {
        {2, ""}, {4, "safer_response_id"}, {6, "prompt"}, {8, ""}};
    for (std::size_t i = 0; i < 4; ++i) {
      QCOMPARE(d.problems[i].where.line, expected[i].first);
      QCOMPARE(d.problems[i].where.field, expected[i].second);
    }
    QVERIFY(d.problems[3].message.find("expected a JSON object") != std::string::npos);
    QCOMPARE(d.problems[2].text(), path + ":6: field 'prompt': expected a string, got an integer");
    // Strict: fails on the first, listing all four.
    const Error e = strictFailure(path);
    QCOMPARE(e.where().line, std::int64_t(2));
    const std::string what = e.what();
    for (const char* needle :
         {":2: ", ":4: field 'safer_response_id'", ":6: field 'prompt'", ":8: "})
      QVERIFY2(what.find(needle) != std::string::npos, needle);
    // The error list is capped, and says the import stopped.
    ImportOptions capped;
    capped.maxListedErrors = 2;
    const std::string cappedWhat = strictFailure(path, capped).what();
    QVERIFY(cappedWhat.find("import stopped") != std::string::npos);
    QVERIFY(cappedWhat.find(":6: ") == std::string::npos);
  }

  void jsonArrayElementsAndStructure() {
    const Dataset d = loadDataset(corpus("array_bad_element.json"), skipping());
    QCOMPARE(d.format, DataFormat::Dpo);
    QCOMPARE(d.pairs.size(), std::size_t(2));
    QCOMPARE(d.pairs[1].sourceLine, std::int64_t(5));
    QCOMPARE(d.problems.size(), std::size_t(1));
    QCOMPARE(d.problems[0].where.line, std::int64_t(3));
    QCOMPARE(d.problems[0].where.field, std::string("chosen"));
    const Error open = strictFailure(corpus("array_unclosed.json"), skipping());
    QVERIFY(std::string(open.what()).find("not closed") != std::string::npos);
    const Error unknown = strictFailure(corpus("unknown_format.jsonl"));
    QVERIFY(std::string(unknown.what()).find("cannot recognise") != std::string::npos);
    QVERIFY(std::string(unknown.what()).find("answer, question") != std::string::npos);
    QCOMPARE(unknown.where().line, std::int64_t(1));
    const Error empty = strictFailure(corpus("empty.jsonl"));
    QVERIFY(std::string(empty.what()).find("no rows") != std::string::npos);
    const Error missing = strictFailure(corpus("does_not_exist.jsonl"));
    QVERIFY(std::string(missing.what()).find("cannot open") != std::string::npos);
  }

  void formattingDoesNotChangeTheFingerprint() {
    const Dataset plain = loadDataset(corpus("pku_valid.jsonl"));
    const Dataset array = loadDataset(corpus("pku_valid_array.json"));
    const Dataset gz = loadDataset(corpus("pku_valid.jsonl.gz"));
    QCOMPARE(plain.pairs.size(), std::size_t(3));
    QCOMPARE(plain.format, DataFormat::PkuSafeRlhf);
    QCOMPARE(array.format, DataFormat::PkuSafeRlhf);
    QCOMPARE(gz.format, DataFormat::PkuSafeRlhf);
    QCOMPARE(plain.fingerprint.size(), std::size_t(64));
    QCOMPARE(array.fingerprint, plain.fingerprint);
    QCOMPARE(gz.fingerprint, plain.fingerprint);
    QCOMPARE(array.pairs[2].sourceLine, std::int64_t(112));  // element start line in the array
    // Content changes do change it: a label, a category, the order of pairs.
    auto pairs = plain.pairs;
    pairs[1].unsafe[1] = 1;
    QVERIFY(datasetFingerprint(pairs, plain.taxonomy) != plain.fingerprint);
    pairs = plain.pairs;
    pairs[0].categories = {0};
    QVERIFY(datasetFingerprint(pairs, plain.taxonomy) != plain.fingerprint);
    pairs = plain.pairs;
    std::swap(pairs[0], pairs[1]);
    QVERIFY(datasetFingerprint(pairs, plain.taxonomy) != plain.fingerprint);
    // Stable across calls and for the same pairs built in memory.
    QCOMPARE(makeDataset(plain.pairs, plain.taxonomy, DataFormat::PkuSafeRlhf).fingerprint,
             plain.fingerprint);
  }

  void pku30kAndDpoFormats() {
    const Dataset k = loadDataset(corpus("pku30k_valid.jsonl"));
    QCOMPARE(k.format, DataFormat::Pku30k);
    QCOMPARE(k.pairs.size(), std::size_t(3));
    QVERIFY(k.pairs[0].categories.empty());
    QCOMPARE(k.stats.uncategorisedUnsafe, std::int64_t(3));
    QCOMPARE(k.stats.safetyContrastive, std::int64_t(3));
    QCOMPARE(k.stats.helpfulWinnerUnsafe, std::int64_t(3));  // better = the unsafe response_0

    // DPO: names collected from the file in order of first appearance.
    const Dataset d = loadDataset(corpus("dpo_mixed.jsonl"), skipping());
    QCOMPARE(d.format, DataFormat::Dpo);
    QCOMPARE(d.taxonomy.names(), (std::vector<std::string>{"Burglary", "Cybercrime"}));
    QCOMPARE(d.pairs.size(), std::size_t(3));
    QCOMPARE(d.problems.size(), std::size_t(1));
    QCOMPARE(d.problems[0].where.line, std::int64_t(3));
    QCOMPARE(d.problems[0].where.field, std::string("categories"));
    QCOMPARE(d.pairs[2].categories, (std::vector<int>{0, 1}));
    QCOMPARE(d.pairs[0].safer, 0);
    QCOMPARE(d.pairs[1].safer, -1);
    QVERIFY(!d.pairs[1].hasSafetyLabels());
    QCOMPARE(d.stats.safetyContrastive, std::int64_t(2));
    QCOMPARE(d.stats.perCategory[0].contrastive, std::int64_t(2));

    // Against a given taxonomy, names it lacks are errors naming the list element.
    ImportOptions pku = skipping();
    pku.taxonomy = CategoryTaxonomy::pku19();
    const Dataset p = loadDataset(corpus("dpo_valid.jsonl"), pku);
    QCOMPARE(p.pairs.size(), std::size_t(1));
    QCOMPARE(p.problems.size(), std::size_t(2));
    QCOMPARE(p.problems[0].where.field, std::string("categories[0]"));
    QCOMPARE(p.problems[1].where.field, std::string("categories[1]"));
    QCOMPARE(p.problems[1].where.line, std::int64_t(3));
  }

  void formatOverrideAndPreview() {
    ImportOptions asDpo;
    asDpo.format = DataFormat::Dpo;
    const Error e = strictFailure(corpus("pku_valid.jsonl"), asDpo);
    QCOMPARE(e.where().field, std::string("chosen"));
    QCOMPARE(detectDataFormat(corpus("pku_valid.jsonl")), DataFormat::PkuSafeRlhf);
    QCOMPARE(detectDataFormat(corpus("dpo_valid.jsonl")), DataFormat::Dpo);
    QCOMPARE(dataFormatFromString("hh-rlhf"), DataFormat::HhRlhf);
    QVERIFY_THROWS_EXCEPTION(Error, dataFormatFromString("csv"));
    ImportOptions preview;
    preview.maxPairs = 2;
    const Dataset d = loadDataset(corpus("pku_valid.jsonl"), preview);
    QCOMPARE(d.pairs.size(), std::size_t(2));
    QVERIFY(d.truncated);
  }

  void statisticsOnHandMadePairs() {
    std::vector<PreferencePair> pairs(3);
    pairs[0].prompt = "p";
    pairs[0].response[0] = "one two three";      // 3 words, 13 chars
    pairs[0].response[1] = "\xC3\xA9t\xC3\xA9";  // "été": 3 code points, 1 word
    pairs[1].prompt = "p";
    pairs[1].response[0] = "a";
    pairs[1].response[1] = "b  c";
    pairs[2].prompt = "q";
    pairs[2].response[0] = "x y z w v";
    pairs[2].response[1] = "k";
    const DatasetStats s = computeStats(pairs, CategoryTaxonomy(), BothUnsafePolicy::Drop,
                                        [](std::string_view t) { return std::int64_t(t.size()); });
    QCOMPARE(s.uniquePrompts, std::int64_t(2));
    QCOMPARE(s.labelled, std::int64_t(0));
    // words: 3,1,1,2,5,1 -> sorted 1,1,1,2,3,5
    QCOMPARE(s.responseWords.min, std::int64_t(1));
    QCOMPARE(s.responseWords.p50, std::int64_t(1));
    QCOMPARE(s.responseWords.p90, std::int64_t(5));
    QCOMPARE(s.responseWords.max, std::int64_t(5));
    QCOMPARE(s.responseWords.mean, 13.0 / 6.0);
    QCOMPARE(s.responseChars.max, std::int64_t(13));
    QCOMPARE(countCodePoints("\xC3\xA9t\xC3\xA9"), std::int64_t(3));
    QCOMPARE(s.responseTokens.count, std::int64_t(6));
    QCOMPARE(s.responseTokens.min, std::int64_t(1));
    QCOMPARE(s.responseTokens.max, std::int64_t(13));
  }
};

QTEST_GUILESS_MAIN(TestDatasetValidation)
#include "test_dataset_validation.moc"
