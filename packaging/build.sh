#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures (once) and builds a preset quietly: prints only warnings, errors and a summary.
# Usage: packaging/build.sh [preset] [targets...]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
shift || true
# ccache shares results between clones of this repository at other paths.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
if [ ! -f "build/$preset/build.ninja" ]; then
  out=$(cmake --preset "$preset" 2>&1) || { echo "$out" >&2; exit 1; }
fi
log="build/$preset/build.log"
if ! cmake --build "build/$preset" ${@:+--target "$@"} >"$log" 2>&1; then
  grep -E "error|Error|FAILED" -A3 "$log" | head -60 >&2
  echo "build failed: full log in $log" >&2
  exit 1
fi
