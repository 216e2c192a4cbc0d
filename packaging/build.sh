#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures (once) and builds a preset quietly: prints only warnings, errors and a summary.
# Usage: packaging/build.sh [preset] [targets...]
# Preset `cuda` is the GPU user's build: it first makes build/pyenv (packaging/python-env.sh) and
# builds against the LibTorch of the PyTorch wheel there (CUDA compiled in; it runs on the CPU too).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
shift || true
# ccache shares results between clones of this repository at other paths.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
configure=(cmake --preset "$preset")
if [ "$preset" = cuda ]; then
  packaging/python-env.sh
  configure+=(-DCMAKE_PREFIX_PATH="$(packaging/python-env.sh --print-cmake-prefix)")
fi
if [ ! -f "build/$preset/build.ninja" ]; then
  out=$("${configure[@]}" 2>&1) || { echo "$out" >&2; exit 1; }
fi
log="build/$preset/build.log"
if ! cmake --build "build/$preset" ${@:+--target "$@"} >"$log" 2>&1; then
  grep -E "error|Error|FAILED" -A3 "$log" | head -60 >&2
  echo "build failed: full log in $log" >&2
  exit 1
fi
