// SPDX-License-Identifier: MIT
#include "common/durable_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "common/error.h"
#include "common/sha256.h"

namespace catdpo {
namespace fs = std::filesystem;

void syncPath(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw Error(std::string("cannot open to sync: ") + std::strerror(errno),
                ErrorLocation{path.string(), 0, ""});
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  // Some file systems cannot sync a folder (EINVAL); the data files were synced already.
  if (rc != 0 && err != EINVAL)
    throw Error(std::string("cannot write to disk (fsync): ") + std::strerror(err),
                ErrorLocation{path.string(), 0, ""});
}

void syncTree(const fs::path& root) {
  std::vector<fs::path> folders{root};
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_symlink()) continue;
    if (entry.is_directory())
      folders.push_back(entry.path());
    else if (entry.is_regular_file())
      syncPath(entry.path());
  }
  // Deepest folders first, the root last.
  std::sort(folders.begin(), folders.end(),
            [](const fs::path& a, const fs::path& b) { return a.string() > b.string(); });
  for (const fs::path& f : folders) syncPath(f);
}

void replaceFolder(const fs::path& staged, const fs::path& target) {
  fs::path parent = target.parent_path();
  if (parent.empty()) parent = ".";
  std::error_code ec;
  fs::path aside;
  if (fs::exists(target, ec)) {
    std::mt19937_64 rng(std::random_device{}());
    aside = parent / ("." + target.filename().string() + ".old-" + std::to_string(::getpid()) +
                      "-" + std::to_string(rng() % 1000000));
    fs::rename(target, aside, ec);
    if (ec)
      throw Error("cannot move the previous folder aside: " + ec.message(),
                  ErrorLocation{target.string(), 0, ""});
  }
  fs::rename(staged, target, ec);
  if (ec) {
    std::error_code ignored;
    if (!aside.empty()) fs::rename(aside, target, ignored);
    throw Error("cannot move the new folder into place: " + ec.message(),
                ErrorLocation{target.string(), 0, ""});
  }
  syncPath(parent);  // the rename itself is durable before the old copy goes
  if (!aside.empty()) {
    fs::remove_all(aside, ec);
    syncPath(parent);
  }
}

std::string fileSha256(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot read file", ErrorLocation{file.string(), 0, ""});
  Sha256 h;
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    h.update(buf.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw Error("cannot read file", ErrorLocation{file.string(), 0, ""});
  return h.hexDigest();
}

std::string writeManifest(const fs::path& root, const std::string& manifestName) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.is_symlink()) continue;
    const std::string rel = entry.path().lexically_relative(root).generic_string();
    if (rel != manifestName) files.push_back(rel);
  }
  std::sort(files.begin(), files.end());
  std::string text;
  for (const std::string& rel : files) text += fileSha256(root / rel) + "  " + rel + "\n";
  {
    std::ofstream out(root / manifestName, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out)
      throw Error("cannot write the checksum list",
                  ErrorLocation{(root / manifestName).string(), 0, ""});
  }
  syncPath(root / manifestName);
  return sha256Hex(text);
}

std::optional<std::string> verifyManifest(const fs::path& root, const std::string& manifestName,
                                          const std::string& expectedSha) {
  const fs::path manifest = root / manifestName;
  std::error_code ec;
  if (!fs::is_regular_file(manifest, ec))
    return "its checksum list " + manifestName + " is missing";
  std::string text;
  {
    std::ifstream in(manifest, std::ios::binary);
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
  }
  if (!expectedSha.empty() && sha256Hex(text) != expectedSha)
    return "its checksum list does not match the one recorded when it was written";
  std::istringstream lines(text);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    if (line.size() < 67 || line.compare(64, 2, "  ") != 0) return "its checksum list is malformed";
    const std::string sha = line.substr(0, 64);
    const std::string rel = line.substr(66);
    const fs::path file = (root / rel).lexically_normal();
    const fs::path back = file.lexically_relative(root);
    if (rel.empty() || back.empty() || *back.begin() == ".." || back.is_absolute())
      return "its checksum list names a file outside the folder";
    if (!fs::is_regular_file(file, ec)) return "the file " + rel + " is missing";
    try {
      if (fileSha256(file) != sha) return "the file " + rel + " is damaged (checksum mismatch)";
    } catch (const Error&) {
      return "the file " + rel + " cannot be read";
    }
    ++count;
  }
  if (count == 0) return "its checksum list is empty";
  return std::nullopt;
}

}  // namespace catdpo
