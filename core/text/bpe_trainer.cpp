// SPDX-License-Identifier: MIT
// Byte-level BPE training. Words (pre-tokenized pieces) are counted once; pair counts are
// then kept up to date incrementally: a merge only revisits the words that contain its pair
// (an index pair -> words), and a max-heap with lazy re-insertion picks the next pair.
#include "text/bpe_trainer.h"

#include <algorithm>
#include <map>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "common/error.h"
#include "text/byte_level.h"
#include "text/pre_tokenizer.h"
#include "text/tokenizer_impl.h"
#include "text/utf8.h"

namespace catdpo {
namespace {

using PairKey = std::uint64_t;
PairKey key(std::int32_t a, std::int32_t b) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) |
         static_cast<std::uint32_t>(b);
}
std::int32_t left(PairKey k) { return static_cast<std::int32_t>(k >> 32); }
std::int32_t right(PairKey k) { return static_cast<std::int32_t>(k & 0xFFFFFFFFu); }

struct Word {
  std::vector<std::int32_t> symbols;
  std::int64_t count;
};

struct Candidate {
  std::int64_t count;
  PairKey pair;
  // Max-heap order: more frequent first, then the pair with the smaller ids.
  bool operator<(const Candidate& o) const {
    return count != o.count ? count < o.count : pair > o.pair;
  }
};

// Pieces of all texts with their frequencies; special tokens are cut out first so they are
// never learned as ordinary text.
std::map<std::string, std::int64_t> countWords(const std::vector<std::string>& corpus,
                                               const std::vector<std::string>& specials, bool nfc) {
  std::unordered_map<std::string, std::int64_t> counts;
  std::vector<std::string_view> pieces;
  for (const std::string& raw : corpus) {
    const std::string textNfc = nfc ? text::nfc(raw) : raw;
    std::string_view rest = textNfc;
    while (!rest.empty()) {
      std::size_t cut = rest.size();
      std::size_t cutLength = 0;
      for (const auto& s : specials) {
        const auto at = rest.find(s);
        if (at != std::string_view::npos && (at < cut || (at == cut && s.size() > cutLength))) {
          cut = at;
          cutLength = s.size();
        }
      }
      pieces.clear();
      text::preTokenize(rest.substr(0, cut), text::SplitPattern::Gpt2, pieces);
      for (const auto piece : pieces) ++counts[std::string(piece)];
      rest.remove_prefix(std::min(rest.size(), cut + cutLength));
    }
  }
  return {counts.begin(), counts.end()};  // sorted: a deterministic word order
}

void validate(const BpeTrainOptions& options) {
  const auto floor = static_cast<int>(options.specialTokens.size()) + 256;
  if (options.vocabSize < floor) {
    throw Error("vocabulary size " + std::to_string(options.vocabSize) + " is smaller than " +
                    std::to_string(floor) + " (special tokens + 256 byte symbols)",
                ErrorLocation{"", 0, "vocab_size"});
  }
  std::unordered_set<std::string> seen;
  for (const auto& s : options.specialTokens) {
    if (s.empty()) throw Error("empty special token", ErrorLocation{"", 0, "special_tokens"});
    if (!seen.insert(s).second) {
      throw Error("special token '" + s + "' is listed twice",
                  ErrorLocation{"", 0, "special_tokens"});
    }
  }
}

}  // namespace

Tokenizer trainBpe(const std::vector<std::string>& corpus, const BpeTrainOptions& options) {
  validate(options);
  const auto& alphabet = text::ByteLevelAlphabet::instance();

  // Vocabulary: special tokens, then the 256 byte symbols in code point order.
  std::vector<std::string> tokens(options.specialTokens);
  std::unordered_map<std::string, std::int32_t> ids;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    ids.emplace(tokens[i], static_cast<std::int32_t>(i));
  std::array<std::int32_t, 256> byteId{};
  std::vector<int> bytesByCodePoint(256);
  for (int b = 0; b < 256; ++b) bytesByCodePoint[b] = b;
  std::sort(bytesByCodePoint.begin(), bytesByCodePoint.end(), [&](int x, int y) {
    return alphabet.codePoint(static_cast<std::uint8_t>(x)) <
           alphabet.codePoint(static_cast<std::uint8_t>(y));
  });
  for (const int b : bytesByCodePoint) {
    const std::string& symbol = alphabet.symbol(static_cast<std::uint8_t>(b));
    auto [it, inserted] = ids.emplace(symbol, static_cast<std::int32_t>(tokens.size()));
    if (inserted) tokens.push_back(symbol);
    byteId[b] = it->second;
  }

  std::vector<Word> words;
  for (const auto& [piece, count] : countWords(corpus, options.specialTokens, options.nfc)) {
    Word w{{}, count};
    w.symbols.reserve(piece.size());
    for (const char ch : piece) w.symbols.push_back(byteId[static_cast<unsigned char>(ch)]);
    if (w.symbols.size() > 1) words.push_back(std::move(w));
  }

  std::unordered_map<PairKey, std::int64_t> pairCount;
  std::unordered_map<PairKey, std::vector<std::int32_t>> pairWords;
  for (std::size_t w = 0; w < words.size(); ++w) {
    const auto& s = words[w].symbols;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
      const PairKey k = key(s[i], s[i + 1]);
      pairCount[k] += words[w].count;
      auto& list = pairWords[k];
      if (list.empty() || list.back() != static_cast<std::int32_t>(w)) {
        list.push_back(static_cast<std::int32_t>(w));
      }
    }
  }
  std::priority_queue<Candidate> heap;
  for (const auto& [k, c] : pairCount) heap.push({c, k});

  std::vector<std::pair<std::int32_t, std::int32_t>> merges;
  std::unordered_set<PairKey> touched;
  while (static_cast<int>(tokens.size()) < options.vocabSize && !heap.empty()) {
    const Candidate top = heap.top();
    heap.pop();
    const std::int64_t current = pairCount[top.pair];
    if (current != top.count) {  // stale: the pair lost occurrences since it was pushed
      if (current > 0) heap.push({current, top.pair});
      continue;
    }
    if (current < options.minPairCount) break;
    const std::int32_t a = left(top.pair);
    const std::int32_t b = right(top.pair);
    const std::string merged =
        tokens[static_cast<std::size_t>(a)] + tokens[static_cast<std::size_t>(b)];
    auto [it, inserted] = ids.emplace(merged, static_cast<std::int32_t>(tokens.size()));
    if (inserted) tokens.push_back(merged);
    const std::int32_t newId = it->second;
    merges.emplace_back(a, b);

    std::vector<std::int32_t> affected = std::move(pairWords[top.pair]);
    pairWords.erase(top.pair);
    std::sort(affected.begin(), affected.end());
    affected.erase(std::unique(affected.begin(), affected.end()), affected.end());
    touched.clear();
    for (const std::int32_t w : affected) {
      auto& s = words[static_cast<std::size_t>(w)].symbols;
      const std::int64_t count = words[static_cast<std::size_t>(w)].count;
      for (std::size_t i = 0; i + 1 < s.size(); ++i) pairCount[key(s[i], s[i + 1])] -= count;
      std::size_t out = 0;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (i + 1 < s.size() && s[i] == a && s[i + 1] == b) {
          s[out++] = newId;
          ++i;
        } else {
          s[out++] = s[i];
        }
      }
      s.resize(out);
      for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        const PairKey k = key(s[i], s[i + 1]);
        pairCount[k] += count;
        if (s[i] == newId || s[i + 1] == newId) {
          auto& list = pairWords[k];
          if (list.empty() || list.back() != w) list.push_back(w);
          touched.insert(k);
        }
      }
    }
    pairCount.erase(top.pair);
    std::vector<PairKey> fresh(touched.begin(), touched.end());
    std::sort(fresh.begin(), fresh.end());  // deterministic heap contents
    for (const PairKey k : fresh) heap.push({pairCount[k], k});
  }

  auto d = std::make_shared<TokenizerImpl>();
  for (std::size_t id = 0; id < tokens.size(); ++id) {
    d->bpe.addToken(tokens[id], static_cast<std::int32_t>(id));
  }
  for (const auto& [a, b] : merges) {
    d->bpe.addMerge(tokens[static_cast<std::size_t>(a)], tokens[static_cast<std::size_t>(b)]);
  }
  for (std::size_t i = 0; i < options.specialTokens.size(); ++i) {
    d->added.push_back(AddedToken{static_cast<std::int32_t>(i), options.specialTokens[i]});
  }
  d->nfc = options.nfc;
  d->pattern = text::SplitPattern::Gpt2;
  d->guessSpecialIds();
  d->finish();
  return Tokenizer(std::move(d));
}

Tokenizer trainBpe(const std::vector<std::string>& corpus, int vocabSize,
                   std::vector<std::string> specialTokens) {
  BpeTrainOptions options;
  options.vocabSize = vocabSize;
  options.specialTokens = std::move(specialTokens);
  return trainBpe(corpus, options);
}

}  // namespace catdpo
