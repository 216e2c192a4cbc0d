// SPDX-License-Identifier: MIT
// The one walk over a run configuration's JSON: every leaf as its dotted key ("catdpo.eta",
// "eval.judge") and value, in the document's order. Reading a config, the app's form and its
// settings tables all name options this way. Plain header (no LibTorch).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace catdpo {

// Options nest at most two levels; objects deeper than kMaxConfigDepth are taken as one leaf
// (so a hostile document cannot make the walk recurse without end). Empty objects have no
// leaves. A non-object document has none.
inline constexpr int kMaxConfigDepth = 4;
std::vector<std::pair<std::string, const nlohmann::json*>> configLeaves(
    const nlohmann::json& config);
// The dotted keys of configLeaves(config).
std::vector<std::string> configKeys(const nlohmann::json& config);
// The JSON pointer of a dotted key: "catdpo.eta" -> /catdpo/eta.
nlohmann::json::json_pointer configPointer(const std::string& key);

}  // namespace catdpo
