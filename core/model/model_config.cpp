// SPDX-License-Identifier: MIT
// Missing keys take the defaults of the corresponding transformers config class, so a config
// that loads in Python loads here too; wrong types and unsupported options are errors naming
// the key rather than silently different numerics.
#include "model/model_config.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "common/json_input.h"
#include "model/weight_layout.h"

namespace catdpo {
using nlohmann::json;

namespace {

// Any size or id in a config.json: far beyond real models, and small enough that products of
// a few of them cannot overflow before expectedParameterCount() bounds the model.
constexpr std::int64_t kMaxConfigInteger = std::int64_t{1} << 30;

struct FamilyDefaults {
  ModelFamily family;
  const char* modelType;
  const char* architecture;
  std::int64_t vocab, hidden, intermediate, layers, heads, maxPositions;
  double normEps;
};

constexpr FamilyDefaults kFamilies[] = {
    {ModelFamily::Gpt2, "gpt2", "GPT2LMHeadModel", 50257, 768, 0, 12, 12, 1024, 1e-5},
    {ModelFamily::Llama, "llama", "LlamaForCausalLM", 32000, 4096, 11008, 32, 32, 2048, 1e-6},
    {ModelFamily::Qwen2, "qwen2", "Qwen2ForCausalLM", 151936, 4096, 22016, 32, 32, 32768, 1e-6},
    {ModelFamily::Qwen3, "qwen3", "Qwen3ForCausalLM", 151936, 4096, 22016, 32, 32, 32768, 1e-6},
};

const FamilyDefaults& defaultsOf(ModelFamily family) {
  for (const auto& f : kFamilies)
    if (f.family == family) return f;
  return kFamilies[1];
}

class Reader {
 public:
  Reader(const json& j, std::string source) : m_j(j), m_source(std::move(source)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& why) const {
    throw Error(why, ErrorLocation{m_source, 0, key});
  }
  bool has(const std::string& key) const { return m_j.contains(key) && !m_j[key].is_null(); }
  // Sizes and ids: an integer (never a float, never narrowed) in [min, max].
  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t min = 0,
                       std::int64_t max = kMaxConfigInteger) const {
    if (!has(key)) return fallback;
    return jsonInteger(m_j[key], min, max, ErrorLocation{m_source, 0, key});
  }
  double number(const std::string& key, double fallback) const {
    if (!has(key)) return fallback;
    return jsonNumber(m_j[key], ErrorLocation{m_source, 0, key});
  }
  bool boolean(const std::string& key, bool fallback) const {
    if (!has(key)) return fallback;
    const json& v = m_j[key];
    if (!v.is_boolean()) fail(key, "expected true or false, got " + v.dump());
    return v.get<bool>();
  }
  std::string string(const std::string& key, const std::string& fallback) const {
    if (!has(key)) return fallback;
    const json& v = m_j[key];
    if (!v.is_string()) fail(key, "expected a string, got " + v.dump());
    return v.get<std::string>();
  }
  std::vector<std::int64_t> intList(const std::string& key) const {
    if (!has(key)) return {};
    const json& v = m_j[key];
    const ErrorLocation where{m_source, 0, key};
    if (v.is_number()) return {jsonInteger(v, -1, kMaxConfigInteger, where)};
    if (!v.is_array()) fail(key, "expected an integer or a list of integers");
    if (v.size() > 1024) fail(key, "more than 1024 entries");
    std::vector<std::int64_t> out;
    for (const auto& e : v) out.push_back(jsonInteger(e, -1, kMaxConfigInteger, where));
    return out;
  }
  const json& raw(const std::string& key) const { return m_j[key]; }
  ErrorLocation at(const std::string& key) const { return ErrorLocation{m_source, 0, key}; }
  double number(const std::string& field, const json& v) const { return jsonNumber(v, at(field)); }

 private:
  const json& m_j;
  std::string m_source;
};

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

RopeScaling parseRopeScaling(const Reader& r) {
  RopeScaling s;
  if (!r.has("rope_scaling")) return s;
  const json& j = r.raw("rope_scaling");
  if (!j.is_object()) r.fail("rope_scaling", "expected an object or null");
  std::string type;
  if (j.contains("rope_type") && j["rope_type"].is_string())
    type = j["rope_type"];
  else if (j.contains("type") && j["type"].is_string())
    type = j["type"];
  if (type.empty() || type == "default") return s;
  if (type != "linear" && type != "dynamic" && type != "llama3")
    r.fail("rope_scaling.rope_type",
           "unsupported RoPE scaling '" + type + "'; supported: linear, dynamic, llama3");
  s.type = type;
  auto num = [&](const char* key, double fallback, bool required) {
    if (!j.contains(key) || j[key].is_null()) {
      if (required) r.fail(std::string("rope_scaling.") + key, "missing");
      return fallback;
    }
    return r.number(std::string("rope_scaling.") + key, j[key]);
  };
  // A position count: an integer (a float here would be cast with undefined behaviour).
  auto positions = [&](const char* key, std::int64_t fallback, bool required) {
    if (!j.contains(key) || j[key].is_null()) {
      if (required) r.fail(std::string("rope_scaling.") + key, "missing");
      return fallback;
    }
    return jsonInteger(j[key], 1, kMaxConfigInteger, r.at(std::string("rope_scaling.") + key));
  };
  s.factor = num("factor", 1.0, true);
  if (s.factor <= 0) r.fail("rope_scaling.factor", "must be positive");
  if (type == "llama3") {
    s.lowFreqFactor = num("low_freq_factor", 1.0, true);
    s.highFreqFactor = num("high_freq_factor", 4.0, true);
    s.originalMaxPositions = positions("original_max_position_embeddings", 8192, true);
  } else if (j.contains("original_max_position_embeddings")) {
    s.originalMaxPositions = positions("original_max_position_embeddings", 0, false);
  }
  return s;
}

}  // namespace

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
    c.vocabSize = r.integer("vocab_size", d.vocab);
    c.hiddenSize = r.integer("hidden_size", d.hidden);
    c.intermediateSize = r.integer("intermediate_size", d.intermediate);
    c.numLayers = r.integer("num_hidden_layers", d.layers);
    c.numHeads = r.integer("num_attention_heads", d.heads);
    c.numKvHeads = r.integer("num_key_value_heads", c.numHeads);
    // Qwen3Config defaults head_dim to 128 independently of hidden_size; the others derive it.
    const std::int64_t fallbackHeadDim = c.family == ModelFamily::Qwen3 ? 128
                                         : c.numHeads > 0               ? c.hiddenSize / c.numHeads
                                                                        : 0;
    c.headDim = r.integer("head_dim", fallbackHeadDim);
    c.maxPositions = r.integer("max_position_embeddings", d.maxPositions);
    c.normEps = r.number("rms_norm_eps", d.normEps);
    c.ropeTheta = r.number("rope_theta", 10000.0);
    c.ropeScaling = parseRopeScaling(r);
    c.tieWordEmbeddings = r.boolean("tie_word_embeddings", false);
    c.hiddenAct = r.string("hidden_act", "silu");
    if (c.family == ModelFamily::Qwen2) {
      c.attentionBias = true;
      c.outputBias = false;
    } else {
      c.attentionBias = c.outputBias = r.boolean("attention_bias", false);
    }
    c.mlpBias = c.family == ModelFamily::Llama && r.boolean("mlp_bias", false);
    c.qkNorm = c.family == ModelFamily::Qwen3;
    if (r.has("partial_rotary_factor") && r.number("partial_rotary_factor", 1.0) != 1.0)
      r.fail("partial_rotary_factor", "partial rotary embeddings are not supported");
  }
  if (c.hiddenAct != "silu" && c.hiddenAct != "gelu_new" && c.hiddenAct != "gelu")
    r.fail(c.isGpt2() ? "activation_function" : "hidden_act",
           "unsupported activation '" + c.hiddenAct + "'; supported: silu, gelu, gelu_new");
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
  expectedParameterCount(*this, source);  // overflow and size bound, before anything allocates
}

std::string ModelConfig::summary() const {
  std::ostringstream s;
  s << familyName(family) << ": " << numLayers << " layers, hidden " << hiddenSize << ", "
    << numHeads << " heads (" << numKvHeads << " kv, head dim " << headDim << "), mlp "
    << intermediateSize << ", vocab " << vocabSize << ", context " << maxPositions
    << (tieWordEmbeddings ? ", tied embeddings" : "");
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
  j["hidden_size"] = c.hiddenSize;
  j["intermediate_size"] = c.intermediateSize;
  j["num_hidden_layers"] = c.numLayers;
  j["num_attention_heads"] = c.numHeads;
  j["num_key_value_heads"] = c.numKvHeads;
  if (c.family == ModelFamily::Qwen3 || c.headDim * c.numHeads != c.hiddenSize)
    j["head_dim"] = c.headDim;
  j["max_position_embeddings"] = c.maxPositions;
  j["rms_norm_eps"] = c.normEps;
  j["rope_theta"] = c.ropeTheta;
  j["hidden_act"] = c.hiddenAct;
  if (c.family != ModelFamily::Qwen2) j["attention_bias"] = c.attentionBias;
  if (c.family == ModelFamily::Llama) j["mlp_bias"] = c.mlpBias;
  if (c.ropeScaling.type.empty()) {
    j["rope_scaling"] = nullptr;
  } else {
    json s = {{"rope_type", c.ropeScaling.type}, {"factor", c.ropeScaling.factor}};
    if (c.ropeScaling.type == "llama3") {
      s["low_freq_factor"] = c.ropeScaling.lowFreqFactor;
      s["high_freq_factor"] = c.ropeScaling.highFreqFactor;
    }
    if (c.ropeScaling.originalMaxPositions > 0)
      s["original_max_position_embeddings"] = c.ropeScaling.originalMaxPositions;
    j["rope_scaling"] = s;
  }
  return j;
}

}  // namespace catdpo
