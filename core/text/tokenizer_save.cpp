// SPDX-License-Identifier: MIT
// Writing a tokenizer as Hugging Face files: tokenizer.json (the format the `tokenizers`
// library and transformers' PreTrainedTokenizerFast load) and tokenizer_config.json.
// Vocabulary in id order and merges in rank order, so the output is stable byte for byte.
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/paths.h"
#include "text/tokenizer.h"
#include "text/tokenizer_impl.h"

namespace catdpo {
namespace {

using ordered = nlohmann::ordered_json;

ordered byteLevelStep(bool addPrefixSpace, bool useRegex) {
  return ordered{{"type", "ByteLevel"},
                 {"add_prefix_space", addPrefixSpace},
                 {"trim_offsets", true},
                 {"use_regex", useRegex}};
}

ordered preTokenizerJson(const TokenizerImpl& d) {
  if (!d.useSplit) return byteLevelStep(d.addPrefixSpace, false);
  if (d.pattern == text::SplitPattern::Gpt2) return byteLevelStep(d.addPrefixSpace, true);
  const ordered split{{"type", "Split"},
                      {"pattern", {{"Regex", text::splitPatternRegex(d.pattern)}}},
                      {"behavior", "Isolated"},
                      {"invert", false}};
  return ordered{
      {"type", "Sequence"},
      {"pretokenizers", ordered::array({split, byteLevelStep(d.addPrefixSpace, false)})}};
}

ordered postProcessorJson(const TokenizerImpl& d) {
  if (d.prefixIds.empty() && d.suffixIds.empty()) {
    return ordered{{"type", "ByteLevel"},
                   {"add_prefix_space", true},
                   {"trim_offsets", false},
                   {"use_regex", true}};
  }
  ordered single = ordered::array();
  ordered pair = ordered::array();
  ordered specials = ordered::object();
  auto special = [&](std::int32_t id, ordered& a, ordered& b) {
    const std::string& name = d.tokenText[static_cast<std::size_t>(id)];
    a.push_back({{"SpecialToken", {{"id", name}, {"type_id", 0}}}});
    b.push_back({{"SpecialToken", {{"id", name}, {"type_id", 0}}}});
    specials[name] = {{"id", name}, {"ids", {id}}, {"tokens", {name}}};
  };
  for (const std::int32_t id : d.prefixIds) special(id, single, pair);
  single.push_back({{"Sequence", {{"id", "A"}, {"type_id", 0}}}});
  pair.push_back({{"Sequence", {{"id", "A"}, {"type_id", 0}}}});
  ordered pairTail = ordered::array();
  for (const std::int32_t id : d.suffixIds) special(id, single, pairTail);
  for (auto& item : pairTail) pair.push_back(item);
  for (const std::int32_t id : d.prefixIds) {
    const std::string& name = d.tokenText[static_cast<std::size_t>(id)];
    pair.push_back({{"SpecialToken", {{"id", name}, {"type_id", 1}}}});
  }
  pair.push_back({{"Sequence", {{"id", "B"}, {"type_id", 1}}}});
  for (const std::int32_t id : d.suffixIds) {
    const std::string& name = d.tokenText[static_cast<std::size_t>(id)];
    pair.push_back({{"SpecialToken", {{"id", name}, {"type_id", 1}}}});
  }
  return ordered{{"type", "TemplateProcessing"},
                 {"single", single},
                 {"pair", pair},
                 {"special_tokens", specials}};
}

ordered tokenOrNull(const TokenizerImpl& d, std::int32_t id) {
  if (id < 0) return nullptr;
  return d.tokenText[static_cast<std::size_t>(id)];
}

}  // namespace

std::string Tokenizer::toJson() const {
  const TokenizerImpl& d = *m_impl;
  ordered added = ordered::array();
  for (const auto& t : d.added) {
    added.push_back({{"id", t.id},
                     {"content", t.content},
                     {"single_word", t.singleWord},
                     {"lstrip", t.lstrip},
                     {"rstrip", t.rstrip},
                     {"normalized", t.normalized},
                     {"special", t.special}});
  }
  // ordered_json's operator[] searches linearly; the tokens are unique, so append directly to
  // the underlying vector (150k entries would otherwise take minutes).
  ordered vocab = ordered::object();
  auto& entries = vocab.get_ref<ordered::object_t&>();
  entries.reserve(d.bpe.tokenCount());
  for (std::int32_t id = 0; id <= d.bpe.maxId(); ++id) {
    if (const std::string* token = d.bpe.tokenOf(id)) entries.emplace_back(*token, id);
  }
  ordered merges = ordered::array();
  for (const auto& [a, b] : d.bpe.merges()) {
    // Byte-level tokens never contain a plain space, so the "left right" form is unambiguous
    // and readable by every version of the tokenizers library.
    merges.push_back(*d.bpe.tokenOf(a) + " " + *d.bpe.tokenOf(b));
  }
  ordered model{{"type", "BPE"},
                {"dropout", nullptr},
                {"unk_token", nullptr},
                {"continuing_subword_prefix", nullptr},
                {"end_of_word_suffix", nullptr},
                {"fuse_unk", false},
                {"byte_fallback", false},
                {"ignore_merges", d.bpe.ignoreMerges},
                {"vocab", std::move(vocab)},
                {"merges", std::move(merges)}};
  ordered j{{"version", "1.0"},
            {"truncation", nullptr},
            {"padding", nullptr},
            {"added_tokens", std::move(added)},
            {"normalizer", d.nfc ? ordered{{"type", "NFC"}} : ordered(nullptr)},
            {"pre_tokenizer", preTokenizerJson(d)},
            {"post_processor", postProcessorJson(d)},
            {"decoder", byteLevelStep(true, true)},
            {"model", std::move(model)}};
  return j.dump(2) + "\n";
}

std::string Tokenizer::configJson() const {
  const TokenizerImpl& d = *m_impl;
  ordered decoderMap = ordered::object();
  for (const auto& t : d.added) {
    decoderMap[std::to_string(t.id)] = {{"content", t.content},        {"lstrip", t.lstrip},
                                        {"normalized", t.normalized},  {"rstrip", t.rstrip},
                                        {"single_word", t.singleWord}, {"special", t.special}};
  }
  const bool addBos = d.prefixIds.size() == 1 && d.prefixIds[0] == d.bos;
  const bool addEos = d.suffixIds.size() == 1 && d.suffixIds[0] == d.eos;
  ordered j{{"tokenizer_class", "PreTrainedTokenizerFast"},
            {"add_bos_token", addBos},
            {"add_eos_token", addEos},
            {"add_prefix_space", d.addPrefixSpace},
            {"added_tokens_decoder", std::move(decoderMap)},
            {"bos_token", tokenOrNull(d, d.bos)},
            {"eos_token", tokenOrNull(d, d.eos)},
            {"pad_token", tokenOrNull(d, d.pad)},
            {"unk_token", tokenOrNull(d, d.unk)},
            {"clean_up_tokenization_spaces", false}};
  return j.dump(2) + "\n";
}

void Tokenizer::save(const std::filesystem::path& dir) const {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error("cannot create folder: " + ec.message(), ErrorLocation{dir.string(), 0, ""});
  writeFileAtomically(dir / "tokenizer.json", toJson());
  writeFileAtomically(dir / "tokenizer_config.json", configJson());
}

}  // namespace catdpo
