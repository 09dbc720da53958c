#!/usr/bin/env bash
# The committed GPU bench (bench/gpu/generated, emitted by bench/gpu/emit.py) builds for Hopper as
# run_on_gpu.sh builds it there: every kernel, the sm_90a ones (wgmma, TMA pipelines whose launch
# functions encode their tensor maps through cudaGetDriverEntryPointByVersion) and bench.cu with
# -DTILEC_SM90A, nvcc -arch=sm_90a, warnings as errors for the kernels; linked with cuBLAS where
# it is installed. Also checks that the sm_90a kernels are the TMA ones (but the --no-tma ones, named *_notma).
# Usage: check_bench_sm90a.sh REPO_DIR. Exits 77 (ctest: skipped) without nvcc.
set -euo pipefail
repo=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
NVCC=${NVCC:-nvcc}
if ! command -v "$NVCC" >/dev/null; then
  [[ -x /usr/local/cuda/bin/nvcc ]] || { echo "SKIP: nvcc not found"; exit 77; }
  NVCC=/usr/local/cuda/bin/nvcc
fi
here="$repo/bench/gpu"
for cu in "$here"/generated/sm90a/*.cu; do
  if [[ "$cu" == *_notma.cu ]]; then # emitted with --no-tma: cp.async pipelines
    ! grep -q 'tma_load_[0-9]d(&' "$cu" || { echo "FAIL: $(basename "$cu") has a TMA copy"; exit 1; }
    continue
  fi
  grep -q 'tma_load_[0-9]d(&' "$cu" || { echo "FAIL: $(basename "$cu") has no TMA copy"; exit 1; }
  grep -q 'cudaGetDriverEntryPointByVersion("cuTensorMapEncodeTiled"' "$cu" ||
    { echo "FAIL: $(basename "$cu") does not encode its tensor maps"; exit 1; }
done
objs=() pids=()
for cu in "$here"/generated/*.cu "$here"/generated/sm90a/*.cu; do
  obj="$work/$(basename "${cu%.cu}").o"
  "$NVCC" -O3 -std=c++17 -arch=sm_90a -Werror all-warnings -c "$cu" -o "$obj" &
  objs+=("$obj") pids+=($!)
  if (( ${#pids[@]} >= 2 )); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
for pid in "${pids[@]}"; do wait "$pid"; done
"$NVCC" -O3 -std=c++17 -arch=sm_90a -DTILEC_SM90A -I"$here" -c "$here/bench.cu" -o "$work/bench.o"
if [[ -e "$(dirname "$(command -v "$NVCC")")/../lib64/libcublas.so" ]]; then
  "$NVCC" -arch=sm_90a "$work/bench.o" "${objs[@]}" -lcublas -o "$work/bench"
  echo "bench: ${#objs[@]} kernels + bench.cu built and linked for sm_90a"
else
  echo "bench: ${#objs[@]} kernels + bench.cu compiled for sm_90a (no cuBLAS to link)"
fi
