#!/usr/bin/env bash
# The GPU bench in one command, on a machine with a GPU, nvcc and cuBLAS (nothing else: no tilec,
# no Python). The kernels were emitted beforehand with tilec (bench/gpu/emit.py) into
# bench/gpu/generated/ and travel with the repository. Builds for the device's architecture
# (sm_90a on Hopper) and runs each case in its own process under a time limit, so that a kernel
# that faults or hangs costs only its own line; prints one line per kernel; exit 3 if a result
# is wrong or a case failed to run.
# TILEC_BENCH_PREBUILT=PATH: use that bench binary (built elsewhere with `run_on_gpu.sh
# --build-only PATH`, TILEC_BENCH_ARCH=sm_90a where there is no GPU to ask) when it runs here,
# instead of building. TILEC_BENCH_ARCH overrides the architecture.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${TMPDIR:-/tmp}/tilec_gpu_bench"
mkdir -p "$out"
arch="${TILEC_BENCH_ARCH:-}"
if [[ -z "$arch" ]]; then
  cc="$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader | head -1 | tr -d '.[:space:]')"
  arch="sm_${cc}"
  [[ "$cc" == 90 ]] && arch="sm_90a"
fi

# build_bench ARCH OUTPUT: every generated kernel (the sm90a ones on sm_90a) and bench.cu.
build_bench() {
  local arch=$1 bin=$2 objs=() pids=() defs=() sources=("$here"/generated/*.cu)
  if [[ "$arch" == sm_90a ]]; then # the Hopper lowerings (wgmma, TMA) of the same kernels
    sources+=("$here"/generated/sm90a/*.cu)
    defs+=(-DTILEC_SM90A)
  fi
  for cu in "${sources[@]}"; do
    obj="$out/$(basename "${cu%.cu}").o"
    nvcc -O3 -std=c++17 -arch="$arch" -c "$cu" -o "$obj" &
    objs+=("$obj") pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done # a failed compile stops the script (set -e)
  nvcc -O3 -std=c++17 -arch="$arch" "${defs[@]}" -I"$here" "$here/bench.cu" "${objs[@]}" -lcublas -o "$bin"
}
[[ "${1:-}" == --build-only ]] && { build_bench "$arch" "$2"; exit 0; }

bench="$out/bench"
if [[ -n "${TILEC_BENCH_PREBUILT:-}" ]] && "$TILEC_BENCH_PREBUILT" --list >/dev/null 2>&1; then
  bench="$TILEC_BENCH_PREBUILT"
  echo "using the prebuilt $bench"
else
  echo "building for $arch in $out"
  start=$SECONDS
  build_bench "$arch" "$bench"
  echo "built in $((SECONDS - start)) s"
fi
"$bench" --list >/dev/null
nvidia-smi --query-gpu=name,compute_cap,driver_version,clocks.max.sm,clocks.sm,power.limit --format=csv,noheader || true
status=0
for name in $("$bench" --list); do
  rc=0
  timeout "${TILEC_BENCH_CASE_TIMEOUT:-90}" "$bench" "$name" || rc=$?
  if ((rc != 0)); then
    echo "$name: exit $rc$( ((rc == 124)) && echo ' (timed out: a hang)')"
    status=3
  fi
done
exit $status
