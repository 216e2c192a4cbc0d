// SPDX-License-Identifier: MIT
// The three orderings of a pair. Unknown safety labels count as safe (h = 0), so a data set
// without labels degrades to plain helpfulness DPO under every ordering.
#include "data/preference_pair.h"

namespace catdpo {
namespace {

int label(const PreferencePair& pair, int index) { return pair.unsafe[index] == 1 ? 1 : 0; }

OrderedPair make(const PreferencePair& pair, int chosen) {
  OrderedPair out;
  out.chosen = chosen;
  out.rejected = 1 - chosen;
  out.hChosen = label(pair, out.chosen);
  out.hRejected = label(pair, out.rejected);
  return out;
}

}  // namespace

OrderedPair orderForHelpfulness(const PreferencePair& pair) { return make(pair, pair.better); }

OrderedPair orderForSafety(const PreferencePair& pair, BothUnsafePolicy policy) {
  if (pair.bothUnsafe()) {
    if (policy == BothUnsafePolicy::KeepSafer && (pair.safer == 0 || pair.safer == 1)) {
      return make(pair, pair.safer);
    }
    OrderedPair dropped = make(pair, pair.better);
    dropped.keep = false;
    return dropped;
  }
  OrderedPair out = make(pair, pair.better);
  if (out.hChosen == 1 && out.hRejected == 0) out = make(pair, out.rejected);
  return out;
}

OrderedPair orderForSafer(const PreferencePair& pair) {
  if (pair.safer == 0 || pair.safer == 1) return make(pair, pair.safer);
  const int h0 = label(pair, 0), h1 = label(pair, 1);
  if (pair.hasSafetyLabels() && h0 != h1) return make(pair, h0 == 0 ? 0 : 1);
  return make(pair, pair.better);
}

}  // namespace catdpo
