// SPDX-License-Identifier: MIT
// Internal pieces of the tokenizer loader shared by tokenizer_load.cpp (tokenizer.json) and
// tokenizer_config.cpp (tokenizer_config.json and the vocab.json + merges.txt form).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "text/json_file.h"
#include "text/tokenizer_impl.h"

namespace catdpo::text {

// token -> id object into the BPE vocabulary.
void parseVocab(TokenizerImpl& d, const JsonFile& f, const nlohmann::json& vocab,
                const std::string& field);
// The whole tokenizer.json: model, added tokens, normaliser, pre-tokenizer, post-processor.
void parseTokenizerJson(TokenizerImpl& d, const JsonFile& f);
// merges.txt ("#version" line optional), errors with the line number.
void parseMergesTxt(TokenizerImpl& d, const std::string& text, const std::string& path);
// tokenizer_config.json (or none): added-token flags, bos/eos/pad/unk, add_bos/eos_token, and
// for the slow-file form the family (Qwen2 -> Qwen2 split + NFC).
void applyConfig(TokenizerImpl& d, const JsonFile* config, bool slowFiles);
// An added token must not contradict the vocabulary's id for the same string.
void checkAddedIds(const TokenizerImpl& d, const std::string& path);

}  // namespace catdpo::text
