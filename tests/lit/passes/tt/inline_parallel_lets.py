# inline-parallel-lets: a let inside a T.Parallel nest is substituted into its uses, and the nest
# becomes an element-wise tile op.
# RUN: %tilec compile %s --target tt --stop-after=apply-tt-defaults | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=inline-parallel-lets | FileCheck %s --check-prefix=AFTER
import tilelang.language as T

@T.prim_func
def square_sum(A: T.Tensor((64, 64), "bfloat16"), B: T.Tensor((64, 64), "bfloat16"),
               C: T.Tensor((64, 64), "bfloat16")):
    with T.Kernel(2, 2) as (bx, by):
        a = T.alloc_shared((32, 32), "bfloat16")
        b = T.alloc_shared((32, 32), "bfloat16")
        c = T.alloc_shared((32, 32), "bfloat16")
        T.copy(A[by * 32, bx * 32], a)
        T.copy(B[by * 32, bx * 32], b)
        for i, j in T.Parallel(32, 32):
            s = a[i, j] + b[i, j]
            c[i, j] = s * s
        T.copy(c, C[by * 32, bx * 32])

# BEFORE: let s = a[i, j] + b[i, j]
# AFTER-NOT: let s
# AFTER: map
