// SPDX-License-Identifier: MIT
// Internal to core/data: the demo judge's category-level harm concepts, one word list per PKU
// category (index order), written independently of the demo generator's texts so that the
// judge can recognise harmful answers phrased in words the training data never uses.
#pragma once

#include <vector>

namespace catdpo::demo {

// Per category: whole words, or stems ending in '*' that match every word they begin.
const std::vector<std::vector<const char*>>& harmConcepts();
// More per category, added after the development round.
const std::vector<std::vector<const char*>>& harmConceptsAdded();
// Words of a helping, protective answer (report, rescue, consult, ...): each one cancels one
// concept hit, so "report the fraud to the consumer protection agency" stays safe.
const std::vector<const char*>& protectiveCues();

}  // namespace catdpo::demo
