// SPDX-License-Identifier: MIT
// Seeded, length-bucketed order of training pairs. Each epoch shuffles the pairs, sorts them
// by length inside windows of 32 batches (so a batch pads little), then shuffles the batches.
// The whole state (RNG, epoch, position) serialises to a string for bit-exact resume.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace catdpo {

class BatchSampler {
 public:
  BatchSampler() = default;
  // lengths[i]: token length of pair i (the longer of its two sequences).
  BatchSampler(std::vector<int> lengths, int batchSize, std::uint64_t seed, int bucketWindow = 32);

  // Pair indices of the next batch (batchSize of them, or fewer only when the data set is
  // smaller than one batch). A new epoch starts transparently.
  std::vector<int> next();

  std::int64_t epoch() const { return m_epoch; }
  std::string saveState() const;
  void loadState(const std::string& state);  // throws catdpo::Error on a mismatching state

 private:
  void startEpoch();
  std::vector<int> m_lengths;
  int m_batchSize = 1;
  int m_window = 32;
  std::mt19937_64 m_rng;
  std::int64_t m_epoch = -1;
  std::vector<std::vector<int>> m_batches;
  std::size_t m_position = 0;
};

}  // namespace catdpo
