#!/usr/bin/env bash
# Configures and builds tilec into ${BUILD_DIR:-build}. Extra args go to cmake configure.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
# ccache keys without the build folder (the -g objects otherwise hash it), so the pip build of the
# Python package (build-py/, scripts/python_env.sh) reuses these objects.
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
LAUNCHER=()
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} "${LAUNCHER[@]}" "$@" >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)"
