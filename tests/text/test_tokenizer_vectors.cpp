// SPDX-License-Identifier: MIT
// Parity with Hugging Face: GPT-2's tokenizer.json and Qwen2's vocab.json + merges.txt must
// give exactly the ids, tokens and decoded text that transformers 4.57.1 produced for the
// multilingual stress inputs in ../shared/fixtures/tokenizers/vectors.
#include <QtTest>
#include <atomic>
#include <map>
#include <optional>
#include <thread>

#include "support/fixtures.h"
#include "text/tokenizer.h"
#include "text_test_util.h"

using namespace catdpo;

namespace {

std::map<std::string, std::string> inputsById(const QString& path) {
  std::map<std::string, std::string> out;
  const auto file = test::readJsonFile(path);  // named: a temporary would die before the loop
  for (const auto& e : file["inputs"]) {
    out[e["id"].get<std::string>()] = e["text"].get<std::string>();
  }
  return out;
}

// Every entry of a vectors file: ids, tokens and both decodings.
void checkVectors(const Tokenizer& tok, const QString& vectorsPath, const QString& inputsPath,
                  std::size_t minEntries) {
  const auto inputs = inputsById(inputsPath);
  const auto vectors = test::readJsonFile(vectorsPath);
  std::size_t checked = 0;
  for (const auto& [id, entry] : vectors["entries"].items()) {
    const auto it = inputs.find(id);
    QVERIFY2(it != inputs.end(), id.c_str());
    const auto expected = entry["input_ids"].get<std::vector<std::int32_t>>();
    const auto ids = tok.encode(it->second);
    QVERIFY2(ids == expected, qPrintable(QString("%1: got %2, expected %3")
                                             .arg(QString::fromStdString(id),
                                                  QString::fromStdString(test::idList(ids)),
                                                  QString::fromStdString(test::idList(expected)))));
    const auto tokens = entry["tokens"].get<std::vector<std::string>>();
    QCOMPARE(tokens.size(), ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) QCOMPARE(tok.idToToken(ids[i]), tokens[i]);
    QCOMPARE(tok.decode(ids), entry["decoded_with_special"].get<std::string>());
    QCOMPARE(tok.decode(ids, /*skipSpecial=*/true),
             entry["decoded_skip_special"].get<std::string>());
    ++checked;
  }
  QVERIFY(checked >= minEntries);
}

}  // namespace

class TestTokenizerVectors : public QObject {
  Q_OBJECT

 private slots:
  void gpt2MatchesTransformers() {
    CATDPO_REQUIRE_FIXTURE(tokPath, "tokenizers/gpt2/tokenizer.json");
    CATDPO_REQUIRE_FIXTURE(vectors, "tokenizers/vectors/openai-community__gpt2.json");
    CATDPO_REQUIRE_FIXTURE(inputs, "tokenizers/vectors/inputs.json");
    const Tokenizer tok = Tokenizer::load(tokPath.toStdString());
    QCOMPARE(tok.vocabSize(), 50257);
    QCOMPARE(tok.eosId(), 50256);
    QCOMPARE(tok.preTokenizerName(), std::string("gpt2"));
    QVERIFY(!tok.normalizesNfc());
    checkVectors(tok, vectors, inputs, 30);
  }

  void gpt2EncodedParagraph() {
    CATDPO_REQUIRE_FIXTURE(tokPath, "tokenizers/gpt2/tokenizer.json");
    CATDPO_REQUIRE_FIXTURE(vectors, "tokenizers/vectors/gpt2_encoded_tokens.json");
    const Tokenizer tok = Tokenizer::load(tokPath.toStdString());
    const auto v = test::readJsonFile(vectors);
    const auto ids = tok.encode(v["text"].get<std::string>());
    QCOMPARE(test::idList(ids), test::idList(v["token_ids"].get<std::vector<std::int32_t>>()));
    const auto tokens = v["bpe_tokens"].get<std::vector<std::string>>();
    QCOMPARE(tokens.size(), ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) QCOMPARE(tok.idToToken(ids[i]), tokens[i]);
    QCOMPARE(tok.decode(ids), v["decoded_text"].get<std::string>());
  }

  void qwen2MatchesTransformers() {
    CATDPO_REQUIRE_FIXTURE(dir, "tokenizers/qwen2");
    CATDPO_REQUIRE_FIXTURE(vectors, "tokenizers/vectors/Qwen__Qwen2.5-0.5B.json");
    CATDPO_REQUIRE_FIXTURE(inputs, "tokenizers/vectors/inputs.json");
    const Tokenizer tok = Tokenizer::load(dir.toStdString());
    QCOMPARE(tok.vocabSize(), 151646);
    QCOMPARE(tok.preTokenizerName(), std::string("qwen2"));
    QVERIFY(tok.normalizesNfc());
    QCOMPARE(tok.eosId(), 151645);  // <|im_end|>, from tokenizer_config.json
    QCOMPARE(tok.padId(), 151643);
    QCOMPARE(tok.bosId(), -1);
    checkVectors(tok, vectors, inputs, 15);
  }

  void qwen2SpecialTokensAndNfc() {
    CATDPO_REQUIRE_FIXTURE(dir, "tokenizers/qwen2");
    const Tokenizer tok = Tokenizer::load(dir.toStdString());
    // Special tokens are cut out before pre-tokenization, even glued to words.
    const auto ids = tok.encode("<|im_start|>user\nhi<|im_end|><|endoftext|>");
    QCOMPARE(ids.front(), 151644);
    QCOMPARE(ids[ids.size() - 2], 151645);
    QCOMPARE(ids.back(), 151643);
    QVERIFY(tok.isSpecial(151644));
    QCOMPARE(tok.decode(ids), std::string("<|im_start|>user\nhi<|im_end|><|endoftext|>"));
    QCOMPARE(tok.decode(ids, /*skipSpecial=*/true), std::string("user\nhi"));
    // NFD and NFC spellings of "café" encode alike because the tokenizer asks for NFC.
    QCOMPARE(tok.encode("cafe\xCC\x81"), tok.encode("caf\xC3\xA9"));
    QCOMPARE(tok.decode(tok.encode("cafe\xCC\x81")), std::string("caf\xC3\xA9"));
    // GPT-2 has no normaliser: the two spellings stay different.
  }

  void concurrentEncodeAgrees() {
    CATDPO_REQUIRE_FIXTURE(dir, "tokenizers/qwen2");
    CATDPO_REQUIRE_FIXTURE(inputs, "tokenizers/vectors/inputs.json");
    const Tokenizer tok = Tokenizer::load(dir.toStdString());
    std::vector<std::string> texts;
    for (const auto& [id, text] : inputsById(inputs)) texts.push_back(text);
    std::vector<std::vector<std::int32_t>> expected;
    for (const auto& t : texts) expected.push_back(tok.encode(t));
    // Copies share one word cache; four threads hammer it while it fills and is read.
    const Tokenizer fresh = Tokenizer::load(dir.toStdString());
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        const Tokenizer copy = fresh;
        for (int round = 0; round < 20; ++round) {
          for (std::size_t i = 0; i < texts.size(); ++i) {
            const std::size_t k = (i + static_cast<std::size_t>(t) * 7) % texts.size();
            if (copy.encode(texts[k]) != expected[k]) ++mismatches;
          }
        }
      });
    }
    for (auto& th : threads) th.join();
    QCOMPARE(mismatches.load(), 0);
  }

  void gpt2SpecialTokenAndRoundTrip() {
    CATDPO_REQUIRE_FIXTURE(tokPath, "tokenizers/gpt2/tokenizer.json");
    const Tokenizer tok = Tokenizer::load(tokPath.toStdString());
    const auto ids = tok.encode("Hello<|endoftext|> world");
    QCOMPARE(test::idList(ids), std::string("[15496,50256,995]"));
    QCOMPARE(tok.decode(ids, /*skipSpecial=*/true), std::string("Hello world"));
    QVERIFY(tok.encode("cafe\xCC\x81") != tok.encode("caf\xC3\xA9"));
    // Arbitrary bytes (including invalid UTF-8) survive as raw token bytes.
    const std::string bytes = "x\xff\xfe\x01\n\t  z";
    std::string raw;
    for (const auto id : tok.encode(bytes)) raw += tok.tokenBytes(id);
    QCOMPARE(raw, bytes);
    // A long run exercises the heap-based merge path.
    const std::string run(500, 'a');
    QCOMPARE(tok.decode(tok.encode(run)), run);
  }
};

QTEST_GUILESS_MAIN(TestTokenizerVectors)
#include "test_tokenizer_vectors.moc"
