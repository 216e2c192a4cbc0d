// SPDX-License-Identifier: MIT
#include "train/batch_sampler.h"

#include <algorithm>
#include <numeric>
#include <sstream>

#include "common/error.h"

namespace catdpo {

BatchSampler::BatchSampler(std::vector<int> lengths, int batchSize, std::uint64_t seed,
                           int bucketWindow)
    : m_lengths(std::move(lengths)),
      m_batchSize(std::max(1, batchSize)),
      m_window(std::max(1, bucketWindow)),
      m_rng(seed) {
  if (m_lengths.empty()) throw Error("no training pairs to sample from");
}

void BatchSampler::startEpoch() {
  ++m_epoch;
  std::vector<int> order(m_lengths.size());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), m_rng);
  m_batches.clear();
  const std::size_t window = static_cast<std::size_t>(m_window) * m_batchSize;
  const std::size_t n = order.size();
  // Only full batches: a short last batch would change the loss scale. The leftover pairs go
  // first in the next epoch's shuffle anyway (every pair is seen about equally often).
  const std::size_t usable = n >= static_cast<std::size_t>(m_batchSize) ? n - n % m_batchSize : n;
  for (std::size_t start = 0; start < usable; start += window) {
    const std::size_t end = std::min(usable, start + window);
    std::stable_sort(order.begin() + start, order.begin() + end,
                     [this](int a, int b) { return m_lengths[a] < m_lengths[b]; });
    for (std::size_t b = start; b < end; b += m_batchSize)
      m_batches.emplace_back(
          order.begin() + b,
          order.begin() + std::min(end, b + static_cast<std::size_t>(m_batchSize)));
  }
  std::shuffle(m_batches.begin(), m_batches.end(), m_rng);
  m_position = 0;
}

std::vector<int> BatchSampler::next() {
  if (m_epoch < 0 || m_position >= m_batches.size()) startEpoch();
  return m_batches[m_position++];
}

std::string BatchSampler::saveState() const {
  std::ostringstream out;
  out << m_lengths.size() << ' ' << m_batchSize << ' ' << m_window << ' ' << m_epoch << ' '
      << m_position << ' ' << m_batches.size() << '\n';
  for (const auto& b : m_batches) {
    out << b.size();
    for (int i : b) out << ' ' << i;
    out << '\n';
  }
  out << m_rng;
  return out.str();
}

void BatchSampler::loadState(const std::string& state) {
  std::istringstream in(state);
  std::size_t n = 0, batches = 0;
  int batchSize = 0, window = 0;
  in >> n >> batchSize >> window >> m_epoch >> m_position >> batches;
  if (!in || n != m_lengths.size() || batchSize != m_batchSize || window != m_window)
    throw Error("the checkpoint's data order does not match this data set (" + std::to_string(n) +
                " pairs, batch " + std::to_string(batchSize) + ")");
  m_batches.assign(batches, {});
  for (auto& b : m_batches) {
    std::size_t size = 0;
    in >> size;
    b.resize(size);
    for (int& i : b) in >> i;
  }
  in >> m_rng;
  if (!in) throw Error("corrupt data-order state in checkpoint");
}

}  // namespace catdpo
