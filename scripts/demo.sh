#!/usr/bin/env bash
# README command 1: install, build and run the flagship demo — the seed document's GEMM, written
# once, checked by the interpreter, compiled for Tenstorrent and run on the simulator, and
# compiled for CUDA and checked on simulated GPU threads.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
scripts/setup.sh
scripts/build.sh
DEMO=${1:-examples/seed/matmul.py}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
section() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

section "$DEMO: Tile IR as written, then after each common pass (raising scalar loops to tile ops)"
build/tilec compile "$DEMO" --emit ir --print-after-all 2>&1 >/dev/null
section "checked by the interpreter: raised tile ops vs. the scalar kernel as written"
build/tilec run "$DEMO" --target interp
section "Tenstorrent: reader / compute / writer kernels + host program"
build/tilec compile "$DEMO" --target tt -o "$OUT/tt"
(cd "$OUT/tt" && find . -type f | sort)
echo "--- kernels/compute.cpp ---"
cat "$OUT/tt/kernels/compute.cpp"
section "Tenstorrent: built and run on the simulator, checked against the interpreter"
build/tilec run "$DEMO" --target tt-sim
section "CUDA"
build/tilec compile "$DEMO" --target cuda -o "$OUT/cuda"
cat "$OUT/cuda/kernel.cu"
section "CUDA lowering checked on simulated GPU threads"
build/tilec run "$DEMO" --target gpu-interp

section "Python: pip install . into .venv, then the seed's GEMM script run unchanged (tilelang/tvm served by tilec)"
scripts/python_env.sh
.venv/bin/python -m tilec run examples/python/seed_gemm.py "$OUT/py"
(cd "$OUT/py" && find . -type f | sort)
