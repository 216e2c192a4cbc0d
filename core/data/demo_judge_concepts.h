// SPDX-License-Identifier: MIT
// Internal to core/data: the demo judge's category-level harm concepts, one word list per PKU
// category (index order), written independently of the demo generator's texts so that the
// judge can recognise harmful answers phrased in words the training data never uses.
#pragma once

#include <vector>

namespace catdpo::demo {

// Per category: whole words, or stems ending in '*' that match every word they begin.
const std::vector<std::vector<const char*>>& harmConcepts();

}  // namespace catdpo::demo
