// SPDX-License-Identifier: MIT
// Internal to core/data: turning one parsed JSON row of each supported format into a
// PreferencePair, recording every problem with file, line and field instead of stopping at the
// first, so one pass tells the user everything that is wrong with a row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "data/dataset.h"

namespace catdpo::detail {

struct RowContext {
  const std::string& file;
  std::int64_t line = 0;
  CategoryTaxonomy& taxonomy;
  bool collectTaxonomy = false;  // unknown names extend the taxonomy instead of failing
  std::vector<DataProblem>& problems;
};

// Each returns true and fills `pair` when the row is valid; otherwise appends >= 1 problem.
bool parsePkuRow(const nlohmann::json& row, bool requireCategories, RowContext& ctx,
                 PreferencePair& pair);
bool parseDpoRow(const nlohmann::json& row, RowContext& ctx, PreferencePair& pair);
bool parseHhRow(const nlohmann::json& row, RowContext& ctx, PreferencePair& pair);

// Splits two hh-rlhf dialogues at the last "\n\nAssistant:" of their common prefix.
// Returns false when they share no such turn.
bool splitDialogues(const std::string& chosen, const std::string& rejected, std::string& prompt,
                    std::string& chosenTail, std::string& rejectedTail);

// Which format a row looks like (Auto when none); `hasCategories` tells PKU v1 from 30K.
DataFormat classifyRow(const nlohmann::json& row);

// Byte offset of the first invalid UTF-8 sequence, or std::string::npos.
std::size_t firstInvalidUtf8(std::string_view text);

}  // namespace catdpo::detail
