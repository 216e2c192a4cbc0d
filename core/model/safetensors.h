// SPDX-License-Identifier: MIT
// Our own safetensors reader and writer (8-byte little-endian header length, JSON header, raw
// little-endian tensor bytes). Reading memory-maps the file and validates the whole header
// against the file size before any byte is handed out; writing streams to a temporary file that
// is renamed over the target. No LibTorch here: safetensors_torch.h converts to tensors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace catdpo {

enum class TensorDtype { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool };

std::string_view dtypeName(TensorDtype dtype);  // "F32", "BF16", "BOOL", ...
std::size_t dtypeSize(TensorDtype dtype);
std::optional<TensorDtype> parseDtypeName(std::string_view name);

struct TensorInfo {
  std::string name;
  TensorDtype dtype = TensorDtype::F32;
  std::vector<std::int64_t> shape;
  std::uint64_t begin = 0;  // byte offsets relative to the start of the data section
  std::uint64_t end = 0;
  std::int64_t numel() const;
  std::uint64_t byteSize() const { return end - begin; }
};

// A validated, memory-mapped safetensors file. Tensor bytes stay valid while the object lives.
class SafetensorsFile {
 public:
  // Throws catdpo::Error naming the file (and tensor) when it is missing, truncated or lies.
  explicit SafetensorsFile(const std::filesystem::path& path);
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  // In data order (ascending offsets).
  const std::vector<TensorInfo>& tensors() const { return m_tensors; }
  const TensorInfo* find(std::string_view name) const;
  // Start of the tensor's bytes inside the mapping (a private copy-on-write mapping, so the
  // memory may be written without touching the file).
  std::byte* data(const TensorInfo& info) const;
  const std::map<std::string, std::string>& metadata() const { return m_metadata; }

 private:
  std::filesystem::path m_path;
  void* m_map = nullptr;
  std::size_t m_mapSize = 0;
  std::size_t m_dataStart = 0;
  std::vector<TensorInfo> m_tensors;
  std::map<std::string, std::size_t> m_index;
  std::map<std::string, std::string> m_metadata;
};

struct TensorToWrite {
  std::string name;
  TensorDtype dtype = TensorDtype::F32;
  std::vector<std::int64_t> shape;
  const void* data = nullptr;  // contiguous little-endian bytes, numel * dtypeSize
  std::size_t byteSize = 0;
};

// Writes `tensors` (in the given order) through a temporary file and a rename, so the target is
// either the old file or the complete new one. Throws catdpo::Error on a bad entry or I/O error.
void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

}  // namespace catdpo
