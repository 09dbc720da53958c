#!/usr/bin/env bash
# Builds the libFuzzer target over the front end (clang, -fsanitize=fuzzer,address,undefined) in
# ${FUZZ_BUILD_DIR:-build-fuzz} and runs it for SECONDS (default 60), seeded with examples/,
# tests/corpus and tests/lit/errors (copied into a writable corpus directory that keeps what it
# finds). Crashes, sanitizer reports, leaks and inputs over 1 s (-timeout=1) are findings; libFuzzer
# writes each as crash-* / timeout-* / leak-* under ARTIFACTS (default fuzz-out/libfuzzer).
# Usage: tools/fuzz/run_libfuzzer.sh [SECONDS] [extra libFuzzer flags...]
#   FUZZ_JOBS=N runs N fuzzing processes in parallel (default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
build=${FUZZ_BUILD_DIR:-build-fuzz}
artifacts=${ARTIFACTS:-fuzz-out/libfuzzer}
corpus=${FUZZ_CORPUS:-fuzz-out/libfuzzer-corpus}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_COMPILER=clang++ -DTILEC_FUZZ=ON "${launcher[@]}" >/dev/null
fi
cmake --build "$build" --target tilec_frontend_fuzzer
mkdir -p "$artifacts" "$corpus"
# Seeds: every kernel file we have (both styles) and the diagnostics tests.
for f in examples/*/*.py tests/corpus/*.py tests/lit/errors/*.py tests/tt/kernels/*.py \
         tools/fuzz/findings/*.py; do
  [ -f "$f" ] && cp -n "$f" "$corpus/$(echo "$f" | tr / _)"
done
# Leaks are checked at exit of each input by libFuzzer (-detect_leaks=1 is its default).
exec "$build/tools/fuzz/libfuzzer/tilec_frontend_fuzzer" "$corpus" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 \
  -max_len=8192 -dict=tools/fuzz/libfuzzer/tilelang.dict -artifact_prefix="$artifacts/" \
  -print_final_stats=1 ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} "$@"
