#!/usr/bin/env bash
# README command 2: install, build and run the whole test suite (normal build, then ASan+UBSan).
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}  # the same for build/ and the pip build: shared ccache
scripts/setup.sh
scripts/build.sh
scripts/python_env.sh   # .venv with `pip install .`: the ctest label `python` runs pytest in it
(cd build && ctest --output-on-failure -j "$(nproc)")
if [ "${TILEC_SKIP_SANITIZERS:-0}" != 1 ]; then
  BUILD_DIR=build-asan BUILD_TYPE=Debug scripts/build.sh -DTILEC_SANITIZE=ON
  (cd build-asan && ctest --output-on-failure -j "$(nproc)" -L sanitize)
fi
