// SPDX-License-Identifier: MIT
// The trainer's data-parallel steps. Every rank draws the same global batch and trains on its
// contiguous slice; gradients are averaged inside trainStep before clipping. The per-pair
// outputs are then gathered back into the global batch's order (each rank fills its slice of a
// zeroed buffer and the buffers are summed, which is exact), so the step metrics, Cat-DPO's
// per-category sums of g and the group losses are those of the whole batch, summed in the
// same order as on one process, and every rank updates lambda (and alpha) identically.
#include <cmath>

#include "common/error.h"
#include "train/trainer_impl.h"

namespace catdpo {

std::vector<int> Trainer::Impl::shardOf(const std::vector<int>& batch) const {
  const auto world = static_cast<std::size_t>(setup.collective->worldSize());
  const auto rank = static_cast<std::size_t>(setup.collective->rank());
  if (batch.size() % world != 0)
    throw Error("a batch of " + std::to_string(batch.size()) +
                " pairs cannot be split evenly over " + std::to_string(world) +
                " processes (make batch_size a multiple of it)");
  const std::size_t per = batch.size() / world;
  return {batch.begin() + static_cast<std::ptrdiff_t>(rank * per),
          batch.begin() + static_cast<std::ptrdiff_t>((rank + 1) * per)};
}

BatchOutputs Trainer::Impl::gatherOutputs(const std::vector<int>& batch, const BatchOutputs& mine) {
  const std::size_t n = batch.size();
  const std::size_t per = n / static_cast<std::size_t>(setup.collective->worldSize());
  const std::size_t offset = static_cast<std::size_t>(setup.collective->rank()) * per;
  if (mine.z.size() != per) throw Error("internal: a shard's outputs do not match its size");
  std::vector<double> buffer(4 * n + 2, 0.0);
  for (std::size_t i = 0; i < per; ++i) {
    buffer[offset + i] = mine.z[i];
    buffer[n + offset + i] = mine.loss[i];
    buffer[2 * n + offset + i] = mine.rewardChosen[i];
    buffer[3 * n + offset + i] = mine.rewardRejected[i];
  }
  // The batch loss is the mean over all pairs: each shard's mean weighted by its share.
  buffer[4 * n] = mine.meanLoss * static_cast<double>(per) / static_cast<double>(n);
  buffer[4 * n + 1] = static_cast<double>(mine.tokens);
  setup.collective->allReduceSum(buffer);
  BatchOutputs all;
  const auto slice = [&](std::size_t k) {
    return std::vector<double>(buffer.begin() + static_cast<std::ptrdiff_t>(k * n),
                               buffer.begin() + static_cast<std::ptrdiff_t>((k + 1) * n));
  };
  all.z = slice(0);
  all.loss = slice(1);
  all.rewardChosen = slice(2);
  all.rewardRejected = slice(3);
  all.examples = batch;
  all.meanLoss = buffer[4 * n];
  all.tokens = std::llround(buffer[4 * n + 1]);
  return all;
}

void Trainer::Impl::agreeOnControl() {
  // Stop and cancel take effect on every rank at the same step, whichever rank saw them.
  std::vector<double> flags{control.stopRequested() ? 1.0 : 0.0,
                            control.cancelRequested() ? 1.0 : 0.0};
  setup.collective->allReduceSum(flags);
  if (flags[0] > 0) control.stop();
  if (flags[1] > 0) control.cancel();
}

void Trainer::Impl::shareJudged() {
  // Only rank 0 evaluates: its judged unsafe rates (NaN: no data) reach the other ranks.
  const TrainConfig& c = setup.config;
  if (c.method != Method::CatDpo || c.catdpo.signal != ConstraintSignal::Judged) return;
  const bool source = setup.collective->rank() == 0;
  std::vector<double> rates(static_cast<std::size_t>(categories()) + 1, 0.0);
  if (source) {
    rates.back() = judgedUnsafe.empty() ? 0.0 : 1.0;
    for (std::size_t k = 0; k < judgedUnsafe.size() && k + 1 < rates.size(); ++k)
      rates[k] = judgedUnsafe[k];
  }
  setup.collective->allReduceSum(rates);
  if (rates.back() == 0.0) return;
  if (!source) judgedUnsafe.assign(rates.begin(), rates.end() - 1);
}

}  // namespace catdpo
