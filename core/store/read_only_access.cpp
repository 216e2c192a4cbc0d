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
  const bool noWriter = !fs::exists(absolute.string() + "-wal", ec);
  const bool frozen = noWriter || !writableByUs(absolute.parent_path());
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
