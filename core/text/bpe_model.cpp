// SPDX-License-Identifier: MIT
// The merge loop. A piece repeatedly merges its lowest-ranked adjacent pair, leftmost first
// on ties (the order Hugging Face's heap gives). Short pieces rescan a small array; long ones
// (runs of spaces, repeated characters) use a linked list and a heap so they stay O(n log n).
#include "text/bpe_model.h"

#include <algorithm>
#include <queue>

#include "text/byte_level.h"

namespace catdpo::text {
namespace {
constexpr std::size_t kShortPiece = 48;  // symbols; beyond this the heap wins
}  // namespace

BpeModel::BpeModel(const BpeModel& other)
    : ignoreMerges(other.ignoreMerges),
      m_tokens(other.m_tokens),
      m_present(other.m_present),
      m_ids(other.m_ids),
      m_merges(other.m_merges),
      m_mergeList(other.m_mergeList),
      m_byteIds(other.m_byteIds) {}

bool BpeModel::addToken(std::string token, std::int32_t id) {
  if (id < 0) return false;
  const auto index = static_cast<std::size_t>(id);
  if (index < m_present.size() && m_present[index]) return false;
  if (m_ids.find(token) != m_ids.end()) return false;
  if (index >= m_tokens.size()) {
    m_tokens.resize(index + 1);
    m_present.resize(index + 1, 0);
  }
  m_ids.emplace(token, id);
  m_tokens[index] = std::move(token);
  m_present[index] = 1;
  return true;
}

std::optional<std::string> BpeModel::addMerge(std::string_view left, std::string_view right) {
  const std::int32_t a = idOf(left);
  if (a < 0) return "'" + std::string(left) + "' is not in the vocabulary";
  const std::int32_t b = idOf(right);
  if (b < 0) return "'" + std::string(right) + "' is not in the vocabulary";
  std::string merged;
  merged.reserve(left.size() + right.size());
  merged.append(left).append(right);
  const std::int32_t id = idOf(merged);
  if (id < 0) return "the merged token '" + merged + "' is not in the vocabulary";
  const auto rank = static_cast<std::int32_t>(m_mergeList.size());
  // A repeated merge keeps its first (lowest) rank, as in Hugging Face's loader.
  m_merges.try_emplace(pairKey(a, b), Merge{rank, id});
  m_mergeList.emplace_back(a, b);
  return std::nullopt;
}

void BpeModel::finish() {
  const auto& alphabet = ByteLevelAlphabet::instance();
  for (int b = 0; b < 256; ++b) m_byteIds[b] = idOf(alphabet.symbol(static_cast<std::uint8_t>(b)));
}

std::int32_t BpeModel::idOf(std::string_view token) const {
  const auto it = m_ids.find(token);
  return it == m_ids.end() ? -1 : it->second;
}

const std::string* BpeModel::tokenOf(std::int32_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= m_tokens.size() || !m_present[id]) return nullptr;
  return &m_tokens[static_cast<std::size_t>(id)];
}

const BpeModel::Merge* BpeModel::findMerge(std::int32_t a, std::int32_t b) const {
  const auto it = m_merges.find(pairKey(a, b));
  return it == m_merges.end() ? nullptr : &it->second;
}

void BpeModel::mergeShort(std::vector<std::int32_t>& symbols) const {
  while (symbols.size() > 1) {
    std::size_t best = symbols.size();
    const Merge* bestMerge = nullptr;
    for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
      const Merge* m = findMerge(symbols[i], symbols[i + 1]);
      if (m != nullptr && (bestMerge == nullptr || m->rank < bestMerge->rank)) {
        bestMerge = m;
        best = i;
      }
    }
    if (bestMerge == nullptr) return;
    symbols[best] = bestMerge->id;
    symbols.erase(symbols.begin() + static_cast<std::ptrdiff_t>(best) + 1);
  }
}

void BpeModel::mergeLong(std::vector<std::int32_t>& symbols) const {
  const auto n = static_cast<std::int32_t>(symbols.size());
  std::vector<std::int32_t> next(symbols.size());
  std::vector<std::int32_t> prev(symbols.size());
  for (std::int32_t i = 0; i < n; ++i) {
    prev[i] = i - 1;
    next[i] = i + 1 < n ? i + 1 : -1;
  }
  struct Candidate {
    std::int32_t rank;
    std::int32_t pos;  // left symbol
    std::int32_t left;
    std::int32_t right;
    bool operator>(const Candidate& o) const {
      return rank != o.rank ? rank > o.rank : pos > o.pos;
    }
  };
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
  auto push = [&](std::int32_t pos) {
    if (pos < 0 || next[pos] < 0) return;
    if (const Merge* m = findMerge(symbols[pos], symbols[next[pos]])) {
      heap.push({m->rank, pos, symbols[pos], symbols[next[pos]]});
    }
  };
  for (std::int32_t i = 0; i + 1 < n; ++i) push(i);
  constexpr std::int32_t kDead = -1;
  while (!heap.empty()) {
    const Candidate c = heap.top();
    heap.pop();
    const std::int32_t r = next[c.pos];
    // Stale when either side has since been merged into something else.
    if (symbols[c.pos] != c.left || r < 0 || symbols[r] != c.right) continue;
    symbols[c.pos] = findMerge(c.left, c.right)->id;
    symbols[r] = kDead;
    next[c.pos] = next[r];
    if (next[r] >= 0) prev[next[r]] = c.pos;
    push(prev[c.pos]);
    push(c.pos);
  }
  symbols.erase(std::remove(symbols.begin(), symbols.end(), kDead), symbols.end());
}

void BpeModel::encodePiece(std::string_view bytes, std::vector<std::int32_t>& out) const {
  if (bytes.empty()) return;
  const bool cacheable = bytes.size() <= kMaxCachedPieceBytes;
  if (cacheable) {
    std::lock_guard lock(m_cacheMutex);
    const auto it = m_cache.find(bytes);
    if (it != m_cache.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
      return;
    }
  }
  std::vector<std::int32_t> symbols;
  if (ignoreMerges) {
    const std::int32_t whole = idOf(ByteLevelAlphabet::instance().encode(bytes));
    if (whole >= 0) symbols.push_back(whole);
  }
  if (symbols.empty()) {
    symbols.reserve(bytes.size());
    for (const char ch : bytes) {
      // A byte missing from the vocabulary is dropped, as Hugging Face does without unk.
      const std::int32_t id = m_byteIds[static_cast<unsigned char>(ch)];
      if (id >= 0) symbols.push_back(id);
    }
    if (symbols.size() <= kShortPiece) {
      mergeShort(symbols);
    } else {
      mergeLong(symbols);
    }
  }
  out.insert(out.end(), symbols.begin(), symbols.end());
  if (cacheable) {
    std::lock_guard lock(m_cacheMutex);
    if (m_cache.size() >= kCacheCapacity) m_cache.clear();
    m_cache.emplace(std::string(bytes), std::move(symbols));
  }
}

}  // namespace catdpo::text
