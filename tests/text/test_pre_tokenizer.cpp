// SPDX-License-Identifier: MIT
// The hand-written split matchers against the regexes run by Python's `re` engine
// (tests/reference/pretokenize_reference.py -> data/pretokenize_expected.json), plus the
// UTF-8 helpers and the byte-level alphabet against hand-derived values.
#include <QtTest>

#include "support/fixtures.h"
#include "text/byte_level.h"
#include "text/pre_tokenizer.h"
#include "text/utf8.h"
#include "text_test_util.h"

using namespace catdpo;

class TestPreTokenizer : public QObject {
  Q_OBJECT

 private slots:
  void matchesPythonRegexReference() {
    const auto data =
        test::readJsonFile(test::sourceDir() + "/tests/text/data/pretokenize_expected.json");
    const std::pair<const char*, text::SplitPattern> patterns[] = {
        {"gpt2", text::SplitPattern::Gpt2},
        {"qwen2", text::SplitPattern::Qwen2},
        {"llama3", text::SplitPattern::Llama3}};
    int checked = 0;
    for (const auto& [name, pattern] : patterns) {
      for (const auto& c : data["cases"][name]) {
        const std::string textIn = c["text"].get<std::string>();
        std::vector<std::string_view> pieces;
        text::preTokenize(textIn, pattern, pieces);
        const auto expected = c["pieces"].get<std::vector<std::string>>();
        const std::vector<std::string> got(pieces.begin(), pieces.end());
        if (got != expected) {
          nlohmann::json g = got;
          QFAIL(qPrintable(QString("%1 on %2: got %3, expected %4")
                               .arg(name, QString::fromStdString(nlohmann::json(textIn).dump()),
                                    QString::fromStdString(g.dump()),
                                    QString::fromStdString(c["pieces"].dump()))));
        }
        ++checked;
      }
    }
    QVERIFY(checked >= 60);
  }

  void qwenContractionsIgnoreCase() {
    std::vector<std::string_view> gpt2, qwen;
    text::preTokenize("WE'RE", text::SplitPattern::Gpt2, gpt2);
    text::preTokenize("WE'RE", text::SplitPattern::Qwen2, qwen);
    QCOMPARE(std::vector<std::string>(gpt2.begin(), gpt2.end()),
             (std::vector<std::string>{"WE", "'", "RE"}));
    QCOMPARE(std::vector<std::string>(qwen.begin(), qwen.end()),
             (std::vector<std::string>{"WE", "'RE"}));
  }

  void invalidUtf8IsCoveredByteForByte() {
    const std::string bad = "ab\xff\xfe cd\xe3\x81";
    std::vector<std::string_view> pieces;
    text::preTokenize(bad, text::SplitPattern::Gpt2, pieces);
    std::string joined;
    for (auto p : pieces) joined.append(p);
    QCOMPARE(joined, bad);
  }

  void unicodeClasses() {
    QVERIFY(text::isLetter(U'é'));
    QVERIFY(text::isLetter(0x65E5));   // 日
    QVERIFY(!text::isLetter(0x0301));  // combining acute: Mn, not L
    QVERIFY(text::isNumber(0x0663));   // Arabic-Indic three
    QVERIFY(text::isNumber(0x00BD));   // ½ (No)
    QVERIFY(text::isWhitespace(0x3000));
    QVERIFY(text::isWhitespace(0x2028));
    QVERIFY(!text::isWhitespace(0x200B));  // zero width space is Cf
  }

  void nfcComposes() {
    QCOMPARE(text::nfc("cafe\xCC\x81"), std::string("caf\xC3\xA9"));
    // Hangul jamo compose into a syllable: U+1112 U+1161 U+11AB -> U+D55C
    QCOMPARE(text::nfc("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), std::string("\xED\x95\x9C"));
    QCOMPARE(text::nfc("plain ascii"), std::string("plain ascii"));
  }

  void repairReplacesInvalidSubparts() {
    QCOMPARE(text::repairUtf8("ok\xE3\x81"), std::string("ok\xEF\xBF\xBD"));
    QCOMPARE(text::repairUtf8("\xFF"
                              "a"),
             std::string("\xEF\xBF\xBD"
                         "a"));
    QCOMPARE(text::repairUtf8("\xC3\xA9"), std::string("\xC3\xA9"));
  }

  void byteAlphabet() {
    const auto& a = text::ByteLevelAlphabet::instance();
    QCOMPARE(a.codePoint(' '), 0x120);   // 'Ġ'
    QCOMPARE(a.codePoint('\n'), 0x10A);  // 'Ċ'
    QCOMPARE(a.codePoint('A'), static_cast<std::int32_t>('A'));
    QCOMPARE(a.codePoint(0xAD), 0x143);  // soft hyphen is the last remapped byte
    std::string all;
    for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
    std::string back;
    QVERIFY(a.decode(a.encode(all), back));
    QCOMPARE(back, all);
  }
};

QTEST_GUILESS_MAIN(TestPreTokenizer)
#include "test_pre_tokenizer.moc"
