# Corpus: T.cumsum in its forms — along rows into a fragment (through a shared scratch tile),
# reversed into another shared tile, in place down the columns of a shared tile, and a reversed
# in-place scan of a 1-D shared vector.
# tilec: --call "scans(48, 24)"
import tilelang
import tilelang.language as T


@tilelang.jit
def scans(M, N, block_M=16):

    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), V: T.Tensor((M,), "float32"),
             Rows: T.Tensor((M, N), "float32"), RowsRev: T.Tensor((M, N), "float32"),
             Cols: T.Tensor((M, N), "float32"), VRev: T.Tensor((M,), "float32")):
        with T.Kernel(T.ceildiv(M, block_M), threads=64) as bx:
            A_s = T.alloc_shared((block_M, N), "float32")
            R_s = T.alloc_shared((block_M, N), "float32")
            v_s = T.alloc_shared((block_M,), "float32")
            F = T.alloc_fragment((block_M, N), "float32")
            T.copy(A[bx * block_M, 0], A_s)
            T.copy(V[bx * block_M], v_s)

            T.cumsum(A_s, F, dim=1)
            T.copy(F, Rows[bx * block_M, 0])
            T.cumsum(A_s, R_s, dim=-1, reverse=True)
            T.copy(R_s, RowsRev[bx * block_M, 0])
            T.cumsum(A_s, dim=0)
            T.copy(A_s, Cols[bx * block_M, 0])
            T.cumsum(v_s, reverse=True)
            T.copy(v_s, VRev[bx * block_M])

    return main
