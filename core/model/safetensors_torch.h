// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- not for ui/. safetensors <-> at::Tensor: a TensorStore opens one file, a
// sharded checkpoint (model.safetensors.index.json) or a checkpoint folder and hands out
// zero-copy CPU views on the memory maps; saving writes one file or numbered shards + index.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/safetensors.h"

namespace catdpo {

at::ScalarType toScalarType(TensorDtype dtype);
// Throws catdpo::Error for dtypes safetensors cannot hold (e.g. complex).
TensorDtype toTensorDtype(at::ScalarType type);

using NamedTensors = std::vector<std::pair<std::string, at::Tensor>>;

class TensorStore {
 public:
  // `path`: a .safetensors file, a model.safetensors.index.json, or a folder holding either.
  static TensorStore open(const std::filesystem::path& path);

  std::vector<std::string> names() const;
  bool contains(const std::string& name) const { return m_where.count(name) != 0; }
  // A CPU tensor viewing the mapped bytes (copied only when misaligned); it keeps its file
  // mapped for as long as it lives. Throws catdpo::Error when the name is missing.
  at::Tensor get(const std::string& name) const;
  const TensorInfo& info(const std::string& name) const;
  // The file a tensor lives in (for error messages).
  std::filesystem::path fileOf(const std::string& name) const;
  // __metadata__ of the first file.
  std::map<std::string, std::string> metadata() const;
  // What was opened (the file or the index), for messages.
  const std::filesystem::path& source() const { return m_source; }

 private:
  std::filesystem::path m_source;
  std::vector<std::shared_ptr<SafetensorsFile>> m_files;
  std::map<std::string, std::pair<std::size_t, const TensorInfo*>> m_where;
};

// Writes one safetensors file atomically. Tensors are converted to contiguous CPU memory.
void saveTensors(const std::filesystem::path& path, const NamedTensors& tensors,
                 const std::map<std::string, std::string>& metadata = {});

// Writes `dir`/model.safetensors, or, when the total exceeds `maxShardBytes` (> 0),
// model-0000N-of-0000M.safetensors + model.safetensors.index.json in HF's layout.
void saveCheckpointTensors(const std::filesystem::path& dir, const NamedTensors& tensors,
                           std::uint64_t maxShardBytes = 0,
                           const std::map<std::string, std::string>& metadata = {});

}  // namespace catdpo
