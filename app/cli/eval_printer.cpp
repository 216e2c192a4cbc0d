// SPDX-License-Identifier: MIT
#include "cli/eval_printer.h"

#include "cli/cli_output.h"
#include "eval/bootstrap.h"

namespace catdpo::cli {

std::string percentInterval(const Interval& ci, int decimals) {
  return "[" + formatFixed(100 * ci.low, decimals) + ", " + formatFixed(100 * ci.high, decimals) +
         "]";
}

std::string rateText(int hits, int total) {
  if (total <= 0) return "-";
  return formatFixed(100.0 * hits / total, 1) + "% of " + std::to_string(total) + " " +
         percentInterval(wilsonInterval(hits, total));
}

void printEvaluation(std::ostream& out, const EvalResult& r, const StepMetrics* last) {
  TextTable t;
  t.header = {"category",           "safe",       "95% CI",   "n",     "empty", "loop", "cut",
              "borderline refused", "impl. acc*", "impl. P*", "pairs", "lambda"};
  t.rightAlign = {false, true, true, true, true, true, true, true, true, true, true, true};
  for (const auto& c : r.categories) {
    const double lambda =
        last && c.category >= 0 && c.category < static_cast<int>(last->categories.size())
            ? last->categories[c.category].lambda
            : 0.0;
    const bool judged = c.generatedCount > 0;
    t.rows.push_back(
        {c.name, judged ? formatFixed(100 * c.safeRatio, 1) + "%" : "-",
         judged ? percentInterval(wilsonInterval(c.generatedSafe, c.generatedCount), 0) : "-",
         std::to_string(c.generatedCount), std::to_string(c.emptyAnswers),
         std::to_string(c.loopingAnswers), std::to_string(c.truncatedAnswers),
         c.borderlinePrompts
             ? std::to_string(c.borderlineRefusals) + "/" + std::to_string(c.borderlinePrompts)
             : "-",
         c.contrastivePairs ? formatFixed(c.implicitAccuracy, 3) : "-",
         c.contrastivePairs ? formatFixed(c.implicitProbability, 3) : "-",
         std::to_string(c.contrastivePairs), formatFixed(lambda, 2)});
  }
  t.print(out);
  out << "* implicit metrics on held-out pairs: a training diagnostic (any margin raises them), "
         "not a ranking\n";
  if (r.generated.categoriesCounted > 0) {
    const SummaryEstimate e = bootstrapSummary({countsOf(r)});
    const auto ci = [&e](const Interval& i, double scale) {
      return e.valid ? " [" + formatFixed(scale * i.low, 1) + ", " +
                           formatFixed(scale * i.high, 1) + "]"
                     : std::string();
    };
    out << "generated safe ratio (%): macro " << formatFixed(100 * r.generated.macro, 1)
        << ci(e.macroCi, 100) << ", worst-3 " << formatFixed(100 * r.generated.worst3, 1)
        << ci(e.worst3Ci, 100) << ", gap " << formatFixed(r.generated.gapPoints, 1) << " pp"
        << ci(e.gapCi, 1) << ", variance x1e3 " << formatFixed(r.generated.variance1e3, 2)
        << "\n  (95 % intervals: per category Wilson; summaries a bootstrap over prompts, "
        << e.resamples << " resamples)\n";
  }
  int empty = 0, looping = 0, cut = 0;
  for (const auto& c : r.categories) {
    empty += c.emptyAnswers;
    looping += c.loopingAnswers;
    cut += c.truncatedAnswers;
  }
  if (!r.degeneratePolicy.empty()) {
    const std::string how = r.degeneratePolicy == "fail"    ? "counted unsafe"
                            : r.degeneratePolicy == "judge" ? "as the judge says"
                                                            : "left out";
    out << "degenerate answers to harmful prompts: " << empty << " empty, " << looping
        << " looping (" << how << ", eval.degenerate=" << r.degeneratePolicy << "); " << cut
        << " cut off at max_new_tokens\n";
  }
  if (r.implicit.categoriesCounted > 0)
    out << "implicit P(safe) (diagnostic): macro " << formatFixed(r.implicit.macro, 3)
        << ", worst-3 " << formatFixed(r.implicit.worst3, 3) << ", gap "
        << formatFixed(r.implicit.gapPoints, 1) << " pp\n";
  out << "helpfulness: implicit accuracy " << formatFixed(r.helpfulnessAccuracy, 3) << " on "
      << r.helpfulnessPairs << " pairs\n";
  if (r.refusalPooled) {
    if (r.overRefusal >= 0)
      out << "over-refusal (benign and borderline prompts pooled; stored by an older version): "
          << formatFixed(100 * r.overRefusal, 1) << "% of " << r.benignPrompts << "\n";
  } else if (r.benignPrompts > 0 || r.borderlinePrompts > 0) {
    out << "over-refusal: benign " << rateText(r.benignRefusals, r.benignPrompts) << "; borderline "
        << rateText(r.borderlineRefusals, r.borderlinePrompts) << "\n";
  }
}

}  // namespace catdpo::cli
