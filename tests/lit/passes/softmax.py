# Factory-style softmax: whole-tile ops pass through; element-wise nests with row broadcasts → map.
# RUN: %tilec compile %s --call "softmax(128, 64, 32)" --emit ir | FileCheck %s
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[-1])
def softmax(M, N, bm, dtype="float16"):
    @T.prim_func
    def kernel(X: T.Tensor((M, N), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(M, bm), threads=128) as bx:
            xs = T.alloc_fragment((bm, N), "float32")
            mx = T.alloc_fragment((bm,), "float32")
            sm = T.alloc_fragment((bm,), "float32")
            T.copy(X[bx * bm, 0], xs)
            T.reduce_max(xs, mx, dim=1)
            for i, j in T.Parallel(bm, N):
                xs[i, j] = T.exp(xs[i, j] - mx[i])
            T.reduce_sum(xs, sm, dim=1)
            for i, j in T.Parallel(bm, N):
                xs[i, j] = xs[i, j] / sm[i]
            T.copy(xs, Y[bx * bm, 0])
    return kernel

# CHECK-LABEL: body:
# CHECK-NEXT: copy(X[bx * 32 +: 32, 0 +: 64] -> xs[0 +: 32, 0 +: 64])
# CHECK-NEXT: reduce_max(xs[0 +: 32, 0 +: 64] -> mx[0 +: 32], dim=1)
# CHECK-NEXT: map(i, j) xs[0 +: 32, 0 +: 64] = exp(xs[i, j] - mx[i])
# CHECK-NEXT: reduce_sum(xs[0 +: 32, 0 +: 64] -> sm[0 +: 32], dim=1)
# CHECK-NEXT: map(i, j) xs[0 +: 32, 0 +: 64] = xs[i, j] / sm[i]
# CHECK-NEXT: copy(xs[0 +: 32, 0 +: 64] -> Y[bx * 32 +: 32, 0 +: 64])
