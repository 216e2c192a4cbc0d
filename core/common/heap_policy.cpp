// SPDX-License-Identifier: MIT
#include "common/heap_policy.h"

#include <malloc.h>

#include <cstdlib>
#include <cstring>

namespace catdpo {

namespace {
constexpr int kMmapThreshold = 1 << 30;     // 1 GiB (mallopt takes an int)
constexpr int kTrimThreshold = 0x7fffffff;  // 2 GiB - 1
bool gApplied = false;

// The user's own allocator settings, if any (empty when none).
std::string userSetting() {
  if (const char* t = std::getenv("GLIBC_TUNABLES"); t && std::strstr(t, "glibc.malloc."))
    return std::string("GLIBC_TUNABLES=") + t;
  for (const char* name : {"MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_",
                           "MALLOC_MMAP_MAX_", "MALLOC_ARENA_MAX"})
    if (const char* v = std::getenv(name)) return std::string(name) + "=" + v;
  return {};
}
}  // namespace

bool keepFreedHeapMemory() {
  if (!userSetting().empty()) return false;
  // Both or neither: a large mmap threshold alone still trims (and faults in again) the heap
  // top; a large trim threshold alone turns off glibc's adaptive mmap threshold and leaves it
  // at 128 KiB, which is far worse than the default.
  if (::mallopt(M_MMAP_THRESHOLD, kMmapThreshold) != 1) return false;
  if (::mallopt(M_TRIM_THRESHOLD, kTrimThreshold) != 1) return false;
  // One arena for every thread. A thread's own arena grows in heaps of at most 64 MiB, and a
  // heap that becomes entirely free is unmapped whatever the trim threshold, so a training
  // step on a worker thread (the app's) faulted its memory in again every step and ran up to
  // 40% slower than the same step on the main thread.
  if (::mallopt(M_ARENA_MAX, 1) != 1) return false;
  gApplied = true;
  return true;
}

void releaseFreedHeapMemory() { ::malloc_trim(0); }

std::string heapPolicyDescription() {
  if (gApplied)
    return "freed memory kept (one arena, blocks up to 1 GiB from the heap; trimmed when a run "
           "ends)";
  if (const std::string user = userSetting(); !user.empty())
    return "set by the user (" + user + ")";
  return "C library default";
}

}  // namespace catdpo
