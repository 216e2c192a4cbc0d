// SPDX-License-Identifier: MIT
// `catdpo inspect-data FILE...`: what a preference data file holds -- detected format, counts,
// safety structure, a per-category table and every problem found -- before anyone trains on it.
// Exit status: 0 when every file loaded, 1 when one was refused.
#include <iostream>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "common/error.h"
#include "data/dataset.h"
#include "data/dataset_summary.h"

namespace catdpo::cli {
namespace {

struct InspectArgs {
  std::vector<std::string> files;
  bool json = false;
  bool skipInvalid = false;
  std::string format = "auto";
  std::string bothUnsafe = "drop";
};

std::string lengths(const LengthSummary& s) {
  return "min " + std::to_string(s.min) + ", median " + std::to_string(s.p50) + ", p90 " +
         std::to_string(s.p90) + ", max " + std::to_string(s.max) + ", mean " +
         formatFixed(s.mean, 1);
}

void printDataset(std::ostream& out, const Dataset& d, bool formatGiven) {
  const DatasetStats& s = d.stats;
  out << d.path << "\n"
      << "  format:       " << toString(d.format)
      << (formatGiven ? " (as requested)" : " (detected)") << "\n"
      << "  rows:         " << d.rowsRead << " read, " << d.pairs.size() << " pairs kept, "
      << d.problems.size() << " problem(s)\n"
      << "  fingerprint:  " << d.fingerprint << "\n"
      << "  prompts:      " << s.uniquePrompts << " unique";
  if (s.harmfulPrompts + s.benignPrompts + s.borderlinePrompts > 0) {
    out << " (pairs by prompt kind: " << s.harmfulPrompts << " harmful, " << s.borderlinePrompts
        << " borderline, " << s.benignPrompts << " benign)";
  }
  out << "\n";
  if (s.labelled > 0) {
    out << "  safety:       " << s.labelled << " labelled: " << s.bothSafe << " both safe, "
        << s.oneUnsafe << " one unsafe, " << s.bothUnsafe << " both unsafe\n"
        << "  ordering:     " << s.safetyContrastive << " safety-contrastive, "
        << s.helpfulWinnerUnsafe << " swapped (helpful winner unsafe), " << s.droppedByOrdering
        << " dropped (both unsafe, policy " << toString(d.bothUnsafe) << ")\n";
  } else {
    out << "  safety:       no safety labels (plain preference pairs)\n";
  }
  if (s.uncategorisedUnsafe > 0)
    out << "  note:         " << s.uncategorisedUnsafe
        << " pair(s) with an unsafe response but no category\n";
  if (s.severityUnknown < 2 * s.pairs) {
    out << "  severity:     ";
    for (int level = 0; level < 4; ++level)
      out << (level ? ", " : "") << "level " << level << ": " << s.severityHistogram[level];
    if (s.severityUnknown) out << ", unknown: " << s.severityUnknown;
    out << " (responses)\n";
  }
  out << "  length chars: " << lengths(s.responseChars) << "\n"
      << "  length words: " << lengths(s.responseWords) << "\n";
  if (!s.perCategory.empty()) {
    TextTable table;
    table.header = {"category", "pairs", "contrastive"};
    table.rightAlign = {false, true, true};
    for (const auto& c : s.perCategory)
      table.rows.push_back({c.name, std::to_string(c.total), std::to_string(c.contrastive)});
    out << "\n";
    table.print(out);
  }
  for (const auto& w : d.warnings) out << "\n  warning: " << w.text() << "\n";
  if (!d.problems.empty()) {
    out << "\n  skipped rows (" << d.problems.size() << " problem(s)):\n";
    for (const auto& p : d.problems) out << "    " << p.text() << "\n";
  }
  out << "\n";
}

const bool kRegistered = registerCommand(Command{
    "inspect-data", "Show a data file's format, counts, categories and problems", /*order=*/20,
    /*needsEngine=*/false, [](CLI::App& sub, const GlobalOptions&) {
      auto args = std::make_shared<InspectArgs>();
      sub.add_option("files", args->files, "Data files (JSONL or JSON array, optionally .gz)")
          ->required()
          ->check(CLI::ExistingFile);
      sub.add_flag("--json", args->json, "Print JSON");
      sub.add_flag("--skip-invalid", args->skipInvalid,
                   "Keep the valid rows and list every skipped one (default: refuse the file)");
      sub.add_option("--format", args->format, "auto, pku-saferlhf, pku-30k, dpo, hh-rlhf")
          ->default_val("auto");
      sub.add_option("--both-unsafe", args->bothUnsafe,
                     "Both-unsafe pairs in the safety-aware ordering: drop or keep_safer")
          ->default_val("drop");
      return std::function<int()>([args] {
        ImportOptions options;
        options.format = dataFormatFromString(args->format);
        options.skipInvalid = args->skipInvalid;
        options.bothUnsafe = bothUnsafePolicyFromString(args->bothUnsafe);
        int status = 0;
        nlohmann::json all = nlohmann::json::array();
        for (const auto& file : args->files) {
          try {
            const Dataset d = loadDataset(file, options);
            for (const auto& w : d.warnings)
              std::cerr << "catdpo inspect-data: warning: " << w.text() << "\n";
            if (args->json)
              all.push_back(datasetSummaryJson(d));
            else
              printDataset(std::cout, d, options.format != DataFormat::Auto);
          } catch (const Error& e) {
            status = 1;
            if (args->json) {
              all.push_back({{"path", file},
                             {"error", e.what()},
                             {"file", e.where().file},
                             {"line", e.where().line},
                             {"field", e.where().field}});
            } else {
              std::cerr << "catdpo inspect-data: " << file << " refused:\n" << e.what() << "\n\n";
            }
          }
        }
        if (args->json) printJson(std::cout, all);
        return status;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
