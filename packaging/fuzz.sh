#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fuzzes the hostile-input readers with libFuzzer (clang, AddressSanitizer, UBSan).
# Usage: packaging/fuzz.sh [TARGET|all] [MINUTES]   (default: all targets, 10 minutes each)
#        packaging/fuzz.sh replay   (each target's corpus once, under the sanitizers: seconds)
# Targets: jsonl_rows safetensors_header tokenizer_json config_json run_import. Each starts
# from its corpus in tests/fuzz/<target>/; new inputs collect in build/fuzz/corpus/<target>,
# crashes in build/fuzz/crashes/<target>/ (add a fixed crasher to tests/fuzz/<target>/ so the
# `fuzz` CTest label replays it from then on).
set -euo pipefail
cd "$(dirname "$0")/.."
all=(jsonl_rows safetensors_header tokenizer_json config_json run_import)
which=${1:-all}
minutes=${2:-10}
if [ "$which" = all ] || [ "$which" = replay ]; then targets=("${all[@]}"); else targets=("$which"); fi
cxx=${CXX_FUZZ:-$(command -v clang++-14 || command -v clang++ || true)}
if [ -z "$cxx" ]; then
  echo "fuzz.sh needs clang with libFuzzer: sudo apt-get install clang-14 libclang-rt-14-dev" >&2
  exit 1
fi
if [ ! -f build/fuzz/build.ninja ]; then
  cmake -S tests/fuzz/libfuzzer -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build build/fuzz >build/fuzz/build.log 2>&1 || { tail -40 build/fuzz/build.log >&2; exit 1; }
if [ "$which" = replay ]; then
  # Every file of every corpus once, through the sanitized libFuzzer build: a report or a
  # crash fails. libFuzzer runs the files given by name exactly once each.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
  for t in "${all[@]}"; do
    mapfile -t files < <(find "tests/fuzz/$t" -type f ! -name '*.md' | sort)
    if ! "build/fuzz/catdpo_fuzz_$t" -rss_limit_mb=1024 -timeout=20 "${files[@]}" \
        >"build/fuzz/replay-$t.log" 2>&1; then
      tail -30 "build/fuzz/replay-$t.log" >&2
      echo "fuzz replay: $t failed on its corpus (log: build/fuzz/replay-$t.log)" >&2
      exit 1
    fi
    echo "fuzz replay: $t, ${#files[@]} inputs, no finding"
  done
  exit 0
fi
status=0
for t in "${targets[@]}"; do
  mkdir -p "build/fuzz/corpus/$t" "build/fuzz/crashes/$t"
  echo "== $t: ${minutes} min"
  # -rss_limit_mb: an input that needs more than 1 GiB is a finding, like a crash.
  if ! ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} nice -n 10 "build/fuzz/catdpo_fuzz_$t" \
      "build/fuzz/corpus/$t" "tests/fuzz/$t" -max_total_time=$((minutes * 60)) -timeout=20 \
      -rss_limit_mb=1024 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="build/fuzz/crashes/$t/" >"build/fuzz/$t.log" 2>&1; then
    status=1
    echo "   FINDING: see build/fuzz/$t.log and build/fuzz/crashes/$t/"
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|Done [0-9]+ runs" "build/fuzz/$t.log" |
    sed 's/^/   /' || true
done
exit $status
