// SPDX-License-Identifier: MIT
// Making files survive a crash or a power cut: fsync of a file's bytes, of a folder (so a
// rename or a new entry in it is on disk), of a whole tree, and a "move into place" that
// replaces a folder only once the new one is complete and on disk. Also the sha256 manifest
// (sha256sum format) that lets a reader tell an intact folder from a damaged one.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace catdpo {

// fsync of a file or folder; throws catdpo::Error naming it when the system refuses.
void syncPath(const std::filesystem::path& path);
// fsync of every file and folder under `root` (root included), deepest first.
void syncTree(const std::filesystem::path& root);

// Renames the complete, synced folder `staged` to `target` and syncs their parent: an old
// `target` is first moved aside and removed only after the new one is in place, so a crash at
// any moment leaves the old folder or the new one, never neither.
void replaceFolder(const std::filesystem::path& staged, const std::filesystem::path& target);

// Writes `<root>/<manifestName>`: one "<sha256>  <relative path>" line per regular file under
// `root` (sorted; the manifest itself excluded). Returns the sha256 of the manifest's text,
// which identifies the whole folder's content.
std::string writeManifest(const std::filesystem::path& root, const std::string& manifestName);
// Checks a folder against its manifest: nullopt when every listed file exists with its hash
// (and, when `expectedSha` is not empty, the manifest's own hash matches it); otherwise why not.
std::optional<std::string> verifyManifest(const std::filesystem::path& root,
                                          const std::string& manifestName,
                                          const std::string& expectedSha);
// Lower-case hex sha256 of a file's bytes (streamed).
std::string fileSha256(const std::filesystem::path& file);

}  // namespace catdpo
