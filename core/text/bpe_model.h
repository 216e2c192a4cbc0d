// SPDX-License-Identifier: MIT
// The byte-level BPE model proper: vocabulary, merge ranks and the merge loop for one
// pre-tokenized piece. Merges are keyed by the pair of ids (one 64-bit hash lookup per
// candidate pair, no strings), and finished pieces are kept in a bounded word cache.
// Immutable after building except for the cache, which has its own mutex.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace catdpo::text {

// std::string-keyed map that accepts string_view look-ups without building a string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using TokenIdMap = std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>>;

class BpeModel {
 public:
  BpeModel() = default;
  BpeModel(const BpeModel& other);
  BpeModel& operator=(const BpeModel&) = delete;

  // Adds a vocabulary entry (token in the byte-level alphabet). False if the id or the token
  // is already taken by another entry.
  bool addToken(std::string token, std::int32_t id);
  // Appends a merge (next rank). Returns an explanation when it cannot be used: a side or the
  // merged token missing from the vocabulary.
  std::optional<std::string> addMerge(std::string_view left, std::string_view right);
  // Call once after the vocabulary is complete: resolves the 256 byte symbols.
  void finish();

  // Encodes one piece of raw bytes (before the byte-level mapping) and appends the ids.
  void encodePiece(std::string_view bytes, std::vector<std::int32_t>& out) const;

  std::int32_t idOf(std::string_view token) const;  // -1 if absent
  // Token of an id in the vocabulary, or nullptr (ids may have holes).
  const std::string* tokenOf(std::int32_t id) const;
  std::int32_t maxId() const { return static_cast<std::int32_t>(m_tokens.size()) - 1; }
  std::size_t tokenCount() const { return m_ids.size(); }
  const std::vector<std::pair<std::int32_t, std::int32_t>>& merges() const { return m_mergeList; }

  // Llama-3's option: a piece that is itself a vocabulary entry is taken whole.
  bool ignoreMerges = false;

 private:
  struct Merge {
    std::int32_t rank;
    std::int32_t id;
  };
  static std::uint64_t pairKey(std::int32_t a, std::int32_t b) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) |
           static_cast<std::uint32_t>(b);
  }
  const Merge* findMerge(std::int32_t a, std::int32_t b) const;
  void mergeShort(std::vector<std::int32_t>& symbols) const;
  void mergeLong(std::vector<std::int32_t>& symbols) const;

  std::vector<std::string> m_tokens;  // by id; empty = hole
  std::vector<std::uint8_t> m_present;
  TokenIdMap m_ids;
  std::unordered_map<std::uint64_t, Merge> m_merges;
  std::vector<std::pair<std::int32_t, std::int32_t>> m_mergeList;  // in rank order
  std::array<std::int32_t, 256> m_byteIds{};

  static constexpr std::size_t kCacheCapacity = 20000;
  static constexpr std::size_t kMaxCachedPieceBytes = 64;
  mutable std::mutex m_cacheMutex;
  mutable std::unordered_map<std::string, std::vector<std::int32_t>, StringHash, std::equal_to<>>
      m_cache;
};

}  // namespace catdpo::text
