// SPDX-License-Identifier: MIT
// The hardened JSON entry point: limits named in errors, lines exact, nothing narrowed.
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "common/json_input.h"

using catdpo::Error;
using catdpo::JsonSource;
using nlohmann::json;

namespace {
QString errorOf(const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}
}  // namespace

class TestJsonInput : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void parsesOrdinaryJson() {
    const json j = catdpo::parseJson(R"({"a": [1, 2, {"b": "c"}]})", {"x.json", 1});
    QCOMPARE(j["a"][2]["b"].get<std::string>(), std::string("c"));
  }

  void deepNestingIsRefusedBeforeParsing() {
    // 100 000 levels: without the check, copying or printing the DOM overflows the stack.
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const QString msg = errorOf([&] { catdpo::parseJson(deep, {"deep.json", 1}); });
    QVERIFY2(msg.contains(QStringLiteral("deep.json:1:")), qPrintable(msg));
    QVERIFY2(msg.contains(QStringLiteral("128 nesting levels (CATDPO_JSON_MAX_DEPTH)")),
             qPrintable(msg));
    // Brackets inside strings do not count; escaped quotes do not end a string.
    const std::string inString = "{\"a\": \"" + std::string(500, '[') + "\\\"" + "\"}";
    QVERIFY(catdpo::parseJson(inString, {"s.json", 1}).is_object());
    // The line of the bracket that goes too deep, counted from the row's first line.
    std::string lines = "{\n\"a\":\n" + std::string(200, '[');
    const QString located = errorOf([&] { catdpo::parseJson(lines, {"rows.jsonl", 10}); });
    QVERIFY2(located.startsWith(QStringLiteral("rows.jsonl:12:")), qPrintable(located));
  }

  void exactlyAtTheLimitIsAccepted() {
    const std::string ok = std::string(128, '[') + std::string(128, ']');
    QVERIFY(catdpo::parseJson(ok, {"ok.json", 1}).is_array());
    const std::string over = std::string(129, '[') + std::string(129, ']');
    QVERIFY(!errorOf([&] { catdpo::parseJson(over, {"over.json", 1}); }).isEmpty());
  }

  void numberOverflowNamesFileAndLine() {
    const QString msg = errorOf([&] {
      catdpo::parseJson("{\n\"a\": 1,\n\"b\": 1e400}", {"big.json", 1});
    });
    QCOMPARE(msg, QStringLiteral("big.json:3: number 1e400 is outside the range of a double"));
  }

  void malformedJsonNamesLineAndColumn() {
    const QString msg = errorOf([&] { catdpo::parseJson("{\n  \"a\": tru }", {"bad.json", 1}); });
    QVERIFY2(msg.startsWith(QStringLiteral("bad.json:2: malformed JSON at column")),
             qPrintable(msg));
    QVERIFY2(!msg.contains(QStringLiteral("json.exception")), qPrintable(msg));
  }

  void sizeLimitIsNamed() {
    const QString msg = errorOf([&] {
      catdpo::parseJson(std::string(2048, ' ') + "1", {"s.json", 1}, 1024);
    });
    QVERIFY2(msg.contains(QStringLiteral("1 KiB (CATDPO_JSON_MAX_BYTES)")), qPrintable(msg));
  }

  void fileSizeIsCheckedBeforeReading() {
    QTemporaryDir dir;
    const std::filesystem::path file = dir.filePath(QStringLiteral("big.json")).toStdString();
    {
      std::ofstream out(file);
      out << "[" << std::string(5000, ' ') << "]";
    }
    QVERIFY(!errorOf([&] { catdpo::readFileLimited(file, 100); }).isEmpty());
    QCOMPARE(catdpo::readFileLimited(file, 10000).size(), std::size_t(5002));
    const QString folder = errorOf([&] { catdpo::readJsonFile(dir.path().toStdString()); });
    QVERIFY2(folder.contains(QStringLiteral("not a regular file")), qPrintable(folder));
  }

  void integersAreRangeCheckedWithoutNarrowing() {
    const catdpo::ErrorLocation at{"t.json", 3, "id"};
    QCOMPARE(catdpo::jsonInteger(json::parse("2147483647"), 0, INT32_MAX, at),
             std::int64_t(2147483647));
    for (const char* text : {"2147483648", "4294967295", "3000000000", "4294967297", "-1",
                             "18446744073709551615", "1e3", "3.0", "\"5\"", "null"}) {
      const QString msg =
          errorOf([&] { catdpo::jsonInteger(json::parse(text), 0, INT32_MAX, at); });
      QVERIFY2(msg.startsWith(QStringLiteral("t.json:3: field 'id': ")), text);
    }
    // 2^64-1 read as int64 would wrap to -1: it must stay out of range, not become valid.
    QVERIFY(!errorOf([&] {
               catdpo::jsonInteger(json::parse("18446744073709551615"), -1, 0, at);
             }).isEmpty());
  }

  void libraryExceptionsBecomeLocatedErrors() {
    const json j = json::parse(R"({"step": "x"})");
    const QString msg = errorOf([&] {
      catdpo::withJsonErrors(catdpo::ErrorLocation{"state.json", 0, "step"},
                             [&] { return j.at("step").get<int>(); });
    });
    QVERIFY2(msg.startsWith(QStringLiteral("state.json: field 'step': unexpected value:")),
             qPrintable(msg));
  }
};

QTEST_GUILESS_MAIN(TestJsonInput)
#include "test_json_input.moc"
