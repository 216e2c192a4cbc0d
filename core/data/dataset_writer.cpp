// SPDX-License-Identifier: MIT
// PKU-SafeRLHF JSONL writer. Per-response category flags: the pair's C(x) is written on each
// unsafe response (the reader takes their union, so the pair reads back unchanged).
#include "data/dataset_writer.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "common/paths.h"
#include "common/sha256.h"
#include "data/prompt_list.h"

namespace catdpo {

std::string pkuJsonLine(const PreferencePair& pair, const CategoryTaxonomy& taxonomy) {
  nlohmann::ordered_json row;
  row["prompt"] = pair.prompt;
  row["response_0"] = pair.response[0];
  row["response_1"] = pair.response[1];
  for (int i = 0; i < 2; ++i) {
    row["is_response_" + std::to_string(i) + "_safe"] = pair.unsafe[i] != 1;
  }
  for (int i = 0; i < 2; ++i) {
    nlohmann::ordered_json flags = nlohmann::ordered_json::object();
    for (int k = 0; k < taxonomy.size(); ++k) {
      const bool on =
          pair.unsafe[i] == 1 &&
          std::find(pair.categories.begin(), pair.categories.end(), k) != pair.categories.end();
      flags[taxonomy.name(k)] = on;
    }
    row["response_" + std::to_string(i) + "_harm_category"] = std::move(flags);
  }
  for (int i = 0; i < 2; ++i) {
    row["response_" + std::to_string(i) + "_severity_level"] =
        pair.severity[i] < 0 ? 0 : pair.severity[i];
  }
  row["better_response_id"] = pair.better;
  row["safer_response_id"] = pair.safer >= 0 ? pair.safer : pair.better;
  for (int i = 0; i < 2; ++i) {
    row["response_" + std::to_string(i) + "_sha256"] = sha256Hex(pair.prompt + pair.response[i]);
  }
  if (pair.kind != PromptKind::Unknown) row["prompt_kind"] = toString(pair.kind);
  if (!pair.id.empty()) row["id"] = pair.id;
  return row.dump();
}

void writePkuJsonl(const std::string& path, const std::vector<PreferencePair>& pairs,
                   const CategoryTaxonomy& taxonomy) {
  std::ostringstream out;
  for (const auto& p : pairs) out << pkuJsonLine(p, taxonomy) << '\n';
  writeFileAtomically(path, out.str());
}

}  // namespace catdpo
