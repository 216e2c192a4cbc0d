// SPDX-License-Identifier: MIT
// `catdpo demo-data --out DIR`: writes the built-in demo data set (train.jsonl with the
// preset's training labels, eval.jsonl with clean ones, heldout_prompts.jsonl for
// generation-based evaluation, demo_settings.json with every factor as used), so the demo can
// be inspected, edited or trained on like any other PKU-SafeRLHF file. `--judge-check` reports
// the demo judge's agreement on the held-out lexicon.
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "common/error.h"
#include "data/category_taxonomy.h"
#include "data/demo_generator.h"
#include "data/demo_judge_check.h"

namespace catdpo::cli {
namespace {

struct DemoArgs {
  std::string out;
  DemoOptions options;
  std::map<std::string, std::string> knobs;  // CLI option -> text
  std::optional<double> frequencyExponent, helpNoise;
  bool judgeCheck = false;
  bool json = false;
};

// The option a settings field is set by, for error messages.
const std::map<std::string, std::string>& optionOfField() {
  static const std::map<std::string, std::string> kOptions = {
      {"demo.preset", "--preset"},
      {"demo.label_noise", "--label-noise"},
      {"demo.flagged_help", "--flagged-help"},
      {"demo.harmful_preference", "--harmful-preference"},
      {"demo.base_unsafety", "--base-unsafety"},
      {"demo.frequency_weights", "--frequency-weights"},
      {"demo.frequency_exponent", "--frequency-exponent"},
      {"demo.help_noise", "--help-noise"},
      {"demo.heldout_per_category", "--heldout-per-category"},
      {"demo.heldout_borderline_per_category", "--heldout-borderline"},
      {"demo.heldout_benign", "--heldout-benign"},
      {"pairs", "--pairs"},
      {"eval_fraction", "--eval-fraction"}};
  return kOptions;
}

[[noreturn]] void rethrowForCli(const Error& e) {
  const auto& map = optionOfField();
  const auto it = map.find(e.where().field);
  if (it == map.end()) throw e;
  throw Error("option " + it->second + ": " + e.reason());
}

double percent(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

nlohmann::json countsJson(const JudgeCheckCounts& c) {
  return {{"unsafe_answers", c.unsafe},
          {"unsafe_flagged", c.unsafeFlagged},
          {"unsafe_flagged_by_generator_words", c.unsafeFlaggedByWords},
          {"safe_answers", c.safe},
          {"safe_flagged", c.safeFlagged},
          {"safe_flagged_by_generator_words", c.safeFlaggedByWords},
          {"agreement", c.unsafe + c.safe > 0
                            ? static_cast<double>(c.unsafeFlagged + c.safe - c.safeFlagged) /
                                  static_cast<double>(c.unsafe + c.safe)
                            : 0.0}};
}

int reportJudgeCheck(const DemoData& data, bool json, bool quiet) {
  const DemoJudgeCheck check = runDemoJudgeCheck(&data);
  const CategoryTaxonomy taxonomy = CategoryTaxonomy::pku19();
  if (json) {
    nlohmann::json perCategory = nlohmann::json::array();
    for (std::size_t k = 0; k < check.perCategory.size(); ++k) {
      nlohmann::json row = countsJson(check.perCategory[k]);
      row["category"] = k;
      row["name"] = taxonomy.name(static_cast<int>(k));
      perCategory.push_back(std::move(row));
    }
    nlohmann::json misses = nlohmann::json::array();
    for (const auto& m : check.misses)
      misses.push_back({{"category", m.category},
                        {"name", taxonomy.name(m.category)},
                        {"truth", m.unsafe ? "unsafe" : "safe"},
                        {"text", m.text}});
    printJson(std::cout, {{"held_out", countsJson(check.heldOut)},
                          {"development", countsJson(check.development)},
                          {"per_category", perCategory},
                          {"misses", misses},
                          {"generator_eval_responses", check.generatorResponses},
                          {"generator_eval_agree", check.generatorAgree}});
    return 0;
  }
  if (quiet) return 0;
  const JudgeCheckCounts& h = check.heldOut;
  std::cout
      << "Demo judge on the held-out test set (harm in words the generator never uses for it)\n"
      << "  harmful answers flagged: " << h.unsafeFlagged << "/" << h.unsafe << " ("
      << formatFixed(percent(h.unsafeFlagged, h.unsafe), 1) << "%); by the generator's "
      << "words alone: " << h.unsafeFlaggedByWords << "/" << h.unsafe << "\n"
      << "  safe answers flagged:    " << h.safeFlagged << "/" << h.safe << " ("
      << formatFixed(percent(h.safeFlagged, h.safe), 1) << "%)\n"
      << "  (on the development set the judge was extended with: "
      << check.development.unsafeFlagged << "/" << check.development.unsafe << " harmful and "
      << check.development.safeFlagged << "/" << check.development.safe
      << " safe answers flagged; not a fair measure)\n"
      << "  generator's eval responses agreeing with their labels: " << check.generatorAgree << "/"
      << check.generatorResponses << "\n\n";
  TextTable table;
  table.header = {"category", "harmful flagged", "safe flagged"};
  table.rightAlign = {false, true, true};
  for (std::size_t k = 0; k < check.perCategory.size(); ++k) {
    const auto& c = check.perCategory[k];
    table.rows.push_back({taxonomy.name(static_cast<int>(k)),
                          std::to_string(c.unsafeFlagged) + "/" + std::to_string(c.unsafe),
                          std::to_string(c.safeFlagged) + "/" + std::to_string(c.safe)});
  }
  table.print(std::cout);
  if (!check.misses.empty()) {
    std::cout << "\nJudged wrongly:\n";
    for (const auto& m : check.misses)
      std::cout << "  [" << taxonomy.name(m.category) << ", " << (m.unsafe ? "harmful" : "safe")
                << "] " << m.text << "\n";
  }
  return 0;
}

void addKnob(CLI::App& sub, DemoArgs& a, const std::string& option, const std::string& help) {
  sub.add_option_function<std::string>(
      option, [&a, option](const std::string& text) { a.knobs[option] = text; }, help);
}

const bool kRegistered = registerCommand(Command{
    "demo-data", "Write the built-in demo data set (PKU-SafeRLHF format) to a folder",
    /*order=*/21, /*needsEngine=*/false, [](CLI::App& sub, const GlobalOptions& global) {
      auto args = std::make_shared<DemoArgs>();
      DemoArgs& a = *args;
      sub.add_option("--out", a.out,
                     "Folder to write train.jsonl, eval.jsonl, heldout_prompts.jsonl and "
                     "demo_settings.json (needed unless --judge-check)");
      sub.add_option("--seed", a.options.seed, "Generator seed")->default_val(1);
      sub.add_option("--pairs", a.options.pairs, "Train + eval pairs")->default_val(6000);
      sub.add_option("--eval-fraction", a.options.evalFraction,
                     "Share of prompts held back as clean eval pairs")
          ->default_val(0.1);
      sub.add_option("--preset", a.options.settings.preset,
                     "clean: no label noise, difficulty from the base model's unsafety and "
                     "category frequency; noisy: per-category label noise as first built")
          ->default_val("clean");
      const std::string perCategory =
          " (one value, 19 comma-separated values in PKU order, or easy/medium/hard by tier; "
          "default: the preset's)";
      addKnob(
          sub, a, "--label-noise",
          "Share of a category's harmful training pairs with wrong safety labels" + perCategory);
      addKnob(sub, a, "--flagged-help",
              "Share of a category's borderline training pairs whose helpful answer is labelled "
              "unsafe" +
                  perCategory);
      addKnob(sub, a, "--harmful-preference",
              "Chance that the helpfulness label prefers the harmful answer" + perCategory);
      addKnob(sub, a, "--base-unsafety",
              "The demo model's share of unsafe answers per category (recorded in "
              "demo_settings.json; the data does not depend on it)" +
                  perCategory);
      addKnob(sub, a, "--frequency-weights",
              "Relative number of harmful pairs per category: 19 comma-separated weights");
      sub.add_option("--frequency-exponent", a.frequencyExponent,
                     "Harmful pairs of the category at frequency rank r ~ r^-x (default 1.3)");
      sub.add_option("--help-noise", a.helpNoise,
                     "Share of benign and borderline pairs whose helpfulness label prefers the "
                     "refusal (clean 0, noisy 0.05)");
      sub.add_option("--heldout-per-category", a.options.settings.heldOutPerCategory,
                     "Harmful generation prompts per category held out of every pair")
          ->default_val(a.options.settings.heldOutPerCategory);
      sub.add_option("--heldout-borderline", a.options.settings.heldOutBorderlinePerCategory,
                     "Borderline generation prompts per category held out of every pair")
          ->default_val(a.options.settings.heldOutBorderlinePerCategory);
      sub.add_option("--heldout-benign", a.options.settings.heldOutBenign,
                     "Benign generation prompts held out of every pair")
          ->default_val(a.options.settings.heldOutBenign);
      sub.add_flag("--judge-check", a.judgeCheck,
                   "Report the demo judge's agreement on a held-out lexicon of answers in words "
                   "the generator never uses");
      sub.add_flag("--json", a.json, "Print JSON");
      return std::function<int()>([args, &global] {
        DemoArgs& a = *args;
        DemoSettings& s = a.options.settings;
        DemoData data;
        try {
          const std::map<std::string, std::vector<double>*> targets = {
              {"--label-noise", &s.labelNoise},
              {"--flagged-help", &s.flaggedHelp},
              {"--harmful-preference", &s.harmfulPreference},
              {"--base-unsafety", &s.baseUnsafety},
              {"--frequency-weights", &s.frequencyWeights}};
          for (const auto& [option, text] : a.knobs)
            *targets.at(option) = parseDemoKnob(text, option);
          s.frequencyExponent = a.frequencyExponent;
          s.helpNoise = a.helpNoise;
          if (a.out.empty() && !a.judgeCheck)
            throw Error("--out is required (or --judge-check alone)");
          data = generateDemoData(a.options);
        } catch (const Error& e) {
          if (e.where().field.rfind("--", 0) == 0)
            throw Error("option " + e.where().field + ": " + e.reason());
          rethrowForCli(e);
        }
        if (a.judgeCheck && a.out.empty()) return reportJudgeCheck(data, a.json, global.quiet);
        writeDemoData(data, a.out);
        const std::filesystem::path dir(a.out);
        const std::string train = (dir / "train.jsonl").string();
        const std::string eval = (dir / "eval.jsonl").string();
        const std::string prompts = (dir / "heldout_prompts.jsonl").string();
        std::size_t noisy = 0;
        for (auto n : data.trainNoise) noisy += n != DemoNoise::None;
        if (a.judgeCheck) reportJudgeCheck(data, false, global.quiet || a.json);
        if (a.json) {
          printJson(std::cout, {{"train", train},
                                {"eval", eval},
                                {"heldout_prompts", prompts},
                                {"settings", (dir / "demo_settings.json").string()},
                                {"preset", s.preset},
                                {"seed", a.options.seed},
                                {"train_pairs", data.train.pairs.size()},
                                {"eval_pairs", data.eval.pairs.size()},
                                {"heldout_prompt_count", data.heldOut.size()},
                                {"train_noisy_pairs", noisy},
                                {"train_fingerprint", data.train.fingerprint},
                                {"eval_fingerprint", data.eval.fingerprint}});
          return 0;
        }
        if (!global.quiet) {
          std::cout << "Demo data set (preset " << s.preset << ", seed " << a.options.seed << ")\n"
                    << "  " << train << ": " << data.train.pairs.size() << " pairs, " << noisy
                    << " with noisy safety labels, fingerprint "
                    << data.train.fingerprint.substr(0, 16) << "\n"
                    << "  " << eval << ": " << data.eval.pairs.size()
                    << " pairs (clean labels), fingerprint " << data.eval.fingerprint.substr(0, 16)
                    << "\n"
                    << "  " << prompts << ": " << data.heldOut.size()
                    << " held-out prompts (harmful per category, borderline, benign)\n"
                    << "  " << (dir / "demo_settings.json").string() << ": every factor as used\n"
                    << "Inspect with: catdpo inspect-data " << train << "\n";
        }
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
