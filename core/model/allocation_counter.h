// SPDX-License-Identifier: MIT
// No LibTorch in this header (the counter lives in the .cpp). Counts the bytes
// LibTorch's CPU tensors hold, by wrapping its CPU allocator. For checking memory accounting
// (the training-memory estimate) in tests and benchmarks; install before the first tensor.
#pragma once

#include <cstdint>

namespace catdpo::allocation_counter {

// Wraps the current CPU allocator (once; later calls do nothing). Tensors allocated before
// are not counted, and freeing them does not subtract.
void install();
bool installed();
std::int64_t currentBytes();
std::int64_t peakBytes();
// Starts a new peak from the current bytes.
void resetPeak();

}  // namespace catdpo::allocation_counter
