// SPDX-License-Identifier: MIT
// Internal to core/model: typed reads of one config.json object with errors that name the file
// and the key, shared by the config parser and the RoPE section's parser. No LibTorch here.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/json_input.h"
#include "model/model_config.h"

namespace catdpo::config_detail {

// Any size or id in a config.json: far beyond real models, and small enough that products of
// a few of them cannot overflow before expectedParameterCount() bounds the model.
constexpr std::int64_t kMaxConfigInteger = std::int64_t{1} << 30;

class Reader {
 public:
  Reader(const nlohmann::json& j, std::string source) : m_j(j), m_source(std::move(source)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& why) const {
    throw Error(why, ErrorLocation{m_source, 0, key});
  }
  bool has(const std::string& key) const { return m_j.contains(key) && !m_j[key].is_null(); }
  // Written as null: for the keys whose null means "off" while their absence means the default.
  bool isNull(const std::string& key) const { return m_j.contains(key) && m_j[key].is_null(); }
  // Sizes and ids: an integer (never a float, never narrowed) in [min, max].
  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t min = 0,
                       std::int64_t max = kMaxConfigInteger) const {
    if (!has(key)) return fallback;
    return jsonInteger(m_j[key], min, max, at(key));
  }
  double number(const std::string& key, double fallback) const {
    if (!has(key)) return fallback;
    return jsonNumber(m_j[key], at(key));
  }
  bool boolean(const std::string& key, bool fallback) const {
    if (!has(key)) return fallback;
    const nlohmann::json& v = m_j[key];
    if (!v.is_boolean()) fail(key, "expected true or false, got " + v.dump());
    return v.get<bool>();
  }
  std::string string(const std::string& key, const std::string& fallback) const {
    if (!has(key)) return fallback;
    const nlohmann::json& v = m_j[key];
    if (!v.is_string()) fail(key, "expected a string, got " + v.dump());
    return v.get<std::string>();
  }
  std::vector<std::int64_t> intList(const std::string& key) const;
  const nlohmann::json& raw(const std::string& key) const { return m_j[key]; }
  ErrorLocation at(const std::string& key) const { return ErrorLocation{m_source, 0, key}; }
  double number(const std::string& field, const nlohmann::json& v) const {
    return jsonNumber(v, at(field));
  }

 private:
  const nlohmann::json& m_j;
  std::string m_source;
};

// The RoPE section in either form transformers reads: rope_theta / rope_scaling /
// partial_rotary_factor (/ rope_local_base_freq), or transformers 5's rope_parameters (flat, or
// one entry per layer type). Fills ropeTheta, ropeScaling, rotaryDim and ropeLocalTheta;
// `defaultTheta` / `defaultLocalTheta` are the family's.
void parseRope(const Reader& r, ModelConfig& c, double defaultTheta, double defaultLocalTheta);
// Writes the RoPE section in the first form (which every transformers version reads) and drops
// rope_parameters.
void writeRope(const ModelConfig& c, nlohmann::json& j);

}  // namespace catdpo::config_detail
