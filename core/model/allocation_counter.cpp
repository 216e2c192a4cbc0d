// SPDX-License-Identifier: MIT
#include "model/allocation_counter.h"

#include <c10/core/CPUAllocator.h>

#include <atomic>
#include <mutex>

namespace catdpo::allocation_counter {

namespace {

std::atomic<std::int64_t> gCurrent{0};
std::atomic<std::int64_t> gPeak{0};
std::atomic<bool> gInstalled{false};

class CountingAllocator final : public c10::Allocator {
 public:
  explicit CountingAllocator(c10::Allocator* base) : m_base(base) {}

  c10::DataPtr allocate(size_t n) const override {
    c10::DataPtr inner = m_base->allocate(n);
    void* data = inner.get();
    const auto bytes = static_cast<std::int64_t>(n);
    const std::int64_t now = gCurrent.fetch_add(bytes) + bytes;
    std::int64_t peak = gPeak.load();
    while (now > peak && !gPeak.compare_exchange_weak(peak, now)) {
    }
    return {data, new Block{std::move(inner), bytes}, &release, c10::Device(c10::kCPU)};
  }

 private:
  struct Block {
    c10::DataPtr inner;  // frees the memory through the wrapped allocator's deleter
    std::int64_t bytes;
  };
  static void release(void* ctx) {
    auto* block = static_cast<Block*>(ctx);
    gCurrent.fetch_sub(block->bytes);
    delete block;
  }

  c10::Allocator* m_base;
};

}  // namespace

void install() {
  static std::once_flag once;
  std::call_once(once, [] {
    static CountingAllocator counting(c10::GetCPUAllocator());
    c10::SetCPUAllocator(&counting, /*priority=*/255);
    gInstalled = true;
  });
}

bool installed() { return gInstalled.load(); }
std::int64_t currentBytes() { return gCurrent.load(); }
std::int64_t peakBytes() { return gPeak.load(); }
void resetPeak() { gPeak.store(gCurrent.load()); }

}  // namespace catdpo::allocation_counter
