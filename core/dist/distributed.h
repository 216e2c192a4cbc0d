// SPDX-License-Identifier: MIT
// Joining a data-parallel run: the rank, world size and rendezvous address come from the
// environment any launcher sets (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK),
// the connection is torch's own c10d (a TCPStore on rank 0, Gloo process groups on the CPU,
// NCCL with a CUDA LibTorch). No LibTorch in this header.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "train/collective.h"

namespace catdpo {

struct DistEnvironment {
  std::string masterAddr = "127.0.0.1";
  int masterPort = 29500;
  int worldSize = 1;
  int rank = 0;
  int localRank = 0;
  int localWorldSize = 1;
};

// The run's ranks from the environment; nullopt when WORLD_SIZE is unset. Throws catdpo::Error
// on inconsistent values (RANK outside 0..WORLD_SIZE-1, a missing MASTER_PORT, ...).
std::optional<DistEnvironment> distEnvironmentFromEnv();

struct DistOptions {
  // Longest wait for a collective or the rendezvous (CATDPO_DIST_TIMEOUT, seconds, overrides).
  std::chrono::seconds timeout{1800};
  // "gloo", "nccl" (CUDA builds only) or "auto" (NCCL when the model is on a GPU).
  std::string backend = "auto";
  bool cuda = false;  // the model runs on a CUDA device (picks NCCL under "auto")
};

// Connects to the other ranks (blocks until all have joined or the timeout passes).
std::shared_ptr<Collective> connectCollective(const DistEnvironment& env,
                                              const DistOptions& options);

// The backends this build can use, e.g. "gloo" or "gloo, nccl".
std::string availableDistBackends();

}  // namespace catdpo
