// SPDX-License-Identifier: MIT
// Peak memory of the two programs as users run them, each in a child process with a workspace
// of its own: a demo training run (`catdpo train --demo`, or --quick; peak RSS from wait4's
// rusage) and the idle desktop app (`catdpo-studio` on the offscreen platform, left alone for
// a few seconds, then its VmHWM read from /proc/<pid>/status and the process terminated).
// Prints a table and writes JSON (--json PATH). No LibTorch, no Qt.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "bench_json.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

struct Child {
  pid_t pid = -1;
};

// Starts `argv` with `env` added to this process's environment, output to `log`.
Child spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env,
            const fs::path& log) {
  Child c;
  c.pid = fork();
  if (c.pid != 0) return c;
  for (const std::string& kv : env) putenv(strdup(kv.c_str()));
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    dup2(fd, 1);
    dup2(fd, 2);
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  std::perror("execv");
  _exit(127);
}

// kB of a "Name:  123 kB" line of /proc/<pid>/status, or -1.
long statusKb(pid_t pid, const char* field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  const std::string key = std::string(field) + ":";
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::strtol(line.c_str() + key.size(), nullptr, 10);
  return -1;
}

json measureTraining(const std::string& exe, const fs::path& home, const fs::path& demoModels,
                     int steps, bool quick) {
  if (!fs::exists(exe)) return {{"skipped", exe + " is not built"}};
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> argv{
      exe,      "--db",  (home / "train.sqlite").string(), "--quiet", "train",
      "--demo", "--out", (home / "train-run").string()};
  if (quick) argv.push_back("--quick");
  if (steps > 0) {
    argv.push_back("--steps");
    argv.push_back(std::to_string(steps));
  }
  const Child c = spawn(argv,
                        {"CATDPO_HOME=" + (home / "train-home").string(),
                         "CATDPO_DEMO_MODELS=" + demoModels.string()},
                        home / "train.log");
  int status = 0;
  rusage usage{};
  wait4(c.pid, &status, 0, &usage);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  json out = {{"command", std::string("catdpo train --demo") + (quick ? " --quick" : "") +
                              (steps > 0 ? " --steps " + std::to_string(steps) : std::string())},
              {"peak_rss_mib", static_cast<double>(usage.ru_maxrss) / 1024.0},
              {"seconds", seconds},
              {"exit_ok", ok}};
  if (!ok) out["log"] = (home / "train.log").string();
  return out;
}

// The reference log-prob cache files the training run wrote: header (8-byte magic, 8-byte pair
// count n), then 2n values; bytes per pair and response = file size / 2n.
json measureReferenceCache(const fs::path& folder) {
  json files = json::array();
  double worst = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.path().extension() != ".bin") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    char magic[8];
    std::uint64_t n = 0;
    in.read(magic, sizeof magic);
    in.read(reinterpret_cast<char*>(&n), sizeof n);
    if (!in || n == 0) continue;
    const double bytes = static_cast<double>(fs::file_size(entry.path()));
    const double perResponse = bytes / (2.0 * static_cast<double>(n));
    worst = std::max(worst, perResponse);
    files.push_back({{"file", entry.path().filename().string()},
                     {"pairs", n},
                     {"bytes", bytes},
                     {"bytes_per_pair_and_response", perResponse}});
  }
  if (files.empty()) return {{"skipped", "no reference cache under " + folder.string()}};
  return {{"files", files}, {"bytes_per_pair_and_response", worst}};
}

json measureIdleApp(const std::string& exe, const fs::path& home, double seconds) {
  if (!fs::exists(exe)) return {{"skipped", exe + " is not built"}};
  const Child c = spawn({exe},
                        {"CATDPO_HOME=" + (home / "studio-home").string(),
                         "QT_QPA_PLATFORM=offscreen", "HOME=" + (home / "studio-home").string(),
                         "XDG_CONFIG_HOME=" + (home / "studio-home" / "config").string()},
                        home / "studio.log");
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  const long hwm = statusKb(c.pid, "VmHWM");
  const long rss = statusKb(c.pid, "VmRSS");
  int status = 0;
  const bool alive = waitpid(c.pid, &status, WNOHANG) == 0;
  if (alive) {
    kill(c.pid, SIGTERM);
    for (int i = 0; i < 50 && waitpid(c.pid, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (waitpid(c.pid, &status, WNOHANG) == 0) {
      kill(c.pid, SIGKILL);
      waitpid(c.pid, &status, 0);
    }
  }
  if (!alive || hwm < 0)
    return {{"skipped", "catdpo-studio ended early (see " + (home / "studio.log").string() + ")"}};
  return {{"command", "QT_QPA_PLATFORM=offscreen catdpo-studio (idle)"},
          {"after_seconds", seconds},
          {"peak_rss_mib", static_cast<double>(hwm) / 1024.0},
          {"rss_mib", static_cast<double>(rss) / 1024.0}};
}

}  // namespace

int main(int argc, char** argv) {
  std::string jsonPath = CATDPO_BENCH_OUTPUT_DIR "/bench_memory.json";
  int steps = 0;  // 0: the demo's own step count
  double idleSeconds = 5;
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json" && i + 1 < argc)
      jsonPath = argv[++i];
    else if (a == "--steps" && i + 1 < argc)
      steps = std::atoi(argv[++i]);
    else if (a == "--idle-seconds" && i + 1 < argc)
      idleSeconds = std::atof(argv[++i]);
    else if (a == "--quick")
      quick = true;
    else if (a == "--smoke")
      steps = 2, idleSeconds = 2, quick = true;
    else {
      std::printf(
          "usage: bench_memory [--json PATH] [--steps N] [--quick] [--idle-seconds S] [--smoke]\n");
      return a == "--help" ? 0 : 2;
    }
  }
  const fs::path home = fs::path(CATDPO_BENCH_OUTPUT_DIR) / "memory-home";
  fs::remove_all(home);
  fs::create_directories(home);
  const char* models = std::getenv("CATDPO_DEMO_MODELS");
  const fs::path demoModels =
      models && *models ? fs::path(models) : fs::path(CATDPO_DEMO_MODELS_DEFAULT);

  const json train = measureTraining(CATDPO_CLI_EXE, home, demoModels, steps, quick);
  const json cache = measureReferenceCache(home / "train-home" / "cache" / "reference");
  const json idle = measureIdleApp(CATDPO_STUDIO_EXE, home, idleSeconds);
  std::printf("%-52s %14s\n", "process", "peak RSS MiB");
  for (const json* r : {&train, &idle}) {
    if (r->contains("skipped"))
      std::printf("%-52s %14s  (%s)\n", "-", "skipped", (*r)["skipped"].get<std::string>().c_str());
    else
      std::printf("%-52s %14.1f\n", (*r)["command"].get<std::string>().c_str(),
                  (*r)["peak_rss_mib"].get<double>());
  }
  if (cache.contains("skipped"))
    std::printf("reference cache: %s\n", cache["skipped"].get<std::string>().c_str());
  else
    std::printf("reference cache: %.2f bytes per pair and response (largest of %zu files)\n",
                cache["bytes_per_pair_and_response"].get<double>(), cache["files"].size());
  if (train.contains("exit_ok") && !train["exit_ok"].get<bool>())
    std::printf("the training run failed, see %s\n", train["log"].get<std::string>().c_str());
  const json root = {{"benchmark", "memory"},
                     {"demo_training", train},
                     {"idle_app", idle},
                     {"reference_cache", cache}};
  return catdpo::bench::writeJson(jsonPath, root);
}
