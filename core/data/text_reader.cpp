// SPDX-License-Identifier: MIT
// zlib's gz* functions read uncompressed files as they are, so one code path serves .jsonl and
// .jsonl.gz; a truncated or corrupt .gz surfaces as an error naming the file and line.
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

bool TextReader::fill() {
  if (m_eof) return false;
  m_buffer.resize(kChunk);
  const int got = gzread(static_cast<gzFile>(m_gz), m_buffer.data(), kChunk);
  if (got < 0) {
    int code = 0;
    const char* what = gzerror(static_cast<gzFile>(m_gz), &code);
    throw Error(std::string("cannot read (corrupt or truncated compressed data?): ") +
                    (what ? what : "unknown zlib error"),
                ErrorLocation{m_path, m_line, ""});
  }
  m_buffer.resize(static_cast<std::size_t>(got));
  m_pos = 0;
  if (got == 0) {
    m_eof = true;
    return false;
  }
  return true;
}

int TextReader::peek() {
  if (m_pos >= m_buffer.size() && !fill()) return -1;
  return static_cast<unsigned char>(m_buffer[m_pos]);
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
  if (m_pos >= m_buffer.size() && !fill()) return false;
  ++m_line;
  m_atLineStart = true;
  while (true) {
    if (m_pos >= m_buffer.size() && !fill()) break;
    const std::size_t end = m_buffer.find('\n', m_pos);
    if (end == std::string::npos) {
      line.append(m_buffer, m_pos, std::string::npos);
      m_pos = m_buffer.size();
      continue;
    }
    line.append(m_buffer, m_pos, end - m_pos);
    m_pos = end + 1;
    break;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace catdpo
