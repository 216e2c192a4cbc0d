// SPDX-License-Identifier: MIT
// Internal pieces of the tokenizer loader shared by tokenizer_load.cpp (tokenizer.json) and
// tokenizer_config.cpp (tokenizer_config.json and the vocab.json + merges.txt form).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "text/json_file.h"
#include "text/tokenizer_impl.h"

namespace catdpo::text {

// Ids a tokenizer file may use: below 2^24, and (checked before any table is sized by them)
// the largest id at most twice the number of tokens plus kSpareIds, since real vocabularies are
// nearly contiguous. So a 300-byte file cannot make the loader allocate tables for 3*10^7 ids.
inline constexpr std::int64_t kMaxTokenId = (std::int64_t{1} << 24) - 1;
inline constexpr std::int64_t kSpareIds = 4096;
// Throws an Error at `field` of `path` when `maxId` breaks the rule above for `tokens` entries.
void checkIdRange(std::int64_t maxId, std::int64_t tokens, const std::string& path,
                  const std::string& field);
// Nested Sequence normalizers / post-processors followed at most this deep.
inline constexpr int kMaxSequenceNesting = 8;

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
// An added token must not contradict the vocabulary's id for the same string; every id
// (vocabulary, added tokens, template ids) must obey checkIdRange. Call before finish().
void checkAddedIds(const TokenizerImpl& d, const std::string& path);
// The last check before finish() sizes the id tables: every id (config's added tokens included)
// obeys checkIdRange, and the template's special ids exist.
void checkIdTables(const TokenizerImpl& d, const std::string& path);

}  // namespace catdpo::text
