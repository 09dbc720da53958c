#!/usr/bin/env bash
# T.gemm on HIP runs on AMD's matrix cores: compiles the fp16 GEMM and flash-attention examples and
# the bf16 corpus GEMM with `tilec compile --target hip`, then `hipcc --offload-arch=ARCH -S` (device
# code only, warnings are errors) and checks the ISA: v_mfma instructions (the bf16 one too), no
# scratch memory (no register spills).
# Usage: check_mfma_isa.sh TILEC REPO_DIR ARCH
# Exits 77 (ctest: skipped) with the reason when hipcc is absent or does not know ARCH.
set -euo pipefail
tilec=$1 repo=$2 arch=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v hipcc >/dev/null; then
  export PATH="$PATH:/opt/rocm/bin"
  command -v hipcc >/dev/null || { echo "SKIP: hipcc not found (apt-get install hipcc)"; exit 77; }
fi
printf '#include <hip/hip_runtime.h>\n__global__ void k() {}\n' >"$work/probe.hip"
if ! hipcc --offload-arch="$arch" -Wno-unused-command-line-argument -x hip -S --cuda-device-only "$work/probe.hip" \
     -o "$work/probe.s" 2>"$work/probe.log"; then
  echo "SKIP: this hipcc ($(hipcc --version 2>/dev/null | grep -m1 -i 'clang version' || echo unknown)) cannot target $arch:"
  head -3 "$work/probe.log"
  exit 77
fi

check() { # name, source file, ISA patterns...
  local name=$1 py=$2; shift 2
  "$tilec" compile "$py" --target hip -o "$work/$name"
  # hipcc passes its link flags to -S too: unused there, not a warning about our code.
  hipcc --offload-arch="$arch" -Werror -Wno-unused-command-line-argument -x hip -S --cuda-device-only \
    "$work/$name/kernel.hip" -o "$work/$name.s"
  for pattern in "$@"; do
    grep -Eq "$pattern" "$work/$name.s" || { echo "FAIL: $name on $arch: no '$pattern' in the ISA"; exit 1; }
  done
  if ! grep -Eq '^\s*\.private_segment_fixed_size:\s+0$' "$work/$name.s"; then
    echo "FAIL: $name on $arch uses scratch memory (register spills):"
    grep -E 'private_segment_fixed_size|vgpr_spill_count' "$work/$name.s"
    exit 1
  fi
  echo "$name on $arch: $(grep -Ec '^\s*v_mfma' "$work/$name.s") v_mfma ($(grep -Eo '^\s*v_mfma_[a-z0-9_]+' "$work/$name.s" |
    sort -u | tr -d ' \t' | tr '\n' ' ')), no scratch"
}
check gemm "$repo/examples/gpu/gemm.py" '^\s*v_mfma_f32_16x16x16_?f16'
check flash_attention "$repo/examples/gpu/flash_attention.py" '^\s*v_mfma_f32_16x16x16_?f16'
check gemm_nt_bf16 "$repo/tests/corpus/gemm_nt_bf16.py" '^\s*v_mfma_f32_16x16x16_?bf16'
echo PASS
