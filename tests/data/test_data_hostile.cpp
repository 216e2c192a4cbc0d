// SPDX-License-Identifier: MIT
// Data files an attacker or an unlucky download produce: a .gz cut short, a lone 0xEF byte, a
// number out of double range, deep nesting with a bad byte, one enormous line. Each ends in an
// error or a warning with the exact line, never a crash, a silent loss or gigabytes of memory.
#include <zlib.h>

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <string>

#include "common/error.h"
#include "data/dataset.h"
#include "data/prompt_list.h"

using namespace catdpo;

namespace {

std::string row(int i) {
  return "{\"prompt\": \"question " + std::to_string(i) + "\", \"chosen\": \"good answer " +
         std::to_string(i) + "\", \"rejected\": \"bad answer " + std::to_string(i) + "\"}";
}

// A row with exactly one problem: a prompt that is not text.
const std::string kBadRow = "{\"prompt\": 1, \"chosen\": \"a\", \"rejected\": \"b\"}";

std::string rows(int n) {
  std::string text;
  for (int i = 1; i <= n; ++i) text += row(i) + "\n";
  return text;
}

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void writeGz(const std::string& path, const std::string& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

ImportOptions skipping() {
  ImportOptions o;
  o.skipInvalid = true;
  return o;
}

Error failure(const std::string& path, ImportOptions options = {}) {
  try {
    loadDataset(path, options);
  } catch (const Error& e) {
    return e;
  }
  return Error("no error thrown");
}

}  // namespace

class TestDataHostile : public QObject {
  Q_OBJECT
 private slots:
  void cutGzipIsAnErrorOrAWarning() {
    QTemporaryDir dir;
    const std::string whole = dir.filePath(QStringLiteral("whole.jsonl.gz")).toStdString();
    // Incompressible-ish rows so the cut lands well inside the data.
    std::string text;
    for (int i = 1; i <= 400; ++i) text += row(i * 7919 % 100003) + "\n";
    writeGz(whole, text);
    const std::string bytes = readFile(whole);
    const std::string cut = dir.filePath(QStringLiteral("cut.jsonl.gz")).toStdString();
    writeFile(cut, bytes.substr(0, bytes.size() / 2));

    const Error e = failure(cut);
    QVERIFY2(std::string(e.what()).find("cut short") != std::string::npos, e.what());
    QVERIFY2(std::string(e.what()).find("--skip-invalid") != std::string::npos, e.what());
    QCOMPARE(e.where().file, cut);
    QVERIFY(e.where().line > 1);

    const Dataset d = loadDataset(cut, skipping());
    QCOMPARE(d.warnings.size(), std::size_t(1));
    QVERIFY(d.warnings[0].message.find("cut short") != std::string::npos);
    QVERIFY(d.warnings[0].message.find(std::to_string(d.rowsRead) + " row(s) read") !=
            std::string::npos);
    QVERIFY(d.pairs.size() > 10 && d.pairs.size() < 400);
    // The complete file has neither.
    const Dataset full = loadDataset(whole);
    QCOMPARE(full.pairs.size(), std::size_t(400));
    QVERIFY(full.warnings.empty());
  }

  void byteOrderMarkNeedsAllThreeBytes() {
    QTemporaryDir dir;
    const std::string bom = dir.filePath(QStringLiteral("bom.jsonl")).toStdString();
    writeFile(bom, "\xEF\xBB\xBF" + rows(2) + kBadRow + "\n");
    const Error withBom = failure(bom);
    QCOMPARE(withBom.where().line, std::int64_t(3));
    // A lone 0xEF is a bad byte of line 1, not a BOM; the next error is still on line 3.
    const std::string lone = dir.filePath(QStringLiteral("lone.jsonl")).toStdString();
    writeFile(lone, "\xEF" + rows(2) + kBadRow + "\n");
    const Dataset d = loadDataset(lone, skipping());
    QCOMPARE(d.problems.size(), std::size_t(2));
    QCOMPARE(d.problems[0].where.line, std::int64_t(1));
    QCOMPARE(d.problems[1].where.line, std::int64_t(3));
    QCOMPARE(d.pairs.size(), std::size_t(1));
    QCOMPARE(d.pairs[0].sourceLine, std::int64_t(2));
  }

  void lineNumbersSurviveLeadingBlanks() {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("blanks.jsonl")).toStdString();
    writeFile(path, "   " + row(1) + "\r\n\n  \n" + row(2) + "\r\n" + kBadRow + "\n");
    const Dataset d = loadDataset(path, skipping());
    QCOMPARE(d.pairs.size(), std::size_t(2));
    QCOMPARE(d.pairs[0].sourceLine, std::int64_t(1));
    QCOMPARE(d.pairs[1].sourceLine, std::int64_t(4));
    QCOMPARE(d.problems.size(), std::size_t(1));
    QCOMPARE(d.problems[0].where.line, std::int64_t(5));
  }

  void numberOutOfRangeIsARowProblem() {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("big.jsonl")).toStdString();
    writeFile(path, rows(2) +
                        "{\"prompt\": \"q\", \"chosen\": \"a\", \"rejected\": \"b\", "
                        "\"x\": 1e400}\n" +
                        row(4) + "\n");
    const Dataset d = loadDataset(path, skipping());
    QCOMPARE(d.pairs.size(), std::size_t(3));
    QCOMPARE(d.problems.size(), std::size_t(1));
    QCOMPARE(d.problems[0].where.line, std::int64_t(3));
    QCOMPARE(d.problems[0].message, std::string("number 1e400 is outside the range of a double"));
    const Error e = failure(path);
    QCOMPARE(e.where().line, std::int64_t(3));
    QVERIFY2(std::string(e.what()).find("json.exception") == std::string::npos, e.what());
  }

  void deepNestingWithABadByteIsARowProblem() {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("deep.jsonl")).toStdString();
    const std::string deep = "{\"prompt\": \"\xFF\", \"x\": " + std::string(100000, '[') +
                             std::string(100000, ']') + "}";
    writeFile(path, row(1) + "\n" + deep + "\n" + std::string(100000, '[') + "\n" + row(4) + "\n");
    const Dataset d = loadDataset(path, skipping());
    QCOMPARE(d.pairs.size(), std::size_t(2));
    QCOMPARE(d.problems.size(), std::size_t(2));
    QCOMPARE(d.problems[0].where.line, std::int64_t(2));
    QVERIFY(d.problems[0].message.find("non-UTF-8 byte 0xFF") != std::string::npos);
    QCOMPARE(d.problems[1].where.line, std::int64_t(3));
    QVERIFY2(d.problems[1].message.find("CATDPO_JSON_MAX_DEPTH") != std::string::npos,
             d.problems[1].message.c_str());
  }

  void overlongRowsAreSkippedWithoutBeingHeld() {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("long.jsonl.gz")).toStdString();
    // 8 MiB of one line, compressed to a few KiB; the limit here is 1 MiB.
    writeGz(path,
            row(1) + "\n{\"prompt\": \"" + std::string(8u << 20, 'a') + "\"}\n" + row(3) + "\n");
    ImportOptions o = skipping();
    o.maxRowBytes = 1u << 20;
    const Dataset d = loadDataset(path, o);
    QCOMPARE(d.pairs.size(), std::size_t(2));
    QCOMPARE(d.problems.size(), std::size_t(1));
    QCOMPARE(d.problems[0].where.line, std::int64_t(2));
    QVERIFY2(d.problems[0].message.find("longer than the limit of 1 MiB "
                                        "(CATDPO_JSON_MAX_ROW_BYTES)") != std::string::npos,
             d.problems[0].message.c_str());
    // The same for one element of a JSON array.
    const std::string array = dir.filePath(QStringLiteral("long.json")).toStdString();
    writeFile(array, "[" + row(1) + ",\n{\"prompt\": \"" + std::string(2u << 20, 'b') + "\"},\n" +
                         row(3) + "]\n");
    const Dataset a = loadDataset(array, o);
    QCOMPARE(a.pairs.size(), std::size_t(2));
    QCOMPARE(a.problems.size(), std::size_t(1));
    QCOMPARE(a.problems[0].where.line, std::int64_t(2));
  }

  void integersAreNeverNarrowed() {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("ids.jsonl")).toStdString();
    std::string text;
    for (const char* v : {"18446744073709551615", "1e300", "1.0", "4294967296"})
      text += std::string(
                  "{\"prompt\": \"p\", \"response_0\": \"a\", \"response_1\": \"b\", "
                  "\"is_response_0_safe\": true, \"is_response_1_safe\": false, "
                  "\"better_response_id\": ") +
              v + ", \"safer_response_id\": 0}\n";
    writeFile(path, text);
    ImportOptions o = skipping();
    o.format = DataFormat::Pku30k;
    const Dataset d = loadDataset(path, o);
    QCOMPARE(d.pairs.size(), std::size_t(0));
    QCOMPARE(d.problems.size(), std::size_t(4));
    for (const auto& p : d.problems) QCOMPARE(p.where.field, std::string("better_response_id"));
    QVERIFY(d.problems[0].message.find("18446744073709551615 out of range") != std::string::npos);
  }

  void promptListRowsUseTheSameLimits() {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("prompts.jsonl")).toStdString();
    writeFile(path, "{\"prompt\": \"a\", \"id\": 7}\n{\"prompt\": \"b\", \"x\": " +
                        std::string(5000, '[') + "}\n");
    try {
      loadPromptList(path, CategoryTaxonomy::pku19());
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().line, std::int64_t(2));
      QVERIFY(std::string(e.what()).find("CATDPO_JSON_MAX_DEPTH") != std::string::npos);
    }
  }
};

QTEST_GUILESS_MAIN(TestDataHostile)
#include "test_data_hostile.moc"
