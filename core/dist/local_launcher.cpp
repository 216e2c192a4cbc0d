// SPDX-License-Identifier: MIT
// The ranks run in a process group of their own, so a terminal's Ctrl-C reaches only this
// launcher, which forwards it once to every rank (first: stop with a checkpoint, second:
// cancel), exactly as a single process would see it. PR_SET_PDEATHSIG ends the ranks if the
// launcher itself is killed.
#include "dist/local_launcher.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <thread>

#include "common/error.h"
#include "dist/dist_token.h"

namespace catdpo {
namespace {

std::atomic<int> g_pendingInt{0};
std::atomic<int> g_pendingTerm{0};

void onSignal(int sig) {
  if (sig == SIGINT)
    g_pendingInt.fetch_add(1);
  else
    g_pendingTerm.fetch_add(1);
}

int freeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw Error("cannot open a socket to pick a free port");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw Error("cannot pick a free port on 127.0.0.1");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

int exitCodeOf(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace

std::vector<std::string> ownCommandLine() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  std::string cur;
  for (char ch : all) {
    if (ch == '\0') {
      args.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) args.push_back(cur);
  if (args.empty()) throw Error("cannot read this program's command line");
  return args;
}

int runLocalRanks(int nproc, const std::vector<std::string>& args, int graceSeconds) {
  if (nproc < 1) throw Error("--nproc must be at least 1");
  const int port = freeLoopbackPort();
  // The ranks' shared secret for the rendezvous store: the user's, or a fresh one per launch.
  const char* given = std::getenv(dist::kDistTokenVariable);
  const std::string token = given && *given ? std::string(given) : dist::newDistToken();
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const pid_t parent = ::getpid();
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  struct sigaction sa {};
  sa.sa_handler = onSignal;
  sigemptyset(&sa.sa_mask);
  struct sigaction oldInt {
  }, oldTerm{};
  ::sigaction(SIGINT, &sa, &oldInt);
  ::sigaction(SIGTERM, &sa, &oldTerm);

  std::vector<pid_t> pids(static_cast<std::size_t>(nproc), -1);
  std::vector<int> codes(static_cast<std::size_t>(nproc), -1);
  for (int r = 0; r < nproc; ++r) {
    const pid_t pid = ::fork();
    if (pid < 0) {
      for (pid_t p : pids)
        if (p > 0) ::kill(p, SIGKILL);
      throw Error("cannot start rank " + std::to_string(r));
    }
    if (pid == 0) {
      ::setpgid(0, 0);
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() != parent) ::_exit(1);
      ::signal(SIGINT, SIG_DFL);
      ::signal(SIGTERM, SIG_DFL);
      ::setenv("MASTER_ADDR", "127.0.0.1", 1);
      ::setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
      ::setenv("WORLD_SIZE", std::to_string(nproc).c_str(), 1);
      ::setenv("RANK", std::to_string(r).c_str(), 1);
      ::setenv("LOCAL_RANK", std::to_string(r).c_str(), 1);
      ::setenv("LOCAL_WORLD_SIZE", std::to_string(nproc).c_str(), 1);
      ::setenv(dist::kDistTokenVariable, token.c_str(), 1);
      // The ranks share this machine's cores (a resumed run's config cannot say so itself).
      if (std::getenv("OMP_NUM_THREADS") == nullptr)
        ::setenv("OMP_NUM_THREADS", std::to_string(std::max(1, cores / nproc)).c_str(), 1);
      ::execv("/proc/self/exe", argv.data());
      ::_exit(127);
    }
    pids[static_cast<std::size_t>(r)] = pid;
  }

  using Clock = std::chrono::steady_clock;
  int running = nproc;
  bool deadlineSet = false;
  Clock::time_point deadline;
  while (running > 0) {
    for (int forwarded = g_pendingInt.exchange(0); forwarded > 0; --forwarded)
      for (std::size_t r = 0; r < pids.size(); ++r)
        if (codes[r] < 0) ::kill(pids[r], SIGINT);
    for (int forwarded = g_pendingTerm.exchange(0); forwarded > 0; --forwarded)
      for (std::size_t r = 0; r < pids.size(); ++r)
        if (codes[r] < 0) ::kill(pids[r], SIGTERM);
    int status = 0;
    const pid_t done = ::waitpid(-1, &status, WNOHANG);
    if (done > 0) {
      for (std::size_t r = 0; r < pids.size(); ++r) {
        if (pids[r] != done) continue;
        codes[r] = exitCodeOf(status);
        --running;
        if (codes[r] != 0 && !deadlineSet) {
          deadlineSet = true;
          deadline = Clock::now() + std::chrono::seconds(graceSeconds);
        }
      }
      continue;
    }
    if (deadlineSet && Clock::now() > deadline) {
      for (std::size_t r = 0; r < pids.size(); ++r)
        if (codes[r] < 0) {
          std::cerr << "rank " << r << " did not exit after another rank failed: killing it\n";
          ::kill(pids[r], SIGKILL);
        }
      deadlineSet = false;  // collect them below
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::sigaction(SIGINT, &oldInt, nullptr);
  ::sigaction(SIGTERM, &oldTerm, nullptr);
  if (codes[0] != 0) return codes[0];
  for (int c : codes)
    if (c != 0) return c;
  return 0;
}

}  // namespace catdpo
