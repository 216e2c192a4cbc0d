// SPDX-License-Identifier: MIT
// CSV and JSONL prompt lists. The CSV reader is a small state machine over the whole text:
// prompt lists are small (hundreds of rows), unlike preference data.
#include "data/prompt_list.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/error.h"
#include "common/json_input.h"
#include "common/paths.h"
#include "data/text_reader.h"

namespace catdpo {

const char* toString(PromptKind kind) {
  switch (kind) {
    case PromptKind::Harmful:
      return "harmful";
    case PromptKind::Benign:
      return "benign";
    case PromptKind::Borderline:
      return "borderline";
    default:
      return "unknown";
  }
}

std::vector<CsvRow> parseCsv(const std::string& text, const std::string& file) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  std::int64_t line = 1;
  bool inQuotes = false, fieldStarted = false, rowStarted = false;
  std::int64_t quoteLine = 0;
  auto endField = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    fieldStarted = false;
  };
  auto endRow = [&] {
    endField();
    if (!(row.fields.size() == 1 && row.fields[0].empty())) rows.push_back(std::move(row));
    row = CsvRow{};
    rowStarted = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!rowStarted) {
      row.line = line;
      rowStarted = true;
    }
    if (inQuotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          inQuotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
      quoteLine = line;
    } else if (c == ',') {
      endField();
    } else if (c == '\n') {
      endRow();
      ++line;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // CRLF: the '\n' ends the row.
    } else {
      field.push_back(c);
      fieldStarted = true;
    }
  }
  if (inQuotes) throw Error("quoted field is never closed", ErrorLocation{file, quoteLine, ""});
  if (rowStarted) endRow();
  return rows;
}

namespace {

// Prompt lists are small: the whole (decompressed) text is bounded by the document limit.
std::string readWhole(const std::string& path) {
  const std::size_t limit = jsonLimits().maxDocumentBytes;
  TextReader reader(path);
  reader.setMaxLineBytes(limit);
  std::string text, line;
  while (reader.readLine(line)) {
    if (reader.lastLineTooLong() || text.size() + line.size() + 1 > limit)
      throw Error("file is larger than " + describeByteLimit(limit, "CATDPO_JSON_MAX_BYTES"),
                  ErrorLocation{path, reader.lineNumber(), ""});
    text += line;
    text += '\n';
  }
  return text;
}

}  // namespace

std::vector<PromptItem> loadXsTestPrompts(const std::string& path) {
  const std::vector<CsvRow> rows = parseCsv(readWhole(path), path);
  if (rows.empty()) throw Error("the file holds no rows", ErrorLocation{path, 0, ""});
  const auto& header = rows.front().fields;
  auto column = [&](const char* name, bool required) -> int {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    if (required) throw Error("missing column", ErrorLocation{path, 1, name});
    return -1;
  };
  const int idCol = column("id", false), promptCol = column("prompt", true);
  const int labelCol = column("label", true), typeCol = column("type", false);
  std::vector<PromptItem> items;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.fields.size() != header.size()) {
      throw Error("expected " + std::to_string(header.size()) + " columns, got " +
                      std::to_string(row.fields.size()),
                  ErrorLocation{path, row.line, ""});
    }
    PromptItem item;
    item.line = row.line;
    item.id = idCol >= 0 ? row.fields[idCol] : std::to_string(r);
    item.prompt = row.fields[promptCol];
    if (item.prompt.empty()) throw Error("empty text", ErrorLocation{path, row.line, "prompt"});
    if (typeCol >= 0) item.type = row.fields[typeCol];
    const std::string& label = row.fields[labelCol];
    if (label == "safe") {
      item.kind = PromptKind::Borderline;
    } else if (label == "unsafe") {
      item.kind = PromptKind::Harmful;
      item.unsafe = true;
    } else {
      throw Error("expected 'safe' or 'unsafe', got '" + label + "'",
                  ErrorLocation{path, row.line, "label"});
    }
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<PromptItem> loadPromptList(const std::string& path, const CategoryTaxonomy& taxonomy) {
  TextReader reader(path);
  const std::size_t maxRow = jsonLimits().maxRowBytes;
  reader.setMaxLineBytes(maxRow);
  reader.skipUtf8Bom();
  std::vector<PromptItem> items;
  std::string line;
  while (reader.readLine(line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::int64_t lineNo = reader.lineNumber();
    auto fail = [&](const std::string& field, const std::string& message) {
      throw Error(message, ErrorLocation{path, lineNo, field});
    };
    if (reader.lastLineTooLong())
      fail("", "row of " + std::to_string(reader.lastLineBytes()) + " bytes is longer than " +
                   describeByteLimit(maxRow, "CATDPO_JSON_MAX_ROW_BYTES"));
    const nlohmann::json row = parseJson(line, JsonSource{path, lineNo}, maxRow);
    if (!row.is_object()) fail("", "expected a JSON object per row");
    PromptItem item;
    item.line = lineNo;
    if (!row.contains("prompt") || !row["prompt"].is_string() ||
        row["prompt"].get<std::string>().empty())
      fail("prompt", "expected a non-empty string");
    item.prompt = row["prompt"].get<std::string>();
    item.id = std::to_string(items.size());
    if (const auto id = row.find("id"); id != row.end() && !id->is_null()) {
      if (id->is_string())
        item.id = id->get<std::string>();
      else if (id->is_number_integer())
        item.id = id->dump();
      else
        fail("id", "expected a string or an integer");
    }
    std::string kind = "unknown";
    if (const auto k = row.find("kind"); k != row.end() && !k->is_null()) {
      if (!k->is_string()) fail("kind", "expected a string");
      kind = k->get<std::string>();
    }
    if (kind == "harmful")
      item.kind = PromptKind::Harmful;
    else if (kind == "benign")
      item.kind = PromptKind::Benign;
    else if (kind == "borderline")
      item.kind = PromptKind::Borderline;
    else if (kind != "unknown")
      fail("kind", "unknown prompt kind '" + kind + "'");
    if (row.contains("category") && !row["category"].is_null()) {
      if (!row["category"].is_string()) fail("category", "expected a category name");
      const auto index = taxonomy.indexOf(row["category"].get<std::string>());
      if (!index)
        fail("category", "unknown category name '" + row["category"].get<std::string>() + "'");
      item.category = *index;
    }
    if (row.contains("unsafe")) {
      if (!row["unsafe"].is_boolean()) fail("unsafe", "expected true or false");
      item.unsafe = row["unsafe"].get<bool>();
    }
    if (row.contains("type") && row["type"].is_string()) item.type = row["type"].get<std::string>();
    items.push_back(std::move(item));
  }
  return items;
}

void writePromptList(const std::string& path, const std::vector<PromptItem>& items,
                     const CategoryTaxonomy& taxonomy) {
  std::ostringstream out;
  for (const auto& item : items) {
    nlohmann::ordered_json row;
    row["id"] = item.id;
    row["prompt"] = item.prompt;
    row["kind"] = toString(item.kind);
    row["category"] = item.category >= 0 ? nlohmann::ordered_json(taxonomy.name(item.category))
                                         : nlohmann::ordered_json(nullptr);
    row["unsafe"] = item.unsafe;
    if (!item.type.empty()) row["type"] = item.type;
    out << row.dump() << '\n';
  }
  writeFileAtomically(path, out.str());
}

}  // namespace catdpo
