// SPDX-License-Identifier: MIT
// Missing keys take the defaults of the corresponding transformers config class, so a config
// that loads in Python loads here too; wrong types and unsupported options are errors naming
// the key rather than silently different numerics.
#include "model/model_config.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "model/config_reader.h"
#include "model/weight_layout.h"

namespace catdpo {
using nlohmann::json;

namespace {
using config_detail::kMaxConfigInteger;
using config_detail::parseRope;
using config_detail::Reader;
using config_detail::writeRope;

struct FamilyDefaults {
  ModelFamily family;
  const char* modelType;
  const char* architecture;
  std::int64_t vocab, hidden, intermediate, layers, heads;
  std::int64_t kvHeads;  // 0: as many as query heads
  std::int64_t headDim;  // 0: hidden / heads
  std::int64_t maxPositions;
  double normEps;
  double ropeTheta;
  bool tied;
  std::int64_t slidingWindow;  // 0: none
};

// The defaults of each family's transformers config class.
constexpr FamilyDefaults kFamilies[] = {
    {ModelFamily::Gpt2, "gpt2", "GPT2LMHeadModel", 50257, 768, 0, 12, 12, 0, 0, 1024, 1e-5, 0, true,
     0},
    {ModelFamily::Llama, "llama", "LlamaForCausalLM", 32000, 4096, 11008, 32, 32, 0, 0, 2048, 1e-6,
     1e4, false, 0},
    {ModelFamily::Qwen2, "qwen2", "Qwen2ForCausalLM", 151936, 4096, 22016, 32, 32, 0, 0, 32768,
     1e-6, 1e4, false, 4096},
    {ModelFamily::Qwen3, "qwen3", "Qwen3ForCausalLM", 151936, 4096, 22016, 32, 32, 0, 128, 32768,
     1e-6, 1e4, false, 4096},
    {ModelFamily::Mistral, "mistral", "MistralForCausalLM", 32000, 4096, 14336, 32, 32, 8, 0,
     131072, 1e-6, 1e4, false, 4096},
    {ModelFamily::Gemma2, "gemma2", "Gemma2ForCausalLM", 256000, 2304, 9216, 26, 8, 4, 256, 8192,
     1e-6, 1e4, true, 4096},
    {ModelFamily::Gemma3, "gemma3_text", "Gemma3ForCausalLM", 262208, 2304, 9216, 26, 8, 4, 256,
     131072, 1e-6, 1e6, true, 4096},
    {ModelFamily::Phi3, "phi3", "Phi3ForCausalLM", 32064, 3072, 8192, 32, 32, 0, 0, 4096, 1e-5, 1e4,
     false, 0},
};

const FamilyDefaults& defaultsOf(ModelFamily family) {
  for (const auto& f : kFamilies)
    if (f.family == family) return f;
  return kFamilies[1];
}

bool isGemma(ModelFamily f) { return f == ModelFamily::Gemma2 || f == ModelFamily::Gemma3; }

ModelFamily detectFamily(const Reader& r, std::string& architecture) {
  const std::string modelType = r.string("model_type", "");
  std::string arch;
  if (r.has("architectures")) {
    const json& a = r.raw("architectures");
    if (!a.is_array() || a.empty() || !a[0].is_string())
      r.fail("architectures", "expected a non-empty list of class names");
    arch = a[0].get<std::string>();
  }
  for (const auto& f : kFamilies) {
    if ((!modelType.empty() && modelType == f.modelType) ||
        (modelType.empty() && arch == f.architecture)) {
      if (!arch.empty() && arch != f.architecture &&
          arch.find("ForCausalLM") == std::string::npos && arch != "GPT2Model" &&
          arch.find("LMHeadModel") == std::string::npos)
        r.fail("architectures",
               "'" + arch + "' is not a causal LM; supported: " + supportedArchitectures());
      architecture = f.architecture;
      return f.family;
    }
  }
  if (modelType.empty() && arch.empty())
    r.fail("model_type",
           "missing (and no 'architectures'); supported: " + supportedArchitectures());
  r.fail(modelType.empty() ? "architectures" : "model_type",
         "unsupported architecture '" + (modelType.empty() ? arch : modelType) +
             "'; supported: " + supportedArchitectures());
}

// A number whose explicit null means "off" (0) and whose absence means the family's default.
double nullableNumber(const Reader& r, const std::string& key, double fallback) {
  if (r.isNull(key)) return 0.0;
  const double v = r.number(key, fallback);
  if (!(v >= 0) || !std::isfinite(v)) r.fail(key, "must be a non-negative number or null");
  return v;
}

// Which layers attend through a sliding window, as each family's config class decides it.
void parseAttentionPattern(const Reader& r, const FamilyDefaults& d, ModelConfig& c) {
  c.slidingWindow = r.isNull("sliding_window")
                        ? 0
                        : r.integer("sliding_window", d.slidingWindow, 1, kMaxConfigInteger);
  const bool qwen = c.family == ModelFamily::Qwen2 || c.family == ModelFamily::Qwen3;
  if (qwen && !r.boolean("use_sliding_window", false)) c.slidingWindow = 0;
  if (c.family == ModelFamily::Llama) c.slidingWindow = 0;
  const auto n = static_cast<std::size_t>(c.numLayers);
  // Mistral and Phi-3 slide in every layer when they have a window (transformers ignores a
  // layer_types list there); the others follow layer_types, or their class's default pattern.
  const bool everyLayer = c.family == ModelFamily::Mistral || c.family == ModelFamily::Phi3;
  if (r.has("layer_types") && !everyLayer && c.family != ModelFamily::Llama) {
    const json& types = r.raw("layer_types");
    if (!types.is_array() || types.size() != n)
      r.fail("layer_types", "expected a list of " + std::to_string(n) + " layer types");
    for (const json& t : types) {
      if (t == "full_attention")
        c.layerTypes.push_back(LayerAttention::Full);
      else if (t == "sliding_attention")
        c.layerTypes.push_back(LayerAttention::Sliding);
      else
        r.fail("layer_types", "unsupported layer type " + t.dump() +
                                  "; supported: full_attention, sliding_attention");
    }
    return;
  }
  if (c.slidingWindow == 0) return;
  const std::int64_t pattern =
      c.family == ModelFamily::Gemma3 ? r.integer("sliding_window_pattern", 6, 1) : 2;
  const std::int64_t firstSliding = qwen ? r.integer("max_window_layers", 28) : 0;
  for (std::int64_t i = 0; i < c.numLayers; ++i) {
    bool sliding = everyLayer;
    if (isGemma(c.family)) sliding = (i + 1) % pattern != 0;
    if (qwen) sliding = i >= firstSliding;
    c.layerTypes.push_back(sliding ? LayerAttention::Sliding : LayerAttention::Full);
  }
}

// Every family but GPT-2: the Llama layout and its variations.
void parseDecoder(const Reader& r, const FamilyDefaults& d, ModelConfig& c) {
  const bool gemma = isGemma(c.family);
  c.vocabSize = r.integer("vocab_size", d.vocab);
  c.hiddenSize = r.integer("hidden_size", d.hidden);
  c.intermediateSize = r.integer("intermediate_size", d.intermediate);
  c.numLayers = r.integer("num_hidden_layers", d.layers);
  c.numHeads = r.integer("num_attention_heads", d.heads);
  c.numKvHeads = r.integer("num_key_value_heads", d.kvHeads > 0 ? d.kvHeads : c.numHeads);
  // Qwen3 and Gemma default head_dim independently of hidden_size; the others derive it.
  const std::int64_t derivedHeadDim = c.numHeads > 0 ? c.hiddenSize / c.numHeads : 0;
  c.headDim = r.integer("head_dim", d.headDim > 0 ? d.headDim : derivedHeadDim);
  c.maxPositions = r.integer("max_position_embeddings", d.maxPositions);
  c.normEps = r.number("rms_norm_eps", d.normEps);
  parseRope(r, c, d.ropeTheta, c.family == ModelFamily::Gemma3 ? 1e4 : 0.0);
  c.tieWordEmbeddings = r.boolean("tie_word_embeddings", d.tied);
  c.hiddenAct = gemma ? r.string("hidden_activation", r.string("hidden_act", "gelu_pytorch_tanh"))
                      : r.string("hidden_act", "silu");
  if (c.family == ModelFamily::Qwen2) {
    c.attentionBias = true;
    c.outputBias = false;
  } else if (c.family == ModelFamily::Mistral || c.family == ModelFamily::Phi3) {
    c.attentionBias = c.outputBias = false;  // their classes have no attention_bias option
  } else {
    c.attentionBias = c.outputBias = r.boolean("attention_bias", false);
  }
  c.mlpBias = c.family == ModelFamily::Llama && r.boolean("mlp_bias", false);
  c.qkNorm = c.family == ModelFamily::Qwen3 || c.family == ModelFamily::Gemma3;
  c.fusedProjections = c.family == ModelFamily::Phi3;
  if (gemma) {
    c.normPlusOne = c.scaleEmbeddings = c.sandwichNorms = true;
    c.queryPreAttnScalar = r.number("query_pre_attn_scalar", 256.0);
    if (!(c.queryPreAttnScalar > 0)) r.fail("query_pre_attn_scalar", "must be positive");
    // Gemma 3's attention takes no soft-capping (transformers ignores attn_logit_softcapping).
    if (c.family == ModelFamily::Gemma2)
      c.attnSoftcap = nullableNumber(r, "attn_logit_softcapping", 50.0);
    c.finalSoftcap =
        nullableNumber(r, "final_logit_softcapping", c.family == ModelFamily::Gemma2 ? 30.0 : 0.0);
    if (r.boolean("use_bidirectional_attention", false))
      r.fail("use_bidirectional_attention", "bidirectional attention is not supported");
  }
  parseAttentionPattern(r, d, c);
}

}  // namespace

std::vector<std::int64_t> config_detail::Reader::intList(const std::string& key) const {
  if (!has(key)) return {};
  const json& v = m_j[key];
  const ErrorLocation where = at(key);
  if (v.is_number()) return {jsonInteger(v, -1, kMaxConfigInteger, where)};
  if (!v.is_array()) fail(key, "expected an integer or a list of integers");
  if (v.size() > 1024) fail(key, "more than 1024 entries");
  std::vector<std::int64_t> out;
  for (const auto& e : v) out.push_back(jsonInteger(e, -1, kMaxConfigInteger, where));
  return out;
}

std::string familyName(ModelFamily family) { return defaultsOf(family).modelType; }

std::string supportedArchitectures() {
  std::string out;
  for (const auto& f : kFamilies) {
    if (!out.empty()) out += ", ";
    out += std::string(f.modelType) + " (" + f.architecture + ")";
  }
  return out;
}

ModelConfig modelConfigFromJson(const json& j, const std::string& source) {
  if (!j.is_object()) throw Error("config is not a JSON object", ErrorLocation{source, 0, ""});
  Reader r(j, source);
  ModelConfig c;
  c.family = detectFamily(r, c.architecture);
  const FamilyDefaults& d = defaultsOf(c.family);
  c.extra = j;
  // Older configs write -1 for "none".
  c.bosTokenId =
      r.has("bos_token_id") ? std::optional(r.integer("bos_token_id", 0, -1)) : std::nullopt;
  c.padTokenId =
      r.has("pad_token_id") ? std::optional(r.integer("pad_token_id", 0, -1)) : std::nullopt;
  c.eosTokenIds = r.intList("eos_token_id");
  c.initializerRange = r.number("initializer_range", 0.02);
  if (c.isGpt2()) {
    c.vocabSize = r.integer("vocab_size", d.vocab);
    c.hiddenSize = r.integer("n_embd", d.hidden);
    c.numLayers = r.integer("n_layer", d.layers);
    c.numHeads = r.integer("n_head", d.heads);
    c.numKvHeads = c.numHeads;
    c.headDim = c.numHeads > 0 ? c.hiddenSize / c.numHeads : 0;
    c.intermediateSize = r.integer("n_inner", 4 * c.hiddenSize);
    c.maxPositions = r.integer("n_positions", r.integer("n_ctx", d.maxPositions));
    c.normEps = r.number("layer_norm_epsilon", d.normEps);
    c.hiddenAct = r.string("activation_function", "gelu_new");
    if (c.hiddenAct == "gelu_pytorch_tanh") c.hiddenAct = "gelu_new";
    c.tieWordEmbeddings = true;  // GPT2LMHeadModel always ties the head to wte
    c.attentionBias = c.outputBias = c.mlpBias = true;
    if (r.boolean("scale_attn_by_inverse_layer_idx", false))
      r.fail("scale_attn_by_inverse_layer_idx", "not supported (only the standard GPT-2 scaling)");
    if (!r.boolean("scale_attn_weights", true))
      r.fail("scale_attn_weights", "not supported (only the standard GPT-2 scaling)");
  } else {
    parseDecoder(r, d, c);
  }
  if (c.hiddenAct != "silu" && c.hiddenAct != "gelu_new" && c.hiddenAct != "gelu" &&
      c.hiddenAct != "gelu_pytorch_tanh")
    r.fail(c.isGpt2()          ? "activation_function"
           : isGemma(c.family) ? "hidden_activation"
                               : "hidden_act",
           "unsupported activation '" + c.hiddenAct +
               "'; supported: silu, gelu, gelu_new, gelu_pytorch_tanh");
  c.validate(source);
  return c;
}

void ModelConfig::validate(const std::string& source) const {
  auto fail = [&](const std::string& field, const std::string& why) {
    throw Error(why, ErrorLocation{source, 0, field});
  };
  const bool gpt2 = isGpt2();
  if (vocabSize <= 0) fail("vocab_size", "must be positive");
  if (hiddenSize <= 0) fail(gpt2 ? "n_embd" : "hidden_size", "must be positive");
  if (numLayers <= 0) fail(gpt2 ? "n_layer" : "num_hidden_layers", "must be positive");
  if (numHeads <= 0) fail(gpt2 ? "n_head" : "num_attention_heads", "must be positive");
  if (intermediateSize <= 0) fail(gpt2 ? "n_inner" : "intermediate_size", "must be positive");
  if (maxPositions <= 0) fail(gpt2 ? "n_positions" : "max_position_embeddings", "must be positive");
  if (numKvHeads <= 0 || numHeads % numKvHeads != 0)
    fail("num_key_value_heads", "must divide num_attention_heads (" + std::to_string(numHeads) +
                                    "), got " + std::to_string(numKvHeads));
  if (gpt2 && hiddenSize % numHeads != 0) fail("n_embd", "must be divisible by n_head");
  if (headDim <= 0 || headDim % 2 != 0)
    fail("head_dim", "must be a positive even number, got " + std::to_string(headDim));
  if (normEps <= 0) fail(gpt2 ? "layer_norm_epsilon" : "rms_norm_eps", "must be positive");
  if (!gpt2 && ropeTheta <= 0) fail("rope_theta", "must be positive");
  if (!std::isfinite(normEps) || !std::isfinite(ropeTheta) || !std::isfinite(initializerRange))
    fail(gpt2 ? "layer_norm_epsilon" : "rms_norm_eps", "must be a finite number");
  if (rotaryDim < 0 || rotaryDim > headDim || rotaryDim % 2 != 0)
    fail("partial_rotary_factor", "must give an even number of rotary dims up to head_dim, got " +
                                      std::to_string(rotaryDim));
  if (!(ropeLocalTheta >= 0) || !std::isfinite(ropeLocalTheta))
    fail("rope_local_base_freq", "must be positive");
  if (!(queryPreAttnScalar >= 0) || !std::isfinite(queryPreAttnScalar))
    fail("query_pre_attn_scalar", "must be positive");
  if (!(attnSoftcap >= 0) || !std::isfinite(attnSoftcap))
    fail("attn_logit_softcapping", "must be positive or null");
  if (!(finalSoftcap >= 0) || !std::isfinite(finalSoftcap))
    fail("final_logit_softcapping", "must be positive or null");
  if (slidingWindow < 0) fail("sliding_window", "must be positive or null");
  if (!layerTypes.empty() && static_cast<std::int64_t>(layerTypes.size()) != numLayers)
    fail("layer_types", "needs one entry per layer (" + std::to_string(numLayers) + ")");
  if (!gpt2 && ropeScaling.type == "longrope" &&
      (ropeScaling.shortFactor.size() != static_cast<std::size_t>(rotaryDims() / 2) ||
       ropeScaling.longFactor.size() != ropeScaling.shortFactor.size()))
    fail("rope_scaling.short_factor", "longrope needs rotary dims / 2 factors in each list");
  expectedParameterCount(*this, source);  // overflow and size bound, before anything allocates
}

std::string ModelConfig::summary() const {
  std::ostringstream s;
  s << familyName(family) << ": " << numLayers << " layers, hidden " << hiddenSize << ", "
    << numHeads << " heads (" << numKvHeads << " kv, head dim " << headDim << "), mlp "
    << intermediateSize << ", vocab " << vocabSize << ", context " << maxPositions
    << (tieWordEmbeddings ? ", tied embeddings" : "");
  if (slidingWindow > 0) {
    std::int64_t sliding = 0;
    for (std::int64_t i = 0; i < numLayers; ++i) sliding += slidingLayer(i) ? 1 : 0;
    if (sliding > 0)
      s << ", sliding window " << slidingWindow << " in " << sliding << " of " << numLayers
        << " layers";
  }
  if (attnSoftcap > 0 || finalSoftcap > 0) s << ", soft-capped";
  return s.str();
}

ModelConfig loadModelConfig(const std::filesystem::path& path) {
  // Depth, size and number limits before the DOM exists: a 100 000-level "unused" field is
  // refused here instead of overflowing the stack when the config is copied into `extra`.
  const json j = readJsonFile(path);
  return withJsonErrors(ErrorLocation{path.string(), 0, ""},
                        [&] { return modelConfigFromJson(j, path.string()); });
}

json modelConfigToJson(const ModelConfig& c) {
  json j = c.extra.is_object() ? c.extra : json::object();
  const FamilyDefaults& d = defaultsOf(c.family);
  j["model_type"] = d.modelType;
  j["architectures"] = json::array({d.architecture});
  j["vocab_size"] = c.vocabSize;
  j["initializer_range"] = c.initializerRange;
  if (c.bosTokenId) j["bos_token_id"] = *c.bosTokenId;
  if (c.padTokenId) j["pad_token_id"] = *c.padTokenId;
  if (c.eosTokenIds.size() == 1)
    j["eos_token_id"] = c.eosTokenIds[0];
  else if (!c.eosTokenIds.empty())
    j["eos_token_id"] = c.eosTokenIds;
  j["tie_word_embeddings"] = c.tieWordEmbeddings;
  if (c.isGpt2()) {
    j["n_embd"] = c.hiddenSize;
    j["n_layer"] = c.numLayers;
    j["n_head"] = c.numHeads;
    j["n_positions"] = c.maxPositions;
    j["n_ctx"] = c.maxPositions;
    j["n_inner"] = c.intermediateSize;
    j["layer_norm_epsilon"] = c.normEps;
    j["activation_function"] = c.hiddenAct;
    return j;
  }
  const bool gemma = isGemma(c.family);
  j["hidden_size"] = c.hiddenSize;
  j["intermediate_size"] = c.intermediateSize;
  j["num_hidden_layers"] = c.numLayers;
  j["num_attention_heads"] = c.numHeads;
  j["num_key_value_heads"] = c.numKvHeads;
  if (d.headDim > 0 || c.headDim * c.numHeads != c.hiddenSize) j["head_dim"] = c.headDim;
  j["max_position_embeddings"] = c.maxPositions;
  j["rms_norm_eps"] = c.normEps;
  writeRope(c, j);
  j[gemma ? "hidden_activation" : "hidden_act"] = c.hiddenAct;
  if (c.family != ModelFamily::Qwen2 && c.family != ModelFamily::Mistral &&
      c.family != ModelFamily::Phi3)
    j["attention_bias"] = c.attentionBias;
  if (c.family == ModelFamily::Llama) j["mlp_bias"] = c.mlpBias;
  if (gemma) {
    j["query_pre_attn_scalar"] = c.queryPreAttnScalar;
    const auto nullable = [](double v) { return v > 0 ? json(v) : json(nullptr); };
    j["final_logit_softcapping"] = nullable(c.finalSoftcap);
    if (c.family == ModelFamily::Gemma2) j["attn_logit_softcapping"] = nullable(c.attnSoftcap);
  }
  if (c.family != ModelFamily::Llama) {
    // Qwen keeps its (unused) window size when sliding is off; the others write null.
    const bool qwen = c.family == ModelFamily::Qwen2 || c.family == ModelFamily::Qwen3;
    if (qwen) j["use_sliding_window"] = c.slidingWindow > 0;
    if (c.slidingWindow > 0)
      j["sliding_window"] = c.slidingWindow;
    else if (!qwen)
      j["sliding_window"] = nullptr;
    // Mistral and Phi-3 slide in every layer; transformers warns about a layer_types list there.
    const bool perLayer = c.family != ModelFamily::Mistral && c.family != ModelFamily::Phi3;
    if (perLayer && !c.layerTypes.empty()) {
      json types = json::array();
      for (const LayerAttention t : c.layerTypes)
        types.push_back(t == LayerAttention::Sliding ? "sliding_attention" : "full_attention");
      j["layer_types"] = types;
    }
  }
  return j;
}

}  // namespace catdpo
