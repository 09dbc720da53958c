# Corpus (eager style): per-row absolute maximum and the quantisation scale it gives (absmax /
# 127), the first pass of int8 quantisation; two outputs.
# tilec: --call "absmax_scale.compile(M=64, N=128, block_M=32, block_N=64)"
import tilelang
import tilelang.language as T


@tilelang.jit
def absmax_scale(X, block_M, block_N, dtype=T.bfloat16):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), dtype)
    Amax = T.empty((M,), T.float32)
    Scale = T.empty((M,), T.float32)

    with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
        x = T.alloc_fragment((block_M, block_N), T.float32)
        part = T.alloc_fragment((block_M,), T.float32)
        amax = T.alloc_fragment((block_M,), T.float32)
        scale = T.alloc_fragment((block_M,), T.float32)
        T.clear(amax)
        for k in T.serial(T.ceildiv(N, block_N)):
            T.copy(X[bx * block_M, k * block_N], x)
            T.reduce_absmax(x, part, dim=1)
            for i in T.Parallel(block_M):
                amax[i] = T.max(amax[i], part[i])
        for i in T.Parallel(block_M):
            scale[i] = amax[i] / 127.0
        T.copy(amax, Amax[bx * block_M])
        T.copy(scale, Scale[bx * block_M])

    return Amax, Scale
