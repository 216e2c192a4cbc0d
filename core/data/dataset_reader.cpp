// SPDX-License-Identifier: MIT
// loadDataset: streams records (JSONL lines, or the elements of a JSON array cut out one at a
// time by a bracket/string scanner), detects the format from the first recognisable rows, and
// validates every row. Memory holds the kept pairs and a few buffered rows, never the file.
#include <deque>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/json_input.h"
#include "data/dataset.h"
#include "data/row_parsers.h"
#include "data/text_reader.h"

namespace catdpo {
namespace {

using nlohmann::json;

struct RawRecord {
  std::int64_t line = 0;
  std::string text;
  std::uint64_t tooLongBytes = 0;  // > 0: the row was longer than the limit (text is cut)
};

// Yields one JSON text per row: a non-blank JSONL line, or one element of a top-level array.
class RecordSource {
 public:
  RecordSource(const std::string& path, std::size_t maxRowBytes, bool tolerateDamage)
      : m_reader(path), m_maxRow(maxRowBytes) {
    m_reader.setMaxLineBytes(maxRowBytes);
    m_reader.setTolerateDamage(tolerateDamage);
    // Skip a UTF-8 byte order mark (all three bytes, or it is no BOM) and leading whitespace to
    // see whether this is an array.
    m_bom = m_reader.skipUtf8Bom();
    while (isSpace(m_reader.peek())) m_reader.get();
    m_array = m_reader.peek() == '[';
    if (m_array) m_reader.get();
  }

  bool next(RawRecord& record) {
    record.tooLongBytes = 0;
    const bool got = m_array ? nextElement(record) : nextLine(record);
    if (got && !m_array && m_reader.lastLineTooLong())
      record.tooLongBytes = m_reader.lastLineBytes();
    return got;
  }
  // Why the input ended early (a cut .gz), when damage was tolerated; empty otherwise.
  const std::string& damage() const { return m_reader.damage(); }
  std::int64_t lineNumber() const { return m_reader.lineNumber(); }

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
    std::uint64_t bytes = 0;
    std::int64_t depth = 0;
    bool inString = false, escaped = false;
    while (true) {
      c = m_reader.get();
      if (bytes == 0) record.line = m_reader.lineNumber();
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
      // An element beyond the row limit is scanned to its end but not kept.
      if (++bytes <= m_maxRow)
        record.text.push_back(static_cast<char>(c));
      else
        record.tooLongBytes = bytes;
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
  std::size_t m_maxRow;
  bool m_array = false, m_arrayDone = false, m_expectElement = false, m_bom = false;
  bool m_started = false;
};

// Parses one record; on failure appends a problem (naming the field for bad UTF-8 bytes).
// Every limit of the JSON entry point applies per row: nesting depth, row size.
bool parseRecord(const std::string& file, const RawRecord& record, std::size_t maxRow, json& out,
                 std::vector<DataProblem>& problems) {
  const ErrorLocation at{file, record.line, ""};
  if (record.tooLongBytes > 0) {
    problems.push_back(DataProblem{at, "row of " + std::to_string(record.tooLongBytes) +
                                           " bytes is longer than " +
                                           describeByteLimit(maxRow, "CATDPO_JSON_MAX_ROW_BYTES")});
    return false;
  }
  const JsonSource source{file, record.line};
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
    json parsed;
    std::string ignored;
    // The marked text may be deeper or longer than allowed: then no field is named.
    if (tryParseJson(marked, source, parsed, ignored, marked.size() + 1) && parsed.is_object()) {
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
    out = parseJson(record.text, source, record.text.size() + 1);
  } catch (const Error& e) {
    problems.push_back(DataProblem{e.where(), e.reason()});
    return false;
  }
  if (!out.is_object()) {
    problems.push_back(
        DataProblem{at, "expected a JSON object per row, got " + std::string(out.type_name())});
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
  const std::size_t maxRow =
      options.maxRowBytes > 0 ? options.maxRowBytes : jsonLimits().maxRowBytes;
  // Damage (a cut .gz) is always tolerated by the reader and decided on here, so the message
  // can say how many rows came before it.
  RecordSource source(path, maxRow, /*tolerateDamage=*/true);
  auto checkDamage = [&] {
    if (source.damage().empty()) return;
    const ErrorLocation at{path, source.lineNumber(), ""};
    const std::string rows = std::to_string(data.rowsRead) + " row(s) read up to that point";
    if (!options.skipInvalid)
      throw Error(source.damage() + "; " + rows + " (use --skip-invalid to keep the valid ones)",
                  at);
    if (data.warnings.empty())
      data.warnings.push_back(
          DataProblem{at, source.damage() + "; " + rows + ", the valid ones were kept"});
  };

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
      if (!parseRecord(path, record, maxRow, entry.row, entry.problems))
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
    if (format == DataFormat::Auto || buffered.empty()) checkDamage();
    if (buffered.empty()) throw Error("the file holds no rows", ErrorLocation{path, 0, ""});
    if (format == DataFormat::Auto) {
      const auto& first = buffered.front();
      // An unreadable first row: its own problem says why (bad byte, too deep, malformed).
      std::string why;
      if (first.row.is_discarded() && !first.problems.empty())
        why = " (" + first.problems.front().message + ")";
      throw Error(
          "cannot recognise the data format: the first row has fields [" +
              (first.row.is_discarded() ? std::string("unparseable") : describeKeys(first.row)) +
              "]" + why +
              "; expected PKU-SafeRLHF (prompt, response_0, response_1, ...), DPO "
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
    const bool parsed = parseRecord(path, record, maxRow, row, parseProblems);
    handle(record, parsed ? &row : nullptr, std::move(parseProblems));
    if (shouldStop()) stopped = true;
  }
  checkDamage();
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
