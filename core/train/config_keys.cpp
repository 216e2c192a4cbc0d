// SPDX-License-Identifier: MIT
#include "train/config_keys.h"

namespace catdpo {

namespace {

void walk(const nlohmann::json& j, const std::string& prefix, int depth,
          std::vector<std::pair<std::string, const nlohmann::json*>>& out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object() && depth < kMaxConfigDepth)
      walk(*it, key, depth + 1, out);
    else
      out.emplace_back(key, &*it);
  }
}

}  // namespace

std::vector<std::pair<std::string, const nlohmann::json*>> configLeaves(
    const nlohmann::json& config) {
  std::vector<std::pair<std::string, const nlohmann::json*>> out;
  if (config.is_object()) walk(config, "", 0, out);
  return out;
}

nlohmann::json::json_pointer configPointer(const std::string& key) {
  std::string p = "/" + key;
  for (char& ch : p)
    if (ch == '.') ch = '/';
  return nlohmann::json::json_pointer(p);
}

std::vector<std::string> configKeys(const nlohmann::json& config) {
  std::vector<std::string> keys;
  for (const auto& leaf : configLeaves(config)) keys.push_back(leaf.first);
  return keys;
}

}  // namespace catdpo
