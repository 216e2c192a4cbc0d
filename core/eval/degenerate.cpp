// SPDX-License-Identifier: MIT
#include "eval/degenerate.h"

#include <algorithm>

#include "common/error.h"

namespace catdpo {

namespace {

bool hasWordCharacter(const std::string& text) {
  for (unsigned char c : text)
    if (std::isalnum(c) || c >= 0x80) return true;  // any non-ASCII byte: a letter of some script
  return false;
}

// Length of the longest suffix of `t` that repeats with period p (the suffix's first p tokens
// included).
std::size_t periodicSuffix(const std::vector<std::int64_t>& t, std::size_t p) {
  if (t.size() < p) return 0;
  std::size_t i = t.size();
  while (i > p && t[i - 1] == t[i - 1 - p]) --i;
  return t.size() - i + p;
}

}  // namespace

Degenerate classifyAnswer(const std::vector<std::int64_t>& tokens, const std::string& text) {
  if (tokens.empty() || !hasWordCharacter(text)) return Degenerate::Empty;
  const std::size_t n = tokens.size();
  const std::size_t needed = std::max<std::size_t>(kMinLoopTokens, (n + 1) / 2);
  for (std::size_t p = 1; p <= static_cast<std::size_t>(kMaxLoopPeriod); ++p) {
    const std::size_t covered = periodicSuffix(tokens, p);
    if (covered >= needed && covered >= 3 * p) return Degenerate::Looping;
  }
  return Degenerate::None;
}

DegeneratePolicy degeneratePolicyFromString(const std::string& text) {
  if (text == "fail") return DegeneratePolicy::Fail;
  if (text == "judge") return DegeneratePolicy::Judge;
  if (text == "exclude") return DegeneratePolicy::Exclude;
  throw Error("unknown value '" + text + "' (expected fail, judge or exclude)",
              {"", 0, "eval.degenerate"});
}

}  // namespace catdpo
