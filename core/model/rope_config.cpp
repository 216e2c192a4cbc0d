// SPDX-License-Identifier: MIT
// The RoPE section of a config.json. transformers 5 writes rope_parameters (one dict, or one per
// layer type for Gemma 3), earlier versions and most published checkpoints rope_theta and
// rope_scaling; both load to the same fields, and configs are written back in the older form,
// which both generations read. Numbers that transformers derives when absent (longrope's factor
// and attention factor) are derived here the same way and written explicitly.
#include <cmath>

#include "model/config_reader.h"

namespace catdpo::config_detail {
using nlohmann::json;

namespace {

// One scaling dict (rope_scaling, or an entry of rope_parameters); `field` names it in errors.
RopeScaling parseScaling(const Reader& r, const json& j, const std::string& field,
                         const ModelConfig& c) {
  RopeScaling s;
  if (j.is_null()) return s;
  if (!j.is_object()) r.fail(field, "expected an object or null");
  std::string type;
  if (j.contains("rope_type") && j["rope_type"].is_string())
    type = j["rope_type"];
  else if (j.contains("type") && j["type"].is_string())
    type = j["type"];
  // Phi-3's first long-context checkpoints call longrope "su" (and some "yarn").
  if (type == "su" || (type == "yarn" && c.family == ModelFamily::Phi3)) type = "longrope";
  if (type.empty() || type == "default") return s;
  if (type != "linear" && type != "dynamic" && type != "llama3" && type != "longrope")
    r.fail(field + ".rope_type",
           "unsupported RoPE scaling '" + type + "'; supported: linear, dynamic, llama3, longrope");
  s.type = type;
  const auto present = [&](const char* key) { return j.contains(key) && !j[key].is_null(); };
  auto num = [&](const char* key, double fallback, bool required) {
    if (!present(key)) {
      if (required) r.fail(field + "." + key, "missing");
      return fallback;
    }
    return r.number(field + "." + key, j[key]);
  };
  // A position count: an integer (a float here would be cast with undefined behaviour).
  auto positions = [&](const char* key, std::int64_t fallback, bool required) {
    if (!present(key)) {
      if (required) r.fail(field + "." + key, "missing");
      return fallback;
    }
    return jsonInteger(j[key], 1, kMaxConfigInteger, r.at(field + "." + key));
  };
  if (type == "longrope") {
    // Phi-3 keeps the pre-training context at the top level, and transformers prefers it there.
    s.originalMaxPositions = r.integer("original_max_position_embeddings", 0, 1);
    if (s.originalMaxPositions == 0)
      s.originalMaxPositions = positions("original_max_position_embeddings", c.maxPositions, false);
    for (const char* key : {"short_factor", "long_factor"}) {
      const std::string name = field + "." + key;
      if (!present(key) || !j[key].is_array()) r.fail(name, "expected a list of numbers");
      if (j[key].size() > 4096) r.fail(name, "more than 4096 entries");
      std::vector<double>& out = key[0] == 's' ? s.shortFactor : s.longFactor;
      for (const json& v : j[key]) {
        out.push_back(r.number(name, v));
        if (!(out.back() > 0)) r.fail(name, "entries must be positive");
      }
    }
    s.factor = num(
        "factor", static_cast<double>(c.maxPositions) / static_cast<double>(s.originalMaxPositions),
        false);
    if (!(s.factor > 0)) r.fail(field + ".factor", "must be positive");
    const double derived =
        s.factor <= 1.0
            ? 1.0
            : std::sqrt(1.0 +
                        std::log(s.factor) / std::log(static_cast<double>(s.originalMaxPositions)));
    s.attentionFactor = num("attention_factor", derived, false);
    if (!(s.attentionFactor > 0)) r.fail(field + ".attention_factor", "must be positive");
    return s;
  }
  s.factor = num("factor", 1.0, true);
  if (!(s.factor > 0)) r.fail(field + ".factor", "must be positive");
  if (type == "llama3") {
    s.lowFreqFactor = num("low_freq_factor", 1.0, true);
    s.highFreqFactor = num("high_freq_factor", 4.0, true);
    s.originalMaxPositions = positions("original_max_position_embeddings", 8192, true);
  } else if (present("original_max_position_embeddings")) {
    s.originalMaxPositions = positions("original_max_position_embeddings", 0, false);
  }
  return s;
}

double theta(const Reader& r, const json& j, const std::string& field, double fallback) {
  if (j.is_object() && j.contains("rope_theta") && !j["rope_theta"].is_null())
    return r.number(field + ".rope_theta", j["rope_theta"]);
  return fallback;
}

}  // namespace

void parseRope(const Reader& r, ModelConfig& c, double defaultTheta, double defaultLocalTheta) {
  const double topTheta = r.number("rope_theta", defaultTheta);
  double partial = r.number("partial_rotary_factor", 1.0);
  if (r.has("rope_parameters")) {
    const json& p = r.raw("rope_parameters");
    if (!p.is_object()) r.fail("rope_parameters", "expected an object or null");
    const bool nested = p.contains("full_attention") || p.contains("sliding_attention");
    const json none;
    const json& full = nested ? (p.contains("full_attention") ? p["full_attention"] : none) : p;
    const std::string fullField = nested ? "rope_parameters.full_attention" : "rope_parameters";
    c.ropeTheta = theta(r, full, fullField, topTheta);
    c.ropeScaling = parseScaling(r, full, fullField, c);
    if (full.is_object() && full.contains("partial_rotary_factor"))
      partial = r.number(fullField + ".partial_rotary_factor", full["partial_rotary_factor"]);
    if (nested && p.contains("sliding_attention") && p["sliding_attention"].is_object()) {
      const json& sliding = p["sliding_attention"];
      const std::string field = "rope_parameters.sliding_attention";
      if (!parseScaling(r, sliding, field, c).type.empty())
        r.fail(field + ".rope_type", "only unscaled RoPE is supported for sliding layers");
      c.ropeLocalTheta =
          theta(r, sliding, field, defaultLocalTheta > 0 ? defaultLocalTheta : c.ropeTheta);
    } else if (defaultLocalTheta > 0) {
      c.ropeLocalTheta = defaultLocalTheta;
    }
  } else {
    c.ropeTheta = topTheta;
    if (r.has("rope_scaling"))
      c.ropeScaling = parseScaling(r, r.raw("rope_scaling"), "rope_scaling", c);
    if (defaultLocalTheta > 0)
      c.ropeLocalTheta = r.number("rope_local_base_freq", defaultLocalTheta);
  }
  if (!(partial > 0 && partial <= 1)) r.fail("partial_rotary_factor", "must be in (0, 1]");
  const auto dims = static_cast<std::int64_t>(static_cast<double>(c.headDim) * partial);
  c.rotaryDim = dims == c.headDim ? 0 : dims;
  const std::size_t pairs = static_cast<std::size_t>(c.rotaryDims() / 2);
  if (c.ropeScaling.type == "longrope" &&
      (c.ropeScaling.shortFactor.size() != pairs || c.ropeScaling.longFactor.size() != pairs))
    r.fail("rope_scaling.short_factor",
           "longrope needs " + std::to_string(pairs) + " factors (rotary dims / 2) in each list");
}

void writeRope(const ModelConfig& c, json& j) {
  j.erase("rope_parameters");
  j["rope_theta"] = c.ropeTheta;
  if (c.ropeLocalTheta > 0) j["rope_local_base_freq"] = c.ropeLocalTheta;
  if (c.rotaryDim > 0 && c.rotaryDim != c.headDim)
    j["partial_rotary_factor"] = static_cast<double>(c.rotaryDim) / static_cast<double>(c.headDim);
  const RopeScaling& s = c.ropeScaling;
  if (s.type.empty()) {
    j["rope_scaling"] = nullptr;
    return;
  }
  json out = {{"rope_type", s.type}, {"factor", s.factor}};
  if (s.type == "llama3") {
    out["low_freq_factor"] = s.lowFreqFactor;
    out["high_freq_factor"] = s.highFreqFactor;
  }
  if (s.type == "longrope") {
    out["type"] = "longrope";  // the key transformers 4.x's Phi-3 reads
    out["short_factor"] = s.shortFactor;
    out["long_factor"] = s.longFactor;
    out["attention_factor"] = s.attentionFactor;
    j["original_max_position_embeddings"] = s.originalMaxPositions;
  }
  if (s.originalMaxPositions > 0) out["original_max_position_embeddings"] = s.originalMaxPositions;
  j["rope_scaling"] = out;
}

}  // namespace catdpo::config_detail
