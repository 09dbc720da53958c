#!/usr/bin/env bash
# T.gemm for --arch sm_90a runs on Hopper's warpgroup MMA: compiles the fp16 GEMM and
# flash-attention examples and the bf16 corpus GEMM with `tilec compile --target cuda --arch
# sm_90a`, then nvcc -arch=sm_90a (warnings are errors) to PTX, to an object (which also carries
# compute_90 PTX: the wgmma wrappers must compile there too) and to a cubin with ptxas -v, and
# checks: wgmma.mma_async (the bf16 one too) with the fence / commit / wait around it in the PTX,
# the TMA pipelines' cp.async.bulk.tensor and mbarrier expect_tx / try_wait.parity, no ptxas
# spills and no ptxas advisory that the wgmmas were serialized; and the RS form (A from registers)
# in the bench's flash attention.
# Usage: check_wgmma_ptx.sh TILEC REPO_DIR. Exits 77 (ctest: skipped) without nvcc.
set -euo pipefail
tilec=$1 repo=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
NVCC=${NVCC:-nvcc}
if ! command -v "$NVCC" >/dev/null; then
  [[ -x /usr/local/cuda/bin/nvcc ]] || { echo "SKIP: nvcc not found"; exit 77; }
  NVCC=/usr/local/cuda/bin/nvcc
fi

call=() # extra compile arguments (a --call) for the next check
check() { # name, source file, PTX patterns...
  local name=$1 py=$2; shift 2
  "$tilec" compile "$py" --target cuda --arch sm_90a ${TILEC_ARGS:-} "${call[@]}" -o "$work/$name"
  "$NVCC" -arch=sm_90a -Werror all-warnings -ptx "$work/$name/kernel.cu" -o "$work/$name.ptx"
  # An object as a build makes one: -arch=sm_90a adds compute_90 PTX, where wgmma must not appear.
  "$NVCC" -arch=sm_90a -Werror all-warnings -c "$work/$name/kernel.cu" -o "$work/$name.o"
  "$NVCC" -arch=sm_90a -Werror all-warnings -cubin -Xptxas -v "$work/$name/kernel.cu" -o "$work/$name.cubin" \
    >"$work/$name.ptxas" 2>&1 || { cat "$work/$name.ptxas"; exit 1; }
  local copies=('cp\.async\.bulk\.tensor\.[2-5]d\.shared::cluster\.global\.mbarrier::complete_tx::bytes'
                'mbarrier\.arrive\.expect_tx\.shared::cta\.b64' 'mbarrier\.try_wait\.parity\.shared::cta\.b64')
  [[ ${TILEC_ARGS:-} == *--no-tma* ]] && copies=('cp\.async\.cg\.shared\.global' 'fence\.proxy\.async\.shared::cta')
  for pattern in "$@" 'wgmma\.fence\.sync\.aligned' 'wgmma\.commit_group\.sync\.aligned' \
                 'wgmma\.wait_group\.sync\.aligned' "${copies[@]}"; do
    grep -Eq "$pattern" "$work/$name.ptx" || { echo "FAIL: $name: no '$pattern' in the sm_90a PTX"; exit 1; }
  done
  if grep -Eiq 'serializ|[1-9][0-9]* bytes spill' "$work/$name.ptxas"; then
    echo "FAIL: $name: ptxas serializes the wgmmas or spills:"; cat "$work/$name.ptxas"; exit 1
  fi
  echo "$name: $(grep -Ec 'wgmma\.mma_async' "$work/$name.ptx") wgmma.mma_async in the PTX;" \
    "$(grep -Eo 'Used [0-9]+ registers' "$work/$name.ptxas" | head -1), no spills"
}
check gemm "$repo/examples/gpu/gemm.py" 'wgmma\.mma_async\.sync\.aligned\.m64n128k16\.f32\.f16\.f16'
# flash attention's threads store P into a wgmma tile: fenced for the async proxy
check flash_attention "$repo/examples/gpu/flash_attention.py" 'wgmma\.mma_async\.sync\.aligned\.m64n[0-9]+k16\.f32\.f16\.f16' \
  'fence\.proxy\.async\.shared::cta'
check gemm_nt_bf16 "$repo/tests/corpus/gemm_nt_bf16.py" 'wgmma\.mma_async\.sync\.aligned\.m64n[0-9]+k16\.f32\.bf16\.bf16'
# --no-tma: the cp.async pipeline of the Hopper path (fenced for the async proxy), no TMA
TILEC_ARGS=--no-tma check gemm_no_tma "$repo/examples/gpu/gemm.py" 'wgmma\.mma_async\.sync\.aligned\.m64n128k16\.f32\.f16\.f16'
! grep -q 'cp\.async\.bulk\.tensor' "$work/gemm_no_tma.ptx" || { echo "FAIL: --no-tma PTX has cp.async.bulk.tensor"; exit 1; }
# The bench's flash attention (128x128 tiles, two warpgroups) keeps P in registers: the P.V wgmma
# reads A from four registers (the RS form) and no thread stores anything for the async proxy.
call=(--call "flash_attention(1, 2, 256, 128, False, block_M=128, block_N=128, threads=256)")
check flash_attention_rs "$repo/bench/gpu/flash_attention.py" \
  'wgmma\.mma_async\.sync\.aligned\.m64n128k16\.f32\.f16\.f16 \{[^}]*\}, \{%r[0-9]+, %r[0-9]+, %r[0-9]+, %r[0-9]+\}'
! grep -q 'fence\.proxy\.async' "$work/flash_attention_rs.ptx" || { echo "FAIL: P still goes through shared memory"; exit 1; }
