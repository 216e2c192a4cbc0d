// SPDX-License-Identifier: MIT
// The cross-category mean of a per-category plot (the paper's Figure 6 draws it thick): at
// every key where any category has a point, the mean over categories of each one's latest
// value at or before that key. A category absent from a step keeps its last value (as λ does);
// one with no point yet is left out. Updated incrementally from the categories' sorted data:
// only keys from the last one on are recomputed, unless a point arrived further back.
#pragma once

#include <limits>
#include <vector>

#include <qcustomplot.h>

namespace catdpo::ui {

class CarryForwardMean {
 public:
  // Brings `out` up to date with `sources` (each sorted by key). `earliestNewKey` is the
  // smallest key added to any source since the last call (+inf when none was).
  void update(const std::vector<const QCPGraphDataContainer*>& sources, double earliestNewKey,
              QCPGraphDataContainer& out);
  // Forgets everything; the next update() recomputes from the start.
  void reset();

 private:
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  double m_openKey = -kInf;     // mean points at keys >= this are recomputed on each update
  std::vector<double> m_carry;  // each source's last value before m_openKey (NaN: none yet)
};

}  // namespace catdpo::ui
