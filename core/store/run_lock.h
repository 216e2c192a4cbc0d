// SPDX-License-Identifier: MIT
// One writer per run folder: an exclusive flock() on <folder>/writer.lock, held while a process
// trains the run (the kernel drops it when the process ends, however it ends). The lock file
// names its holder (pid and host), so a second writer is refused with who is writing. The run
// database row is the other half (RunStore::claimRun refuses a run whose writer is alive), for
// machines that share a database but not a file system with working locks.
#pragma once

#include <filesystem>
#include <string>

namespace catdpo {

class RunWriterLock {
 public:
  // Creates `folder` if needed and locks it for this process; throws catdpo::Error naming the
  // process that holds it ("run X is being written by pid P on host H") otherwise.
  RunWriterLock(const std::filesystem::path& folder, const std::string& runId);
  ~RunWriterLock();
  RunWriterLock(const RunWriterLock&) = delete;
  RunWriterLock& operator=(const RunWriterLock&) = delete;

  const std::filesystem::path& file() const { return m_file; }

 private:
  std::filesystem::path m_file;
  int m_fd = -1;
};

}  // namespace catdpo
