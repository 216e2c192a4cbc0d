// SPDX-License-Identifier: MIT
// Shared by the fuzz targets: the libFuzzer entry point's signature, and a scratch file for
// loaders that read a path (one per process, rewritten for every input).
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace catdpo::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// <tmp>/catdpo-fuzz-<pid>: this process's scratch folder.
inline const std::filesystem::path& scratchDir() {
  static const std::filesystem::path dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::filesystem::path d = std::filesystem::path(tmp && *tmp ? tmp : "/tmp") /
                              ("catdpo-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

// Writes the input to scratchDir()/<name> and returns that path.
inline std::filesystem::path scratchFile(const std::string& name, std::string_view bytes) {
  const std::filesystem::path file = scratchDir() / name;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return file;
}

}  // namespace catdpo::fuzz
