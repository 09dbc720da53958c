# Corpus (eager style): grouped GEMM with group sizes known at compile time — each group g has its
# own rows of A and its own weight B[g]; the grid walks every group's row blocks and a block finds
# its group by comparing its index with the groups' first blocks (offsets computed in Python).
# tilec: --call "grouped_gemm.compile(N=64, K=64, group_rows=(64, 32, 96), block_M=32, block_N=32, block_K=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def grouped_gemm(A, B, group_rows, block_M, block_N, block_K, dtype=T.float16, accum_dtype=T.float32):
    N, K = T.const("N, K")
    G = len(group_rows)
    total = sum(group_rows)
    first_block = [0]
    for rows in group_rows:
        first_block.append(first_block[-1] + T.ceildiv(rows, block_M))
    first_row = [sum(group_rows[:g]) for g in range(G)]
    A: T.Tensor((total, K), dtype)
    B: T.Tensor((G, K, N), dtype)
    C = T.empty((total, N), dtype)

    with T.Kernel(T.ceildiv(N, block_N), first_block[G], threads=128) as (bx, by):
        a = T.alloc_shared((block_M, block_K), dtype)
        b = T.alloc_shared((block_K, block_N), dtype)
        c = T.alloc_fragment((block_M, block_N), accum_dtype)
        for g in list(range(G)):  # a Python list: unrolled at compile time, one branch per group
            if by >= first_block[g] and by < first_block[g + 1]:
                row0 = first_row[g] + (by - first_block[g]) * block_M
                T.clear(c)
                for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                    T.copy(A[row0, k * block_K], a)
                    T.copy(B[g, k * block_K:(k + 1) * block_K, bx * block_N:(bx + 1) * block_N], b)
                    T.gemm(a, b, c)
                T.copy(c, C[row0, bx * block_N])

    return C
