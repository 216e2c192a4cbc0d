// SPDX-License-Identifier: MIT
// `catdpo tokenize`: shows how a tokenizer splits a text -- ids, vocabulary tokens and the
// decoded round trip -- for debugging a checkpoint's tokenizer. Needs no LibTorch.
#include <iostream>
#include <memory>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "text/tokenizer.h"

namespace catdpo::cli {
namespace {

struct TokenizeOptions {
  std::string tokenizer;
  std::string text;
  bool json = false;
  bool addSpecial = false;
};

std::string idOrDash(std::int32_t id) { return id < 0 ? "-" : std::to_string(id); }

int runTokenize(const TokenizeOptions& o) {
  const Tokenizer tok = Tokenizer::load(o.tokenizer);
  const std::vector<std::int32_t> ids = tok.encode(o.text, o.addSpecial);
  std::vector<std::string> tokens;
  tokens.reserve(ids.size());
  for (const auto id : ids) tokens.push_back(tok.idToToken(id));
  const std::string decoded = tok.decode(ids);
  if (o.json) {
    auto idOrNull = [](std::int32_t id) { return id < 0 ? nlohmann::json() : nlohmann::json(id); };
    printJson(std::cout, {{"tokenizer", o.tokenizer},
                          {"fingerprint", tok.fingerprint()},
                          {"vocab_size", tok.vocabSize()},
                          {"pre_tokenizer", tok.preTokenizerName()},
                          {"nfc", tok.normalizesNfc()},
                          {"bos_id", idOrNull(tok.bosId())},
                          {"eos_id", idOrNull(tok.eosId())},
                          {"pad_id", idOrNull(tok.padId())},
                          {"count", ids.size()},
                          {"ids", ids},
                          {"tokens", tokens},
                          {"decoded", decoded},
                          {"round_trip", decoded == o.text}});
    return 0;
  }
  std::cout << "Tokenizer: " << o.tokenizer << " (vocabulary " << tok.vocabSize() << ", "
            << tok.preTokenizerName() << " split" << (tok.normalizesNfc() ? ", NFC" : "")
            << "; bos " << idOrDash(tok.bosId()) << ", eos " << idOrDash(tok.eosId()) << ", pad "
            << idOrDash(tok.padId()) << ")\n"
            << ids.size() << " token(s)\n";
  TextTable table{{"#", "id", "token"}, {}, {true, true, false}};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    table.rows.push_back({std::to_string(i), std::to_string(ids[i]),
                          tok.isSpecial(ids[i]) ? tokens[i] + "  (special)" : tokens[i]});
  }
  table.print(std::cout);
  std::cout << "Decoded:   " << decoded << "\n"
            << "Round trip: " << (decoded == o.text ? "exact" : "differs (normalised or lossy)")
            << "\n";
  return 0;
}

const bool kRegistered = registerCommand(Command{
    "tokenize", "Show the token ids and tokens a tokenizer gives for a text", /*order=*/600,
    /*needsEngine=*/false, [](CLI::App& sub, const GlobalOptions& /*global*/) {
      auto o = std::make_shared<TokenizeOptions>();
      sub.add_option("--tokenizer", o->tokenizer,
                     "tokenizer.json, or a folder with tokenizer.json or vocab.json + merges.txt")
          ->required();
      sub.add_option("--text", o->text, "Text to encode")->required();
      sub.add_flag("--add-special", o->addSpecial,
                   "Add the tokens the tokenizer puts around a sequence (e.g. BOS)");
      sub.add_flag("--json", o->json, "Print JSON");
      return std::function<int()>([o] { return runTokenize(*o); });
    }});

}  // namespace
}  // namespace catdpo::cli
