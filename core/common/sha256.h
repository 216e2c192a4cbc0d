// SPDX-License-Identifier: MIT
// SHA-256 (FIPS 180-4), used for data fingerprints, PKU-SafeRLHF's per-response hashes and
// cache keys. Incremental so multi-gigabyte inputs can be hashed while they stream past.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace catdpo {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  void update(const void* data, std::size_t size);
  // Finishes the hash; the object is reset afterwards and can hash a new message.
  std::array<std::uint8_t, 32> digest();
  // Lower-case hex of digest().
  std::string hexDigest();
  void reset();

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> m_state{};
  std::array<std::uint8_t, 64> m_buffer{};
  std::size_t m_buffered = 0;
  std::uint64_t m_totalBytes = 0;
};

// Lower-case hex SHA-256 of `bytes`.
std::string sha256Hex(std::string_view bytes);

// HMAC-SHA256 (RFC 2104) of `message` under `key`.
std::array<std::uint8_t, 32> hmacSha256(std::string_view key, std::string_view message);

}  // namespace catdpo
