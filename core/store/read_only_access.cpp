// SPDX-License-Identifier: MIT
#include "store/read_only_access.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace catdpo::store {
namespace fs = std::filesystem;

bool writableByUs(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) return false;
  return ::access(path.c_str(), W_OK) == 0;
}

bool databaseNotWritable(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return false;
  fs::path folder = fs::absolute(path, ec).parent_path();
  return !writableByUs(path) || !writableByUs(folder);
}

std::string readOnlyUri(const fs::path& path, bool* immutable) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  // immutable=1 skips all locking and change detection: right only while nobody can write the
  // file. No -wal file means no writer at this instant, not for the life of the connection (a
  // sweep may start a run a second later), so it also needs a file nobody may write (no write
  // permission bit) or a folder we cannot write (SQLite could not create the -shm file a
  // read-only WAL reader needs, and could not open the database at all).
  const bool noWriterNow = !fs::exists(absolute.string() + "-wal", ec);
  struct stat st {};
  const bool noWriteBit =
      ::stat(absolute.c_str(), &st) == 0 && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0;
  const bool frozen = noWriterNow && (noWriteBit || !writableByUs(absolute.parent_path()));
  if (immutable) *immutable = frozen;
  std::string uri = "file:";
  char hex[4];
  for (const unsigned char c : absolute.string()) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '/' || c == '.' || c == '_' || c == '-' || c == '~';
    if (plain) {
      uri += static_cast<char>(c);
    } else {
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      uri += hex;
    }
  }
  uri += "?mode=ro";
  if (frozen) uri += "&immutable=1";
  return uri;
}

}  // namespace catdpo::store
