// SPDX-License-Identifier: MIT
// Pause / resume / stop / cancel for a run, set from any thread (the GUI thread, a signal
// handler, another rank) and polled by the training thread between steps. Lock-free atomics:
// a busy trainer cannot process a queue, so these are flags, never messages.
#pragma once

#include <atomic>
#include <chrono>
#include <thread>

namespace catdpo {

class RunControl {
 public:
  void pause() { m_paused.store(true); }
  void resume() { m_paused.store(false); }
  // Stop: write a checkpoint, then end the run as "stopped" (resumable).
  void stop() { m_stop.store(true); }
  // Cancel: end as soon as possible without a checkpoint.
  void cancel() { m_cancel.store(true); }

  bool paused() const { return m_paused.load(); }
  bool stopRequested() const { return m_stop.load(); }
  bool cancelRequested() const { return m_cancel.load(); }
  bool shouldEnd() const { return stopRequested() || cancelRequested(); }

  // Blocks while paused (polling every 20 ms); returns early on stop/cancel.
  // Returns true when it actually paused.
  bool waitWhilePaused() const {
    bool waited = false;
    while (paused() && !shouldEnd()) {
      waited = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return waited;
  }

 private:
  std::atomic<bool> m_paused{false};
  std::atomic<bool> m_stop{false};
  std::atomic<bool> m_cancel{false};
};

}  // namespace catdpo
