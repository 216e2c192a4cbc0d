// SPDX-License-Identifier: MIT
// Chat templates: exact template text, and the boundary promise -- prompt ids followed by
// response ids equal the encoding of the whole text -- on real PKU-SafeRLHF rows with the
// GPT-2 and Qwen2 tokenizers; EOS and end-of-turn handling.
#include <QtTest>
#include <fstream>

#include "common/error.h"
#include "support/fixtures.h"
#include "text/chat_template.h"
#include "text/tokenizer.h"
#include "text_test_util.h"

using namespace catdpo;

namespace {

std::vector<std::pair<std::string, std::string>> pkuPairs(const QString& path) {
  std::vector<std::pair<std::string, std::string>> out;
  std::ifstream in(path.toStdString());
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto row = nlohmann::json::parse(line);
    for (const char* key : {"response_0", "response_1"}) {
      out.emplace_back(row["prompt"].get<std::string>(), row[key].get<std::string>());
    }
  }
  return out;
}

void checkBoundary(const Tokenizer& tok, const ChatTemplate& t,
                   const std::vector<std::pair<std::string, std::string>>& pairs) {
  for (const auto& [prompt, response] : pairs) {
    const PromptResponseIds ids = t.encode(tok, prompt, response, /*appendEos=*/false);
    std::vector<std::int32_t> joined = ids.prompt;
    joined.insert(joined.end(), ids.response.begin(), ids.response.end());
    QCOMPARE(test::idList(joined), test::idList(tok.encode(t.fullText(prompt, response))));
    QCOMPARE(tok.decode(ids.response), t.responseText(response));
  }
}

}  // namespace

class TestChatTemplate : public QObject {
  Q_OBJECT

 private slots:
  void templateText() {
    const ChatTemplate pku = ChatTemplate::byName("pku");
    QCOMPARE(pku.fullText("How do I bake bread?", "Mix flour and water."),
             std::string("BEGINNING OF CONVERSATION: USER: How do I bake bread? ASSISTANT: Mix "
                         "flour and water."));
    QCOMPARE(pku.responseText("\nList:"), std::string("\nList:"));  // no extra separator
    const ChatTemplate chatml = ChatTemplate::byName("ChatML");
    QCOMPARE(chatml.name(), std::string("chatml"));
    QCOMPARE(chatml.fullText("hi", "hello"),
             std::string("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\nhello<|im_end|>"));
    try {
      ChatTemplate::byName("llama1");
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().field, std::string("chat_template"));
      QVERIFY(std::string(e.what()).find("pku, chatml") != std::string::npos);
    }
  }

  void leadingBosButNoTrailingEosInPrompt() {
    // A Llama-style tokenizer: BOS before every sequence, EOS after it.
    const Tokenizer trained =
        trainBpe({"hello there, how are you? fine thanks"}, 300, {"<s>", "</s>"});
    const Tokenizer tok = Tokenizer::fromJson(
        trained.toJson(),
        R"({"bos_token": "<s>", "eos_token": "</s>", "add_bos_token": true, "add_eos_token": true})");
    QCOMPARE(tok.specialPrefix(), (std::vector<std::int32_t>{0}));
    QCOMPARE(tok.specialSuffix(), (std::vector<std::int32_t>{1}));
    const ChatTemplate pku = ChatTemplate::byName("pku");
    const PromptResponseIds ids = pku.encode(tok, "hello there", "fine thanks");
    QCOMPARE(ids.prompt.front(), 0);
    QVERIFY(ids.prompt.back() != 1);
    QCOMPARE(ids.response.back(), 1);
    QCOMPARE(std::count(ids.response.begin(), ids.response.end(), 1), 1);
    QCOMPARE(tok.decode(ids.prompt, /*skipSpecial=*/true), pku.promptText("hello there"));
    QCOMPARE(tok.decode(ids.response, /*skipSpecial=*/true), std::string(" fine thanks"));
    QCOMPARE(pku.stopIds(tok), (std::vector<std::int32_t>{1}));
  }

  void pkuBoundaryWithGpt2() {
    CATDPO_REQUIRE_FIXTURE(tokPath, "tokenizers/gpt2/tokenizer.json");
    CATDPO_REQUIRE_FIXTURE(rows, "pku_saferlhf/alpaca7b_test_first10.jsonl");
    const Tokenizer tok = Tokenizer::load(tokPath.toStdString());
    const auto pairs = pkuPairs(rows);
    QCOMPARE(pairs.size(), std::size_t{20});
    checkBoundary(tok, ChatTemplate::byName("pku"), pairs);
    checkBoundary(tok, ChatTemplate::byName("chatml"), pairs);
    const auto ids = ChatTemplate::byName("pku").encode(tok, pairs[0].first, pairs[0].second);
    QCOMPARE(ids.response.back(), 50256);
    QCOMPARE(ids.prompt.back(), tok.tokenToId(":"));
  }

  void chatmlWithQwen2() {
    CATDPO_REQUIRE_FIXTURE(dir, "tokenizers/qwen2");
    CATDPO_REQUIRE_FIXTURE(rows, "pku_saferlhf/alpaca7b_test_first10.jsonl");
    const Tokenizer tok = Tokenizer::load(dir.toStdString());
    const ChatTemplate chatml = ChatTemplate::byName("chatml");
    const auto pairs = pkuPairs(rows);
    checkBoundary(tok, chatml, pairs);
    checkBoundary(tok, ChatTemplate::byName("pku"), pairs);
    const auto ids = chatml.encode(tok, "hi", "hello");
    QCOMPARE(ids.prompt.front(), 151644);  // <|im_start|>
    // Qwen's EOS is <|im_end|>: it ends the response once, not twice.
    QCOMPARE(ids.response.back(), 151645);
    QVERIFY(ids.response[ids.response.size() - 2] != 151645);
    QCOMPARE(chatml.stopIds(tok), (std::vector<std::int32_t>{151645}));
  }
};

QTEST_GUILESS_MAIN(TestChatTemplate)
#include "test_chat_template.moc"
