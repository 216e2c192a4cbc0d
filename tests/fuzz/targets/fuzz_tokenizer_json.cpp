// SPDX-License-Identifier: MIT
// Fuzz target: tokenizer.json (and, after a line "--- tokenizer_config.json ---", a config). A
// tokenizer that loads must encode and decode a fixed text without leaving its id range.
#include <string>

#include "common/error.h"
#include "fuzz_input.h"
#include "text/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace catdpo;
  const std::string_view text = fuzz::asText(data, size);
  constexpr std::string_view kSplit = "\n--- tokenizer_config.json ---\n";
  const auto cut = text.find(kSplit);
  const std::string_view tokenizer = text.substr(0, cut);
  const std::string_view config =
      cut == std::string_view::npos ? std::string_view() : text.substr(cut + kSplit.size());
  try {
    const Tokenizer tok = Tokenizer::fromJson(tokenizer, config, "tokenizer.json");
    const auto ids = tok.encode("Hello wörld <s> 12 345  \n\t end", /*addSpecial=*/true);
    for (const auto id : ids)
      if (id < 0 || id >= tok.vocabSize()) __builtin_trap();  // ids must index the vocabulary
    (void)tok.decode(ids, /*skipSpecial=*/false);
  } catch (const Error&) {
  }
  return 0;
}
