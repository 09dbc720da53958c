#!/usr/bin/env bash
# How much of upstream TileLang's examples/ tilec takes as the files are written: every file with a
# kernel is compiled with no selection (the script's own __main__ block or main() chooses the
# kernel and its sizes, docs/LANGUAGE.md "Selecting a kernel"), for the front end, CUDA and TT.
# Prints the counts and the first error of each failing file, grouped.
# Usage: scripts/upstream_sweep.sh TILELANG_CHECKOUT/examples [TILEC]
# (a checkout of github.com/tile-ai/tilelang; not downloaded here: CI has no network but PyPI/Debian)
set -u
dir=${1:?usage: $0 TILELANG/examples [tilec]}
tilec=${2:-$(dirname "$0")/../build/tilec}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
first_error() { timeout 60 "$tilec" compile "$@" 2>&1 >/dev/null | grep -m1 "error:" | sed 's/^.* error: //' | cut -c1-110; }
total=0; front=0; cuda=0; tt=0
: > "$out/errors"
while IFS= read -r f; do
  grep -q "T.Kernel\|prim_func" "$f" || continue
  total=$((total + 1))
  e=$(first_error "$f" --emit ir-raw)
  if [ -n "$e" ]; then echo "front end: $e" >> "$out/errors"; continue; fi
  front=$((front + 1))
  e=$(first_error "$f" --target cuda -o "$out/cuda")
  if [ -n "$e" ]; then echo "cuda: $e" >> "$out/errors"; else cuda=$((cuda + 1)); fi
  e=$(first_error "$f" --target tt -o "$out/tt")
  if [ -n "$e" ]; then echo "tt: $e" >> "$out/errors"; else tt=$((tt + 1)); fi
done < <(find "$dir" -name "*.py" ! -name "test_*" ! -name conftest.py | sort)
echo "kernel files: $total; front end (no arguments): $front; CUDA: $cuda; Tenstorrent: $tt"
sed "s/'[^']*'/'X'/g" "$out/errors" | sort | uniq -c | sort -rn | head -25
