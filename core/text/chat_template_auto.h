// SPDX-License-Identifier: MIT
// `chat_template: auto`: the format a model declares in its tokenizer_config.json
// ("chat_template", a Jinja template) recognised as one of the built-in formats by its
// markers, with its special tokens checked against the tokenizer, and the run's
// chat_template / chat_system / chat_custom settings turned into a ChatTemplate. What cannot
// be recognised is refused with the option to set instead, never guessed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "text/chat_template.h"
#include "text/tokenizer.h"

namespace catdpo {

// The "chat_template" a model folder's tokenizer_config.json declares: a string, or of a list
// of {"name", "template"} the one named "default" (else the first). nullopt when the file or
// the field is absent; a malformed file or field is a catdpo::Error naming the file and field.
std::optional<std::string> readModelChatTemplate(const std::filesystem::path& modelDir);

struct RecognizedChatTemplate {
  std::string name;    // a built-in format
  std::string system;  // the default system message the template writes (chatml), or empty
};
std::optional<RecognizedChatTemplate> recognizeChatTemplate(const std::string& jinja);

// The run's format: a built-in name, "custom" (with `custom`), or "auto" (from `modelDir`,
// whose tokenizer must hold the format's special tokens). Throws catdpo::Error naming
// chat_template (or chat_custom.prompt / chat_system) when it cannot.
ChatTemplate resolveChatTemplate(const std::string& spec, const std::string& system,
                                 const CustomChatFormat& custom,
                                 const std::filesystem::path& modelDir, const Tokenizer& tokenizer);

}  // namespace catdpo
