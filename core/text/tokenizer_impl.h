// SPDX-License-Identifier: MIT
// Internal state of a Tokenizer, shared by the loader, the saver, the trainer and the
// encoder. Not part of the public API: only core/text/*.cpp include it.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "text/bpe_model.h"
#include "text/pre_tokenizer.h"
#include "text/tokenizer.h"

namespace catdpo {

struct TokenizerImpl {
  text::BpeModel bpe;
  std::vector<AddedToken> added;
  bool nfc = false;
  bool useSplit = true;  // false: the whole segment is one piece (ByteLevel use_regex=false)
  text::SplitPattern pattern = text::SplitPattern::Gpt2;
  bool addPrefixSpace = false;
  std::int32_t bos = -1, eos = -1, pad = -1, unk = -1;
  // What encode(addSpecial=true) puts around a sequence (Llama: {bos}, {}).
  std::vector<std::int32_t> prefixIds, suffixIds;

  // Derived by finish().
  std::vector<std::string> tokenText;   // by id: vocabulary string or added content
  std::vector<std::string> tokenBytes;  // by id: bytes decode emits
  std::vector<std::uint8_t> special;    // by id
  std::array<std::vector<std::size_t>, 256> addedByFirstByte;  // indices into `added`
  int vocabSize = 0;

  // fingerprint() is costly for big vocabularies (it hashes the serialised files): once.
  mutable std::once_flag fingerprintOnce;
  mutable std::string fingerprint;

  // Call after filling the fields above.
  void finish();
  // Id of a token string (added tokens first), or -1.
  std::int32_t idOf(std::string_view token) const;
  // Guesses bos/eos/pad from conventional names, for a tokenizer without a config.
  void guessSpecialIds();
};

}  // namespace catdpo
