// SPDX-License-Identifier: MIT
// The rendezvous store of a data-parallel run, with a door: a small key-value server on rank 0
// (a c10d::Store, so Gloo and NCCL use it as they use a TCPStore) that binds only the address
// it must (127.0.0.1 for a run on one machine, MASTER_ADDR's interface otherwise), and that
// lets a connection read or write keys only after an HMAC-SHA256 challenge proves both ends
// know the run's shared secret. LibTorch 1.13's TCPStore listens on every interface and
// answers anyone. Internal to core/dist (includes LibTorch).
#pragma once

#include <torch/csrc/distributed/c10d/Store.hpp>

#include <chrono>
#include <string>

#include "dist/distributed.h"

namespace catdpo::dist {

struct StoreEndpoint {
  std::string host;       // MASTER_ADDR: what clients connect to
  int port = 29500;       // MASTER_PORT
  bool loopback = false;  // single-machine run: the server binds 127.0.0.1 only
};

// Rank 0 (`serve`) starts the server, bound as described above (an Error when MASTER_ADDR is
// no address of this machine), then every rank connects as a client and proves the secret.
// Waits up to `timeout` for the server to appear. Throws catdpo::Error with the reason (a
// wrong secret reads "the store refused this rank's secret").
c10::intrusive_ptr<c10d::Store> connectAuthStore(const StoreEndpoint& endpoint, bool serve,
                                                 const std::string& secret,
                                                 std::chrono::milliseconds timeout);

// The store of the run `env` describes: rank 0 serves, loopback when MASTER_ADDR is a loopback
// address, the secret from CATDPO_DIST_TOKEN (an Error explaining how to set it otherwise).
c10::intrusive_ptr<c10d::Store> connectRunStore(const DistEnvironment& env,
                                                std::chrono::milliseconds timeout);

// Handshake message authentication, exposed for tests: HMAC-SHA256(secret, role || a || b).
std::string handshakeProof(const std::string& secret, const char* role, const std::string& a,
                           const std::string& b);

}  // namespace catdpo::dist
