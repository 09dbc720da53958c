#!/usr/bin/env python3
"""Emits the bench kernels with tilec (run here, where tilec is built) into bench/gpu/generated/:
one <case>.cu per kernel (tilec's kernel.cu, the kernel renamed tilec_<case>, plus a host function
that launches it with launch.json's grid, block and shared memory) and cases.inc, the table the
launcher (bench.cu) iterates. Each size is emitted in several tilings (GEMM_TILINGS, FA_TILINGS):
the example's own as `tilec compile --target cuda` prints it (the Ampere path, mma.sync), and
Hopper ones with `--arch sm_90a` (wgmma), named <case>_wgmma*, which sit under `#ifdef TILEC_SM90A`
in cases.inc and in generated/sm90a/: run_on_gpu.sh builds them only for sm_90a. Kernels that take TMA descriptors (launch.json's
tensor_maps: the sm_90a pipelines) get them encoded in their launch function by
cuTensorMapEncodeTiled, reached through cudaGetDriverEntryPointByVersion (no -lcuda).
run_on_gpu.sh then needs only nvcc and cuBLAS.

usage: bench/gpu/emit.py [path/to/tilec]   (default build/tilec)"""
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "bench", "gpu", "generated")
GEMM = os.path.join(ROOT, "examples", "gpu", "gemm.py")
FA = os.path.join(ROOT, "bench", "gpu", "flash_attention.py")

# The sizes the issue asks for: GEMM M N K, attention batch heads seq dim causal.
GEMM_SIZES = [(dt, dtn, n) for dt, dtn in (("fp16", "float16"), ("bf16", "bfloat16")) for n in (4096, 8192)]
FA_SIZES = [(8, 16, 4096, 128, c) for c in (False, True)]

# Tilings, each (case suffix, arch, extra tilec flags, factory arguments after the sizes). The first
# of each list is the example's own (Ampere, mma.sync); the rest are Hopper lowerings (wgmma, TMA
# pipelines, a producer warpgroup) timed next to it on sm_90a: the example's tiles, larger tiles with
# two warpgroups, deeper pipelines, rasterized blocks (_r: T.use_swizzle), the single-role pipeline
# (_1role: --no-warp-specialize) to tell what the producer warpgroup gives, and the cp.async
# pipeline (--no-tma) to tell what TMA gives.
GEMM_TILINGS = [("", None, [], "128, 128, 32"),
                ("_wgmma", "sm_90a", [], "128, 128, 32"),
                ("_wgmma_128x128x64_s4", "sm_90a", [], "128, 128, 64, num_stages=4"),
                ("_wgmma_128x256x64", "sm_90a", [], "128, 256, 64, threads=256"),
                ("_wgmma_128x256x64_r", "sm_90a", [], "128, 256, 64, threads=256, enable_rasterization=True"),
                ("_wgmma_128x256x64_r_1role", "sm_90a", ["--no-warp-specialize"],
                 "128, 256, 64, threads=256, enable_rasterization=True"),
                ("_wgmma_notma", "sm_90a", ["--no-tma"], "128, 128, 32")]
FA_TILINGS = [("", None, [], ""),
              ("_wgmma", "sm_90a", [], ""),
              ("_wgmma_128x64", "sm_90a", [], ", block_M=128, block_N=64, threads=256"),
              ("_wgmma_128x128", "sm_90a", [], ", block_M=128, block_N=128, threads=256"),
              ("_wgmma_128x128_s3", "sm_90a", [], ", block_M=128, block_N=128, num_stages=3, threads=256"),
              ("_wgmma_128x64_1role", "sm_90a", ["--no-warp-specialize"], ", block_M=128, block_N=64, threads=256"),
              ("_wgmma_128x128_1role", "sm_90a", ["--no-warp-specialize"], ", block_M=128, block_N=128, threads=256"),
              ("_wgmma_notma", "sm_90a", ["--no-tma"], "")]

# name, kernel file, factory call, kind, sizes, dtype, arch, flags. Flagged GEMM tilings only for one size
# and non-causal attention: enough to compare, fewer kernels to build on the GPU machine.
CASES = [(f"gemm_{dt}_{n}{suffix}", GEMM, f'matmul({n}, {n}, {n}, {args}, dtype="{dtn}")', "GEMM", (n, n, n, 0, 0),
          dt, arch, flags)
         for dt, dtn, n in GEMM_SIZES for suffix, arch, flags, args in GEMM_TILINGS
         if not flags or (dt, n) == ("fp16", 8192)]
CASES += [(f"fa_{'causal' if c else 'full'}{suffix}", FA, f"flash_attention({b}, {h}, {s}, {d}, {c}{args})", "FA",
           (b, h, s, d, int(c)), "fp16", arch, flags)
          for b, h, s, d, c in FA_SIZES for suffix, arch, flags, args in FA_TILINGS if "--no-tma" not in flags or not c]


def emit(tilec, name, path, call, arch, flags, out):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([tilec, "compile", path, "--target", "cuda", "--call", call, "-o", tmp] +
                       (["--arch", arch] if arch else []) + flags, check=True)
        src = open(os.path.join(tmp, "kernel.cu")).read()
        launch = json.load(open(os.path.join(tmp, "launch.json")))
    kernel = launch["kernel"]
    src, n = re.subn(r"\b__global__ void (__launch_bounds__\(\d+\) )?%s\(" % re.escape(kernel),
                     lambda m: m.group(0).replace(kernel + "(", f"tilec_{name}("), src, count=1)
    if n != 1:
        sys.exit(f"emit.py: cannot find kernel {kernel} in the emitted source of {name}")
    grid = [int(eval(str(g), {"__builtins__": {}})) for g in launch["grid"]]
    while len(grid) < 3:
        grid.append(1)
    block = launch["block"]
    smem = launch["dynamic_shared_bytes"]
    nparams = len(launch["params"])
    maps = launch.get("tensor_maps", [])
    src += f"""
// Added by bench/gpu/emit.py: launches the kernel above as launch.json says.
#include <cuda_runtime.h>
{tensor_map_encoder() if maps else ""}extern "C" cudaError_t launch_{name}(void **args, cudaStream_t stream) {{
  if ({smem} > 0) {{
    cudaError_t e = cudaFuncSetAttribute(tilec_{name}, cudaFuncAttributeMaxDynamicSharedMemorySize, {smem});
    if (e != cudaSuccess) return e;
  }}
{tensor_map_args(launch, maps) if maps else ""}  return cudaLaunchKernel((const void *)tilec_{name}, dim3({grid[0]}, {grid[1]}, {grid[2]}),
                          dim3({block[0]}, {block[1]}, {block[2]}), {"all" if maps else "args"}, {smem}, stream);
}}
"""
    open(os.path.join(out, name + ".cu"), "w").write(src)
    return nparams


def tensor_map_encoder():
    """cuTensorMapEncodeTiled through the runtime's driver entry point (no -lcuda), and the
    descriptor type the kernel takes (kernel.cu defines tilec_tensor_map: CUtensorMap's 128 bytes)."""
    return """// TMA descriptors (launch.json's tensor_maps), encoded by the driver's cuTensorMapEncodeTiled.
typedef int (*tilec_encode_tiled)(void *, int, unsigned, void *, const unsigned long long *, const unsigned long long *,
                                  const unsigned *, const unsigned *, int, int, int, int);
static cudaError_t tilec_encode(tilec_tensor_map *map, int dtype, unsigned rank, void *base,
                                const unsigned long long *dims, const unsigned long long *strides,
                                const unsigned *box, int swizzle) {
  static tilec_encode_tiled encode = nullptr;
  if (!encode) {
    cudaDriverEntryPointQueryResult status;
    cudaError_t e = cudaGetDriverEntryPointByVersion("cuTensorMapEncodeTiled", (void **)&encode, 12000,
                                                     cudaEnableDefault, &status);
    if (e != cudaSuccess || status != cudaDriverEntryPointSuccess || !encode) return cudaErrorNotSupported;
  }
  const unsigned ones[5] = {1, 1, 1, 1, 1};
  // no interleave, the given swizzle, L2 promotion 128B, zero fill out of bounds
  return encode(map, dtype, rank, base, dims, strides, box, ones, 0, swizzle, 2, 0) == 0 ? cudaSuccess
                                                                                         : cudaErrorInvalidValue;
}
"""


# CUtensorMapDataType and CUtensorMapSwizzle values (cuda.h).
TMA_DTYPES = {"float16": 6, "bfloat16": 9, "float32": 7, "uint8": 0, "int8": 0}
TMA_SWIZZLE = {0: 0, 32: 1, 64: 2, 128: 3}


def tensor_map_args(launch, maps):
    """Encodes each tensor map (after the tensors and sizes, in launch.json's order) and appends it
    to the kernel arguments: `all`. Dimensions go to the driver innermost first."""
    nargs = len(launch["params"]) + len(launch["size_params"])
    out = f"  static tilec_tensor_map maps[{len(maps)}];\n  void *all[{nargs + len(maps)}];\n"
    out += f"  for (int i = 0; i < {nargs}; ++i) all[i] = args[i];\n"
    for i, m in enumerate(maps):
        rank = len(m["dims"])
        dims = [str(int(eval(str(d), {"__builtins__": {}}))) for d in reversed(m["dims"])]
        strides = [str(int(eval(str(s), {"__builtins__": {}}))) for s in reversed(m["strides_bytes"][:-1])]
        box = [str(b) for b in reversed(m["box"])]
        out += (f"  {{\n    const unsigned long long dims[] = {{{', '.join(dims)}}}, strides[] = {{{', '.join(strides or ['0'])}}};\n"
                f"    const unsigned box[] = {{{', '.join(box)}}};\n"
                f"    cudaError_t e = tilec_encode(&maps[{i}], {TMA_DTYPES[m['dtype']]}, {rank}, *(void **)args[{m['tensor']}], dims, "
                f"strides, box, {TMA_SWIZZLE[m['swizzle']]});\n"
                f"    if (e != cudaSuccess) return e;\n    all[{nargs + i}] = &maps[{i}];\n  }}\n")
    return out


def main():
    tilec = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "tilec")
    hopper = os.path.join(OUT, "sm90a")
    os.makedirs(hopper, exist_ok=True)
    decls, rows, hopperDecls, hopperRows = [], [], [], []
    for name, path, call, kind, sizes, dt, arch, flags in CASES:
        d, r, out = (hopperDecls, hopperRows, hopper) if arch == "sm_90a" else (decls, rows, OUT)
        emit(tilec, name, path, call, arch, flags, out)
        d.append(f'extern "C" cudaError_t launch_{name}(void **args, cudaStream_t stream);')
        r.append(f'  {{"{name}", Kind::{kind}, DType::{dt.upper()}, {{{", ".join(map(str, sizes))}}}, launch_{name}}},')
    with open(os.path.join(OUT, "cases.inc"), "w") as f:
        f.write("// Generated by bench/gpu/emit.py: the kernels bench.cu times (generated/sm90a: --arch sm_90a).\n")
        f.write("\n".join(decls) + "\n#ifdef TILEC_SM90A\n" + "\n".join(hopperDecls) + "\n#endif\n\n")
        f.write("const Case kCases[] = {\n" + "\n".join(rows) + "\n#ifdef TILEC_SM90A\n" + "\n".join(hopperRows) +
                "\n#endif\n};\n")
    print(f"emit.py: {len(CASES)} kernels in {OUT} ({len(hopperRows)} of them for sm_90a in {hopper})")


if __name__ == "__main__":
    main()
