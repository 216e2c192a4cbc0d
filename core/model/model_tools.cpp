// SPDX-License-Identifier: MIT
// Thin glue: checkpoint loading, the forward pass and generation from the model module, the
// tokenizer from the text module.
#include "model/model_tools.h"

#include <algorithm>

#include "common/error.h"
#include "model/checkpoint.h"
#include "model/generate.h"
#include "text/tokenizer.h"

namespace catdpo {
namespace fs = std::filesystem;

std::vector<std::int64_t> parseIdList(const std::string& text, const std::string& field) {
  std::vector<std::int64_t> ids;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(pos, comma - pos);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.empty() || item.find_first_not_of("0123456789") != std::string::npos)
      throw Error("expected comma-separated non-negative token ids, got '" + item + "'",
                  ErrorLocation{"", 0, field});
    try {
      ids.push_back(std::stoll(item));
    } catch (const std::out_of_range&) {
      throw Error("token id '" + item + "' is too large", ErrorLocation{"", 0, field});
    }
    pos = comma + 1;
  }
  return ids;
}

LogitsReport computeLogits(const fs::path& model, const fs::path& config,
                           const std::vector<std::int64_t>& ids, const std::string& device) {
  if (ids.empty()) throw Error("no token ids given", ErrorLocation{"", 0, "ids"});
  LoadOptions options;
  options.configPath = config;
  options.device = device;
  LoadedModel loaded = loadPretrained(model, options);
  for (std::int64_t id : ids)
    if (id >= loaded.config.vocabSize)
      throw Error("token id " + std::to_string(id) + " is outside the vocabulary (size " +
                      std::to_string(loaded.config.vocabSize) + ")",
                  ErrorLocation{"", 0, "ids"});
  LogitsReport report;
  report.config = loaded.config;
  report.ids = ids;
  report.fingerprint = modelFingerprint(loaded.model);
  at::NoGradGuard noGrad;
  const at::Tensor input = at::tensor(ids, at::kLong).unsqueeze(0).to(loaded.model->device());
  const at::Tensor logits =
      loaded.model->forward(input)[0].to(at::kFloat).to(at::kCPU).contiguous();
  const std::int64_t vocab = logits.size(1);
  const float* data = logits.data_ptr<float>();
  for (std::int64_t t = 0; t < logits.size(0); ++t)
    report.logits.emplace_back(data + t * vocab, data + (t + 1) * vocab);
  return report;
}

struct TextGenerator::Impl {
  LoadedModel loaded;
  Tokenizer tokenizer;
};

TextGenerator::TextGenerator(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
TextGenerator::~TextGenerator() = default;
TextGenerator::TextGenerator(TextGenerator&&) noexcept = default;
TextGenerator& TextGenerator::operator=(TextGenerator&&) noexcept = default;

TextGenerator TextGenerator::load(const fs::path& dir, const std::string& device,
                                  const std::string& dtype) {
  auto impl = std::make_unique<Impl>();
  LoadOptions options;
  options.device = device;
  options.dtype = dtype;
  impl->loaded = loadPretrained(dir, options);
  const TokenizerFiles& files = impl->loaded.tokenizer;
  if (files.tokenizerJson.empty() && files.vocabJson.empty())
    throw Error("no tokenizer.json or vocab.json + merges.txt beside the model",
                ErrorLocation{impl->loaded.directory.string(), 0, "tokenizer"});
  impl->tokenizer = Tokenizer::load(impl->loaded.directory);
  requireTokenizerFitsModel(impl->tokenizer.vocabSize(), impl->loaded.config,
                            impl->loaded.directory);
  return TextGenerator(std::move(impl));
}

const ModelConfig& TextGenerator::config() const { return m_impl->loaded.config; }

std::string TextGenerator::deviceName() const { return m_impl->loaded.model->device().str(); }

std::vector<GeneratedText> TextGenerator::generate(const std::vector<std::string>& prompts,
                                                   GenerationOptions options) const {
  const Tokenizer& tok = m_impl->tokenizer;
  const ModelConfig& config = m_impl->loaded.config;
  if (options.stopTokenIds.empty()) {
    if (tok.eosId() >= 0) options.stopTokenIds.push_back(tok.eosId());
    for (std::int64_t id : config.eosTokenIds)
      if (std::find(options.stopTokenIds.begin(), options.stopTokenIds.end(), id) ==
          options.stopTokenIds.end())
        options.stopTokenIds.push_back(id);
  }
  if (tok.padId() >= 0)
    options.padTokenId = tok.padId();
  else if (tok.eosId() >= 0)
    options.padTokenId = tok.eosId();
  std::vector<std::vector<std::int64_t>> encoded;
  for (const auto& p : prompts) {
    const auto ids = tok.encode(p, /*addSpecial=*/true);
    if (ids.empty()) throw Error("the prompt encodes to no tokens", ErrorLocation{"", 0, "prompt"});
    encoded.emplace_back(ids.begin(), ids.end());
  }
  const GenerationResult result = catdpo::generate(m_impl->loaded.model, encoded, options);
  std::vector<GeneratedText> out;
  for (std::size_t i = 0; i < prompts.size(); ++i) {
    GeneratedText g;
    g.prompt = prompts[i];
    g.tokens = result.tokens[i];
    g.stopped = result.stopped[i];
    g.text = tok.decode(std::vector<std::int32_t>(g.tokens.begin(), g.tokens.end()),
                        /*skipSpecial=*/true);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace catdpo
