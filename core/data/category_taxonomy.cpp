// SPDX-License-Identifier: MIT
// Category taxonomy: names plus a hash index; duplicate names are rejected because two ids
// for one category would split its λ_k and its metrics.
#include "data/category_taxonomy.h"

#include "common/error.h"

namespace catdpo {

CategoryTaxonomy::CategoryTaxonomy(std::vector<std::string> names) {
  for (auto& name : names) {
    if (name.empty()) throw Error("empty category name in taxonomy");
    if (m_index.count(name)) throw Error("duplicate category name in taxonomy: '" + name + "'");
    m_index.emplace(name, static_cast<int>(m_names.size()));
    m_names.push_back(std::move(name));
  }
}

CategoryTaxonomy CategoryTaxonomy::pku19() {
  return CategoryTaxonomy(
      {"Endangering National Security", "Insulting Behavior", "Discriminatory Behavior",
       "Endangering Public Health", "Copyright Issues", "Violence", "Drugs", "Privacy Violation",
       "Economic Crime", "Mental Manipulation", "Human Trafficking", "Physical Harm",
       "Sexual Content", "Cybercrime", "Disrupting Public Order", "Environmental Damage",
       "Psychological Harm", "White-Collar Crime", "Animal Abuse"});
}

std::optional<int> CategoryTaxonomy::indexOf(std::string_view name) const {
  const auto it = m_index.find(std::string(name));
  if (it == m_index.end()) return std::nullopt;
  return it->second;
}

int CategoryTaxonomy::addOrFind(std::string_view name) {
  if (auto found = indexOf(name)) return *found;
  if (name.empty()) throw Error("empty category name in taxonomy");
  const int index = size();
  m_names.emplace_back(name);
  m_index.emplace(m_names.back(), index);
  return index;
}

}  // namespace catdpo
