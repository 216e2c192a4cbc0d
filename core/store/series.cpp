// SPDX-License-Identifier: MIT
// Buckets are cut by point index, not by step, so SACPO's second stage (steps restarting at 1)
// and gaps after a resume are handled alike.
#include "store/series.h"

#include <algorithm>

namespace catdpo {

std::vector<SeriesPoint> downsampleMinMax(const std::vector<SeriesPoint>& points,
                                          size_t maxPoints) {
  const size_t n = points.size();
  if (maxPoints == 0 || n <= maxPoints) return points;
  std::vector<SeriesPoint> out;
  out.push_back(points.front());
  const size_t buckets = maxPoints >= 4 ? (maxPoints - 2) / 2 : 0;
  const size_t interior = n - 2;
  for (size_t b = 0; b < buckets; ++b) {
    const size_t begin = 1 + b * interior / buckets;
    const size_t end = 1 + (b + 1) * interior / buckets;
    if (begin >= end) continue;
    size_t lo = begin;
    size_t hi = begin;
    for (size_t i = begin + 1; i < end; ++i) {
      if (points[i].value < points[lo].value) lo = i;
      if (points[i].value > points[hi].value) hi = i;
    }
    if (lo == hi) {
      out.push_back(points[lo]);
    } else {
      out.push_back(points[std::min(lo, hi)]);
      out.push_back(points[std::max(lo, hi)]);
    }
  }
  out.push_back(points.back());
  return out;
}

}  // namespace catdpo
