// SPDX-License-Identifier: MIT
// What the method catalogue (train_config.cpp, kMethods) knows beyond names and descriptions:
// which options belong to one method only, and each method's safety knob for the trade-off
// frontier. Plain header (no LibTorch).
#pragma once

#include <string>
#include <vector>

#include "train/train_config.h"

namespace catdpo {

// Whether the dotted config key changes what `method` trains: the options of one method
// (catdpo.*, safedpo_*, ipo_*, drdpo_*, group_*, sacpo_*) only affect that method.
bool methodReadsOption(Method method, const std::string& key);
// The method's safety knob(s) with the values a trade-off frontier sweeps by default, as grid
// texts "key=v1,v2,..." (none for dpo, dpo_safer, the matched control and methods whose
// strength has no single safety knob): see docs/METHODS.md, "The trade-off frontier".
std::vector<std::string> frontierGridTexts(Method method);

}  // namespace catdpo
