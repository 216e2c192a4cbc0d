// SPDX-License-Identifier: MIT
#include "common/paths.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

#include "common/error.h"

namespace catdpo {
namespace fs = std::filesystem;

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}
}  // namespace

fs::path userDataDir() {
  if (auto home = env("CATDPO_HOME"); !home.empty()) return fs::path(home);
  if (auto xdg = env("XDG_DATA_HOME"); !xdg.empty()) return fs::path(xdg) / "catdpo-studio";
  if (auto home = env("HOME"); !home.empty())
    return fs::path(home) / ".local" / "share" / "catdpo-studio";
  return fs::temp_directory_path() / "catdpo-studio";
}

fs::path defaultDatabasePath() {
  if (auto db = env("CATDPO_DB"); !db.empty()) return fs::path(db);
  return userDataDir() / "workspace.sqlite";
}

fs::path demoModelDir() {
  if (auto dir = env("CATDPO_DEMO_MODELS"); !dir.empty()) return fs::path(dir);
  return userDataDir() / "models" / "demo";
}

fs::path cacheDir() { return userDataDir() / "cache"; }

void writeFileAtomically(const fs::path& target, const std::string& contents) {
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  std::mt19937_64 rng(std::random_device{}());
  const fs::path tmp =
      target.string() + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(rng() % 1000000);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error("cannot write " + tmp.string() + " (permission or missing folder?)");
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.flush();
    if (!out) {
      out.close();
      fs::remove(tmp, ec);
      throw Error("writing " + target.string() + " failed (disk full?); the previous file is kept");
    }
  }
  if (FILE* f = std::fopen(tmp.c_str(), "rb")) {  // make the bytes durable before the rename
    fsync(fileno(f));
    std::fclose(f);
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw Error("cannot replace " + target.string() + ": " + ec.message());
  }
}

}  // namespace catdpo
