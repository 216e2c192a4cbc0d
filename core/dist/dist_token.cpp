// SPDX-License-Identifier: MIT
#include "dist/dist_token.h"

#include <sys/random.h>

#include <cstdio>
#include <cstdlib>

#include "common/error.h"

namespace catdpo::dist {

std::string newDistToken() {
  unsigned char bytes[32];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n <= 0) throw Error("cannot read random bytes for the run's shared secret");
    got += static_cast<std::size_t>(n);
  }
  std::string hex;
  char two[3];
  for (const unsigned char b : bytes) {
    std::snprintf(two, sizeof two, "%02x", b);
    hex += two;
  }
  return hex;
}

std::string distTokenFromEnv() {
  const char* v = std::getenv(kDistTokenVariable);
  const std::string token = v ? v : "";
  if (token.size() < 16)
    throw Error(std::string(token.empty() ? "CATDPO_DIST_TOKEN is not set"
                                          : "CATDPO_DIST_TOKEN is shorter than 16 characters") +
                ": every rank of a data-parallel run must present the same secret to the "
                "rendezvous store. `catdpo train --nproc N` sets one by itself; with another "
                "launcher export the same random value on every rank, e.g. "
                "CATDPO_DIST_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \\n')");
  return token;
}

}  // namespace catdpo::dist
