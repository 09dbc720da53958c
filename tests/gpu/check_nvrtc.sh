#!/usr/bin/env bash
# The printed kernel.cu of one kernel compiles with NVRTC, the way `tilec run --target cuda`
# compiles it on a GPU machine (`tilec compile --target cuda --cubin`), for sm_80 and for sm_90a
# (wgmma, TMA). nvcc accepting a kernel is not enough: NVRTC has no host headers (no <math.h>, so
# no INFINITY) and a different front end (no __builtin_memcpy) — the first GPU run found 20
# kernels it refused. Exits 77 (ctest: skipped) where libnvrtc is not installed.
# Usage: check_nvrtc.sh TILEC FILE
set -uo pipefail
tilec=$1 file=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for arch in sm_80 sm_90a; do
  if ! out=$("$tilec" compile "$file" --target cuda --arch "$arch" --cubin -o "$work/$arch" 2>&1); then
    if grep -q "could not be loaded" <<<"$out"; then
      echo "SKIP: $out"
      exit 77
    fi
    echo "FAIL ($arch): $out"
    exit 1
  fi
  [[ -s "$work/$arch/kernel.cubin" ]] || { echo "FAIL ($arch): no kernel.cubin"; exit 1; }
done
echo "PASS: $file compiles with NVRTC for sm_80 and sm_90a"
