// SPDX-License-Identifier: MIT
// Byte-level BPE tokenizer (GPT-2, Qwen2, Llama-3 families, and the ones we train), loaded
// from a Hugging Face tokenizer.json or vocab.json + merges.txt folder. Plain C++: no LibTorch,
// no Qt, so ui/ may include it. A Tokenizer is an immutable, cheaply copied handle (copies
// share the tables); encode/decode are safe to call from several threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace catdpo {

// A token matched on the raw text before pre-tokenization (<|endoftext|>, <|im_start|>, ...).
struct AddedToken {
  std::int32_t id = -1;
  std::string content;
  bool special = true;      // skipped by decode(..., skipSpecial=true)
  bool lstrip = false;      // also swallows whitespace on its left
  bool rstrip = false;      // ... and on its right
  bool singleWord = false;  // only matches when not inside a word
  bool normalized = false;  // kept for round trips; matching is always on the raw text
};

struct TokenizerImpl;

class Tokenizer {
 public:
  // An empty tokenizer (vocabSize() == 0); assign a loaded one to use it.
  Tokenizer();

  // A tokenizer.json file, a folder holding one, or a folder (or its vocab.json) with
  // vocab.json + merges.txt. tokenizer_config.json and added_tokens.json beside it are read
  // when present. Throws catdpo::Error naming the file, line and field of anything wrong.
  static Tokenizer load(const std::filesystem::path& fileOrDir);
  // Parses tokenizer.json text (plus optional tokenizer_config.json text); `sourceName`
  // appears in error messages.
  static Tokenizer fromJson(std::string_view tokenizerJson, std::string_view configJson = {},
                            const std::string& sourceName = "tokenizer.json");

  // addSpecial: add what the tokenizer's template adds around a sequence (e.g. Llama's BOS;
  // nothing for GPT-2 and Qwen2, as in Hugging Face).
  std::vector<std::int32_t> encode(std::string_view input, bool addSpecial = false) const;
  // Always valid UTF-8: an incomplete or invalid byte sequence becomes U+FFFD.
  std::string decode(const std::vector<std::int32_t>& ids, bool skipSpecial = false) const;
  // Raw bytes of one token (for streaming output, where a character may span tokens).
  std::string tokenBytes(std::int32_t id) const;

  int vocabSize() const;  // highest id + 1
  std::int32_t bosId() const;
  std::int32_t eosId() const;
  std::int32_t padId() const;
  // The token's vocabulary string ("Ġthe") or an added token's content; "" if unknown id.
  std::string idToToken(std::int32_t id) const;
  std::int32_t tokenToId(std::string_view token) const;  // -1 if unknown
  bool isSpecial(std::int32_t id) const;
  // What encode(..., addSpecial=true) puts before / after the text (Llama: {bos} / {}).
  const std::vector<std::int32_t>& specialPrefix() const;
  const std::vector<std::int32_t>& specialSuffix() const;
  const std::vector<AddedToken>& addedTokens() const;

  // Description of the pipeline, for `catdpo tokenize` and the UI.
  std::string preTokenizerName() const;  // "gpt2", "qwen2", "llama3"
  bool normalizesNfc() const;

  // tokenizer.json / tokenizer_config.json text as save() writes them.
  std::string toJson() const;
  std::string configJson() const;
  // Writes tokenizer.json and tokenizer_config.json into `dir` (created), each atomically.
  void save(const std::filesystem::path& dir) const;
  // Lower-case hex SHA-256 of toJson() + configJson(): equal exactly when two tokenizers
  // encode, decode and save alike. Computed once per tokenizer and kept.
  std::string fingerprint() const;

  // Internal: used by the loader and the trainer.
  explicit Tokenizer(std::shared_ptr<const TokenizerImpl> impl);
  const TokenizerImpl& impl() const { return *m_impl; }

 private:
  static Tokenizer loadUnchecked(const std::filesystem::path& fileOrDir);
  static Tokenizer fromJsonUnchecked(std::string_view tokenizerJson, std::string_view configJson,
                                     const std::string& sourceName);

  std::shared_ptr<const TokenizerImpl> m_impl;
};

// Trains a byte-level BPE tokenizer (GPT-2 split pattern, NFC) on `corpus` until the
// vocabulary reaches `vocabSize` (special tokens + 256 bytes + merges) or no pair occurs
// twice. `specialTokens` get ids 0..n-1 in order; names like <|endoftext|>, </s>, <s>,
// <pad> become eos/bos/pad. Deterministic: ties go to the pair with the smaller ids.
Tokenizer trainBpe(const std::vector<std::string>& corpus, int vocabSize,
                   std::vector<std::string> specialTokens);

}  // namespace catdpo
