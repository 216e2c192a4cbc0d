// SPDX-License-Identifier: MIT
// tokenizer_config.json and the vocab.json + merges.txt form. The config supplies what
// tokenizer.json leaves to transformers: which tokens are bos/eos/pad, whether a BOS is
// added, and (for the slow-file form only) the family, which decides the split pattern.
#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_map>

#include "common/error.h"
#include "text/tokenizer_loader.h"

namespace catdpo::text {
namespace {

using nlohmann::json;

std::optional<std::string> tokenName(const JsonFile& f, const json& v, const std::string& field) {
  if (v.is_null()) return std::nullopt;
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("content") && v["content"].is_string()) {
    return v["content"].get<std::string>();
  }
  f.fail(field, "expected a token string, {\"content\": ...} or null");
}

}  // namespace

void parseMergesTxt(TokenizerImpl& d, const std::string& text, const std::string& path) {
  std::int64_t line = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view row(text.data() + pos, end - pos);
    pos = end + 1;
    ++line;
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    if (row.empty() || (line == 1 && row.starts_with("#version"))) continue;
    const auto space = row.find(' ');
    if (space == std::string_view::npos || row.find(' ', space + 1) != std::string_view::npos) {
      throw Error("expected \"left right\" with one space", ErrorLocation{path, line, "merge"});
    }
    if (auto problem = d.bpe.addMerge(row.substr(0, space), row.substr(space + 1))) {
      throw Error(*problem, ErrorLocation{path, line, "merge"});
    }
  }
}

// "<s>" or {"content": "<s>", ...} or null.
void applyConfig(TokenizerImpl& d, const JsonFile* config, bool slowFiles) {
  if (config == nullptr) {
    d.guessSpecialIds();
    return;
  }
  const json& c = config->value;
  if (const auto it = c.find("added_tokens_decoder"); it != c.end() && it->is_object()) {
    std::unordered_map<std::int32_t, std::size_t> byId;  // id -> index in d.added
    for (std::size_t i = 0; i < d.added.size(); ++i) byId.emplace(d.added[i].id, i);
    for (const auto& [key, t] : it->items()) {
      const std::string field = "added_tokens_decoder." + key;
      // Only plain decimal digits: "-1", "3e9", " 7" or "0x10" are not ids.
      std::int64_t parsed = -1;
      const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), parsed);
      if (key.empty() || key.size() > 9 || ec != std::errc() || end != key.data() + key.size() ||
          !std::all_of(key.begin(), key.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) ||
          parsed > kMaxTokenId)
        config->fail(field, "expected a token id (0.." + std::to_string(kMaxTokenId) +
                                ") as key, got '" + key + "'");
      const auto id = static_cast<std::int32_t>(parsed);
      if (!t.is_object() || !t.contains("content") || !t["content"].is_string()) {
        config->fail(field + ".content", "expected a string");
      }
      AddedToken a{id,
                   t["content"].get<std::string>(),
                   config->flag(t, "special", field + ".", true),
                   config->flag(t, "lstrip", field + ".", false),
                   config->flag(t, "rstrip", field + ".", false),
                   config->flag(t, "single_word", field + ".", false),
                   config->flag(t, "normalized", field + ".", false)};
      const auto same = byId.find(id);
      if (same == byId.end()) {
        byId.emplace(id, d.added.size());
        d.added.push_back(std::move(a));
      } else if (slowFiles) {
        d.added[same->second] = std::move(a);  // the config's flags beat added_tokens.json's list
      }
    }
  }
  if (slowFiles) {
    const std::string cls = config->string(c, "tokenizer_class", "", "");
    if (cls.starts_with("Qwen2Tokenizer")) {
      d.pattern = text::SplitPattern::Qwen2;
      d.nfc = true;
    }
    d.addPrefixSpace = config->flag(c, "add_prefix_space", "", false);
  }
  bool named = false;
  auto specialId = [&](const char* key) -> std::int32_t {
    const auto it = c.find(key);
    if (it == c.end()) return -1;
    named = true;
    const auto name = tokenName(*config, *it, key);
    if (!name) return -1;
    const std::int32_t id = d.idOf(*name);
    // Byte-level BPE never needs <unk>, and some configs name one that is not there.
    if (id < 0 && std::string_view(key) != "unk_token") {
      config->fail(key, "token '" + *name + "' is not in the vocabulary");
    }
    return id;
  };
  d.bos = specialId("bos_token");
  d.eos = specialId("eos_token");
  d.pad = specialId("pad_token");
  d.unk = specialId("unk_token");
  if (!named) d.guessSpecialIds();
  for (std::int32_t id : {d.bos, d.eos, d.pad, d.unk}) {
    for (auto& t : d.added) {
      if (t.id == id) t.special = true;
    }
  }
  // The template in tokenizer.json wins; the config's flags describe slow tokenizers.
  if (d.prefixIds.empty() && config->flag(c, "add_bos_token", "", false) && d.bos >= 0) {
    d.prefixIds = {d.bos};
  }
  if (d.suffixIds.empty() && config->flag(c, "add_eos_token", "", false) && d.eos >= 0) {
    d.suffixIds = {d.eos};
  }
}

void checkAddedIds(const TokenizerImpl& d, const std::string& path) {
  // Every id that sizes the tables of finish() obeys the same range rule as the vocabulary.
  std::int64_t maxId = d.bpe.maxId();
  std::string field = "vocab";
  for (const auto& t : d.added) {
    if (t.id < 0 || t.id > kMaxTokenId)
      throw Error("added token '" + t.content + "' has the invalid id " + std::to_string(t.id),
                  ErrorLocation{path, 0, "added_tokens"});
    if (t.id > maxId) {
      maxId = t.id;
      field = "added_tokens";
    }
  }
  if (maxId >= 0)
    checkIdRange(maxId, static_cast<std::int64_t>(d.bpe.tokenCount() + d.added.size()), path,
                 field);
  for (const auto& t : d.added) {
    const std::int32_t existing = d.bpe.idOf(t.content);
    if (existing >= 0 && existing != t.id) {
      throw Error("added token '" + t.content + "' has id " + std::to_string(t.id) +
                      " but the vocabulary gives it " + std::to_string(existing),
                  ErrorLocation{path, 0, "added_tokens"});
    }
  }
}

void checkIdTables(const TokenizerImpl& d, const std::string& path) {
  std::int64_t maxId = d.bpe.maxId();
  std::unordered_map<std::int32_t, bool> added;
  for (const auto& t : d.added) {
    if (t.id < 0 || t.id > kMaxTokenId)
      throw Error("added token '" + t.content + "' has the invalid id " + std::to_string(t.id),
                  ErrorLocation{path, 0, "added_tokens"});
    maxId = std::max<std::int64_t>(maxId, t.id);
    added.emplace(t.id, true);
  }
  if (maxId >= 0)
    checkIdRange(maxId, static_cast<std::int64_t>(d.bpe.tokenCount() + d.added.size()), path,
                 "added_tokens");
  for (const auto* ids : {&d.prefixIds, &d.suffixIds}) {
    for (const std::int32_t id : *ids) {
      if (d.bpe.tokenOf(id) == nullptr && added.find(id) == added.end())
        throw Error("the post-processor template uses token id " + std::to_string(id) +
                        ", which is not in the vocabulary",
                    ErrorLocation{path, 0, "post_processor"});
    }
  }
}

}  // namespace catdpo::text
