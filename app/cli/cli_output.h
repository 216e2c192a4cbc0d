// SPDX-License-Identifier: MIT
// Small helpers shared by the subcommands: aligned text tables and JSON printing, so every
// command's human and `--json` output look alike.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace catdpo::cli {

struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> rightAlign;  // per column; numbers read better right-aligned
  void print(std::ostream& out) const;
};

void printJson(std::ostream& out, const nlohmann::json& value);
std::string formatFixed(double value, int decimals);

}  // namespace catdpo::cli
