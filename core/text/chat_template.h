// SPDX-License-Identifier: MIT
// Prompt/chat formats that turn (prompt, response) into token ids with the response
// separable, so training can mask the prompt. Built in: "pku" (PKU-SafeRLHF's plain
// "BEGINNING OF CONVERSATION: USER: ... ASSISTANT:"), "chatml" (<|im_start|> turns; Qwen),
// "llama3", "llama2" and "mistral" ([INST] ... [/INST]), "gemma", "phi3", "alpaca", and a
// custom format (a prompt template with {prompt}, text before and after the response).
// Boundary choice: the prompt is tokenized alone, exactly as generation will see it; the
// response (with its separator and end marker) is tokenized after it. Separators sit on the
// response side (" The" is one BPE token), so the concatenation equals encoding the whole text.
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

// The text around one user turn and the assistant's answer.
struct ChatFormat {
  std::string name;
  std::string promptBefore;             // text before the user's prompt
  std::string promptAfter;              // text after it, up to where the answer starts
  std::string responseBefore;           // separator before the answer
  std::string responseAfter;            // end-of-turn marker after the answer ("" when EOS ends it)
  std::vector<std::string> stopTokens;  // tokens that end an answer besides EOS
  bool trim = false;                    // prompt and answer are stripped (as the model's template)
  bool spaceUnlessWhitespace = false;   // pku: the separator only when the answer has none
};

// chat_template: custom. `prompt` holds "{prompt}" once; the answer is wrapped in
// responsePrefix / responseSuffix; `stop` optionally names the token that ends an answer.
struct CustomChatFormat {
  std::string prompt;
  std::string responsePrefix;
  std::string responseSuffix;
  std::string stop;
};

class ChatTemplate {
 public:
  // A built-in format by name (case-insensitive; see names()). `system`: a system message
  // (chatml and llama3 only; empty for none). Throws catdpo::Error (field "chat_template").
  static ChatTemplate byName(std::string_view name, const std::string& system = {});
  // Throws catdpo::Error (field "chat_custom.prompt") unless the prompt holds {prompt} once.
  static ChatTemplate custom(const CustomChatFormat& format);
  static std::vector<std::string> names();

  const std::string& name() const { return m_format.name; }
  const ChatFormat& format() const { return m_format; }
  const std::string& systemMessage() const { return m_system; }
  // Identifies the exact rendering (name, system message, custom strings): the reference
  // cache key uses it.
  std::string key() const;

  // Text the model sees before its answer.
  std::string promptText(std::string_view prompt) const;
  // Text of the answer as it follows promptText(): separator + response + end marker text.
  std::string responseText(std::string_view response) const;
  // promptText + responseText.
  std::string fullText(std::string_view prompt, std::string_view response) const;

  // Prompt ids (with the tokenizer's own leading specials, e.g. Llama's BOS) for generation.
  std::vector<std::int32_t> encodePrompt(const Tokenizer& tokenizer, std::string_view prompt) const;
  // Prompt and response ids; `appendEos` adds the tokenizer's EOS after the response unless the
  // response already ends with it or with the format's end-of-turn token.
  PromptResponseIds encode(const Tokenizer& tokenizer, std::string_view prompt,
                           std::string_view response, bool appendEos = true) const;
  // Ids that end an answer during generation: EOS and the format's end-of-turn tokens.
  std::vector<std::int32_t> stopIds(const Tokenizer& tokenizer) const;

 private:
  explicit ChatTemplate(ChatFormat format, std::string system = {})
      : m_format(std::move(format)), m_system(std::move(system)) {}
  ChatFormat m_format;
  std::string m_system;
};

}  // namespace catdpo
