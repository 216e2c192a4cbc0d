// SPDX-License-Identifier: MIT
#include "common/error.h"

namespace catdpo {

std::string formatLocated(const ErrorLocation& where, const std::string& reason) {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) out += ":" + std::to_string(where.line);
    out += ": ";
  } else if (where.line > 0) {
    out += "line " + std::to_string(where.line) + ": ";
  }
  if (!where.field.empty()) out += "field '" + where.field + "': ";
  out += reason;
  return out;
}

Error::Error(const std::string& message) : std::runtime_error(message), m_reason(message) {}

Error::Error(const std::string& message, ErrorLocation where)
    : std::runtime_error(formatLocated(where, message)),
      m_where(std::move(where)),
      m_reason(message) {}

}  // namespace catdpo
