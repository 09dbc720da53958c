# Blocks that overhang their tensors (96 = 64 + 32: the last block of every dimension has one tile
# past the edge). Each transfer is bounded by the tensor's tile extents: the reader zero-fills the CB
# page of a tile outside the tensor, the writer skips it, and both still push / pop whole blocks.
# Bounds the index ranges prove (M = 64: one block row) are not tested.
# RUN: %tilec compile %s --target tt --policy contiguous --chunk-k-tiles 2 -D M=64 -D N=96 -D K=96 -o %t
# RUN: FileCheck %s --check-prefix=READER < %t/kernels/reader.cpp
# RUN: FileCheck %s --check-prefix=WRITER < %t/kernels/writer.cpp
# Sizes that divide the blocks: no bounds test at all.
# RUN: %tilec compile %s --target tt --policy contiguous --chunk-k-tiles 2 -D M=128 -D N=128 -D K=128 -o %t.even
# RUN: FileCheck %s --check-prefix=EVEN < %t.even/kernels/reader.cpp
# RUN: FileCheck %s --check-prefix=EVEN < %t.even/kernels/writer.cpp
import tilelang.language as T

@T.prim_func
def gemm(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((K, N), "bfloat16"), C: T.Tensor((M, N), "bfloat16")):
    with T.Kernel(T.ceildiv(N, 64), T.ceildiv(M, 64)) as (bx, by):
        A_shared = T.alloc_shared((64, 64), "bfloat16")
        B_shared = T.alloc_shared((64, 64), "bfloat16")
        C_local = T.alloc_fragment((64, 64), "float32")
        T.clear(C_local)
        for k in T.Pipelined(T.ceildiv(K, 64), num_stages=2):
            T.copy(A[by * 64, k * 64], A_shared)
            T.copy(B[k * 64, bx * 64], B_shared)
            T.gemm(A_shared, B_shared, C_local)
        T.copy(C_local, C[by * 64, bx * 64])

# READER: cb_reserve_back(cb_A_shared, 4);
# READER: if ((k * 2 + tile_c) < 3) {
# READER-NEXT: noc_async_read_page((by * 2 + tile_r) * 3 + k * 2 + tile_c, A_dram, A_shared_l1_addr);
# READER: if (!((k * 2 + tile_c) < 3)) {
# READER-NEXT: volatile tt_l1_ptr uint32_t* zeros = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(A_shared_l1_addr);
# READER-NEXT: for (uint32_t w = 0; w < 512; ++w) {
# READER-NEXT: zeros[w] = 0;
# READER: A_shared_l1_addr += 2048;
# READER: cb_push_back(cb_A_shared, 4);
# READER: cb_reserve_back(cb_B_shared, 4);
# READER: if ((k * 2 + tile_r) < 3 && (bx * 2 + tile_c) < 3) {
# READER-NEXT: noc_async_read_page((k * 2 + tile_r) * 3 + bx * 2 + tile_c, B_dram, B_shared_l1_addr1);
# READER: cb_push_back(cb_B_shared, 4);

# WRITER: cb_wait_front(cb_C_local_out, 4);
# WRITER: if ((bx * 2 + tile_c) < 3) {
# WRITER-NEXT: noc_async_write_page((by * 2 + tile_r) * 3 + bx * 2 + tile_c, C_dram, C_local_out_l1_addr);
# WRITER-NEXT: }
# WRITER-NEXT: C_local_out_l1_addr += 2048;
# WRITER: cb_pop_front(cb_C_local_out, 4);
# WRITER-NOT: zeros

# EVEN-NOT: if (
# EVEN-NOT: zeros
