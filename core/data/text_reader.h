// SPDX-License-Identifier: MIT
// Streaming reader for plain or gzip-compressed text (zlib reads both transparently), by line
// or by character, with a 64 KiB buffer: a multi-gigabyte data file is never held in memory,
// and a line longer than the set maximum is skipped to its end rather than collected. A cut or
// corrupt .gz is an error, or (when tolerated) a recorded damage the caller reports.
#pragma once

#include <cstddef>
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

  // Next line without its '\n' (and a trailing '\r'); false at end of input. A line longer
  // than maxLineBytes() comes back cut to that length with lastLineTooLong() set.
  bool readLine(std::string& line);
  void setMaxLineBytes(std::size_t bytes) { m_maxLine = bytes; }
  std::size_t maxLineBytes() const { return m_maxLine; }
  bool lastLineTooLong() const { return m_lastTooLong; }
  // Bytes of the last line read (before any cut).
  std::uint64_t lastLineBytes() const { return m_lastBytes; }
  // false (the default): a cut or corrupt compressed file throws catdpo::Error naming the file
  // and line. true: reading stops there as at the end of the file, and damage() says why.
  void setTolerateDamage(bool tolerate) { m_tolerate = tolerate; }
  // Empty, or why the input ended early ("the compressed data ends early ...").
  const std::string& damage() const { return m_damage; }
  // Next byte (0..255) or -1 at end of input. Counts lines like readLine.
  int get();
  // Next byte without consuming it, or -1.
  int peek();
  // Skips a UTF-8 byte order mark (exactly EF BB BF) at the current position; true if there
  // was one. Does not count as a character of the line.
  bool skipUtf8Bom();
  // 1-based number of the line the last returned byte or line belongs to.
  std::int64_t lineNumber() const { return m_line; }
  const std::string& path() const { return m_path; }

 private:
  bool fill();
  void damaged(std::string why);

  std::string m_path;
  void* m_gz = nullptr;  // gzFile, kept opaque so zlib.h stays out of the header
  std::string m_buffer;
  std::size_t m_pos = 0;
  std::int64_t m_line = 0;
  bool m_atLineStart = true;
  bool m_eof = false;
  std::size_t m_maxLine = SIZE_MAX;
  bool m_lastTooLong = false;
  std::uint64_t m_lastBytes = 0;
  bool m_tolerate = false;
  std::string m_damage;
};

}  // namespace catdpo
