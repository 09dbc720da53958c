# Hygiene: the kernel itself named with a C++ keyword (`do`; the fuzzer also found `export` and
# `true`). The CUDA/HIP entry point must not be declared as `void do(`: it is emitted as `do_kernel`
# and launched under that name (launch.json), like TileLang's `main_kernel`.
import tilelang.language as T


@T.prim_func
def do(A: T.Tensor((64, 64), "bfloat16"), B: T.Tensor((64, 64), "bfloat16")):
    with T.Kernel(2, 2, threads=128) as (bx, by):
        a = T.alloc_shared((32, 32), "bfloat16")
        b = T.alloc_fragment((32, 32), "bfloat16")
        T.copy(A[by * 32, bx * 32], a)
        for i, j in T.Parallel(32, 32):
            b[i, j] = a[i, j] * 2.0 + 1.0
        T.copy(b, B[by * 32, bx * 32])
