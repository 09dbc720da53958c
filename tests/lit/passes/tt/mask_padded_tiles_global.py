# mask-padded-tiles on a reduction straight from DRAM: staging copies the 32x16 region into a tile
# whose padding columns are zeros, which a max must not see (negative rows would reduce to 0), so the
# region is masked with -inf; a sum over the same region needs no mask.
# RUN: %tilec compile %s --target tt --stop-after=mask-padded-tiles | FileCheck %s
import tilelang.language as T

@T.prim_func
def global_reduce(X: T.Tensor((64, 16), "float32"), R: T.Tensor((64,), "float32"), S: T.Tensor((64,), "float32")):
    with T.Kernel(2) as bx:
        mx = T.alloc_fragment((32,), "float32")
        sm = T.alloc_fragment((32,), "float32")
        T.reduce_max(X[bx * 32:(bx + 1) * 32, 0:16], mx, dim=1)
        T.reduce_sum(X[bx * 32:(bx + 1) * 32, 0:16], sm, dim=1)
        T.copy(mx, R[bx * 32])
        T.copy(sm, S[bx * 32])

# CHECK:      map(i, j) X_masked[0 +: 32, 0 +: 16] = select(j < 16, X[bx * 32 + i, j], -inf)
# CHECK-NEXT: reduce_max(X_masked[0 +: 32, 0 +: 16] -> mx[0 +: 32], dim=1)
# CHECK-NEXT: reduce_sum(X[bx * 32 +: 32, 0 +: 16] -> sm[0 +: 32], dim=1)
