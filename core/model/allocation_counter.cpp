// SPDX-License-Identifier: MIT
// The counting allocator hands out memory from c10's own CPU routines with the data pointer as
// its context, so that LibTorch's raw_allocate (used by oneDNN, e.g. for bfloat16 products)
// works through it; sizes are kept in a map for the release. LibTorch 2.x made allocate()
// non-const and added copy_data(): both forms are declared, so it builds against 1.13 and 2.x.
#include "model/allocation_counter.h"

#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <unordered_map>

namespace catdpo::allocation_counter {

namespace {

std::atomic<std::int64_t> gCurrent{0};
std::atomic<std::int64_t> gPeak{0};
std::atomic<bool> gInstalled{false};
std::mutex gMutex;
std::unordered_map<void*, std::int64_t> gSizes;  // guarded by gMutex

void release(void* data) {
  if (data == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(gMutex);
    const auto it = gSizes.find(data);
    if (it != gSizes.end()) {
      gCurrent.fetch_sub(it->second);
      gSizes.erase(it);
    }
  }
  c10::free_cpu(data);
}

c10::DataPtr allocateCounted(size_t n) {
  void* data = c10::alloc_cpu(n);
  const auto bytes = static_cast<std::int64_t>(n);
  if (data != nullptr) {
    std::lock_guard<std::mutex> lock(gMutex);
    gSizes[data] = bytes;
  }
  const std::int64_t now = gCurrent.fetch_add(bytes) + bytes;
  std::int64_t peak = gPeak.load();
  while (now > peak && !gPeak.compare_exchange_weak(peak, now)) {
  }
  return {data, data, &release, c10::Device(c10::kCPU)};
}

class CountingAllocator final : public c10::Allocator {
 public:
  c10::DataPtr allocate(size_t n) const { return allocateCounted(n); }  // LibTorch 1.13
  c10::DataPtr allocate(size_t n) { return allocateCounted(n); }        // LibTorch 2.x
  c10::DeleterFnPtr raw_deleter() const override { return &release; }
  void copy_data(void* dest, const void* src, std::size_t count) const {  // LibTorch 2.x
    std::memcpy(dest, src, count);
  }
};

}  // namespace

void install() {
  static std::once_flag once;
  std::call_once(once, [] {
    static CountingAllocator counting;
    c10::SetCPUAllocator(&counting, /*priority=*/255);
    gInstalled = true;
  });
}

bool installed() { return gInstalled.load(); }
std::int64_t currentBytes() { return gCurrent.load(); }
std::int64_t peakBytes() { return gPeak.load(); }
void resetPeak() { gPeak.store(gCurrent.load()); }

}  // namespace catdpo::allocation_counter
