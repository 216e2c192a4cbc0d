// SPDX-License-Identifier: MIT
// The shared secret the ranks of a data-parallel run present to its rendezvous store: made up
// by `catdpo train --nproc` for the ranks it starts, or given by the user (the same value on
// every machine) in CATDPO_DIST_TOKEN. No LibTorch here.
#pragma once

#include <string>

namespace catdpo::dist {

inline constexpr const char* kDistTokenVariable = "CATDPO_DIST_TOKEN";

// 32 random bytes as 64 hex characters (from the kernel's random source).
std::string newDistToken();
// $CATDPO_DIST_TOKEN; throws catdpo::Error explaining how to set it when it is unset or
// shorter than 16 characters.
std::string distTokenFromEnv();

}  // namespace catdpo::dist
