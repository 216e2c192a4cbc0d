// SPDX-License-Identifier: MIT
// Streaming reader for plain or gzip-compressed text (zlib reads both transparently), by line
// or by character, with a 64 KiB buffer: a multi-gigabyte data file is never held in memory.
#pragma once

#include <cstdint>
#include <string>

namespace catdpo {

class TextReader {
 public:
  // Throws catdpo::Error naming the file when it cannot be opened.
  explicit TextReader(std::string path);
  ~TextReader();
  TextReader(const TextReader&) = delete;
  TextReader& operator=(const TextReader&) = delete;

  // Next line without its '\n' (and a trailing '\r'); false at end of input.
  bool readLine(std::string& line);
  // Next byte (0..255) or -1 at end of input. Counts lines like readLine.
  int get();
  // Next byte without consuming it, or -1.
  int peek();
  // 1-based number of the line the last returned byte or line belongs to.
  std::int64_t lineNumber() const { return m_line; }
  const std::string& path() const { return m_path; }

 private:
  bool fill();

  std::string m_path;
  void* m_gz = nullptr;  // gzFile, kept opaque so zlib.h stays out of the header
  std::string m_buffer;
  std::size_t m_pos = 0;
  std::int64_t m_line = 0;
  bool m_atLineStart = true;
  bool m_eof = false;
};

}  // namespace catdpo
