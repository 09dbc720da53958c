#!/usr/bin/env bash
# bench/gpu/ptxas_report.py reports ptxas's registers and spills for the GEMM example on sm_80:
# a row `gemm sm_80 <registers> 0 0 ...` (registers counted, no spill stores or loads).
# Usage: check_ptxas_report.sh TILEC REPO_DIR. Exits 77 (skipped) when nvcc is absent.
set -uo pipefail
tilec=$1 repo=$2
out=$(python3 "$repo/bench/gpu/ptxas_report.py" --tilec "$tilec" --arch sm_80 "$repo/examples/gpu/gemm.py")
rc=$?
echo "$out"
[ $rc -eq 0 ] || exit $rc
echo "$out" | grep -Eq '^gemm +sm_80 +[1-9][0-9]* +0 +0 ' || { echo "FAIL: no 'gemm sm_80 <registers> 0 0' row"; exit 1; }
echo PASS
