#!/usr/bin/env bash
# Installs the Debian packages tilec needs (idempotent: does nothing when all are present).
set -euo pipefail
PACKAGES=(
  g++ cmake ninja-build ccache python3          # toolchain
  libcli11-dev                                  # CLI11: the tilec command line
  libfmt-dev                                    # fmt: text formatting in printers and diagnostics
  nlohmann-json3-dev                            # nlohmann-json: tt.plan.json, sim reports, traces
  libgtest-dev libgmock-dev                     # GoogleTest: unit tests
  libbenchmark-dev                              # Google Benchmark: bench/
  libboost-context-dev                          # Boost.Context: simulator fibers
  libopenblas-dev                               # OpenBLAS: sgemm baseline in bench/sim_matmul
  llvm-14-tools                                 # lit + FileCheck: printer/pass/error tests
  hipcc                                         # HIP compiler: every example must compile for gfx90a
  g++-multilib                                  # g++ -m32: tests/sdk compiles kernels against the real TT SDK
                                                #   (its firmware casts pointers to uint32_t: 32-bit only)
  python3-pip                                   # pip: tests/sdk downloads the pinned ttnn wheels
  python3-venv python3-dev                      # the Python package: a venv for its tests, headers for
                                                #   its extension (scripts/python_env.sh, pip install .)
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
