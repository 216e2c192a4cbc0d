// SPDX-License-Identifier: MIT
// UTF-8 helpers for the tokenizer: decoding one code point at a time (invalid bytes become
// single "other" characters instead of errors, so any byte string can be encoded), the
// Unicode classes the pre-tokenizer patterns need, NFC, and lossy repair for decode output.
// Classes and normalisation come from utf8proc; there are no Unicode tables here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace catdpo::text {

// One decoded character: its code point (or -1 for an invalid byte) and its length in bytes.
struct Utf8Char {
  std::int32_t codePoint;
  std::int32_t length;
};

// Decodes the character starting at text[pos] (pos < text.size()).
Utf8Char decodeUtf8At(std::string_view text, std::size_t pos);
void appendUtf8(std::string& out, std::int32_t cp);

// Character classes as the tokenizer regexes define them.
bool isLetter(std::int32_t cp);      // \p{L}
bool isNumber(std::int32_t cp);      // \p{N}
bool isWhitespace(std::int32_t cp);  // \s: \t\n\v\f\r, U+0085, and categories Zs, Zl, Zp

// NFC of `text`; invalid UTF-8 is returned unchanged (it cannot be normalised).
std::string nfc(std::string_view text);
// True when `text` is well-formed UTF-8.
bool isValidUtf8(std::string_view text);
// Replaces each invalid sequence with U+FFFD, like Rust's String::from_utf8_lossy, so decode
// output can always go into JSON and Qt strings.
std::string repairUtf8(std::string_view bytes);

}  // namespace catdpo::text
