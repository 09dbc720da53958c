#!/usr/bin/env bash
# README command 1: install, build and run the flagship demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
DEMO=examples/seed/matmul.py
echo "== $DEMO: Tile IR as written =="
build/tilec compile "$DEMO" --emit ir --print-after-all 2>&1
echo "== $DEMO: checked by the interpreter =="
build/tilec run "$DEMO" --target interp
