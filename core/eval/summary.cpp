// SPDX-License-Identifier: MIT
// Population statistics across categories. Two-pass variance: the values are few (K <= ~20)
// and close together, where the one-pass formula loses digits.
#include "eval/summary.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.h"

namespace catdpo {

CategorySummary summarize(const std::vector<std::pair<int, double>>& perCategory) {
  CategorySummary out;
  if (perCategory.empty()) return out;

  std::vector<std::pair<int, double>> sorted = perCategory;
  for (const auto& [category, value] : sorted) {
    if (!std::isfinite(value))
      throw Error("value is not a finite number",
                  ErrorLocation{"", 0, "category " + std::to_string(category)});
  }
  // Ascending by value, then by category index: worst first, deterministic under ties.
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first < b.first;
  });
  std::vector<int> seen;
  for (const auto& entry : sorted) seen.push_back(entry.first);
  std::sort(seen.begin(), seen.end());
  if (auto dup = std::adjacent_find(seen.begin(), seen.end()); dup != seen.end())
    throw Error("category given more than once",
                ErrorLocation{"", 0, "category " + std::to_string(*dup)});

  const double k = static_cast<double>(sorted.size());
  double sum = 0;
  for (const auto& entry : sorted) sum += entry.second;
  out.macro = sum / k;

  double squares = 0;
  for (const auto& entry : sorted)
    squares += (entry.second - out.macro) * (entry.second - out.macro);
  out.variance1e3 = squares / k * 1000.0;

  const size_t worst = std::min<size_t>(3, sorted.size());
  double worstSum = 0;
  for (size_t i = 0; i < worst; ++i) {
    worstSum += sorted[i].second;
    out.worst3Categories.push_back(sorted[i].first);
  }
  out.worst3 = worstSum / static_cast<double>(worst);

  // The minimum is sorted.front(); the maximum is the lowest-index category among the largest.
  out.minCategory = sorted.front().first;
  const double maxValue = sorted.back().second;
  out.maxCategory = sorted.back().first;
  for (const auto& entry : sorted)
    if (entry.second == maxValue) out.maxCategory = std::min(out.maxCategory, entry.first);
  out.gapPoints = (maxValue - sorted.front().second) * 100.0;
  out.categoriesCounted = static_cast<int>(sorted.size());
  return out;
}

}  // namespace catdpo
