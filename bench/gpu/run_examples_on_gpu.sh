#!/usr/bin/env bash
# tilec's own GPU path on a machine with a GPU: `tilec run FILE --target cuda` compiles each kernel
# with NVRTC for the device (sm_90a on Hopper: wgmma, TMA with tensor maps encoded through the
# driver), launches it through the driver API (both dlopened), compares every output with the
# reference interpreter and times it. Needs only the tilec binary, the CUDA driver and NVRTC (add
# the toolkit's lib64 to LD_LIBRARY_PATH if libnvrtc.so is not found). Each kernel runs under a
# time limit; one line per kernel; exit 3 if any did not PASS.
# usage: run_examples_on_gpu.sh TILEC FILE...   (FILE: a kernel with its `# tilec:` flags)
set -uo pipefail
tilec=$1
shift
status=0
for f in "$@"; do
  out=$(timeout "${TILEC_RUN_TIMEOUT:-120}" "$tilec" run "$f" --target cuda 2>&1)
  rc=$?
  verdict=$(grep -E '^(PASS|FAIL)' <<<"$out" | tail -1)
  timing=$(grep -Ei 'per launch|ms' <<<"$out" | tail -1)
  if ((rc != 0)) || [[ "$verdict" != PASS* ]]; then
    status=3
    echo "$f: exit $rc: $(tail -3 <<<"$out" | tr '\n' ' ')"
  else
    echo "$f: $verdict | $timing"
  fi
done
exit $status
