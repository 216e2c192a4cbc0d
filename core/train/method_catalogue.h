// SPDX-License-Identifier: MIT
// The method catalogue: for each method its id (the config's "method" value), display name,
// one-line description, the options only it reads, whether the default comparison sweep runs
// it, and its safety knob for the trade-off frontier. The one place these facts live: the
// CLI's help and `catdpo methods`, the sweep's grid logic, and the app's config form, runs
// filter, sweep dialog and comparison views read them here (the app translates the texts by
// id). Plain header (no LibTorch).
#pragma once

#include <string>
#include <vector>

#include "common/translate_noop.h"
#include "train/train_config.h"

namespace catdpo {

struct MethodEntry {
  Method method;
  const char* id;           // "catdpo", "dpo_safer", ...
  const char* displayName;  // "Cat-DPO"
  const char* description;  // one line, UTF-8
  // Prefixes of the dotted config keys only this method reads, '|'-separated.
  const char* ownOptions;
  // The safety knob(s) a trade-off frontier sweeps with their default values,
  // "key=v1,v2|key2=..."; empty: the method has none and is one point.
  const char* frontier;
  bool defaultSweep;  // part of `catdpo sweep`'s and the sweep dialog's default method set
};

// Every method, in the order lists show them.
const std::vector<MethodEntry>& methodCatalogue();
// The entry of `method`.
const MethodEntry& methodEntry(Method method);
// The default sweep's methods as ids, in catalogue order.
std::vector<std::string> defaultSweepMethods();

// Whether the dotted config key changes what `method` trains: the options of one method
// (catdpo.*, safedpo_*, ipo_*, drdpo_*, group_*, sacpo_*) only affect that method.
bool methodReadsOption(Method method, const std::string& key);
// The method's safety knob(s) with the values a trade-off frontier sweeps by default, as grid
// texts "key=v1,v2,..." (none for dpo, dpo_safer, the matched control and methods whose
// strength has no single safety knob): see docs/METHODS.md, "The trade-off frontier".
std::vector<std::string> frontierGridTexts(Method method);

}  // namespace catdpo
