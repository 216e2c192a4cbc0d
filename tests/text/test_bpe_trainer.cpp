// SPDX-License-Identifier: MIT
// BPE training: a corpus small enough to derive the merges by hand, a larger generated corpus
// that must reach the requested size, determinism, round trips and save/load equality.
#include <QTemporaryDir>
#include <QtTest>

#include "common/error.h"
#include "text/bpe_trainer.h"
#include "text/tokenizer.h"
#include "text_test_util.h"

using namespace catdpo;

namespace {

// Deterministic pseudo-sentences: enough distinct words for a few hundred merges.
std::vector<std::string> generatedCorpus(int n) {
  const char* subjects[] = {"The model", "A user",     "My neighbour", "The assistant",
                            "Someone",   "Das Modell", "L'assistant",  "Un usuario"};
  const char* verbs[] = {"asked about", "refused",    "explained",  "described",
                         "ignored",     "summarised", "translated", "answered"};
  const char* objects[] = {"chemical safety",       "a recipe for bread",    "privacy law",
                           "the weather in Zürich", "café prices",           "emoji 🚀 rockets",
                           "日本語 の 文章",        "numbers 12345 and 3.14"};
  std::vector<std::string> out;
  std::uint32_t state = 12345;
  auto next = [&](std::uint32_t mod) {
    state = state * 1664525u + 1013904223u;
    return (state >> 16) % mod;
  };
  for (int i = 0; i < n; ++i) {
    out.push_back(std::string(subjects[next(8)]) + " " + verbs[next(8)] + " " + objects[next(8)] +
                  (next(3) == 0 ? "!\n" : ". ") + std::to_string(next(1000)));
  }
  return out;
}

}  // namespace

class TestBpeTrainer : public QObject {
  Q_OBJECT

 private slots:
  void handDerivedMerges() {
    // Words "abab" and " abab": (a,b) occurs 4 times -> "ab"; then (ab,ab) twice -> "abab";
    // (Ġ,abab) occurs once, below the minimum count of 2, so training stops at 258.
    const Tokenizer tok = trainBpe({"abab abab"}, 300, {});
    QCOMPARE(tok.vocabSize(), 258);
    QCOMPARE(tok.tokenToId("ab"), 256);
    QCOMPARE(tok.tokenToId("abab"), 257);
    QCOMPARE(test::idList(tok.encode("abab abab")), test::idList({257, tok.tokenToId("Ġ"), 257}));
    QCOMPARE(test::idList(tok.encode("aba")), test::idList({256, tok.tokenToId("a")}));
    // Byte symbols come first, in code point order: '!' is the lowest printable one.
    QCOMPARE(tok.idToToken(0), std::string("!"));
    QCOMPARE(tok.eosId(), -1);
  }

  void specialTokensFirstAndNeverLearned() {
    std::vector<std::string> corpus(50, "hello<|endoftext|>world<|endoftext|>");
    const Tokenizer tok = trainBpe(corpus, 400, {"<|endoftext|>", "<pad>"});
    QCOMPARE(tok.tokenToId("<|endoftext|>"), 0);
    QCOMPARE(tok.tokenToId("<pad>"), 1);
    QCOMPARE(tok.eosId(), 0);
    QCOMPARE(tok.bosId(), 0);  // GPT-2 convention: <|endoftext|> serves both ends
    QCOMPARE(tok.padId(), 1);
    QCOMPARE(tok.tokenToId("<|"), -1);  // the markup was cut out before counting
    QCOMPARE(tok.tokenToId("hello"), tok.encode("hello").front());
    const auto ids = tok.encode("hello<|endoftext|>");
    QCOMPARE(ids.back(), 0);
    QCOMPARE(tok.decode(ids, /*skipSpecial=*/true), std::string("hello"));
  }

  void reachesSizeDeterministicallyAndRoundTrips() {
    const auto corpus = generatedCorpus(3000);
    const Tokenizer a = trainBpe(corpus, 700, {"<|endoftext|>"});
    const Tokenizer b = trainBpe(corpus, 700, {"<|endoftext|>"});
    QCOMPARE(a.vocabSize(), 700);
    QCOMPARE(a.fingerprint(), b.fingerprint());
    for (const auto& text : {corpus[0], corpus[17], std::string("unseen: Ωmega ☃ \t tabs\n\n")}) {
      QCOMPARE(a.decode(a.encode(text)), text);
    }
    // Frequent words became single tokens.
    QCOMPARE(a.encode(" assistant").size(), std::size_t{1});
    QTemporaryDir dir;
    a.save(dir.path().toStdString());
    const Tokenizer back = Tokenizer::load(dir.path().toStdString());
    QCOMPARE(back.fingerprint(), a.fingerprint());
    QCOMPARE(back.vocabSize(), 700);
    QCOMPARE(back.eosId(), 0);
    QVERIFY(back.normalizesNfc());
    for (const auto& text : corpus) QCOMPARE(back.encode(text), a.encode(text));
  }

  void badArguments() {
    try {
      trainBpe({"abc"}, 200, {});
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().field, std::string("vocab_size"));
    }
    try {
      trainBpe({"abc"}, 400, {"<s>", "<s>"});
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().field, std::string("special_tokens"));
    }
  }
};

QTEST_GUILESS_MAIN(TestBpeTrainer)
#include "test_bpe_trainer.moc"
