// SPDX-License-Identifier: MIT
#include "cli/cli_output.h"

#include <algorithm>
#include <cstdio>

namespace catdpo::cli {

namespace {
// Display width of a UTF-8 string, counting code points (good enough for names and numbers).
size_t displayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}
}  // namespace

void TextTable::print(std::ostream& out) const {
  std::vector<size_t> width(header.size(), 0);
  for (size_t c = 0; c < header.size(); ++c) width[c] = displayWidth(header[c]);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size() && c < width.size(); ++c)
      width[c] = std::max(width[c], displayWidth(row[c]));
  auto emit = [&](const std::vector<std::string>& row) {
    for (size_t c = 0; c < width.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : "";
      const size_t pad = width[c] - displayWidth(cell);
      const bool right = c < rightAlign.size() && rightAlign[c];
      if (c) out << "  ";
      if (right)
        out << std::string(pad, ' ') << cell;
      else
        out << cell << (c + 1 < width.size() ? std::string(pad, ' ') : "");
    }
    out << '\n';
  };
  emit(header);
  size_t total = 0;
  for (size_t w : width) total += w;
  out << std::string(total + 2 * (width.empty() ? 0 : width.size() - 1), '-') << '\n';
  for (const auto& row : rows) emit(row);
}

void printJson(std::ostream& out, const nlohmann::json& value) { out << value.dump(2) << '\n'; }

std::string formatFixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

}  // namespace catdpo::cli
