# mask-padded-tiles: a tile dimension below 32 is held padded in one 32x32 tile. Before a
# reduction over such a dimension, and a GEMM whose K is such a dimension, the operand is masked
# into a fresh tile (`j < 16 ? x : neutral`: -inf before a max, 0 before a sum or a product), unless
# its padding is already zero (a tile only copied from DRAM, before a sum or a GEMM). The reader
# evaluates the mask's condition at every element of the padded tile, so it is false on the padding.
# RUN: %tilec compile %s --target tt --stop-after=restore-unit-axes | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=mask-padded-tiles | FileCheck %s --check-prefix=AFTER
# RUN: %tilec compile %s --target tt --stop-after=lower-data-movement | FileCheck %s --check-prefix=READER
import tilelang.language as T

@T.prim_func
def padded(A: T.Tensor((64, 64), "float32"), B: T.Tensor((64, 32), "float32"),
           S: T.Tensor((64,), "float32"), C: T.Tensor((64, 32), "float32")):
    with T.Kernel(2) as bx:
        a = T.alloc_fragment((32, 16), "float32")
        b = T.alloc_shared((16, 32), "float32")
        mx = T.alloc_fragment((32,), "float32")
        sm = T.alloc_fragment((32,), "float32")
        c = T.alloc_fragment((32, 32), "float32")
        T.copy(A[bx * 32, 0], a)
        T.copy(B[0, 0], b)
        T.reduce_sum(a, sm, dim=1)
        for i, j in T.Parallel(32, 16):
            a[i, j] = a[i, j] - 1.0
        T.reduce_max(a, mx, dim=1)
        T.gemm(a, b, c, clear_accum=True)
        T.copy(sm, S[bx * 32])
        T.copy(c, C[bx * 32, 0])

# BEFORE:      reduce_sum(a[0 +: 32, 0 +: 16] -> sm[0 +: 32], dim=1)
# BEFORE-NEXT: map(i, j) a[0 +: 32, 0 +: 16] = a[i, j] - 1.0
# BEFORE-NEXT: reduce_max(a[0 +: 32, 0 +: 16] -> mx[0 +: 32], dim=1)
# BEFORE-NEXT: gemm(a[0 +: 32, 0 +: 16], b[0 +: 16, 0 +: 32] -> c[0 +: 32, 0 +: 32]

# `a` is written by a map, so its padding is not known to be zero: both its reductions and its
# GEMM are masked; `b` is only copied from DRAM, so its zero padding is left as it is.
# AFTER:       map(i, j) a_masked[0 +: 32, 0 +: 16] = select(j < 16, a[i, j], 0.0)
# AFTER-NEXT:  reduce_sum(a_masked[0 +: 32, 0 +: 16] -> sm[0 +: 32], dim=1)
# AFTER-NEXT:  map(i, j) a[0 +: 32, 0 +: 16] = a[i, j] - 1.0
# AFTER-NEXT:  map(i, j) a_masked1[0 +: 32, 0 +: 16] = select(j < 16, a[i, j], -inf)
# AFTER-NEXT:  reduce_max(a_masked1[0 +: 32, 0 +: 16] -> mx[0 +: 32], dim=1)
# AFTER-NEXT:  map(i, j) a_masked2[0 +: 32, 0 +: 16] = select(j < 16, a[i, j], 0.0)
# AFTER-NEXT:  gemm(a_masked2[0 +: 32, 0 +: 16], b[0 +: 16, 0 +: 32] -> c[0 +: 32, 0 +: 32]

# The reader builds the mask over all 32 columns of the padded tile: false from column 16 on.
# READER:      a_masked_idx_words[a_masked_idx_w] = float_bits((face % 2 * 16 + face_c < 16 ? INFINITY : -INFINITY));
# READER:      a_masked_idx1_words[a_masked_idx1_w] = float_bits((face % 2 * 16 + face_c < 16 ? -INFINITY : 0.0f));
