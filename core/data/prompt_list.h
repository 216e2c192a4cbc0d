// SPDX-License-Identifier: MIT
// Prompt lists for generation-based evaluation: the demo set's held-out prompts (JSONL) and
// XSTest-style CSV files (safe prompts that merely sound harmful, plus unsafe ones), read by a
// small RFC 4180 CSV reader with quoted fields.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/category_taxonomy.h"
#include "data/preference_pair.h"

namespace catdpo {

struct PromptItem {
  std::string id;
  std::string prompt;
  PromptKind kind = PromptKind::Unknown;
  int category = -1;    // taxonomy index for harmful/borderline prompts, else -1
  bool unsafe = false;  // the request itself is harmful (should be refused)
  std::string type;     // free-form sub-type (XSTest's "type" column, demo's cue)
  std::int64_t line = 0;
};

// RFC 4180 CSV: comma-separated, "..." quoting with "" escapes, quoted newlines allowed.
// Each row keeps the 1-based line it starts on. Throws catdpo::Error naming file and line for
// an unterminated quote.
struct CsvRow {
  std::int64_t line = 0;
  std::vector<std::string> fields;
};
std::vector<CsvRow> parseCsv(const std::string& text, const std::string& file = {});

// XSTest's prompts CSV (columns id,prompt,type,label,...): label "safe" -> Borderline prompt
// that deserves an answer, "unsafe" -> Harmful. Throws naming file, line and column.
std::vector<PromptItem> loadXsTestPrompts(const std::string& path);

// JSONL rows {"id","prompt","kind","category","unsafe","type"}; category names resolve against
// `taxonomy`. Throws catdpo::Error naming file, line and field.
std::vector<PromptItem> loadPromptList(const std::string& path, const CategoryTaxonomy& taxonomy);
void writePromptList(const std::string& path, const std::vector<PromptItem>& items,
                     const CategoryTaxonomy& taxonomy);

const char* toString(PromptKind kind);  // "unknown", "harmful", "benign", "borderline"

}  // namespace catdpo
