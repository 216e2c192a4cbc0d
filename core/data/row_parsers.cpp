// SPDX-License-Identifier: MIT
// Row validation for PKU-SafeRLHF (v1 and 30K), generic DPO and hh-rlhf rows. A small checker
// reads typed fields and records "missing" / "wrong type" / "out of range" per field.
#include "data/row_parsers.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "common/sha256.h"

namespace catdpo::detail {
namespace {

using nlohmann::json;

const char* typeName(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    case json::value_t::number_float:
      return "a number";
    default:
      return "an integer";
  }
}

bool isBlank(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

class RowChecker {
 public:
  RowChecker(const json& row, RowContext& ctx) : m_row(row), m_ctx(ctx) {}

  void fail(const std::string& field, const std::string& message) {
    m_ctx.problems.push_back(DataProblem{ErrorLocation{m_ctx.file, m_ctx.line, field}, message});
    m_ok = false;
  }
  bool ok() const { return m_ok; }
  bool has(const char* field) const { return m_row.contains(field); }

  // A string field; `nonEmpty` rejects empty and whitespace-only text.
  std::string text(const char* field, bool required, bool nonEmpty) {
    const auto it = m_row.find(field);
    if (it == m_row.end()) {
      if (required) fail(field, "missing field");
      return {};
    }
    if (!it->is_string()) {
      fail(field, std::string("expected a string, got ") + typeName(*it));
      return {};
    }
    std::string value = it->get<std::string>();
    if (nonEmpty && isBlank(value)) fail(field, "empty text");
    return value;
  }

  // -1 when absent (and not required) or invalid.
  int boolean(const char* field, bool required) {
    const auto it = m_row.find(field);
    if (it == m_row.end()) {
      if (required) fail(field, "missing field");
      return -1;
    }
    if (!it->is_boolean()) {
      fail(field, std::string("expected true or false, got ") + typeName(*it));
      return -1;
    }
    return it->get<bool>() ? 1 : 0;
  }

  // An integer in [lo, hi]; -1 when absent (and not required) or invalid.
  int integer(const char* field, int lo, int hi, bool required) {
    const auto it = m_row.find(field);
    if (it == m_row.end()) {
      if (required) fail(field, "missing field");
      return -1;
    }
    // Compared before any conversion: 2^64-1 must not wrap to -1, 1e300 must not be cast, and
    // a float where an integer belongs is refused rather than rounded.
    const std::string range = std::to_string(lo) + ".." + std::to_string(hi);
    if (it->is_number_unsigned()) {
      const std::uint64_t value = it->get<std::uint64_t>();
      if (hi < 0 || value > static_cast<std::uint64_t>(hi) || static_cast<long long>(value) < lo) {
        fail(field, "value " + std::to_string(value) + " out of range " + range);
        return -1;
      }
      return static_cast<int>(value);
    }
    if (!it->is_number_integer()) {
      fail(field, std::string("expected an integer, got ") + typeName(*it) +
                      (it->is_number_float() ? " with a fraction or exponent" : ""));
      return -1;
    }
    const long long value = it->get<long long>();
    if (value < lo || value > hi) {
      fail(field, "value " + std::to_string(value) + " out of range " + range);
      return -1;
    }
    return static_cast<int>(value);
  }

  const json* object(const char* field, bool required) {
    const auto it = m_row.find(field);
    if (it == m_row.end()) {
      if (required) fail(field, "missing field");
      return nullptr;
    }
    if (!it->is_object()) {
      fail(field,
           std::string("expected an object of category -> true/false, got ") + typeName(*it));
      return nullptr;
    }
    return &*it;
  }

 private:
  const json& m_row;
  RowContext& m_ctx;
  bool m_ok = true;
};

// Reads the optional extension fields every format accepts: "id" and "prompt_kind".
void readCommonExtras(const json& row, RowChecker& check, PreferencePair& pair) {
  if (const auto it = row.find("id"); it != row.end()) {
    if (it->is_string())
      pair.id = it->get<std::string>();
    else if (it->is_number_unsigned())
      pair.id = std::to_string(it->get<std::uint64_t>());
    else if (it->is_number_integer())
      pair.id = std::to_string(it->get<long long>());
    else
      check.fail("id", std::string("expected a string or integer, got ") + typeName(*it));
  }
  if (row.contains("prompt_kind")) {
    const std::string kind = check.text("prompt_kind", false, false);
    if (kind == "harmful")
      pair.kind = PromptKind::Harmful;
    else if (kind == "benign")
      pair.kind = PromptKind::Benign;
    else if (kind == "borderline")
      pair.kind = PromptKind::Borderline;
    else if (row.at("prompt_kind").is_string() && !kind.empty() && kind != "unknown")
      check.fail("prompt_kind", "unknown prompt kind '" + kind + "' (harmful, benign, borderline)");
  }
}

// Category names -> indices, resolving against (or extending) the taxonomy.
bool resolveCategories(const std::vector<std::pair<std::string, std::string>>& namesWithField,
                       RowContext& ctx, RowChecker& check, std::set<int>& out) {
  bool ok = true;
  for (const auto& [field, name] : namesWithField) {
    if (auto index = ctx.taxonomy.indexOf(name)) {
      out.insert(*index);
    } else if (!ctx.collectTaxonomy) {
      check.fail(field, "unknown category name '" + name + "'");
      ok = false;
    }
  }
  if (!ok || !check.ok()) return false;
  if (ctx.collectTaxonomy) {
    for (const auto& [field, name] : namesWithField) out.insert(ctx.taxonomy.addOrFind(name));
  }
  return true;
}

}  // namespace

std::size_t firstInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else
      return i;
    if (i + len > n) return i;
    for (int k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return i;
    i += static_cast<std::size_t>(len);
  }
  return std::string::npos;
}

DataFormat classifyRow(const json& row) {
  if (!row.is_object()) return DataFormat::Auto;
  if (row.contains("response_0") || row.contains("response_1")) {
    return row.contains("response_0_harm_category") || row.contains("response_1_harm_category")
               ? DataFormat::PkuSafeRlhf
               : DataFormat::Pku30k;
  }
  if (row.contains("chosen") && row.contains("rejected")) {
    return row.contains("prompt") ? DataFormat::Dpo : DataFormat::HhRlhf;
  }
  return DataFormat::Auto;
}

bool parsePkuRow(const json& row, bool requireCategories, RowContext& ctx, PreferencePair& pair) {
  RowChecker check(row, ctx);
  pair.prompt = check.text("prompt", true, true);
  std::vector<std::pair<std::string, std::string>> flagged[2];
  for (int i = 0; i < 2; ++i) {
    const std::string r = "response_" + std::to_string(i);
    pair.response[i] = check.text(r.c_str(), true, true);
    const int safe = check.boolean(("is_" + r + "_safe").c_str(), true);
    pair.unsafe[i] = static_cast<std::int8_t>(safe < 0 ? -1 : 1 - safe);
    const int severity = check.integer((r + "_severity_level").c_str(), 0, 3, false);
    pair.severity[i] = static_cast<std::int8_t>(severity);
    const std::string catField = r + "_harm_category";
    if (const json* cats = check.object(catField.c_str(), requireCategories)) {
      for (const auto& [name, value] : cats->items()) {
        if (!value.is_boolean()) {
          check.fail(catField + "." + name,
                     std::string("expected true or false, got ") + typeName(value));
        } else if (value.get<bool>()) {
          flagged[i].emplace_back(catField + "." + name, name);
        } else if (!ctx.collectTaxonomy && !ctx.taxonomy.indexOf(name)) {
          check.fail(catField + "." + name, "unknown category name '" + name + "'");
        }
      }
    }
    const std::string hashField = r + "_sha256";
    if (row.contains(hashField)) {
      const std::string expected = check.text(hashField.c_str(), false, false);
      if (check.ok() && expected != sha256Hex(pair.prompt + pair.response[i])) {
        check.fail(hashField, "sha256(prompt + " + r +
                                  ") does not match: the text differs from "
                                  "the one the hash was made from");
      }
    }
  }
  pair.better = check.integer("better_response_id", 0, 1, true);
  pair.safer = check.integer("safer_response_id", 0, 1, true);
  readCommonExtras(row, check, pair);
  // C(x): union of the categories flagged on the unsafe response(s).
  std::vector<std::pair<std::string, std::string>> names;
  for (int i = 0; i < 2; ++i) {
    if (pair.unsafe[i] == 1) names.insert(names.end(), flagged[i].begin(), flagged[i].end());
  }
  std::set<int> categories;
  // Names flagged on safe responses must still be known names.
  for (int i = 0; i < 2; ++i) {
    if (pair.unsafe[i] != 1) {
      for (const auto& [field, name] : flagged[i]) {
        if (!ctx.collectTaxonomy && !ctx.taxonomy.indexOf(name))
          check.fail(field, "unknown category name '" + name + "'");
      }
    }
  }
  if (!resolveCategories(names, ctx, check, categories)) return false;
  pair.categories.assign(categories.begin(), categories.end());
  if (pair.kind == PromptKind::Unknown && !pair.categories.empty()) pair.kind = PromptKind::Harmful;
  return check.ok();
}

bool parseDpoRow(const json& row, RowContext& ctx, PreferencePair& pair) {
  RowChecker check(row, ctx);
  pair.prompt = check.text("prompt", true, true);
  pair.response[0] = check.text("chosen", true, true);
  pair.response[1] = check.text("rejected", true, true);
  pair.better = 0;
  pair.unsafe[0] = static_cast<std::int8_t>(check.boolean("chosen_unsafe", false));
  pair.unsafe[1] = static_cast<std::int8_t>(check.boolean("rejected_unsafe", false));
  if (pair.hasSafetyLabels() && pair.unsafe[0] != pair.unsafe[1]) {
    pair.safer = pair.unsafe[0] == 0 ? 0 : 1;
  }
  readCommonExtras(row, check, pair);
  std::vector<std::pair<std::string, std::string>> names;
  if (const auto it = row.find("categories"); it != row.end()) {
    if (!it->is_array()) {
      check.fail("categories",
                 std::string("expected a list of category names, got ") + typeName(*it));
    } else {
      for (std::size_t k = 0; k < it->size(); ++k) {
        const json& v = (*it)[k];
        const std::string field = "categories[" + std::to_string(k) + "]";
        if (!v.is_string() || v.get<std::string>().empty()) {
          check.fail(field, std::string("expected a category name, got ") + typeName(v));
        } else {
          names.emplace_back(field, v.get<std::string>());
        }
      }
    }
  }
  std::set<int> categories;
  if (!resolveCategories(names, ctx, check, categories)) return false;
  pair.categories.assign(categories.begin(), categories.end());
  if (pair.kind == PromptKind::Unknown && !pair.categories.empty()) pair.kind = PromptKind::Harmful;
  return check.ok();
}

bool splitDialogues(const std::string& chosen, const std::string& rejected, std::string& prompt,
                    std::string& chosenTail, std::string& rejectedTail) {
  static const std::string kTurn = "\n\nAssistant:";
  std::size_t common = 0;
  const std::size_t limit = std::min(chosen.size(), rejected.size());
  while (common < limit && chosen[common] == rejected[common]) ++common;
  if (common == chosen.size() && common == rejected.size()) return false;
  // The last assistant turn that starts and ends inside the shared prefix.
  const std::size_t cut =
      common >= kTurn.size() ? chosen.rfind(kTurn, common - kTurn.size()) : std::string::npos;
  if (cut == std::string::npos) return false;
  const std::size_t end = cut + kTurn.size();
  prompt = chosen.substr(0, end);
  chosenTail = chosen.substr(end);
  rejectedTail = rejected.substr(end);
  return true;
}

bool parseHhRow(const json& row, RowContext& ctx, PreferencePair& pair) {
  RowChecker check(row, ctx);
  const std::string chosen = check.text("chosen", true, true);
  const std::string rejected = check.text("rejected", true, true);
  readCommonExtras(row, check, pair);
  if (!check.ok()) return false;
  if (chosen == rejected) {
    check.fail("rejected", "chosen and rejected dialogues are identical");
    return false;
  }
  if (!splitDialogues(chosen, rejected, pair.prompt, pair.response[0], pair.response[1])) {
    check.fail("chosen",
               "chosen and rejected share no \"\\n\\nAssistant:\" turn to split the "
               "prompt from the responses");
    return false;
  }
  if (isBlank(pair.response[0])) check.fail("chosen", "empty response after the shared prompt");
  if (isBlank(pair.response[1])) check.fail("rejected", "empty response after the shared prompt");
  pair.better = 0;
  return check.ok();
}

}  // namespace catdpo::detail
