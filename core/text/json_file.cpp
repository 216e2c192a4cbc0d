// SPDX-License-Identifier: MIT
// JsonFile: parse errors carry the line of the offending byte; field errors carry the line
// found by walking the field path's keys through the text in order.
#include "text/json_file.h"

#include <algorithm>
#include <vector>

#include "common/error.h"
#include "common/json_input.h"

namespace catdpo::text {
namespace {

std::int64_t lineAt(const std::string& text, std::size_t byte) {
  byte = std::min(byte, text.size());
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(byte), '\n');
}

// "model.vocab[\"b\"]" -> {"model", "vocab", "b"}; numeric indices are dropped.
std::vector<std::string> fieldKeys(const std::string& field) {
  std::vector<std::string> keys;
  std::string current;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    if (c == '.') {
      if (!current.empty()) keys.push_back(current);
      current.clear();
    } else if (c == '[') {
      if (!current.empty()) keys.push_back(current);
      current.clear();
      const auto close = field.find(']', i);
      if (close == std::string::npos) break;
      const std::string inside = field.substr(i + 1, close - i - 1);
      if (inside.size() >= 2 && inside.front() == '"')
        keys.push_back(inside.substr(1, inside.size() - 2));
      i = close;
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) keys.push_back(current);
  return keys;
}

}  // namespace

std::int64_t JsonFile::lineOf(const std::string& field) const {
  std::size_t pos = 0;
  std::size_t found = std::string::npos;
  for (const auto& key : fieldKeys(field)) {
    // Keys as they appear in the file (JSON-escaped) followed by a colon somewhere after.
    const std::string quoted = nlohmann::json(key).dump();
    const auto at = text.find(quoted, pos);
    if (at == std::string::npos) break;
    found = at;
    pos = at + quoted.size();
  }
  return found == std::string::npos ? 0 : lineAt(text, found);
}

void JsonFile::fail(const std::string& field, const std::string& reason) const {
  throw Error(reason, ErrorLocation{path, lineOf(field), field});
}

bool JsonFile::flag(const nlohmann::json& obj, const char* key, const std::string& prefix,
                    bool fallback) const {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) fail(prefix + key, "expected true or false");
  return it->get<bool>();
}

std::string JsonFile::string(const nlohmann::json& obj, const char* key, const std::string& prefix,
                             const std::string& fallback) const {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_string()) fail(prefix + key, "expected a string");
  return it->get<std::string>();
}

std::int64_t JsonFile::integer(const nlohmann::json& value, std::int64_t min, std::int64_t max,
                               const std::string& field) const {
  try {
    return jsonInteger(value, min, max, ErrorLocation{path, 0, field});
  } catch (const Error& e) {
    fail(field, e.reason());
  }
}

std::string readTextFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error("file not found (expected a tokenizer file)", ErrorLocation{path.string(), 0, ""});
  }
  return readFileLimited(path);
}

JsonFile parseJsonFile(std::string text, const std::string& path) {
  JsonFile f{path, std::move(text), nlohmann::json()};
  f.value = parseJson(f.text, JsonSource{path, 1});  // depth, size and number limits
  if (!f.value.is_object()) throw Error("expected a JSON object", ErrorLocation{path, 1, ""});
  return f;
}

}  // namespace catdpo::text
