// SPDX-License-Identifier: MIT
// How the C library's allocator treats the large, short-lived blocks of a training step
// (activations, logits, attention scores: megabytes each, freed and requested again every
// step). By default glibc serves blocks above a threshold with fresh mmap()s and hands the top
// of the heap back to the system as soon as it is free, so every step faults in and zero-fills
// the same memory again; on a virtual machine that costs a third of an 11M-parameter step.
// Keeping freed memory in the process avoids it; it is given back when a run ends.
#pragma once

#include <string>

namespace catdpo {

// Call early in main(), before the first tensor and the first thread: blocks up to 1 GiB come
// from the heap, free memory at its top is kept up to 2 GiB, and all threads share one arena.
// Leaves the allocator alone when the user tuned it (GLIBC_TUNABLES with a malloc setting, or one
// of the MALLOC_*_ variables). Returns whether the policy was applied.
bool keepFreedHeapMemory();

// Gives free heap memory back to the system (malloc_trim); for the end of a run.
void releaseFreedHeapMemory();

// One line for `catdpo info` and the benchmarks: "kept (...)", "set by the user (...)" or
// "C library default".
std::string heapPolicyDescription();

}  // namespace catdpo
