// SPDX-License-Identifier: MIT
// Who is writing a run: process id, host name, boot id and the process's start time. A pid alone
// is not enough (pids are reused, and a reboot resets them), so a run's writer counts as alive
// only when the same host, the same boot and a process with the same pid and start time exist.
#pragma once

#include <cstdint>
#include <string>

namespace catdpo::store {

struct WriterIdentity {
  std::int64_t pid = 0;
  std::string host;
  std::string bootId;            // /proc/sys/kernel/random/boot_id; empty where unavailable
  std::int64_t startTicks = -1;  // field 22 of /proc/<pid>/stat; -1 where unavailable
};

// This process.
WriterIdentity currentWriter();

// Linux never hands out pids above 2^22 (PID_MAX_LIMIT). A stored pid outside 1..kMaxPid (from
// an import or a damaged row) is no process: 2^32-1 must never reach kill() as -1.
inline constexpr std::int64_t kMaxPid = std::int64_t{1} << 22;
bool plausiblePid(std::int64_t pid);

// How long a writer on another host may stay silent before its run counts as interrupted.
// Steps and lifecycle events refresh the heartbeat; a single step longer than this on another
// machine sharing the database would be misjudged, which is why same-host checks use pids.
inline constexpr std::int64_t kRemoteHeartbeatTimeoutMs = 15 * 60 * 1000;

// True when the recorded writer is (or, on another host, may still be) alive. `heartbeatMs` is
// the last heartbeat in Unix milliseconds (0 when unknown), `nowMs` the current time.
bool writerAlive(const WriterIdentity& recorded, std::int64_t heartbeatMs, std::int64_t nowMs);

std::int64_t unixMillis();
// ISO 8601 UTC with milliseconds, e.g. 2026-11-23T19:24:41.123Z (sorts as text).
std::string isoTimestamp(std::int64_t unixMs);

}  // namespace catdpo::store
