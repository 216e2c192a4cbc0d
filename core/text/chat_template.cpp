// SPDX-License-Identifier: MIT
// The two built-in templates. PKU's format ends the prompt with "ASSISTANT:" and the answer
// starts with one space (unless it already starts with whitespace); ChatML ends the prompt
// with "<|im_start|>assistant\n" and the answer with "<|im_end|>".
#include "text/chat_template.h"

#include <algorithm>
#include <cctype>

#include "common/error.h"
#include "text/utf8.h"

namespace catdpo {
namespace {

constexpr std::string_view kPkuBegin = "BEGINNING OF CONVERSATION: USER: ";
constexpr std::string_view kPkuAssistant = " ASSISTANT:";
constexpr std::string_view kImStart = "<|im_start|>";
constexpr std::string_view kImEnd = "<|im_end|>";

bool startsWithWhitespace(std::string_view s) {
  return !s.empty() && text::isWhitespace(text::decodeUtf8At(s, 0).codePoint);
}

}  // namespace

ChatTemplate ChatTemplate::byName(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "pku") return ChatTemplate(Kind::Pku, "pku");
  if (lower == "chatml") return ChatTemplate(Kind::ChatMl, "chatml");
  throw Error("unknown chat template '" + std::string(name) + "' (known: pku, chatml)",
              ErrorLocation{"", 0, "chat_template"});
}

std::vector<std::string> ChatTemplate::names() { return {"pku", "chatml"}; }

std::string ChatTemplate::promptText(std::string_view prompt) const {
  std::string out;
  if (m_kind == Kind::Pku) {
    out.append(kPkuBegin).append(prompt).append(kPkuAssistant);
  } else {
    out.append(kImStart).append("user\n").append(prompt).append(kImEnd).append("\n");
    out.append(kImStart).append("assistant\n");
  }
  return out;
}

std::string ChatTemplate::responseText(std::string_view response) const {
  std::string out;
  if (m_kind == Kind::Pku) {
    if (!response.empty() && !startsWithWhitespace(response)) out.push_back(' ');
    out.append(response);
  } else {
    out.append(response).append(kImEnd);
  }
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
  if (appendEos && eos >= 0 && (ids.response.empty() || ids.response.back() != eos)) {
    ids.response.push_back(eos);
  }
  return ids;
}

std::vector<std::int32_t> ChatTemplate::stopIds(const Tokenizer& tokenizer) const {
  std::vector<std::int32_t> ids;
  if (tokenizer.eosId() >= 0) ids.push_back(tokenizer.eosId());
  if (m_kind == Kind::ChatMl) {
    const std::int32_t imEnd = tokenizer.tokenToId(kImEnd);
    if (imEnd >= 0 && std::find(ids.begin(), ids.end(), imEnd) == ids.end()) ids.push_back(imEnd);
  }
  return ids;
}

}  // namespace catdpo
