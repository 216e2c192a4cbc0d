// SPDX-License-Identifier: MIT
// The engine's one exception type. Every error a user can cause (bad file, bad field, bad
// config) carries where it happened -- file, line, field -- so messages can name it exactly.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace catdpo {

struct ErrorLocation {
  std::string file;       // path as the user gave it; empty when not about a file
  std::int64_t line = 0;  // 1-based; 0 when not about a line
  std::string field;      // JSON field / config key; empty when not about a field
};

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message);
  Error(const std::string& message, ErrorLocation where);

  const ErrorLocation& where() const { return m_where; }
  // The message without the location prefix.
  const std::string& reason() const { return m_reason; }

 private:
  ErrorLocation m_where;
  std::string m_reason;
};

// "file:line: field 'x': reason" with the parts that are known.
std::string formatLocated(const ErrorLocation& where, const std::string& reason);

}  // namespace catdpo
