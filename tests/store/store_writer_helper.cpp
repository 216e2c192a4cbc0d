// SPDX-License-Identifier: MIT
// Child process for the crash-safety tests: writes a run step by step into a run database and
// prints "committed <step>" after each committed step, so the parent knows what must survive
// when it kills this process with SIGKILL. Mode "diskfull" first caps the file size
// (RLIMIT_FSIZE), so a write fails the way it does on a full disk, and reports the error.
#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/error.h"
#include "store/run_store.h"
#include "store/store_listener.h"
#include "store_test_util.h"

int main(int argc, char** argv) {
  using namespace catdpo;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DB steps|diskfull [MAX_STEPS|LIMIT_BYTES]\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[2];
  try {
    RunStore store(argv[1]);
    NewRun spec;
    spec.name = "crash-test";
    spec.method = "catdpo";
    const RunRecord run = store.createRun(spec);
    std::printf("run %s\n", run.id.c_str());
    std::fflush(stdout);
    if (mode == "diskfull") {
      std::signal(SIGXFSZ, SIG_IGN);  // the write then fails with EFBIG instead of killing us
      const rlim_t limit = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 200000;
      rlimit cap{limit, limit};
      setrlimit(RLIMIT_FSIZE, &cap);
      store.claimRun(run.id);
      for (std::int64_t s = 1;; ++s) {
        try {
          store.recordStep(run.id, test::exampleStep(s, 19));
        } catch (const Error& e) {
          std::printf("error %s\n", e.what());
          std::fflush(stdout);
          return 0;
        }
        std::printf("committed %lld\n", static_cast<long long>(s));
        std::fflush(stdout);
        if (s > 1000000) return 3;  // the cap never bit
      }
    }
    const std::int64_t maxSteps = argc > 3 ? std::atoll(argv[3]) : 1000000;
    StoreListener listener(store, run.id, [](const std::string& message) {
      std::fprintf(stderr, "%s\n", message.c_str());
      std::exit(4);
    });
    listener.onLifecycle(LifecycleEvent{LifecycleKind::Started, 0, "", "", ""});
    for (std::int64_t s = 1; s <= maxSteps; ++s) {
      listener.onStep(test::exampleStep(s, 19));
      if (s == 5)
        listener.onLifecycle(
            LifecycleEvent{LifecycleKind::CheckpointSaved, 5, "", "/ckpt/step-5", "abc123"});
      std::printf("committed %lld\n", static_cast<long long>(s));
      std::fflush(stdout);
    }
    listener.onLifecycle(LifecycleEvent{LifecycleKind::Finished, maxSteps, "", "", ""});
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
