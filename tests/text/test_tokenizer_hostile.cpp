// SPDX-License-Identifier: MIT
// Tokenizer files from strangers: ids that would be narrowed to 32 bits or used as indices
// (2^31-1, 2^32-1, 3*10^9, 2^32+1, -1, floats), a vocabulary id that would size tables of 3*10^7
// entries, deeply nested Sequence normalizers and post-processors. Each is refused with an
// error naming the file and the field, quickly and without a large allocation.
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <fstream>

#include "common/error.h"
#include "text/tokenizer.h"

using namespace catdpo;

namespace {

void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string tokenizerJson(const std::string& addedTokens, const std::string& vocabExtra = {},
                          const std::string& normalizer = "null",
                          const std::string& postProcessor = "null") {
  return R"({"added_tokens": [)" + addedTokens + R"(], "normalizer": )" + normalizer +
         R"(, "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false},
  "post_processor": )" +
         postProcessor + R"(,
  "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2)" +
         vocabExtra + R"(}, "merges": ["a b"]}})";
}

Error expectError(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  QTest::qFail("expected a catdpo::Error", __FILE__, __LINE__);
  return Error("none");
}

}  // namespace

class TestTokenizerHostile : public QObject {
  Q_OBJECT
 private slots:
  void addedTokenIdsAreRangeChecked_data() {
    QTest::addColumn<QString>("id");
    for (const char* id : {"2147483647", "4294967295", "3000000000", "4294967297", "-1", "7.5",
                           "1e3", "\"3\"", "18446744073709551615"})
      QTest::newRow(id) << QString::fromLatin1(id);
  }
  void addedTokenIdsAreRangeChecked() {
    QFETCH(QString, id);
    const std::string json =
        tokenizerJson(R"({"id": )" + id.toStdString() + R"(, "content": "<x>", "special": true})");
    const Error e = expectError([&] { Tokenizer::fromJson(json, {}, "t.json"); });
    QCOMPARE(e.where().file, std::string("t.json"));
    QCOMPARE(e.where().field, std::string("added_tokens[0].id"));
  }

  void configDecoderKeysMustBeIds_data() {
    QTest::addColumn<QString>("key");
    for (const char* key : {"-1", "4294967297", "3e9", "2147483647", " 5", "0x10", "", "12abc"})
      QTest::newRow(key) << QString::fromLatin1(key);
  }
  void configDecoderKeysMustBeIds() {
    QFETCH(QString, key);
    const std::string config = "{\"added_tokens_decoder\": {\"" + key.toStdString() +
                               "\": {\"content\": \"<y>\", \"special\": true}}}";
    const Error e = expectError([&] { Tokenizer::fromJson(tokenizerJson(""), config, "t.json"); });
    QCOMPARE(e.where().file, std::string("tokenizer_config.json"));
    QCOMPARE(e.where().field, "added_tokens_decoder." + key.toStdString());
  }

  void slowFilesAddedTokensAreChecked() {
    QTemporaryDir dir;
    const std::filesystem::path root = dir.path().toStdString();
    writeFile(root / "vocab.json", R"({"a": 0, "b": 1, "ab": 2})");
    writeFile(root / "merges.txt", "a b\n");
    for (const char* id : {"4294967295", "-1", "2.0", "3000000000"}) {
      writeFile(root / "added_tokens.json", std::string(R"({"<z>": )") + id + "}");
      const Error e = expectError([&] { Tokenizer::load(root); });
      QCOMPARE(e.where().file, (root / "added_tokens.json").string());
      QCOMPARE(e.where().field, std::string("<z>"));
    }
    // A config that adds a token with an id far beyond the vocabulary.
    writeFile(root / "added_tokens.json", "{}");
    writeFile(root / "tokenizer_config.json",
              R"({"added_tokens_decoder": {"9999999": {"content": "<w>"}}})");
    const Error far = expectError([&] { Tokenizer::load(root); });
    QVERIFY2(std::string(far.what()).find("far beyond") != std::string::npos, far.what());
  }

  void sparseVocabularyIdIsRefusedBeforeAllocating() {
    // 300 bytes naming id 3*10^7 used to allocate three tables of 3*10^7 strings (3 GB).
    const auto start = std::chrono::steady_clock::now();
    const Error e = expectError(
        [&] { Tokenizer::fromJson(tokenizerJson("", R"(, "zz": 30000000)"), {}, "t.json"); });
    QCOMPARE(e.where().field, std::string("model.vocab[\"zz\"]"));
    QVERIFY2(std::string(e.what()).find("outside 0..16777215") != std::string::npos, e.what());
    // Below the absolute maximum, but far beyond what four tokens can use.
    const Error sparse = expectError(
        [&] { Tokenizer::fromJson(tokenizerJson("", R"(, "zz": 10000000)"), {}, "t.json"); });
    QCOMPARE(sparse.where().field, std::string("model.vocab[\"zz\"]"));
    QVERIFY2(std::string(sparse.what()).find("far beyond the 4 tokens") != std::string::npos,
             sparse.what());
    QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    const Error huge = expectError(
        [&] { Tokenizer::fromJson(tokenizerJson("", R"(, "zz": 3000000000)"), {}, "t.json"); });
    QCOMPARE(huge.where().field, std::string("model.vocab[\"zz\"]"));
    // A few gaps are normal (ids reserved for added tokens): accepted.
    const Tokenizer ok = Tokenizer::fromJson(tokenizerJson("", R"(, "zz": 1000)"), {}, "t.json");
    QCOMPARE(ok.vocabSize(), 1001);
  }

  void nestedSequencesAreBounded() {
    // 50 000 levels: refused by the JSON depth limit before any recursion.
    std::string deep;
    for (int i = 0; i < 50000; ++i) deep += R"({"type": "Sequence", "normalizers": [)";
    deep += R"({"type": "NFC"})";
    for (int i = 0; i < 50000; ++i) deep += "]}";
    const Error e =
        expectError([&] { Tokenizer::fromJson(tokenizerJson("", {}, deep), {}, "t.json"); });
    QVERIFY2(std::string(e.what()).find("CATDPO_JSON_MAX_DEPTH") != std::string::npos, e.what());
    // 20 levels fit the JSON limit but not the Sequence limit.
    std::string twenty = R"({"type": "NFC"})";
    for (int i = 0; i < 20; ++i)
      twenty = R"({"type": "Sequence", "normalizers": [)" + twenty + "]}";
    const Error n =
        expectError([&] { Tokenizer::fromJson(tokenizerJson("", {}, twenty), {}, "t.json"); });
    QVERIFY2(std::string(n.what()).find("nested deeper than 8") != std::string::npos, n.what());
    std::string post = R"({"type": "ByteLevel"})";
    for (int i = 0; i < 20; ++i) post = R"({"type": "Sequence", "processors": [)" + post + "]}";
    const Error p = expectError(
        [&] { Tokenizer::fromJson(tokenizerJson("", {}, "null", post), {}, "t.json"); });
    QVERIFY2(std::string(p.what()).find("nested deeper than 8") != std::string::npos, p.what());
  }

  void templateIdsMustExist() {
    const std::string missing = R"({"type": "TemplateProcessing",
      "single": [{"SpecialToken": {"id": "<s>"}}, {"Sequence": {"id": "A"}}],
      "special_tokens": {"<s>": {"id": "<s>", "ids": [4294967295]}}})";
    const Error e = expectError(
        [&] { Tokenizer::fromJson(tokenizerJson("", {}, "null", missing), {}, "t.json"); });
    QCOMPARE(e.where().field, std::string("special_tokens.<s>.ids[0]"));
    const std::string absent = R"({"type": "TemplateProcessing",
      "single": [{"SpecialToken": {"id": "<s>"}}, {"Sequence": {"id": "A"}}],
      "special_tokens": {"<s>": {"id": "<s>", "ids": [77]}}})";
    const Error a = expectError(
        [&] { Tokenizer::fromJson(tokenizerJson("", {}, "null", absent), {}, "t.json"); });
    QVERIFY2(std::string(a.what()).find("token id 77") != std::string::npos, a.what());
    const std::string roberta = R"({"type": "RobertaProcessing", "cls": ["<s>", 0.5],
      "sep": ["</s>", 1]})";
    const Error r = expectError(
        [&] { Tokenizer::fromJson(tokenizerJson("", {}, "null", roberta), {}, "t.json"); });
    QCOMPARE(r.where().field, std::string("post_processor.cls[1]"));
  }

  void wrongTypesNameTheField() {
    const std::string json = R"({"model": {"type": 5, "vocab": {}, "merges": []}})";
    const Error e = expectError([&] { Tokenizer::fromJson(json, {}, "t.json"); });
    QCOMPARE(e.where().field, std::string("model.type"));
    const Error cls = expectError(
        [&] { Tokenizer::fromJson(tokenizerJson(""), R"({"eos_token": 5})", "t.json"); });
    QCOMPARE(cls.where().field, std::string("eos_token"));
  }
};

QTEST_GUILESS_MAIN(TestTokenizerHostile)
#include "test_tokenizer_hostile.moc"
