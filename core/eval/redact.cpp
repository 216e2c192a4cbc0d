// SPDX-License-Identifier: MIT
// Plain string scanning (no regex: the texts come from servers we do not control, and a
// backtracking regex over megabytes would be a hang of its own).
#include "eval/redact.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace catdpo {
namespace {

constexpr const char* kMask = "***";

bool tokenChar(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' ||
         c == '=';
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool secretName(std::string_view name) {
  const std::string n = lower(name);
  for (const char* word : {"key", "token", "secret", "password", "passwd", "pwd", "auth",
                           "credential", "signature", "sig", "session", "cookie"})
    if (n.find(word) != std::string::npos) return true;
  return false;
}

// Replaces every occurrence of `needle` in `text`.
void replaceAll(std::string& text, std::string_view needle, std::string_view with) {
  if (needle.empty()) return;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + with.size()))
    text.replace(at, needle.size(), with);
}

// URLs inside free text: scheme://user:pw@ -> scheme://***@ and query values masked.
std::string redactUrlsIn(const std::string& text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t scheme = text.find("://", pos);
    if (scheme == std::string::npos) break;
    std::size_t start = scheme;
    while (start > pos && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
    std::size_t end = scheme + 3;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
           text[end] != '"' && text[end] != '\'' && text[end] != '<' && text[end] != '>')
      ++end;
    out.append(text, pos, start - pos);
    out += redactUrl(std::string_view(text).substr(start, end - start));
    pos = end;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

// "Bearer abc", "Basic abc", "Authorization: x y" and "name": "value" / name=value pairs whose
// name looks like a credential.
std::string maskCredentials(const std::string& text) {
  std::string out = text;
  const std::string low = lower(text);
  struct Span {
    std::size_t begin, end;
  };
  std::vector<Span> spans;
  auto valueAfter = [&](std::size_t i) {
    while (i < out.size() &&
           (out[i] == ' ' || out[i] == '"' || out[i] == '\'' || out[i] == ':' || out[i] == '='))
      ++i;
    std::size_t j = i;
    while (j < out.size() && tokenChar(static_cast<unsigned char>(out[j]))) ++j;
    if (j > i) spans.push_back({i, j});
  };
  for (const char* word : {"bearer ", "basic ", "authorization:", "x-api-key:", "api-key:"}) {
    for (std::size_t at = low.find(word); at != std::string::npos; at = low.find(word, at + 1))
      valueAfter(at + std::char_traits<char>::length(word));
  }
  // name=value, "name": "value", name: value
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] != '=' && out[i] != ':') continue;
    std::size_t nameEnd = i;
    while (nameEnd > 0 &&
           (out[nameEnd - 1] == '"' || out[nameEnd - 1] == '\'' || out[nameEnd - 1] == ' '))
      --nameEnd;
    std::size_t nameBegin = nameEnd;
    while (nameBegin > 0 && (std::isalnum(static_cast<unsigned char>(out[nameBegin - 1])) ||
                             out[nameBegin - 1] == '_' || out[nameBegin - 1] == '-'))
      --nameBegin;
    if (nameEnd > nameBegin &&
        secretName(std::string_view(out).substr(nameBegin, nameEnd - nameBegin)))
      valueAfter(i + 1);
  }
  // sk-..., key-... style tokens: a known prefix followed by a long token.
  for (const char* prefix : {"sk-", "sk_", "pk-", "rk-", "key-", "ghp_", "xox"}) {
    for (std::size_t at = low.find(prefix); at != std::string::npos;
         at = low.find(prefix, at + 1)) {
      if (at > 0 && tokenChar(static_cast<unsigned char>(out[at - 1]))) continue;
      std::size_t j = at;
      while (j < out.size() && tokenChar(static_cast<unsigned char>(out[j]))) ++j;
      if (j - at >= 12) spans.push_back({at, j});
    }
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin > b.begin; });
  std::size_t limit = std::string::npos;
  for (const Span& s : spans) {
    if (s.end > limit) continue;  // overlapping an already masked span
    out.replace(s.begin, s.end - s.begin, kMask);
    limit = s.begin;
  }
  return out;
}

}  // namespace

std::string redactUrl(std::string_view url) {
  std::string u(url);
  const std::size_t scheme = u.find("://");
  const std::size_t hostStart = scheme == std::string::npos ? 0 : scheme + 3;
  std::size_t hostEnd = u.find_first_of("/?#", hostStart);
  if (hostEnd == std::string::npos) hostEnd = u.size();
  const std::size_t at = u.rfind('@', hostEnd);
  if (at != std::string::npos && at >= hostStart) {
    u.replace(hostStart, at - hostStart, kMask);
    hostEnd = hostEnd - (at - hostStart) + std::char_traits<char>::length(kMask);
  }
  std::size_t query = u.find('?', hostEnd);
  if (query == std::string::npos) return u;
  std::string out = u.substr(0, query + 1);
  const std::size_t fragment = u.find('#', query);
  const std::string params =
      u.substr(query + 1, fragment == std::string::npos ? std::string::npos : fragment - query - 1);
  std::size_t p = 0;
  bool first = true;
  while (p <= params.size()) {
    std::size_t amp = params.find('&', p);
    if (amp == std::string::npos) amp = params.size();
    const std::string pair = params.substr(p, amp - p);
    if (!first) out += '&';
    first = false;
    const std::size_t eq = pair.find('=');
    out += eq == std::string::npos ? pair : pair.substr(0, eq + 1) + kMask;
    p = amp + 1;
  }
  if (fragment != std::string::npos) out += "#" + std::string(kMask);
  return out;
}

std::string redactJudgeSpec(std::string_view spec) {
  if (spec.rfind("llm:", 0) != 0) return std::string(spec);
  const std::string_view rest = spec.substr(4);
  const std::size_t hash = rest.find('#');
  const std::string_view url = rest.substr(0, hash);
  return "llm:" + redactUrl(url) +
         (hash == std::string_view::npos ? std::string() : std::string(rest.substr(hash)));
}

std::string redactSecrets(std::string_view text, std::string_view secret) {
  std::string out(text);
  if (secret.size() >= 4) replaceAll(out, secret, kMask);
  out = redactUrlsIn(out);
  return maskCredentials(out);
}

std::string safeExcerpt(std::string_view text, std::string_view secret, std::size_t maxBytes,
                        bool multiline) {
  // Cut generously first (bounded work), redact, then clean and cut to the final length.
  const std::string_view head = text.substr(0, std::min(text.size(), maxBytes * 4 + 256));
  const std::string redacted = redactSecrets(head, secret);
  std::string out;
  std::size_t i = 0;
  bool cut = text.size() > head.size();
  while (i < redacted.size()) {
    const auto c = static_cast<unsigned char>(redacted[i]);
    int len = c < 0x80                ? 1
              : c >= 0xF0 && c < 0xF5 ? 4
              : c >= 0xE0             ? 3
              : c >= 0xC2 && c < 0xE0 ? 2
                                      : 0;
    bool valid = len > 0 && i + static_cast<std::size_t>(len) <= redacted.size();
    for (int k = 1; valid && k < len; ++k)
      valid = (static_cast<unsigned char>(redacted[i + k]) & 0xC0) == 0x80;
    std::string piece;
    if (!valid) {
      piece = "\xEF\xBF\xBD";
      len = 1;
    } else if (len == 1 && (c < 0x20 || c == 0x7F)) {
      piece = multiline && (c == '\n' || c == '\t') ? std::string(1, static_cast<char>(c)) : " ";
    } else {
      piece = redacted.substr(i, static_cast<std::size_t>(len));
    }
    if (out.size() + piece.size() > maxBytes) {
      cut = true;
      break;
    }
    out += piece;
    i += static_cast<std::size_t>(len);
  }
  if (cut) out += "...";
  return out;
}

}  // namespace catdpo
