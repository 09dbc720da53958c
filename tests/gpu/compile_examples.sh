#!/usr/bin/env bash
# Compiles every example with the vendors' compilers: `tilec compile --target cuda|hip`, then
#   nvcc -arch=sm_80 and -arch=sm_90a (warnings are errors; ptxas must report no spills),
#   PTX of tensor-core kernels must contain mma.sync and ldmatrix, of pipelined ones cp.async,
#   hipcc --offload-arch=gfx90a.
# The user-style corpus (CORPUS_DIRS, colon-separated, default EXAMPLES_DIR/../tests/corpus and
# EXAMPLES_DIR/../tests/hygiene, whose kernels use keywords and builtins as names) is compiled too,
# warnings as errors; the no-spill rule applies to the examples only (corpus kernels use whatever
# block sizes their users picked).
# Usage: compile_examples.sh TILEC EXAMPLES_DIR cuda|hip [CORPUS_DIRS]
# Exits 77 (ctest: skipped) with a message when the vendor compiler is not installed.
set -euo pipefail
tilec=$1 examples=$2 dialect=$3 corpus=${4:-$2/../tests/corpus:$2/../tests/hygiene}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

compiler=nvcc
[ "$dialect" = hip ] && compiler=hipcc
if ! command -v "$compiler" >/dev/null; then
  export PATH="$PATH:/usr/local/cuda/bin:/opt/rocm/bin"
  if ! command -v "$compiler" >/dev/null; then
    echo "SKIP: $compiler not found (install it to compile the generated $dialect code)"
    exit 77
  fi
fi

sources=()
for py in "$examples"/gpu/*.py "$examples"/seed/*.py; do
  name=$(basename "$(dirname "$py")")_$(basename "$py" .py)
  "$tilec" compile "$py" --target "$dialect" -o "$work/$name"
  sources+=("$work/$name/kernel.$([ "$dialect" = hip ] && echo hip || echo cu)")
done
corpus_sources=()
IFS=: read -ra corpus_dirs <<< "$corpus"
for dir in "${corpus_dirs[@]}"; do
  [ -d "$dir" ] || continue
  for py in "$dir"/*.py; do
    name=$(basename "$dir")_$(basename "$py" .py)
    "$tilec" compile "$py" --target "$dialect" -o "$work/$name"
    corpus_sources+=("$work/$name/kernel.$([ "$dialect" = hip ] && echo hip || echo cu)")
  done
done
echo "generated ${#sources[@]} example kernels, ${#corpus_sources[@]} corpus kernels"

if [ "$dialect" = hip ]; then
  for src in "${sources[@]}" "${corpus_sources[@]}"; do
    hipcc --offload-arch=gfx90a -Werror -x hip -c "$src" -o "${src%.*}.o"
  done
  echo "hipcc gfx90a: $((${#sources[@]} + ${#corpus_sources[@]})) kernels compiled"
  exit 0
fi

# One nvcc call per architecture keeps CI time down (several kernels per call).
for arch in sm_80 sm_90a; do
  mkdir -p "$work/$arch"
  nvcc -arch=$arch -Werror all-warnings -Xptxas -v -c "${sources[@]}" -odir "$work/$arch" 2>"$work/$arch.log" ||
    { cat "$work/$arch.log"; exit 1; }
  if grep -E "[1-9][0-9]* bytes spill (stores|loads)" "$work/$arch.log"; then
    echo "FAIL: register spills on $arch"; cat "$work/$arch.log"; exit 1
  fi
  echo "nvcc $arch: ${#sources[@]} kernels compiled, no spills"
  if [ ${#corpus_sources[@]} -gt 0 ]; then
    mkdir -p "$work/corpus_$arch"
    nvcc -arch=$arch -Werror all-warnings -c "${corpus_sources[@]}" -odir "$work/corpus_$arch" ||
      { echo "FAIL: corpus kernels on $arch"; exit 1; }
    echo "nvcc $arch: ${#corpus_sources[@]} corpus kernels compiled"
  fi
done

check_ptx() { # source, instructions...
  local src=$1; shift
  nvcc -arch=sm_80 --ptx "$src" -o "$work/check.ptx"
  for insn in "$@"; do
    grep -q "$insn" "$work/check.ptx" || { echo "FAIL: $src: no $insn in the PTX"; exit 1; }
  done
  echo "PTX of $(basename "$(dirname "$src")"): $*"
}
check_ptx "$work/gpu_gemm/kernel.cu" mma.sync ldmatrix cp.async
check_ptx "$work/gpu_flash_attention/kernel.cu" mma.sync ldmatrix cp.async
echo "PASS"
