// SPDX-License-Identifier: MIT
#include "train/reference_logps.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <numeric>

#include "common/error.h"
#include "common/paths.h"
#include "common/sha256.h"
#include "model/device.h"
#include "train/sequence_batch.h"

namespace catdpo {

namespace {
constexpr char kMagic[8] = {'C', 'D', 'P', 'O', 'R', 'E', 'F', '1'};
}

std::string referenceCacheKey(const ReferenceKeyParts& parts,
                              const std::vector<PairExample>& examples) {
  Sha256 h;
  for (const std::string* s : {&parts.modelFingerprint, &parts.tokenizerFingerprint,
                               &parts.dataFingerprint, &parts.chatTemplate}) {
    h.update(std::to_string(s->size()) + ":");
    h.update(*s);
  }
  h.update("max_length:" + std::to_string(parts.maxLength) + ";");
  // Keys of float32 passes stay what they were before the precision option existed.
  if (parts.precision != Precision::Fp32)
    h.update(std::string("precision:") + toString(parts.precision) + ";");
  auto addIds = [&h](const std::vector<std::int32_t>& ids) {
    const std::uint64_t n = ids.size();
    h.update(std::string_view(reinterpret_cast<const char*>(&n), sizeof n));
    h.update(std::string_view(reinterpret_cast<const char*>(ids.data()),
                              ids.size() * sizeof(std::int32_t)));
  };
  for (const PairExample& ex : examples) {
    addIds(ex.prompt);
    addIds(ex.response[0]);
    addIds(ex.response[1]);
  }
  return h.hexDigest();
}

ReferenceLogps computeReferenceLogps(CausalLm& model, const std::vector<PairExample>& examples,
                                     std::int32_t padId, std::int64_t tokensPerBatch,
                                     const std::function<void(double)>& progress,
                                     const RunControl* control, Precision precision) {
  c10::InferenceMode inference;
  const AutocastGuard autocast(model->device(), usesAutocast(precision));
  ReferenceLogps out;
  out.logp.assign(examples.size() * 2, 0.0f);
  std::vector<std::pair<int, int>> rows;
  rows.reserve(examples.size() * 2);
  for (int e = 0; e < static_cast<int>(examples.size()); ++e)
    rows.emplace_back(e, 0), rows.emplace_back(e, 1);
  // Longest first: similar lengths share a batch (little padding) and a memory problem shows
  // up at once rather than at the end.
  std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
    return examples[a.first].sequenceLength(a.second) > examples[b.first].sequenceLength(b.second);
  });
  std::size_t done = 0;
  while (done < rows.size()) {
    if (control && control->cancelRequested()) throw Error("cancelled during the reference pass");
    const std::int64_t width = examples[rows[done].first].sequenceLength(rows[done].second);
    const std::size_t take = std::clamp<std::size_t>(
        static_cast<std::size_t>(tokensPerBatch / std::max<std::int64_t>(1, width)), 1,
        rows.size() - done);
    std::vector<std::pair<int, int>> chunk(rows.begin() + done, rows.begin() + done + take);
    const SequenceBatch batch = makeSequenceBatch(examples, chunk, padId, model->device());
    const SequenceLogprobs lp = model->sequenceLogprobs(batch.ids, {}, batch.targetMask);
    const at::Tensor sums = lp.sum.to(at::kCPU, at::kFloat).contiguous();
    const float* p = sums.data_ptr<float>();
    for (std::size_t i = 0; i < take; ++i) out.logp[2 * chunk[i].first + chunk[i].second] = p[i];
    done += take;
    if (progress) progress(static_cast<double>(done) / rows.size());
  }
  return out;
}

std::optional<ReferenceLogps> loadReferenceCache(const std::filesystem::path& file,
                                                 std::size_t examples) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  char magic[8];
  std::uint64_t n = 0;
  in.read(magic, sizeof magic);
  in.read(reinterpret_cast<char*>(&n), sizeof n);
  if (!in || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || n != examples) return std::nullopt;
  ReferenceLogps out;
  out.logp.resize(2 * n);
  in.read(reinterpret_cast<char*>(out.logp.data()),
          static_cast<std::streamsize>(out.logp.size() * sizeof(float)));
  if (!in) return std::nullopt;
  return out;
}

void saveReferenceCache(const std::filesystem::path& file, const ReferenceLogps& logps) {
  std::string bytes(kMagic, sizeof kMagic);
  const std::uint64_t n = logps.examples();
  bytes.append(reinterpret_cast<const char*>(&n), sizeof n);
  bytes.append(reinterpret_cast<const char*>(logps.logp.data()), logps.logp.size() * sizeof(float));
  writeFileAtomically(file, bytes);
}

}  // namespace catdpo
