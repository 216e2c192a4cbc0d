// SPDX-License-Identifier: MIT
// Views share the mapping through the tensor's deleter (a captured shared_ptr), so a weight
// may outlive the TensorStore that produced it without dangling.
#include "model/safetensors_torch.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/json_input.h"
#include "common/paths.h"

namespace catdpo {
namespace fs = std::filesystem;
using nlohmann::json;

at::ScalarType toScalarType(TensorDtype dtype) {
  switch (dtype) {
    case TensorDtype::F64:
      return at::kDouble;
    case TensorDtype::F32:
      return at::kFloat;
    case TensorDtype::F16:
      return at::kHalf;
    case TensorDtype::BF16:
      return at::kBFloat16;
    case TensorDtype::I64:
      return at::kLong;
    case TensorDtype::I32:
      return at::kInt;
    case TensorDtype::I16:
      return at::kShort;
    case TensorDtype::I8:
      return at::kChar;
    case TensorDtype::U8:
      return at::kByte;
    case TensorDtype::Bool:
      return at::kBool;
  }
  return at::kFloat;
}

TensorDtype toTensorDtype(at::ScalarType type) {
  switch (type) {
    case at::kDouble:
      return TensorDtype::F64;
    case at::kFloat:
      return TensorDtype::F32;
    case at::kHalf:
      return TensorDtype::F16;
    case at::kBFloat16:
      return TensorDtype::BF16;
    case at::kLong:
      return TensorDtype::I64;
    case at::kInt:
      return TensorDtype::I32;
    case at::kShort:
      return TensorDtype::I16;
    case at::kChar:
      return TensorDtype::I8;
    case at::kByte:
      return TensorDtype::U8;
    case at::kBool:
      return TensorDtype::Bool;
    default:
      break;
  }
  throw Error(std::string("safetensors cannot store tensors of type ") + c10::toString(type));
}

TensorStore TensorStore::open(const fs::path& path) {
  TensorStore store;
  fs::path target = path;
  if (fs::is_directory(path)) {
    if (fs::exists(path / "model.safetensors"))
      target = path / "model.safetensors";
    else if (fs::exists(path / "model.safetensors.index.json"))
      target = path / "model.safetensors.index.json";
    else
      throw Error("no model.safetensors or model.safetensors.index.json in this folder",
                  ErrorLocation{path.string(), 0, ""});
  }
  store.m_source = target;
  const std::string name = target.filename().string();
  if (name.size() > 11 && name.compare(name.size() - 11, 11, ".index.json") == 0) {
    const json index = readJsonFile(target);
    if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object())
      throw Error("missing object", ErrorLocation{target.string(), 0, "weight_map"});
    std::map<std::string, std::size_t> fileIndex;
    for (auto it = index["weight_map"].begin(); it != index["weight_map"].end(); ++it) {
      if (!it.value().is_string())
        throw Error("expected a file name",
                    ErrorLocation{target.string(), 0, "weight_map." + it.key()});
      const std::string shard = it.value().get<std::string>();
      if (shard.find('/') != std::string::npos || shard.find("..") != std::string::npos)
        throw Error("shard names must be plain file names",
                    ErrorLocation{target.string(), 0, "weight_map." + it.key()});
      auto [slot, inserted] = fileIndex.emplace(shard, store.m_files.size());
      if (inserted)
        store.m_files.push_back(std::make_shared<SafetensorsFile>(target.parent_path() / shard));
      const TensorInfo* info = store.m_files[slot->second]->find(it.key());
      if (!info)
        throw Error("the index places tensor '" + it.key() + "' in " + shard +
                        ", which does not contain it",
                    ErrorLocation{target.string(), 0, "weight_map." + it.key()});
      store.m_where[it.key()] = {slot->second, info};
    }
    return store;
  }
  store.m_files.push_back(std::make_shared<SafetensorsFile>(target));
  for (const auto& info : store.m_files[0]->tensors()) store.m_where[info.name] = {0, &info};
  return store;
}

std::vector<std::string> TensorStore::names() const {
  std::vector<std::string> out;
  for (const auto& [name, where] : m_where) out.push_back(name);
  return out;
}

const TensorInfo& TensorStore::info(const std::string& name) const {
  auto it = m_where.find(name);
  if (it == m_where.end())
    throw Error("tensor not found in checkpoint", ErrorLocation{m_source.string(), 0, name});
  return *it->second.second;
}

fs::path TensorStore::fileOf(const std::string& name) const {
  auto it = m_where.find(name);
  return it == m_where.end() ? m_source : m_files[it->second.first]->path();
}

at::Tensor TensorStore::get(const std::string& name) const {
  const TensorInfo& ti = info(name);
  const auto& file = m_files[m_where.at(name).first];
  void* data = file->data(ti);
  const auto type = toScalarType(ti.dtype);
  const auto opts = at::TensorOptions().dtype(type);
  if (reinterpret_cast<std::uintptr_t>(data) % dtypeSize(ti.dtype) != 0) {
    at::Tensor copy = at::empty(ti.shape, opts);
    std::memcpy(copy.data_ptr(), data, ti.byteSize());
    return copy;
  }
  std::shared_ptr<SafetensorsFile> keepAlive = file;
  return at::from_blob(
      data, ti.shape, [keepAlive](void*) mutable { keepAlive.reset(); }, opts);
}

std::map<std::string, std::string> TensorStore::metadata() const {
  return m_files.empty() ? std::map<std::string, std::string>{} : m_files[0]->metadata();
}

namespace {

std::vector<at::Tensor> toCpuContiguous(const NamedTensors& tensors) {
  std::vector<at::Tensor> out;
  out.reserve(tensors.size());
  for (const auto& [name, t] : tensors) out.push_back(t.detach().to(at::kCPU).contiguous());
  return out;
}

}  // namespace

void saveTensors(const fs::path& path, const NamedTensors& tensors,
                 const std::map<std::string, std::string>& metadata) {
  const std::vector<at::Tensor> cpu = toCpuContiguous(tensors);
  std::vector<TensorToWrite> entries;
  entries.reserve(tensors.size());
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    const at::Tensor& t = cpu[i];
    entries.push_back({tensors[i].first, toTensorDtype(t.scalar_type()),
                       std::vector<std::int64_t>(t.sizes().begin(), t.sizes().end()), t.data_ptr(),
                       static_cast<std::size_t>(t.nbytes())});
  }
  writeSafetensors(path, entries, metadata);
}

void saveCheckpointTensors(const fs::path& dir, const NamedTensors& tensors,
                           std::uint64_t maxShardBytes,
                           const std::map<std::string, std::string>& metadata) {
  std::uint64_t total = 0;
  for (const auto& [name, t] : tensors) total += static_cast<std::uint64_t>(t.nbytes());
  if (maxShardBytes == 0 || total <= maxShardBytes) {
    saveTensors(dir / "model.safetensors", tensors, metadata);
    return;
  }
  // Greedy packing in order, a new shard when the next tensor would overflow the current one.
  std::vector<NamedTensors> shards(1);
  std::uint64_t current = 0;
  for (const auto& item : tensors) {
    const auto bytes = static_cast<std::uint64_t>(item.second.nbytes());
    if (current > 0 && current + bytes > maxShardBytes) {
      shards.emplace_back();
      current = 0;
    }
    shards.back().push_back(item);
    current += bytes;
  }
  json weightMap = json::object();
  const std::size_t count = shards.size();
  for (std::size_t i = 0; i < count; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "model-%05zu-of-%05zu.safetensors", i + 1, count);
    saveTensors(dir / name, shards[i], metadata);
    for (const auto& [tensorName, t] : shards[i]) weightMap[tensorName] = name;
  }
  const json index = {{"metadata", {{"total_size", total}}}, {"weight_map", weightMap}};
  writeFileAtomically(dir / "model.safetensors.index.json", index.dump(2) + "\n");
}

}  // namespace catdpo
