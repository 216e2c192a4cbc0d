// SPDX-License-Identifier: MIT
// The method catalogue in the CLI's help texts (defined in cmd_methods.cpp).
#pragma once

#include <string>

namespace catdpo::cli {

// "dpo, dpo_safer, ... (see catdpo methods)": every method id in catalogue order.
std::string methodHelp();
// The default sweep's methods, comma-separated.
std::string defaultSweepMethodList();

}  // namespace catdpo::cli
