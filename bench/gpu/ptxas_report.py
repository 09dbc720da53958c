#!/usr/bin/env python3
"""Registers and spills of the CUDA tilec emits, as ptxas reports them (`nvcc -Xptxas -v`), per
kernel and architecture: a static look at register pressure without a GPU. For sm_90a the kernel
is lowered with `--arch sm_90a` (wgmma, TMA pipelines; add --no-tma for the cp.async ones).

usage: bench/gpu/ptxas_report.py [--tilec PATH] [--arch sm_80,sm_90a] FILE [tilec compile args...]
  e.g. bench/gpu/ptxas_report.py examples/gpu/gemm.py
       bench/gpu/ptxas_report.py examples/gpu/gemm.py --call 'matmul(4096, 4096, 4096, 128, 128, 32)'

Prints one row per (kernel, arch): registers, spill stores / loads (bytes), stack frame (bytes),
static shared memory (bytes; dynamic shared memory is not in it). Exit 0 when every kernel compiled, 1 when tilec or nvcc failed, 77 (with a
SKIP line) when nvcc is not installed ($NVCC, if set, names the compiler)."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def find_nvcc():
    if "NVCC" in os.environ:  # the compiler to use (a path that is not there: as if none were installed)
        return shutil.which(os.environ["NVCC"])
    return shutil.which("nvcc") or next(
        (p for p in ("/usr/local/cuda/bin/nvcc", "/opt/cuda/bin/nvcc") if os.path.exists(p)), None)


def parse_ptxas(log):
    """{kernel: {field: value}} from ptxas -v output (one 'Compiling entry function' block per kernel)."""
    kernels, current = {}, None
    for line in log.splitlines():
        m = re.search(r"Compiling entry function '([^']+)'", line)
        if m:
            current = kernels.setdefault(m.group(1), {})
            continue
        if current is None:
            continue
        m = re.search(r"(\d+) bytes stack frame, (\d+) bytes spill stores, (\d+) bytes spill loads", line)
        if m:
            current.update(stack=int(m.group(1)), spill_stores=int(m.group(2)), spill_loads=int(m.group(3)))
        m = re.search(r"Used (\d+) registers", line)
        if m:
            current["registers"] = int(m.group(1))
            s = re.search(r"(\d+) bytes smem", line)
            current["smem"] = int(s.group(1)) if s else 0
    return kernels


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tilec", default=os.path.join(ROOT, "build", "tilec"))
    ap.add_argument("--arch", default="sm_80,sm_90a", help="comma-separated nvcc architectures")
    ap.add_argument("file")
    args, tilec_args = ap.parse_known_args()
    nvcc = find_nvcc()
    if not nvcc:
        print("SKIP: nvcc not found (install the CUDA toolkit to see ptxas's register report)")
        return 77
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for arch in args.arch.split(","):
            # each architecture gets its own lowering: sm_90a's is the Hopper one (wgmma, TMA)
            out = os.path.join(tmp, arch)
            lowering = ["--arch", "sm_90a"] if arch == "sm_90a" else []
            r = subprocess.run([args.tilec, "compile", args.file, "--target", "cuda", "-o", out] + lowering + tilec_args,
                               capture_output=True, text=True)
            if r.returncode != 0:
                sys.stderr.write(r.stdout + r.stderr)
                return 1
            r = subprocess.run([nvcc, f"-arch={arch}", "-Xptxas", "-v", "-c", os.path.join(out, "kernel.cu"),
                                "-o", os.path.join(out, f"{arch}.o")], capture_output=True, text=True)
            if r.returncode != 0:
                sys.stderr.write(r.stdout + r.stderr)
                return 1
            for name, k in parse_ptxas(r.stdout + r.stderr).items():
                rows.append((name, arch, k.get("registers", 0), k.get("spill_stores", 0), k.get("spill_loads", 0),
                             k.get("stack", 0), k.get("smem", 0)))
    print(f"ptxas -v of {os.path.relpath(args.file)} (tilec --target cuda{' ' + ' '.join(tilec_args) if tilec_args else ''})")
    header = ("kernel", "arch", "registers", "spill stores", "spill loads", "stack", "static smem")
    width = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    for row in [header] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, width)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
