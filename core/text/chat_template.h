// SPDX-License-Identifier: MIT
// Prompt/chat templates that turn (prompt, response) into token ids with the response
// separable, so training can mask the prompt. Two built in: "pku" (PKU-SafeRLHF's plain
// "BEGINNING OF CONVERSATION: USER: ... ASSISTANT:") and "chatml" (<|im_start|> turns).
// Boundary choice: the prompt is tokenized alone, exactly as generation will see it; the
// response (with its separator and end marker) is tokenized after it. The separator sits on
// the response side (" The" is one BPE token), so for both templates the concatenation equals
// encoding the whole text unless the response itself starts with whitespace.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace catdpo {

struct PromptResponseIds {
  std::vector<std::int32_t> prompt;    // what the model is conditioned on (masked in the loss)
  std::vector<std::int32_t> response;  // scored tokens, ending with the end marker / EOS
};

class ChatTemplate {
 public:
  // "pku" or "chatml" (case-insensitive); throws catdpo::Error listing the known names.
  static ChatTemplate byName(std::string_view name);
  static std::vector<std::string> names();

  const std::string& name() const { return m_name; }

  // Text the model sees before its answer.
  std::string promptText(std::string_view prompt) const;
  // Text of the answer as it follows promptText(): separator + response + end marker text.
  // The end marker is empty for "pku" (EOS is a token, added by encode) and "<|im_end|>" for
  // "chatml".
  std::string responseText(std::string_view response) const;
  // promptText + responseText.
  std::string fullText(std::string_view prompt, std::string_view response) const;

  // Prompt ids (with the tokenizer's own leading specials, e.g. Llama's BOS) for generation.
  std::vector<std::int32_t> encodePrompt(const Tokenizer& tokenizer, std::string_view prompt) const;
  // Prompt and response ids; `appendEos` adds the tokenizer's EOS after the response (when it
  // has one and the template's end marker is not already that token).
  PromptResponseIds encode(const Tokenizer& tokenizer, std::string_view prompt,
                           std::string_view response, bool appendEos = true) const;
  // Ids that end an answer during generation: EOS and the template's end-of-turn token.
  std::vector<std::int32_t> stopIds(const Tokenizer& tokenizer) const;

 private:
  enum class Kind { Pku, ChatMl };
  ChatTemplate(Kind kind, std::string name) : m_kind(kind), m_name(std::move(name)) {}
  Kind m_kind;
  std::string m_name;
};

}  // namespace catdpo
