// SPDX-License-Identifier: MIT
// Subcommands register themselves here (one cli/cmd_*.cpp each), so adding a command never
// touches main.cpp. Registration happens during static initialisation of this executable.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace catdpo::cli {

// Options every subcommand can read after parsing.
struct GlobalOptions {
  std::string db;      // --db PATH; empty = the default workspace database
  bool quiet = false;  // --quiet: no progress lines, no BLAS warning
  bool noBlasCheck = false;
};

struct Command {
  std::string name;
  std::string description;
  int order = 100;          // position in --help
  bool needsEngine = true;  // loads LibTorch: the BLAS check runs before it
  // Declares the subcommand's options on `sub` and returns the function that runs it and
  // gives the process exit code. Captured state lives in the closure.
  std::function<std::function<int()>(CLI::App& sub, const GlobalOptions& global)> setup;
};

bool registerCommand(Command command);
std::vector<Command>& registeredCommands();

}  // namespace catdpo::cli
