#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# README command 1: installs what is missing, builds, and runs the main job on the built-in
# demo -- the desktop app when there is a display, else the CLI demo training.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
packaging/build.sh dev catdpo catdpo-studio
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${CATDPO_NO_GUI:-0}" != 1 ]; then
  exec build/dev/app/catdpo-studio --demo "$@"
fi
echo "No display: running the command-line demo (catdpo train --demo)."
exec build/dev/app/catdpo train --demo "$@"
