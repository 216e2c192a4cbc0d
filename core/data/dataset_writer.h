// SPDX-License-Identifier: MIT
// Writing pairs back out as PKU-SafeRLHF JSONL (with the per-response sha256 the format
// carries), e.g. the demo data set or a split; what it writes loads back to the same
// fingerprint.
#pragma once

#include <string>
#include <vector>

#include "data/category_taxonomy.h"
#include "data/preference_pair.h"

namespace catdpo {

// One JSON line (no trailing newline). Unknown labels are written as safe / severity 0
// because the format has no "unknown"; pairs from PKU files round-trip exactly.
std::string pkuJsonLine(const PreferencePair& pair, const CategoryTaxonomy& taxonomy);
void writePkuJsonl(const std::string& path, const std::vector<PreferencePair>& pairs,
                   const CategoryTaxonomy& taxonomy);

}  // namespace catdpo
