// SPDX-License-Identifier: MIT
// Small helpers shared by the tokenizer tests: reading a JSON file and printing id lists so a
// mismatch shows both sequences.
#pragma once

#include <QString>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace catdpo::test {

inline nlohmann::json readJsonFile(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return nlohmann::json::parse(buffer.str());
}

inline std::string idList(const std::vector<std::int32_t>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "]";
}

}  // namespace catdpo::test
