// SPDX-License-Identifier: MIT
// A data set's statistics and problems as JSON, with stable keys shared by `catdpo
// inspect-data --json`, the run store and the GUI's data panel.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "data/dataset.h"

namespace catdpo {

nlohmann::json lengthSummaryJson(const LengthSummary& s);
nlohmann::json datasetStatsJson(const DatasetStats& stats);
// path, format, taxonomy size, rows, pairs, fingerprint, stats, and up to maxProblems problems
// (problems_total always gives the full count).
nlohmann::json datasetSummaryJson(const Dataset& dataset, std::size_t maxProblems = SIZE_MAX);

const char* toString(BothUnsafePolicy policy);  // "drop", "keep_safer"
// Accepts "drop", "keep_safer" (or "keep-safer"); throws Error naming field "both_unsafe".
BothUnsafePolicy bothUnsafePolicyFromString(std::string_view name);

}  // namespace catdpo
