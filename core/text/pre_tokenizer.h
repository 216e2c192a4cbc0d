// SPDX-License-Identifier: MIT
// Pre-tokenizer split patterns of the byte-level BPE families, matched by hand (no regex
// library): each pattern is a fixed alternation, so a small matcher per alternative with the
// same leftmost-first, greedy-with-backtracking result as the regex is simpler and faster.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace catdpo::text {

enum class SplitPattern {
  Gpt2,    // 's|'t|... | ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
  Qwen2,   // case-insensitive contractions, [^\r\n\p{L}\p{N}]?\p{L}+, single digits, ...
  Llama3,  // the Qwen2 pattern with digits grouped in runs of up to three
};

// The regex text exactly as tokenizer.json files spell it.
const std::string& splitPatternRegex(SplitPattern pattern);
// Inverse of splitPatternRegex; nullopt for a pattern we do not implement.
std::optional<SplitPattern> splitPatternFromRegex(std::string_view regex);
std::string_view splitPatternName(SplitPattern pattern);  // "gpt2", "qwen2", "llama3"

// Appends the pieces of `text` to `pieces` (views into `text`; they cover it exactly).
void preTokenize(std::string_view text, SplitPattern pattern,
                 std::vector<std::string_view>& pieces);

}  // namespace catdpo::text
