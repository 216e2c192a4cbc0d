#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The sanitizer job, run by hand or nightly (not by .ci/run: a cold build is longer than CI's
# budget): the engine, the CLI, the engine's unit tests and the fuzz corpus replays built with
# AddressSanitizer + UndefinedBehaviorSanitizer (preset `asan`, without the Qt app and the
# benchmarks), then those tests run (labels unit and fuzz, two at a time). Any sanitizer report
# fails the test that triggered it.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
start=$(date +%s)
if [ ! -f build/asan/build.ninja ]; then
  out=$(cmake --preset asan -DCATDPO_BUILD_GUI=OFF -DCATDPO_BUILD_BENCH=OFF 2>&1) ||
    { echo "$out" >&2; exit 1; }
fi
# Only what the tests below need: no Qt app, no benchmarks, no slow end-to-end tests.
mapfile -t tests < <(cd build/asan && ctest -N -L 'unit|fuzz' | sed -n 's/^ *Test *#[0-9]*: //p')
log=build/asan/build.log
if ! cmake --build build/asan --target catdpo "${tests[@]}" >"$log" 2>&1; then
  grep -E "error|Error|FAILED" -A3 "$log" | head -60 >&2
  echo "sanitizer build failed: full log in $log" >&2
  exit 1
fi
built=$(date +%s)
echo "sanitizer build: $((built - start)) s (${#tests[@]} tests)"
cd build/asan
# Leaks are not checked (LibTorch keeps allocations until exit); every other report is fatal.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest -j2 -L 'unit|fuzz' --output-on-failure --timeout 1200 "$@"
echo "sanitizer tests: $(($(date +%s) - built)) s"
