// SPDX-License-Identifier: MIT
// A parsed JSON file that remembers its path and text, so loaders can throw catdpo::Error
// with the file, a line and the dotted field path. nlohmann's DOM keeps no positions; the
// line is found by searching the field path's keys in order through the text (a close
// estimate for the pretty-printed files Hugging Face writes). Internal to core/text.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace catdpo::text {

struct JsonFile {
  std::string path;
  std::string text;
  nlohmann::json value;

  // Throws an Error at `field` ("model.vocab[\"b\"]", "added_tokens[2].id").
  [[noreturn]] void fail(const std::string& field, const std::string& reason) const;
  // Best-effort 1-based line of `field`; 0 when not found.
  std::int64_t lineOf(const std::string& field) const;
  // obj[key] as a bool; absent/null gives `fallback`, another type is an error at prefix+key.
  bool flag(const nlohmann::json& obj, const char* key, const std::string& prefix,
            bool fallback) const;
  // obj[key] as a string; absent/null gives `fallback`, another type is an error.
  std::string string(const nlohmann::json& obj, const char* key, const std::string& prefix,
                     const std::string& fallback) const;
  // An integer in [min, max] (no float, no narrowing), else an error at `field`.
  std::int64_t integer(const nlohmann::json& value, std::int64_t min, std::int64_t max,
                       const std::string& field) const;
};

// Whole file as bytes (at most jsonLimits().maxDocumentBytes); a missing, unreadable or too
// large file is an Error naming it.
std::string readTextFile(const std::filesystem::path& path);
// Parses JSON text that must hold an object through the hardened entry point
// (common/json_input.h): malformed, too deep or too large JSON is an Error with its line.
JsonFile parseJsonFile(std::string text, const std::string& path);

}  // namespace catdpo::text
