# widen-integer-tiles: the int8 tile q, filled from its tensor and read only through a cast to
# float, becomes a float32 tile (its copy from Q now widens); the int32 tile k, also copied back
# out as it is (COPY_K_OUT=1), stays int32 (and validate-tt then refuses the cast of it). The
# reader reads q's int8 pages into the top of each float32 page and widens them in place after
# the barrier.
# RUN: %tilec compile %s --target tt -D COPY_K_OUT=1 --stop-after=lower-tile-choices | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt -D COPY_K_OUT=1 --stop-after=widen-integer-tiles | FileCheck %s --check-prefix=AFTER
# RUN: %tilec compile %s --target tt -D COPY_K_OUT=0 -o %t
# RUN: FileCheck %s --check-prefix=READER < %t/kernels/reader.cpp
import tilelang.language as T

@T.prim_func
def dequant(Q: T.Tensor((32, 32), "int8"), I: T.Tensor((32, 32), "int32"), Y: T.Tensor((32, 32), "float16"),
            J: T.Tensor((32, 32), "int32")):
    with T.Kernel(1) as bx:
        q = T.alloc_shared((32, 32), "int8")
        k = T.alloc_shared((32, 32), "int32")
        y = T.alloc_fragment((32, 32), "float16")
        T.copy(Q[0, 0], q)
        T.copy(I[0, 0], k)
        for i, j in T.Parallel(32, 32):
            y[i, j] = T.cast(q[i, j], "float16") * 0.5 + T.cast(k[i, j], "float16")
        if COPY_K_OUT:
            T.copy(k, J[0, 0])
        T.copy(y, Y[0, 0])

# BEFORE: alloc q: shared int8[32, 32]
# BEFORE: alloc k: shared int32[32, 32]

# AFTER: alloc q: shared float32[32, 32]
# AFTER: alloc k: shared int32[32, 32]
# AFTER: copy(Q[0 +: 32, 0 +: 32] -> q[0 +: 32, 0 +: 32])
# AFTER: map(i, j) y[0 +: 32, 0 +: 32] = cast<float16>(q[i, j]) * 0.5 + cast<float16>(k[i, j])

# READER: inline uint32_t widen_pages(uint32_t addr, uint32_t pages) {
# READER: noc_async_read_page(0, Q_dram, q_l1_addr + 3072);
# READER: noc_async_read_barrier();
# READER-NEXT: {{.*}} const uint32_t q_widened = widen_pages<int8_t>(get_write_ptr(cb_q), 1);
# READER-NEXT: cb_push_back(cb_q, 1);
