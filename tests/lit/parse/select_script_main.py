# RUN: %tilec compile %s --emit ir-raw | FileCheck %s --check-prefix=BLOCK
# RUN: %tilec compile %s --call "main(512)" --emit ir-raw | FileCheck %s --check-prefix=MAIN
# RUN: %tilec compile %s --call "bench()" --emit ir-raw | FileCheck %s --check-prefix=NESTED
# RUN: not %tilec compile %s --call "report()" 2>&1 | FileCheck %s --check-prefix=NONE
# RUN: %tilec compile %s --call "from_options()" --emit ir-raw | FileCheck %s --check-prefix=ARGS
# An example script compiles as it is: with no selection, the first kernel its
# `if __name__ == "__main__":` block builds (host code around it — argparse, torch, prints — is
# tolerated, as at module level), at the script's sizes (argparse options at their defaults: no
# command line); `--call "main(512)"` runs a driver
# function the same way, also through the drivers it calls. Parameters an @autotune leaves to the
# tuner come from its first config (compile-only: nothing is timed).
import argparse
import itertools
import torch
import tilelang
import tilelang.language as T


def get_configs():
    return [dict(zip(("block", "threads"), v)) for v in itertools.product([64, 128], [128, 256])]


@tilelang.autotune(configs=get_configs(), warmup=3)
@tilelang.jit(out_idx=[-1])
def scale(M, block, threads):
    @T.prim_func
    def main(A: T.Tensor((M,), "float32"), B: T.Tensor((M,), "float32")):
        with T.Kernel(T.ceildiv(M, block), threads=threads) as bx:
            for i in T.Parallel(block):
                B[bx * block + i] = A[bx * block + i] * 2.0
    return main


def main(M=1024):
    a = torch.randn(M, device="cuda")
    kernel = scale(M)
    b = kernel(a)
    torch.testing.assert_close(b, a * 2)


def bench():
    print("benchmarking")
    main(M=2048)


def from_options():
    parser = argparse.ArgumentParser(description="sizes")
    parser.add_argument("--seq-len", type=int, default="768")
    parser.add_argument("-b", "--block", dest="blk", type=int, default=256)
    group = parser.add_argument_group("tuning")
    group.add_argument("--fast", action="store_true")
    parser.set_defaults(threads=256)
    args = parser.parse_args()
    if not args.fast:
        kernel = scale(args.seq_len, block=args.blk, threads=args.threads)


def report():
    print("nothing built here")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--m", type=int, default=4096)
    args = parser.parse_args()
    kernel = scale(256, block=128)
    main(args.m)
# BLOCK: kernel main(A: float32[256], B: float32[256])
# BLOCK: grid bx < 2; threads 128
# MAIN: kernel main(A: float32[512], B: float32[512])
# MAIN: grid bx < 8; threads 128
# NESTED: kernel main(A: float32[2048], B: float32[2048])
# ARGS: kernel main(A: float32[768], B: float32[768])
# ARGS: grid bx < 3; threads 256
# NONE: --call:1:1: error: 'report()' builds no kernel tilec can see: a function that does not return a kernel runs up to the first statement that binds one
