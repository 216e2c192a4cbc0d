// SPDX-License-Identifier: MIT
// UTF-8 decoding with the "maximal subpart" rule of the Unicode standard (the rule Rust's
// from_utf8_lossy follows), and thin wrappers over utf8proc for classes and NFC.
#include "text/utf8.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace catdpo::text {
namespace {

// Length of the valid prefix of the sequence at pos, and its code point when complete.
// Returns {cp, n} for a complete character, {-1, k} (k >= 1) for an invalid subpart of k bytes.
Utf8Char scan(std::string_view s, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) return {b0, 1};
  int need = 0;
  unsigned char lo = 0x80;  // allowed range of the second byte
  unsigned char hi = 0xBF;
  std::int32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return {-1, 1};
  }
  for (int k = 1; k <= need; ++k) {
    if (pos + k >= s.size()) return {-1, k};
    const auto b = static_cast<unsigned char>(s[pos + k]);
    const unsigned char l = k == 1 ? lo : 0x80;
    const unsigned char h = k == 1 ? hi : 0xBF;
    if (b < l || b > h) return {-1, k};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, need + 1};
}

}  // namespace

Utf8Char decodeUtf8At(std::string_view text, std::size_t pos) {
  const Utf8Char c = scan(text, pos);
  // An invalid byte stands alone so the pre-tokenizer never swallows a following good byte.
  return c.codePoint < 0 ? Utf8Char{-1, 1} : c;
}

void appendUtf8(std::string& out, std::int32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool isLetter(std::int32_t cp) {
  if (cp < 0) return false;
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return true;
    default:
      return false;
  }
}

bool isNumber(std::int32_t cp) {
  if (cp < 0) return false;
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool isWhitespace(std::int32_t cp) {
  if (cp < 0) return false;
  if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
  if (cp == 0x85) return true;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return true;
    default:
      return false;
  }
}

bool isValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = scan(text, i);
    if (c.codePoint < 0) return false;
    i += static_cast<std::size_t>(c.length);
  }
  return true;
}

std::string nfc(std::string_view text) {
  bool ascii = true;
  for (const char ch : text) {
    if (static_cast<unsigned char>(ch) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii || !isValidUtf8(text)) return std::string(text);
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return std::string(text);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> holder(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

std::string repairUtf8(std::string_view bytes) {
  if (isValidUtf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 8);
  for (std::size_t i = 0; i < bytes.size();) {
    const Utf8Char c = scan(bytes, i);
    if (c.codePoint < 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for the whole invalid subpart
    } else {
      out.append(bytes.substr(i, static_cast<std::size_t>(c.length)));
    }
    i += static_cast<std::size_t>(c.length);
  }
  return out;
}

}  // namespace catdpo::text
