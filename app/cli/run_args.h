// SPDX-License-Identifier: MIT
// What `catdpo train` and `catdpo sweep` share: the base config (a file, the built-in demo, or
// the defaults), `--set key=value`, and Ctrl-C handling while a run or sweep is in progress.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace catdpo::cli {

// The config to start from, in JSON form: the file when one is given (with the demo's data and
// model when `demo`), else the demo's run (catdpo::demoTrainConfig) or the defaults.
nlohmann::json baseConfig(const std::string& configFile, bool demo, bool quick);

// Applies one `--set key=value` (dotted keys); throws Error on a malformed assignment.
void applySet(nlohmann::json& config, const std::string& assignment);

// While alive, SIGINT and SIGTERM call `stop` the first time and `cancel` after that; the
// previous handlers come back when it goes. One at a time per process.
class InterruptHandler {
 public:
  InterruptHandler(std::function<void()> stop, std::function<void()> cancel);
  ~InterruptHandler();
  InterruptHandler(const InterruptHandler&) = delete;
  InterruptHandler& operator=(const InterruptHandler&) = delete;

 private:
  friend void onInterruptSignal(int);
  std::function<void()> m_stop, m_cancel;
  void (*m_previousInt)(int) = nullptr;
  void (*m_previousTerm)(int) = nullptr;
};

}  // namespace catdpo::cli
