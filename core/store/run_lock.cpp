// SPDX-License-Identifier: MIT
#include "store/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/error.h"
#include "store/run_location.h"
#include "store/writer_identity.h"

namespace catdpo {
namespace fs = std::filesystem;

RunWriterLock::RunWriterLock(const fs::path& folder, const std::string& runId)
    : m_file(folder / "writer.lock") {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec)
    throw Error("cannot create the run folder: " + ec.message(),
                ErrorLocation{folder.string(), 0, ""});
  // O_NOFOLLOW: a planted symlink must not make us truncate another file.
  // The run folder's lock file, never a database (store-check: not a database file).
  m_fd = ::open(m_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (m_fd < 0)
    throw Error(std::string("cannot open the run's lock file: ") + std::strerror(errno),
                ErrorLocation{m_file.string(), 0, ""});
  if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    char holder[256] = {};
    const ssize_t got = ::pread(m_fd, holder, sizeof holder - 1, 0);
    ::close(m_fd);
    m_fd = -1;
    std::string who = got > 0 ? std::string(holder, static_cast<std::size_t>(got)) : "";
    while (!who.empty() && (who.back() == '\n' || who.back() == '\r')) who.pop_back();
    if (err == EWOULDBLOCK)
      throw Error("run " + runId + " is being written by another process (" +
                      (who.empty() ? std::string("unknown") : escapeForDisplay(who, 120)) +
                      "); a second writer would mix its steps and checkpoints with that one's. "
                      "Stop it first (Ctrl-C lets it save a checkpoint), then resume",
                  ErrorLocation{m_file.string(), 0, ""});
    throw Error(std::string("cannot lock the run folder: ") + std::strerror(err),
                ErrorLocation{m_file.string(), 0, ""});
  }
  const store::WriterIdentity me = store::currentWriter();
  const std::string text = "pid " + std::to_string(me.pid) + " on host " + me.host + "\n";
  if (::ftruncate(m_fd, 0) == 0) {
    if (::pwrite(m_fd, text.data(), text.size(), 0) < 0) {
      // The lock holds without the note; only the message to a second writer is poorer.
    }
  }
}

RunWriterLock::~RunWriterLock() {
  if (m_fd >= 0) ::close(m_fd);  // releases the lock; the file stays (it is only a name tag)
}

}  // namespace catdpo
