# build-index-tiles: a T.Parallel nest whose value depends on the element's row and column (a causal
# mask, a masked choice) is raised to a map, and each index-only part of the value becomes a float32
# index tile the reader builds; a choice between tile values becomes SFPU min/max with index tiles
# (`c ? x : 0` = max(min(x, c ? inf : -inf), c ? -inf : 0)); a guarded store is such a choice.
# RUN: %tilec compile %s --target tt --stop-after=inline-parallel-lets | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=build-index-tiles | FileCheck %s --check-prefix=AFTER
# RUN: %tilec compile %s --target tt --stop-after=lower-data-movement | FileCheck %s --check-prefix=READER
import tilelang.language as T

@T.prim_func
def masks(A: T.Tensor((64, 64), "float32"), B: T.Tensor((64, 64), "float32"),
          C: T.Tensor((64, 64), "float32")):
    with T.Kernel(2, 2) as (bx, by):
        a = T.alloc_fragment((32, 32), "float32")
        c = T.alloc_fragment((32, 32), "float32")
        T.copy(A[by * 32, bx * 32], a)
        for i, j in T.Parallel(32, 32):
            c[i, j] = T.if_then_else(by * 32 + i >= bx * 32 + j, 0, -T.infinity("float32"))
        for i, j in T.Parallel(32, 32):
            a[i, j] = T.if_then_else(by * 32 + i < bx * 32 + j, a[i, j], 0) + c[i, j]
        for i, j in T.Parallel(32, 32):
            if by * 32 + i < 40:
                c[i, j] = a[i, j]
        T.copy(a, B[by * 32, bx * 32])
        T.copy(c, C[by * 32, bx * 32])

# BEFORE:      for i in parallel(32):
# BEFORE-NEXT:   for j in parallel(32):
# BEFORE-NEXT:     c[i, j] = select(by * 32 + i >= bx * 32 + j, 0.0, -inf)
# BEFORE:      for i in parallel(32):
# BEFORE-NEXT:   for j in parallel(32):
# BEFORE-NEXT:     a[i, j] = select(by * 32 + i < bx * 32 + j, a[i, j], 0.0) + c[i, j]
# BEFORE:      for i in parallel(32):
# BEFORE-NEXT:   for j in parallel(32):
# BEFORE-NEXT:     if by * 32 + i < 40:
# BEFORE-NEXT:       c[i, j] = a[i, j]

# AFTER-NOT:   parallel
# AFTER:       map(i, j) c_idx[0 +: 32, 0 +: 32] = cast<float32>(select(by * 32 + i >= bx * 32 + j, 0.0, -inf))
# AFTER-NEXT:  map(i, j) c[0 +: 32, 0 +: 32] = cast<float32>(c_idx[i, j])
# AFTER-NEXT:  map(i, j) a_idx1[0 +: 32, 0 +: 32] = cast<float32>(select(by * 32 + i < bx * 32 + j, inf, -inf))
# AFTER-NEXT:  map(i, j) a_idx2[0 +: 32, 0 +: 32] = cast<float32>(select(by * 32 + i < bx * 32 + j, -inf, 0.0))
# AFTER-NEXT:  map(i, j) a[0 +: 32, 0 +: 32] = max(min(a[i, j], cast<float32>(a_idx1[i, j])), cast<float32>(a_idx2[i, j])) + c[i, j]
# AFTER-NEXT:  map(i, j) c_idx3[0 +: 32, 0 +: 32] = cast<float32>(select(by * 32 + i < 40, inf, -inf))
# AFTER-NEXT:  map(i, j) c_idx4[0 +: 32, 0 +: 32] = cast<float32>(select(by * 32 + i < 40, -inf, inf))
# AFTER-NEXT:  map(i, j) c[0 +: 32, 0 +: 32] = max(min(a[i, j], cast<float32>(c_idx3[i, j])), min(c[i, j], cast<float32>(c_idx4[i, j])))

# READER:      // c_idx = cast<float32>(select(by * 32 + i >= bx * 32 + j, 0.0, -inf)), built element by element
# READER:      cb_reserve_back(cb_c_idx, 1);
# READER:      for (uint32_t face = 0; face < 4; ++face) {
# READER:      c_idx_words[c_idx_w] = float_bits((by * 32 + (face / 2 * 16 + face_r) >= bx * 32 + (face % 2 * 16 + face_c) ? 0.0f : -INFINITY));
# READER:      cb_push_back(cb_c_idx, 1);
