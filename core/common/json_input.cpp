// SPDX-License-Identifier: MIT
// The nesting check is a byte scan (strings and escapes aware) before nlohmann parses: its
// parser is iterative, but a deep DOM is not safe to copy, print or compare, and the scan also
// names the line of the offending bracket. Number overflow ("1e400") is nlohmann's out_of_range
// rather than a parse error; both end here as catdpo::Error with the line.
#include "common/json_input.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <mutex>

namespace catdpo {
using nlohmann::json;

namespace {

std::mutex g_limitsMutex;
bool g_limitsSet = false;
JsonLimits g_limits;

std::size_t envSize(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(v, &end, 10);
  if (end == v || *end != '\0' || n == 0) return fallback;
  return static_cast<std::size_t>(n);
}

std::int64_t lineAt(std::string_view text, std::size_t offset, std::int64_t firstLine) {
  offset = std::min(offset, text.size());
  return firstLine +
         std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
}

std::string sizeText(std::size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// A short, printable rendering of a value for error messages.
std::string shortDump(const json& v) {
  std::string s = v.dump(-1, ' ', true, json::error_handler_t::replace);
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error
// while parsing value - invalid literal; last read: 'x'" -> "syntax error while ...".
std::string parseReason(const std::string& what) {
  const auto at = what.find("parse error");
  if (at == std::string::npos) return what;
  const auto colon = what.find(": ", at);
  return colon == std::string::npos ? what.substr(at) : what.substr(colon + 2);
}

}  // namespace

JsonLimits jsonLimits() {
  std::lock_guard lock(g_limitsMutex);
  if (!g_limitsSet) {
    g_limits.maxDepth = envSize("CATDPO_JSON_MAX_DEPTH", g_limits.maxDepth);
    g_limits.maxDocumentBytes = envSize("CATDPO_JSON_MAX_BYTES", g_limits.maxDocumentBytes);
    g_limits.maxRowBytes = envSize("CATDPO_JSON_MAX_ROW_BYTES", g_limits.maxRowBytes);
    g_limits.maxReplyBytes = envSize("CATDPO_JSON_MAX_REPLY_BYTES", g_limits.maxReplyBytes);
    // Deeper than this the engine's own recursive walks of a DOM are no longer safe.
    g_limits.maxDepth = std::min<std::size_t>(g_limits.maxDepth, 10000);
    g_limitsSet = true;
  }
  return g_limits;
}

void setJsonLimits(const JsonLimits& limits) {
  std::lock_guard lock(g_limitsMutex);
  g_limits = limits;
  g_limits.maxDepth = std::clamp<std::size_t>(g_limits.maxDepth, 1, 10000);
  g_limitsSet = true;
}

std::string describeDepthLimit(std::size_t depth) {
  return "the limit of " + std::to_string(depth) + " nesting levels (CATDPO_JSON_MAX_DEPTH)";
}

std::string describeByteLimit(std::size_t bytes, const char* envName) {
  return "the limit of " + sizeText(bytes) + " (" + envName + ")";
}

std::size_t findExcessNesting(std::string_view text, std::size_t maxDepth) {
  std::size_t depth = 0;
  bool inString = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
      continue;
    }
    switch (c) {
      case '"':
        inString = true;
        break;
      case '[':
      case '{':
        if (++depth > maxDepth) return i;
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;  // unbalanced text is the parser's to report
        break;
      default:
        break;
    }
  }
  return std::string_view::npos;
}

bool tryParseJson(std::string_view text, const JsonSource& source, json& out, std::string& error,
                  std::size_t maxBytes) {
  try {
    out = parseJson(text, source, maxBytes);
    return true;
  } catch (const Error& e) {
    error = e.what();
    return false;
  }
}

json parseJson(std::string_view text, const JsonSource& source, std::size_t maxBytes) {
  return parseJson(text, source, maxBytes, nullptr);
}

json parseJson(std::string_view text, const JsonSource& source, std::size_t maxBytes,
               const json::parser_callback_t& callback) {
  const JsonLimits limits = jsonLimits();
  if (maxBytes == 0) maxBytes = limits.maxDocumentBytes;
  const ErrorLocation start{source.file, source.firstLine, ""};
  if (text.size() > maxBytes)
    throw Error("JSON text of " + std::to_string(text.size()) + " bytes is larger than " +
                    describeByteLimit(maxBytes, "CATDPO_JSON_MAX_BYTES"),
                start);
  if (const std::size_t deep = findExcessNesting(text, limits.maxDepth);
      deep != std::string_view::npos)
    throw Error("JSON nested deeper than " + describeDepthLimit(limits.maxDepth),
                ErrorLocation{source.file, lineAt(text, deep, source.firstLine), ""});
  try {
    return json::parse(text.begin(), text.end(), callback);
  } catch (const json::parse_error& e) {
    const std::size_t byte = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    std::size_t lineStart = 0;
    if (byte > 0) {
      const std::size_t newline = text.rfind('\n', byte - 1);
      lineStart = newline == std::string_view::npos ? 0 : newline + 1;
    }
    const std::size_t column = byte - lineStart + 1;
    throw Error("malformed JSON at column " + std::to_string(column) + ": " + parseReason(e.what()),
                ErrorLocation{source.file, lineAt(text, byte, source.firstLine), ""});
  } catch (const json::out_of_range& e) {
    // 406: "number overflow parsing '1e400'": locate the number for the line.
    std::string what = e.what();
    std::int64_t line = source.firstLine;
    const auto open = what.find('\'');
    const auto close = what.rfind('\'');
    if (open != std::string::npos && close > open) {
      const std::string number = what.substr(open + 1, close - open - 1);
      if (const auto at = text.find(number); at != std::string_view::npos)
        line = lineAt(text, at, source.firstLine);
      throw Error("number " + number + " is outside the range of a double",
                  ErrorLocation{source.file, line, ""});
    }
    throw Error("malformed JSON: " + parseReason(what), ErrorLocation{source.file, line, ""});
  } catch (const json::exception& e) {
    throw Error(std::string("malformed JSON: ") + e.what(), start);
  }
}

std::string readFileLimited(const std::filesystem::path& path, std::size_t maxBytes) {
  if (maxBytes == 0) maxBytes = jsonLimits().maxDocumentBytes;
  const std::string name = path.string();
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw Error("no such file", ErrorLocation{name, 0, ""});
  if (!S_ISREG(st.st_mode))
    throw Error("not a regular file (a folder, device or pipe)", ErrorLocation{name, 0, ""});
  if (static_cast<std::uint64_t>(st.st_size) > maxBytes)
    throw Error("file of " + std::to_string(st.st_size) + " bytes is larger than " +
                    describeByteLimit(maxBytes, "CATDPO_JSON_MAX_BYTES"),
                ErrorLocation{name, 0, ""});
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open file", ErrorLocation{name, 0, ""});
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw Error("cannot read file", ErrorLocation{name, 0, ""});
  return text;
}

json readJsonFile(const std::filesystem::path& path, std::string* text) {
  std::string bytes = readFileLimited(path);
  json value = parseJson(bytes, JsonSource{path.string(), 1});
  if (text) *text = std::move(bytes);
  return value;
}

std::int64_t jsonInteger(const json& v, std::int64_t min, std::int64_t max,
                         const ErrorLocation& where) {
  const std::string range = std::to_string(min) + ".." + std::to_string(max);
  if (v.is_number_unsigned()) {
    const std::uint64_t u = v.get<std::uint64_t>();
    if (max < 0 || u > static_cast<std::uint64_t>(max))
      throw Error("integer " + std::to_string(u) + " is outside " + range, where);
    const auto n = static_cast<std::int64_t>(u);
    if (n < min) throw Error("integer " + std::to_string(n) + " is outside " + range, where);
    return n;
  }
  if (v.is_number_integer()) {
    const std::int64_t n = v.get<std::int64_t>();
    if (n < min || n > max)
      throw Error("integer " + std::to_string(n) + " is outside " + range, where);
    return n;
  }
  if (v.is_number_float())
    throw Error("expected an integer in " + range + ", got the non-integer number " + shortDump(v),
                where);
  throw Error("expected an integer in " + range + ", got " + std::string(v.type_name()) +
                  (v.is_string() ? " " + shortDump(v) : std::string()),
              where);
}

double jsonNumber(const json& v, const ErrorLocation& where) {
  if (!v.is_number()) throw Error("expected a number, got " + std::string(v.type_name()), where);
  const double d = v.get<double>();
  if (!std::isfinite(d)) throw Error("expected a finite number", where);
  return d;
}

std::string jsonString(const json& v, const ErrorLocation& where) {
  if (!v.is_string()) throw Error("expected a string, got " + std::string(v.type_name()), where);
  return v.get<std::string>();
}

bool jsonBool(const json& v, const ErrorLocation& where) {
  if (!v.is_boolean())
    throw Error("expected true or false, got " + std::string(v.type_name()), where);
  return v.get<bool>();
}

}  // namespace catdpo
