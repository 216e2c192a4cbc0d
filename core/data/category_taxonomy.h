// SPDX-License-Identifier: MIT
// The ordered list of harm-category names a data set uses. Category ids everywhere (pairs,
// λ_k, metrics) are indices into one taxonomy; PKU-SafeRLHF's 19 names are the default, a
// data set may bring its own (collected in order of first appearance).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace catdpo {

class CategoryTaxonomy {
 public:
  CategoryTaxonomy() = default;
  explicit CategoryTaxonomy(std::vector<std::string> names);

  // PKU-SafeRLHF's 19 categories, exact spellings, in the data's order.
  static CategoryTaxonomy pku19();

  int size() const { return static_cast<int>(m_names.size()); }
  bool empty() const { return m_names.empty(); }
  const std::vector<std::string>& names() const { return m_names; }
  // Throws std::out_of_range for a bad index.
  const std::string& name(int index) const { return m_names.at(static_cast<std::size_t>(index)); }
  // Exact (case-sensitive) lookup.
  std::optional<int> indexOf(std::string_view name) const;
  // Adds `name` if new (for taxonomies collected from a data set); returns its index.
  int addOrFind(std::string_view name);

  bool operator==(const CategoryTaxonomy& other) const { return m_names == other.m_names; }

 private:
  std::vector<std::string> m_names;
  std::unordered_map<std::string, int> m_index;
};

}  // namespace catdpo
