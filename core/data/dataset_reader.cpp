// SPDX-License-Identifier: MIT
// loadDataset: streams records (JSONL lines, or the elements of a JSON array cut out one at a
// time by a bracket/string scanner), detects the format from the first recognisable rows, and
// validates every row. Memory holds the kept pairs and a few buffered rows, never the file.
#include <deque>
#include <nlohmann/json.hpp>
#include <sstream>

#include "data/dataset.h"
#include "data/row_parsers.h"
#include "data/text_reader.h"

namespace catdpo {
namespace {

using nlohmann::json;

struct RawRecord {
  std::int64_t line = 0;
  std::string text;
};

// Yields one JSON text per row: a non-blank JSONL line, or one element of a top-level array.
class RecordSource {
 public:
  explicit RecordSource(const std::string& path) : m_reader(path) {
    // Skip a UTF-8 byte order mark and leading whitespace to see whether this is an array.
    if (m_reader.peek() == 0xEF) {
      m_reader.get();
      m_reader.get();
      m_reader.get();
      m_bom = true;
    }
    while (isSpace(m_reader.peek())) m_reader.get();
    m_array = m_reader.peek() == '[';
    if (m_array) m_reader.get();
  }

  bool next(RawRecord& record) { return m_array ? nextElement(record) : nextLine(record); }

 private:
  static bool isSpace(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  bool nextLine(RawRecord& record) {
    // The whitespace skipped in the constructor belonged to blank lines: keep the count right.
    if (!m_started) {
      m_started = true;
      record.line = m_reader.lineNumber();
      std::string rest;
      if (!m_reader.readLine(rest)) return false;
      record.line = m_reader.lineNumber();
      record.text = std::move(rest);
      if (record.text.find_first_not_of(" \t\r") != std::string::npos) return true;
    }
    while (m_reader.readLine(record.text)) {
      record.line = m_reader.lineNumber();
      if (record.text.find_first_not_of(" \t\r") != std::string::npos) return true;
    }
    return false;
  }

  bool nextElement(RawRecord& record) {
    if (m_arrayDone) return false;
    int c;
    while (isSpace(c = m_reader.peek())) m_reader.get();
    if (c == ']' && !m_expectElement) {
      m_reader.get();
      finishArray();
      return false;
    }
    if (c < 0)
      throw Error("JSON array is not closed with ']'",
                  {m_reader.path(), m_reader.lineNumber(), ""});
    record.text.clear();
    int depth = 0;
    bool inString = false, escaped = false;
    while (true) {
      c = m_reader.get();
      if (record.text.empty()) record.line = m_reader.lineNumber();
      if (c < 0)
        throw Error("JSON array is not closed with ']'",
                    {m_reader.path(), m_reader.lineNumber(), ""});
      if (inString) {
        if (escaped)
          escaped = false;
        else if (c == '\\')
          escaped = true;
        else if (c == '"')
          inString = false;
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {  // the array's own closing bracket
          finishArray();
          m_expectElement = false;
          return true;
        }
        --depth;
      } else if (c == ',' && depth == 0) {
        m_expectElement = true;
        return true;
      }
      record.text.push_back(static_cast<char>(c));
    }
  }

  void finishArray() {
    m_arrayDone = true;
    int c;
    while ((c = m_reader.get()) >= 0) {
      if (!isSpace(c))
        throw Error("unexpected text after the closing ']' of the JSON array",
                    {m_reader.path(), m_reader.lineNumber(), ""});
    }
  }

  TextReader m_reader;
  bool m_array = false, m_arrayDone = false, m_expectElement = false, m_bom = false;
  bool m_started = false;
};

// Parses one record; on failure appends a problem (naming the field for bad UTF-8 bytes).
bool parseRecord(const std::string& file, const RawRecord& record, json& out,
                 std::vector<DataProblem>& problems) {
  const std::size_t bad = detail::firstInvalidUtf8(record.text);
  if (bad != std::string::npos) {
    // Mark invalid bytes with U+FFFF (never in real text), parse, and look for the marker to
    // name the field holding the byte.
    const std::string_view view(record.text);
    std::string marked;
    std::size_t pos = 0;
    while (pos < view.size()) {
      const std::size_t rel = detail::firstInvalidUtf8(view.substr(pos));
      if (rel == std::string::npos) {
        marked.append(view.substr(pos));
        break;
      }
      marked.append(view.substr(pos, rel));
      marked += "\xEF\xBF\xBF";
      pos += rel + 1;
    }
    std::string field;
    const json parsed = json::parse(marked, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_object()) {
      for (const auto& [key, value] : parsed.items()) {
        if (value.dump(-1, ' ', false, json::error_handler_t::replace).find("\xEF\xBF\xBF") !=
            std::string::npos) {
          field = key;
          break;
        }
      }
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(record.text[bad]));
    problems.push_back(DataProblem{ErrorLocation{file, record.line, field},
                                   std::string("non-UTF-8 byte ") + hex + " at byte " +
                                       std::to_string(bad + 1) +
                                       " of the row (text must be UTF-8)"});
    return false;
  }
  try {
    out = json::parse(record.text);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    if (const auto colon = what.find("parse error"); colon != std::string::npos)
      what = what.substr(colon);
    problems.push_back(
        DataProblem{ErrorLocation{file, record.line, ""}, "malformed JSON: " + what});
    return false;
  }
  if (!out.is_object()) {
    problems.push_back(
        DataProblem{ErrorLocation{file, record.line, ""},
                    "expected a JSON object per row, got " + std::string(out.type_name())});
    return false;
  }
  return true;
}

[[noreturn]] void failImport(const std::vector<DataProblem>& problems, bool stoppedEarly) {
  std::ostringstream text;
  text << problems.front().message;
  if (problems.size() > 1 || stoppedEarly) {
    text << "\n" << (stoppedEarly ? "import stopped; " : "") << "all problems found:";
    for (const auto& p : problems) text << "\n  " << p.text();
  }
  text << "\n(use --skip-invalid to import only the valid rows and list the skipped ones)";
  throw Error(text.str(), problems.front().where);
}

std::string describeKeys(const json& row) {
  std::string keys;
  if (!row.is_object()) return "not an object";
  for (const auto& [key, value] : row.items()) {
    if (!keys.empty()) keys += ", ";
    keys += key;
    if (keys.size() > 160) return keys + ", ...";
  }
  return keys.empty() ? "no fields" : keys;
}

constexpr int kDetectRows = 16;

}  // namespace

const char* toString(DataFormat format) {
  switch (format) {
    case DataFormat::Auto:
      return "auto";
    case DataFormat::PkuSafeRlhf:
      return "pku-saferlhf";
    case DataFormat::Pku30k:
      return "pku-30k";
    case DataFormat::Dpo:
      return "dpo";
    case DataFormat::HhRlhf:
      return "hh-rlhf";
  }
  return "auto";
}

DataFormat dataFormatFromString(std::string_view name) {
  for (DataFormat f : {DataFormat::Auto, DataFormat::PkuSafeRlhf, DataFormat::Pku30k,
                       DataFormat::Dpo, DataFormat::HhRlhf}) {
    if (name == toString(f)) return f;
  }
  throw Error(
      "unknown data format '" + std::string(name) + "' (auto, pku-saferlhf, pku-30k, dpo, hh-rlhf)",
      ErrorLocation{"", 0, "format"});
}

Dataset loadDataset(const std::string& path, const ImportOptions& options) {
  Dataset data;
  data.path = path;
  data.bothUnsafe = options.bothUnsafe;
  RecordSource source(path);

  // Buffer the first rows until the format is known.
  struct Buffered {
    RawRecord record;
    json row;
    std::vector<DataProblem> problems;
  };
  std::deque<Buffered> buffered;
  DataFormat format = options.format;
  RawRecord record;
  if (format == DataFormat::Auto) {
    bool sawCategories = false;
    int classified = 0;
    while (static_cast<int>(buffered.size()) < kDetectRows && classified < 4 &&
           source.next(record)) {
      Buffered entry{record, json(), {}};
      if (!parseRecord(path, record, entry.row, entry.problems))
        entry.row = json::value_t::discarded;
      const DataFormat f = detail::classifyRow(entry.row);
      if (f == DataFormat::PkuSafeRlhf) sawCategories = true;
      if (f != DataFormat::Auto) {
        ++classified;
        if (format == DataFormat::Auto) format = f;
      }
      buffered.push_back(std::move(entry));
    }
    if (format == DataFormat::Pku30k || format == DataFormat::PkuSafeRlhf)
      format = sawCategories ? DataFormat::PkuSafeRlhf : DataFormat::Pku30k;
    if (buffered.empty()) throw Error("the file holds no rows", ErrorLocation{path, 0, ""});
    if (format == DataFormat::Auto) {
      const auto& first = buffered.front();
      throw Error(
          "cannot recognise the data format: the first row has fields [" +
              (first.row.is_discarded() ? std::string("unparseable") : describeKeys(first.row)) +
              "]; expected PKU-SafeRLHF (prompt, response_0, response_1, ...), DPO "
              "(prompt, chosen, rejected) or hh-rlhf (chosen, rejected)",
          ErrorLocation{path, first.record.line, ""});
    }
  }
  data.format = format;

  const bool pku = format == DataFormat::PkuSafeRlhf || format == DataFormat::Pku30k;
  if (options.taxonomy)
    data.taxonomy = *options.taxonomy;
  else if (pku)
    data.taxonomy = CategoryTaxonomy::pku19();
  const bool collect = !options.taxonomy && !pku;

  std::vector<DataProblem>& problems = data.problems;
  auto handle = [&](const RawRecord& rec, const json* row,
                    std::vector<DataProblem>&& parseProblems) {
    ++data.rowsRead;
    problems.insert(problems.end(), parseProblems.begin(), parseProblems.end());
    if (!row) return;
    PreferencePair pair;
    detail::RowContext ctx{path, rec.line, data.taxonomy, collect, problems};
    bool ok = false;
    switch (format) {
      case DataFormat::PkuSafeRlhf:
        ok = detail::parsePkuRow(*row, true, ctx, pair);
        break;
      case DataFormat::Pku30k:
        ok = detail::parsePkuRow(*row, false, ctx, pair);
        break;
      case DataFormat::Dpo:
        ok = detail::parseDpoRow(*row, ctx, pair);
        break;
      case DataFormat::HhRlhf:
        ok = detail::parseHhRow(*row, ctx, pair);
        break;
      case DataFormat::Auto:
        break;
    }
    if (!ok) return;
    pair.sourceLine = rec.line;
    if (pair.id.empty()) pair.id = "L" + std::to_string(rec.line);
    data.pairs.push_back(std::move(pair));
  };
  auto shouldStop = [&]() {
    if (!options.skipInvalid && problems.size() >= options.maxListedErrors) return true;
    if (options.maxPairs > 0 && static_cast<std::int64_t>(data.pairs.size()) >= options.maxPairs) {
      data.truncated = true;
      return true;
    }
    return false;
  };

  bool stopped = false;
  while (!buffered.empty() && !stopped) {
    Buffered& entry = buffered.front();
    handle(entry.record, entry.row.is_discarded() ? nullptr : &entry.row,
           std::move(entry.problems));
    buffered.pop_front();
    stopped = shouldStop();
  }
  while (!stopped && source.next(record)) {
    json row;
    std::vector<DataProblem> parseProblems;
    const bool parsed = parseRecord(path, record, row, parseProblems);
    handle(record, parsed ? &row : nullptr, std::move(parseProblems));
    if (shouldStop()) stopped = true;
  }
  if (data.rowsRead == 0) throw Error("the file holds no rows", ErrorLocation{path, 0, ""});
  if (!options.skipInvalid && !problems.empty()) failImport(problems, stopped && !data.truncated);
  // With skipInvalid a file may keep no pair at all; the problems list then says why.
  data.stats = computeStats(data.pairs, data.taxonomy, data.bothUnsafe);
  data.fingerprint = datasetFingerprint(data.pairs, data.taxonomy);
  return data;
}

DataFormat detectDataFormat(const std::string& path) {
  ImportOptions options;
  options.skipInvalid = true;
  options.maxPairs = 1;
  return loadDataset(path, options).format;
}

}  // namespace catdpo
