// SPDX-License-Identifier: MIT
// The chat formats of the models people align (Llama-3, Llama-2, Mistral, Gemma, Phi-3,
// Alpaca, and a custom one) beside pku and chatml: the exact text of one turn, the boundary
// promise (prompt ids + response ids = the tokenizer's own encoding of the whole text) on real
// PKU-SafeRLHF rows with the GPT-2 and Qwen2 tokenizers and with each format's special tokens
// as real added tokens, and `chat_template: auto` reading a model's tokenizer_config.json:
// recognised, refused (naming the option) when it cannot be, never crashed by a bad file.
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "support/fixtures.h"
#include "text/chat_template.h"
#include "text/chat_template_auto.h"
#include "text/pre_tokenizer.h"
#include "text/tokenizer.h"
#include "text_test_util.h"

using namespace catdpo;
namespace fs = std::filesystem;

namespace {

std::vector<std::pair<std::string, std::string>> pkuPairs(const QString& path) {
  std::vector<std::pair<std::string, std::string>> out;
  std::ifstream in(path.toStdString());
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto row = nlohmann::json::parse(line);
    for (const char* key : {"response_0", "response_1"})
      out.emplace_back(row["prompt"].get<std::string>(), row[key].get<std::string>());
  }
  return out;
}

void checkBoundary(const Tokenizer& tok, const ChatTemplate& t,
                   const std::vector<std::pair<std::string, std::string>>& pairs) {
  for (const auto& [prompt, response] : pairs) {
    const PromptResponseIds ids = t.encode(tok, prompt, response, /*appendEos=*/false);
    std::vector<std::int32_t> joined = ids.prompt;
    joined.insert(joined.end(), ids.response.begin(), ids.response.end());
    QVERIFY2(test::idList(joined) == test::idList(tok.encode(t.fullText(prompt, response), true)),
             qPrintable(QString::fromStdString(t.name() + ": " + t.fullText(prompt, response))));
    QCOMPARE(tok.decode(ids.response), t.responseText(response));
  }
}

const std::vector<std::string> kSpecials{
    "<|im_start|>",  "<|im_end|>",      "<|start_header_id|>", "<|end_header_id|>",
    "<|eot_id|>",    "<start_of_turn>", "<end_of_turn>",       "<|user|>",
    "<|assistant|>", "<|end|>"};

// GPT-2's BPE with the formats' markers added as special tokens (ids 50257...); `llama3Split`
// splits the text as Llama-3's tokenizer does (newlines kept together before a word).
Tokenizer gpt2WithSpecials(const QString& tokenizerJson, const std::string& eos,
                           bool llama3Split = false) {
  nlohmann::json j = test::readJsonFile(tokenizerJson);
  if (llama3Split)
    j["pre_tokenizer"] = {
        {"type", "Sequence"},
        {"pretokenizers",
         {{{"type", "Split"},
           {"pattern", {{"Regex", text::splitPatternRegex(text::SplitPattern::Llama3)}}},
           {"behavior", "Isolated"},
           {"invert", false}},
          {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", false}}}}};
  std::int32_t id = 50257;
  for (const std::string& s : kSpecials)
    j["added_tokens"].push_back({{"id", id++},
                                 {"content", s},
                                 {"single_word", false},
                                 {"lstrip", false},
                                 {"rstrip", false},
                                 {"normalized", false},
                                 {"special", true}});
  const nlohmann::json config = {{"eos_token", eos}};
  return Tokenizer::fromJson(j.dump(), config.dump());
}

void writeFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

CustomChatFormat customFormat() { return {"Question: {prompt}\nAnswer:", " ", "\n\n", ""}; }

}  // namespace

class TestChatFormats : public QObject {
  Q_OBJECT

 private slots:
  void eachFormatRendersItsModelsText() {
    const auto full = [](const char* name) {
      return ChatTemplate::byName(name).fullText("  hi ", "hello ");
    };
    QCOMPARE(full("llama3"),
             std::string("<|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>"
                         "<|start_header_id|>assistant<|end_header_id|>\n\nhello<|eot_id|>"));
    QCOMPARE(full("llama2"), std::string("[INST] hi [/INST] hello"));
    QCOMPARE(full("mistral"), std::string("[INST]   hi  [/INST]hello "));
    QCOMPARE(full("gemma"), std::string("<start_of_turn>user\nhi<end_of_turn>\n"
                                        "<start_of_turn>model\nhello<end_of_turn>"));
    QCOMPARE(full("phi3"), std::string("<|user|>\n  hi <|end|>\n<|assistant|>\nhello <|end|>"));
    QCOMPARE(full("alpaca"),
             std::string("Below is an instruction that describes a task. Write a response that "
                         "appropriately completes the request.\n\n### Instruction:\n  hi \n\n"
                         "### Response:\nhello "));
    QCOMPARE(ChatTemplate::byName("chatml", "Be brief.").fullText("hi", "hello"),
             std::string("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nhi<|im_end|>"
                         "\n<|im_start|>assistant\nhello<|im_end|>"));
    QVERIFY(ChatTemplate::byName("llama3", "Be brief.")
                .promptText("hi")
                .rfind("<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                       "<|start_header_id|>user",
                       0) == 0);
    const ChatTemplate custom = ChatTemplate::custom(customFormat());
    QCOMPARE(custom.fullText("hi", "hello"), std::string("Question: hi\nAnswer: hello\n\n"));
    QCOMPARE(ChatTemplate::names().size(), std::size_t{8});
    // Renderings that differ have different cache keys; a plain built-in keeps its name.
    QCOMPARE(ChatTemplate::byName("pku").key(), std::string("pku"));
    QVERIFY(ChatTemplate::byName("chatml", "A").key() != ChatTemplate::byName("chatml", "B").key());
    QVERIFY(custom.key() != ChatTemplate::custom({"Q: {prompt}\nA:", " ", "\n\n", ""}).key());
  }

  void refusesWhatItCannotRender() {
    try {
      ChatTemplate::byName("vicuna");
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().field, std::string("chat_template"));
      QVERIFY(std::string(e.what()).find("llama3") != std::string::npos);
    }
    for (const char* prompt : {"no marker", "{prompt} and {prompt}"}) {
      try {
        ChatTemplate::custom({prompt, "", "", ""});
        QFAIL("expected an error");
      } catch (const Error& e) {
        QCOMPARE(e.where().field, std::string("chat_custom.prompt"));
      }
    }
    QVERIFY_THROWS_EXCEPTION(Error, ChatTemplate::byName("gemma", "a system message"));
  }

  void boundaryOnRealRowsWithGpt2AndQwen2() {
    CATDPO_REQUIRE_FIXTURE(gpt2Path, "tokenizers/gpt2/tokenizer.json");
    CATDPO_REQUIRE_FIXTURE(qwenDir, "tokenizers/qwen2");
    CATDPO_REQUIRE_FIXTURE(rows, "pku_saferlhf/alpaca7b_test_first10.jsonl");
    const auto pairs = pkuPairs(rows);
    QCOMPARE(pairs.size(), std::size_t{20});
    const Tokenizer gpt2 = Tokenizer::load(gpt2Path.toStdString());
    for (const Tokenizer& tok : {gpt2, Tokenizer::load(qwenDir.toStdString())}) {
      // Llama-3's "\n\n" before the answer stays one piece only with a split pattern that
      // keeps newlines together (Llama-3's own, Qwen2's), not with GPT-2's.
      for (const std::string& name : ChatTemplate::names())
        if (name != "llama3" || tok.preTokenizerName() != "gpt2")
          checkBoundary(tok, ChatTemplate::byName(name), pairs);
      checkBoundary(tok, ChatTemplate::custom(customFormat()), pairs);
      checkBoundary(tok, ChatTemplate::byName("chatml", "You are a helpful assistant."), pairs);
    }
  }

  void markersAsSpecialTokens() {
    CATDPO_REQUIRE_FIXTURE(gpt2Path, "tokenizers/gpt2/tokenizer.json");
    CATDPO_REQUIRE_FIXTURE(rows, "pku_saferlhf/alpaca7b_test_first10.jsonl");
    const auto pairs = pkuPairs(rows);
    struct Case {
      const char* format;
      const char* eos;
      const char* promptEnd;  // the last special token of the prompt
      const char* turnEnd;    // ends the answer (once)
    };
    for (const Case& c : {Case{"llama3", "<|end|>", "<|end_header_id|>", "<|eot_id|>"},
                          Case{"gemma", "<|end|>", "<end_of_turn>", "<end_of_turn>"},
                          Case{"phi3", "<|end|>", "<|assistant|>", "<|end|>"},
                          Case{"chatml", "<|im_end|>", "<|im_start|>", "<|im_end|>"}}) {
      const Tokenizer tok = gpt2WithSpecials(gpt2Path, c.eos, std::string(c.format) == "llama3");
      const ChatTemplate t = ChatTemplate::byName(c.format);
      checkBoundary(tok, t, pairs);
      const PromptResponseIds ids = t.encode(tok, pairs[0].first, pairs[0].second);
      const std::int32_t end = tok.tokenToId(c.turnEnd);
      QVERIFY(end >= 50257);
      QCOMPARE(ids.response.back(), end);  // the end-of-turn token, and no EOS after it
      QCOMPARE(std::count(ids.response.begin(), ids.response.end(), end), 1);
      const auto promptEnd =
          std::find(ids.prompt.rbegin(), ids.prompt.rend(), tok.tokenToId(c.promptEnd));
      QVERIFY(promptEnd != ids.prompt.rend());
      const std::vector<std::int32_t> stops = t.stopIds(tok);
      QVERIFY(std::find(stops.begin(), stops.end(), end) != stops.end());
    }
  }

  void autoRecognisesTemplates() {
    struct Case {
      const char* jinja;
      const char* format;
    };
    // Written for this test in each family's markup (not the models' own files).
    for (const Case& c : {
             Case{"{{ bos_token }}{% for m in messages %}<|start_header_id|>{{ m['role'] }}"
                  "<|end_header_id|>\n\n{{ m['content'] | trim }}<|eot_id|>{% endfor %}",
                  "llama3"},
             Case{"{% for m in messages %}{{'<|im_start|>' + m['role'] + '\n' + m['content'] + "
                  "'<|im_end|>\n'}}{% endfor %}",
                  "chatml"},
             Case{"{% for m in messages %}{% if m['role'] == 'user' %}{{ bos_token + '[INST] ' + "
                  "m['content'] + ' [/INST]' }}{% else %}{{ ' ' + m['content'] + ' ' + "
                  "eos_token }}{% endif %}{% endfor %}",
                  "llama2"},
             Case{"{% for m in messages %}{% if m['role'] == 'user' %}{{ '[INST] ' + "
                  "m['content'] + ' [/INST]' }}{% else %}{{ m['content'] + eos_token }}"
                  "{% endif %}{% endfor %}",
                  "mistral"},
             Case{"{% for m in messages %}<start_of_turn>{{ m['role'] }}\n{{ m['content'] }}"
                  "<end_of_turn>\n{% endfor %}",
                  "gemma"},
             Case{"{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}<|end|>\n"
                  "{% endfor %}{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
                  "{# <|user|> #}",
                  "phi3"},
             Case{"{{ preamble }}\n\n### Instruction:\n{{ messages[0]['content'] }}\n\n"
                  "### Response:\n",
                  "alpaca"},
         }) {
      const auto found = recognizeChatTemplate(c.jinja);
      QVERIFY2(found.has_value(), c.format);
      QCOMPARE(found->name, std::string(c.format));
    }
    QVERIFY(!recognizeChatTemplate("{{ messages[0]['content'] }} => ").has_value());
    const auto qwen25 = recognizeChatTemplate(
        "{{- '<|im_start|>system\nYou are a careful model.<|im_end|>\n' }}<|im_start|>");
    QCOMPARE(qwen25->system, std::string("You are a careful model."));
  }

  void autoFromAModelFolder() {
    CATDPO_REQUIRE_FIXTURE(qwenDir, "tokenizers/qwen2");
    CATDPO_REQUIRE_FIXTURE(gpt2Path, "tokenizers/gpt2/tokenizer.json");
    const fs::path dir = qwenDir.toStdString();
    const Tokenizer qwen = Tokenizer::load(dir);
    // Qwen2's own tokenizer_config.json: ChatML with its default system message.
    const ChatTemplate t = resolveChatTemplate("auto", "", {}, dir, qwen);
    QCOMPARE(t.name(), std::string("chatml"));
    QCOMPARE(t.systemMessage(), std::string("You are a helpful assistant."));
    QVERIFY(t.promptText("hi").rfind("<|im_start|>system\nYou are a helpful assistant.", 0) == 0);
    // A system message the run sets wins over the template's default.
    QCOMPARE(resolveChatTemplate("auto", "Be brief.", {}, dir, qwen).systemMessage(),
             std::string("Be brief."));
    // The same template with a tokenizer that lacks ChatML's tokens: refused.
    const Tokenizer gpt2 = Tokenizer::load(gpt2Path.toStdString());
    try {
      resolveChatTemplate("auto", "", {}, dir, gpt2);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().field, std::string("chat_template"));
      QVERIFY(std::string(e.what()).find("<|im_start|>") != std::string::npos);
    }
    // Explicit and custom settings need no tokenizer_config.json at all.
    QTemporaryDir empty;
    const fs::path none = empty.path().toStdString();
    QCOMPARE(resolveChatTemplate("llama3", "", {}, none, gpt2).name(), std::string("llama3"));
    QCOMPARE(resolveChatTemplate("custom", "", customFormat(), none, gpt2).name(),
             std::string("custom"));
    try {
      resolveChatTemplate("auto", "", {}, none, gpt2);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().field, std::string("chat_template"));
      QVERIFY(std::string(e.what()).find("declares no chat template") != std::string::npos);
    }
    writeFile(none / "tokenizer_config.json", R"({"chat_template": "{{ messages }} -> "})");
    try {
      resolveChatTemplate("auto", "", {}, none, gpt2);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().field, std::string("chat_template"));
      QVERIFY(std::string(e.what()).find("none this program knows") != std::string::npos);
    }
  }

  void hostileTokenizerConfigs() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const fs::path file = dir / "tokenizer_config.json";
    struct Case {
      const char* text;
      const char* field;  // "" for errors about the whole file
    };
    for (const Case& c : {Case{"{\"chat_template\": ", ""}, Case{"[1, 2]", ""},
                          Case{"{\"chat_template\": 42}", "chat_template"},
                          Case{"{\"chat_template\": []}", "chat_template"},
                          Case{"{\"chat_template\": [{\"name\": \"x\"}]}", "chat_template[0]"},
                          Case{"{\"chat_template\": [{\"name\": 7, \"template\": \"t\"}]}",
                               "chat_template[0].name"}}) {
      writeFile(file, c.text);
      try {
        readModelChatTemplate(dir);
        QFAIL(c.text);
      } catch (const Error& e) {
        QCOMPARE(e.where().file, file.string());
        QCOMPARE(e.where().field, std::string(c.field));
      }
    }
    writeFile(file, R"({"chat_template": [{"name": "tool_use", "template": "a"},
                                          {"name": "default", "template": "b"}]})");
    QCOMPARE(readModelChatTemplate(dir).value_or(""), std::string("b"));
    writeFile(file, R"({"chat_template": null})");
    QVERIFY(!readModelChatTemplate(dir).has_value());
    // A huge file is refused by its size before it is read.
    fs::resize_file(file, (64ull << 20) + 1);
    QVERIFY_THROWS_EXCEPTION(Error, readModelChatTemplate(dir));
  }
};

QTEST_GUILESS_MAIN(TestChatFormats)
#include "test_chat_formats.moc"
