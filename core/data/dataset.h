// SPDX-License-Identifier: MIT
// A loaded preference data set as a plain value: where it came from, its format and taxonomy,
// the valid pairs, every problem found, statistics and a content fingerprint. No Qt and no
// LibTorch here, so the GUI's data panel includes this header directly.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "data/category_taxonomy.h"
#include "data/preference_pair.h"

namespace catdpo {

enum class DataFormat {
  Auto,         // detect from the first valid rows
  PkuSafeRlhf,  // PKU-SafeRLHF v1: 19 per-response harm categories, severities
  Pku30k,       // PKU-SafeRLHF-30K: safety labels, no categories
  Dpo,          // {"prompt","chosen","rejected"[,"chosen_unsafe","rejected_unsafe","categories"]}
  HhRlhf,       // Anthropic {"chosen","rejected"} full dialogues
};
// Stable names: "auto", "pku-saferlhf", "pku-30k", "dpo", "hh-rlhf".
const char* toString(DataFormat format);
// Throws catdpo::Error naming field "format" for an unknown name.
DataFormat dataFormatFromString(std::string_view name);

// One thing wrong with the input, located as precisely as the input allows.
struct DataProblem {
  ErrorLocation where;  // file, 1-based line (element start for JSON arrays), field
  std::string message;
  std::string text() const { return formatLocated(where, message); }
};

struct ImportOptions {
  DataFormat format = DataFormat::Auto;
  // false: any problem fails the import (catdpo::Error listing the first maxListedErrors).
  // true: invalid rows are skipped and each one is listed in Dataset::problems.
  bool skipInvalid = false;
  BothUnsafePolicy bothUnsafe = BothUnsafePolicy::Drop;  // used for the statistics
  // Names categories are resolved against. Default: PKU's 19 for PKU files; for other
  // formats the names the file uses, in order of first appearance.
  std::optional<CategoryTaxonomy> taxonomy;
  std::int64_t maxPairs = 0;  // > 0: stop after this many valid pairs (cheap preview)
  std::size_t maxListedErrors = 20;
  // Longest row (JSONL line or array element) read; 0: jsonLimits().maxRowBytes. A longer row
  // is a problem of that row, skipped without being held in memory.
  std::size_t maxRowBytes = 0;
};

// Distribution of a length (characters, words or tokens) over all responses.
struct LengthSummary {
  std::int64_t count = 0;
  std::int64_t min = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
  double mean = 0;
};

struct CategoryCount {
  std::string name;
  std::int64_t total = 0;        // pairs whose C(x) contains the category
  std::int64_t contrastive = 0;  // of those, safety-contrastive under the safety-aware order
};

struct DatasetStats {
  std::int64_t pairs = 0;
  std::int64_t uniquePrompts = 0;
  std::int64_t labelled = 0;  // pairs with both safety labels
  std::int64_t bothSafe = 0;
  std::int64_t bothUnsafe = 0;
  std::int64_t oneUnsafe = 0;
  std::int64_t safetyContrastive = 0;    // h_l - h_w = 1 after the safety-aware ordering
  std::int64_t droppedByOrdering = 0;    // both-unsafe pairs the ordering drops
  std::int64_t helpfulWinnerUnsafe = 0;  // pairs the ordering swaps (better != safer)
  std::int64_t uncategorisedUnsafe = 0;  // pairs with an unsafe response but empty C(x)
  std::int64_t harmfulPrompts = 0, benignPrompts = 0, borderlinePrompts = 0;  // by PromptKind
  std::vector<CategoryCount> perCategory;           // one per taxonomy entry, taxonomy order
  std::array<std::int64_t, 4> severityHistogram{};  // responses per severity level 0..3
  std::int64_t severityUnknown = 0;
  LengthSummary responseChars;   // Unicode code points
  LengthSummary responseWords;   // whitespace-separated words
  LengthSummary responseTokens;  // count == 0 until a tokenizer is supplied
};

struct Dataset {
  std::string path;
  DataFormat format = DataFormat::Auto;
  CategoryTaxonomy taxonomy;
  BothUnsafePolicy bothUnsafe = BothUnsafePolicy::Drop;
  std::vector<PreferencePair> pairs;  // valid pairs, file order
  std::vector<DataProblem> problems;  // every skipped row (skipInvalid) with its reason
  // Problems of the file rather than of a row, when skipInvalid kept what could be read (a
  // compressed file cut short: the rows after the cut are missing).
  std::vector<DataProblem> warnings;
  std::int64_t rowsRead = 0;  // non-blank rows / array elements seen
  bool truncated = false;     // stopped at ImportOptions::maxPairs
  DatasetStats stats;
  std::string fingerprint;  // datasetFingerprint(pairs, taxonomy)
};

using TokenCounter = std::function<std::int64_t(std::string_view)>;

// Reads a JSONL / JSON-array file, optionally gzip-compressed, streaming.
Dataset loadDataset(const std::string& path, const ImportOptions& options = {});
// Recognises the format from the first rows without loading the file.
DataFormat detectDataFormat(const std::string& path);

// Builds a Dataset (stats, fingerprint) from pairs made in memory.
Dataset makeDataset(std::vector<PreferencePair> pairs, CategoryTaxonomy taxonomy, DataFormat format,
                    std::string path = {}, BothUnsafePolicy bothUnsafe = BothUnsafePolicy::Drop);
// The pairs at `indices` (e.g. one side of a split) with fresh stats and fingerprint.
Dataset subsetDataset(const Dataset& dataset, const std::vector<std::size_t>& indices);

DatasetStats computeStats(const std::vector<PreferencePair>& pairs,
                          const CategoryTaxonomy& taxonomy, BothUnsafePolicy bothUnsafe,
                          const TokenCounter& countTokens = {});

// sha256 over a length-prefixed serialisation of the pairs' content (texts, labels, order,
// severities, category names, prompt kind): independent of JSON formatting, key order,
// compression and file name; dependent on pair order.
std::string datasetFingerprint(const std::vector<PreferencePair>& pairs,
                               const CategoryTaxonomy& taxonomy);

// Counts helpers shared with the statistics (exposed for tests and the GUI).
std::int64_t countCodePoints(std::string_view utf8);
std::int64_t countWords(std::string_view text);

}  // namespace catdpo
