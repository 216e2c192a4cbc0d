// SPDX-License-Identifier: MIT
// Builds the byte <-> character table once: bytes that are printable Latin-1 keep their own
// code point, the 68 others are numbered from U+0100 upwards in byte order.
#include "text/byte_level.h"

#include "text/utf8.h"

namespace catdpo::text {

const ByteLevelAlphabet& ByteLevelAlphabet::instance() {
  static const ByteLevelAlphabet alphabet;
  return alphabet;
}

ByteLevelAlphabet::ByteLevelAlphabet() {
  m_byteOf.fill(-1);
  std::int32_t next = 256;
  for (int b = 0; b < 256; ++b) {
    const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
    const std::int32_t cp = printable ? b : next++;
    m_codePoint[b] = cp;
    m_byteOf[cp] = b;
    appendUtf8(m_symbol[b], cp);
  }
}

std::string ByteLevelAlphabet::encode(std::string_view bytes) const {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char ch : bytes) out += m_symbol[static_cast<unsigned char>(ch)];
  return out;
}

bool ByteLevelAlphabet::decode(std::string_view text, std::string& bytes) const {
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decodeUtf8At(text, i);
    const int b = byteOf(c.codePoint);
    if (b < 0) return false;
    bytes.push_back(static_cast<char>(b));
    i += static_cast<std::size_t>(c.length);
  }
  return true;
}

}  // namespace catdpo::text
