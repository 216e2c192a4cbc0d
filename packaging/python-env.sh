#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Creates build/pyenv, the virtual environment of the GPU user's build and of the oracle tests:
# PyTorch 2.x (the CUDA 13 wheel, whose LibTorch the cuda preset links), transformers, tokenizers,
# TRL and PEFT, every package pinned in packaging/python-requirements.txt and installed without
# dependency resolution. Idempotent: prints nothing and returns at once when the environment
# already holds that file's pins. Never installs into a system Python: the venv is made by the
# first python3 on PATH (or $CATDPO_PYTHON), 3.11 or newer.
# Usage: packaging/python-env.sh [--print-cmake-prefix]
set -euo pipefail
cd "$(dirname "$0")/.."
req=packaging/python-requirements.txt
env=build/pyenv
stamp=$env/.catdpo-requirements

want=$(sha256sum "$req" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  python=${CATDPO_PYTHON:-python3}
  command -v "$python" >/dev/null || { echo "python-env: no $python on PATH" >&2; exit 1; }
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "python-env: $("$python" --version 2>&1) is too old; the pinned packages need 3.11+" \
      "(set CATDPO_PYTHON)" >&2
    exit 1
  fi
  echo "python-env: installing the pinned packages of $req into $env (about 5 GB, a few" \
    "minutes)"
  rm -rf "$env"
  mkdir -p build
  log=build/pyenv-install.log
  {
    "$python" -m venv "$env" &&
      "$env/bin/python" -m pip install -q --disable-pip-version-check --no-deps --only-binary=:all: \
        -r "$req" &&
      "$env/bin/python" -m pip check
  } >"$log" 2>&1 || { tail -30 "$log" >&2; echo "python-env: failed, log in $log" >&2; exit 1; }
  # The wheel's CUDA major version must be the toolkit's, or the cuda preset cannot link.
  torch_cuda=$("$env/bin/python" -c 'import torch; print(torch.version.cuda or "none")')
  if command -v nvcc >/dev/null; then
    nvcc_cuda=$(nvcc --version | sed -n 's/.*release \([0-9.]*\),.*/\1/p')
    if [ "${torch_cuda%%.*}" != "${nvcc_cuda%%.*}" ]; then
      echo "python-env: torch was built for CUDA $torch_cuda but nvcc is CUDA $nvcc_cuda" >&2
      exit 1
    fi
  fi
  echo "$want" >"$stamp"
fi

if [ "${1:-}" = "--print-cmake-prefix" ]; then
  "$env/bin/python" -c 'import torch.utils; print(torch.utils.cmake_prefix_path)'
fi
