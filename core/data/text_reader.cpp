// SPDX-License-Identifier: MIT
// zlib's gz* functions read uncompressed files as they are, so one code path serves .jsonl and
// .jsonl.gz; a truncated or corrupt .gz surfaces as an error naming the file and line (zlib's
// gzread returns 0 for a stream cut short: only gzerror tells it from the end of the file).
#include "data/text_reader.h"

#include <zlib.h>

#include "common/error.h"

namespace catdpo {
namespace {
constexpr unsigned kChunk = 64 * 1024;
}

TextReader::TextReader(std::string path) : m_path(std::move(path)) {
  gzFile file = gzopen(m_path.c_str(), "rb");
  if (!file) throw Error("cannot open file", ErrorLocation{m_path, 0, ""});
  gzbuffer(file, kChunk);
  m_gz = file;
}

TextReader::~TextReader() {
  if (m_gz) gzclose(static_cast<gzFile>(m_gz));
}

void TextReader::damaged(std::string why) {
  m_eof = true;
  m_buffer.clear();
  m_pos = 0;
  m_damage = std::move(why);
  if (!m_tolerate) throw Error(m_damage, ErrorLocation{m_path, m_line, ""});
}

bool TextReader::fill() {
  if (m_eof) return false;
  auto* file = static_cast<gzFile>(m_gz);
  m_buffer.resize(kChunk);
  const int got = gzread(file, m_buffer.data(), kChunk);
  if (got < 0) {
    int code = 0;
    const char* what = gzerror(file, &code);
    damaged(std::string("the compressed data is corrupt (") + (what ? what : "zlib error") +
            "); reading stopped here");
    return false;
  }
  m_buffer.resize(static_cast<std::size_t>(got));
  m_pos = 0;
  if (got == 0) {
    // zlib reports a stream that stops mid-way only through gzerror: Z_BUF_ERROR at the end.
    int code = Z_OK;
    const char* what = gzerror(file, &code);
    if (code != Z_OK) {
      damaged(code == Z_BUF_ERROR
                  ? std::string("the compressed file is cut short: its data ends before the "
                                "gzip end marker (gzip -t fails); reading stopped here")
                  : std::string("the compressed data is damaged (") + (what ? what : "zlib") +
                        "); reading stopped here");
      return false;
    }
    m_eof = true;
    return false;
  }
  return true;
}

int TextReader::peek() {
  if (m_pos >= m_buffer.size() && !fill()) return -1;
  return static_cast<unsigned char>(m_buffer[m_pos]);
}

bool TextReader::skipUtf8Bom() {
  if (m_pos >= m_buffer.size() && !fill()) return false;
  // The first fill holds 64 KiB (or the whole file), so all three bytes are in the buffer.
  if (m_buffer.compare(m_pos, 3, "\xEF\xBB\xBF") != 0) return false;
  m_pos += 3;
  return true;
}

int TextReader::get() {
  if (m_pos >= m_buffer.size() && !fill()) return -1;
  const int c = static_cast<unsigned char>(m_buffer[m_pos++]);
  if (m_atLineStart) {
    ++m_line;
    m_atLineStart = false;
  }
  if (c == '\n') m_atLineStart = true;
  return c;
}

bool TextReader::readLine(std::string& line) {
  line.clear();
  m_lastTooLong = false;
  m_lastBytes = 0;
  if (m_pos >= m_buffer.size() && !fill()) return false;
  // A line partly consumed by get() (leading blanks, say) keeps its number.
  if (m_atLineStart) ++m_line;
  m_atLineStart = true;
  while (true) {
    if (m_pos >= m_buffer.size() && !fill()) break;
    const std::size_t end = m_buffer.find('\n', m_pos);
    const std::size_t stop = end == std::string::npos ? m_buffer.size() : end;
    const std::size_t n = stop - m_pos;
    m_lastBytes += n;
    if (!m_lastTooLong) {
      // Beyond the maximum the rest of the line is only counted, never stored.
      const std::size_t room = m_maxLine - line.size();
      if (n > room) {
        line.append(m_buffer, m_pos, room);
        m_lastTooLong = true;
      } else {
        line.append(m_buffer, m_pos, n);
      }
    }
    m_pos = end == std::string::npos ? m_buffer.size() : end + 1;
    if (end != std::string::npos) break;
  }
  if (!m_lastTooLong && !line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace catdpo
