// SPDX-License-Identifier: MIT
#include "cli/run_args.h"

#include <atomic>
#include <csignal>
#include <fstream>

#include "common/error.h"
#include "train/train_config.h"

namespace catdpo::cli {
namespace {
std::atomic<InterruptHandler*> g_handler{nullptr};
std::atomic<int> g_interrupts{0};
}  // namespace

nlohmann::json baseConfig(const std::string& configFile, bool demo, bool quick) {
  if (configFile.empty()) return toJson(demo ? demoTrainConfig(quick) : TrainConfig{});
  nlohmann::json j = toJson(loadTrainConfig(configFile));
  if (demo) {
    const nlohmann::json d = toJson(demoTrainConfig(quick));
    j["data"] = d["data"];
    j["model"] = d["model"];
    // A file that leaves the demo benchmark at its defaults gets the built-in demo's.
    if (j["demo"] == toJson(TrainConfig{})["demo"]) j["demo"] = d["demo"];
  }
  return j;
}

void applySet(nlohmann::json& config, const std::string& assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw Error("--set expects key=value, got '" + assignment + "'");
  setConfigValue(config, assignment.substr(0, eq), assignment.substr(eq + 1));
}

void onInterruptSignal(int) {
  InterruptHandler* h = g_handler.load();
  if (!h) return;
  if (g_interrupts.fetch_add(1) == 0)
    h->m_stop();
  else
    h->m_cancel();
}

InterruptHandler::InterruptHandler(std::function<void()> stop, std::function<void()> cancel)
    : m_stop(std::move(stop)), m_cancel(std::move(cancel)) {
  g_interrupts = 0;
  g_handler = this;
  m_previousInt = std::signal(SIGINT, onInterruptSignal);
  m_previousTerm = std::signal(SIGTERM, onInterruptSignal);
}

InterruptHandler::~InterruptHandler() {
  std::signal(SIGINT, m_previousInt == SIG_ERR ? SIG_DFL : m_previousInt);
  std::signal(SIGTERM, m_previousTerm == SIG_ERR ? SIG_DFL : m_previousTerm);
  g_handler = nullptr;
}

}  // namespace catdpo::cli
