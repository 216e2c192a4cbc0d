// SPDX-License-Identifier: MIT
#include <cstdlib>
#include <string>

#include "common/error.h"
#include "dist/distributed.h"

namespace catdpo {
namespace {
std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}
int intEnv(const char* name, int fallback, bool required) {
  const auto v = env(name);
  if (!v) {
    if (required) throw Error(std::string(name) + " is not set (a data-parallel run needs it)");
    return fallback;
  }
  try {
    std::size_t used = 0;
    const int n = std::stoi(*v, &used);
    if (used != v->size()) throw std::invalid_argument(*v);
    return n;
  } catch (const std::exception&) {
    throw Error(std::string(name) + " must be an integer, got '" + *v + "'");
  }
}
}  // namespace

std::optional<DistEnvironment> distEnvironmentFromEnv() {
  if (!env("WORLD_SIZE")) return std::nullopt;
  DistEnvironment e;
  e.worldSize = intEnv("WORLD_SIZE", 1, true);
  if (e.worldSize < 1) throw Error("WORLD_SIZE must be at least 1");
  e.rank = intEnv("RANK", 0, e.worldSize > 1);
  if (e.rank < 0 || e.rank >= e.worldSize)
    throw Error("RANK " + std::to_string(e.rank) + " is outside 0.." +
                std::to_string(e.worldSize - 1));
  e.localRank = intEnv("LOCAL_RANK", e.rank, false);
  e.localWorldSize = intEnv("LOCAL_WORLD_SIZE", e.worldSize, false);
  if (e.localWorldSize < 1) e.localWorldSize = 1;
  if (auto addr = env("MASTER_ADDR")) e.masterAddr = *addr;
  e.masterPort = intEnv("MASTER_PORT", 29500, e.worldSize > 1);
  if (e.masterPort <= 0 || e.masterPort > 65535)
    throw Error("MASTER_PORT " + std::to_string(e.masterPort) + " is not a TCP port");
  return e;
}

}  // namespace catdpo
