// SPDX-License-Identifier: MIT
// `catdpo`: the headless front end of Cat-DPO Studio. Parses the command line with CLI11,
// runs the BLAS speed check before anything that trains or evaluates, then one subcommand.
#include <iostream>
#include <map>

#include "cli/command_registry.h"
#include "common/blas_check.h"
#include "common/build_info.h"
#include "common/error.h"
#include "common/heap_policy.h"
#include "common/openmp_env.h"
#include "common/version.h"

int main(int argc, char** argv) {
  using namespace catdpo;
  preferPassiveOpenMpWait(argv);
  keepFreedHeapMemory();
  CLI::App app{std::string(kAppName) + " command line: " + kDescription, "catdpo"};
  app.require_subcommand(1);
  app.set_version_flag("--version", [] { return versionLine(); });
  cli::GlobalOptions global;
  app.add_option("--db", global.db,
                 "Workspace database (SQLite); default: the user data directory, or $CATDPO_DB");
  app.add_flag("-q,--quiet", global.quiet, "Only print results and errors");
  app.add_flag("--no-blas-check", global.noBlasCheck,
               "Skip the start-up check for a slow (reference) BLAS");
  app.footer("Run 'catdpo <command> --help' for a command's options.");
  // The global options may also follow the subcommand (`catdpo train --demo --db w.db`): a
  // subcommand hands the options it does not know to the top level.
  app.fallthrough();

  std::map<CLI::App*, std::pair<std::function<int()>, bool>> runners;
  for (const auto& command : cli::registeredCommands()) {
    CLI::App* sub = app.add_subcommand(command.name, command.description);
    runners[sub] = {command.setup(*sub, global), command.needsEngine};
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  for (CLI::App* sub : app.get_subcommands()) {
    auto& [run, needsEngine] = runners.at(sub);
    try {
      if (needsEngine && !global.noBlasCheck) {
        if (auto warning = blasWarning(probeBlas())) std::cerr << *warning << "\n";
      }
      return run();
    } catch (const std::exception& e) {
      std::cerr << "catdpo " << sub->get_name() << ": error: " << e.what() << "\n";
      return 1;
    }
  }
  return 0;
}
