// SPDX-License-Identifier: MIT
// Hand-written matchers for the GPT-2 and Qwen2/Llama-3 split regexes. The text is decoded
// once into code points; each alternative reports how many characters it would match at the
// current position, tried in the regex's order, and the first non-zero answer wins.
#include "text/pre_tokenizer.h"

#include <cstdint>

#include "text/utf8.h"

namespace catdpo::text {
namespace {

const std::string kGpt2Regex =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
const std::string kQwen2Regex =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
const std::string kLlama3Regex =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// The text as code points, with the byte offset of each (offsets has one extra entry).
class CharView {
 public:
  explicit CharView(std::string_view text) {
    m_cps.reserve(text.size());
    m_offsets.reserve(text.size() + 1);
    for (std::size_t pos = 0; pos < text.size();) {
      const Utf8Char c = decodeUtf8At(text, pos);
      m_cps.push_back(c.codePoint);
      m_offsets.push_back(pos);
      pos += static_cast<std::size_t>(c.length);
    }
    m_offsets.push_back(text.size());
  }
  std::size_t size() const { return m_cps.size(); }
  std::int32_t operator[](std::size_t i) const { return i < m_cps.size() ? m_cps[i] : -2; }
  std::size_t offset(std::size_t i) const { return m_offsets[i]; }

 private:
  std::vector<std::int32_t> m_cps;
  std::vector<std::size_t> m_offsets;
};

constexpr std::int32_t kEnd = -2;  // what CharView returns past the end

bool isOther(std::int32_t cp) {  // [^\s\p{L}\p{N}]
  return cp != kEnd && !isWhitespace(cp) && !isLetter(cp) && !isNumber(cp);
}
bool isNewline(std::int32_t cp) { return cp == '\r' || cp == '\n'; }

template <typename Pred>
std::size_t runLength(const CharView& c, std::size_t i, Pred pred) {
  std::size_t j = i;
  while (j < c.size() && pred(c[j])) ++j;
  return j - i;
}

std::int32_t foldAscii(std::int32_t cp, bool caseInsensitive) {
  if (!caseInsensitive) return cp;
  if (cp >= 'A' && cp <= 'Z') return cp + ('a' - 'A');
  if (cp == 0x17F) return 's';  // LATIN SMALL LETTER LONG S case-folds to 's'
  return cp;
}

// 's|'t|'re|'ve|'m|'ll|'d
std::size_t matchContraction(const CharView& c, std::size_t i, bool caseInsensitive) {
  if (c[i] != '\'') return 0;
  const std::int32_t a = foldAscii(c[i + 1], caseInsensitive);
  if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
  const std::int32_t b = foldAscii(c[i + 2], caseInsensitive);
  if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
  return 0;
}

// " ?X+" for a class X.
template <typename Pred>
std::size_t matchOptionalSpaceRun(const CharView& c, std::size_t i, Pred pred) {
  if (c[i] == ' ' && pred(c[i + 1])) return 1 + runLength(c, i + 1, pred);
  return runLength(c, i, pred);
}

// \s+(?!\S) and then \s+: a whitespace run gives its last character to the following word,
// unless the run ends the text or is a single character.
std::size_t matchWhitespace(const CharView& c, std::size_t i) {
  const std::size_t n = runLength(c, i, isWhitespace);
  if (n == 0) return 0;
  if (i + n == c.size() || n == 1) return n;
  return n - 1;
}

std::size_t matchGpt2(const CharView& c, std::size_t i) {
  if (std::size_t m = matchContraction(c, i, false)) return m;
  if (std::size_t m = matchOptionalSpaceRun(c, i, isLetter)) return m;
  if (std::size_t m = matchOptionalSpaceRun(c, i, isNumber)) return m;
  if (std::size_t m = matchOptionalSpaceRun(c, i, isOther)) return m;
  return matchWhitespace(c, i);
}

std::size_t matchQwen2(const CharView& c, std::size_t i, std::size_t maxDigits) {
  if (std::size_t m = matchContraction(c, i, true)) return m;
  // [^\r\n\p{L}\p{N}]?\p{L}+
  const std::int32_t first = c[i];
  if (!isNewline(first) && !isLetter(first) && !isNumber(first) && isLetter(c[i + 1])) {
    return 1 + runLength(c, i + 1, isLetter);
  }
  if (std::size_t m = runLength(c, i, isLetter)) return m;
  // \p{N}{1,maxDigits}
  if (std::size_t m = runLength(c, i, isNumber)) return m < maxDigits ? m : maxDigits;
  // " ?[^\s\p{L}\p{N}]+[\r\n]*"
  if (std::size_t m = matchOptionalSpaceRun(c, i, isOther))
    return m + runLength(c, i + m, isNewline);
  // \s*[\r\n]+ : up to and including the last newline of the whitespace run.
  const std::size_t ws = runLength(c, i, isWhitespace);
  for (std::size_t k = ws; k > 0; --k) {
    if (isNewline(c[i + k - 1])) return k;
  }
  return matchWhitespace(c, i);
}

}  // namespace

const std::string& splitPatternRegex(SplitPattern pattern) {
  switch (pattern) {
    case SplitPattern::Qwen2:
      return kQwen2Regex;
    case SplitPattern::Llama3:
      return kLlama3Regex;
    case SplitPattern::Gpt2:
      break;
  }
  return kGpt2Regex;
}

std::optional<SplitPattern> splitPatternFromRegex(std::string_view regex) {
  for (SplitPattern p : {SplitPattern::Gpt2, SplitPattern::Qwen2, SplitPattern::Llama3}) {
    if (regex == splitPatternRegex(p)) return p;
  }
  return std::nullopt;
}

std::string_view splitPatternName(SplitPattern pattern) {
  switch (pattern) {
    case SplitPattern::Qwen2:
      return "qwen2";
    case SplitPattern::Llama3:
      return "llama3";
    case SplitPattern::Gpt2:
      break;
  }
  return "gpt2";
}

void preTokenize(std::string_view text, SplitPattern pattern,
                 std::vector<std::string_view>& pieces) {
  if (text.empty()) return;
  const CharView chars(text);
  std::size_t i = 0;
  while (i < chars.size()) {
    std::size_t m = 0;
    switch (pattern) {
      case SplitPattern::Gpt2:
        m = matchGpt2(chars, i);
        break;
      case SplitPattern::Qwen2:
        m = matchQwen2(chars, i, 1);
        break;
      case SplitPattern::Llama3:
        m = matchQwen2(chars, i, 3);
        break;
    }
    if (m == 0) m = 1;  // unreachable: every character belongs to one class; never loop
    const std::size_t begin = chars.offset(i);
    const std::size_t end = chars.offset(i + m);
    pieces.push_back(text.substr(begin, end - begin));
    i += m;
  }
}

}  // namespace catdpo::text
