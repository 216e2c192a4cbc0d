// SPDX-License-Identifier: MIT
// SplitMix64: a small seeded generator that draws the same numbers on every platform and
// standard library (std::mt19937 distributions do not), for the resamplers whose results are
// stored and compared across machines.
#pragma once

#include <cstddef>
#include <cstdint>

namespace catdpo {

class SplitMix {
 public:
  explicit SplitMix(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1) from the top 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * n); }

 private:
  std::uint64_t m_state;
};

}  // namespace catdpo
