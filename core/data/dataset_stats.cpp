// SPDX-License-Identifier: MIT
// Statistics and the content fingerprint of a set of pairs. The fingerprint hashes a
// length-prefixed field list, so no two different contents can serialise to the same bytes and
// nothing about the file's formatting leaks in.
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "common/sha256.h"
#include "data/dataset.h"

namespace catdpo {
namespace {

LengthSummary summarise(std::vector<std::int64_t> values) {
  LengthSummary out;
  if (values.empty()) return out;
  std::sort(values.begin(), values.end());
  out.count = static_cast<std::int64_t>(values.size());
  out.min = values.front();
  out.max = values.back();
  // Nearest-rank percentiles: the smallest value with at least q of the data at or below it.
  auto rank = [&](double q) {
    auto index = static_cast<std::size_t>(std::max(0.0, std::ceil(q * values.size()) - 1));
    return values[std::min(index, values.size() - 1)];
  };
  out.p50 = rank(0.50);
  out.p90 = rank(0.90);
  out.p99 = rank(0.99);
  double sum = 0;
  for (auto v : values) sum += static_cast<double>(v);
  out.mean = sum / static_cast<double>(values.size());
  return out;
}

void putField(Sha256& hash, std::string_view bytes) {
  const std::uint64_t n = bytes.size();
  unsigned char length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<unsigned char>(n >> (8 * i));
  hash.update(length, 8);
  hash.update(bytes);
}

}  // namespace

std::int64_t countCodePoints(std::string_view utf8) {
  std::int64_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

std::int64_t countWords(std::string_view text) {
  std::int64_t n = 0;
  bool inWord = false;
  for (unsigned char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (!space && !inWord) ++n;
    inWord = !space;
  }
  return n;
}

DatasetStats computeStats(const std::vector<PreferencePair>& pairs,
                          const CategoryTaxonomy& taxonomy, BothUnsafePolicy bothUnsafe,
                          const TokenCounter& countTokens) {
  DatasetStats s;
  s.pairs = static_cast<std::int64_t>(pairs.size());
  s.perCategory.resize(static_cast<std::size_t>(taxonomy.size()));
  for (int k = 0; k < taxonomy.size(); ++k) s.perCategory[k].name = taxonomy.name(k);
  std::unordered_set<std::string_view> prompts;
  std::vector<std::int64_t> chars, words, tokens;
  chars.reserve(pairs.size() * 2);
  words.reserve(pairs.size() * 2);
  for (const auto& p : pairs) {
    prompts.insert(p.prompt);
    if (p.hasSafetyLabels()) {
      ++s.labelled;
      if (p.bothSafe())
        ++s.bothSafe;
      else if (p.bothUnsafe())
        ++s.bothUnsafe;
      else
        ++s.oneUnsafe;
    }
    const OrderedPair helpful = orderForHelpfulness(p);
    const OrderedPair safe = orderForSafety(p, bothUnsafe);
    if (!safe.keep) ++s.droppedByOrdering;
    if (safe.contrastive()) ++s.safetyContrastive;
    if (safe.keep && helpful.chosen != safe.chosen) ++s.helpfulWinnerUnsafe;
    if ((p.unsafe[0] == 1 || p.unsafe[1] == 1) && p.categories.empty()) ++s.uncategorisedUnsafe;
    switch (p.kind) {
      case PromptKind::Harmful:
        ++s.harmfulPrompts;
        break;
      case PromptKind::Benign:
        ++s.benignPrompts;
        break;
      case PromptKind::Borderline:
        ++s.borderlinePrompts;
        break;
      default:
        break;
    }
    for (int k : p.categories) {
      if (k < 0 || k >= taxonomy.size()) continue;
      ++s.perCategory[k].total;
      if (safe.contrastive()) ++s.perCategory[k].contrastive;
    }
    for (int i = 0; i < 2; ++i) {
      if (p.severity[i] >= 0 && p.severity[i] <= 3)
        ++s.severityHistogram[p.severity[i]];
      else
        ++s.severityUnknown;
      chars.push_back(countCodePoints(p.response[i]));
      words.push_back(countWords(p.response[i]));
      if (countTokens) tokens.push_back(countTokens(p.response[i]));
    }
  }
  s.uniquePrompts = static_cast<std::int64_t>(prompts.size());
  s.responseChars = summarise(std::move(chars));
  s.responseWords = summarise(std::move(words));
  s.responseTokens = summarise(std::move(tokens));
  return s;
}

std::string datasetFingerprint(const std::vector<PreferencePair>& pairs,
                               const CategoryTaxonomy& taxonomy) {
  Sha256 hash;
  putField(hash, "catdpo-pairs-v1");
  for (const auto& p : pairs) {
    putField(hash, p.prompt);
    putField(hash, p.response[0]);
    putField(hash, p.response[1]);
    const std::string labels = std::to_string(p.better) + "," + std::to_string(p.safer) + "," +
                               std::to_string(p.unsafe[0]) + "," + std::to_string(p.unsafe[1]) +
                               "," + std::to_string(p.severity[0]) + "," +
                               std::to_string(p.severity[1]) + "," +
                               std::to_string(static_cast<int>(p.kind));
    putField(hash, labels);
    putField(hash, std::to_string(p.categories.size()));
    for (int k : p.categories) {
      putField(hash, k >= 0 && k < taxonomy.size() ? taxonomy.name(k) : std::to_string(k));
    }
  }
  return hash.hexDigest();
}

Dataset makeDataset(std::vector<PreferencePair> pairs, CategoryTaxonomy taxonomy, DataFormat format,
                    std::string path, BothUnsafePolicy bothUnsafe) {
  Dataset data;
  data.path = std::move(path);
  data.format = format;
  data.taxonomy = std::move(taxonomy);
  data.bothUnsafe = bothUnsafe;
  data.pairs = std::move(pairs);
  data.rowsRead = static_cast<std::int64_t>(data.pairs.size());
  data.stats = computeStats(data.pairs, data.taxonomy, bothUnsafe);
  data.fingerprint = datasetFingerprint(data.pairs, data.taxonomy);
  return data;
}

Dataset subsetDataset(const Dataset& dataset, const std::vector<std::size_t>& indices) {
  std::vector<PreferencePair> pairs;
  pairs.reserve(indices.size());
  for (std::size_t i : indices) pairs.push_back(dataset.pairs.at(i));
  Dataset out = makeDataset(std::move(pairs), dataset.taxonomy, dataset.format, dataset.path,
                            dataset.bothUnsafe);
  return out;
}

}  // namespace catdpo
