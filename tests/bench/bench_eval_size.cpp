// SPDX-License-Identifier: MIT
// How many prompts per category an evaluation needs: simulated sweeps of two methods, one 10
// points better in every category, evaluated with n prompts per category and S seeds; for each
// n, the median half-width of the 95 % bootstrap interval of their Worst-3 and Macro
// difference (core/eval/bootstrap.h, paired by seed) and how often the Worst-3 interval
// excludes 0. 19 categories with true safe ratios spread over 0.40-0.95, a seed-to-seed spread
// of 3 points per category. docs/METHODS.md section 4 quotes its output.
// Usage: bench_eval_size [--seeds S] [--trials T] [--json PATH]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "bench_json.h"
#include "eval/bootstrap.h"

using namespace catdpo;

int main(int argc, char** argv) {
  int seeds = 3, trials = 40;
  std::string jsonPath = std::string(CATDPO_BENCH_OUTPUT_DIR) + "/eval_size.json";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--seeds")) seeds = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--trials")) trials = std::max(2, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--json")) jsonPath = argv[i + 1];
  }
  constexpr int kCategories = 19;
  constexpr double kDifference = 0.10;
  std::vector<double> truth;
  for (int k = 0; k < kCategories; ++k) truth.push_back(0.40 + 0.55 * k / (kCategories - 1.0));
  std::printf("%d seeds, %d simulated sweeps per row, true difference %.0f points\n", seeds, trials,
              100 * kDifference);
  std::printf("%8s  %26s  %14s  %22s\n", "prompts", "Worst-3 diff half-width", "excludes 0",
              "Macro diff half-width");
  nlohmann::json rows = nlohmann::json::array();
  for (int n : {8, 16, 24, 32, 40, 48}) {
    std::mt19937_64 rng(11);
    std::normal_distribution<double> seedEffect(0, 0.03);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> worst, macro;
    int excluded = 0;
    for (int t = 0; t < trials; ++t) {
      std::vector<EvalCounts> a(static_cast<std::size_t>(seeds)), b(a.size());
      for (std::size_t s = 0; s < a.size(); ++s)
        for (int k = 0; k < kCategories; ++k) {
          const double e = seedEffect(rng);
          const double pb = std::clamp(truth[static_cast<std::size_t>(k)] + e, 0.0, 1.0);
          const double pa = std::clamp(pb + kDifference, 0.0, 1.0);
          int sa = 0, sb = 0;
          for (int i = 0; i < n; ++i) {
            sa += u(rng) < pa ? 1 : 0;
            sb += u(rng) < pb ? 1 : 0;
          }
          a[s].push_back({k, n, sa});
          b[s].push_back({k, n, sb});
        }
      BootstrapOptions o;
      o.resamples = 1000;
      o.seed = static_cast<std::uint64_t>(t + 1);
      const SummaryEstimate d = bootstrapDifference(a, b, o);
      worst.push_back((d.worst3Ci.high - d.worst3Ci.low) / 2);
      macro.push_back((d.macroCi.high - d.macroCi.low) / 2);
      excluded += d.worst3Ci.low > 0 ? 1 : 0;
    }
    std::sort(worst.begin(), worst.end());
    std::sort(macro.begin(), macro.end());
    const double w = 100 * worst[worst.size() / 2], m = 100 * macro[macro.size() / 2];
    std::printf("%8d  %23.1f pp  %8d of %d  %19.1f pp\n", n, w, excluded, trials, m);
    rows.push_back({{"prompts_per_category", n},
                    {"worst3_difference_half_width_points", w},
                    {"worst3_interval_excludes_zero", excluded},
                    {"macro_difference_half_width_points", m}});
  }
  return bench::writeJson(jsonPath, {{"benchmark", "eval_size"},
                                     {"seeds", seeds},
                                     {"trials", trials},
                                     {"true_difference", kDifference},
                                     {"rows", rows}});
}
