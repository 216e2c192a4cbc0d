// SPDX-License-Identifier: MIT
#include "store/run_location.h"

#include <cstdio>

#include "common/json_input.h"
#include "common/paths.h"

namespace catdpo {
namespace fs = std::filesystem;

bool isValidRunId(std::string_view id) {
  if (id.empty() || id.size() > kMaxRunIdLength || id.front() == '-') return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

void requireValidRunId(std::string_view id, const ErrorLocation& where) {
  if (isValidRunId(id)) return;
  throw Error("invalid run id '" + escapeForDisplay(id, 80) +
                  "': ids have 1 to 64 characters from A-Z, a-z, 0-9, '-' and '_' (not "
                  "starting with '-')",
              where);
}

fs::path runsRoot() { return userDataDir() / "runs"; }

fs::path runFolder(std::string_view runId) {
  requireValidRunId(runId, ErrorLocation{"", 0, "run"});
  const fs::path root = runsRoot();
  fs::path folder = root / std::string(runId);
  if (!pathInside(folder, root))
    throw Error("the folder of run " + std::string(runId) + " (" + folder.string() +
                    ") leads outside " + root.string() + " (a symbolic link?); refusing to use it",
                ErrorLocation{folder.string(), 0, ""});
  return folder;
}

fs::path runFolder(const RunRecord& run) { return runFolder(run.id); }

bool isImportedRun(const RunRecord& run) {
  if (run.untrustedJson.empty()) return false;
  nlohmann::json j;
  std::string ignored;
  // Unreadable markings count as imported: the safe side.
  if (!tryParseJson(run.untrustedJson, {"untrusted_json", 1}, j, ignored) || !j.is_object())
    return true;
  return j.contains("imported_from");
}

fs::path runOutputFolder(const RunRecord& run, const RunStore& store) {
  const fs::path own = runFolder(run);
  if (isImportedRun(run)) return own;
  if (!run.outputFolder.empty()) return fs::path(run.outputFolder);
  // Recorded before schema 6: an --out folder is known from the run's own checkpoint rows.
  const auto latest = store.latestCheckpoint(run.id);
  if (!latest || latest->path.empty()) return own;
  const fs::path checkpoint(latest->path);
  const fs::path checkpoints = checkpoint.parent_path();
  if (checkpoints.filename() != "checkpoints" || checkpoints.parent_path().empty()) return own;
  return checkpoints.parent_path();
}

fs::path finalModelFolder(const RunRecord& run, const RunStore& store) {
  return runOutputFolder(run, store) / "final";
}

bool pathInside(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) return false;
  const fs::path r = fs::weakly_canonical(fs::absolute(root, ec), ec);
  if (ec) return false;
  const fs::path rel = p.lexically_relative(r);
  if (rel.empty() || rel == "." || rel.is_absolute()) return false;
  return *rel.begin() != "..";
}

std::optional<fs::path> checkpointInside(const CheckpointRecord& checkpoint,
                                         const fs::path& outputFolder) {
  if (checkpoint.path.empty()) return std::nullopt;
  const fs::path path(checkpoint.path);
  if (!pathInside(path, outputFolder / "checkpoints")) return std::nullopt;
  return path;
}

std::string escapeForDisplay(std::string_view text, std::size_t maxBytes) {
  std::string out;
  std::size_t i = 0;
  char buf[16];
  while (i < text.size() && out.size() < maxBytes) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    // A well-formed multi-byte UTF-8 sequence that is not a control or bidi character stays.
    int len = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    std::uint32_t cp = 0;
    if (len > 0 && i + len <= text.size()) {
      cp = c & (0x7F >> len);
      for (int k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if ((b & 0xC0) != 0x80) {
          len = 0;
          break;
        }
        cp = (cp << 6) | (b & 0x3F);
      }
    } else {
      len = 0;
    }
    const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                      cp == 0x200E || cp == 0x200F || cp == 0x061C;
    const bool control = cp >= 0x80 && cp < 0xA0;
    if (len > 0 && !bidi && !control && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
      out.append(text.substr(i, static_cast<std::size_t>(len)));
      i += static_cast<std::size_t>(len);
      continue;
    }
    if (len > 0) {
      std::snprintf(buf, sizeof buf, "\\u{%X}", static_cast<unsigned>(cp));
      i += static_cast<std::size_t>(len);
    } else {
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(c));
      ++i;
    }
    out += buf;
  }
  if (i < text.size()) out += "...";
  return out;
}

}  // namespace catdpo
