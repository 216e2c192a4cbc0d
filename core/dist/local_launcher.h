// SPDX-License-Identifier: MIT
// `--nproc N` on one machine: starts N copies of this program as ranks 0..N-1 of one run
// (the environment any launcher sets: MASTER_ADDR=127.0.0.1, a free MASTER_PORT, WORLD_SIZE,
// RANK, LOCAL_RANK, LOCAL_WORLD_SIZE), forwards SIGINT/SIGTERM to them, and collects their
// exit codes. POSIX only; no LibTorch.
#pragma once

#include <string>
#include <vector>

namespace catdpo {

// The command line this process was started with (from /proc/self/cmdline).
std::vector<std::string> ownCommandLine();

// Runs `/proc/self/exe args[1..]` N times with the rank variables set and waits for all.
// Returns rank 0's exit code if it failed, else the first failing rank's, else 0 (a rank killed
// by signal S counts as 128 + S). When one rank fails, the others get `graceSeconds` to notice
// and exit on their own before they are killed.
int runLocalRanks(int nproc, const std::vector<std::string>& args, int graceSeconds = 60);

}  // namespace catdpo
