# RUN: %tilec run %s --call "scale_rows.compile(N=32)" -D limit=40 --target gpu-interp | FileCheck %s
# RUN: %tilec run %s --call "scale_rows.compile(N=32)" -D limit=40 --target cuda-host | FileCheck %s
# RUN: %tilec compile %s --call "scale_rows.compile(N=32)" --emit ir | FileCheck %s --check-prefix=IR
# A T.dynamic size that no shape mentions, only a guard in the body, is still a size of the kernel
# (it was left out, and gpu-interp stopped with "unbound variable limit").
import tilelang
import tilelang.language as T


@tilelang.jit
def scale_rows(X, block=32):
    N = T.const("N")
    X: T.Tensor((64, N), "float32")
    Y = T.empty((64, N), "float32")
    limit = T.dynamic("limit")
    with T.Kernel(T.ceildiv(64, block)) as bx:
        for i, j in T.Parallel(block, N):
            Y[bx * block + i, j] = T.if_then_else(bx * block + i < limit, X[bx * block + i, j] * 2.0, 0.0)
    return Y

# CHECK: PASS
# IR: sizes limit
