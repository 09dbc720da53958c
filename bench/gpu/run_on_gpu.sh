#!/usr/bin/env bash
# The GPU bench in one command, on a machine with a GPU, nvcc and cuBLAS (nothing else: no tilec,
# no Python). The kernels were emitted beforehand with tilec (bench/gpu/emit.py) into
# bench/gpu/generated/ and travel with the repository. Builds for the device's architecture
# (sm_90a on Hopper), runs, prints one line per kernel; exit 3 if a result is wrong.
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
echo "building for $arch in $out"
objs=() pids=() defs=()
sources=("$here"/generated/*.cu)
if [[ "$arch" == sm_90a ]]; then # the Hopper lowering (wgmma) of the same kernels, timed next to them
  sources+=("$here"/generated/sm90a/*.cu)
  defs+=(-DTILEC_SM90A)
fi
for cu in "${sources[@]}"; do
  obj="$out/$(basename "${cu%.cu}").o"
  nvcc -O3 -std=c++17 -arch="$arch" -c "$cu" -o "$obj" &
  objs+=("$obj") pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done # a failed compile stops the script (set -e)
nvcc -O3 -std=c++17 -arch="$arch" "${defs[@]}" -I"$here" "$here/bench.cu" "${objs[@]}" -lcublas -o "$out/bench"
"$out/bench"
