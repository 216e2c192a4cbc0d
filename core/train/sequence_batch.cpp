// SPDX-License-Identifier: MIT
#include "train/sequence_batch.h"

#include <algorithm>

namespace catdpo {

SequenceBatch makeSequenceBatch(const std::vector<PairExample>& examples,
                                const std::vector<std::pair<int, int>>& rows, std::int32_t padId,
                                const at::Device& device) {
  std::int64_t width = 1;
  for (const auto& [e, r] : rows)
    width = std::max<std::int64_t>(width, examples[e].sequenceLength(r));
  const auto n = static_cast<std::int64_t>(rows.size());
  // Filled on the host in one pass, moved to the device once.
  at::Tensor ids = at::full({n, width}, static_cast<std::int64_t>(padId), at::kLong);
  at::Tensor mask = at::zeros({n, width}, at::kBool);
  auto* idp = ids.data_ptr<std::int64_t>();
  auto* mp = mask.data_ptr<bool>();
  SequenceBatch batch;
  for (std::int64_t i = 0; i < n; ++i) {
    const PairExample& ex = examples[rows[i].first];
    const auto& response = ex.response[rows[i].second];
    std::int64_t t = 0;
    for (std::int32_t id : ex.prompt) idp[i * width + t++] = id;
    for (std::int32_t id : response) {
      mp[i * width + t] = true;
      idp[i * width + t++] = id;
    }
    batch.tokens += t;
  }
  batch.ids = device.is_cpu() ? ids : ids.to(device);
  batch.targetMask = device.is_cpu() ? mask : mask.to(device);
  return batch;
}

}  // namespace catdpo
