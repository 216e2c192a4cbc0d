// SPDX-License-Identifier: MIT
// `catdpo import OTHER`: adds the runs of another run database (e.g. from a GPU server) or of
// a JSON export to the workspace, skipping runs already present (same run id).
#include <iostream>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "common/paths.h"
#include "store/run_export.h"
#include "store/run_store.h"
#include "store/workspace.h"

namespace catdpo::cli {
namespace {

struct ImportOptions {
  std::string file;
  bool json = false;
};

const bool kRegistered = registerCommand(Command{
    "import", "Import runs from another run database or a JSON export (deduplicated by id)",
    /*order=*/340, /*needsEngine=*/false, [](CLI::App& sub, const GlobalOptions& global) {
      auto opt = std::make_shared<ImportOptions>();
      sub.add_option("OTHER", opt->file, "Run database (.sqlite/.db) or JSON export")->required();
      sub.add_flag("--json", opt->json, "Print JSON");
      return std::function<int()>([opt, &global] {
        const std::filesystem::path db = workspaceDatabasePath(global.db);
        RunStore store(db);
        const ImportReport report = importRuns(store, opt->file);
        if (opt->json) {
          printJson(std::cout, {{"imported", report.imported},
                                {"skipped", report.skipped},
                                {"notes", report.notes}});
          return 0;
        }
        std::cout << "Imported " << report.imported.size() << " run(s); skipped "
                  << report.skipped.size() << " already in " << db.string() << "\n";
        if (!global.quiet)
          for (const auto& id : report.imported) std::cout << "  + " << id << "\n";
        // What the import changed so that the runs stay data, not instructions.
        for (const auto& note : report.notes) std::cout << "  note: " << note << "\n";
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
