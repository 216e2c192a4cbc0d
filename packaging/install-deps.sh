#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages Cat-DPO Studio needs to build, test and run.
# Quiet and instant when nothing is missing; needs root (or sudo) only when something is.
set -euo pipefail

packages=(
  # toolchain
  cmake ninja-build g++ pkg-config ccache git clang-format
  # engine
  libtorch-dev libgloo-dev libopenblas0-pthread nlohmann-json3-dev libsqlite3-dev libcli11-dev
  zlib1g-dev libutf8proc-dev libcurl4-openssl-dev
  # desktop app
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqcustomplot-dev
  # tests: headless X server, reference values from PyTorch, --json outputs against their
  # schemas, package checks
  xvfb xauth python3-torch python3-jsonschema sqlite3 desktop-file-utils appstream dpkg-dev
  groff-base
  # the sanitizer job's libFuzzer builds
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Cat-DPO Studio: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  echo "(this needs root: asking sudo)"
  sudo=(sudo)
else
  echo "error: these packages are missing and this is not root and sudo is not available." >&2
  echo "Run as root:  apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Cat-DPO Studio: packages installed."
