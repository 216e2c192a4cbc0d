// SPDX-License-Identifier: MIT
// Reading tokenizer_config.json stays in readModelChatTemplate (one place, on the shared JSON
// entry point): the file comes from strangers, so its size is capped before it is read and
// every field is type-checked. Recognition looks for each format's own markers in the
// template's text; the first match in a fixed order wins (Llama-3 before ChatML, since a few
// Llama-3 derivatives mention <|im_start|> in comments).
#include "text/chat_template_auto.h"

#include <regex>

#include "common/error.h"
#include "text/json_file.h"

namespace catdpo {
namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxConfigBytes = 64ull << 20;

bool has(const std::string& s, const char* needle) { return s.find(needle) != std::string::npos; }

// Special tokens a format cannot do without.
std::vector<std::string> requiredTokens(const std::string& name) {
  if (name == "chatml") return {"<|im_start|>", "<|im_end|>"};
  if (name == "llama3") return {"<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"};
  if (name == "gemma") return {"<start_of_turn>", "<end_of_turn>"};
  if (name == "phi3") return {"<|user|>", "<|assistant|>", "<|end|>"};
  return {};
}

std::string knownList() {
  std::string out;
  for (const std::string& n : ChatTemplate::names()) out += n + ", ";
  return out + "custom";
}

}  // namespace

std::optional<std::string> readModelChatTemplate(const fs::path& modelDir) {
  const fs::path file = modelDir / "tokenizer_config.json";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec || size > kMaxConfigBytes)
    throw Error("too large for a tokenizer config (over 64 MiB)",
                ErrorLocation{file.string(), 0, ""});
  const text::JsonFile config = text::parseJsonFile(text::readTextFile(file), file.string());
  const auto it = config.value.find("chat_template");
  if (it == config.value.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (!it->is_array() || it->empty())
    config.fail("chat_template", "expected a template string or a list of named templates");
  std::optional<std::string> first;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& entry = (*it)[i];
    const std::string field = "chat_template[" + std::to_string(i) + "]";
    if (!entry.is_object() || !entry.contains("template") || !entry["template"].is_string())
      config.fail(field, "expected {\"name\": ..., \"template\": \"...\"}");
    const auto name = entry.find("name");
    if (name != entry.end() && !name->is_string())
      config.fail(field + ".name", "expected a string");
    const std::string text = entry["template"].get<std::string>();
    if (name != entry.end() && name->get<std::string>() == "default") return text;
    if (!first) first = text;
  }
  return first;
}

std::optional<RecognizedChatTemplate> recognizeChatTemplate(const std::string& t) {
  if (has(t, "<|start_header_id|>") && has(t, "<|eot_id|>"))
    return RecognizedChatTemplate{"llama3", ""};
  if (has(t, "<|im_start|>")) {
    RecognizedChatTemplate r{"chatml", ""};
    // A default system message written as a literal (Qwen2.5) or set as a variable (Qwen2).
    std::smatch m;
    static const std::regex literal(R"(<\|im_start\|>system\n([^'"{}+<]+)<\|im_end\|>)");
    static const std::regex variable(R"(set\s+system_message\s*=\s*'([^'\\]*)')");
    if (std::regex_search(t, m, literal) || std::regex_search(t, m, variable)) r.system = m[1];
    return r;
  }
  if (has(t, "<start_of_turn>")) return RecognizedChatTemplate{"gemma", ""};
  if (has(t, "<|user|>") && has(t, "<|assistant|>") && has(t, "<|end|>"))
    return RecognizedChatTemplate{"phi3", ""};
  if (has(t, "[INST]") && has(t, "[/INST]")) {
    // Llama-2 writes a space before the answer (' ' + content); Mistral's template does not.
    static const std::regex spaced(R"('\s'\s*\+\s*(\w+\['content'\]|content))");
    return RecognizedChatTemplate{std::regex_search(t, spaced) ? "llama2" : "mistral", ""};
  }
  if (has(t, "### Instruction:") && has(t, "### Response:"))
    return RecognizedChatTemplate{"alpaca", ""};
  return std::nullopt;
}

ChatTemplate resolveChatTemplate(const std::string& spec, const std::string& system,
                                 const CustomChatFormat& custom, const fs::path& modelDir,
                                 const Tokenizer& tokenizer) {
  if (spec == "custom") return ChatTemplate::custom(custom);
  if (spec != "auto") return ChatTemplate::byName(spec, system);
  const std::optional<std::string> jinja = readModelChatTemplate(modelDir);
  const std::string where = (modelDir / "tokenizer_config.json").string();
  if (!jinja)
    throw Error("chat_template is auto, but " + where +
                    " declares no chat template; set chat_template to one of " + knownList(),
                ErrorLocation{"", 0, "chat_template"});
  const std::optional<RecognizedChatTemplate> found = recognizeChatTemplate(*jinja);
  if (!found)
    throw Error("chat_template is auto, but the chat template in " + where +
                    " is none this program knows; set chat_template to one of " + knownList() +
                    " (custom: chat_custom.prompt with {prompt})",
                ErrorLocation{"", 0, "chat_template"});
  for (const std::string& token : requiredTokens(found->name))
    if (tokenizer.tokenToId(token) < 0)
      throw Error("chat_template is auto and the model's template is " + found->name +
                      ", but its tokenizer has no " + token +
                      " token; set chat_template explicitly",
                  ErrorLocation{"", 0, "chat_template"});
  return ChatTemplate::byName(found->name, system.empty() ? found->system : system);
}

}  // namespace catdpo
