#!/usr/bin/env bash
# Makes the venv the Python tests use (.venv, or $TILEC_VENV) and installs tilec into it with
# `pip install .`: the C++ core and the extension tilec._core, built in build-py/ (ccache serves
# the objects scripts/build.sh compiled when CCACHE_BASEDIR is the same), plus pytest, numpy and
# ml_dtypes (bfloat16 arrays).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${TILEC_VENV:-.venv}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
# The same ccache keys as scripts/build.sh: no build folder in them, and the compiler CMake picks
# there (scikit-build-core would otherwise take Python's configured CXX, another name for it).
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
export CXX=${CXX:-c++}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check pytest numpy ml_dtypes
"$VENV/bin/python" -m pip install -q --disable-pip-version-check .
"$VENV/bin/python" -c "import tilec, tilec.language as T; print('tilec', tilec.__version__, 'installed in $VENV')"
