# plan-tensors for tiles smaller than 32: a tensor moved in tiles of 16 columns (A) or 16 rows (B)
# is stored with 16 per page (page_elements), its tile grid counted in such pages; a matrix whose
# rows are read into column vectors (Mx) is stored transposed, a row per page column. The reader
# then finds each tile at a whole page (`ko` pages along K, not `ko * 16 / 32`), and the host's
# TileLayout carries the page extents (and for Mx the strides of the transposed view). With
# --chunk-k-tiles 1 the K loop keeps its steps of 16 (chunk-k-loops would merge four of them into
# one 64-wide step, padding-free).
# RUN: %tilec compile %s --target tt --chunk-k-tiles 1 --stop-after=plan-circular-buffers | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --chunk-k-tiles 1 --stop-after=plan-tensors | FileCheck %s --check-prefix=AFTER
# RUN: %tilec compile %s --target tt --chunk-k-tiles 1 -o %t
# RUN: FileCheck %s --check-prefix=READER < %t/kernels/reader.cpp
# RUN: FileCheck %s --check-prefix=HOST < %t/host.cpp
import tilelang.language as T

@T.prim_func
def small(A: T.Tensor((64, 64), "float32"), B: T.Tensor((64, 64), "float32"), Mx: T.Tensor((2, 32), "float32"),
          C: T.Tensor((64, 64), "float32")):
    with T.Kernel(2, 2) as (bx, by):
        a = T.alloc_shared((32, 16), "float32")
        b = T.alloc_shared((16, 32), "float32")
        m = T.alloc_fragment((32,), "float32")
        c = T.alloc_fragment((32, 32), "float32")
        T.clear(c)
        for ko in T.serial(4):
            T.copy(A[by * 32, ko * 16], a)
            T.copy(B[ko * 16, bx * 32], b)
            T.gemm(a, b, c)
        T.copy(Mx[by, 0:32], m)
        for i, j in T.Parallel(32, 32):
            c[i, j] = c[i, j] + m[i]
        T.copy(c, C[by * 32, bx * 32])

# BEFORE:      "tensors": []

# AFTER:       "name": "A",
# AFTER:       "page_elements": [
# AFTER-NEXT:    32,
# AFTER-NEXT:    16
# AFTER:       "tile_grid": [
# AFTER-NEXT:    "1",
# AFTER-NEXT:    "2",
# AFTER-NEXT:    "4"
# AFTER:       "name": "B",
# AFTER:       "page_elements": [
# AFTER-NEXT:    16,
# AFTER-NEXT:    32
# AFTER:       "tile_grid": [
# AFTER-NEXT:    "1",
# AFTER-NEXT:    "4",
# AFTER-NEXT:    "2"
# AFTER:       "name": "Mx",
# AFTER:       "page_elements": [
# AFTER-NEXT:    32,
# AFTER-NEXT:    1
# AFTER:       "tile_grid": [
# AFTER-NEXT:    "1",
# AFTER-NEXT:    "1",
# AFTER-NEXT:    "2"

# READER:      noc_async_read_page(by * 4 + ko, A_dram, a_l1_addr);
# READER:      noc_async_read_page(by, Mx_dram, m_l1_addr1);

# HOST:        const TileLayout A_layout{PageFormat::Float32, 1, 64, 64, false, {}, 0, 1, 32, 16};
# HOST:        const TileLayout B_layout{PageFormat::Float32, 1, 64, 64, false, {}, 0, 1, 16, 32};
# HOST:        const TileLayout Mx_layout{PageFormat::Float32, 1, 32, 2, false, {}, 1, 32, 32, 1};
# HOST:        const TileLayout C_layout{PageFormat::Float32, 1, 64, 64, false};
