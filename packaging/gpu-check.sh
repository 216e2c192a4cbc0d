#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The GPU check: on a Linux machine with an NVIDIA GPU, the CUDA toolkit and a Python torch,
# builds the engine, the CLI, engine_checks and bench_train against that torch's LibTorch with
# CATDPO_CUDA=ON (no Qt needed), offline, then runs: `catdpo info`; engine_checks on cuda (the
# fixture models' parity, KV cache, bf16 autocast, gradient checkpointing, AdamW precision); the
# DPO step benchmark at ~125M/350M/1B parameters in bf16-mixed beside the engine's fp32 step and
# eager PyTorch under autocast; the quick demo on cuda in bf16-mixed and fp32 next to the CPU run
# (losses and lambda trajectories compared); 2-rank NCCL training when two GPUs exist.
# Every step is time-boxed and failure-isolated: a failing step is recorded and the next runs.
# No step starts after the budget (default 480 s); OUTDIR gets gpu-check.json (rewritten after
# every step), gpu-check.log and one log per step.
#
# Usage: packaging/gpu-check.sh [--cpu] [--deps DIR] [--build-dir DIR] [--budget SECONDS]
#                               [--jobs N] [--configure-only] OUTDIR
#   --cpu        build against Debian's LibTorch and run the same steps on the CPU (small sizes)
#   --deps DIR   Debian 12 packages (DIR/debs) and fixtures (DIR/fixtures) brought along by
#                packaging/gpu-check-deps.sh (default build/gpu-deps)
#   --build-dir  build folder (default build/gpu-check or build/gpu-check-cpu); one already
#                configured is only built, not configured again
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

mode=cuda
deps=build/gpu-deps
build=""
budget=480
jobs=$(nproc)
configureOnly=0
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu) mode=cpu ;;
    --deps) deps=$2; shift ;;
    --build-dir) build=$2; shift ;;
    --budget) budget=$2; shift ;;
    --jobs) jobs=$2; shift ;;
    --configure-only) configureOnly=1 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) out=$1 ;;
  esac
  shift
done
[ -n "$out" ] || { echo "usage: packaging/gpu-check.sh [--cpu] [options] OUTDIR" >&2; exit 2; }
[ -n "$build" ] || build=build/gpu-check$([ "$mode" = cpu ] && echo -cpu)
mkdir -p "$out/logs" "$out/runs" || exit 2
out=$(cd "$out" && pwd)
build=$(mkdir -p "$build" && cd "$build" && pwd)
deps=$(cd "$deps" 2>/dev/null && pwd || echo "$root/$deps")
work=$build/gpu-check-work
mkdir -p "$work"
log=$out/gpu-check.log
steps=$out/steps.jsonl
: >"$steps"
: >"$log"
start=$(date +%s)
reportPy=$(command -v python3 || echo /usr/bin/python3)

say() { printf '[%s +%4ds] %s\n' "$(date +%H:%M:%S)" $(($(date +%s) - start)) "$*" | tee -a "$log"; }
elapsed() { echo $(($(date +%s) - start)); }
assemble() { "$reportPy" packaging/gpu_check_report.py assemble "$steps" "$out" "$mode" >/dev/null 2>&1; }
record() {  # NAME STATUS SECONDS DETAIL
  "$reportPy" packaging/gpu_check_report.py step "$1" "$2" "$3" "$4" >>"$steps"
  say "  $1: $2 (${3}s)"
  assemble
}
# run_step NAME LIMIT CMD...: output to logs/NAME.log (and the main log); 0 when it succeeded.
run_step() {
  local name=$1 limit=$2
  shift 2
  local now left
  now=$(elapsed)
  if [ "$now" -ge "$budget" ]; then
    record "$name" skipped 0 "not started: the ${budget}s budget was spent"
    return 1
  fi
  # Nothing runs past budget + 90 s, so the whole check ends in time.
  left=$((budget + 90 - now))
  [ "$limit" -gt "$left" ] && limit=$left
  say "step $name (up to ${limit}s): $*"
  local t0 rc status
  t0=$(date +%s)
  if declare -F "$1" >/dev/null; then
    # A function of this script: run it in a child bash that has its definition.
    timeout --kill-after=10 "$limit" bash -c "$(declare -f "$1"); \"\$@\"" _ "$@" \
      >"$out/logs/$name.log" 2>&1
  else
    timeout --kill-after=10 "$limit" "$@" >"$out/logs/$name.log" 2>&1
  fi
  rc=$?
  sed 's/^/    /' "$out/logs/$name.log" | tail -n 40 >>"$log"
  case $rc in
    0) status=ok ;;
    124 | 137) status=timeout ;;
    *) status=failed ;;
  esac
  record "$name" "$status" $(($(date +%s) - t0)) "exit $rc: $(tail -c 1500 "$out/logs/$name.log")"
  return $rc
}

export out work reportPy deps
say "gpu-check ($mode) in $root, output $out, budget ${budget}s, $jobs jobs"

# --- the machine ------------------------------------------------------------------------------
if [ "$mode" = cuda ]; then
  python=${PYTHON:-python3}
  device=cuda
else
  python=${PYTHON:-/usr/bin/python3}
  "$python" -c 'import torch' 2>/dev/null || python=python3
  device=cpu
fi
export python
machine() {
  {
    echo "{"
    echo "\"uname\": \"$(uname -srm)\", \"cpus\": $(nproc),"
    echo "\"gpus\": \"$(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null | tr '\n' ';')\","
    echo "\"python_torch\": \"$("$python" -c 'import torch,sys; print(torch.__version__, "cuda", torch.version.cuda, "python", sys.version.split()[0])' 2>&1 | tail -1)\","
    echo "\"cmake\": \"$(cmake --version | head -1)\", \"compiler\": \"$(c++ --version | head -1)\""
    echo "}"
  } >"$out/machine.json"
}
run_step machine 30 machine

# --- dependencies brought along (no network) ----------------------------------------------------
export prefix=$work/deps-root
unpack() {
  rm -rf "$prefix" && mkdir -p "$prefix"
  local n=0
  for deb in "$deps"/debs/*.deb; do
    [ -e "$deb" ] || continue
    dpkg-deb -x "$deb" "$prefix" && n=$((n + 1))
  done
  # The .pc files say prefix=/usr: point them at the unpacked copy.
  for pc in "$prefix"/usr/lib/*/pkgconfig/*.pc; do
    [ -e "$pc" ] && sed -i "s|^prefix=.*|prefix=$prefix/usr|" "$pc"
  done
  echo "unpacked $n packages into $prefix"
  ls "$prefix"/usr/include "$prefix"/usr/lib/*/ 2>/dev/null
}
cmakeDeps=()
if ls "$deps"/debs/*.deb >/dev/null 2>&1 && run_step unpack-deps 60 unpack; then
  libdir=$(ls -d "$prefix"/usr/lib/*-linux-gnu 2>/dev/null | head -1)
  # The binaries find the unpacked libraries through their build-tree RUNPATH.
  export PKG_CONFIG_PATH="$libdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
  cmakeDeps=(-DSQLite3_INCLUDE_DIR="$prefix/usr/include" -DSQLite3_LIBRARY="$libdir/libsqlite3.so"
    -DCATDPO_UTF8PROC_INCLUDE_DIR="$prefix/usr/include"
    -DCATDPO_UTF8PROC_LIBRARY="$libdir/libutf8proc.so")
  depsPrefix="$prefix/usr"
else
  say "no packages in $deps/debs: the system's libraries are used"
  depsPrefix=""
fi
fixtures=$deps/fixtures
[ -d "$fixtures/models" ] || fixtures=${CATDPO_FIXTURES:-$root/../shared/fixtures}

# --- configure and build ------------------------------------------------------------------------
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
cmakeArgs=(-S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
  "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" -DCATDPO_BUILD_GUI=OFF -DCATDPO_BUILD_TESTS=OFF
  -DCATDPO_BUILD_BENCH=ON -DCMAKE_POLICY_VERSION_MINIMUM=3.5 "${cmakeDeps[@]}")
if [ "$mode" = cuda ]; then
  torchPrefix=$("$python" -c 'import torch.utils; print(torch.utils.cmake_prefix_path)' 2>/dev/null)
  nvcc=$(command -v nvcc || ls /usr/local/cuda/bin/nvcc 2>/dev/null | head -1)
  if [ -n "$nvcc" ]; then
    export CUDACXX=$nvcc CUDA_HOME=${CUDA_HOME:-$(dirname "$(dirname "$nvcc")")}
    export PATH=$(dirname "$nvcc"):$PATH
    cmakeArgs+=(-DCMAKE_CUDA_COMPILER="$nvcc" -DCUDA_TOOLKIT_ROOT_DIR="$CUDA_HOME")
  fi
  cmakeArgs+=(-DCATDPO_CUDA=ON "-DCMAKE_PREFIX_PATH=$torchPrefix${depsPrefix:+;$depsPrefix}")
else
  cmakeArgs+=(-DCATDPO_CUDA=OFF ${depsPrefix:+"-DCMAKE_PREFIX_PATH=$depsPrefix"})
fi
configured=1
if [ -f "$build/build.ninja" ]; then
  say "$build is configured already: building only"
else
  run_step configure 180 cmake "${cmakeArgs[@]}" || configured=0
fi
[ "$configureOnly" = 1 ] && { say "configure only: done"; exit 0; }
targets=(catdpo engine_checks bench_train)
if [ "$configured" = 0 ]; then
  record build skipped 0 "not configured (see logs/configure.log)"
elif ! run_step build 330 cmake --build "$build" --target "${targets[@]}" -- -j"$jobs"; then
  # Salvage what builds: each target alone, and every error of the others in the log.
  for t in "${targets[@]}"; do
    run_step "build-$t" 120 cmake --build "$build" --target "$t" -- -j"$jobs" -k 0
  done
fi
catdpo=$build/app/catdpo
checks=$build/tests/checks/engine_checks
bench=$build/tests/bench/bench_train
export CATDPO_HOME=$work/home CATDPO_DEMO_MODELS=${CATDPO_DEMO_MODELS:-$work/demo-models}
db=$work/runs-$(date +%s).sqlite
# The steps' functions run in child shells: they see these.
export out work db catdpo reportPy python device prefix deps

# --- checks ---------------------------------------------------------------------------------------
[ -x "$catdpo" ] && run_step info 60 sh -c "'$catdpo' info --json > '$out/info.json'"
[ -x "$checks" ] &&
  run_step engine-checks 120 "$checks" --device "$device" --fixtures "$fixtures" \
    --json "$out/engine_checks.json"
if [ ! -x "$bench" ] && [ "$mode" = cuda ]; then
  # No engine to measure: at least the eager PyTorch step at the GPU sizes, under autocast.
  model() { echo "{\"name\":\"$1\",\"vocab\":50257,\"embd\":$2,\"layers\":$3,\"heads\":$4,\"positions\":1024,\"pairs\":8,\"prompt\":128,\"response\":384,\"warmup\":2,\"steps\":6}"; }
  spec="{\"threads\":$jobs,\"device\":\"cuda\",\"precision\":\"bf16-mixed\",\"models\":[$(model 125M 768 12 12),$(model 350M 1024 24 16),$(model 1B 2048 18 16)]}"
  run_step eager-bench-only 200 bash -o pipefail -c "'$python' tests/bench/dpo_step_eager.py --spec '$spec' | tail -n 1 > '$out/eager_bench_cuda.json'"
fi
if [ -x "$bench" ]; then
  if [ "$mode" = cuda ]; then
    run_step bench 240 "$bench" --device cuda --precision bf16-mixed --python "$python" \
      --no-profile --json "$out/bench_train_cuda.json"
  else
    run_step bench 240 "$bench" --smoke --precision bf16-mixed --python "$python" \
      --json "$out/bench_train_cpu.json"
  fi
fi

# The quick demo, 50 steps, in three settings; each run exported for the comparison.
demo() {  # TAG DEVICE PRECISION
  "$catdpo" --db "$db" --quiet train --demo --quick --steps 50 --name "demo-$1" --seed 1 \
    --set device="$2" --set precision="$3" --set eval.prompts_per_category=1 \
    --set eval.benign_prompts=4 --set eval.max_pairs=64 --out "$work/run-$1" &&
    "$catdpo" --db "$db" export "demo-$1" --json "$out/runs/demo-$1.json"
}
if [ -x "$catdpo" ]; then
  if [ "$mode" = cuda ]; then
    run_step demo-cuda-bf16-mixed 150 demo cuda-bf16-mixed cuda bf16-mixed
    run_step demo-cuda-fp32 120 demo cuda-fp32 cuda fp32
  else
    run_step demo-cpu-bf16-mixed 240 demo cpu-bf16-mixed cpu bf16-mixed
  fi
  run_step demo-cpu-fp32 240 demo cpu-fp32 cpu fp32
fi
# Tolerances: per-step loss and lambda. fp32 on another device differs by summation order only;
# for bf16-mixed, five times what tests/experiment/test_precision_run.cpp asserts on the CPU.
compare() {  # NAME REFERENCE OTHER LOSS_TOL LAMBDA_TOL
  [ -f "$out/runs/$2.json" ] && [ -f "$out/runs/$3.json" ] || { echo "missing run exports"; return 1; }
  "$reportPy" packaging/gpu_check_report.py compare "$out/runs/$2.json" "$out/runs/$3.json" "$4" \
    "$5" >"$out/$1.json"
  local rc=$?
  cat "$out/$1.json"
  return $rc
}
compare_step() {  # STEP NAME REFERENCE OTHER LOSS_TOL LAMBDA_TOL
  if [ -f "$out/runs/$3.json" ] && [ -f "$out/runs/$4.json" ]; then
    run_step "$1" 30 compare "${@:2}"
  else
    record "$1" skipped 0 "no export of $3 or $4 (their demo run did not finish)"
  fi
}
if [ "$mode" = cuda ]; then
  compare_step compare-cuda-fp32 compare_cuda_fp32_vs_cpu demo-cpu-fp32 demo-cuda-fp32 0.01 0.05
  compare_step compare-cuda-bf16 compare_cuda_bf16_vs_cpu demo-cpu-fp32 demo-cuda-bf16-mixed 0.05 0.25
  compare_step compare-cuda-bf16-fp32 compare_cuda_bf16_vs_fp32 demo-cuda-fp32 demo-cuda-bf16-mixed \
    0.05 0.25
else
  compare_step compare-cpu-bf16 compare_cpu_bf16_vs_fp32 demo-cpu-fp32 demo-cpu-bf16-mixed 0.01 0.05
fi

# Two ranks over NCCL (gradients) when two GPUs exist.
gpus=$(nvidia-smi -L 2>/dev/null | grep -c '^GPU' || true)
if [ "$mode" = cuda ] && [ "${gpus:-0}" -ge 2 ] && [ -x "$catdpo" ]; then
  run_step nccl-2-ranks 150 "$catdpo" --db "$db" --quiet train --demo --quick --steps 20 \
    --nproc 2 --name nccl --set device=cuda --set eval.prompts_per_category=0
else
  record nccl-2-ranks skipped 0 "needs two GPUs (found ${gpus:-0}) and a CUDA build"
fi

assemble
say "done in $(elapsed)s: $("$reportPy" packaging/gpu_check_report.py assemble "$steps" "$out" "$mode")"
say "results: $out/gpu-check.json"
