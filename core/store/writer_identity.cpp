// SPDX-License-Identifier: MIT
// Linux /proc based liveness. Where /proc is missing the checks degrade to kill(pid, 0).
#include "store/writer_identity.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>

namespace catdpo::store {

namespace {
std::string readFirstLine(const char* path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// Field 22 (starttime) of /proc/<pid>/stat, or -2 for a zombie (killed, not yet reaped: it
// writes nothing any more). The command name (field 2) may contain spaces and parentheses, so
// parsing starts after the last ')'.
std::int64_t processStartTicks(std::int64_t pid) {
  if (!plausiblePid(pid)) return -1;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(in)), {});
  const auto close = all.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(all.substr(close + 1));
  std::string field;
  for (int index = 3; rest >> field; ++index) {
    if (index == 3 && (field == "Z" || field == "X")) return -2;
    if (index == 22) {
      try {
        return std::stoll(field);
      } catch (...) {
        return -1;
      }
    }
  }
  return -1;
}
}  // namespace

bool plausiblePid(std::int64_t pid) { return pid > 0 && pid <= kMaxPid; }

WriterIdentity currentWriter() {
  WriterIdentity me;
  me.pid = static_cast<std::int64_t>(getpid());
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) == 0) me.host = host;
  me.bootId = readFirstLine("/proc/sys/kernel/random/boot_id");
  me.startTicks = processStartTicks(me.pid);
  return me;
}

bool writerAlive(const WriterIdentity& recorded, std::int64_t heartbeatMs, std::int64_t nowMs) {
  if (!plausiblePid(recorded.pid)) return false;  // none recorded, or a value no process has
  const WriterIdentity me = currentWriter();
  if (recorded.host != me.host) {
    // Another machine: only the heartbeat can tell.
    return heartbeatMs > 0 && nowMs - heartbeatMs < kRemoteHeartbeatTimeoutMs;
  }
  if (!recorded.bootId.empty() && !me.bootId.empty() && recorded.bootId != me.bootId)
    return false;  // this host rebooted since: every process of that boot is gone
  if (kill(static_cast<pid_t>(recorded.pid), 0) != 0 && errno == ESRCH) return false;
  if (recorded.startTicks >= 0) {
    const std::int64_t ticks = processStartTicks(recorded.pid);
    if (ticks == -2) return false;
    if (ticks >= 0 && ticks != recorded.startTicks) return false;  // pid reused by another process
  }
  return true;
}

std::int64_t unixMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string isoTimestamp(std::int64_t unixMs) {
  const std::time_t seconds = static_cast<std::time_t>(unixMs / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[40];
  const size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(unixMs % 1000));
  return buf;
}

}  // namespace catdpo::store
