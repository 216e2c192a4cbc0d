// SPDX-License-Identifier: MIT
// `catdpo tokenize` end to end: JSON output carries the ids Hugging Face gives (from the
// fixture vectors), and a missing tokenizer fails with the path in the message.
#include <QtTest>

#include "support/cli_runner.h"
#include "support/fixtures.h"
#include "text_test_util.h"

using catdpo::test::CliResult;
using catdpo::test::runCli;

class TestTokenizeCli : public QObject {
  Q_OBJECT

 private slots:
  void jsonMatchesVectors() {
    CATDPO_REQUIRE_FIXTURE(tokPath, "tokenizers/gpt2/tokenizer.json");
    CATDPO_REQUIRE_FIXTURE(vectors, "tokenizers/vectors/openai-community__gpt2.json");
    CATDPO_REQUIRE_FIXTURE(inputs, "tokenizers/vectors/inputs.json");
    const auto in = catdpo::test::readJsonFile(inputs);
    std::string text;
    for (const auto& e : in["inputs"]) {
      if (e["id"] == "ascii_punct") text = e["text"].get<std::string>();
    }
    QVERIFY(!text.empty());
    const CliResult r = runCli(
        {"tokenize", "--tokenizer", tokPath, "--text", QString::fromStdString(text), "--json"});
    CATDPO_VERIFY_CLI_OK(r);
    const auto j = nlohmann::json::parse(r.outText());
    const auto expected = catdpo::test::readJsonFile(vectors)["entries"]["ascii_punct"];
    QCOMPARE(j["ids"].dump(), expected["input_ids"].dump());
    QCOMPARE(j["tokens"].dump(), expected["tokens"].dump());
    QCOMPARE(j["decoded"].get<std::string>(), text);
    QCOMPARE(j["vocab_size"].get<int>(), 50257);
    QCOMPARE(j["fingerprint"].get<std::string>().size(), std::size_t{64});
  }

  void humanOutputListsTokens() {
    CATDPO_REQUIRE_FIXTURE(tokPath, "tokenizers/gpt2/tokenizer.json");
    const CliResult r =
        runCli({"tokenize", "--tokenizer", tokPath, "--text", "Hello world<|endoftext|>"});
    CATDPO_VERIFY_CLI_OK(r);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains("3 token(s)"), qPrintable(out));
    QVERIFY(out.contains("15496"));
    QVERIFY(out.contains("\u0120world"));  // the byte-level spelling of " world"
    QVERIFY(out.contains("50256"));
  }

  void missingTokenizerFails() {
    const CliResult r = runCli({"tokenize", "--tokenizer", "/nonexistent/tok", "--text", "x"});
    CATDPO_VERIFY_CLI_EXIT(r, 1);
    QVERIFY2(r.err.contains("/nonexistent/tok"), r.err.constData());
  }
};

QTEST_GUILESS_MAIN(TestTokenizeCli)
#include "test_tokenize_cli.moc"
