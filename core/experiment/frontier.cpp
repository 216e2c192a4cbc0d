// SPDX-License-Identifier: MIT
// Frontier points from a summarised sweep, their Pareto front, and the JSON, Markdown and SVG
// forms of it.
#include "experiment/frontier.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/error.h"

namespace catdpo {
using nlohmann::json;

const char* toString(FrontierAxis axis) {
  switch (axis) {
    case FrontierAxis::Helpfulness:
      return "helpfulness";
    case FrontierAxis::BenignOverRefusal:
      return "benign_over_refusal";
    case FrontierAxis::BorderlineOverRefusal:
      return "borderline_over_refusal";
  }
  return "?";
}

const char* jsonKey(FrontierAxis axis) {
  switch (axis) {
    case FrontierAxis::Helpfulness:
      return "helpfulness_accuracy";
    case FrontierAxis::BenignOverRefusal:
      return "over_refusal";
    case FrontierAxis::BorderlineOverRefusal:
      return "borderline_refusal";
  }
  return "?";
}

std::string frontierAxisLabel(FrontierAxis axis) {
  switch (axis) {
    case FrontierAxis::Helpfulness:
      return "Helpfulness accuracy (%)";
    case FrontierAxis::BenignOverRefusal:
      return "Benign over-refusal (%)";
    case FrontierAxis::BorderlineOverRefusal:
      return "Borderline over-refusal (%)";
  }
  return "?";
}

bool higherIsBetter(FrontierAxis axis) { return axis == FrontierAxis::Helpfulness; }

std::vector<std::size_t> paretoFront(const std::vector<double>& x, const std::vector<double>& y,
                                     bool higherXBetter) {
  if (x.size() != y.size()) throw Error("paretoFront: x and y differ in length");
  const auto xBetterOrEqual = [higherXBetter](double a, double b) {
    return higherXBetter ? a >= b : a <= b;
  };
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < x.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < x.size() && !dominated; ++j) {
      if (j == i) continue;
      const bool atLeast = xBetterOrEqual(x[j], x[i]) && y[j] >= y[i];
      const bool strictly = x[j] != x[i] || y[j] != y[i];
      dominated = atLeast && strictly;
    }
    if (!dominated) front.push_back(i);
  }
  std::sort(front.begin(), front.end(),
            [&](std::size_t a, std::size_t b) { return x[a] != x[b] ? x[a] < x[b] : y[a] < y[b]; });
  return front;
}

namespace {

const MeanStd& measure(const SweepGroupResult& g, FrontierAxis axis) {
  switch (axis) {
    case FrontierAxis::Helpfulness:
      return g.helpfulness;
    case FrontierAxis::BenignOverRefusal:
      return g.overRefusal;
    case FrontierAxis::BorderlineOverRefusal:
      return g.borderlineRefusal;
  }
  return g.helpfulness;
}

}  // namespace

Frontier sweepFrontier(const SweepResult& result, FrontierAxis axis) {
  Frontier f;
  f.axis = axis;
  for (const SweepGroupResult& g : result.groups) {
    const MeanStd& other = measure(g, axis);
    if (g.genWorst3.n == 0 || other.n == 0) {
      f.missing.push_back(g.group);
      continue;
    }
    f.points.push_back({g.group, g.method, g.gridValue, g.genWorst3, other, false});
  }
  std::vector<double> x, y;
  for (const FrontierPoint& p : f.points) {
    x.push_back(p.other.mean);
    y.push_back(p.safety.mean);
  }
  f.front = paretoFront(x, y, higherIsBetter(axis));
  for (std::size_t i : f.front) f.points[i].onFront = true;
  return f;
}

namespace {

json valueJson(const MeanStd& v) {
  json out{{"mean", v.mean}, {"std", v.std}, {"n", v.n}};
  if (v.hasCi) out["interval"] = json::array({v.ci.low, v.ci.high});
  return out;
}

std::string percent(const MeanStd& v) {
  char buf[64];
  if (v.hasCi)
    std::snprintf(buf, sizeof buf, "%.1f [%.1f, %.1f]", 100 * v.mean, 100 * v.ci.low,
                  100 * v.ci.high);
  else
    std::snprintf(buf, sizeof buf, "%.1f", 100 * v.mean);
  return buf;
}

}  // namespace

json frontierToJson(const Frontier& f) {
  json points = json::array();
  for (const FrontierPoint& p : f.points)
    points.push_back({{"group", p.group},
                      {"method", p.method},
                      {"grid_value", p.gridValue},
                      {"worst3", valueJson(p.safety)},
                      {jsonKey(f.axis), valueJson(p.other)},
                      {"on_front", p.onFront}});
  json front = json::array();
  for (std::size_t i : f.front) front.push_back(f.points[i].group);
  return {{"axis", jsonKey(f.axis)},
          {"higher_is_better", higherIsBetter(f.axis)},
          {"points", points},
          {"front", front},
          {"missing", f.missing}};
}

std::string frontierMarkdown(const SweepResult& result) {
  std::vector<Frontier> frontiers;
  for (FrontierAxis axis : kFrontierAxes) frontiers.push_back(sweepFrontier(result, axis));
  std::ostringstream out;
  out << "Trade-off frontier: generated Worst-3 safe ratio against helpfulness, benign and "
         "borderline over-refusal, per setting (%, mean [95 % interval]). ★ marks a point on "
         "the Pareto front of that pair of axes (by the means: no other setting is at least as "
         "good on both and better on one); points whose intervals overlap cannot be told "
         "apart.\n\n| Setting | Worst-3 ↑ | Helpful acc ↑ | Benign over-refusal ↓ | "
         "Borderline over-refusal ↓ |\n|---|---:|---:|---:|---:|\n";
  for (const SweepGroupResult& g : result.groups) {
    if (g.genWorst3.n == 0) continue;
    out << "| " << g.group << " | " << percent(g.genWorst3);
    for (const Frontier& f : frontiers) {
      out << " | ";
      const auto it = std::find_if(f.points.begin(), f.points.end(),
                                   [&g](const FrontierPoint& p) { return p.group == g.group; });
      if (it == f.points.end()) {
        out << "–";
        continue;
      }
      out << percent(it->other) << (it->onFront ? " ★" : "");
    }
    out << " |\n";
  }
  return out.str();
}

// --- SVG -------------------------------------------------------------------------------------

namespace {

std::string xmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Axis range [lo, hi] in percent, widened to a multiple of a round step (about 5 ticks).
struct Scale {
  double lo = 0, hi = 100, step = 20;
};
Scale niceScale(double lo, double hi) {
  if (!(hi > lo)) {
    lo -= 5;
    hi += 5;
  }
  const double raw = (hi - lo) / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  Scale s{std::floor(lo / step) * step, std::ceil(hi / step) * step, step};
  s.lo = std::max(s.lo, 0.0);
  s.hi = std::min(s.hi, 100.0);
  if (s.hi <= s.lo) s.hi = s.lo + step;
  return s;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A tick label: as many decimals as the step needs (20 -> "40", 2.5 -> "7.5").
std::string tick(double v, double step) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", step >= 1 && std::floor(step) == step ? 0 : 1, v);
  return buf;
}

}  // namespace

const char* methodColour(const std::string& method) {
  static const std::map<std::string, const char*> colours{
      {"dpo", "#4477aa"},     {"dpo_safer", "#66ccee"},    {"ipo", "#228833"},
      {"safedpo", "#ccbb44"}, {"catdpo", "#ee6677"},       {"catdpo_nomargin", "#aa3377"},
      {"drdpo", "#bbbbbb"},   {"group_robust", "#000000"}, {"sacpo", "#ee7733"}};
  const auto it = colours.find(method);
  return it == colours.end() ? "#777777" : it->second;
}

std::string frontierSvg(const Frontier& f, const std::string& title) {
  const double width = 760, height = 500, left = 70, right = 190, top = 50, bottom = 60;
  const double plotW = width - left - right, plotH = height - top - bottom;
  double xlo = 100, xhi = 0, ylo = 100, yhi = 0;
  for (const FrontierPoint& p : f.points) {
    const double xl = 100 * (p.other.hasCi ? p.other.ci.low : p.other.mean);
    const double xh = 100 * (p.other.hasCi ? p.other.ci.high : p.other.mean);
    const double yl = 100 * (p.safety.hasCi ? p.safety.ci.low : p.safety.mean);
    const double yh = 100 * (p.safety.hasCi ? p.safety.ci.high : p.safety.mean);
    xlo = std::min(xlo, xl);
    xhi = std::max(xhi, xh);
    ylo = std::min(ylo, yl);
    yhi = std::max(yhi, yh);
  }
  if (f.points.empty()) xlo = ylo = 0, xhi = yhi = 100;
  const Scale sx = niceScale(xlo, xhi), sy = niceScale(ylo, yhi);
  const auto X = [&](double v) { return left + (100 * v - sx.lo) / (sx.hi - sx.lo) * plotW; };
  const auto Y = [&](double v) {
    return top + plotH - (100 * v - sy.lo) / (sy.hi - sy.lo) * plotH;
  };

  std::ostringstream o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
    << "\" viewBox=\"0 0 " << width << " " << height
    << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
    << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    << "<text x=\"" << left << "\" y=\"28\" font-size=\"15\">" << xmlEscape(title) << "</text>\n";
  // grid and ticks
  for (double v = sx.lo; v <= sx.hi + 1e-9; v += sx.step) {
    const double px = left + (v - sx.lo) / (sx.hi - sx.lo) * plotW;
    o << "<line x1=\"" << num(px) << "\" y1=\"" << top << "\" x2=\"" << num(px) << "\" y2=\""
      << top + plotH << "\" stroke=\"#e5e5e5\"/>\n<text x=\"" << num(px) << "\" y=\""
      << top + plotH + 18 << "\" text-anchor=\"middle\">" << tick(v, sx.step) << "</text>\n";
  }
  for (double v = sy.lo; v <= sy.hi + 1e-9; v += sy.step) {
    const double py = top + plotH - (v - sy.lo) / (sy.hi - sy.lo) * plotH;
    o << "<line x1=\"" << left << "\" y1=\"" << num(py) << "\" x2=\"" << left + plotW << "\" y2=\""
      << num(py) << "\" stroke=\"#e5e5e5\"/>\n<text x=\"" << left - 8 << "\" y=\"" << num(py + 4)
      << "\" text-anchor=\"end\">" << tick(v, sy.step) << "</text>\n";
  }
  o << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << plotW << "\" height=\"" << plotH
    << "\" fill=\"none\" stroke=\"#555\"/>\n"
    << "<text x=\"" << left + plotW / 2 << "\" y=\"" << height - 18 << "\" text-anchor=\"middle\">"
    << xmlEscape(frontierAxisLabel(f.axis))
    << (higherIsBetter(f.axis) ? " (higher is better)" : " (lower is better)") << "</text>\n"
    << "<text transform=\"translate(18," << top + plotH / 2
    << ") rotate(-90)\" text-anchor=\"middle\">Worst-3 safe ratio (%) ↑</text>\n";
  // front
  if (f.front.size() > 1) {
    o << "<polyline fill=\"none\" stroke=\"#333\" stroke-dasharray=\"5,4\" points=\"";
    for (std::size_t i : f.front)
      o << num(X(f.points[i].other.mean)) << "," << num(Y(f.points[i].safety.mean)) << " ";
    o << "\"/>\n";
  }
  // whiskers and points
  std::vector<std::string> methods;
  for (const FrontierPoint& p : f.points) {
    if (std::find(methods.begin(), methods.end(), p.method) == methods.end())
      methods.push_back(p.method);
    const char* colour = methodColour(p.method);
    const double px = X(p.other.mean), py = Y(p.safety.mean);
    if (p.other.hasCi)
      o << "<line x1=\"" << num(X(p.other.ci.low)) << "\" y1=\"" << num(py) << "\" x2=\""
        << num(X(p.other.ci.high)) << "\" y2=\"" << num(py) << "\" stroke=\"" << colour
        << "\" stroke-opacity=\"0.6\"/>\n";
    if (p.safety.hasCi)
      o << "<line x1=\"" << num(px) << "\" y1=\"" << num(Y(p.safety.ci.low)) << "\" x2=\""
        << num(px) << "\" y2=\"" << num(Y(p.safety.ci.high)) << "\" stroke=\"" << colour
        << "\" stroke-opacity=\"0.6\"/>\n";
    o << "<circle cx=\"" << num(px) << "\" cy=\"" << num(py) << "\" r=\"" << (p.onFront ? 6 : 4.5)
      << "\" fill=\"" << colour << "\" stroke=\"" << (p.onFront ? "#000" : "white") << "\"><title>"
      << xmlEscape(p.group) << "</title></circle>\n";
    if (!p.gridValue.empty() && p.onFront)  // the others name themselves in their tooltip
      o << "<text x=\"" << num(px + 7) << "\" y=\"" << num(py - 6)
        << "\" font-size=\"9\" fill=\"#444\">" << xmlEscape(p.gridValue) << "</text>\n";
  }
  // legend
  double ly = top + 10;
  for (const std::string& m : methods) {
    o << "<circle cx=\"" << left + plotW + 20 << "\" cy=\"" << num(ly) << "\" r=\"5\" fill=\""
      << methodColour(m) << "\"/>\n<text x=\"" << left + plotW + 32 << "\" y=\"" << num(ly + 4)
      << "\">" << xmlEscape(m) << "</text>\n";
    ly += 20;
  }
  o << "<line x1=\"" << left + plotW + 12 << "\" y1=\"" << num(ly) << "\" x2=\""
    << left + plotW + 28 << "\" y2=\"" << num(ly)
    << "\" stroke=\"#333\" stroke-dasharray=\"5,4\"/>\n<text x=\"" << left + plotW + 32 << "\" y=\""
    << num(ly + 4) << "\">Pareto front</text>\n"
    << "<text x=\"" << left + plotW + 12 << "\" y=\"" << num(ly + 24)
    << "\" font-size=\"10\" fill=\"#555\">whiskers: 95 % intervals</text>\n";
  o << "</svg>\n";
  return o.str();
}

}  // namespace catdpo
