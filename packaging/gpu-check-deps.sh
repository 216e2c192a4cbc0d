#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fills the folder packaging/gpu-check.sh takes to a machine without network (default
# build/gpu-deps, ignored by git, about 1 MB): the Debian 12 packages of the small libraries a
# GPU server may lack (SQLite's headers and library link, utf8proc's headers and runtime),
# downloaded with apt-get download (nothing is installed), and the small fixture files the
# engine checks read (tiny models with their reference logits; from $CATDPO_FIXTURES or
# ../shared/fixtures when present).
# Usage: packaging/gpu-check-deps.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build/gpu-deps}
mkdir -p "$dir/debs"
packages=(libsqlite3-dev libsqlite3-0 libutf8proc-dev libutf8proc2)
(
  cd "$dir/debs"
  for p in "${packages[@]}"; do
    if ! ls "${p}"_*.deb >/dev/null 2>&1; then
      apt-get download "$p" >/dev/null 2>&1 || { echo "apt-get download $p failed" >&2; exit 1; }
    fi
  done
)
fixtures=${CATDPO_FIXTURES:-../shared/fixtures}
if [ -d "$fixtures/models" ]; then
  mkdir -p "$dir/fixtures/models"
  cp -f "$fixtures"/models/tiny_* "$dir/fixtures/models/"
else
  echo "no fixtures at $fixtures: the engine checks' parity cases will be skipped there" >&2
fi
du -sh "$dir" | awk '{print "gpu-check dependencies in " $2 ": " $1}'
