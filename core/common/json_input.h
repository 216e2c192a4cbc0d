// SPDX-License-Identifier: MIT
// The one way the engine turns text from a file, a database or the network into JSON. Limits
// (nesting depth, bytes per document, bytes per JSONL row) are checked before nlohmann builds a
// DOM, so no later recursive walk (copy, dump, compare) can overflow the stack; every failure,
// nlohmann's exceptions included, becomes a catdpo::Error naming the file, the line and the
// limit or field. Typed field readers check ranges before any narrowing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/error.h"

namespace catdpo {

struct JsonLimits {
  std::size_t maxDepth = 128;                 // nested arrays/objects
  std::size_t maxDocumentBytes = 128u << 20;  // a whole JSON file (config, tokenizer, export)
  std::size_t maxRowBytes = 16u << 20;        // one JSONL line or JSON-array element of data
  std::size_t maxReplyBytes = 8u << 20;       // one HTTP reply (LLM judge)
};

// The limits in force: the defaults, overridden by CATDPO_JSON_MAX_DEPTH,
// CATDPO_JSON_MAX_BYTES, CATDPO_JSON_MAX_ROW_BYTES and CATDPO_JSON_MAX_REPLY_BYTES (read once),
// or by setJsonLimits. Thread-safe to read.
JsonLimits jsonLimits();
void setJsonLimits(const JsonLimits& limits);
// How a limit is named in errors: "the limit of 128 levels (CATDPO_JSON_MAX_DEPTH)".
std::string describeDepthLimit(std::size_t depth);
std::string describeByteLimit(std::size_t bytes, const char* envName);

// Where a text came from: the file (or "run abc", "reply from URL") and the line its first
// byte is on (a row of a JSONL file starts on its own line).
struct JsonSource {
  std::string file;
  std::int64_t firstLine = 1;
};

// Parses `text`. Throws catdpo::Error (file, line) for: more than `maxBytes` bytes, nesting
// deeper than jsonLimits().maxDepth, malformed JSON, a number outside the range of a double.
// maxBytes 0 means jsonLimits().maxDocumentBytes.
nlohmann::json parseJson(std::string_view text, const JsonSource& source, std::size_t maxBytes = 0);
// Same, with nlohmann's parser callback: it sees every value as it is parsed and may discard it
// (return false), so a large document can be consumed piece by piece without its whole tree.
nlohmann::json parseJson(std::string_view text, const JsonSource& source, std::size_t maxBytes,
                         const nlohmann::json::parser_callback_t& callback);
// Same, but returns false (and the message in `error`) instead of throwing.
bool tryParseJson(std::string_view text, const JsonSource& source, nlohmann::json& out,
                  std::string& error, std::size_t maxBytes = 0);
// Reads and parses a whole file; its size is checked before it is read. `text` (optional)
// receives the bytes, for loaders that locate fields by searching the text.
nlohmann::json readJsonFile(const std::filesystem::path& path, std::string* text = nullptr);
// Reads a whole file of at most `maxBytes` bytes (jsonLimits().maxDocumentBytes when 0).
std::string readFileLimited(const std::filesystem::path& path, std::size_t maxBytes = 0);

// std::string_view::npos when the nesting of `text` stays within `maxDepth`; otherwise the byte
// offset of the bracket that goes one level too deep. Strings (with escapes) are skipped.
std::size_t findExcessNesting(std::string_view text, std::size_t maxDepth);

// Typed readers of one value; `where` names the file/line/field in the error.
// An integer in [min, max]; a float ("3.0", "1e9"), a string or an integer out of range is
// an error (nothing is narrowed or rounded).
std::int64_t jsonInteger(const nlohmann::json& value, std::int64_t min, std::int64_t max,
                         const ErrorLocation& where);
// Any finite number (integers are converted exactly where a double can hold them).
double jsonNumber(const nlohmann::json& value, const ErrorLocation& where);
std::string jsonString(const nlohmann::json& value, const ErrorLocation& where);
bool jsonBool(const nlohmann::json& value, const ErrorLocation& where);

// Runs `body`; a nlohmann::json exception escaping it (a type or range error of a reader that
// used .get<T>() directly) becomes a catdpo::Error at `where` instead of a raw library message.
template <class F>
auto withJsonErrors(const ErrorLocation& where, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const nlohmann::json::exception& e) {
    std::string what = e.what();
    // "[json.exception.type_error.302] type must be number, but is string" -> the reason.
    if (const auto close = what.find("] "); close != std::string::npos) what.erase(0, close + 2);
    throw Error("unexpected value: " + what, where);
  }
}

}  // namespace catdpo
