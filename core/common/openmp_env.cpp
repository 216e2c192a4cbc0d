// SPDX-License-Identifier: MIT
#include "common/openmp_env.h"

#include <unistd.h>

#include <cstdlib>

namespace catdpo {

void preferPassiveOpenMpWait(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr || argv == nullptr || argv[0] == nullptr) return;
  if (::setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // Still here: the restart failed. Keep the variable for child processes and go on.
}

const char* openMpWaitPolicy() {
  const char* policy = std::getenv("OMP_WAIT_POLICY");
  return policy ? policy : "";
}

}  // namespace catdpo
