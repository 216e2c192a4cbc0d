// SPDX-License-Identifier: MIT
// The byte-level alphabet of GPT-2-style BPE: every byte maps to one printable Unicode
// character (printable Latin-1 bytes to themselves, the rest to U+0100 onwards), so
// vocabulary entries are valid text while still covering arbitrary bytes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace catdpo::text {

class ByteLevelAlphabet {
 public:
  static const ByteLevelAlphabet& instance();

  // Code point standing for byte b, and its UTF-8 form.
  std::int32_t codePoint(std::uint8_t b) const { return m_codePoint[b]; }
  const std::string& symbol(std::uint8_t b) const { return m_symbol[b]; }
  // Byte for a code point of the alphabet, or -1.
  int byteOf(std::int32_t cp) const {
    return cp >= 0 && cp < static_cast<std::int32_t>(m_byteOf.size()) ? m_byteOf[cp] : -1;
  }

  // Bytes -> alphabet text ("Ġhello" for " hello").
  std::string encode(std::string_view bytes) const;
  // Alphabet text -> bytes; false when `text` holds a character outside the alphabet.
  bool decode(std::string_view text, std::string& bytes) const;

 private:
  ByteLevelAlphabet();
  std::array<std::int32_t, 256> m_codePoint{};
  std::array<std::string, 256> m_symbol{};
  std::array<int, 512> m_byteOf{};
};

}  // namespace catdpo::text
