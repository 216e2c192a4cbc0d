// SPDX-License-Identifier: MIT
// Header validation is strict in the same way as the reference implementation: every tensor's
// byte span must match shape x dtype size, lie inside the file, and the spans must tile the data
// section exactly (no overlap, no gap, no trailing bytes), so a lying header never reaches torch.
#include "model/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "common/error.h"
#include "common/json_input.h"

namespace catdpo {
namespace fs = std::filesystem;
using nlohmann::json;

static_assert(std::endian::native == std::endian::little,
              "safetensors stores little-endian data; a big-endian host would need byte swaps");

namespace {

constexpr std::uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;
constexpr std::size_t kMaxRank = 16;

struct DtypeEntry {
  TensorDtype dtype;
  std::string_view name;
  std::size_t size;
};
constexpr DtypeEntry kDtypes[] = {{TensorDtype::F64, "F64", 8}, {TensorDtype::F32, "F32", 4},
                                  {TensorDtype::F16, "F16", 2}, {TensorDtype::BF16, "BF16", 2},
                                  {TensorDtype::I64, "I64", 8}, {TensorDtype::I32, "I32", 4},
                                  {TensorDtype::I16, "I16", 2}, {TensorDtype::I8, "I8", 1},
                                  {TensorDtype::U8, "U8", 1},   {TensorDtype::Bool, "BOOL", 1}};

[[noreturn]] void fail(const fs::path& path, const std::string& tensor, const std::string& why) {
  throw Error(why, ErrorLocation{path.string(), 0, tensor});
}

std::uint64_t checkedNumel(const fs::path& path, const std::string& name,
                           const std::vector<std::int64_t>& shape) {
  std::uint64_t n = 1;
  for (std::int64_t d : shape) {
    if (d < 0) fail(path, name, "negative dimension in shape");
    if (d != 0 && n > UINT64_MAX / static_cast<std::uint64_t>(d))
      fail(path, name, "shape overflows 64 bits");
    n *= static_cast<std::uint64_t>(d);
  }
  return n;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

}  // namespace

std::string_view dtypeName(TensorDtype dtype) {
  for (const auto& e : kDtypes)
    if (e.dtype == dtype) return e.name;
  return "?";
}

std::size_t dtypeSize(TensorDtype dtype) {
  for (const auto& e : kDtypes)
    if (e.dtype == dtype) return e.size;
  return 0;
}

std::optional<TensorDtype> parseDtypeName(std::string_view name) {
  for (const auto& e : kDtypes)
    if (e.name == name) return e.dtype;
  return std::nullopt;
}

std::int64_t TensorInfo::numel() const {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

SafetensorsFile::SafetensorsFile(const fs::path& path) : m_path(path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(path, "", std::string("cannot open safetensors file: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    fail(path, "", "cannot stat file");
  }
  const auto fileSize = static_cast<std::uint64_t>(st.st_size);
  if (fileSize < 8) {
    ::close(fd);
    fail(
        path, "",
        "truncated: " + std::to_string(fileSize) + " bytes, shorter than the 8-byte header length");
  }
  m_mapSize = static_cast<std::size_t>(fileSize);
  m_map = ::mmap(nullptr, m_mapSize, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (m_map == MAP_FAILED) {
    m_map = nullptr;
    fail(path, "", std::string("cannot map file: ") + std::strerror(errno));
  }
  try {
    const auto* bytes = static_cast<const unsigned char*>(m_map);
    std::uint64_t headerLen = 0;
    std::memcpy(&headerLen, bytes, 8);
    if (headerLen > kMaxHeaderBytes)
      fail(path, "",
           "header length " + std::to_string(headerLen) +
               " is implausible (not a safetensors file?)");
    if (8 + headerLen > fileSize)
      fail(path, "",
           "truncated: header claims " + std::to_string(headerLen) +
               " bytes but the file has only " + std::to_string(fileSize - 8) +
               " after the length field");
    m_dataStart = 8 + headerLen;
    const std::uint64_t dataSize = fileSize - m_dataStart;
    // The header is consumed entry by entry: each tensor's object is checked and kept as a
    // TensorInfo, then dropped from the tree, so a header of 100 MB (the format's bound) never
    // becomes a DOM several times its size.
    struct EntryError {
      std::string name, reason;
    };
    const auto reject = [](const fs::path&, const std::string& name, const std::string& reason) {
      throw EntryError{name, reason};
    };
    const auto addTensor = [&](const std::string& name, const json& v) {
      if (!v.is_object()) reject(path, name, "tensor entry is not an object");
      TensorInfo info;
      info.name = name;
      if (!v.contains("dtype") || !v["dtype"].is_string()) reject(path, name, "missing 'dtype'");
      const auto dt = parseDtypeName(v["dtype"].get<std::string>());
      if (!dt) reject(path, name, "unsupported dtype '" + v["dtype"].get<std::string>() + "'");
      info.dtype = *dt;
      if (!v.contains("shape") || !v["shape"].is_array()) reject(path, name, "missing 'shape'");
      if (v["shape"].size() > kMaxRank) reject(path, name, "shape has more than 16 dimensions");
      for (const auto& d : v["shape"]) {
        if (!d.is_number_integer()) reject(path, name, "shape holds a non-integer");
        if (d.is_number_unsigned() && d.get<std::uint64_t>() > INT64_MAX)
          reject(path, name, "dimension " + d.dump() + " is out of range");
        info.shape.push_back(d.get<std::int64_t>());
      }
      const auto& off = v.contains("data_offsets") ? v["data_offsets"] : json();
      if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() ||
          !off[1].is_number_unsigned())
        reject(path, name, "'data_offsets' must be two non-negative integers");
      info.begin = off[0].get<std::uint64_t>();
      info.end = off[1].get<std::uint64_t>();
      if (info.end < info.begin) reject(path, name, "data_offsets end before they begin");
      const std::uint64_t numel = checkedNumel(path, name, info.shape);
      // shape x dtype size must fit 64 bits too (a lying header could wrap it to a small span).
      if (numel > UINT64_MAX / dtypeSize(info.dtype))
        reject(path, name,
               "shape " + shapeText(info.shape) + " x " + std::string(dtypeName(info.dtype)) +
                   " overflows 64 bits");
      if (numel > static_cast<std::uint64_t>(INT64_MAX))
        reject(path, name,
               "shape " + shapeText(info.shape) + " has more elements than fit 63 bits");
      const std::uint64_t expected = numel * dtypeSize(info.dtype);
      if (expected != info.byteSize())
        reject(path, name,
               "shape " + shapeText(info.shape) + " x " + std::string(dtypeName(info.dtype)) +
                   " needs " + std::to_string(expected) + " bytes but data_offsets span " +
                   std::to_string(info.byteSize()));
      m_tensors.push_back(std::move(info));
    };
    const auto addMetadata = [&](const json& v) {
      if (!v.is_object()) reject(path, "__metadata__", "must be an object of strings");
      for (auto m = v.begin(); m != v.end(); ++m) {
        if (!m.value().is_string()) reject(path, "__metadata__." + m.key(), "must be a string");
        m_metadata[m.key()] = m.value().get<std::string>();
      }
    };
    bool topIsObject = false;
    bool entryFailed = false;
    std::string key;
    const json::parser_callback_t consume = [&](int depth, json::parse_event_t event,
                                                json& parsed) {
      if (depth == 0 && event == json::parse_event_t::object_start) topIsObject = true;
      if (depth != 1 || !topIsObject) return true;
      if (event == json::parse_event_t::key) {
        key = parsed.get<std::string>();
        return true;
      }
      if (event == json::parse_event_t::object_end) {
        try {
          if (key == "__metadata__")
            addMetadata(parsed);
          else
            addTensor(key, parsed);
        } catch (const Error&) {
          entryFailed = true;  // already names the file and the tensor
          throw;
        }
        return false;  // checked and kept: drop it from the tree
      }
      return true;  // a scalar or array entry: left in the tree, refused below
    };
    {
      // Room for every entry up front (an upper bound: the entries that name data_offsets), so
      // the list is never copied while it grows.
      const std::string_view text(reinterpret_cast<const char*>(bytes) + 8, headerLen);
      std::size_t entries = 0;
      for (std::size_t at = text.find("data_offsets"); at != std::string_view::npos;
           at = text.find("data_offsets", at + 12))
        ++entries;
      m_tensors.reserve(entries);
    }
    json header;
    try {
      header = parseJson(std::string_view(reinterpret_cast<const char*>(bytes) + 8, headerLen),
                         JsonSource{path.string(), 1}, static_cast<std::size_t>(kMaxHeaderBytes),
                         consume);
    } catch (const EntryError& e) {
      fail(path, e.name, e.reason);
    } catch (const Error& e) {
      if (entryFailed) throw;
      fail(path, "", "header is not valid JSON: " + e.reason());
    }
    if (!header.is_object()) fail(path, "", "header is not a JSON object");
    // What is left are entries that were not objects.
    for (auto it = header.begin(); it != header.end(); ++it)
      fail(path, it.key(),
           it.key() == "__metadata__" ? "must be an object of strings"
                                      : "tensor entry is not an object");
    std::sort(m_tensors.begin(), m_tensors.end(), [](const TensorInfo& a, const TensorInfo& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    std::uint64_t cursor = 0;
    std::string previous;
    for (const auto& t : m_tensors) {
      // In data order, so a truncated file names the first tensor it cuts into.
      if (t.end > dataSize)
        fail(path, t.name,
             "truncated: tensor ends at data byte " + std::to_string(t.end) +
                 " but the file holds only " + std::to_string(dataSize) + " data bytes");
      if (t.begin < cursor) fail(path, t.name, "data overlaps tensor '" + previous + "'");
      if (t.begin > cursor)
        fail(path, t.name,
             "gap of " + std::to_string(t.begin - cursor) +
                 " unclaimed bytes before this tensor's data");
      cursor = t.end;
      previous = t.name;
    }
    if (cursor != dataSize)
      fail(path, "",
           std::to_string(dataSize - cursor) +
               " trailing bytes after the last tensor (header and file disagree)");
    for (std::size_t i = 0; i < m_tensors.size(); ++i)
      if (!m_index.emplace(m_tensors[i].name, i).second)
        fail(path, m_tensors[i].name, "named twice in the header");
  } catch (...) {
    ::munmap(m_map, m_mapSize);
    m_map = nullptr;
    throw;
  }
}

SafetensorsFile::~SafetensorsFile() {
  if (m_map) ::munmap(m_map, m_mapSize);
}

const TensorInfo* SafetensorsFile::find(std::string_view name) const {
  auto it = m_index.find(std::string(name));
  return it == m_index.end() ? nullptr : &m_tensors[it->second];
}

std::byte* SafetensorsFile::data(const TensorInfo& info) const {
  return static_cast<std::byte*>(m_map) + m_dataStart + info.begin;
}

void writeSafetensors(const fs::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata) {
  json header = json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::uint64_t offset = 0;
  for (const auto& t : tensors) {
    if (t.name.empty() || t.name == "__metadata__")
      throw Error("invalid tensor name", ErrorLocation{path.string(), 0, t.name});
    if (header.contains(t.name))
      throw Error("duplicate tensor name", ErrorLocation{path.string(), 0, t.name});
    const std::uint64_t expected = checkedNumel(path, t.name, t.shape) * dtypeSize(t.dtype);
    if (expected != t.byteSize)
      throw Error("shape " + shapeText(t.shape) + " needs " + std::to_string(expected) +
                      " bytes but " + std::to_string(t.byteSize) + " were given",
                  ErrorLocation{path.string(), 0, t.name});
    header[t.name] = {{"dtype", std::string(dtypeName(t.dtype))},
                      {"shape", t.shape},
                      {"data_offsets", {offset, offset + t.byteSize}}};
    offset += t.byteSize;
  }
  std::string headerText = header.dump();
  // Pad with spaces so the data section starts 8-byte aligned (lets readers map without copies).
  while ((headerText.size() + 8) % 8 != 0) headerText.push_back(' ');
  const std::uint64_t headerLen = headerText.size();

  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  std::mt19937_64 rng(std::random_device{}());
  const fs::path tmp =
      path.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rng() % 1000000);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error("cannot write " + tmp.string() + " (permission or missing folder?)");
    out.write(reinterpret_cast<const char*>(&headerLen), 8);
    out.write(headerText.data(), static_cast<std::streamsize>(headerText.size()));
    for (const auto& t : tensors)
      out.write(static_cast<const char*>(t.data), static_cast<std::streamsize>(t.byteSize));
    out.flush();
    if (!out) {
      out.close();
      fs::remove(tmp, ec);
      throw Error("writing " + path.string() + " failed (disk full?); the previous file is kept");
    }
  }
  if (FILE* f = std::fopen(tmp.c_str(), "rb")) {  // durable bytes before the rename
    ::fsync(fileno(f));
    std::fclose(f);
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw Error("cannot replace " + path.string() + ": " + ec.message());
  }
}

}  // namespace catdpo
