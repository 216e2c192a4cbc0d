#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# README command 2: installs what is missing, builds everything, runs the whole test suite
# (unit, slow, gui and package labels) and ends with CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
packaging/build.sh dev
cd build/dev
exec ctest -j2 --output-on-failure --timeout 900 "$@"
