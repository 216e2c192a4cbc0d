#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The sanitizer job: engine code built with AddressSanitizer + UndefinedBehaviorSanitizer (preset
# `asan`, without the Qt app and the benchmarks), its tests run with every sanitizer report
# fatal. Two scopes:
#   packaging/sanitize.sh --ci   (what .ci/run calls; minutes) the modules that read files
#       without LibTorch (common, data, text, store, the evaluation summaries and judges): their
#       unit tests and the corpus replays of their fuzz targets (CTest label `sanitize`), then
#       the libFuzzer builds of all five fuzz targets (clang, ASan + UBSan) over their corpora,
#       which covers the safetensors and config.json readers without building LibTorch code.
#   packaging/sanitize.sh        (by hand or nightly; a cold build of the whole engine is longer
#       than CI's budget on two cores) the engine, the CLI, every unit test and corpus replay
#       (labels unit and fuzz).
# Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
scope=full
if [ "${1:-}" = "--ci" ]; then
  scope=ci
  shift
fi
labels='unit|fuzz'
[ "$scope" = ci ] && labels='sanitize'
start=$(date +%s)
if [ ! -f build/asan/build.ninja ]; then
  out=$(cmake --preset asan -DCATDPO_BUILD_GUI=OFF -DCATDPO_BUILD_BENCH=OFF 2>&1) ||
    { echo "$out" >&2; exit 1; }
fi
mapfile -t tests < <(cd build/asan && ctest -N -L "$labels" | sed -n 's/^ *Test *#[0-9]*: //p')
if [ "${#tests[@]}" -eq 0 ]; then
  echo "sanitizer job: no test carries the label(s) $labels" >&2
  exit 1
fi
targets=("${tests[@]}")
[ "$scope" = full ] && targets+=(catdpo)
log=build/asan/build.log
if ! cmake --build build/asan --target "${targets[@]}" >"$log" 2>&1; then
  grep -E "error|Error|FAILED" -A3 "$log" | head -60 >&2
  echo "sanitizer build failed: full log in $log" >&2
  exit 1
fi
built=$(date +%s)
echo "sanitizer build ($scope): $((built - start)) s, ${#tests[@]} tests"
# Leaks are not checked (LibTorch keeps allocations until exit); every other report is fatal.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build/asan && ctest -j2 -L "$labels" --output-on-failure --timeout 1200 "$@")
echo "sanitizer tests: $(($(date +%s) - built)) s"
if [ "$scope" = ci ]; then
  packaging/fuzz.sh replay
fi
