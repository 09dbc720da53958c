#!/bin/sh
# Checks the official-examples runner itself without Tenstorrent's repository: a throwaway git
# repository holds our own vector_add example where tt-metal keeps its examples; the runner must
# assemble it from git, build it through its CMakeLists.txt, run it and report it passed, and report a
# set that names a file the commit lacks as not assembled.   selftest.sh TILEC_SIM WORK
set -eu
sim=$1 work=$2 here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work/repo/tt_metal/programming_examples"
cp -r "$here/../cmake_examples/vector_add" "$work/repo/tt_metal/programming_examples/"
git -C "$work/repo" init -q
git -C "$work/repo" add -A
git -C "$work/repo" -c user.name=selftest -c user.email=selftest@localhost commit -qm "example tree"
commit=$(git -C "$work/repo" rev-parse --short=8 HEAD)
cat > "$work/sets.json" <<JSON
{"sets": [
  {"name": "vector_add-selftest", "project": "vector_add", "tree": "$commit", "args": ["--", "2026"]},
  {"name": "missing-file", "project": "vector_add", "files": {"vector_add/kernels/nope.cpp": "$commit"}}
]}
JSON
status=0
python3 "$here/run_official_examples.py" --tilec-sim "$sim" --tt-metal "$work/repo" --sets "$work/sets.json" \
  --work "$work/out" > "$work/table.txt" || status=$?
cat "$work/table.txt"
test "$status" -eq 1 || { echo "expected exit 1 (one set fails), got $status"; exit 1; }
grep -Eq '^vector_add-selftest +yes +yes +yes ' "$work/table.txt" || { echo "vector_add-selftest did not pass"; exit 1; }
grep -Eq '^missing-file +no +no +no +not assembled: .*nope.cpp is not in commit' "$work/table.txt" ||
  { echo "missing-file not reported"; exit 1; }
python3 "$here/run_official_examples.py" --tilec-sim "$sim" --tt-metal "$work/no-such-checkout" > "$work/skip.txt" || status=$?
test "$status" -eq 77 && grep -q '^SKIP: ' "$work/skip.txt" || { echo "expected SKIP (77) without a checkout"; exit 1; }
echo "selftest passed"
