// SPDX-License-Identifier: MIT
#include "store/workspace.h"

#include "common/paths.h"

namespace catdpo {

std::filesystem::path workspaceDatabasePath(const std::string& chosen) {
  return chosen.empty() ? defaultDatabasePath() : std::filesystem::path(chosen);
}

}  // namespace catdpo
