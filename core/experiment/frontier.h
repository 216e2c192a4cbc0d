// SPDX-License-Identifier: MIT
// The trade-off frontier of a sweep: one point per group (method and grid setting) with the
// generated Worst-3 safe ratio against a cost or benefit on the other axis (helpfulness, benign
// or borderline over-refusal), each with its 95 % interval, and the Pareto front over the means:
// the points no other point beats on both axes. "Better" is a better frontier, not a bigger
// margin. Plain header (no LibTorch, no Qt): the CLI's tables and SVG figure and the app's
// Sweeps view draw the same points.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "experiment/sweep.h"

namespace catdpo {

enum class FrontierAxis { Helpfulness, BenignOverRefusal, BorderlineOverRefusal };
inline constexpr FrontierAxis kFrontierAxes[] = {FrontierAxis::Helpfulness,
                                                 FrontierAxis::BenignOverRefusal,
                                                 FrontierAxis::BorderlineOverRefusal};

// The axis' name in figure file names: "helpfulness", "benign_over_refusal", ...
const char* toString(FrontierAxis axis);
// The axis' key in JSON, the key its measure has everywhere else in the JSON vocabulary:
// "helpfulness_accuracy", "over_refusal" (benign), "borderline_refusal".
const char* jsonKey(FrontierAxis axis);
std::string frontierAxisLabel(FrontierAxis axis);  // "Helpfulness accuracy (%)", ...
// Higher is better on the helpfulness axis, lower on the over-refusal axes.
bool higherIsBetter(FrontierAxis axis);

struct FrontierPoint {
  std::string group;  // method and grid setting, as in the sweep's table
  std::string method;
  std::string gridValue;
  MeanStd safety;  // generated Worst-3 safe ratio, bootstrap interval
  MeanStd other;   // the axis' measure, Wilson interval on the pooled counts
  bool onFront = false;
};

struct Frontier {
  FrontierAxis axis = FrontierAxis::Helpfulness;
  // Groups with both measures, in the sweep's order. Groups without a judged evaluation or
  // without the other measure are left out (and named in `missing`).
  std::vector<FrontierPoint> points;
  std::vector<std::string> missing;
  // Indices into `points` of the Pareto front, ordered along the x axis.
  std::vector<std::size_t> front;
};

// Pareto front of (x, y) means where larger y is better and larger x is better when
// `higherXBetter`: the indices of the points no other point is at least as good as on both axes
// and strictly better on one. Equal points are all kept. Sorted by x ascending.
std::vector<std::size_t> paretoFront(const std::vector<double>& x, const std::vector<double>& y,
                                     bool higherXBetter);

Frontier sweepFrontier(const SweepResult& result, FrontierAxis axis);

nlohmann::json frontierToJson(const Frontier& frontier);
// The frontier over every axis as Markdown (one table; "front" marks per axis).
std::string frontierMarkdown(const SweepResult& result);
// A method's colour in frontier figures ("#rrggbb"): a fixed qualitative palette (colour-blind
// safe for the first eight methods), the same in the SVG and in the app.
const char* methodColour(const std::string& method);

// A standalone SVG figure: points with both intervals as whiskers, the front as a line (its
// points labelled with their setting, every point with a tooltip), a legend of methods. Plain text,
// no fonts or scripts embedded.
std::string frontierSvg(const Frontier& frontier, const std::string& title);

}  // namespace catdpo
