#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fails when the engine stops compiling against LibTorch 2.x. Every source that includes
# LibTorch (the engine, its tests and benchmarks; from build/dev's compile_commands.json, with the
# project's own include paths and definitions) is compiled syntax-only against 2.x headers:
# by default Debian 13 (trixie)'s libtorch-dev 2.6 and libgloo-dev, fetched with apt-get
# download through a private sources list into build/torch2/ and unpacked there with dpkg -x
# (nothing is installed; the system's package lists are untouched). CUDA-only code is not
# checked (no CUDA headers here). Called by .ci/run; a few minutes when cold.
# Usage: packaging/check-torch2.sh [--headers DIR] [--jobs N]
#   --headers DIR  an unpacked LibTorch's include folder instead (e.g. libtorch/include)
set -euo pipefail
cd "$(dirname "$0")/.."
headers=""
jobs=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --headers) headers=$2; shift ;;
    --jobs) jobs=$2; shift ;;
    *) echo "usage: packaging/check-torch2.sh [--headers DIR] [--jobs N]" >&2; exit 2 ;;
  esac
  shift
done

if [ ! -f build/dev/compile_commands.json ]; then
  out=$(cmake --preset dev 2>&1) || { echo "$out" >&2; exit 1; }
fi

if [ -z "$headers" ]; then
  dir=$PWD/build/torch2
  if [ ! -f "$dir/root/usr/include/torch/csrc/api/include/torch/version.h" ]; then
    mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/debs"
    cat >"$dir/trixie.sources" <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt=(-o Dir::Etc::sourcelist="$dir/trixie.sources" -o Dir::Etc::sourceparts=-
         -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" -o Debug::NoLocking=1
         -o APT::Sandbox::User=root)
    echo "fetching Debian trixie's libtorch-dev headers into $dir"
    apt-get "${apt[@]}" update -qq >"$dir/apt.log" 2>&1 || { cat "$dir/apt.log" >&2; exit 1; }
    (cd "$dir/debs" && apt-get "${apt[@]}" download libtorch-dev libgloo-dev >>"$dir/apt.log" 2>&1) ||
      { cat "$dir/apt.log" >&2; exit 1; }
    rm -rf "$dir/root" && mkdir -p "$dir/root"
    for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
  fi
  headers=$dir/root/usr/include
fi
exec python3 packaging/torch2_syntax_check.py --headers "$headers" --jobs "$jobs" \
  --compile-commands build/dev/compile_commands.json
