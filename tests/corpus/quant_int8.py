# Corpus: per-row symmetric int8 quantisation — row absmax by T.reduce_absmax, scale = amax/127,
# q = int8(clamp(x / scale, -128, 127)) with T.clamp, scales written as fp32 next to the int8
# tensor.
# tilec: --call "quant_int8(64, 128)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[1, 2])
def quant_int8(M, N, block_M=16, dtype="float16"):

    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), Q: T.Tensor((M, N), "int8"), S: T.Tensor((M,), "float32")):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
            x = T.alloc_fragment((block_M, N), "float32")
            amax = T.alloc_fragment((block_M,), "float32")
            q = T.alloc_fragment((block_M, N), "int8")
            T.copy(X[bx * block_M, 0], x)
            T.reduce_absmax(x, amax, dim=1)
            for i in T.Parallel(block_M):
                amax[i] = T.max(amax[i], 1e-4) / 127.0
            for i, j in T.Parallel(block_M, N):
                q[i, j] = T.cast(T.clamp(x[i, j] / amax[i], -128.0, 127.0), "int8")
            T.copy(q, Q[bx * block_M, 0])
            T.copy(amax, S[bx * block_M])

    return main
