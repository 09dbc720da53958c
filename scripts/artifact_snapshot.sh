#!/usr/bin/env bash
# Compiles every examples/**/*.py and tests/corpus/*.py for cuda, hip, tt (API 2025) and tt (API
# 2026) into OUT_DIR, one folder per kernel and target: the emitted files, the exit code and the
# diagnostics. Two snapshots taken before and after a refactor must be identical (diff -r).
#
#   scripts/artifact_snapshot.sh OUT_DIR [TILEC]      (TILEC defaults to build/tilec)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: artifact_snapshot.sh OUT_DIR [TILEC]}
tilec=$(realpath "${2:-build/tilec}")
mkdir -p "$out"
out=$(realpath "$out")

snapshotOne() { # FILE TARGET[@LEVEL]
  local file=$1 spec=$2 args
  args=(--target "${spec%@*}")
  [[ $spec == *@* ]] && args+=(--tt-api "${spec#*@}")
  local dir="$out/${file%.py}/$spec"
  mkdir -p "$dir"
  local rc=0
  "$tilec" compile "$file" "${args[@]}" -o "$dir/files" >"$dir/stdout" 2>"$dir/stderr" || rc=$?
  echo "$rc" >"$dir/rc"
}
export -f snapshotOne
export out tilec

find examples tests/corpus -name '*.py' | sort | while read -r f; do
  for spec in cuda hip tt@2025 tt@2026; do
    printf '%s\0%s\0' "$f" "$spec"
  done
done | xargs -0 -r -n2 -P"${JOBS:-2}" bash -c 'snapshotOne "$0" "$1"'
echo "snapshot of $(find "$out" -name rc | wc -l) compilations in $out"
