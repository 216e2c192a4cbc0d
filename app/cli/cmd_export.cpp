// SPDX-License-Identifier: MIT
// `catdpo export RUN --csv DIR | --json FILE`: one run with everything it owns, as one CSV file
// per table in a folder or as one JSON document (which `catdpo import` reads back).
#include <iostream>

#include "cli/command_registry.h"
#include "cli/view_store.h"
#include "common/error.h"
#include "common/paths.h"
#include "store/run_export.h"
#include "store/run_store.h"

namespace catdpo::cli {
namespace {

struct ExportOptions {
  std::string run, csv, json;
  bool readOnly = false, includeWriter = false;
};

const bool kRegistered = registerCommand(
    Command{"export", "Export a run to CSV files (one per table) or one JSON file", /*order=*/330,
            /*needsEngine=*/false, [](CLI::App& sub, const GlobalOptions& global) {
              auto opt = std::make_shared<ExportOptions>();
              sub.add_option("RUN", opt->run, "Run id, unique id prefix or name")->required();
              auto* csv = sub.add_option("--csv", opt->csv, "Folder to write the CSV files into");
              auto* json = sub.add_option("--json", opt->json, "JSON file to write");
              csv->excludes(json);
              addReadOnlyFlag(sub, opt->readOnly);
              sub.add_flag("--include-writer", opt->includeWriter,
                           "Also export who trained the run: host name, boot id, process id and "
                           "heartbeat (left out by default)");
              return std::function<int()>([opt, &global] {
                if (opt->csv.empty() == opt->json.empty())
                  throw Error("give either --csv DIR or --json FILE", {"", 0, "--csv/--json"});
                const std::unique_ptr<RunStore> opened = openForViewing(global, opt->readOnly);
                RunStore& store = *opened;
                const RunRecord run = store.resolveRun(opt->run);
                RunExportOptions options;
                options.includeWriter = opt->includeWriter;
                if (!opt->json.empty()) {
                  exportRunJsonFile(store, run.id, opt->json, options);
                  if (!global.quiet)
                    std::cout << "Exported run " << run.id << " to " << opt->json << "\n";
                  return 0;
                }
                const auto files = exportRunCsv(store, run.id, opt->csv, options);
                if (!global.quiet)
                  std::cout << "Exported run " << run.id << " to " << files.size()
                            << " CSV files in " << opt->csv << "\n";
                return 0;
              });
            }});

}  // namespace
}  // namespace catdpo::cli
