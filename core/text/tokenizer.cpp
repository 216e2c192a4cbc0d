// SPDX-License-Identifier: MIT
// Encoding and decoding. Encode: added tokens are cut out of the raw text first (leftmost,
// longest), then each remaining segment is NFC-normalised if asked, split by the
// pre-tokenizer pattern and merged by BPE. Decode: concatenate each token's bytes.
#include "text/tokenizer.h"

#include <algorithm>

#include "common/sha256.h"
#include "text/byte_level.h"
#include "text/tokenizer_impl.h"
#include "text/utf8.h"

namespace catdpo {
namespace {

bool isWordChar(std::int32_t cp) { return cp == '_' || text::isLetter(cp) || text::isNumber(cp); }

// Code point ending just before byte `end` (which must be > 0).
std::int32_t lastCharBefore(std::string_view s, std::size_t end) {
  std::size_t start = end - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 && end - start < 4) {
    --start;
  }
  const text::Utf8Char c = text::decodeUtf8At(s, start);
  return start + static_cast<std::size_t>(c.length) == end ? c.codePoint : -1;
}

// Number of bytes of whitespace ending at `end` / starting at `begin`.
std::size_t whitespaceBefore(std::string_view s, std::size_t floor, std::size_t end) {
  std::size_t pos = end;
  while (pos > floor) {
    const std::int32_t cp = lastCharBefore(s, pos);
    if (!text::isWhitespace(cp)) break;
    std::size_t len = 1;
    while ((static_cast<unsigned char>(s[pos - len]) & 0xC0) == 0x80) ++len;
    pos -= len;
  }
  return end - pos;
}
std::size_t whitespaceAfter(std::string_view s, std::size_t begin) {
  std::size_t pos = begin;
  while (pos < s.size()) {
    const text::Utf8Char c = text::decodeUtf8At(s, pos);
    if (!text::isWhitespace(c.codePoint)) break;
    pos += static_cast<std::size_t>(c.length);
  }
  return pos - begin;
}

}  // namespace

void TokenizerImpl::finish() {
  bpe.finish();
  vocabSize = bpe.maxId() + 1;
  for (const auto& t : added) vocabSize = std::max(vocabSize, t.id + 1);
  const auto n = static_cast<std::size_t>(vocabSize);
  tokenText.assign(n, std::string());
  tokenBytes.assign(n, std::string());
  special.assign(n, 0);
  const auto& alphabet = text::ByteLevelAlphabet::instance();
  for (std::size_t id = 0; id < n; ++id) {
    if (const std::string* t = bpe.tokenOf(static_cast<std::int32_t>(id))) tokenText[id] = *t;
  }
  for (const auto& t : added) {
    tokenText[static_cast<std::size_t>(t.id)] = t.content;
    special[static_cast<std::size_t>(t.id)] = t.special ? 1 : 0;
  }
  for (std::size_t id = 0; id < n; ++id) {
    // Like the ByteLevel decoder: a token made only of alphabet characters becomes its
    // bytes; anything else (an added token with a raw space, say) is emitted verbatim.
    std::string bytes;
    if (alphabet.decode(tokenText[id], bytes)) {
      tokenBytes[id] = std::move(bytes);
    } else {
      tokenBytes[id] = tokenText[id];
    }
  }
  for (auto& bucket : addedByFirstByte) bucket.clear();
  for (std::size_t i = 0; i < added.size(); ++i) {
    if (added[i].content.empty()) continue;
    addedByFirstByte[static_cast<unsigned char>(added[i].content[0])].push_back(i);
  }
  // Longest first, so the first candidate that matches is the longest one.
  for (auto& bucket : addedByFirstByte) {
    std::stable_sort(bucket.begin(), bucket.end(), [&](std::size_t a, std::size_t b) {
      return added[a].content.size() > added[b].content.size();
    });
  }
}

std::int32_t TokenizerImpl::idOf(std::string_view token) const {
  for (const auto& t : added) {
    if (t.content == token) return t.id;
  }
  return bpe.idOf(token);
}

void TokenizerImpl::guessSpecialIds() {
  auto first = [&](std::initializer_list<std::string_view> names) {
    for (const auto name : names) {
      if (const std::int32_t id = idOf(name); id >= 0) return id;
    }
    return -1;
  };
  eos = first({"<|endoftext|>", "</s>", "<|end_of_text|>", "<eos>", "<|eos|>"});
  bos = first({"<s>", "<|begin_of_text|>", "<bos>", "<|bos|>", "<|startoftext|>"});
  // GPT-2's convention: one <|endoftext|> token serves as both ends.
  if (bos < 0 && eos >= 0 && eos == idOf("<|endoftext|>")) {
    bos = eos;
  }
  pad = first({"<pad>", "<|pad|>", "[PAD]"});
  unk = first({"<unk>", "<|unk|>", "[UNK]"});
}

Tokenizer::Tokenizer() {
  auto empty = std::make_shared<TokenizerImpl>();
  empty->finish();  // resolves the byte table to "absent", so encode() yields nothing
  m_impl = std::move(empty);
}
Tokenizer::Tokenizer(std::shared_ptr<const TokenizerImpl> impl) : m_impl(std::move(impl)) {}

std::vector<std::int32_t> Tokenizer::encode(std::string_view input, bool addSpecial) const {
  const TokenizerImpl& d = *m_impl;
  std::vector<std::int32_t> ids;
  ids.reserve(input.size() / 3 + 4);
  if (addSpecial) ids.insert(ids.end(), d.prefixIds.begin(), d.prefixIds.end());

  std::vector<std::string_view> pieces;
  std::string normalized;
  std::string prefixed;
  auto encodeSegment = [&](std::string_view segment) {
    if (segment.empty()) return;
    if (d.nfc) {
      normalized = text::nfc(segment);
      segment = normalized;
    }
    if (d.addPrefixSpace && segment.front() != ' ') {
      prefixed = " ";
      prefixed.append(segment);
      segment = prefixed;
    }
    pieces.clear();
    if (d.useSplit) {
      text::preTokenize(segment, d.pattern, pieces);
    } else {
      pieces.push_back(segment);
    }
    for (const auto piece : pieces) d.bpe.encodePiece(piece, ids);
  };

  std::size_t segmentStart = 0;
  std::size_t pos = 0;
  while (pos < input.size()) {
    const auto& bucket = d.addedByFirstByte[static_cast<unsigned char>(input[pos])];
    const AddedToken* hit = nullptr;
    for (const std::size_t index : bucket) {
      const AddedToken& t = d.added[index];
      if (input.substr(pos).starts_with(t.content)) {
        if (t.singleWord) {
          const std::size_t end = pos + t.content.size();
          if ((pos > 0 && isWordChar(lastCharBefore(input, pos))) ||
              (end < input.size() && isWordChar(text::decodeUtf8At(input, end).codePoint))) {
            continue;
          }
        }
        hit = &t;
        break;
      }
    }
    if (hit == nullptr) {
      ++pos;
      continue;
    }
    std::size_t cutStart = pos;
    std::size_t cutEnd = pos + hit->content.size();
    if (hit->lstrip) cutStart -= whitespaceBefore(input, segmentStart, pos);
    if (hit->rstrip) cutEnd += whitespaceAfter(input, cutEnd);
    encodeSegment(input.substr(segmentStart, cutStart - segmentStart));
    ids.push_back(hit->id);
    segmentStart = pos = cutEnd;
  }
  encodeSegment(input.substr(segmentStart));
  if (addSpecial) ids.insert(ids.end(), d.suffixIds.begin(), d.suffixIds.end());
  return ids;
}

std::string Tokenizer::decode(const std::vector<std::int32_t>& ids, bool skipSpecial) const {
  const TokenizerImpl& d = *m_impl;
  std::string bytes;
  bytes.reserve(ids.size() * 4);
  for (const std::int32_t id : ids) {
    if (id < 0 || id >= d.vocabSize) continue;
    const auto index = static_cast<std::size_t>(id);
    if (skipSpecial && d.special[index]) continue;
    bytes += d.tokenBytes[index];
  }
  return text::repairUtf8(bytes);
}

std::string Tokenizer::tokenBytes(std::int32_t id) const {
  if (id < 0 || id >= m_impl->vocabSize) return {};
  return m_impl->tokenBytes[static_cast<std::size_t>(id)];
}

int Tokenizer::vocabSize() const { return m_impl->vocabSize; }
std::int32_t Tokenizer::bosId() const { return m_impl->bos; }
std::int32_t Tokenizer::eosId() const { return m_impl->eos; }
std::int32_t Tokenizer::padId() const { return m_impl->pad; }

std::string Tokenizer::idToToken(std::int32_t id) const {
  if (id < 0 || id >= m_impl->vocabSize) return {};
  return m_impl->tokenText[static_cast<std::size_t>(id)];
}

std::int32_t Tokenizer::tokenToId(std::string_view token) const { return m_impl->idOf(token); }

bool Tokenizer::isSpecial(std::int32_t id) const {
  return id >= 0 && id < m_impl->vocabSize && m_impl->special[static_cast<std::size_t>(id)];
}

const std::vector<AddedToken>& Tokenizer::addedTokens() const { return m_impl->added; }

std::string Tokenizer::preTokenizerName() const {
  if (!m_impl->useSplit) return "none";
  return std::string(text::splitPatternName(m_impl->pattern));
}

bool Tokenizer::normalizesNfc() const { return m_impl->nfc; }

const std::vector<std::int32_t>& Tokenizer::specialPrefix() const { return m_impl->prefixIds; }
const std::vector<std::int32_t>& Tokenizer::specialSuffix() const { return m_impl->suffixIds; }

std::string Tokenizer::fingerprint() const {
  std::call_once(m_impl->fingerprintOnce,
                 [this] { m_impl->fingerprint = sha256Hex(toJson() + "\n" + configJson()); });
  return m_impl->fingerprint;
}

}  // namespace catdpo
