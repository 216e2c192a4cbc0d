// SPDX-License-Identifier: MIT
// Loading Hugging Face tokenizer files: tokenizer.json, or the older vocab.json + merges.txt
// (+ added_tokens.json) pair, each with an optional tokenizer_config.json. Anything we do not
// implement (WordPiece, byte-fallback BPE, unknown split regexes) is refused with an error
// naming the field, rather than loaded into a tokenizer that would silently encode wrongly.
#include "common/error.h"
#include "common/json_input.h"
#include "text/tokenizer.h"
#include "text/tokenizer_loader.h"

namespace catdpo {
namespace text {
namespace {

using nlohmann::json;

void parseAddedTokens(TokenizerImpl& d, const JsonFile& f, const json& list) {
  if (!list.is_array()) f.fail("added_tokens", "expected an array");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& t = list[i];
    const std::string field = "added_tokens[" + std::to_string(i) + "]";
    if (!t.is_object()) f.fail(field, "expected an object");
    AddedToken a;
    const auto id = t.find("id");
    if (id == t.end()) f.fail(field + ".id", "missing: expected a non-negative integer");
    const auto content = t.find("content");
    if (content == t.end() || !content->is_string() || content->get<std::string>().empty()) {
      f.fail(field + ".content", "expected a non-empty string");
    }
    a.id = static_cast<std::int32_t>(f.integer(*id, 0, kMaxTokenId, field + ".id"));
    a.content = content->get<std::string>();
    a.special = f.flag(t, "special", field + ".", false);
    a.lstrip = f.flag(t, "lstrip", field + ".", false);
    a.rstrip = f.flag(t, "rstrip", field + ".", false);
    a.singleWord = f.flag(t, "single_word", field + ".", false);
    a.normalized = f.flag(t, "normalized", field + ".", false);
    d.added.push_back(std::move(a));
  }
}

void parseNormalizer(TokenizerImpl& d, const JsonFile& f, const json& n, const std::string& field,
                     int nesting = 0) {
  if (n.is_null()) return;
  if (!n.is_object() || !n.contains("type") || !n["type"].is_string()) {
    f.fail(field, "expected an object with a \"type\"");
  }
  const std::string type = n["type"].get<std::string>();
  if (type == "NFC") {
    d.nfc = true;
  } else if (type == "Sequence" && n.contains("normalizers") && n["normalizers"].is_array()) {
    if (nesting >= kMaxSequenceNesting)
      f.fail(field, "Sequence normalizers nested deeper than " +
                        std::to_string(kMaxSequenceNesting) + " levels");
    for (std::size_t i = 0; i < n["normalizers"].size(); ++i) {
      parseNormalizer(d, f, n["normalizers"][i], field + ".normalizers[" + std::to_string(i) + "]",
                      nesting + 1);
    }
  } else {
    f.fail(field + ".type", "normalizer '" + type + "' is not supported (supported: NFC)");
  }
}

void parsePreTokenizer(TokenizerImpl& d, const JsonFile& f, const json& p) {
  if (p.is_null()) f.fail("pre_tokenizer", "missing: only byte-level BPE tokenizers are supported");
  std::vector<std::pair<const json*, std::string>> steps;
  if (p.is_object() && f.string(p, "type", "pre_tokenizer.", "") == "Sequence" &&
      p.contains("pretokenizers") && p["pretokenizers"].is_array()) {
    for (std::size_t i = 0; i < p["pretokenizers"].size(); ++i) {
      steps.emplace_back(&p["pretokenizers"][i],
                         "pre_tokenizer.pretokenizers[" + std::to_string(i) + "]");
    }
  } else {
    steps.emplace_back(&p, "pre_tokenizer");
  }
  bool byteLevel = false;
  std::optional<text::SplitPattern> split;
  for (const auto& [step, field] : steps) {
    const std::string type = step->is_object() ? f.string(*step, "type", field + ".", "") : "";
    if (type == "ByteLevel") {
      byteLevel = true;
      d.addPrefixSpace = f.flag(*step, "add_prefix_space", field + ".", false);
      if (f.flag(*step, "use_regex", field + ".", true)) {
        if (split) f.fail(field + ".use_regex", "a second split pattern is not supported");
        split = text::SplitPattern::Gpt2;
      }
    } else if (type == "Split") {
      const json* pattern = step->contains("pattern") ? &(*step)["pattern"] : nullptr;
      if (pattern == nullptr || !pattern->is_object() || !pattern->contains("Regex") ||
          !(*pattern)["Regex"].is_string()) {
        f.fail(field + ".pattern", "expected {\"Regex\": \"...\"}");
      }
      const auto known = text::splitPatternFromRegex((*pattern)["Regex"].get<std::string>());
      if (!known) {
        f.fail(field + ".pattern.Regex",
               "unsupported split pattern (supported: the GPT-2, Qwen2 and Llama-3 patterns)");
      }
      if (f.string(*step, "behavior", field + ".", "Isolated") != "Isolated" ||
          f.flag(*step, "invert", field + ".", false)) {
        f.fail(field + ".behavior", "only behavior \"Isolated\" without invert is supported");
      }
      if (split) f.fail(field, "a second split pattern is not supported");
      split = known;
    } else {
      f.fail(field + ".type",
             "pre-tokenizer '" + type + "' is not supported (supported: ByteLevel, Split)");
    }
  }
  if (!byteLevel) f.fail("pre_tokenizer", "not a byte-level tokenizer (no ByteLevel step)");
  d.useSplit = split.has_value();
  d.pattern = split.value_or(text::SplitPattern::Gpt2);
}

std::vector<std::int32_t> templateTokens(const JsonFile& f, const json& special, const json& item,
                                         const std::string& field) {
  if (!item.is_object()) f.fail(field, "expected {\"id\": \"<token>\"}");
  const std::string name = f.string(item, "id", field + ".", "");
  const auto it = special.is_object() ? special.find(name) : special.end();
  if (it == special.end() || !it->is_object() || !it->contains("ids") || !(*it)["ids"].is_array()) {
    f.fail(field, "special token '" + name + "' is not listed in special_tokens");
  }
  std::vector<std::int32_t> ids;
  const json& list = (*it)["ids"];
  for (std::size_t i = 0; i < list.size() && i < 64; ++i)
    ids.push_back(static_cast<std::int32_t>(f.integer(
        list[i], 0, kMaxTokenId, "special_tokens." + name + ".ids[" + std::to_string(i) + "]")));
  return ids;
}

void parsePostProcessor(TokenizerImpl& d, const JsonFile& f, const json& p,
                        const std::string& field, int nesting = 0) {
  if (p.is_null()) return;
  const std::string type = p.is_object() ? f.string(p, "type", field + ".", "") : "";
  if (type == "ByteLevel") return;
  if (type == "Sequence" && p.contains("processors") && p["processors"].is_array()) {
    if (nesting >= kMaxSequenceNesting)
      f.fail(field, "Sequence post-processors nested deeper than " +
                        std::to_string(kMaxSequenceNesting) + " levels");
    for (std::size_t i = 0; i < p["processors"].size(); ++i) {
      parsePostProcessor(d, f, p["processors"][i], field + ".processors[" + std::to_string(i) + "]",
                         nesting + 1);
    }
    return;
  }
  if (type == "TemplateProcessing" && p.contains("single") && p["single"].is_array()) {
    const json special = p.contains("special_tokens") ? p["special_tokens"] : json(json::object());
    bool afterSequence = false;
    for (std::size_t i = 0; i < p["single"].size(); ++i) {
      const json& item = p["single"][i];
      const std::string itemField = field + ".single[" + std::to_string(i) + "]";
      if (!item.is_object()) f.fail(itemField, "expected a Sequence or a SpecialToken");
      if (item.contains("Sequence")) {
        afterSequence = true;
      } else if (item.contains("SpecialToken")) {
        auto ids = templateTokens(f, special, item["SpecialToken"], itemField);
        auto& target = afterSequence ? d.suffixIds : d.prefixIds;
        target.insert(target.end(), ids.begin(), ids.end());
      } else {
        f.fail(itemField, "expected a Sequence or a SpecialToken");
      }
    }
    return;
  }
  if (type == "RobertaProcessing" || type == "BertProcessing") {
    // {"cls": ["<s>", 0], "sep": ["</s>", 2]}: <s> A </s>
    auto idOf = [&](const char* key) {
      if (!p.contains(key) || !p[key].is_array() || p[key].size() != 2) {
        f.fail(field + "." + key, "expected [token, id]");
      }
      return static_cast<std::int32_t>(
          f.integer(p[key][1], 0, kMaxTokenId, field + "." + key + "[1]"));
    };
    d.prefixIds = {idOf("cls")};
    d.suffixIds = {idOf("sep")};
    return;
  }
  f.fail(field + ".type", "post-processor '" + type + "' is not supported");
}

}  // namespace

void checkIdRange(std::int64_t maxId, std::int64_t tokens, const std::string& path,
                  const std::string& field) {
  if (maxId > kMaxTokenId)
    throw Error("token id " + std::to_string(maxId) + " is beyond the supported maximum " +
                    std::to_string(kMaxTokenId),
                ErrorLocation{path, 0, field});
  if (maxId >= 2 * tokens + kSpareIds)
    throw Error("token id " + std::to_string(maxId) + " is far beyond the " +
                    std::to_string(tokens) +
                    " tokens defined (ids may leave at most as many gaps as there are tokens, "
                    "plus " +
                    std::to_string(kSpareIds) + ")",
                ErrorLocation{path, 0, field});
}

void parseVocab(TokenizerImpl& d, const JsonFile& f, const json& vocab, const std::string& field) {
  if (!vocab.is_object()) f.fail(field, "expected an object of token -> id");
  // Ids are checked before the first one sizes a table.
  std::int64_t maxId = -1;
  std::string maxField;
  for (const auto& [token, id] : vocab.items()) {
    const std::int64_t n = f.integer(id, 0, kMaxTokenId, field + "[\"" + token + "\"]");
    if (n > maxId) {
      maxId = n;
      maxField = field + "[\"" + token + "\"]";
    }
  }
  if (maxId >= 0) {
    try {
      checkIdRange(maxId, static_cast<std::int64_t>(vocab.size()), f.path, maxField);
    } catch (const Error& e) {
      f.fail(maxField, e.reason());
    }
  }
  for (const auto& [token, id] : vocab.items()) {
    if (!d.bpe.addToken(token, static_cast<std::int32_t>(id.get<std::int64_t>()))) {
      f.fail(field + "[\"" + token + "\"]",
             "id " + std::to_string(id.get<std::int64_t>()) + " is used twice");
    }
  }
}

void parseTokenizerJson(TokenizerImpl& d, const JsonFile& f) {
  const json& j = f.value;
  if (!j.contains("model") || !j["model"].is_object()) f.fail("model", "missing or not an object");
  const json& model = j["model"];
  const std::string type = f.string(model, "type", "model.", "BPE");
  if (type != "BPE") {
    f.fail("model.type",
           "model type '" + type + "' is not supported: only byte-level BPE can be loaded");
  }
  if (f.flag(model, "byte_fallback", "model.", false)) {
    f.fail("model.byte_fallback", "byte-fallback (SentencePiece-style) BPE is not supported");
  }
  for (const char* key : {"continuing_subword_prefix", "end_of_word_suffix"}) {
    if (model.contains(key) && model[key].is_string() && !model[key].get<std::string>().empty()) {
      f.fail(std::string("model.") + key, "subword prefixes/suffixes are not supported");
    }
  }
  d.bpe.ignoreMerges = f.flag(model, "ignore_merges", "model.", false);
  if (!model.contains("vocab")) f.fail("model.vocab", "missing");
  parseVocab(d, f, model["vocab"], "model.vocab");
  if (!model.contains("merges") || !model["merges"].is_array()) {
    f.fail("model.merges", "missing or not an array");
  }
  const json& merges = model["merges"];
  for (std::size_t i = 0; i < merges.size(); ++i) {
    const json& m = merges[i];
    const std::string field = "model.merges[" + std::to_string(i) + "]";
    std::string left;
    std::string right;
    if (m.is_string()) {
      const std::string s = m.get<std::string>();
      const auto space = s.find(' ');
      if (space == std::string::npos || s.find(' ', space + 1) != std::string::npos) {
        f.fail(field, "expected \"left right\" with one space, got \"" + s + "\"");
      }
      left = s.substr(0, space);
      right = s.substr(space + 1);
    } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
      left = m[0].get<std::string>();
      right = m[1].get<std::string>();
    } else {
      f.fail(field, "expected \"left right\" or [\"left\", \"right\"]");
    }
    if (auto problem = d.bpe.addMerge(left, right)) f.fail(field, *problem);
  }
  if (j.contains("added_tokens") && !j["added_tokens"].is_null()) {
    parseAddedTokens(d, f, j["added_tokens"]);
  }
  static const json kNull;
  auto member = [&](const char* key) -> const json& {
    const auto it = j.find(key);
    return it == j.end() ? kNull : *it;
  };
  parseNormalizer(d, f, member("normalizer"), "normalizer");
  parsePreTokenizer(d, f, member("pre_tokenizer"));
  parsePostProcessor(d, f, member("post_processor"), "post_processor");
}

}  // namespace text

namespace fs = std::filesystem;
using namespace text;

Tokenizer Tokenizer::fromJson(std::string_view tokenizerJson, std::string_view configJson,
                              const std::string& sourceName) {
  // Readers name fields themselves; this turns any library exception they missed into an
  // error naming the file rather than a raw message (or a crash).
  return withJsonErrors(ErrorLocation{sourceName, 0, ""},
                        [&] { return fromJsonUnchecked(tokenizerJson, configJson, sourceName); });
}

Tokenizer Tokenizer::load(const fs::path& fileOrDir) {
  return withJsonErrors(ErrorLocation{fileOrDir.string(), 0, ""},
                        [&] { return loadUnchecked(fileOrDir); });
}

Tokenizer Tokenizer::fromJsonUnchecked(std::string_view tokenizerJson, std::string_view configJson,
                                       const std::string& sourceName) {
  auto d = std::make_shared<TokenizerImpl>();
  const JsonFile f = parseJsonFile(std::string(tokenizerJson), sourceName);
  parseTokenizerJson(*d, f);
  checkAddedIds(*d, sourceName);
  if (configJson.empty()) {
    applyConfig(*d, nullptr, false);
  } else {
    const JsonFile config = parseJsonFile(std::string(configJson), "tokenizer_config.json");
    applyConfig(*d, &config, false);
  }
  checkIdTables(*d, sourceName);
  d->finish();
  return Tokenizer(std::move(d));
}

Tokenizer Tokenizer::loadUnchecked(const fs::path& fileOrDir) {
  std::error_code ec;
  fs::path dir = fileOrDir;
  fs::path tokenizerJson;
  if (fs::is_directory(fileOrDir, ec)) {
    if (fs::is_regular_file(dir / "tokenizer.json", ec)) tokenizerJson = dir / "tokenizer.json";
  } else if (!fs::exists(fileOrDir, ec)) {
    throw Error("no such file or folder", ErrorLocation{fileOrDir.string(), 0, ""});
  } else {
    dir = fileOrDir.parent_path();
    if (fileOrDir.filename() != "vocab.json" && fileOrDir.filename() != "merges.txt") {
      tokenizerJson = fileOrDir;
    }
  }
  const fs::path configPath = dir / "tokenizer_config.json";
  std::optional<JsonFile> config;
  if (fs::is_regular_file(configPath, ec)) {
    config = parseJsonFile(readTextFile(configPath), configPath.string());
  }

  auto d = std::make_shared<TokenizerImpl>();
  if (!tokenizerJson.empty()) {
    const JsonFile f = parseJsonFile(readTextFile(tokenizerJson), tokenizerJson.string());
    parseTokenizerJson(*d, f);
    checkAddedIds(*d, tokenizerJson.string());
    applyConfig(*d, config ? &*config : nullptr, false);
  } else {
    const fs::path vocabPath = dir / "vocab.json";
    const fs::path mergesPath = dir / "merges.txt";
    if (!fs::is_regular_file(vocabPath, ec)) {
      const bool sentencePiece = fs::is_regular_file(dir / "tokenizer.model", ec);
      throw Error(sentencePiece
                      ? "only a SentencePiece tokenizer.model here; this loader reads "
                        "byte-level BPE (tokenizer.json or vocab.json + merges.txt)"
                      : "no tokenizer.json, and no vocab.json + merges.txt in this folder",
                  ErrorLocation{fileOrDir.string(), 0, ""});
    }
    const JsonFile vocab = parseJsonFile(readTextFile(vocabPath), vocabPath.string());
    parseVocab(*d, vocab, vocab.value, "vocab");
    parseMergesTxt(*d, readTextFile(mergesPath), mergesPath.string());
    const fs::path addedPath = dir / "added_tokens.json";
    if (fs::is_regular_file(addedPath, ec)) {
      const JsonFile added = parseJsonFile(readTextFile(addedPath), addedPath.string());
      for (const auto& [content, id] : added.value.items()) {
        const auto n = static_cast<std::int32_t>(added.integer(id, 0, kMaxTokenId, content));
        d->added.push_back(AddedToken{n, content, false});
      }
    }
    checkAddedIds(*d, addedPath.string());
    applyConfig(*d, config ? &*config : nullptr, true);
  }
  checkIdTables(*d, configPath.string());
  d->finish();
  return Tokenizer(std::move(d));
}

}  // namespace catdpo
