#!/bin/sh
# Checks the official-examples runner itself without Tenstorrent's repository: our own vector_add
# example stands where tt-metal keeps its examples, in each form of source the runner takes (a git
# repository it assembles the set from, a directory of assembled sets, a plain source tree). Each time
# the set must be built through its CMakeLists.txt, run and reported passed, and a set whose files are
# missing reported as not assembled; no source at all is a SKIP (77).   selftest.sh TILEC_SIM WORK
set -eu
sim=$1 work=$2 here=$(cd "$(dirname "$0")" && pwd)
examples=tt_metal/programming_examples
rm -rf "$work"
mkdir -p "$work/repo/$examples"
cp -r "$here/../cmake_examples/vector_add" "$work/repo/$examples/"
# An example directory of the CREATE_PGM_EXAMPLES_EXE era: no project of its own, built through in_tree/.
mkdir -p "$work/repo/$examples/pgm"
cat > "$work/repo/$examples/pgm/CMakeLists.txt" <<'CMAKE'
CREATE_PGM_EXAMPLES_EXE("${CMAKE_CURRENT_SOURCE_DIR}/../vector_add/vector_add.cpp" "pgm")
add_custom_target(pgm DEPENDS ${PROGRAMMING_EXAMPLES_TEST_TARGETS})
CMAKE
git -C "$work/repo" init -q
git -C "$work/repo" add -A
git -C "$work/repo" -c user.name=selftest -c user.email=selftest@localhost commit -qm "example tree"
commit=$(git -C "$work/repo" rev-parse --short=8 HEAD)
cat > "$work/sets.json" <<JSON
{"sets": [
  {"name": "vector_add-selftest", "project": "vector_add", "tree": "$commit", "args": ["--", "2026"]},
  {"name": "missing-file", "project": "vector_add", "files": {"vector_add/kernels/nope.cpp": "$commit"}},
  {"name": "in_tree-selftest", "project": "pgm", "in_tree": ["pgm"], "exe": "vector_add", "files": {"vector_add/vector_add.cpp": "$commit"}, "tree": "$commit", "args": ["--", "2026"]}
]}
JSON
mkdir -p "$work/tree/$examples" "$work/sets/vector_add-selftest/$examples"
cp -r "$here/../cmake_examples/vector_add" "$work/tree/$examples/"
cp -r "$here/../cmake_examples/vector_add" "$work/sets/vector_add-selftest/$examples/"
cp -r "$work/repo/$examples/pgm" "$work/tree/$examples/"
mkdir -p "$work/sets/in_tree-selftest/$examples"
cp -r "$work/repo/$examples/vector_add" "$work/repo/$examples/pgm" "$work/sets/in_tree-selftest/$examples/"

# runner SOURCE NAME STATUS: one run over SOURCE, expected exit STATUS; vector_add must pass, through its
# CMakeLists.txt.
runner() {
  status=0
  python3 "$here/run_official_examples.py" --tilec-sim "$sim" --tt-metal "$1" --sets "$work/sets.json" \
    --work "$work/out-$2" > "$work/table-$2.txt" || status=$?
  cat "$work/table-$2.txt"
  test "$status" -eq "$3" || { echo "$2: expected exit $3, got $status"; exit 1; }
  grep -Eq '^vector_add-selftest +yes +yes +yes ' "$work/table-$2.txt" || { echo "$2: vector_add-selftest did not pass"; exit 1; }
  grep -q 'host program (CMake): ' "$work/out-$2/vector_add-selftest/run.log" ||
    { echo "$2: the set was not built through its CMakeLists.txt"; exit 1; }
  # The in-tree set: built by CREATE_PGM_EXAMPLES_EXE (executable named after its source), kernels found
  # through the OVERRIDE_KERNEL_PREFIX the stand-in for tt-metal's examples build defines.
  grep -Eq '^in_tree-selftest +yes +yes +yes ' "$work/table-$2.txt" || { echo "$2: in_tree-selftest did not pass"; exit 1; }
  grep -q "in_tree-selftest/in_tree" "$work/out-$2/in_tree-selftest/run.log" ||
    { echo "$2: in_tree-selftest was not built through the in-tree project"; exit 1; }
}
runner "$work/repo" git 1
grep -Eq '^missing-file +no +no +no +not assembled: .*nope.cpp is not in commit' "$work/table-git.txt" ||
  { echo "git: missing-file not reported"; exit 1; }
runner "$work/sets" sets 1
grep -Eq "^missing-file +no +no +no +not assembled: no $work/sets/missing-file/" "$work/table-sets.txt" ||
  { echo "sets: missing-file not reported"; exit 1; }
# A plain tree holds one version of every file: both sets name the vector_add project there and pass.
runner "$work/tree" tree 0
grep -Eq '^missing-file +yes +yes +yes ' "$work/table-tree.txt" || { echo "tree: missing-file should pass"; exit 1; }

for absent in "$work/no-such-checkout" "$work/out-git/vector_add-selftest/$examples/vector_add/kernels"; do
  status=0
  python3 "$here/run_official_examples.py" --tilec-sim "$sim" --tt-metal "$absent" > "$work/skip.txt" || status=$?
  test "$status" -eq 77 && grep -q '^SKIP: ' "$work/skip.txt" || { echo "expected SKIP (77) for $absent"; exit 1; }
done
echo "selftest passed"
