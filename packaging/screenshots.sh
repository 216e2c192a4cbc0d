#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerates every picture of docs/USER_GUIDE.md from the app as it is built now: builds
# catdpo-studio, then runs its screenshot tour (a temporary workspace; the quick demo model
# trains two short runs and a two-run sweep) under Xvfb when available, else on Qt's
# offscreen platform. Usage: packaging/screenshots.sh [output dir, default docs/images]
#                            [--steps N, training steps per run, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/images
steps=60
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps=$2; shift 2 ;;
    *) out=$1; shift ;;
  esac
done
packaging/build.sh dev catdpo-studio
studio=build/dev/app/catdpo-studio
mkdir -p "$out"
# The same fonts and size whatever the desktop: a fixed DPI, no scaling.
export QT_SCALE_FACTOR=1 QT_FONT_DPI=96 QT_ENABLE_HIGHDPI_SCALING=0 LANG=C.UTF-8 LC_ALL=C.UTF-8
if command -v xvfb-run >/dev/null 2>&1; then
  xvfb-run -a -s "-screen 0 1600x1000x24" "$studio" --screenshots "$out" --screenshot-steps "$steps"
else
  QT_QPA_PLATFORM=offscreen "$studio" --screenshots "$out" --screenshot-steps "$steps"
fi
# Every picture the guide shows must exist, and no stale one may stay behind.
expected=$(QT_QPA_PLATFORM=offscreen "$studio" --list-screenshots | sort)
referenced=$(grep -o 'images/[A-Za-z0-9_-]*\.png' docs/USER_GUIDE.md | sed 's#images/##' | sort -u)
if [ "$out" = docs/images ] && [ "$expected" != "$referenced" ]; then
  echo "docs/USER_GUIDE.md and the tour disagree on the pictures:" >&2
  diff <(echo "$expected") <(echo "$referenced") >&2 || true
  exit 1
fi
du -ch "$out"/*.png | tail -1
