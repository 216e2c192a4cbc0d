// SPDX-License-Identifier: MIT
// The built-in formats, as the models' own Hugging Face chat templates render one user turn
// and the assistant's answer (the answer's trailing newline, where a template writes one after
// the end-of-turn marker, belongs to the next turn and is not scored). Llama-3 and Gemma strip
// message contents, Llama-2 too (and puts a space before the answer); Mistral's v0.2+ template
// puts none. PKU's format separates the answer with one space unless it starts with one.
#include "text/chat_template.h"

#include <algorithm>
#include <cctype>

#include "common/error.h"
#include "text/utf8.h"

namespace catdpo {
namespace {

bool startsWithWhitespace(std::string_view s) {
  return !s.empty() && text::isWhitespace(text::decodeUtf8At(s, 0).codePoint);
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

const std::vector<ChatFormat>& builtIns() {
  // name, prompt before / after, response before / after, stop tokens, trim, pku's separator
  static const std::vector<ChatFormat> kFormats{
      {"pku", "BEGINNING OF CONVERSATION: USER: ", " ASSISTANT:", " ", "", {}, false, true},
      {"chatml",
       "<|im_start|>user\n",
       "<|im_end|>\n<|im_start|>assistant\n",
       "",
       "<|im_end|>",
       {"<|im_end|>"},
       false,
       false},
      {"llama3",
       "<|start_header_id|>user<|end_header_id|>\n\n",
       "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
       "",
       "<|eot_id|>",
       {"<|eot_id|>"},
       true,
       false},
      {"llama2", "[INST] ", " [/INST]", " ", "", {}, true, false},
      {"mistral", "[INST] ", " [/INST]", "", "", {}, false, false},
      {"gemma",
       "<start_of_turn>user\n",
       "<end_of_turn>\n<start_of_turn>model\n",
       "",
       "<end_of_turn>",
       {"<end_of_turn>"},
       true,
       false},
      {"phi3", "<|user|>\n", "<|end|>\n<|assistant|>\n", "", "<|end|>", {"<|end|>"}, false, false},
      {"alpaca",
       "Below is an instruction that describes a task. Write a response that appropriately "
       "completes the request.\n\n### Instruction:\n",
       "\n\n### Response:\n",
       "",
       "",
       {},
       false,
       false},
  };
  return kFormats;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::vector<std::string> ChatTemplate::names() {
  std::vector<std::string> out;
  for (const ChatFormat& f : builtIns()) out.push_back(f.name);
  return out;
}

ChatTemplate ChatTemplate::byName(std::string_view name, const std::string& system) {
  const std::string key = lower(name);
  for (const ChatFormat& f : builtIns()) {
    if (f.name != key) continue;
    if (!system.empty() && key != "chatml" && key != "llama3")
      throw Error("a system message is supported with the chatml and llama3 formats only",
                  ErrorLocation{"", 0, "chat_system"});
    return ChatTemplate(f, system);
  }
  std::string known;
  for (const std::string& n : names()) known += (known.empty() ? "" : ", ") + n;
  throw Error(
      "unknown chat template '" + std::string(name) + "' (known: " + known + ", custom, auto)",
      ErrorLocation{"", 0, "chat_template"});
}

ChatTemplate ChatTemplate::custom(const CustomChatFormat& c) {
  const std::string marker = "{prompt}";
  const auto at = c.prompt.find(marker);
  if (at == std::string::npos || c.prompt.find(marker, at + 1) != std::string::npos)
    throw Error("must contain {prompt} exactly once", ErrorLocation{"", 0, "chat_custom.prompt"});
  ChatFormat f;
  f.name = "custom";
  f.promptBefore = c.prompt.substr(0, at);
  f.promptAfter = c.prompt.substr(at + marker.size());
  f.responseBefore = c.responsePrefix;
  f.responseAfter = c.responseSuffix;
  if (!c.stop.empty()) f.stopTokens = {c.stop};
  return ChatTemplate(std::move(f));
}

std::string ChatTemplate::key() const {
  if (m_format.name != "custom" && m_system.empty()) return m_format.name;
  // Length-prefixed parts: no two different renderings share a key.
  std::string out = m_format.name;
  for (const std::string* s : {&m_system, &m_format.promptBefore, &m_format.promptAfter,
                               &m_format.responseBefore, &m_format.responseAfter})
    out += "|" + std::to_string(s->size()) + ":" + *s;
  for (const std::string& s : m_format.stopTokens) out += "|stop:" + s;
  return out;
}

std::string ChatTemplate::promptText(std::string_view prompt) const {
  std::string out;
  if (!m_system.empty()) {
    if (m_format.name == "chatml")
      out.append("<|im_start|>system\n").append(m_system).append("<|im_end|>\n");
    else  // llama3
      out.append("<|start_header_id|>system<|end_header_id|>\n\n")
          .append(trimmed(m_system))
          .append("<|eot_id|>");
  }
  out.append(m_format.promptBefore)
      .append(m_format.trim ? trimmed(prompt) : prompt)
      .append(m_format.promptAfter);
  return out;
}

std::string ChatTemplate::responseText(std::string_view response) const {
  const std::string_view body = m_format.trim ? trimmed(response) : response;
  std::string out;
  if (!m_format.spaceUnlessWhitespace || (!body.empty() && !startsWithWhitespace(body)))
    out.append(m_format.responseBefore);
  out.append(body).append(m_format.responseAfter);
  return out;
}

std::string ChatTemplate::fullText(std::string_view prompt, std::string_view response) const {
  return promptText(prompt) + responseText(response);
}

std::vector<std::int32_t> ChatTemplate::encodePrompt(const Tokenizer& tokenizer,
                                                     std::string_view prompt) const {
  // Leading specials only (e.g. BOS): a trailing EOS would end the conversation early.
  std::vector<std::int32_t> ids = tokenizer.specialPrefix();
  const std::vector<std::int32_t> text = tokenizer.encode(promptText(prompt), false);
  ids.insert(ids.end(), text.begin(), text.end());
  return ids;
}

PromptResponseIds ChatTemplate::encode(const Tokenizer& tokenizer, std::string_view prompt,
                                       std::string_view response, bool appendEos) const {
  PromptResponseIds ids;
  ids.prompt = encodePrompt(tokenizer, prompt);
  ids.response = tokenizer.encode(responseText(response), false);
  const std::int32_t eos = tokenizer.eosId();
  if (!appendEos || eos < 0) return ids;
  if (!ids.response.empty()) {
    if (ids.response.back() == eos) return ids;
    // An end-of-turn token the tokenizer knows already ends the answer (Qwen's, Llama-3's).
    for (const std::string& stop : m_format.stopTokens)
      if (tokenizer.tokenToId(stop) == ids.response.back()) return ids;
  }
  ids.response.push_back(eos);
  return ids;
}

std::vector<std::int32_t> ChatTemplate::stopIds(const Tokenizer& tokenizer) const {
  std::vector<std::int32_t> ids;
  if (tokenizer.eosId() >= 0) ids.push_back(tokenizer.eosId());
  for (const std::string& stop : m_format.stopTokens) {
    const std::int32_t id = tokenizer.tokenToId(stop);
    if (id >= 0 && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

}  // namespace catdpo
