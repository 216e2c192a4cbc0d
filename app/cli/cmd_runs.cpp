// SPDX-License-Identifier: MIT
// `catdpo runs`: the runs of the workspace database, newest first, with filters. Opens the
// database read-write so runs whose writer died show as interrupted rather than running
// (read-only with --read-only, or when it is not writable).
#include <iostream>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "cli/view_store.h"
#include "common/paths.h"
#include "store/run_json.h"
#include "store/run_location.h"
#include "store/run_store.h"

namespace catdpo::cli {
namespace {

struct RunsOptions {
  bool json = false, readOnly = false;
  std::string method, status, tag, sweep, search;
  int limit = 0;
};

std::string shortTime(const std::string& iso) {
  // 2026-11-23T19:24:41.123Z -> 2026-11-23 19:24
  return iso.size() >= 16 ? iso.substr(0, 10) + " " + iso.substr(11, 5) : iso;
}

const bool kRegistered = registerCommand(Command{
    "runs", "List the runs in the workspace database", /*order=*/300, /*needsEngine=*/false,
    [](CLI::App& sub, const GlobalOptions& global) {
      auto opt = std::make_shared<RunsOptions>();
      sub.add_flag("--json", opt->json, "Print JSON");
      sub.add_option("--method", opt->method, "Only runs of this method (e.g. catdpo)");
      sub.add_option("--status", opt->status,
                     "Only runs with this status (running, finished, interrupted, ...)");
      sub.add_option("--tag", opt->tag, "Only runs with this tag");
      sub.add_option("--sweep", opt->sweep, "Only runs of this sweep id");
      sub.add_option("--search", opt->search, "Text in the id, name, method, notes or tags");
      sub.add_option("--limit", opt->limit, "At most this many runs (newest first)");
      addReadOnlyFlag(sub, opt->readOnly);
      return std::function<int()>([opt, &global] {
        const std::unique_ptr<RunStore> opened = openForViewing(global, opt->readOnly);
        RunStore& store = *opened;
        const std::filesystem::path db = store.path();
        RunFilter filter;
        filter.method = opt->method;
        if (!opt->status.empty()) filter.status = runStatusFromString(opt->status);
        filter.tag = opt->tag;
        filter.sweepId = opt->sweep;
        filter.text = opt->search;
        filter.limit = opt->limit;
        const auto runs = store.listRuns(filter);
        if (opt->json) {
          nlohmann::json out = nlohmann::json::array();
          for (const RunRecord& r : runs) out.push_back(runToJson(r));
          printJson(std::cout, out);
          return 0;
        }
        if (runs.empty()) {
          std::cout << "No runs in " << db.string() << "\n";
          return 0;
        }
        TextTable table;
        table.header = {"ID", "NAME", "METHOD", "STATUS", "STEP", "CREATED (UTC)", "TAGS"};
        table.rightAlign = {false, false, false, false, true, false, false};
        for (const RunRecord& r : runs) {
          std::string tags;
          for (const auto& t : r.tags) tags += (tags.empty() ? "" : ",") + t;
          std::string step = std::to_string(r.lastStep);
          if (r.totalSteps > 0) step += "/" + std::to_string(r.totalSteps);
          // Imported runs may carry any text: shown escaped (no terminal control sequences).
          table.rows.push_back({escapeForDisplay(r.id.substr(0, 8)), escapeForDisplay(r.name, 60),
                                escapeForDisplay(r.method, 30), toString(r.status), step,
                                escapeForDisplay(shortTime(r.createdAt), 30),
                                escapeForDisplay(tags, 80)});
        }
        table.print(std::cout);
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
