// SPDX-License-Identifier: MIT
#include "cli/command_registry.h"

#include <algorithm>

namespace catdpo::cli {

std::vector<Command>& registeredCommands() {
  static std::vector<Command> commands;
  return commands;
}

bool registerCommand(Command command) {
  auto& all = registeredCommands();
  all.push_back(std::move(command));
  std::stable_sort(all.begin(), all.end(),
                   [](const Command& a, const Command& b) { return a.order < b.order; });
  return true;
}

}  // namespace catdpo::cli
