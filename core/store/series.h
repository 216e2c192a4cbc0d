// SPDX-License-Identifier: MIT
// Downsampling of long metric series for plotting. Min/max per bucket keeps what a plot at that
// resolution would show (spikes in loss or grad-norm survive, unlike with a fixed stride), and
// the first and last points are always kept so the x range is exact.
#pragma once

#include <cstddef>
#include <vector>

#include "store/run_record.h"

namespace catdpo {

// Returns `points` unchanged when it has at most maxPoints points or maxPoints is 0. Otherwise
// keeps the first and last point and splits the points between them into
// B = (maxPoints - 2) / 2 buckets of (nearly) equal count; each bucket contributes its lowest
// and its highest point (first occurrence on ties; one point when they coincide), in their
// original order. The result has at most maxPoints points (at least the two ends).
std::vector<SeriesPoint> downsampleMinMax(const std::vector<SeriesPoint>& points, size_t maxPoints);

}  // namespace catdpo
