// SPDX-License-Identifier: MIT
// Tokenizer files: save -> load round trips (GPT-2, Qwen2 from vocab.json + merges.txt), a
// hand-written tokenizer.json with templates and strip flags (expected ids derived by hand),
// long pieces against the original GPT-2 algorithm, and clean errors for bad files.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "common/error.h"
#include "support/fixtures.h"
#include "text/tokenizer.h"
#include "text_test_util.h"

using namespace catdpo;

namespace {

void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Byte-level vocabulary of the characters in "abc Ġ" plus merges "a b" -> "ab", "ab c" -> "abc".
std::string tinyTokenizerJson(const std::string& extra = {}) {
  return R"({
  "added_tokens": [
    {"id": 7, "content": "<s>", "special": true},
    {"id": 8, "content": "</s>", "special": true},
    {"id": 9, "content": "[X]", "special": false, "lstrip": true, "rstrip": true}
  ],
  "normalizer": null,
  "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
  "post_processor": {"type": "TemplateProcessing",
    "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
               {"SpecialToken": {"id": "</s>", "type_id": 0}}],
    "special_tokens": {"<s>": {"id": "<s>", "ids": [7], "tokens": ["<s>"]},
                       "</s>": {"id": "</s>", "ids": [8], "tokens": ["</s>"]}}},
  "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "c": 2, "Ġ": 3, "ab": 4, "abc": 5, "Ġabc": 6},
            "merges": ["a b", ["ab", "c"], "Ġ abc"])" +
         extra + R"(}
})";
}

template <typename F>
Error expectError(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  QTest::qFail("expected a catdpo::Error", __FILE__, __LINE__);
  return Error("none");
}

}  // namespace

class TestTokenizerFiles : public QObject {
  Q_OBJECT

 private slots:
  void handWrittenTokenizerJson() {
    const Tokenizer tok = Tokenizer::fromJson(tinyTokenizerJson());
    QCOMPARE(tok.vocabSize(), 10);
    QCOMPARE(tok.bosId(), 7);
    QCOMPARE(tok.eosId(), 8);
    // "abc abc" -> "abc" | " abc" ; the template adds <s> ... </s>.
    QCOMPARE(test::idList(tok.encode("abc abc")), std::string("[5,6]"));
    QCOMPARE(test::idList(tok.encode("abc abc", true)), std::string("[7,5,6,8]"));
    // "cab": no merge "c a"; "a b" applies -> c, ab.
    QCOMPARE(test::idList(tok.encode("cab")), std::string("[2,4]"));
    // [X] strips the spaces on both sides.
    QCOMPARE(test::idList(tok.encode("abc  [X]  abc")), std::string("[5,9,5]"));
    QCOMPARE(tok.decode({7, 5, 9, 6, 8}, /*skipSpecial=*/true), std::string("abc[X] abc"));
    QCOMPARE(tok.decode({7, 5, 8}), std::string("<s>abc</s>"));
    // A byte outside the vocabulary is dropped (no unk token), as Hugging Face does.
    QCOMPARE(test::idList(tok.encode("abd")), std::string("[4]"));
    // Save and load keeps the template.
    QTemporaryDir dir;
    tok.save(dir.path().toStdString());
    const Tokenizer back = Tokenizer::load(dir.path().toStdString());
    QCOMPARE(test::idList(back.encode("abc abc", true)), std::string("[7,5,6,8]"));
    QCOMPARE(back.fingerprint(), tok.fingerprint());
    QCOMPARE(back.toJson(), tok.toJson());
  }

  void longPiecesMatchOriginalAlgorithm() {
    CATDPO_REQUIRE_FIXTURE(tokPath, "tokenizers/gpt2/tokenizer.json");
    const Tokenizer tok = Tokenizer::load(tokPath.toStdString());
    const auto data =
        test::readJsonFile(test::sourceDir() + "/tests/text/data/gpt2_long_pieces.json");
    for (const auto& p : data["pieces"]) {
      const auto piece = p["piece"].get<std::string>();
      QCOMPARE(test::idList(tok.encode(piece)),
               test::idList(p["ids"].get<std::vector<std::int32_t>>()));
    }
  }

  void gpt2SaveLoadRoundTrip() {
    CATDPO_REQUIRE_FIXTURE(tokPath, "tokenizers/gpt2/tokenizer.json");
    const Tokenizer tok = Tokenizer::load(tokPath.toStdString());
    QTemporaryDir dir;
    tok.save(dir.path().toStdString());
    const Tokenizer back = Tokenizer::load(dir.path().toStdString());
    QCOMPARE(back.fingerprint(), tok.fingerprint());
    QCOMPARE(back.fingerprint().size(), std::size_t{64});
    QCOMPARE(back.vocabSize(), 50257);
    QCOMPARE(back.bosId(), tok.bosId());
    QCOMPARE(back.eosId(), tok.eosId());
    const std::string sample = "It's 12:34 — \"quote\" 日本語 🚀<|endoftext|>  x";
    QCOMPARE(back.encode(sample), tok.encode(sample));
  }

  void qwen2VocabMergesSaveAsTokenizerJson() {
    CATDPO_REQUIRE_FIXTURE(dir, "tokenizers/qwen2");
    CATDPO_REQUIRE_FIXTURE(inputs, "tokenizers/vectors/inputs.json");
    const Tokenizer tok = Tokenizer::load(dir.toStdString());
    QTemporaryDir out;
    tok.save(out.path().toStdString());
    const Tokenizer back = Tokenizer::load((out.path() + "/tokenizer.json").toStdString());
    QCOMPARE(back.preTokenizerName(), std::string("qwen2"));
    QVERIFY(back.normalizesNfc());
    QCOMPARE(back.eosId(), tok.eosId());
    QCOMPARE(back.padId(), tok.padId());
    QCOMPARE(back.fingerprint(), tok.fingerprint());
    const auto file = test::readJsonFile(inputs);
    for (const auto& e : file["inputs"]) {
      const auto text = e["text"].get<std::string>();
      QCOMPARE(back.encode(text), tok.encode(text));
    }
    QVERIFY(back.fingerprint() != Tokenizer::fromJson(tinyTokenizerJson()).fingerprint());
  }

  void emptyTokenizer() {
    const Tokenizer none;
    QCOMPARE(none.vocabSize(), 0);
    QVERIFY(none.encode("abc").empty());
    QCOMPARE(none.decode({1, 2}), std::string());
    QCOMPARE(none.eosId(), -1);
  }

  void missingFiles() {
    QTemporaryDir dir;
    const auto root = std::filesystem::path(dir.path().toStdString());
    Error e = expectError([&] { Tokenizer::load(root / "nope.json"); });
    QCOMPARE(e.where().file, (root / "nope.json").string());
    e = expectError([&] { Tokenizer::load(root); });  // empty folder
    QCOMPARE(e.where().file, root.string());
    writeFile(root / "tokenizer.model", "not read");
    e = expectError([&] { Tokenizer::load(root); });
    QVERIFY(std::string(e.what()).find("SentencePiece") != std::string::npos);
    writeFile(root / "vocab.json", R"({"a": 0})");
    e = expectError([&] { Tokenizer::load(root); });  // vocab.json without merges.txt
    QCOMPARE(e.where().file, (root / "merges.txt").string());
  }

  void malformedJsonNamesLine() {
    QTemporaryDir dir;
    const auto path = std::filesystem::path(dir.path().toStdString()) / "tokenizer.json";
    writeFile(path, "{\n  \"model\": {\n    \"vocab\": {\"a\": 0,,}\n  }\n}\n");
    const Error e = expectError([&] { Tokenizer::load(path); });
    QCOMPARE(e.where().file, path.string());
    QCOMPARE(e.where().line, std::int64_t{3});
    QVERIFY(std::string(e.what()).find("malformed JSON") != std::string::npos);
  }

  void badFieldsAreNamed() {
    auto fieldOf = [](const std::string& json) {
      return expectError([&] { Tokenizer::fromJson(json); }).where().field;
    };
    const std::string j = tinyTokenizerJson();
    auto with = [&](const std::string& from, const std::string& to) {
      std::string copy = j;
      return copy.replace(copy.find(from), from.size(), to);
    };
    const Error wordPiece =
        expectError([&] { Tokenizer::fromJson(with("\"BPE\"", "\"WordPiece\"")); });
    QCOMPARE(wordPiece.where().field, std::string("model.type"));
    QCOMPARE(wordPiece.where().line, std::int64_t{14});  // the line of "model": {"type": ...
    QCOMPARE(wordPiece.where().file, std::string("tokenizer.json"));
    QCOMPARE(fieldOf(with("\"b\": 1", "\"b\": \"x\"")), std::string("model.vocab[\"b\"]"));
    QCOMPARE(fieldOf(with("\"Ġ abc\"", "\"Ġ zzz\"")), std::string("model.merges[2]"));
    QCOMPARE(fieldOf(with("\"a b\"", "\"ab\"")), std::string("model.merges[0]"));
    QCOMPARE(fieldOf(with("\"id\": 8,", "\"id\": -1,")), std::string("added_tokens[1].id"));
    QCOMPARE(fieldOf(with("\"normalizer\": null", "\"normalizer\": {\"type\": \"Lowercase\"}")),
             std::string("normalizer.type"));
    const std::string split =
        R"({"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"Regex": "\\w+"},
            "behavior": "Isolated", "invert": false}, {"type": "ByteLevel", "use_regex": false}]})";
    const auto pre = j.find("{\"type\": \"ByteLevel\", \"add_prefix_space\": false");
    QCOMPARE(fieldOf(std::string(j).replace(pre, j.find('}', pre) + 1 - pre, split)),
             std::string("pre_tokenizer.pretokenizers[0].pattern.Regex"));
    QCOMPARE(fieldOf(std::string(j).replace(pre, j.find('}', pre) + 1 - pre, "null")),
             std::string("pre_tokenizer"));
    // A config naming an eos that does not exist.
    const Error e = expectError([&] { Tokenizer::fromJson(j, R"({"eos_token": "<nope>"})"); });
    QCOMPARE(e.where().field, std::string("eos_token"));
    QCOMPARE(e.where().file, std::string("tokenizer_config.json"));
  }

  void badMergesLine() {
    QTemporaryDir dir;
    const auto root = std::filesystem::path(dir.path().toStdString());
    writeFile(root / "vocab.json", R"({"a": 0, "b": 1, "ab": 2})");
    writeFile(root / "merges.txt", "#version: 0.2\na b\nab\n");
    const Error e = expectError([&] { Tokenizer::load(root / "vocab.json"); });
    QCOMPARE(e.where().file, (root / "merges.txt").string());
    QCOMPARE(e.where().line, std::int64_t{3});
    writeFile(root / "merges.txt", "#version: 0.2\na b\n");
    const Tokenizer ok = Tokenizer::load(root);
    QCOMPARE(test::idList(ok.encode("abba")), std::string("[2,1,0]"));
  }
};

QTEST_GUILESS_MAIN(TestTokenizerFiles)
#include "test_tokenizer_files.moc"
