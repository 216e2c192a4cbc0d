#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Keeps the run store's rule that only SQLite opens a database file (docs/ARCHITECTURE.md, "One
# workspace, many openers"): no call in core/store opens, copies or maps a file by itself, except
# writer_identity.cpp, which reads the kernel's /proc files to tell whether a writer is alive,
# and a call whose line above says "store-check: not a database file" (a run's lock file).
# Usage: check_store_sources.sh STORE_FOLDER      (exit 1 and file:line for every offending call)
#        check_store_sources.sh --self-test       (the check must catch a planted call)
set -euo pipefail
pattern='fopen|freopen|std::(i|o)?fstream|[^_a-z]open\(|openat\(|QFile|copy_file|fs::copy\(|filesystem::copy\(|mmap\('
check() {
  local folder=$1 found
  found=$(grep -nE -B1 "$pattern" "$folder"/*.cpp "$folder"/*.h 2>/dev/null |
    awk '/store-check: not a database file/ { skip = 1; next }
         /^[^:]*:[0-9]+:/ { if (!skip) print; skip = 0; next } { skip = 0 }' |
    grep -vE '^[^:]*/writer_identity\.cpp:' | grep -vE '^[^:]*:[0-9]+: *//' || true)
  if [ -n "$found" ]; then
    echo "core/store opens files outside SQLite (closing such a descriptor drops the process's" >&2
    echo "SQLite locks on the database; see docs/ARCHITECTURE.md):" >&2
    echo "$found" >&2
    return 1
  fi
}
if [ "${1:-}" = --self-test ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  printf 'int ok() { return 0; }\n// fopen in a comment is fine\n' >"$tmp/fine.cpp"
  check "$tmp" || { echo "self-test: a clean folder was refused" >&2; exit 1; }
  printf '// store-check: not a database file\nint fd = ::open(lock, O_RDWR);\n' >"$tmp/lock.cpp"
  check "$tmp" || { echo "self-test: a marked lock file was refused" >&2; exit 1; }
  rm "$tmp/lock.cpp"
  for planted in 'std::FILE* f = std::fopen(path.c_str(), "rb");' 'std::ifstream in(path);' \
                 'int fd = ::open(path.c_str(), O_RDONLY);' 'fs::copy_file(a, b);'; do
    printf '%s\n' "$planted" >"$tmp/bad.cpp"
    if check "$tmp" 2>/dev/null; then echo "self-test: missed: $planted" >&2; exit 1; fi
  done
  echo "self-test passed"
  exit 0
fi
check "${1:?usage: check_store_sources.sh STORE_FOLDER | --self-test}"
echo "core/store: only SQLite opens database files"
